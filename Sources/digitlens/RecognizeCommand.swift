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
        Each page of a multi-page TIFF or a PDF is an image of its own, printed as FILE#1, FILE#2, .... \
        A file that cannot be read is reported on stderr and skipped; the exit status is \
        then non-zero.
        """)

    @Argument(help: ArgumentHelp("Image files (any format OpenCV reads, HEIC, AVIF, PDF, GIF) and folders; - reads one from standard input (a PDF's first page).",
                                 discussion: "A folder's images are read recursively, in sorted order, as annotate takes them: hidden files and folders, the --annotate and --debug-dir folders and the pictures recognize writes (*.annotated.png, *.ink.png, *.binary.png, *.candidates.png) left out; an image a folder holds is read once, though met again (another folder, a link, the file named too), while a file named twice is read twice. A folder of more files than a shell's command line holds is read all the same; a folder without images is said, and counted as an input not read.")) var files: [String]
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var pipelineOptions: PipelineOptions
    @Flag(help: "Print the full result as JSON, one object per line (schema in the README).") var json = false
    @Flag(help: ArgumentHelp("Treat each image as one digit: prints FILE<TAB>DIGIT<TAB>CONFIDENCE.", discussion: "An image without ink, or a digit under an explicit --min-confidence, prints FILE<TAB><TAB>.")) var single = false
    @Option(help: ArgumentHelp("Write each image with boxes, labels and confidences drawn: a file (one input) or a folder.", discussion: "In a folder: <name>.annotated.png; inputs of the same name get the extension (scan-jpg) or their folder's name (y-page) added. An output never replaces an input.", valueName: "out"))
    var annotate: String?
    @Option(name: .customLong("debug-dir"), help: ArgumentHelp("Write the pipeline's intermediate images (ink map, candidates) to this folder.", valueName: "dir"))
    var debugDirectory: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one image file") }
        guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("- (standard input) can be given once") }
        try pipelineOptions.check()
        if single && debugDirectory != nil { throw ValidationError("--debug-dir writes the photo pipeline's steps, which --single does not take") }
        if let annotate, readOnlyImageExtensions.contains((annotate as NSString).pathExtension.lowercased()), !isFolder(annotate) {
            throw ValidationError("--annotate \(annotate): annotated images are written as PNG, JPEG, BMP, TIFF or WebP; name such a file, or a folder")
        }
        // A file given twice is one image (read twice, annotated once). Folders are walked
        // for it here, before anything is read (and again by `run`: only in this case).
        if let annotate, RecognizeOutputs.hasImageExtension(annotate), !isFolder(annotate), files.count > 1 || files.contains(where: isFolder) {
            let images = files.contains(where: isFolder) ? RecognizeInputs(arguments: files, leavingOut: [debugDirectory].compactMap { $0 }).images : files
            let distinct = Set(images.map(realPath)).count
            if distinct > 1 { throw ValidationError("--annotate \(annotate) names one image file, but \(distinct) images are given: name a folder") }
        }
    }

    func run() throws {
        var unread = 0, unwritten = 0
        let inputs = RecognizeInputs(arguments: files, leavingOut: [annotate, debugDirectory].compactMap { $0 })
        let images = inputs.images
        inputs.notes.forEach(note)
        // What the folders hold that cannot be read is said first, as unread inputs are: on
        // stderr, and with --json as their error lines.
        for problem in inputs.problems {
            writeToStandardError("digitlens: \(oneLine("\(problem.path): \(problem.reason)"))\n")
            if json { print(try jsonLine(FileError(file: problem.path, error: "\(problem.path): \(problem.reason)"))) }
        }
        let skipped = inputs.problems.count
        guard !images.isEmpty else { throw ExitCode(1) }
        let recognizer = DigitRecognizer(classifier: try modelOptions.loadClassifier(), parameters: pipelineOptions.parameters)
        recognizer.debugDirectory = debugDirectory
        // Several files are read at once (one per core; the debug images name files through the
        // shared recognizer, so --debug-dir reads one at a time); lines print in input order.
        let workers = debugDirectory == nil ? Parallel.workers : 1
        // A multi-page TIFF or PDF is read page by page (`InputPage`).
        let pages = images.flatMap { InputPage.pages(of: $0) }
        let outputs = try RecognizeOutputs(pages: pages, annotate: annotate, debugDirectory: debugDirectory)
        var start = 0
        while start < pages.count {
            let batch = Array(start..<Swift.min(pages.count, start + 4 * workers))
            var outcomes = [Result<Reading, Error>](repeating: .success(Reading(line: "")), count: batch.count)
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: batch.count, by: workers) {
                    let input = batch[index]
                    let outcome = Result { try read(pages[input], annotateTo: outputs.annotationPaths[input], debugName: outputs.debugNames[input], recognizer: recognizer) }
                    lock.lock(); outcomes[index] = outcome; lock.unlock()
                }
            }
            for (index, outcome) in outcomes.enumerated() {
                switch outcome {
                case .success(let reading):
                    print(reading.line)
                    if let error = reading.annotationError {
                        unwritten += 1
                        writeToStandardError("digitlens: \(oneLine("\(error)"))\n")
                    }
                case .failure(let error):
                    unread += 1
                    writeToStandardError("digitlens: \(oneLine("\(error)"))\n")
                    // A JSON-lines reader sees every input: the unread one as its error.
                    if json { print(try jsonLine(FileError(file: pages[batch[index]].name, error: "\(error)"))) }
                }
                fflush(stdout)
            }
            start += batch.count
        }
        let problems = [unread + skipped > 0 ? "\(unread + skipped) of \(pages.count + skipped) \(pages.count == images.count ? "files" : "images") could not be read" : nil,
                        unwritten > 0 ? "\(unwritten) annotated image\(unwritten == 1 ? "" : "s") could not be written" : nil].compactMap { $0 }
        if !problems.isEmpty {
            // One file's error is the whole story: a summary would only repeat it.
            if pages.count + skipped > 1 { writeToStandardError("digitlens: \(oneLine(problems.joined(separator: "; ")))\n") }
            throw ExitCode(1)
        }
    }

    /// One file's output line, and why its annotated image could not be written, if it could
    /// not (the reading is printed all the same).
    struct Reading {
        var line: String
        var annotationError: Error?
    }

    /// Reads one image (a file, or a page of a multi-page file, named `FILE#N` in the output);
    /// returns its output line (and writes its annotated image).
    func read(_ page: InputPage, annotateTo annotationPath: String?, debugName: String, recognizer: DigitRecognizer) throws -> Reading {
        // "-": a picture piped in (`curl -s URL | digitlens recognize -`).
        let image = page.path == "-" ? try Image.fromStandardInput() : try page.readImage()
        if let warning = image.decodeWarning { writeToStandardError("digitlens: warning: \(oneLine(warning))\n") }
        let file = page.name
        let result: RecognitionResult
        let line: String
        if single {
            var digit = try recognizer.recognizeSingle(image)
            if let minimum = pipelineOptions.minConfidence, let read = digit, read.confidence < minimum { digit = nil }
            result = RecognitionResult(singleDigit: digit, width: image.width, height: image.height)
            line = json ? try jsonLine(SingleOutput(file: file, digit: digit, warning: image.decodeWarning.map(oneLine), annotated: annotationPath))
                : "\(tsvField(file))\t\(digit.map { String($0.label) } ?? "")\t\(digit.map { String(format: "%.4f", $0.confidence) } ?? "")"
        } else {
            if debugDirectory != nil { recognizer.debugName = debugName }
            result = try recognizer.recognize(image)
            line = json ? try jsonLine(FileResult(file: file, result: result, warning: image.decodeWarning.map(oneLine), annotated: annotationPath))
                : "\(tsvField(file))\t\(result.text)"
        }
        guard let annotationPath else { return Reading(line: line) }
        do {
            try drawAnnotations(result, on: image).write(to: annotationPath)
            return Reading(line: line)
        } catch {
            return Reading(line: line, annotationError: error)
        }
    }
}

/// One image's result as printed by `--json`; `warning`, what the decoder warned of (damaged
/// data read past, an animation's frames left unread), also printed on stderr: a program
/// reading the JSON alone must see it too.
/// `annotated`: where --annotate writes the image's annotated copy (its name may carry its
/// folder's, `y-page.annotated.png`, when names clash: this maps it back).
struct FileResult: Encodable {
    let file: String
    let result: RecognitionResult
    var warning: String? = nil
    var annotated: String? = nil
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try c.encodeIfPresent(warning, forKey: .warning)
        try c.encodeIfPresent(annotated, forKey: .annotated)
        try result.encode(to: encoder)
    }
    enum Keys: String, CodingKey { case file, warning, annotated }
}

/// An image that could not be read, as printed by `--json`.
struct FileError: Encodable {
    let file: String
    let error: String
}

/// One image's result as printed by `--single --json`; `digit` is null when none was read.
struct SingleOutput: Encodable {
    let file: String
    let digit: RecognizedDigit?
    var warning: String? = nil
    var annotated: String? = nil
    enum Keys: String, CodingKey { case file, digit, warning, annotated }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try c.encode(digit, forKey: .digit)
        try c.encodeIfPresent(warning, forKey: .warning)
        try c.encodeIfPresent(annotated, forKey: .annotated)
    }
}

func jsonLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// A file name as one field of a `FILE<TAB>TEXT` line: a tab, newline or carriage return in
/// it (legal in Linux file names) is written as \t, \n or \r, so the line still splits into
/// its fields (a backslash in such a name is doubled). Other names are printed as they are.
func tsvField(_ name: String) -> String {
    guard name.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return name }
    var escaped = ""
    for scalar in name.unicodeScalars {
        switch scalar {
        case "\\": escaped += "\\\\"
        case "\t": escaped += "\\t"
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
