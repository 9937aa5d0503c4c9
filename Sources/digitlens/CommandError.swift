/// A failure found while a command runs (a missing weights file, a folder that is a file),
/// printed as one line — the path or option and what is wrong — with exit status 1.
/// ArgumentParser's `ValidationError` is for the arguments themselves: it prints the usage
/// too, which only buries the message when the arguments were fine.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
