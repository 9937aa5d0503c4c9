import CBridge
import Foundation

/// Reads and annotates a list of images on several threads: for each input (each page of a
/// multi-page TIFF or PDF, `splittingPages`), the annotated image at the same relative path under
/// the output folder and a `.json` sidecar with its result and what it was made from (so a
/// rerun skips what is done, and only that, and a report can be rebuilt). A bad file becomes
/// an "error" record and the batch goes on. Inputs, and any file it did not write itself, are
/// never written; outputs are atomic.
public final class AnnotationJob: @unchecked Sendable {
    public let recognizer: DigitRecognizer
    public let outputDirectory: URL
    public let force: Bool
    public let jobs: Int
    /// The jobs that run over `count` images: never more than the images.
    public func jobsRunning(for count: Int) -> Int { Swift.min(jobs, Swift.max(count, 1)) }
    /// Identifies the weights in the sidecars, so a rerun with other weights redoes the images.
    public let model: String

    public init(recognizer: DigitRecognizer, model: String = "", outputDirectory: String, force: Bool, jobs: Int) {
        self.recognizer = recognizer
        self.model = model
        self.outputDirectory = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        self.force = force
        self.jobs = Swift.max(1, jobs)
    }

    /// Where the annotated image of `item` goes (its extension kept when OpenCV can write it,
    /// else `.png` appended).
    public func outputPath(for item: BatchItem) -> String {
        var relative = item.relativePath
        if !writableImageExtensions.contains((relative as NSString).pathExtension.lowercased()) { relative += ".png" }
        return outputDirectory.appendingPathComponent(relative).path
    }

    /// Refuses, before anything is written, a batch in which two inputs would write the same
    /// output (files of the same name given directly, or folders of the same name: which one
    /// survived would depend on thread timing), or an input's output would be the input
    /// itself (a picture given by name with `--out` its own folder: the run would write its
    /// report among the user's pictures and annotate nothing). Missing inputs are left to be
    /// reported.
    public func checkOutputs(_ items: [BatchItem]) throws {
        var owners = [String: String]()
        for item in items where FileManager.default.fileExists(atPath: item.path) {
            let output = outputPath(for: item)
            if realPath(output) == realPath(item.path) {
                throw VisionError(kind: .argument, file: item.path, operation: "annotate",
                                  reason: "\(item.path): its annotated copy would replace it in --out \(outputDirectory.path); name another --out folder")
            }
            if let other = owners.updateValue(item.path, forKey: output) {
                throw VisionError(kind: .argument, file: item.path, operation: "annotate",
                                  reason: "\(other) and \(item.path) would both be written to \(output); annotate them into different --out folders")
            }
        }
    }

    /// Runs the items; `onRecord` is called (from worker threads, one at a time) as each ends.
    /// Once `shouldStop` says so (Ctrl-C), no further item is started; the records of the
    /// items done are returned.
    public func run(_ items: [BatchItem], shouldStop: @escaping @Sendable () -> Bool = { false },
                    onRecord: @escaping (BatchRecord) -> Void = { _ in }) -> [BatchRecord] {
        removePartialWrites(under: outputDirectory.path)
        // A file of one page now may have had more before: a TIFF or a PDF rescanned.
        var listings = [String: [String]]()
        for item in items where item.page == item.pageCount || (item.page == nil && pagedImageExtensions.contains((item.path as NSString).pathExtension.lowercased())) {
            removeVanishedPages(of: item, listings: &listings)
        }
        var records = [BatchRecord?](repeating: nil, count: items.count)
        let lock = NSLock()
        var nextIndex = 0
        DispatchQueue.concurrentPerform(iterations: jobsRunning(for: items.count)) { _ in
            while true {
                lock.lock()
                let i = nextIndex
                nextIndex += 1
                lock.unlock()
                guard i < items.count, !shouldStop() else { return }
                let record = process(items[i])
                lock.lock()
                records[i] = record
                onRecord(record)
                lock.unlock()
            }
        }
        return records.compactMap { $0 }
    }

    func process(_ item: BatchItem) -> BatchRecord {
        let start = Date()
        let output = outputPath(for: item)
        let sidecar = output + sidecarSuffix
        func failure(_ message: String) -> BatchRecord {
            BatchRecord(file: item.name, output: nil, status: BatchReport.failed, text: "", seconds: Date().timeIntervalSince(start), error: message, digits: [])
        }
        if realPath(output) == realPath(item.path) {
            return failure("\(item.path): the output would overwrite the input; choose another --out")
        }
        // Only files this tool wrote (those with its sidecar) may be replaced: --out may be a
        // folder that also holds the user's own pictures.
        let fm = FileManager.default
        let earlier = sidecarRecord(sidecar)
        if earlier == nil, let existing = [output, sidecar].first(where: { fm.fileExists(atPath: $0) }) {
            // Without its sidecar, an image annotate wrote cannot be told from the user's own.
            let why = existing == sidecar ? "is not a sidecar digitlens annotate wrote"
                : "with no sidecar \((sidecar as NSString).lastPathComponent) saying digitlens annotate wrote it"
            return failure("\(item.path): \(existing) exists \(why); not overwriting it (delete it to have it written again)")
        }
        let provenance = self.provenance(of: item)
        let outputBytes = fileSize(output)
        if !force, var done = earlier, done.provenance != nil, done.provenance == provenance, let outputBytes,
           done.outputBytes == nil || done.outputBytes == outputBytes {
            done.status = BatchReport.skipped
            done.file = item.name
            done.output = output          // where it is now, should --out have been moved
            done.provenance = nil
            done.outputBytes = nil
            return done
        }
        do {
            let image = try item.input.readImage()
            let result = try recognizer.recognize(image)
            try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if earlier == nil {
                // The sidecar goes first, so an image left by a run that stops here is still
                // known to be this tool's (and redone, having no provenance).
                var claim = failure("\(item.name): interrupted before its annotated image was written")
                claim.output = output
                try writeAtomically(JSONEncoder().encode(claim), to: sidecar)
            }
            try drawAnnotations(result, on: image).write(to: output)
            var record = BatchRecord(file: item.name, output: output, status: BatchReport.succeeded, text: result.text,
                                     seconds: Date().timeIntervalSince(start), error: nil, digits: result.digits, provenance: provenance)
            record.warning = image.decodeWarning
            record.outputBytes = fileSize(output)
            try writeAtomically(JSONEncoder().encode(record), to: sidecar)
            record.provenance = nil
            record.outputBytes = nil
            return record
        } catch let error as VisionError {
            // An input annotated before that cannot be read now (truncated, replaced by
            // something else): its annotated image is no longer its picture, and the sidecar
            // says what the report says.
            let record = failure("\(error)")
            if let done = earlier, done.status == BatchReport.succeeded, error.operation == "read" {
                try? FileManager.default.removeItem(atPath: output)
                try? writeAtomically(JSONEncoder().encode(record), to: sidecar)
            }
            return record
        } catch {
            return failure("\(item.name): \(VisionError.file(output, cannot: "write", error))")
        }
    }

    /// Removes what an earlier run wrote for pages the file of `item` (its last page) no longer
    /// has: a stack rescanned with fewer sheets, a single page that became a stack, a stack
    /// that became one page or unreadable (then read as one page). Their "ok" sidecars would
    /// go on telling of pages that are not there. Only outputs whose sidecar names this input
    /// and page are removed; the shard with the file's last page does it, once. `listings`
    /// keeps each output folder's names, listed once a run.
    func removeVanishedPages(of item: BatchItem, listings: inout [String: [String]]) {
        // A file that cannot be opened now (its permissions changed, a share gone) was not
        // looked into: its page count says nothing, and its pages' outputs stay.
        let opened = open(item.path, O_RDONLY | O_NONBLOCK)
        guard opened >= 0 else { return }
        close(opened)
        let relative = item.fileRelativePath ?? item.relativePath, real = realPath(item.path)
        func output(_ page: Int?) -> String {
            outputPath(for: BatchItem(path: item.path, relativePath: pagePath(relative, page: page), page: page))
        }
        let folder = (output(nil) as NSString).deletingLastPathComponent
        if listings[folder] == nil { listings[folder] = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }
        // The sidecars of its pages: named as page 0's would be, with another number. (Split at
        // the page's mark: a name holding a 0 of its own, "img_0012.tif", had been split there.)
        let pageSidecar = (output(0) as NSString).lastPathComponent + sidecarSuffix
        var vanished: [Int?] = item.page == nil ? [] : [nil]
        if let mark = pageSidecar.range(of: "-page0", options: .backwards) {
            let (head, tail) = (String(pageSidecar[..<mark.upperBound].dropLast()), String(pageSidecar[mark.upperBound...]))
            for name in listings[folder]! where name.hasPrefix(head) && name.hasSuffix(tail) && name.count > head.count + tail.count {
                if let page = Int(name.dropFirst(head.count).dropLast(tail.count)), page > 0, item.page == nil || page > item.pageCount { vanished.append(page) }
            }
        }
        for gone in vanished {
            guard let record = sidecarRecord(output(gone) + sidecarSuffix) else { continue }
            // A sidecar without provenance (an error's) names the file as it was given.
            let given = gone.map { String(record.file.dropLast("#\($0)".count)) } ?? record.file
            guard (record.provenance?.input ?? InputPage(path: realPath(given), page: gone).name) == InputPage(path: real, page: gone).name else { continue }
            try? FileManager.default.removeItem(atPath: output(gone))
            try? FileManager.default.removeItem(atPath: output(gone) + sidecarSuffix)
        }
    }

    /// The record in the sidecar an earlier run wrote at `sidecar`, nil when there is none.
    func sidecarRecord(_ sidecar: String) -> BatchRecord? {
        guard let data = FileManager.default.contents(atPath: sidecar) else { return nil }
        return try? JSONDecoder().decode(BatchRecord.self, from: data)
    }

    /// The input as it is now and this job's settings; nil when the input cannot be looked at.
    func provenance(of item: BatchItem) -> AnnotationProvenance? {
        // The file read, not a symbolic link to it: a link keeps its own size and date when
        // the picture it points to is replaced.
        let real = realPath(item.path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
              let size = (attributes[.size] as? NSNumber)?.uint64Value,
              let modified = attributes[.modificationDate] as? Date else { return nil }
        return AnnotationProvenance(input: InputPage(path: real, page: item.page).name, inputSize: size, inputModified: modified.timeIntervalSince1970,
                                    model: model, parameters: recognizer.parameters)
    }
}

/// What an annotation was made from, kept in its sidecar: the input file as it was read and
/// the settings that change results. A rerun skips an image only when all of it is the same
/// (a date alone is not enough: `cp -p` puts another picture in place with an older date).
public struct AnnotationProvenance: Codable, Equatable, Sendable {
    /// Which file (its real path, `#N` for a page) it was: another folder's scan001.bmp of the
    /// same size and date (uncompressed scans, files unpacked from one archive) is another
    /// picture. Nil in the sidecars of versions before it, which are then redone.
    public var input: String?
    public var inputSize: UInt64
    /// Seconds since 1970, as precise as the file system keeps it.
    public var inputModified: Double
    /// Identifies the weights (the caller's choice, e.g. their MD5).
    public var model: String
    public var parameters: PipelineParameters
}

/// Writes `data` through a hidden temporary beside `path` renamed into place, the scheme the
/// bridge writes images with (`cb_partial_path`): a run killed in the middle leaves a name
/// `removePartialWrites` knows, and no other.
public func writeAtomically(_ data: Data, to path: String) throws {
    guard let made = cb_partial_path(path) else { throw VisionError(kind: .io, file: path, operation: "write", reason: "\(path): cannot write (out of memory)") }
    let temporary = String(cString: made)
    cb_string_free(made)
    do {
        try writeNewFile(data, to: temporary, reportedAs: path)
        guard rename(temporary, path) == 0 else { throw VisionError(kind: .io, file: path, operation: "write", reason: "\(path): cannot write (\(String(cString: strerror(errno))))") }
    } catch {
        try? FileManager.default.removeItem(atPath: temporary)
        throw error
    }
}

/// The size of the file at `path` in bytes; nil when there is none.
func fileSize(_ path: String) -> UInt64? {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value
}

/// Writes `data` into a new file at `path` with the system's own calls, so that a failure
/// gives the system's reason ("File too large", "No space left on device"); Foundation's
/// write reported a full disk as "The operation could not be completed". `name` is how
/// messages name the file.
func writeNewFile(_ data: Data, to path: String, reportedAs name: String) throws {
    func failure(_ code: Int32) -> VisionError { VisionError.file(name, cannot: "write", NSError(domain: NSPOSIXErrorDomain, code: Int(code))) }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw failure(errno) }
    var problem: Int32 = 0
    data.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 { if errno == EINTR { continue }; problem = errno; return }
            offset += written
        }
    }
    if close(descriptor) != 0 && problem == 0 { problem = errno }
    if problem != 0 { throw failure(problem) }
}

/// Removes what runs killed in the middle of writing left under `folder`: the bridge's hidden
/// temporaries (`cb_partial_owner`), files only, of this host's processes that are gone, or of
/// another host's (a cluster node sharing the folder) a day old. A running process's (another
/// shard writing into the same folder) are left alone, and so is every other name: a user's
/// `notes.tmp-2024` or `holiday.tmp-2023/` in --out is not this tool's.
func removePartialWrites(under folder: String) {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return }
    for case let relative as String in walker {
        // The bridge knows its temporaries' names: anything else is passed without a look.
        let owner = cb_partial_owner((relative as NSString).lastPathComponent)
        guard owner > 0 else { continue }
        let path = (folder as NSString).appendingPathComponent(relative)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else { continue }
        let age = (attributes[.modificationDate] as? Date).map { -$0.timeIntervalSinceNow } ?? 0
        if owner == 1 || (owner == 2 && age > 24 * 3600) { try? FileManager.default.removeItem(atPath: path) }
    }
}
