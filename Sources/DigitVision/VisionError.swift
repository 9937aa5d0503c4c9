import CBridge
import Foundation

/// A failure in the vision layer: the file (when there is one), the operation and why.
public struct VisionError: Error, CustomStringConvertible, LocalizedError, Equatable {
    public enum Kind: Equatable, Sendable { case argument, io, decode, tooLarge, openCV, memory, unavailable }
    public let kind: Kind
    public let file: String?
    public let operation: String
    public let reason: String

    public init(kind: Kind, file: String? = nil, operation: String, reason: String) {
        self.kind = kind
        self.file = file
        self.operation = operation
        self.reason = reason
    }

    /// One line; the bridge's messages already start with the file name when there is one.
    public var description: String {
        if let file, !reason.hasPrefix(file) { return "\(file): \(reason)" }
        return reason
    }
    public var errorDescription: String? { description }
}

extension VisionError {
    /// A Foundation file error as one line naming `path` ("r.csv: cannot write: no such
    /// folder"); Foundation's own text is a dump of its error domain and user info.
    public static func file(_ path: String, cannot operation: String, _ error: Error) -> VisionError {
        if let error = error as? VisionError { return error }
        let nsError = error as NSError
        let posix = nsError.domain == NSPOSIXErrorDomain ? nsError : nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        let problem: String
        if let posix, posix.domain == NSPOSIXErrorDomain {
            switch Int32(posix.code) {
            case ENOENT: problem = "no such folder"
            case ENOTDIR: problem = "a part of the path is a file, not a folder"
            case EEXIST: problem = "a file of that name is in the way"
            case EACCES, EPERM: problem = "permission denied"
            case ENOSPC: problem = "no space left on the device"
            case let code: problem = String(cString: strerror(code))
            }
        } else if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileNoSuchFile: problem = "no such folder"
            case .fileWriteFileExists: problem = "a file of that name is in the way"
            case .fileWriteNoPermission: problem = "permission denied"
            case .fileWriteOutOfSpace: problem = "no space left on the device"
            case .fileWriteVolumeReadOnly: problem = "read-only file system"
            default: problem = blockedPath(path) ?? nsError.localizedDescription
            }
        } else {
            problem = blockedPath(path) ?? nsError.localizedDescription
        }
        return VisionError(kind: .io, file: path, operation: operation, reason: "\(path): cannot \(operation): \(problem)")
    }
}

/// Why `path` cannot be made, found on disk, when Foundation does not say (creating a folder
/// under a file gives only "error 512"): it is a folder already (a file cannot be written
/// there), or the nearest existing ancestor is a file or is not writable.
private func blockedPath(_ path: String) -> String? {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return "it is a folder" }
    var ancestor = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
    while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path) { ancestor.deleteLastPathComponent() }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) else { return nil }
    if !isDirectory.boolValue { return "\(ancestor.path) is a file, not a folder" }
    if !FileManager.default.isWritableFile(atPath: ancestor.path) { return "permission denied in \(ancestor.path)" }
    return nil
}

/// Throws the bridge's error when `status` is not CB_OK, freeing the message.
func check(_ operation: String, file: String? = nil, _ call: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> cb_status) throws {
    var message: UnsafeMutablePointer<CChar>?
    let status = call(&message)
    guard status != CB_OK else { return }
    defer { cb_string_free(message) }
    let text = message.map { String(cString: $0) } ?? "\(operation) failed"
    let kind: VisionError.Kind
    switch status {
    case CB_ERR_ARGUMENT: kind = .argument
    case CB_ERR_IO: kind = .io
    case CB_ERR_DECODE: kind = .decode
    case CB_ERR_TOO_LARGE: kind = .tooLarge
    case CB_ERR_MEMORY: kind = .memory
    case CB_ERR_UNAVAILABLE: kind = .unavailable
    default: kind = .openCV
    }
    throw VisionError(kind: kind, file: file, operation: operation, reason: text)
}

/// Why `path` was not found, for a message: "no such \(what)", or, when its name holds U+FFFD,
/// that it was a name whose bytes are not UTF-8 (a Latin-1 name from an old archive): Swift
/// decodes such a name with U+FFFD in place of those bytes, so the file is there but cannot be
/// named, and "no such file" alone would mislead.
public func noSuchFileReason(_ path: String, what: String = "file") -> String {
    guard path.contains("\u{FFFD}") else { return "no such \(what)" }
    return "no such \(what) by this name: its name holds bytes that are not UTF-8 (shown as \u{FFFD}), which digitlens cannot open; rename it in UTF-8 (e.g. convmv -f latin1 -t utf8 --notest NAME)"
}
