import DigitVision
import Foundation
import XCTest

/// `digitlens annotate` run again: what changed is redone, an interrupted run resumes, a killed
/// run's partial writes go and nothing else does.
extension AnnotateCLITests {
    /// An input annotated before that cannot be read now (truncated) is an error in the
    /// report, and its sidecar says so too; its annotated image, no longer its picture, goes.
    func testAnInputThatBecameUnreadableLeavesNoStaleOutput() throws {
        let dir = try CLI.scratch()
        let photo = dir.appendingPathComponent("in/a.jpg"), out = dir.appendingPathComponent("out")
        try place("shadow.jpg", at: photo)
        XCTAssertEqual(try CLI.run(["annotate", photo.deletingLastPathComponent().path, "--out", out.path]).status, 0)
        XCTAssertNotNil(try sidecarText(out.appendingPathComponent("a.jpg")))
        try Data(try Data(contentsOf: photo).prefix(3000)).write(to: photo)
        let rerun = try CLI.run(["annotate", photo.deletingLastPathComponent().path, "--out", out.path])
        XCTAssertEqual(rerun.status, 1)
        XCTAssertTrue(rerun.stderr.contains("truncated JPEG"), rerun.stderr)
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.appendingPathComponent("a.jpg").path + ".json"))) as? [String: Any]
        XCTAssertEqual(sidecar?["status"] as? String, "error")
        XCTAssertFalse(fm.fileExists(atPath: out.appendingPathComponent("a.jpg").path), "the stale annotated image is gone")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: photo.deletingLastPathComponent().path), ["a.jpg"], "the input stays")
    }

    /// Another folder's file of the same name, size and date (uncompressed scans, files
    /// unpacked from one archive) annotated into the same --out is another picture: it had
    /// been skipped, and reported with the first one's text.
    func testAnotherFileOfTheSameSizeAndDateIsRedone() throws {
        let dir = try CLI.scratch()
        let out = dir.appendingPathComponent("out")
        var texts = [String]()
        for (folder, sample) in [("batch1", "notebook.png"), ("batch2", "shadow.jpg")] {
            let scan = dir.appendingPathComponent("\(folder)/scan001.bmp")
            try fm.createDirectory(at: scan.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Image(contentsOf: samples.appendingPathComponent(sample).path).write(to: scan.path)
            try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_500_000_000)], ofItemAtPath: scan.path)
            let run = try CLI.run(["annotate", scan.deletingLastPathComponent().path, "--out", out.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("annotated 1, skipped 0"), "\(folder): \(run.stdout)")
            texts.append(try sidecarText(out.appendingPathComponent("scan001.bmp")) ?? "")
        }
        let sizes = try ["batch1", "batch2"].map { try fm.attributesOfItem(atPath: dir.appendingPathComponent("\($0)/scan001.bmp").path)[.size] as? Int }
        XCTAssertEqual(sizes[0], sizes[1], "the two scans are alike in size")
        XCTAssertNotEqual(texts[0], texts[1], "the second scan was read, not taken for the first")
    }

    func testRerunRedoesWhatChanged() throws {
        let dir = try CLI.scratch()
        let page = dir.appendingPathComponent("st/page.png"), out = dir.appendingPathComponent("out")
        try place("notebook.png", at: page)
        func annotate(_ extra: [String] = []) throws -> CLI.Run {
            let run = try CLI.run(["annotate", page.deletingLastPathComponent().path, "--out", out.path] + extra)
            XCTAssertEqual(run.status, 0, run.stderr)
            return run
        }
        XCTAssertTrue(try annotate().stdout.contains("annotated 1, skipped 0"))
        XCTAssertTrue(try annotate().stdout.contains("annotated 0, skipped 1"), "nothing changed")

        // Another picture put in its place with an older date (cp -p).
        try fm.removeItem(at: page)
        try place("phone-number.png", at: page)
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: page.path)
        XCTAssertTrue(try annotate().stdout.contains("annotated 1, skipped 0"), "the input changed")
        XCTAssertEqual(try sidecarText(out.appendingPathComponent("page.png")), "800 555 0199")
        XCTAssertTrue(try annotate().stdout.contains("annotated 0, skipped 1"))

        XCTAssertTrue(try annotate(["--min-confidence", "0.31"]).stdout.contains("annotated 1, skipped 0"), "another confidence threshold")
        XCTAssertTrue(try annotate(["--min-confidence", "0.31"]).stdout.contains("annotated 0, skipped 1"))
        XCTAssertTrue(try annotate(["--min-confidence", "0.31", "--as-given"]).stdout.contains("annotated 1, skipped 0"), "read as given")

        // A sidecar written before a setting existed (here the way-up one) is still this tool's,
        // the setting taken as its default: no error, and skipped when the rest agrees.
        let sidecar = URL(fileURLWithPath: out.appendingPathComponent("page.png").path + ".json")
        var record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: sidecar)) as? [String: Any])
        var provenance = try XCTUnwrap(record["provenance"] as? [String: Any])
        var parameters = try XCTUnwrap(provenance["parameters"] as? [String: Any])
        XCTAssertEqual(parameters.removeValue(forKey: "findWayUp") as? Bool, false)
        provenance["parameters"] = parameters
        record["provenance"] = provenance
        try JSONSerialization.data(withJSONObject: record).write(to: sidecar)
        XCTAssertTrue(try annotate(["--min-confidence", "0.31"]).stdout.contains("annotated 0, skipped 1"), "an earlier version's sidecar")

        // Other weights: the shipped model with one weight's last bit changed.
        let shipped = samples.deletingLastPathComponent().appendingPathComponent("Models/digitlens.safetensors")
        var weights = [UInt8](try Data(contentsOf: shipped))
        weights[weights.count - 4] ^= 1
        let other = dir.appendingPathComponent("other.safetensors")
        try Data(weights).write(to: other)
        XCTAssertTrue(try annotate(["--min-confidence", "0.31", "--model", other.path]).stdout.contains("annotated 1, skipped 0"), "another model")
        XCTAssertTrue(try annotate(["--min-confidence", "0.31", "--model", other.path]).stdout.contains("annotated 0, skipped 1"))
    }

    /// Ctrl-C mid-run: the images under way finish, the report of those done is written with
    /// exit status 130, and the same command run again does the rest.
    func testInterruptedRunWritesItsReportAndResumes() throws {
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("many"), out = dir.appendingPathComponent("out")
        for i in 0..<120 { try place("notebook.png", at: input.appendingPathComponent("n\(i).png")) }
        // Interrupted once a few images are done.
        let errors = Pipe()
        let process = try CLI.startBatch(["annotate", input.path, "--out", out.path, "--jobs", "1"], writingInto: out, images: 3, stderr: errors)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("stopped by SIGINT"), stderr)
        // The report lists every image: those done, and those the stop left unstarted.
        let rows = try reportRows(out)
        XCTAssertEqual(rows.count, 120)
        let done = rows.filter { !$0.contains(",not-started,") }.count
        XCTAssertGreaterThan(done, 0)
        XCTAssertLessThan(done, 120, "stopped before the end")
        XCTAssertTrue(stderr.contains("\(120 - done) of 120 images not started"), stderr)
        let rerun = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stdout.contains("annotated \(120 - done), skipped \(done) done earlier"), rerun.stdout)
        XCTAssertEqual(try reportRows(out).count, 120)
    }

    /// A run killed while writing leaves its hidden temporary, `.digitlens-partial-<pid>-<n>@<host>`;
    /// the next run removes those of processes that are gone, and leaves a running one's
    /// (another shard's) and another host's alone. The user's own files and folders whose
    /// names merely look temporary (`notes.tmp-2024`, `holiday.tmp-2023/`) are never touched:
    /// they were deleted when temporaries were named `<output>.tmp-<pid>`.
    func testPartialWritesOfKilledRunsAreRemovedAndNothingElse() throws {
        let dir = try CLI.scratch()
        try place("notebook.png", at: dir.appendingPathComponent("in/a.png"))
        let out = dir.appendingPathComponent("out")
        try fm.createDirectory(at: out.appendingPathComponent("holiday.tmp-2023/pics"), withIntermediateDirectories: true)
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run(); gone.waitUntilExit()
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, 255)
        let host = String(cString: name)
        let dead = out.appendingPathComponent(".digitlens-partial-\(gone.processIdentifier)-3@\(host)")
        let alive = out.appendingPathComponent(".digitlens-partial-\(ProcessInfo.processInfo.processIdentifier)-1@\(host)")
        let otherHost = out.appendingPathComponent(".digitlens-partial-\(gone.processIdentifier)-1@\(host)x")
        let users = [out.appendingPathComponent("notes.tmp-2024"), out.appendingPathComponent("holiday.tmp-2023/pics/a.jpg"),
                     out.appendingPathComponent("a.png.json.tmp-\(gone.processIdentifier)")]
        for file in [dead, alive, otherHost] + users { try Data("{".utf8).write(to: file) }
        let run = try CLI.run(["annotate", dir.appendingPathComponent("in").path, "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dead.path), "a killed run's temporary is removed")
        XCTAssertTrue(fm.fileExists(atPath: alive.path), "a running process's is not")
        XCTAssertTrue(fm.fileExists(atPath: otherHost.path), "nor another host's, a day old at the earliest")
        for file in users { XCTAssertTrue(fm.fileExists(atPath: file.path), "the user's \(file.lastPathComponent) is kept") }
        XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent("a.png").path))
    }
}
