import DigitVision
import Foundation

/// Where `recognize` writes for each input: its annotated image (`--annotate`) and the name
/// of its debug images (`--debug-dir`). Decided for all inputs before any is read, so that no
/// two inputs write to one file (x/page.png and y/page.png, scan.png and scan.jpg) and no
/// output lands on an input.
struct RecognizeOutputs {
    /// One per input, in input order: the annotated image's path, when `--annotate` is given.
    let annotationPaths: [String?]
    /// One per input: the file name stem its debug images start with.
    let debugNames: [String]

    /// `annotate`: a file (one input, an image extension) or a folder, created when missing.
    /// `debugDirectory`: a folder, created when missing.
    init(files: [String], annotate: String?, debugDirectory: String?) throws {
        let stems = RecognizeOutputs.uniqueStems(files)
        debugNames = stems
        let inputs = Set(files.map(realPath))
        if let debugDirectory {
            try makeOutputFolder(debugDirectory, option: "--debug-dir")
            for (file, stem) in zip(files, stems) {
                for suffix in DigitRecognizer.debugImageSuffixes {
                    let path = (debugDirectory as NSString).appendingPathComponent(stem + suffix)
                    guard !inputs.contains(realPath(path)) else {
                        throw CommandError("--debug-dir \(debugDirectory): a debug image of \(file) would overwrite the input \(path); name another folder")
                    }
                }
            }
        }
        guard let annotate else { annotationPaths = files.map { _ in nil }; return }
        let intoFolder = files.count > 1 || !RecognizeOutputs.hasImageExtension(annotate) || isFolder(annotate)
        if intoFolder {
            try makeOutputFolder(annotate, option: "--annotate")
            annotationPaths = stems.map { (annotate as NSString).appendingPathComponent($0 + ".annotated.png") }
        } else {
            // The file's folder is made as a folder output would be (`--annotate out/a.png`).
            let folder = (annotate as NSString).deletingLastPathComponent
            if !folder.isEmpty { try makeOutputFolder(folder, option: "--annotate") }
            annotationPaths = [annotate]
        }
        // The stems keep folder outputs apart from each other; an input can still be named as
        // an output (`--annotate photo.jpg` for photo.jpg, or last run's output read again).
        for (file, path) in zip(files, annotationPaths) where path.map({ inputs.contains(realPath($0)) }) == true {
            throw CommandError("--annotate \(annotate): the annotated image of \(file) would overwrite the input \(path!); name another file or folder")
        }
    }

    static func hasImageExtension(_ path: String) -> Bool {
        ["png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp"].contains((path as NSString).pathExtension.lowercased())
    }

    /// A stem per input: its file name without extension, unless an earlier input has it.
    /// Then, for a file of the same name beside it (scan.png, scan.jpg), the extension is
    /// added (scan-jpg); for one from another folder, that folder's name goes in front
    /// (y/page.png: y-page); failing both, a number (page-2). One file given twice keeps one
    /// stem. Deterministic: it depends only on the list of inputs.
    static func uniqueStems(_ files: [String]) -> [String] {
        var owner = [String: String]()          // stem -> real path of the input that has it
        var stemOf = [String: String]()         // real path -> its stem
        return files.map { file in
            let real = realPath(file)
            if let stem = stemOf[real] { return stem }
            let name = (file as NSString).lastPathComponent
            let base = (name as NSString).deletingPathExtension
            let ext = (name as NSString).pathExtension
            let folder = ((real as NSString).deletingLastPathComponent as NSString).lastPathComponent
            var options = [base]
            if let other = owner[base] {
                let sameFolder = (other as NSString).deletingLastPathComponent == (real as NSString).deletingLastPathComponent
                options += sameFolder ? [base + "-" + ext] : [folder + "-" + base]
            }
            options += (2...(files.count + 2)).map { "\(base)-\($0)" }
            let stem = options.first { owner[$0] == nil }!
            owner[stem] = real
            stemOf[real] = stem
            return stem
        }
    }
}
