import DigitVision
import Foundation

/// Where `recognize` writes for each input image (a file, or a page of a multi-page file):
/// its annotated image (`--annotate`) and the name of its debug images (`--debug-dir`).
/// Decided for all inputs before any is read, so that no two inputs write to one file
/// (x/page.png and y/page.png, scan.png and scan.jpg, page 2 of scan.tif and scan-page2.tif)
/// and no output lands on an input.
struct RecognizeOutputs {
    /// One per input image, in input order: the annotated image's path, when `--annotate` is given.
    let annotationPaths: [String?]
    /// One per input image: the file name stem its debug images start with.
    let debugNames: [String]

    /// `annotate`: a file (one input file, an image extension) or a folder, created when
    /// missing. `debugDirectory`: a folder, created when missing.
    init(pages: [InputPage], annotate: String?, debugDirectory: String?) throws {
        let stems = RecognizeOutputs.uniqueStems(pages)
        debugNames = stems
        let inputs = Set(pages.map { realPath($0.path) })
        if let debugDirectory {
            try makeOutputFolder(debugDirectory, option: "--debug-dir")
            for (page, stem) in zip(pages, stems) {
                for suffix in DigitRecognizer.debugImageSuffixes {
                    let path = (debugDirectory as NSString).appendingPathComponent(stem + suffix)
                    guard !inputs.contains(realPath(path)) else {
                        throw CommandError("--debug-dir \(debugDirectory)", cannot: "write the debug images", "a debug image of \(page.name) would overwrite the input \(path); name another folder")
                    }
                }
            }
        }
        guard let annotate else { annotationPaths = pages.map { _ in nil }; return }
        let files = Set(pages.map(\.path))
        let intoFolder = files.count > 1 || !RecognizeOutputs.hasImageExtension(annotate) || isFolder(annotate)
        if intoFolder {
            try makeOutputFolder(annotate, option: "--annotate")
            annotationPaths = stems.map { (annotate as NSString).appendingPathComponent($0 + annotatedImageSuffix) }
        } else {
            // The file's folder is made as a folder output would be (`--annotate out/a.png`).
            let folder = (annotate as NSString).deletingLastPathComponent
            if !folder.isEmpty { try makeOutputFolder(folder, option: "--annotate") }
            annotationPaths = pages.map { pagePath(annotate, page: $0.page) }
            // The pages of one file named as one image: their names were not given, so none
            // may replace a file already there.
            if pages.count > 1, let existing = annotationPaths.compactMap({ $0 }).first(where: { FileManager.default.fileExists(atPath: $0) }) {
                throw CommandError("--annotate \(annotate)", cannot: "write the annotated pages", "the \(pages.count) pages of \(pages[0].path) would be written as \(pagePath(annotate, page: 1)), …, but \(existing) exists; name a folder")
            }
        }
        // The stems keep folder outputs apart from each other; an input can still be named as
        // an output (`--annotate photo.jpg` for photo.jpg, or last run's output read again).
        for (page, path) in zip(pages, annotationPaths) where path.map({ inputs.contains(realPath($0)) }) == true {
            throw CommandError("--annotate \(annotate)", cannot: "write the annotated image", "the annotated image of \(page.name) would overwrite the input \(path!); name another file or folder")
        }
    }

    static func hasImageExtension(_ path: String) -> Bool {
        writableImageExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// A stem per input image: its file name without extension (with `-pageN` for a page of a
    /// multi-page file), unless an earlier input has it. Then, for a file of the same name
    /// beside it (scan.png, scan.jpg; page 2 of scan.tif and scan-page2.tif), the extension is
    /// added (scan-jpg); for one from another folder, that folder's name goes in front
    /// (y/page.png: y-page); failing both, a number (page-2). One file given twice keeps one
    /// stem. Deterministic: it depends only on the list of inputs.
    static func uniqueStems(_ pages: [InputPage]) -> [String] {
        var owner = [String: String]()          // stem -> identity of the input that has it
        var stemOf = [String: String]()         // identity (real path, #N for a page) -> its stem
        return pages.map { page in
            let real = realPath(page.path)
            let identity = InputPage(path: real, page: page.page).name
            if let stem = stemOf[identity] { return stem }
            // A picture from standard input ("-") gets a name no option parser takes for one.
            let name = page.path == "-" ? "stdin" : (page.path as NSString).lastPathComponent
            let base = pagePath((name as NSString).deletingPathExtension, page: page.page)
            let ext = (name as NSString).pathExtension
            let folder = ((real as NSString).deletingLastPathComponent as NSString).lastPathComponent
            var options = [base]
            if let other = owner[base] {
                let sameFolder = (other as NSString).deletingLastPathComponent == (real as NSString).deletingLastPathComponent
                options += sameFolder ? [base + "-" + ext] : [folder + "-" + base]
            }
            // Numbered only as far as needed: listing every number up front for every input
            // made 5,000 inputs wait a second before the first was read.
            var stem = options.first { owner[$0] == nil } ?? ""
            var number = 2
            while stem.isEmpty { if owner["\(base)-\(number)"] == nil { stem = "\(base)-\(number)" } else { number += 1 } }
            owner[stem] = real
            stemOf[identity] = stem
            return stem
        }
    }
}
