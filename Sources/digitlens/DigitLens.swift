import ArgumentParser
import CBridge
import Foundation

/// The root command holds configuration only; each subcommand lives in its own file.
@main
struct DigitLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digitlens",
        abstract: "Read handwritten digits: train and evaluate the CNN, recognize photos and scans.",
        subcommands: [RecognizeCommand.self, AnnotateCommand.self, CameraCommand.self, DrawCommand.self, TrainCommand.self, EvaluateCommand.self, SynthesizeCommand.self]
    )

    /// Checks the CPU before any library code runs: the release build of the libraries uses
    /// AVX2 and FMA on x86-64 (Package.swift), which an older CPU cannot execute.
    static func main() {
        guard cb_cpu_supports_build() != 0 else {
            FileHandle.standardError.write(Data("digitlens: this build needs an x86-64 CPU with AVX2 and FMA (Intel Haswell, AMD Zen or newer); on an older CPU, remove vectorFlags in Package.swift and rebuild\n".utf8))
            Foundation.exit(1)
        }
        // Lines reach a log file as they are printed (a long `train` redirected to a file, a
        // batch job's progress), not when a buffer fills.
        setvbuf(stdout, nil, _IOLBF, 0)
        if let name = fileNamedLikeAnOption(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data("digitlens: \(name): a file name starting with \"-\" reads as an option; give it as ./\(name), or after --\n".utf8))
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// The first argument before any "--" that starts with a single "-", is not a number, and
/// names an existing file (a glob `*.png` that met `-scan.png`): the parser would take it for
/// options (`-photo.png` holds an "h" and prints the help, reading nothing), so it is refused
/// with a hint instead. Nil when there is none.
func fileNamedLikeAnOption(_ arguments: [String]) -> String? {
    for argument in arguments {
        if argument == "--" { return nil }
        guard argument.count > 1, argument.hasPrefix("-"), !argument.hasPrefix("--"), Double(argument) == nil else { continue }
        if FileManager.default.fileExists(atPath: argument) { return argument }
    }
    return nil
}
