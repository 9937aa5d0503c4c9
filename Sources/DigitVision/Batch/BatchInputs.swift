import Foundation

/// One image of a batch: where it is and where its outputs go, relative to `--out`.
public struct BatchItem: Equatable, Sendable {
    public var path: String
    /// Path under the output folder (the input's path relative to the folder it was found in,
    /// or its file name when given directly).
    public var relativePath: String
    /// The page of a multi-page file (from 1, `splittingPages`); nil for a single-page file.
    public var page: Int? = nil
    /// How many pages its file has, and the file's own relative path (without `-pageN`): an
    /// earlier run's outputs of pages the file no longer has are found from them.
    public var pageCount = 1
    public var fileRelativePath: String? = nil

    /// The image it reads: the file, or its page.
    public var input: InputPage { InputPage(path: path, page: page) }
    /// How results name it (`InputPage.name`: `scan.tif#2` for a page).
    public var name: String { input.name }
}

/// Image extensions a batch picks up from folders (files named explicitly are always taken):
/// OpenCV's formats, HEIF's (an iPhone's HEIC photos, a camera's .hif, AVIF), which libheif
/// reads, and PDF (a scanner's pages), which Poppler renders.
public let imageExtensions = Set(["png", "jpg", "jpeg", "jpe", "bmp", "dib", "tif", "tiff", "webp", "pbm", "pgm", "ppm", "pnm", "pxm", "jp2", "sr", "ras"])
    .union(readOnlyImageExtensions)

/// Image extensions read (by libheif, Poppler and giflib) but not written: annotated images
/// are not made as HEIC, PDF or GIF.
public let readOnlyImageExtensions: Set<String> = ["heic", "heif", "hif", "avif", "pdf", "gif"]

/// Image extensions of files that hold pages, each read as a picture of its own (Pages.swift):
/// a scanner's multi-page TIFF and PDF.
public let pagedImageExtensions: Set<String> = ["tif", "tiff", "pdf"]

/// Image extensions the tools write pictures as (annotated images, `synthesize`): the formats
/// OpenCV encodes here that people view.
public let writableImageExtensions: Set<String> = ["png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp"]

/// How the annotated images `recognize --annotate` writes into a folder end their names
/// (`scan.annotated.png`).
public let annotatedImageSuffix = ".annotated.png"

/// How the sidecar `annotate` writes beside each output ends its name (`scan.png.json`): the
/// record of that input, which a rerun reads to skip what is done.
public let sidecarSuffix = ".json"

/// The name endings of the pictures `recognize` writes: annotated images and `--debug-dir`'s
/// steps. Met in a folder, they are left out (`collectInputs`): read, their drawn boxes and
/// labels, or a step's ink map, are read as digits.
public let toolOutputSuffixes = [annotatedImageSuffix] + DigitRecognizer.debugImageSuffixes

/// Expands files and folders (recursively, images only, sorted) into batch items.
/// A name that does not exist is kept as an item so the batch reports it as a bad file;
/// folders that cannot be
/// listed (permissions) to `unreadableFolder` with the reason, pipes, sockets, devices and
/// links to nothing inside a folder to `notAFile` with what they are. Hidden entries met in
/// a folder (names starting with "."), files and folders alike, are not read: a Mac's `._IMG_1.jpg` beside `IMG_1.jpg` is resource-fork metadata, not an image,
/// and `.thumbnails`, `.git` or `.Trash` hold no scans; a hidden file named explicitly is read.
///
/// Output layout: with one input, a folder's contents go directly under the output folder;
/// with several, each folder goes under its own name, so two folders with the same layout
/// do not write over each other. A file or folder given twice (by any path, or a file also
/// inside a folder given) counts once, where it is first met. Folders in `excluded` (the
/// output folder) are not walked, so a rerun into a folder inside the input does not read
/// its own outputs.
///
/// `earlierOutput` hears of each earlier run's output folder met and not walked,
/// `toolOutput` of each picture the tool wrote (`toolOutputSuffixes`) met in a folder and
/// left out (named as an argument, one is read). An entry whose name is not UTF-8 cannot be
/// opened, nor a folder of that name walked: it goes to `notAFile` with why.
/// Two paths to one file (a link beside its target) count once, by the path that is no link
/// when one of them is: `scans/page1.png`, not `favourites/best.png` linking to it; the path
/// left out and the one kept go to `sameFile`.
public func collectInputs(_ arguments: [String], excluding excluded: [String] = [], unreadableFolder: (String, String) -> Void = { _, _ in },
                          notAFile: (String, String) -> Void = { _, _ in },
                          earlierOutput: (String) -> Void = { _ in }, toolOutput: (String) -> Void = { _ in },
                          sameFile: (String, String) -> Void = { _, _ in }) -> [BatchItem] {
    let fm = FileManager.default
    // An argument naming what an earlier one named (`scans` and a link to it, `a/x.png` and
    // `./a/x.png`) is read once, by the path that is no link when one of them is, and said to
    // be; the same path given again is simply read once.
    func viaLink(_ path: String) -> Bool { realPath(path) != URL(fileURLWithPath: path).standardizedFileURL.path }
    var distinct = [String](), position = [String: Int]()   // real path → its index in `distinct`
    for argument in arguments {
        let real = realPath(argument)
        guard let k = position[real] else { position[real] = distinct.count; distinct.append(argument); continue }
        let first = distinct[k]
        if argument == first { continue }
        if viaLink(first) && !viaLink(argument) { distinct[k] = argument; sameFile(first, argument) } else { sameFile(argument, first) }
    }
    // Every image met, with its real path and whether it was reached through a link; the
    // duplicates are dropped at the end, keeping the path that is no link where there is one.
    var met = [(item: BatchItem, real: String, viaLink: Bool)]()
    let skipped = Set(excluded.map(realPath))
    for argument in distinct {
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
            // Walked through its real path, following links to folders inside it too (each real
            // folder once, so a link loop ends). Items keep the path as given: a folder named
            // relatively lists its files relatively, as files named beside it are (the report's
            // `file` column had mixed `in/a.png` with `/home/…/in/sub/b.png`).
            let walked = realPath(argument)
            let prefix = distinct.count > 1 ? (walked as NSString).lastPathComponent : ""
            var found = [(item: BatchItem, real: String, viaLink: Bool)]()
            var visited = Set<String>()
            func walk(_ folder: String, _ relative: String) {
                guard visited.insert(realPath(folder)).inserted else { return }
                let names: [String]
                do { names = try fm.contentsOfDirectory(atPath: folder) } catch {
                    // Not left out in silence: its images would be missing from the report. The
                    // system's reason ("Permission denied") is asked again of opendir.
                    var reason = error.localizedDescription
                    if let handle = opendir(folder) { closedir(handle) } else { reason = String(cString: strerror(errno)) }
                    unreadableFolder(relative.isEmpty ? argument : (argument as NSString).appendingPathComponent(relative), reason)
                    return
                }
                for name in names where !name.hasPrefix(".") {
                    let path = (folder as NSString).appendingPathComponent(name)
                    let inside = relative.isEmpty ? name : relative + "/" + name
                    // Bytes that are not UTF-8 reach us as U+FFFD: the name cannot be opened nor
                    // told a folder, and a folder of that name would lose its images in silence.
                    // One without an extension is said (an image's is kept, to be reported as
                    // a file that cannot be opened; other files are no concern).
                    if name.contains("\u{FFFD}") && (name as NSString).pathExtension.isEmpty {
                        notAFile((argument as NSString).appendingPathComponent(inside), "its name holds bytes that are not UTF-8 (shown as \u{FFFD}), which digitlens cannot open: if it is a folder, its images are not read; rename it in UTF-8 (e.g. convmv -f latin1 -t utf8 --notest NAME)")
                        continue
                    }
                    var isFolder: ObjCBool = false
                    if fm.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                        guard !skipped.contains(realPath(path)) else { continue }
                        if isAnnotateOutput(path) { earlierOutput((argument as NSString).appendingPathComponent(inside)); continue }
                        walk(path, inside)
                        continue
                    }
                    // A link to nothing is listed all the same, to be reported as a bad file.
                    let ext = (name as NSString).pathExtension.lowercased()
                    guard imageExtensions.contains(ext) else { continue }
                    // Said by the path as given, as items are (not by the folder's real path).
                    let named = (argument as NSString).appendingPathComponent(inside)
                    if toolOutputSuffixes.contains(where: name.lowercased().hasSuffix) { toolOutput(named); continue }
                    // A named pipe, socket or device met in a folder is no picture: reading
                    // one would wait forever (a FIFO named pipe.png hung the batch).
                    // (A link is judged by what it points to; a link to nothing is reported as a bad file.)
                    if let type = (try? fm.attributesOfItem(atPath: realPath(path)))?[.type] as? FileAttributeType,
                       type != .typeRegular {
                        // What a link that leads nowhere points at is said, not "a device".
                        if type == .typeSymbolicLink, let target = try? fm.destinationOfSymbolicLink(atPath: path) {
                            notAFile(named, "a link to \(target), which does not exist; not read")
                        } else {
                            notAFile(named, "not a regular file (a named pipe, socket or device); not read")
                        }
                        continue
                    }
                    // `path` is spelled from the folder's real path: any link on the way, the
                    // file or a folder, makes its real path another.
                    let real = realPath(path)
                    found.append((BatchItem(path: named, relativePath: prefix.isEmpty ? inside : prefix + "/" + inside),
                                  real, real != path))
                }
            }
            walk(walked, "")
            met += found.sorted { $0.item.relativePath < $1.item.relativePath }
        } else {
            met.append((BatchItem(path: argument, relativePath: (argument as NSString).lastPathComponent), realPath(argument), false))
        }
    }
    let reachedDirectly = Set(met.filter { !$0.viaLink }.map(\.real))
    var kept = [String: String]()   // real path → the path kept for it
    for entry in met where (!entry.viaLink || !reachedDirectly.contains(entry.real)) && kept[entry.real] == nil { kept[entry.real] = entry.item.path }
    var taken = Set<String>()
    return met.filter { entry in
        let keep = kept[entry.real] == entry.item.path && taken.insert(entry.real).inserted
        if !keep, let other = kept[entry.real], other != entry.item.path { sameFile(entry.item.path, other) }
        return keep
    }.map(\.item)
}

/// How `recognize` and `annotate` say what a folder `isAnnotateOutput` is, and why it is not
/// read: one wording for both.
public enum AnnotateOutputFolder {
    public static let what = "holds an annotate run's outputs (annotated pictures with their sidecars)"
    public static let why = "its pictures have boxes and labels drawn on them"
}

/// Whether `folder` holds the annotated images of an earlier annotate run (its --out folder,
/// or a folder inside it), met inside a folder being walked (`annotate scans --out scans/ann`,
/// then `--out scans/ann2`) or given: its images have sidecars, `<image>.json` beside each,
/// holding a batch record (a few are looked at; a user's own JSON files are no such thing).
/// Its images are outputs, not inputs. A report alone is no sign: `annotate merge --output`
/// may write one among the user's pictures (a folder of scans so refused whole), and a run's
/// --out whose images all lie in subfolders is found in each of them.
public func isAnnotateOutput(_ folder: String) -> Bool {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
    func decodes<T: Decodable>(_ name: String, as type: T.Type) -> Bool {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else { return false }
        return (try? JSONDecoder().decode(type, from: data)) != nil
    }
    let present = Set(names)
    let sidecars = names.lazy.filter { $0.hasSuffix(sidecarSuffix) && present.contains(String($0.dropLast(sidecarSuffix.count))) }.prefix(5)
    return sidecars.contains { decodes($0, as: BatchRecord.self) }
}

/// The absolute path with symbolic links resolved, so two spellings of one file compare equal.
public func realPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}
