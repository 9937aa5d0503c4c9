import DigitNet
import DigitVision
import Foundation

/// Small helpers every subcommand uses: notices on stderr, and files and folders looked at or
/// made.

/// A notice on stderr: something the user asked for is not done as given.
func note(_ text: String) {
    writeToStandardError("digitlens: note: \(text)\n")
}

/// Whether the first 64 KiB of the file at `path` satisfy `test` (false when it cannot be read).
func fileStarts(_ path: String, satisfying test: (Data) -> Bool) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    return test((try? handle.read(upToCount: 1 << 16)) ?? Data())
}

/// Whether `path` names a folder (a link to one too).
func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
}

/// Creates the folder an output option names (with its parents), before any work is done, or
/// throws one line naming the option and the path: it is a file, or cannot be created.
func makeOutputFolder(_ path: String, option: String) throws {
    if FileManager.default.fileExists(atPath: path) && !isFolder(path) {
        throw CommandError("\(option) \(path)", cannot: "create the folder", "is a file, not a folder")
    }
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        // VisionError's line starts with the path: the option goes before it.
        let failure = VisionError.file(path, cannot: "create the folder", error).description
        throw CommandError("\(option) \(path)", cannot: "create the folder", String(failure.dropFirst(failure.hasPrefix("\(path): ") ? path.count + 2 : 0)))
    }
}

/// `prefix-<milliseconds since 1970>`, with `-2`, `-3`… added while a file `name + suffix`
/// exists for any of `suffixes`: saves within one second keep apart, and none overwrites a file.
func unusedName(_ prefix: String, suffixes: [String]) -> String {
    let stamp = Int((Date().timeIntervalSince1970 * 1000).rounded(.down))
    var name = "\(prefix)-\(stamp)", count = 1
    while suffixes.contains(where: { FileManager.default.fileExists(atPath: name + $0) }) {
        count += 1
        name = "\(prefix)-\(stamp)-\(count)"
    }
    return name
}
