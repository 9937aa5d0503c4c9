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
        // Several files are read at once (one per core; the debug images name files through the
        // shared recognizer, so --debug-dir reads one at a time); lines print in input order.
        let workers = debugDirectory == nil ? Parallel.workers : 1
        var failures = 0
        var start = 0
        while start < files.count {
            let batch = Array(files[start..<Swift.min(files.count, start + 4 * workers)])
            var outcomes = [Result<String, Error>](repeating: .success(""), count: batch.count)
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: batch.count, by: workers) {
                    let outcome = Result { try read(batch[index], recognizer: recognizer, annotateIntoFolder: annotateIntoFolder) }
                    lock.lock(); outcomes[index] = outcome; lock.unlock()
                }
            }
            for outcome in outcomes {
                switch outcome {
                case .success(let line): print(line)
                case .failure(let error):
                    failures += 1
                    FileHandle.standardError.write(Data("digitlens: \(error)\n".utf8))
                }
                fflush(stdout)
            }
            start += batch.count
        }
        if failures > 0 {
            FileHandle.standardError.write(Data("digitlens: \(failures) of \(files.count) files could not be read\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Reads one file; returns its output line (and writes its annotated image).
    func read(_ file: String, recognizer: DigitRecognizer, annotateIntoFolder: Bool) throws -> String {
        let image = try Image(contentsOf: file)
        if single {
            let digit = try recognizer.recognizeSingle(image)
            return json ? try jsonLine(SingleOutput(file: file, digit: digit)) : "\(file)\t\(digit.label)\t\(String(format: "%.4f", digit.confidence))"
        }
        if debugDirectory != nil { recognizer.debugName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension }
        let result = try recognizer.recognize(image)
        if let annotate {
            let target = annotateIntoFolder ? AnnotationOutput.path(for: file, inFolder: annotate) : annotate
            try drawAnnotations(result, on: image).write(to: target)
        }
        return json ? try jsonLine(FileResult(file: file, result: result)) : "\(file)\t\(result.text)"
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
