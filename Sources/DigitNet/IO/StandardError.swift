import Foundation

/// Writes `text` to standard error as it is, for messages and progress. A standard error that
/// cannot be written (`2>/dev/full`, closed) loses the text and nothing else: FileHandle's
/// write traps on a failed write, which had killed a batch before it wrote its report.
public func writeToStandardError(_ text: String) {
    _ = text.withCString { fputs($0, stderr) }
}

/// `text` with its line breaks written as `\n` and `\r`: a message naming a file whose name
/// holds one stays one line, as every error on standard error is (log readers go by lines).
public func oneLine(_ text: String) -> String {
    text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
}
