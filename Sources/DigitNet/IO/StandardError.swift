import Foundation

/// Writes `text` to standard error as it is, for messages and progress. A standard error that
/// cannot be written (`2>/dev/full`, closed) loses the text and nothing else: FileHandle's
/// write traps on a failed write, which had killed a batch before it wrote its report.
public func writeToStandardError(_ text: String) {
    _ = text.withCString { fputs($0, stderr) }
}
