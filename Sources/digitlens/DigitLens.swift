import ArgumentParser
import CBridge
import DigitNet
import Foundation

/// The root command holds configuration only; each subcommand lives in its own file.
@main
struct DigitLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digitlens",
        abstract: "Read handwritten digits: train and evaluate the CNN, recognize photos and scans.",
        version: "digitlens 0.9.0",
        subcommands: [RecognizeCommand.self, AnnotateCommand.self, CameraCommand.self, DrawCommand.self, TrainCommand.self, EvaluateCommand.self, SynthesizeCommand.self]
    )

    /// Checks the CPU before any library code runs: the release build of the libraries uses
    /// AVX2 and FMA on x86-64 (Package.swift), which an older CPU cannot execute. The check is
    /// CBridge's own, called directly: C compiled without those flags, where a wrapper in the
    /// Swift libraries would itself be built with them.
    static func main() {
        guard cb_cpu_supports_build() != 0 else {
            writeToStandardError("digitlens: this build needs an x86-64 CPU with AVX2 and FMA (Intel Haswell, AMD Zen or newer); on an older CPU, remove vectorFlags in Package.swift and rebuild\n")
            Foundation.exit(1)
        }
        // Lines reach a log file as they are printed (a long `train` redirected to a file, a
        // batch job's progress), not when a buffer fills.
        setvbuf(stdout, nil, _IOLBF, 0)
        if let (name, exists) = fileNamedLikeAnOption(Array(CommandLine.arguments.dropFirst())) {
            let problem = exists ? "a file name starting with \"-\" reads as an option; give it as ./\(name), or after --"
                : "no such option (options start with --, as in --help) nor file; a name to write that starts with \"-\" is given as ./\(name)"
            writeToStandardError("digitlens: \(name): \(problem)\n")
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            checkStandardOutput()
            // A run's failure (weights refused, no such folder) is one line that starts like
            // every other line the tool prints on stderr; a usage error keeps the parser's
            // "Error:" with the usage after it.
            let text = message(for: error)
            if exitCode(for: error) == .failure && !text.isEmpty {
                writeToStandardError("digitlens: \(oneLine(text))\n")
                Foundation.exit(ExitCode.failure.rawValue)
            }
            exit(withError: error)
        }
        checkStandardOutput()
    }

    /// Output that could not be written (`> results.tsv` on a full disk, `> /dev/full`) is an
    /// error with a non-zero status, not lost in silence with status 0.
    static func checkStandardOutput() {
        guard fflush(stdout) != 0 || ferror(stdout) != 0 else { return }
        let reason = errno != 0 ? String(cString: strerror(errno)) : "write error"
        writeToStandardError("digitlens: cannot write the standard output (\(reason)); what was printed is incomplete\n")
        Foundation.exit(1)
    }
}

/// The first argument before any "--" that the parser would take for options but that is
/// none: a single "-" and more than one letter (no option here has a one-letter form but -h,
/// so `-photo.png`, holding an "h", printed the help and read nothing), or "--" and a file's
/// name (`--scan.png`, which a glob meets). With whether it names an existing file, for the
/// hint. A value starting "-" and a digit (`--shard -1/2`) and `--option=value` are passed by.
func fileNamedLikeAnOption(_ arguments: [String]) -> (name: String, exists: Bool)? {
    for argument in arguments {
        if argument == "--" { return nil }
        guard argument.hasPrefix("-") else { continue }     // a glob's thousand names are not looked up
        let exists = FileManager.default.fileExists(atPath: argument)
        if argument.hasPrefix("--") {
            if exists && argument.contains(".") && !argument.contains("=") { return (argument, true) }
            continue
        }
        guard argument.count > 2, !(argument.dropFirst().first?.isNumber ?? false) else { continue }
        return (argument, exists)
    }
    return nil
}
