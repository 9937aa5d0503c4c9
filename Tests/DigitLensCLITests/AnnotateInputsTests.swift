import Foundation
import XCTest

/// `digitlens annotate` and `merge` with the inputs and outputs a reviewer met in the wild: a
/// merge aimed at a pipe or at one of its own shard reports, a one-task array, a link beside
/// its target, a link to nothing, an empty folder among others, a copied report in a folder
/// of photos, a name holding a line break, and a damaged picture's warning in the CSV report.
final class AnnotateInputsTests: XCTestCase {
    let fm = FileManager.default

    func place(_ name: String, at destination: URL) throws { try CLI.placeSample(name, at: destination) }

    /// A scratch folder with `in/` holding two sample pictures, and the `out` to write to.
    func twoPictures() throws -> (dir: URL, input: URL, out: URL) {
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("in")
        try place("phone-number.png", at: input.appendingPathComponent("a.png"))
        try place("notebook.png", at: input.appendingPathComponent("b.png"))
        return (dir, input, dir.appendingPathComponent("out"))
    }

    func reportRows(_ folder: URL) throws -> [[String]] {
        try String(contentsOf: folder.appendingPathComponent("report.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// `merge --output` renamed a plain file over a named pipe (and, run as root, over
    /// /dev/full), and over the shard report it was reading; a one-task array's whole report
    /// had "no report-shard-* files".
    func testMergeReplacesOnlyReportsAndKnowsARunOfOneShard() throws {
        let (dir, input, _) = try twoPictures()
        let outs = dir.appendingPathComponent("outs")
        for i in 0..<2 {
            let shard = try CLI.run(["annotate", input.path, "--out", outs.path, "--shard", "\(i)/2"])
            XCTAssertEqual(shard.status, 0, shard.stderr)
        }
        let pipe = dir.appendingPathComponent("pipe")
        XCTAssertEqual(mkfifo(pipe.path, 0o600), 0)
        let intoPipe = try CLI.run(["annotate", "merge", outs.path, "--output", pipe.path])
        XCTAssertEqual(intoPipe.status, 1)
        XCTAssertEqual(intoPipe.stderr, "digitlens: \(pipe.path) is not a plain file (a device, pipe or socket); a report is written as a new plain file, so name one that is not there yet or an earlier report\n")
        var info = stat()
        XCTAssertEqual(lstat(pipe.path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the pipe is still a pipe")
        let shard0 = outs.appendingPathComponent("report-shard-0-of-2.csv")
        let before = try Data(contentsOf: shard0)
        let ontoShard = try CLI.run(["annotate", "merge", outs.path, "--output", shard0.path])
        XCTAssertEqual(ontoShard.status, 1)
        XCTAssertTrue(ontoShard.stderr.contains("is one of the shard reports being merged"), ontoShard.stderr)
        XCTAssertEqual(try Data(contentsOf: shard0), before)

        // SLURM_ARRAY_TASK_COUNT=1: the run writes report.csv, which merge takes as it is.
        let one = dir.appendingPathComponent("one")
        let single = try CLI.run(["annotate", input.path, "--out", one.path], environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "1"])
        XCTAssertEqual(single.status, 0, single.stderr)
        let merged = try CLI.run(["annotate", "merge", one.path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertTrue(merged.stdout.contains("is already the whole report"), merged.stdout)
        // Asked for in the other format, it is written so, and said to be; asked again, the
        // report in that format is the whole one.
        let asJSON = try CLI.run(["annotate", "merge", one.path, "--report", "json"])
        XCTAssertEqual(asJSON.status, 0, asJSON.stderr)
        XCTAssertTrue(asJSON.stdout.contains("report.csv is the whole report (a run of one shard): written as json"), asJSON.stdout)
        XCTAssertTrue(fm.fileExists(atPath: one.appendingPathComponent("report.json").path))
        let again = try CLI.run(["annotate", "merge", one.path, "--report", "json"])
        XCTAssertTrue(again.stdout.contains("report.json is already the whole report"), again.stdout)
    }

    /// Inputs that had been dropped or misnamed without a word.
    func testOddInputsAreReadOrSaid() throws {
        let dir = try CLI.scratch()
        let photos = dir.appendingPathComponent("photos")
        // A link beside its target: the target's path is the one kept, whatever the order.
        try place("notebook.png", at: photos.appendingPathComponent("scans/page1.png"))
        try place("phone-number.png", at: photos.appendingPathComponent("scans/page2.png"))
        try fm.createDirectory(at: photos.appendingPathComponent("favourites"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: photos.appendingPathComponent("favourites/best.png").path, withDestinationPath: "../scans/page1.png")
        // A link to nothing.
        try fm.createSymbolicLink(atPath: photos.appendingPathComponent("gone.png").path, withDestinationPath: "/nonexistent/gone.png")
        // A folder of the user's photos holding a DigitLens report copied from elsewhere (a
        // report alone is no sign of outputs: its photos are read), and one holding an
        // annotated picture with its sidecar beside a photo of the user's (left out, said).
        let earlier = dir.appendingPathComponent("earlier")
        XCTAssertEqual(try CLI.run(["annotate", photos.appendingPathComponent("scans").path, "--out", earlier.path]).status, 0)
        try place("shadow.jpg", at: photos.appendingPathComponent("2025/mine.jpg"))
        try fm.copyItem(at: earlier.appendingPathComponent("report.csv"), to: photos.appendingPathComponent("2025/report.csv"))
        try fm.copyItem(at: earlier, to: photos.appendingPathComponent("2024"))
        try place("shadow.jpg", at: photos.appendingPathComponent("2024/mine.jpg"))
        // A file whose name breaks the line, holding no picture.
        try Data("not a picture".utf8).write(to: photos.appendingPathComponent("bad\nname.png"))
        let empty = dir.appendingPathComponent("empty")
        try fm.createDirectory(at: empty, withIntermediateDirectories: true)

        let out = dir.appendingPathComponent("out")
        let run = try CLI.run(["annotate", photos.path, empty.path, "--out", out.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        let files = try reportRows(out).map { $0[0] }
        XCTAssertTrue(files.contains(photos.appendingPathComponent("scans/page1.png").path), "\(files)")
        XCTAssertFalse(files.contains { $0.hasSuffix("favourites/best.png") }, "\(files)")
        XCTAssertTrue(run.stderr.contains("1 file is a second path to a picture read under another name (\(photos.path)/favourites/best.png is \(photos.path)/scans/page1.png)"), run.stderr)
        let lines = CLI.lines(run.stderr)
        XCTAssertTrue(lines.contains("digitlens: \(photos.path)/gone.png: a link to /nonexistent/gone.png, which does not exist; not read"), run.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("digitlens: \(empty.path): no images found in this folder") }, run.stderr)
        XCTAssertTrue(files.contains(photos.appendingPathComponent("2025/mine.jpg").path), "\(files)")
        XCTAssertFalse(files.contains { $0.contains("/2024/") }, "\(files)")
        XCTAssertTrue(lines.contains { $0.contains("\(photos.path)/2024 holds pictures annotate wrote") && $0.contains("its 1 image not written by annotate is left out") }, run.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("digitlens: \(photos.path)/bad\\nname.png: ") }, "one line, its break written as \\n: \(run.stderr)")
    }

    /// A folder given again through a link to it, and a picture given again by another
    /// spelling of its path, are read once and said to be (they had been dropped without a
    /// word); the summary counts the jobs that ran, not those asked for ("64 jobs" for one
    /// picture).
    func testAnInputGivenTwiceByAnotherPathIsReadOnceAndSaid() throws {
        let dir = try CLI.scratch()
        let scans = dir.appendingPathComponent("scans")
        try place("notebook.png", at: scans.appendingPathComponent("page1.png"))
        let alias = dir.appendingPathComponent("alias")
        try fm.createSymbolicLink(atPath: alias.path, withDestinationPath: "scans")
        // The link given first: the folder is read by its own path all the same.
        let folders = try CLI.run(["annotate", alias.path, scans.path, "--out", dir.appendingPathComponent("out1").path, "--jobs", "64"])
        XCTAssertEqual(folders.status, 0, folders.stderr)
        XCTAssertTrue(folders.stderr.contains("\(alias.path) is the folder \(scans.path), also given; read once, as \(scans.path)"), folders.stderr)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("out1")).map { $0[0] }, [scans.appendingPathComponent("page1.png").path])
        XCTAssertTrue(folders.stdout.contains(" s, 1 job)"), folders.stdout)
        let picture = scans.appendingPathComponent("page1.png").path, again = scans.path + "/./page1.png"
        let files = try CLI.run(["annotate", picture, again, "--out", dir.appendingPathComponent("out2").path])
        XCTAssertEqual(files.status, 0, files.stderr)
        XCTAssertTrue(files.stderr.contains("1 file is a second path to a picture read under another name (\(again) is \(picture))"), files.stderr)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("out2")).count, 1)
        // The same path twice is read once without a word.
        let repeated = try CLI.run(["annotate", picture, picture, "--out", dir.appendingPathComponent("out3").path])
        XCTAssertEqual(repeated.status, 0, repeated.stderr)
        XCTAssertFalse(repeated.stderr.contains("second path"), repeated.stderr)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("out3")).count, 1)
    }

    /// The CSV report (the default) carries a damaged picture's warning, as the JSON one did.
    func testTheCSVReportKeepsAWarning() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../DigitVisionTests/Fixtures").standardizedFileURL
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try fm.createDirectory(at: input, withIntermediateDirectories: true)
        try fm.copyItem(at: fixtures.appendingPathComponent("damaged-scan.jpg"), to: input.appendingPathComponent("damaged.jpg"))
        let run = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(report.first, "file,status,text,seconds,digits,error,warning")
        let warning = "\(input.path)/damaged.jpg: damaged JPEG data, the picture may be partly wrong (libjpeg: Corrupt JPEG data: premature end of data segment)"
        XCTAssertTrue(report.last?.hasSuffix(",,\"\(warning)\"") ?? false, "an empty error, then the warning: \(report)")
        // A rerun reads its own report back, warning and all.
        XCTAssertEqual(try CLI.run(["annotate", input.path, "--out", out.path]).status, 0)
    }

    /// Two runs of one shard into one --out (a requeued job while the first still runs) each
    /// took the other's fresh outputs for files it had not written: the second is refused,
    /// naming the first, while another shard of the run goes ahead. The lock is held here the
    /// way a running annotate holds it.
    func testASecondRunOfTheSameShardIsRefusedWhileTheFirstRuns() throws {
        let (_, input, out) = try twoPictures()
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        let lock = out.appendingPathComponent(".digitlens-lock-shard-0-of-1").path
        let descriptor = open(lock, O_RDWR | O_CREAT, 0o666)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { close(descriptor) }
        XCTAssertEqual(flock(descriptor, LOCK_EX | LOCK_NB), 0)
        _ = "4242 on node7\n".withCString { pwrite(descriptor, $0, strlen($0), 0) }
        let second = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertEqual(second.status, 1)
        XCTAssertEqual(second.stderr, "digitlens: another annotate run (process 4242 on node7) is writing into \(out.path); wait for it to end, or stop it, then run again\n")
        XCTAssertFalse(fm.fileExists(atPath: out.appendingPathComponent("report.csv").path))
        let shard = try CLI.run(["annotate", input.path, "--out", out.path, "--shard", "1/2"])
        XCTAssertEqual(shard.status, 0, shard.stderr)
        flock(descriptor, LOCK_UN)
        let after = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertEqual(after.status, 0, after.stderr)
    }

    /// A rerun skipped an image whose annotated output had been emptied or cut short (a
    /// failed rsync) as long as its sidecar was there: the size written is now checked too.
    func testARerunRedoesAnOutputCutShort() throws {
        let (_, input, out) = try twoPictures()
        XCTAssertEqual(try CLI.run(["annotate", input.path, "--out", out.path]).status, 0)
        let whole = try Data(contentsOf: out.appendingPathComponent("a.png"))
        try whole.prefix(1000).write(to: out.appendingPathComponent("a.png"))
        let rerun = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stdout.hasPrefix("annotated 1, skipped 1 done earlier"), rerun.stdout)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("a.png")).count, whole.count)
    }
}
