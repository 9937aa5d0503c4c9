import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct RecognizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recognize",
        abstract: "Read the handwritten digits in photos and scans.",
        discussion: """
        Prints one line per image: FILE<TAB>TEXT, where TEXT is the lines in reading order \
        separated by single spaces (numbers apart on a line are separated by a space too). \
        A file that cannot be read is reported on stderr and skipped; the exit status is \
        then non-zero.
        """)

    @Argument(help: "Image files (any format OpenCV reads).") var files: [String]
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var pipelineOptions: PipelineOptions
    @Flag(help: "Print the full result as JSON, one object per line (schema in the README).") var json = false
    @Flag(help: "Treat each image as one digit: prints FILE<TAB>DIGIT<TAB>CONFIDENCE.") var single = false
    @Option(help: ArgumentHelp("Write each image with boxes, labels and confidences drawn: a file (one input) or a folder.", valueName: "out"))
    var annotate: String?
    @Option(name: .customLong("debug-dir"), help: ArgumentHelp("Write the pipeline's intermediate images (ink map, candidates) to this folder.", valueName: "dir"))
    var debugDirectory: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one image file") }
        try pipelineOptions.check()
    }

    func run() throws {
        let recognizer = DigitRecognizer(classifier: try modelOptions.loadClassifier(), parameters: pipelineOptions.parameters)
        recognizer.debugDirectory = debugDirectory
        let annotateIntoFolder = annotate.map { files.count > 1 || !AnnotationOutput.hasImageExtension($0) } ?? false
        var failures = 0
        for file in files {
            do {
                let image = try Image(contentsOf: file)
                if single {
                    let digit = try recognizer.recognizeSingle(image)
                    if json {
                        print(try jsonLine(SingleOutput(file: file, digit: digit)))
                    } else {
                        print("\(file)\t\(digit.label)\t\(String(format: "%.4f", digit.confidence))")
                    }
                    continue
                }
                recognizer.debugName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                let result = try recognizer.recognize(image)
                print(json ? try jsonLine(FileResult(file: file, result: result)) : "\(file)\t\(result.text)")
                if let annotate {
                    let target = annotateIntoFolder ? AnnotationOutput.path(for: file, inFolder: annotate) : annotate
                    try drawAnnotations(result, on: image).write(to: target)
                }
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("digitlens: \(error)\n".utf8))
            }
            fflush(stdout)
        }
        if failures > 0 {
            FileHandle.standardError.write(Data("digitlens: \(failures) of \(files.count) files could not be read\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// One image's result as printed by `--json`.
struct FileResult: Encodable {
    let file: String
    let result: RecognitionResult
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try result.encode(to: encoder)
    }
    enum Keys: String, CodingKey { case file }
}

struct SingleOutput: Encodable {
    let file: String
    let digit: RecognizedDigit
}

func jsonLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Where annotated images go.
enum AnnotationOutput {
    static func hasImageExtension(_ path: String) -> Bool {
        ["png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp"].contains((path as NSString).pathExtension.lowercased())
    }

    /// `folder/<name>.annotated.png`, creating the folder.
    static func path(for input: String, inFolder folder: String) -> String {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        return (folder as NSString).appendingPathComponent(name + ".annotated.png")
    }
}
