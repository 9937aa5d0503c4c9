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
