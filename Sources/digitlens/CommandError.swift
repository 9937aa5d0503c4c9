import Foundation

/// A failure found while a command runs (a missing weights file, a folder that is a file),
/// printed as one line — what it concerns, then what is wrong — with exit status 1.
/// ArgumentParser's `ValidationError` is for the arguments themselves: it prints the usage
/// too, which only buries the message when the arguments were fine.
struct CommandError: Error, CustomStringConvertible, LocalizedError {
    /// What the failure concerns, as the user named it: a file or folder ("w.safetensors"),
    /// or an option with its value ("--out runs"); nil when it is no one input (the inputs
    /// together held no image, training diverged).
    let subject: String?
    /// What the command was doing: "read the weights", "merge the shard reports".
    let operation: String
    /// What is wrong, and what to do when that is not obvious.
    let reason: String

    init(_ subject: String?, cannot operation: String, _ reason: String) {
        self.subject = subject
        self.operation = operation
        self.reason = reason
    }

    var description: String { subject.map { "\($0): \(reason)" } ?? reason }
    var errorDescription: String? { description }
}
