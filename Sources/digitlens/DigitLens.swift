import ArgumentParser

/// The root command holds configuration only; each subcommand lives in its own file.
@main
struct DigitLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digitlens",
        abstract: "Read handwritten digits: train and evaluate the CNN, recognize photos and scans.",
        subcommands: [RecognizeCommand.self, AnnotateCommand.self, CameraCommand.self, DrawCommand.self, TrainCommand.self, EvaluateCommand.self, SynthesizeCommand.self]
    )
}
