import ArgumentParser
import DigitVision
import DigitNet
import Foundation

/// `--model FILE`, shared by every command that classifies.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Weights file (safetensors).", discussion: "Default: $DIGITLENS_MODEL, else Models/digitlens.safetensors of the DigitLens checkout or install.", valueName: "file"))
    var model: String?

    func loadClassifier() throws -> DigitClassifier {
        if let model {
            guard FileManager.default.fileExists(atPath: model) else {
                throw CommandError(model, cannot: "read the weights", "no such weights file")
            }
            guard !isFolder(model) else { throw CommandError(model, cannot: "read the weights", "is a folder, not a weights file (--model names a .safetensors file)") }
            return try DigitClassifier(contentsOf: URL(fileURLWithPath: model))
        }
        return try DigitClassifier.loadDefault()
    }

    /// The MD5 of the weights file `loadClassifier` reads: the same weights under another
    /// name are the same model, other weights under the same name and date are not.
    func weightsIdentity() throws -> String {
        guard let url = model.map({ URL(fileURLWithPath: $0) }) ?? DigitClassifier.defaultModelURL() else { return "" }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw CommandError(url.path, cannot: "read the weights", "cannot read the weights file") }
        return MD5.hex(MD5.digest([UInt8](data)))
    }
}

/// `--data DIR` and `--mirror URL`, shared by train and evaluate.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder holding the four MNIST IDX files (.gz or raw).", discussion: "Default: $DIGITLENS_DATA (when set, it must be that folder), else ../shared/data/mnist (from the current folder, then beside the DigitLens checkout), ~/.cache/digitlens/mnist; downloaded there from --mirror when none is found.", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("MNIST mirror to download from when no local copy exists (also $DIGITLENS_MNIST_URL).", valueName: "url"))
    var mirror: String?

    /// The folder with MNIST, downloading it when needed.
    func mnistDirectory() throws -> URL {
        if let data {
            guard isFolder(data) else {
                let what = FileManager.default.fileExists(atPath: data) ? "is a file, not a folder" : "no such folder"
                throw CommandError(data, cannot: "read MNIST", "\(what) (--data must name the folder holding the MNIST files)")
            }
            return URL(fileURLWithPath: data)
        }
        // Named by the environment, the same: a mistyped $DIGITLENS_DATA is said, not passed
        // over for another copy found elsewhere. Files missing from it are reported on loading.
        if let named = ProcessInfo.processInfo.environment["DIGITLENS_DATA"], !named.isEmpty {
            guard isFolder(named) else {
                let what = FileManager.default.fileExists(atPath: named) ? "is a file, not a folder" : "no such folder"
                throw CommandError(named, cannot: "read MNIST", "\(what) (named by $DIGITLENS_DATA, which must name the folder holding the MNIST files)")
            }
            return URL(fileURLWithPath: named)
        }
        if let found = MNIST.locateData(explicit: nil) { return found }
        let looked = MNIST.dataCandidates(explicit: nil).map(\.path).joined(separator: ", ")
        print("no local MNIST copy found (looked in \(looked)); downloading it into \(MNIST.cacheDirectory.path)")
        return try MNISTDownload.download(mirror: mirror.flatMap(URL.init(string:)))
    }
}

/// Pipeline settings a user may tune, shared by recognize, annotate and camera.
struct PipelineOptions: ParsableArguments {
    /// Nil when not given: photos then use the pipeline's default and `--single` keeps every
    /// digit (a single digit is always the model's best guess unless asked otherwise).
    @Option(name: .customLong("min-confidence"), parsing: .unconditional, help: ArgumentHelp("Drop digits whose best probability is below this (0…1).", discussion: "Default: \(PipelineParameters().minimumConfidence) for photos; with recognize --single, none."))
    var minConfidence: Double?
    @Flag(name: .customLong("no-rectify"), help: "Do not look for a sheet of paper to rectify.") var noRectify = false
    @Flag(name: .customLong("keep-lines"), help: "Do not remove ruled lines and box borders.") var keepLines = false
    @Flag(name: .customLong("as-given"), help: ArgumentHelp("Read pictures the way up they are given (the camera always does).", discussion: "By default recognize and annotate read a picture whose reading looks sideways or upside down (a scan without an EXIF tag) turned the right way up too, and keep the surer reading.")) var asGiven = false

    func check() throws {
        if let minConfidence, !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be in 0…1") }
    }

    var parameters: PipelineParameters {
        var p = PipelineParameters()
        p.minimumConfidence = minConfidence ?? p.minimumConfidence
        p.rectifyPage = !noRectify
        p.removeLines = !keepLines
        p.findWayUp = !asGiven
        return p
    }
}
