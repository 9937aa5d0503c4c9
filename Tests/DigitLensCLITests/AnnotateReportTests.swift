import Foundation
import XCTest

/// `digitlens annotate` reports that stay whole and true: a file name with a carriage return,
/// a shard stopped part way (its merge refused), a folder that cannot be read (a failure, not
/// a silence), inputs holding no image, and shard arguments refused as usage errors.
final class AnnotateReportTests: XCTestCase {
    let fm = FileManager.default

    func place(_ name: String, at destination: URL) throws { try CLI.placeSample(name, at: destination) }

    /// The report's CSV quotes a field holding a carriage return: unquoted, a CSV reader split
    /// the row in two, and the rerun refused its own report as not a DigitLens report.
    func testAFileNameWithACarriageReturnKeepsTheReportReadable() throws {
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try place("phone-number.png", at: input.appendingPathComponent("cr\rname.png"))
        try place("notebook.png", at: input.appendingPathComponent("plain.png"))
        let first = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let report = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8)
        XCTAssertTrue(report.contains("\"\(input.path)/cr\rname.png\""), report.debugDescription)
        let rerun = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stdout.contains("annotated 0, skipped 2 done earlier"), rerun.stdout)
    }

    /// A folder named relatively lists its images relatively in the report, as a file named
    /// beside it is: the `file` column had mixed `in/a.png` with `/tmp/…/in/sub/b.png`, which
    /// sorted apart and matched no name a script held.
    func testAFolderNamedRelativelyIsReportedRelatively() throws {
        let dir = try CLI.scratch()
        try place("notebook.png", at: dir.appendingPathComponent("in/a.png"))
        try place("phone-number.png", at: dir.appendingPathComponent("in/sub/b.png"))
        let run = try Subprocess.run("/bin/sh", ["-c", "cd \"$0\" && exec \"$1\" annotate in/a.png in/sub --out out", dir.path, CLI.binary.path],
                                     environment: ["CI": "true"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try String(contentsOf: dir.appendingPathComponent("out/report.csv"), encoding: .utf8)
        let files = report.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        XCTAssertEqual(files, ["in/a.png", "in/sub/b.png"], report)
    }

    /// A shard stopped part way lists the images it never started, and merging it is refused,
    /// naming it, until it has been run again (it had merged "0 failed" with them missing).
    func testAStoppedShardIsNotMergedUntilRunAgain() throws {
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("many"), out = dir.appendingPathComponent("out")
        for i in 0..<80 { try place("notebook.png", at: input.appendingPathComponent("n\(i).png")) }
        let process = try CLI.startBatch(["annotate", input.path, "--out", out.path, "--shard", "0/2", "--jobs", "1"], writingInto: out, images: 3)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 143)
        let other = try CLI.run(["annotate", input.path, "--out", out.path, "--shard", "1/2"])
        XCTAssertEqual(other.status, 0, other.stderr)
        let refused = try CLI.run(["annotate", "merge", out.path])
        XCTAssertEqual(refused.status, 1, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("report-shard-0-of-2.csv: this shard was stopped before it finished"), refused.stderr)
        XCTAssertFalse(fm.fileExists(atPath: out.appendingPathComponent("report.csv").path))
        let again = try CLI.run(["annotate", input.path, "--out", out.path, "--shard", "0/2"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let merged = try CLI.run(["annotate", "merge", out.path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertTrue(merged.stdout.contains("80 images, 0 failed"), merged.stdout)
    }

    /// A folder that cannot be listed is a failure of the run, named with the system's
    /// reason; the rest is annotated. (Run as user nobody when the tests run as root, whom
    /// permissions do not stop.)
    func testAnUnreadableFolderIsReportedAsAFailure() throws {
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try place("notebook.png", at: input.appendingPathComponent("a.png"))
        try place("notebook.png", at: input.appendingPathComponent("locked/b.png"))
        try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: input.appendingPathComponent("locked").path)
        defer { try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: input.appendingPathComponent("locked").path) }
        let run = try CLI.runAsUserWhomPermissionsStop(["annotate", input.path, "--out", out.path], openingToAll: [dir, input])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("locked: cannot read the folder (Permission denied); its images are not annotated"), run.stderr)
        // The folder is no image: counted apart (it had made "failed 1 of 2 images").
        XCTAssertTrue(run.stdout.contains("annotated 1, skipped 0 done earlier, failed 0 of 1 images; 1 folder or special file not read"), run.stdout)
    }

    /// No image at all in the inputs is an error, not "0 of 0 images" and success.
    func testInputsHoldingNoImageAreAnError() throws {
        let dir = try CLI.scratch()
        let empty = dir.appendingPathComponent("empty")
        try fm.createDirectory(at: empty, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: empty.appendingPathComponent("notes.txt"))
        let run = try CLI.run(["annotate", empty.path, "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertTrue(run.stderr.contains("no images found in \(empty.path)"), run.stderr)
    }

    /// A mistyped input and nothing else: one error, and neither --out nor a report is made
    /// (they were, holding one "no such file" row). A missing input among good ones is
    /// reported with the batch, which goes on.
    func testAMistypedInputMakesNoOutputFolder() throws {
        let dir = try CLI.scratch()
        let out = dir.appendingPathComponent("out"), typo = dir.appendingPathComponent("scnas").path
        let run = try CLI.run(["annotate", typo, "--out", out.path])
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertEqual(CLI.lines(run.stderr), ["digitlens: \(typo): no such file or folder"])
        XCTAssertFalse(fm.fileExists(atPath: out.path))
        try place("notebook.png", at: dir.appendingPathComponent("in/a.png"))
        let mixed = try CLI.run(["annotate", dir.appendingPathComponent("in").path, typo, "--out", out.path])
        XCTAssertEqual(mixed.status, 1, mixed.stdout)
        XCTAssertTrue(mixed.stderr.contains("\(typo): no such file"), mixed.stderr)
        XCTAssertTrue(mixed.stdout.contains("annotated 1, skipped 0 done earlier, failed 1 of 2 images"), mixed.stdout)
    }

    /// A shard outside 0..<N, or not I/N at all, is a usage error (exit 64) saying so; a
    /// negative index too, which the parser had taken for an option ("Missing value").
    func testBadShardsAreUsageErrors() throws {
        let dir = try CLI.scratch()
        try place("notebook.png", at: dir.appendingPathComponent("in/a.png"))
        for (shard, message) in [("3/2", "shard 3/2: the index must be in 0..<count"), ("-1/2", "shard -1/2: the index must be in 0..<count"),
                                 ("0/0", "shard 0/0: the number of shards must be at least 1"), ("abc", "--shard must be I/N, e.g. 0/4, not 'abc'")] {
            let run = try CLI.run(["annotate", dir.appendingPathComponent("in").path, "--out", dir.appendingPathComponent("out").path, "--shard", shard])
            XCTAssertEqual(run.status, 64, "\(shard): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(message), run.stderr)
        }
    }
}
