import DigitVision
import Foundation
import XCTest

/// `digitlens annotate` where outputs could be lost or wrong: names that collide, an output
/// folder inside or around the inputs, reruns after the input or the settings changed, shard
/// sets, errors under the progress bar and unusable output paths. Inputs are the repository's
/// sample photos, so these tests need no shared data.
final class AnnotateCLITests: XCTestCase {
    let samples = CLI.samples
    let fm = FileManager.default

    func place(_ name: String, at destination: URL) throws { try CLI.placeSample(name, at: destination) }

    func sidecarText(_ url: URL) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: url.path + ".json"))) as? [String: Any]
        return object?["text"] as? String
    }

    func reportRows(_ folder: URL) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent("report.csv"), encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
    }

    func testSameNamedInputsNeverShareAnOutput() throws {
        let dir = try CLI.scratch()
        // Two files of the same name given directly: refused before anything is written.
        try place("notebook.png", at: dir.appendingPathComponent("a/notebook.png"))
        try place("phone-number.png", at: dir.appendingPathComponent("b/notebook.png"))
        let out7 = dir.appendingPathComponent("out7")
        let clash = try CLI.run(["annotate", dir.appendingPathComponent("a/notebook.png").path, dir.appendingPathComponent("b/notebook.png").path, "--out", out7.path])
        XCTAssertNotEqual(clash.status, 0, clash.stdout)
        XCTAssertTrue(clash.stderr.contains("would both be written to \(out7.path)/notebook.png"), clash.stderr)
        XCTAssertEqual(clash.stderr.split(separator: "\n").count, 1, clash.stderr)
        XCTAssertFalse(fm.fileExists(atPath: out7.appendingPathComponent("notebook.png").path))

        // Two folders with the same layout: each mirrored under its own name.
        for (tree, first, second) in [("tree", "notebook.png", "phone-number.png"), ("tree2", "phone-number.png", "notebook.png")] {
            try place(first, at: dir.appendingPathComponent("\(tree)/p.png"))
            try place(second, at: dir.appendingPathComponent("\(tree)/sub/q.png"))
        }
        let o = dir.appendingPathComponent("o")
        let both = try CLI.run(["annotate", dir.appendingPathComponent("tree").path, dir.appendingPathComponent("tree2").path, "--out", o.path])
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertTrue(both.stdout.contains("annotated 4, skipped 0 done earlier, failed 0 of 4"), both.stdout)
        XCTAssertEqual(try sidecarText(o.appendingPathComponent("tree/p.png")), "2024 1107 365 42 8")
        XCTAssertEqual(try sidecarText(o.appendingPathComponent("tree/sub/q.png")), "800 555 0199")
        XCTAssertEqual(try sidecarText(o.appendingPathComponent("tree2/p.png")), "800 555 0199")
        XCTAssertEqual(try sidecarText(o.appendingPathComponent("tree2/sub/q.png")), "2024 1107 365 42 8")

        // The same folder given twice, once through a symbolic link: one input.
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: dir.appendingPathComponent("tree").path)
        let throughLink = try CLI.run(["annotate", dir.appendingPathComponent("link").path, "--out", dir.appendingPathComponent("o3").path])
        XCTAssertTrue(throughLink.stdout.contains("annotated 2, skipped 0 done earlier, failed 0 of 2"), "a folder given as a link is walked: \(throughLink.stdout)")
        XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent("o3/sub/q.png").path))
        let o2 = dir.appendingPathComponent("o2")
        let twice = try CLI.run(["annotate", dir.appendingPathComponent("tree").path, dir.appendingPathComponent("tree").path + "/",
                                 dir.appendingPathComponent("link").path, "--out", o2.path])
        XCTAssertEqual(twice.status, 0, twice.stderr)
        XCTAssertTrue(twice.stdout.contains("annotated 2, skipped 0 done earlier, failed 0 of 2"), twice.stdout)
        XCTAssertEqual(try reportRows(o2).count, 2)
        XCTAssertTrue(fm.fileExists(atPath: o2.appendingPathComponent("sub/q.png").path), "one folder: its layout directly under --out")
    }

    func testOutputFolderIsNotReadAndForeignFilesAreNotOverwritten() throws {
        let dir = try CLI.scratch()
        let tree4 = dir.appendingPathComponent("tree4")
        try place("notebook.png", at: tree4.appendingPathComponent("p.png"))
        for _ in 0..<2 {
            let run = try CLI.run(["annotate", tree4.path, "--out", tree4.appendingPathComponent("ann").path])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("of 1 images"), "the outputs are not inputs: \(run.stdout)")
        }
        XCTAssertFalse(fm.fileExists(atPath: tree4.appendingPathComponent("ann/ann").path))

        // --out is a folder holding the user's own files: they are left alone.
        let tree5 = dir.appendingPathComponent("tree5")
        try place("phone-number.png", at: tree5.appendingPathComponent("notebook.png"))
        try place("notebook.png", at: tree5.appendingPathComponent("c/notebook.png"))
        try place("shadow.jpg", at: tree5.appendingPathComponent("c/other.jpg"))
        let original = try Data(contentsOf: tree5.appendingPathComponent("notebook.png"))
        let run = try CLI.run(["annotate", tree5.appendingPathComponent("c").path, "--out", tree5.path])
        XCTAssertEqual(run.status, 1, "the refused file counts as bad: \(run.stdout)")
        XCTAssertTrue(run.stdout.contains("annotated 1, skipped 0 done earlier, failed 1 of 2"), run.stdout)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("\(tree5.path)/c/notebook.png: \(tree5.path)/notebook.png exists and was not written by digitlens annotate"), run.stderr)
        XCTAssertEqual(try Data(contentsOf: tree5.appendingPathComponent("notebook.png")), original)
        XCTAssertTrue(fm.fileExists(atPath: tree5.appendingPathComponent("other.jpg.json").path))
    }

    func testUsersOwnReportIsNotOverwritten() throws {
        let dir = try CLI.scratch(), out = dir.appendingPathComponent("out")
        try place("notebook.png", at: dir.appendingPathComponent("tree/p.png"))
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        let mine = out.appendingPathComponent("report.csv")
        try "item,amount\nrent,500\n".write(to: mine, atomically: true, encoding: .utf8)
        let run = try CLI.run(["annotate", dir.appendingPathComponent("tree").path, "--out", out.path])
        XCTAssertNotEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stderr.contains("\(mine.path) exists and is not a DigitLens report"), run.stderr)
        XCTAssertFalse(fm.fileExists(atPath: out.appendingPathComponent("p.png").path), "refused before starting")

        for i in 0..<2 {
            try "file,status,text,seconds,digits,error\n/in/\(i).png,ok,1,0.010,,\n".write(to: dir.appendingPathComponent("report-shard-\(i)-of-2.csv"), atomically: true, encoding: .utf8)
        }
        let merge = try CLI.run(["annotate", "merge", dir.path, "--output", mine.path])
        XCTAssertNotEqual(merge.status, 0, merge.stdout)
        XCTAssertEqual(try String(contentsOf: mine, encoding: .utf8), "item,amount\nrent,500\n")
    }

    /// A named pipe called pipe.png inside a folder is reported, not read (reading it waited
    /// forever); the --out folder of a run killed before its report, inside the input, is
    /// known by its sidecars and not read as input (its annotated images were annotated again).
    func testPipesAndAKilledRunsOutputInsideTheInputAreNotRead() throws {
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("in")
        for name in ["a.png", "b.png"] { try place("notebook.png", at: input.appendingPathComponent(name)) }
        let first = try CLI.run(["annotate", input.path, "--out", input.appendingPathComponent("ann1").path])
        XCTAssertEqual(first.status, 0, first.stderr)
        try fm.removeItem(at: input.appendingPathComponent("ann1/report.csv"))
        XCTAssertEqual(mkfifo(input.appendingPathComponent("pipe.png").path, 0o644), 0)
        let run = try CLI.run(["annotate", input.path, "--out", dir.appendingPathComponent("out").path], timeout: 60)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("pipe.png: not a regular file (a named pipe, socket or device); not read"), run.stderr)
        XCTAssertTrue(run.stdout.contains("annotated 2, skipped 0 done earlier, failed 0 of 2 images; 1 folder or special file not read"), run.stdout)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("out/ann1").path), "the killed run's outputs are not inputs")
    }

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

    func testMergeNeedsOneCompleteShardSet() throws {
        let dir = try CLI.scratch()
        func report(_ name: String) throws {
            try "file,status,text,seconds,digits,error\n/in/\(name).png,ok,12,0.010,,\n".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try report("report-shard-0-of-3.csv")
        let missing = try CLI.run(["annotate", "merge", dir.path])
        XCTAssertNotEqual(missing.status, 0, missing.stdout)
        XCTAssertTrue(missing.stderr.contains("shards 1, 2 of 3 are missing"), missing.stderr)

        try report("report-shard-1-of-3.csv")
        try report("report-shard-2-of-3.csv")
        try report("report-shard-1-of-2.csv")
        let mixed = try CLI.run(["annotate", "merge", dir.path])
        XCTAssertNotEqual(mixed.status, 0, mixed.stdout)
        XCTAssertTrue(mixed.stderr.contains("reports of shard sets of 2 and of 3"), mixed.stderr)

        try fm.removeItem(at: dir.appendingPathComponent("report-shard-1-of-2.csv"))
        let complete = try CLI.run(["annotate", "merge", dir.path])
        XCTAssertEqual(complete.status, 0, complete.stderr)
        XCTAssertTrue(complete.stdout.contains("merged 3 shard reports: 3 images"), complete.stdout)

        // A file in two shards: the input changed between the shards' starts (files added
        // shift the split), so others were in none; it was merged as complete.
        let shifted = dir.appendingPathComponent("shifted")
        try fm.createDirectory(at: shifted, withIntermediateDirectories: true)
        for (name, files) in [("report-shard-0-of-2.csv", ["/in/f1.png", "/in/f3.png"]), ("report-shard-1-of-2.csv", ["/in/f0.png", "/in/f1.png"])] {
            try ("file,status,text,seconds,digits,error\n" + files.map { "\($0),ok,12,0.010,,\n" }.joined()).write(to: shifted.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let overlapping = try CLI.run(["annotate", "merge", shifted.path])
        XCTAssertNotEqual(overlapping.status, 0, overlapping.stdout)
        XCTAssertTrue(overlapping.stderr.contains("/in/f1.png is in two shard reports"), overlapping.stderr)
        XCTAssertFalse(fm.fileExists(atPath: shifted.appendingPathComponent("report.csv").path))
    }

    func testShardFromSlurmArrayWithStepAndBadSlurmVariables() throws {
        let dir = try CLI.scratch()
        // One image: the shards past the first get none, which is no error.
        let input = dir.appendingPathComponent("one")
        try place("notebook.png", at: input.appendingPathComponent("a.png"))
        func annotate(_ env: [String: String]) throws -> CLI.Run {
            try CLI.run(["annotate", input.path, "--out", dir.appendingPathComponent("out").path], environment: env)
        }
        // --array=0-6:2 gives the tasks 0, 2, 4, 6.
        let step = ["SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_MIN": "0"]
        for (id, shard) in [("0", "0/4"), ("2", "1/4"), ("6", "3/4")] {
            let run = try annotate(step.merging(["SLURM_ARRAY_TASK_ID": id]) { $1 })
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("(shard \(shard))"), "task \(id): \(run.stdout)")
        }
        let noCount = try annotate(["SLURM_ARRAY_TASK_ID": "1"])
        XCTAssertNotEqual(noCount.status, 0, noCount.stdout)
        XCTAssertTrue(noCount.stderr.contains("SLURM_ARRAY_TASK_COUNT"), noCount.stderr)
        let notANumber = try annotate(["SLURM_ARRAY_TASK_ID": "x1", "SLURM_ARRAY_TASK_COUNT": "2"])
        XCTAssertNotEqual(notANumber.status, 0, notANumber.stdout)
        XCTAssertTrue(notANumber.stderr.contains("SLURM_ARRAY_TASK_ID"), notANumber.stderr)
    }

    /// On a terminal (`script` gives the run one), a bad file's message starts on a cleared
    /// line, not glued to the end of the progress bar.
    func testErrorsStartOnAClearedLineUnderTheProgressBar() throws {
        guard fm.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("/usr/bin/script (util-linux) is missing") }
        guard fm.isExecutableFile(atPath: CLI.binary.path) else { throw XCTSkip("\(CLI.binary.path) is not built") }
        let dir = try CLI.scratch(), input = dir.appendingPathComponent("in")
        try place("notebook.png", at: input.appendingPathComponent("a.png"))
        try place("phone-number.png", at: input.appendingPathComponent("b.png"))
        _ = fm.createFile(atPath: input.appendingPathComponent("z-empty.png").path, contents: Data())
        let command = "'\(CLI.binary.path)' annotate '\(input.path)' --out '\(dir.appendingPathComponent("out").path)' --jobs 1"
        // Without CI in the environment, so the bar is drawn.
        let run = try Subprocess.run("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm"],
                                     inheritEnvironment: false, timeout: 120)
        XCTAssertTrue(run.stdout.contains("[K"), "the bar was drawn: \(run.stdout.debugDescription)")
        let message = try XCTUnwrap(run.stdout.range(of: "digitlens: "), run.stdout.debugDescription)
        let before = run.stdout[..<message.lowerBound]
        XCTAssertTrue(before.hasSuffix("\r\u{1B}[K") || before.hasSuffix("\n"), "glued to the bar: \(run.stdout.debugDescription)")
        XCTAssertTrue(run.stdout[message.upperBound...].contains("3/3"), "the bar is drawn again: \(run.stdout.debugDescription)")
    }

    func testUnusableOutputPathsGetOneReadableLine() throws {
        let dir = try CLI.scratch()
        try place("notebook.png", at: dir.appendingPathComponent("tree/p.png"))
        let afile = dir.appendingPathComponent("afile")
        try Data("x".utf8).write(to: afile)
        let onFile = try CLI.run(["annotate", dir.appendingPathComponent("tree").path, "--out", afile.path])
        XCTAssertNotEqual(onFile.status, 0)
        XCTAssertTrue(onFile.stderr.contains("\(afile.path): --out is a file, not a folder"), onFile.stderr)
        XCTAssertEqual(onFile.stderr.split(separator: "\n").count, 1, onFile.stderr)

        let outs = dir.appendingPathComponent("outs")
        try fm.createDirectory(at: outs, withIntermediateDirectories: true)
        for i in 0..<2 {
            try "file,status,text,seconds,digits,error\n/in/\(i).png,ok,1,0.010,,\n".write(to: outs.appendingPathComponent("report-shard-\(i)-of-2.csv"), atomically: true, encoding: .utf8)
        }
        let merge = try CLI.run(["annotate", "merge", outs.path, "--output", "/nonexistent/r.csv"])
        XCTAssertNotEqual(merge.status, 0)
        XCTAssertTrue(merge.stderr.contains("/nonexistent/r.csv: cannot write: no such folder"), merge.stderr)
        XCTAssertEqual(merge.stderr.split(separator: "\n").count, 1, merge.stderr)
    }

    /// An earlier run's --out inside the folder is not read again by a run writing elsewhere,
    /// and --out as the input folder itself is refused once, before any work.
    func testEarlierOutputsAreNotInputsAndTheInputFolderIsNoOutput() throws {
        let dir = try CLI.scratch()
        let tin = dir.appendingPathComponent("tin")
        try place("notebook.png", at: tin.appendingPathComponent("a.png"))
        try place("phone-number.png", at: tin.appendingPathComponent("sub/b.png"))
        XCTAssertEqual(try CLI.run(["annotate", tin.path, "--out", tin.appendingPathComponent("ann").path]).status, 0)
        let second = try CLI.run(["annotate", tin.path, "--out", tin.appendingPathComponent("ann2").path])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try reportRows(tin.appendingPathComponent("ann2")).count, 2, "ann/ holds outputs, not inputs")

        let same = try CLI.run(["annotate", tin.path, "--out", tin.path + "/."])
        XCTAssertEqual(same.status, 1)
        XCTAssertEqual(same.stderr.split(separator: "\n").count, 1, same.stderr)
        XCTAssertTrue(same.stderr.contains("is the input folder"), same.stderr)
        XCTAssertFalse(fm.fileExists(atPath: tin.appendingPathComponent("report.csv").path))

        // merge's own errors are one line, without the usage.
        for paths in [[dir.appendingPathComponent("none").path], [tin.appendingPathComponent("sub").path]] {
            let merge = try CLI.run(["annotate", "merge"] + paths)
            XCTAssertEqual(merge.status, 1, merge.stderr)
            XCTAssertEqual(merge.stderr.split(separator: "\n").count, 1, merge.stderr)
            XCTAssertFalse(merge.stderr.contains("Usage"), merge.stderr)
        }
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

    /// Links: a folder linked inside an input folder is walked (each real folder once, so a
    /// link loop ends), new extensions are found, and a linked file whose target is replaced
    /// is redone on a rerun (its target's size and date are the ones compared).
    func testLinkedFoldersAndFilesAreFollowed() throws {
        let dir = try CLI.scratch()
        let real = dir.appendingPathComponent("real"), tree = dir.appendingPathComponent("tree")
        try place("notebook.png", at: real.appendingPathComponent("a.png"))
        try place("phone-number.png", at: real.appendingPathComponent("b.jpe"))
        try fm.createDirectory(at: tree, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: tree.appendingPathComponent("linked"), withDestinationURL: real)
        try fm.createSymbolicLink(at: tree.appendingPathComponent("loop"), withDestinationURL: tree)
        let target = dir.appendingPathComponent("target.png")
        try place("notebook.png", at: target)
        try fm.createSymbolicLink(at: tree.appendingPathComponent("l.png"), withDestinationURL: target)
        let out = dir.appendingPathComponent("out")
        let first = try CLI.run(["annotate", tree.path, "--out", out.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(try reportRows(out).map { String($0.split(separator: ",")[0]) }.sorted(),
                       ["l.png", "linked/a.png", "linked/b.jpe"].map { tree.appendingPathComponent($0).path })
        // The picture behind the link changes; its link does not.
        try fm.removeItem(at: target)
        try place("phone-number.png", at: target)
        let second = try CLI.run(["annotate", tree.path, "--out", out.path])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("annotated 1, skipped 2"), second.stdout)
        XCTAssertEqual(try sidecarText(out.appendingPathComponent("l.png")), "800 555 0199")
    }

    /// A folder copied from a Mac holds `._name.jpg` resource forks beside the photos, and
    /// hidden folders (`.thumbnails`) hold no scans: neither is read, so neither is a bad file.
    /// A hidden file named on the command line is read.
    func testHiddenFilesAndFoldersInAFolderAreNotRead() throws {
        let dir = try CLI.scratch()
        let scans = dir.appendingPathComponent("scans")
        try place("notebook.png", at: scans.appendingPathComponent("page.png"))
        try fm.createDirectory(at: scans, withIntermediateDirectories: true)
        try Data([0, 5, 22, 7, 0, 2, 0, 0]).write(to: scans.appendingPathComponent("._page.png"))
        try place("phone-number.png", at: scans.appendingPathComponent(".thumbnails/page.png"))
        let out = dir.appendingPathComponent("out")
        let run = try CLI.run(["annotate", scans.path, "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try reportRows(out).map { String($0.split(separator: ",")[0]) }, [scans.appendingPathComponent("page.png").path])
        let named = try CLI.run(["annotate", scans.appendingPathComponent(".thumbnails/page.png").path, "--out", dir.appendingPathComponent("out2").path])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(try sidecarText(dir.appendingPathComponent("out2/page.png")), "800 555 0199")
    }

    /// A picture given by name with `--out` its own folder is refused before anything is
    /// written (before, a report was left among the pictures, and later runs over the parent
    /// folder took it for an earlier output folder and skipped it); pictures of formats that
    /// cannot be read are counted in a note, not passed over in silence.
    func testInputsOwnFolderAsOutIsRefusedUnwrittenAndUnreadableFormatsAreNoted() throws {
        let dir = try CLI.scratch()
        let photos = dir.appendingPathComponent("parent/photos")
        try place("notebook.png", at: photos.appendingPathComponent("a.png"))
        let refused = try CLI.run(["annotate", photos.appendingPathComponent("a.png").path, "--out", photos.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("would replace it"), refused.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: photos.path), ["a.png"])
        try Data("GIF89a".utf8).write(to: photos.appendingPathComponent("b.gif"))
        let run = try CLI.run(["annotate", dir.appendingPathComponent("parent").path, "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("annotated 1,"), run.stdout)
        XCTAssertTrue(run.stderr.contains("1 GIF file not read"), run.stderr)
        // A folder of such files alone: why nothing was found is said too.
        let gifs = dir.appendingPathComponent("gifs")
        try fm.createDirectory(at: gifs, withIntermediateDirectories: true)
        try Data("GIF89a".utf8).write(to: gifs.appendingPathComponent("c.gif"))
        let none = try CLI.run(["annotate", gifs.path, "--out", dir.appendingPathComponent("out2").path])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("no images found") && none.stderr.contains("1 GIF file not read: OpenCV cannot read"), none.stderr)
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

    /// `--out` inside the input folder is not read as input; the user's own pictures already
    /// there are left out with a note, not in silence.
    func testUsersImagesInAnOutputInsideTheInputAreNoted() throws {
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("in")
        try place("notebook.png", at: input.appendingPathComponent("a.png"))
        try place("phone-number.png", at: input.appendingPathComponent("sub/b.png"))
        let run = try CLI.run(["annotate", input.path, "--out", input.appendingPathComponent("sub").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("annotated 1,"), run.stdout)
        XCTAssertTrue(run.stderr.contains("its 1 image not written by annotate is left out"), run.stderr)
        // A rerun: the annotated a.png there has its sidecar and is not counted; b.png still is.
        let again = try CLI.run(["annotate", input.path, "--out", input.appendingPathComponent("sub").path])
        XCTAssertTrue(again.stderr.contains("its 1 image not written"), again.stderr)
    }
}
