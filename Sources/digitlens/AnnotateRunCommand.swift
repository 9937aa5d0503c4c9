import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct AnnotateRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Annotate images and folders (recursively) into --out, with a report.",
        discussion: """
        Each input gets an annotated image at the same relative path under --out (several inputs: \
        each folder under its own name), and a JSON sidecar with its result; the report (report.csv \
        or report.json, or report-shard-I-of-N.* for a shard) lists every file with its text, digits, \
        time and any error. Each page of a multi-page TIFF or a PDF is an image of its own (scan-page2.tif under \
        --out, scan.tif#2 in the report). A rerun skips an image whose input, weights and settings are unchanged, \
        unless --force. Files in --out that annotate did not write are never overwritten. Bad files \
        are reported and skipped; the exit status is then 1. \
        Shards: --shard I/N, or SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, or Kubernetes' \
        JOB_COMPLETION_INDEX with DIGITLENS_SHARDS. Join shard reports with `digitlens annotate merge`.
        """)

    @Argument(help: "Image files and folders.") var inputs: [String]
    @Option(help: "Output folder (created).") var out: String
    @Option(parsing: .unconditional, help: "Images processed at once (default: all cores).") var jobs: Int?
    @Option(help: "Report format: csv or json.") var report = "csv"
    @Option(parsing: .unconditional, help: "Process only shard I of N (0-based), e.g. 0/4.") var shard: String?
    @Flag(help: "Redo images already annotated by an earlier run.") var force = false
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one image or folder") }
        guard BatchReport.Format(rawValue: report) != nil else { throw ValidationError("--report must be csv or json") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch let error as VisionError { throw ValidationError(error.reason) }
        }
        try pipelineOptions.check()
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: out) && !isFolder(out) {
            throw VisionError(kind: .argument, file: out, operation: "annotate", reason: "\(out): --out is a file, not a folder")
        }
        // Outputs go at the inputs' relative paths under --out: the input folder itself would
        // get one refusal per image instead of one.
        if let same = inputs.first(where: { isFolder($0) && realPath($0) == realPath(out) }) {
            throw CommandError("--out \(out)", cannot: "write the annotated images", "is the input folder \(same); name another folder for the annotated images")
        }
        // Nothing to read at all (a mistyped folder): said before --out and a report are made.
        // A missing input among others is reported with the batch, as any bad file is.
        let missing = inputs.filter { !FileManager.default.fileExists(atPath: $0) }
        if !missing.isEmpty && missing.count == inputs.count {
            throw CommandError(nil, cannot: "find the inputs", missing.map { "\($0): \(noSuchFileReason($0, what: "file or folder"))" }.joined(separator: "; "))
        }
        // An earlier run's --out folder given as an input: its pictures have boxes and labels
        // drawn on them, and read again they gave other numbers ("4711 0815" read "47111
        // 68157"). Reported as `recognize` reports it, and the other inputs are annotated.
        let earlierRuns = inputs.filter { isFolder($0) && isAnnotateOutput($0) }
        let earlierRunReason = "the folder \(AnnotateOutputFolder.what): \(AnnotateOutputFolder.why); annotate the pictures they were made from"
        if !earlierRuns.isEmpty && earlierRuns.count == inputs.count {
            throw CommandError(earlierRuns.joined(separator: ", "), cannot: "annotate the inputs", earlierRunReason)
        }
        let inputs = inputs.filter { !earlierRuns.contains($0) }
        let selected: Shard
        if let shard { selected = try Shard(parsing: shard) } else { selected = try Shard.fromEnvironment() ?? .whole }
        let recognizer = DigitRecognizer(classifier: try modelOptions.loadClassifier(), parameters: pipelineOptions.parameters)
        let job = AnnotationJob(recognizer: recognizer, model: try modelOptions.weightsIdentity(), outputDirectory: out, force: force, jobs: jobs ?? Parallel.workers)
        // Checked on the whole batch, so every shard refuses it alike.
        var unreadEntries = earlierRuns.map { BatchRecord(file: $0, output: nil, status: BatchReport.failed, text: "", seconds: 0, error: "\($0): \(earlierRunReason)", digits: []) }
        var earlierOutputs = [String](), sameFiles = [(String, String)](), toolOutputs = 0
        // A multi-page TIFF or PDF is one item a page (`splittingPages`).
        let all = splittingPages(collectInputs(inputs, excluding: [out], unreadableFolder: { folder, reason in
            unreadEntries.append(BatchRecord(file: folder, output: nil, status: BatchReport.failed, text: "", seconds: 0,
                                               error: "\(folder): cannot read the folder (\(reason)); its images are not annotated", digits: []))
        }, notAFile: { path, what in
            unreadEntries.append(BatchRecord(file: path, output: nil, status: BatchReport.failed, text: "", seconds: 0, error: "\(path): \(what)", digits: []))
        }, earlierOutput: { earlierOutputs.append($0) }, toolOutput: { _ in toolOutputs += 1 }, sameFile: { sameFiles.append(($0, $1)) }))
        if toolOutputs > 0 { note(toolOutputsNote(toolOutputs)) }
        if all.isEmpty && unreadEntries.isEmpty {
            throw CommandError(nil, cannot: "find images", "no images found in \(inputs.joined(separator: ", ")) (\(imageExtensions.sorted().joined(separator: ", ")))")
        }
        // Nothing but folders that cannot be listed (or pipes): said, with no --out and no
        // report of "0 of 0 images" made.
        if all.isEmpty {
            throw CommandError(nil, cannot: "find images", unreadEntries.compactMap(\.error).joined(separator: "; ") + "; no image to annotate")
        }
        unreadEntries += emptyFolders(among: inputs, items: all, unread: unreadEntries)
        try job.checkOutputs(all)
        noteUserImagesInOutput(inputs: inputs)
        noteUserImages(inEarlierOutputs: earlierOutputs)
        // Links to one picture (a folder of favourites, a link farm) give it one output: said,
        // so that the outputs the other names would have had are not looked for in vain.
        // A folder given twice (itself and a link to it) is read once, and said to be.
        let sameFolders = sameFiles.filter { isFolder($0.1) }, samePictures = sameFiles.filter { !isFolder($0.1) }
        for (leftOut, kept) in sameFolders { note("\(leftOut) is the folder \(kept), also given; read once, as \(kept)") }
        if let (first, kept) = samePictures.first {
            note("\(samePictures.count) \(samePictures.count == 1 ? "file is a second path" : "files are second paths") to a picture read under another name (\(first) is \(kept)); each picture is annotated once")
        }
        let items = selected.select(all)
        let format = BatchReport.Format(rawValue: report)!
        let reportURL = URL(fileURLWithPath: out).appendingPathComponent(selected.reportName(format))
        try BatchReport.checkReplaceable(reportURL.path)
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch { throw VisionError.file(out, cannot: "create the folder", error) }
        try checkWritable(out)
        let lock = try ShardLock(selected, in: out)
        defer { lock.release() }
        let bar = ProgressBar(total: items.count, label: selected.count > 1 ? "annotate shard \(selected)" : "annotate", unit: "img", logEvery: 60)
        // Ctrl-C or SIGTERM: the images under way are finished, no new one is started, and the
        // report of those done is written, so a rerun picks up the rest.
        let signals = StopSignals()
        let started = Date()
        // A folder that could not be listed, or a pipe met in one, fails the run, reported once (by the first shard).
        let unreadPaths = selected.index == 0 ? unreadEntries : []
        for record in unreadPaths { bar.message("digitlens: \(record.error!)") }
        let records = unreadPaths + job.run(items, shouldStop: { signals.received != nil }) { record in
            if record.status == BatchReport.failed { bar.message("digitlens: \(record.error ?? record.file)") }
            if let warning = record.warning { bar.message("digitlens: warning: \(warning)") }
            bar.advance(status: record.status == BatchReport.failed ? "" : record.text.prefix(24).description)
        }
        bar.finish()
        // Stopped: the images not started are listed as such, so a merge of this shard's report
        // refuses it rather than leave them out (`BatchReport.notStarted`).
        let notStarted: [BatchRecord] = signals.received.map { signal in
            let done = Set(records.map(\.file))
            return items.filter { !done.contains($0.name) }.map {
                BatchRecord(file: $0.name, output: nil, status: BatchReport.notStarted, text: "", seconds: 0,
                            error: "not started: the run was stopped by \(signal)", digits: [])
            }
        } ?? []
        // A report that cannot be written (a full disk) is said after the summary, which is
        // the only account of the run then.
        var reportProblem: Error?
        do { try BatchReport.write(records + notStarted, as: format, to: reportURL.path) } catch { reportProblem = error }
        // The folders that could not be listed and the pipes met are in the report, but they
        // are no images: the summary counts them apart.
        let failed = records.filter { $0.status == BatchReport.failed }.count - unreadPaths.count
        let skipped = records.filter { $0.status == BatchReport.skipped }.count
        let images = records.count - unreadPaths.count
        // Throughput over the wall clock: what --jobs changes (each image's own time grows as
        // jobs share the cores, while more of them finish per second).
        let annotated = images - failed - skipped, wall = Date().timeIntervalSince(started)
        let jobsRun = job.jobsRunning(for: items.count)
        let rate = annotated > 0 ? String(format: "; %.1f images per second (%.1f s, ", Double(annotated) / Swift.max(wall, 1e-3), wall) + "\(jobsRun) \(jobsRun == 1 ? "job" : "jobs"))" : ""
        let unread = unreadPaths.isEmpty ? "" : "; \(unreadPaths.count) \(unreadPaths.count == 1 ? "folder or special file" : "folders or special files") not read"
        let stopped = notStarted.isEmpty ? "" : "; \(notStarted.count) not started"
        print("annotated \(annotated), skipped \(skipped) done earlier, failed \(failed) of \(images) images\(stopped)\(unread)\(selected.count > 1 ? " (shard \(selected))" : ""); \(reportProblem == nil ? "report \(reportURL.path)" : "no report written")\(rate)")
        if let reportProblem { throw reportProblem }
        if let signal = signals.received {
            writeToStandardError("digitlens: stopped by \(signal): \(notStarted.count) of \(items.count) images not started; run the same command again to finish them\n")
            throw ExitCode(signal == "SIGINT" ? 130 : 143)
        }
        if failed > 0 || !unreadPaths.isEmpty { throw ExitCode(1) }
    }
}

extension AnnotateRun {
    /// `--out` inside an input folder is not read as input (its annotated images would be
    /// annotated again); pictures of the user's own there, those without an annotate sidecar,
    /// are not read either, and the note says so rather than leave them out in silence.
    func noteUserImagesInOutput(inputs: [String]) {
        let outPath = realPath(out)
        guard isFolder(out), let input = inputs.first(where: { isFolder($0) && outPath.hasPrefix(realPath($0) + "/") }) else { return }
        let own = imagesWithoutSidecars(in: out)
        if own > 0 {
            note("--out \(out) lies inside the input \(input) and is not read as input: its \(own) \(own == 1 ? "image" : "images") not written by annotate \(own == 1 ? "is" : "are") left out; give another --out to annotate \(own == 1 ? "it" : "them")")
        }
    }
}

extension AnnotateRun {
    /// The input folders, given beside others, that hold no image (an unmounted share, a
    /// mistyped date), each an error of its own as it is given alone. A folder whose images
    /// were met by another path (a link to it, the folder given twice) is not one.
    func emptyFolders(among inputs: [String], items: [BatchItem], unread: [BatchRecord]) -> [BatchRecord] {
        inputs.filter { input in
            guard isFolder(input) else { return false }
            let root = URL(fileURLWithPath: input).standardizedFileURL.path + "/"
            return !items.contains { $0.path.hasPrefix(root) } && !unread.contains { $0.file.hasPrefix(root) || $0.file == input } && !holdsImages(input)
        }.map { input in
            BatchRecord(file: input, output: nil, status: BatchReport.failed, text: "", seconds: 0,
                        error: "\(input): no images found in this folder (\(imageExtensions.sorted().joined(separator: ", ")))", digits: [])
        }
    }

    /// An earlier run's output folder inside an input is not read; pictures there that no run
    /// wrote (the user's own, beside annotated pictures and their sidecars) are said to be left out.
    func noteUserImages(inEarlierOutputs folders: [String]) {
        for folder in folders {
            let own = imagesWithoutSidecars(in: folder)
            if own > 0 {
                note("\(folder) holds pictures annotate wrote (with their sidecars), so it is taken for an earlier run's output and not read: its \(own) \(own == 1 ? "image" : "images") not written by annotate \(own == 1 ? "is" : "are") left out; annotate \(own == 1 ? "it" : "them") on \(own == 1 ? "its" : "their") own")
            }
        }
    }
}

/// The note for `count` pictures the tool wrote (`toolOutputSuffixes`) met in folders and
/// left out.
func toolOutputsNote(_ count: Int) -> String {
    let endings = toolOutputSuffixes.map { "*" + $0 }.joined(separator: ", ")
    return count == 1 ? "1 picture that recognize wrote (\(endings)) is left out: read, its boxes and labels would be read as digits; name it to read it"
        : "\(count) pictures that recognize wrote (\(endings)) are left out: read, their boxes and labels would be read as digits; name one to read it"
}

/// Whether `folder` holds a picture anywhere below it.
func holdsImages(_ folder: String) -> Bool {
    guard let walker = FileManager.default.enumerator(atPath: realPath(folder)) else { return false }
    for case let relative as String in walker {
        let ext = (relative as NSString).pathExtension.lowercased()
        if imageExtensions.contains(ext) { return true }
    }
    return false
}

/// The pictures under `folder` (walked whole) that have no annotate sidecar beside them: the
/// user's own, not an annotate run's outputs.
func imagesWithoutSidecars(in folder: String) -> Int {
    // Walked by its real path: a folder reached through a link is otherwise not descended.
    let real = realPath(folder)
    guard let walker = FileManager.default.enumerator(atPath: real) else { return 0 }
    var own = 0
    for case let relative as String in walker where imageExtensions.contains((relative as NSString).pathExtension.lowercased()) {
        if !FileManager.default.fileExists(atPath: (real as NSString).appendingPathComponent(relative) + sidecarSuffix) { own += 1 }
    }
    return own
}

/// Fails unless a file can be made in `folder` (permissions, a read-only mount, a full disk),
/// before hours of a big batch are spent on images whose outputs could not be written.
func checkWritable(_ folder: String) throws {
    let probe = (folder as NSString).appendingPathComponent(".digitlens-write-check-\(getpid())")
    guard FileManager.default.createFile(atPath: probe, contents: Data("ok".utf8)) else {
        let reason = errno == EROFS ? "read-only file system" : errno == ENOSPC ? "no space left" : "permission denied"
        throw CommandError("--out \(folder)", cannot: "write the annotated images", "cannot write there (\(reason))")
    }
    try? FileManager.default.removeItem(atPath: probe)
}
