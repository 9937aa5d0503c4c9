import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct AnnotateMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shard reports of an annotate run into one report.",
        discussion: "Reads report-shard-*.csv/json in DIR (or the report files given), checks they are shards 0..<N of one N, each once, and writes DIR/report.<format>, sorted by file.")

    @Argument(help: "The --out folder of the shards, or report files.") var paths: [String]
    @Option(help: "Report format: csv or json (default: --output's extension, else csv).") var report: String?
    @Option(help: "Where to write the merged report (default: <dir>/report.<format>).") var output: String?

    /// The format written: --report, else the one --output's name ends in (a report named
    /// merged.json had been written as CSV), else CSV.
    var format: BatchReport.Format {
        report.flatMap(BatchReport.Format.init(rawValue:)) ?? outputFormat ?? .csv
    }

    /// The format --output's extension names, if it names one.
    var outputFormat: BatchReport.Format? {
        output.flatMap { BatchReport.Format(rawValue: ($0 as NSString).pathExtension.lowercased()) }
    }

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give the shards' output folder or their report files") }
        if let report { guard BatchReport.Format(rawValue: report) != nil else { throw ValidationError("--report must be csv or json") } }
    }

    func run() throws {
        // One line, as merge's other refusals are (not the usage a ValidationError prints).
        if let asked = report.flatMap(BatchReport.Format.init(rawValue:)), let named = outputFormat, named != asked, let output {
            throw CommandError("--output \(output)", cannot: "write the merged report", "names a .\(named.rawValue) file but --report is \(asked.rawValue); name the file .\(asked.rawValue), or leave out --report")
        }
        var files = [String]()
        var folder: String?
        for path in paths {
            if isFolder(path) {
                folder = folder ?? path
                files += try FileManager.default.contentsOfDirectory(atPath: path).filter { Shard(reportName: $0) != nil }.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        // A report given twice (by name and in its folder, or by two names) is read once, and
        // said to be: a set then short of a shard had been said to miss it, with no word why.
        var seen = Set<String>()
        files = files.filter { file in
            let first = seen.insert(realPath(file)).inserted
            if !first { note("\(file) is given twice; read once") }
            return first
        }
        // A one-task array (`--array=0-0`, SLURM_ARRAY_TASK_COUNT=1) wrote the whole report
        // under its plain name: it is the merge of its one shard. The one in the format asked
        // for is taken first: then there is nothing to do.
        var whole: String?
        if files.isEmpty, let folder, paths.count == 1 {
            let formats = [format.rawValue] + ["csv", "json"].filter { $0 != format.rawValue }
            whole = formats.map { (folder as NSString).appendingPathComponent("report.\($0)") }.first { FileManager.default.fileExists(atPath: $0) }
            files = whole.map { [$0] } ?? []
        }
        guard !files.isEmpty else { throw CommandError(nil, cannot: "find the shard reports", "no report-shard-* files found in \(paths.joined(separator: ", "))") }
        if whole == nil { try BatchReport.checkShardSet(files, place: paths.joined(separator: ", ")) }
        var records = [BatchRecord]()
        var reportOf = [String: String]()
        for file in files {
            guard FileManager.default.fileExists(atPath: file) else { throw CommandError(file, cannot: "read the shard report", "no such report file or folder") }
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandError(file, cannot: "read the shard report", "cannot read") }
            let shardRecords = try BatchReport.decode(data, path: file)
            let stopped = shardRecords.filter { $0.status == BatchReport.notStarted }.count
            guard stopped == 0 else {
                throw CommandError(file, cannot: "merge the shard reports", "this shard was stopped before it finished (\(stopped) of \(shardRecords.count) images not started); run it again, then merge")
            }
            // Each shard takes every N-th file of the input as it was when that shard started:
            // files added or removed in between shift the split, and some files are then in two
            // shards while others are in none.
            for record in shardRecords {
                if let other = reportOf.updateValue(file, forKey: record.file) {
                    if other == file { throw CommandError(nil, cannot: "merge the shard reports", "\(record.file) is twice in \(file); not a report this tool wrote, or one edited since") }
                    throw CommandError(nil, cannot: "merge the shard reports", "\(record.file) is in two shard reports, \(other) and \(file): the input changed between the shards' starts, so files were done twice and others not at all; run every shard again over the unchanged input, then merge")
                }
            }
            records += shardRecords
        }
        records.sort { $0.file < $1.file }
        let target = output ?? ((folder ?? ((files[0] as NSString).deletingLastPathComponent)) as NSString).appendingPathComponent("report.\(format.rawValue)")
        if let whole, realPath(whole) == realPath(target) {
            print("\(whole) is already the whole report (a run of one shard): nothing to merge")
            return
        }
        if files.contains(where: { realPath($0) == realPath(target) }) {
            throw CommandError("--output \(target)", cannot: "write the merged report", "is one of the shard reports being merged; name another file")
        }
        try BatchReport.checkReplaceable(target)
        try BatchReport.write(records, as: format, to: target)
        let failed = records.filter { $0.status == BatchReport.failed }.count
        if let whole {
            print("\(whole) is the whole report (a run of one shard): written as \(format.rawValue), \(records.count) images, \(failed) failed; wrote \(target)")
        } else {
            print("merged \(files.count) shard \(files.count == 1 ? "report" : "reports"): \(records.count) images, \(failed) failed; wrote \(target)")
        }
    }
}
