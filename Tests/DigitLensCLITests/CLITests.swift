import Foundation
import XCTest
import DigitNet

/// Runs the built `digitlens` binary as a user would.
final class CLITests: XCTestCase {
    func requireShared() throws {
        guard FileManager.default.fileExists(atPath: CLI.shared.appendingPathComponent("data/mnist").path) else {
            throw XCTSkip("../shared/data is missing: these tests need it beside the checkout (CI has it)")
        }
    }

    func testRecognizeReadsASyntheticPhotoAndReportsBadFiles() throws {
        try requireShared()
        let dir = try CLI.scratch()
        let photo = dir.appendingPathComponent("page.png").path
        let made = try CLI.run(["synthesize", "305 42|7719", "--out", photo, "--seed", "3", "--tilt", "8", "--shadow", "0.4",
                                  "--data", CLI.shared.appendingPathComponent("data/mnist").path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let bad = dir.appendingPathComponent("notes.png").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: bad))
        let run = try CLI.run(["recognize", photo, bad, dir.appendingPathComponent("missing.jpg").path])
        XCTAssertEqual(run.status, 1, "bad files make the exit status non-zero")
        XCTAssertEqual(run.stdout, "\(photo)\t305 42 7719\n")
        XCTAssertTrue(run.stderr.contains("\(bad): not an image"), run.stderr)
        XCTAssertTrue(run.stderr.contains("missing.jpg: no such file"), run.stderr)
        XCTAssertTrue(run.stderr.contains("2 of 3 files could not be read"), run.stderr)
        // One bad file given alone: its error in one line, nothing more.
        let alone = try CLI.run(["recognize", bad])
        XCTAssertEqual(alone.status, 1)
        XCTAssertEqual(alone.stdout, "")
        XCTAssertEqual(alone.stderr.split(separator: "\n").count, 1, alone.stderr)
        XCTAssertTrue(alone.stderr.hasPrefix("digitlens: \(bad): not an image"), alone.stderr)

        // Files are read several at a time; lines still come in the order given.
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples").standardizedFileURL
        let order = ["phone-number.png", "notebook.png", "phone-number.png", "shadow.jpg", "notebook.png", "phone-number.png"]
            .map { samples.appendingPathComponent($0).path } + [photo, bad, photo]
        let many = try CLI.run(["recognize"] + order)
        XCTAssertEqual(many.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }, order.filter { $0 != bad })
        XCTAssertEqual(many.stdout.split(separator: "\n").last.map(String.init), "\(photo)\t305 42 7719")

        let json = try CLI.run(["recognize", "--json", photo])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(object["text"] as? String, "305 42 7719")
        XCTAssertEqual((object["lines"] as? [Any])?.count, 2)

        let annotated = dir.appendingPathComponent("annotated.png").path
        XCTAssertEqual(try CLI.run(["recognize", photo, "--annotate", annotated]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: annotated))
    }

    /// A bad file's error is one line of ours. OpenCV 4.6 printed its decoder's exception beside
    /// it ("imdecode_(''): can't read header: …") and libpng its warnings ("libpng warning: iCCP:
    /// CRC error", for a colour profile it finds wrong, of which OpenCV makes no use); and a TIFF
    /// page in a compression libtiff lacks was read as a blank page, with no error.
    func testBadFilesSayOneLineOfOursAndNothingElse() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../DigitVisionTests/Fixtures").standardizedFileURL
        let sample = CLI.samples.appendingPathComponent("phone-number.png")
        let dir = try CLI.scratch()
        // The sample with a broken colour profile chunk right after its IHDR chunk.
        var png = try Data(contentsOf: sample)
        png.insert(contentsOf: Data([0, 0, 0, 5]) + Data("iCCPicc".utf8) + Data(repeating: 0, count: 6), at: 8 + 12 + 13)
        let profiled = dir.appendingPathComponent("profiled.png")
        try png.write(to: profiled)
        let palette = fixtures.appendingPathComponent("stack-with-palette-page.tif").path
        let jpeg2000 = fixtures.appendingPathComponent("stack-with-jpeg2000-page.tif").path

        let expected = try CLI.run(["recognize", sample.path])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        let text = expected.stdout.split(separator: "\t").last.map { $0.trimmingCharacters(in: .newlines) } ?? ""
        // A PNG whose IDAT chunk fails its checksum is ours to report, not libpng's.
        var corrupt = try Data(contentsOf: sample)
        let idat = try XCTUnwrap(corrupt.range(of: Data("IDAT".utf8)))
        corrupt[idat.upperBound + 10] ^= 0xFF
        let corrupted = dir.appendingPathComponent("corrupt.png")
        try corrupt.write(to: corrupted)
        let crc = try CLI.run(["recognize", corrupted.path])
        XCTAssertEqual(crc.status, 1)
        XCTAssertEqual(crc.stderr, "digitlens: \(corrupted.path): corrupt PNG (its IDAT chunk fails its checksum)\n")
        // Data after the end of a picture (a Samsung phone's trailer, a motion photo's video)
        // is no truncation: such a JPEG and PNG read as without it.
        let photo = CLI.samples.appendingPathComponent("shadow.jpg")
        let trailer = Data("SEFH".utf8) + Data(repeating: 7, count: 300) + Data("SEFT".utf8)
        let (trailedJPEG, trailedPNG) = (dir.appendingPathComponent("trailer.jpg"), dir.appendingPathComponent("trailer.png"))
        try (try Data(contentsOf: photo) + trailer).write(to: trailedJPEG)
        try (try Data(contentsOf: sample) + trailer).write(to: trailedPNG)
        let plain = try CLI.run(["recognize", photo.path, sample.path])
        let trailed = try CLI.run(["recognize", trailedJPEG.path, trailedPNG.path])
        XCTAssertEqual(trailed.status, 0, trailed.stderr)
        XCTAssertEqual(trailed.stdout.split(separator: "\n").map { $0.split(separator: "\t").last },
                       plain.stdout.split(separator: "\n").map { $0.split(separator: "\t").last })
        // A page whose picture data is corrupt (Fixtures/stack-with-corrupt-page.tif: bytes of
        // page 2's first strip flipped) decoded to a page blank where the strip failed, with no
        // word: it is read as far as it decodes, and libtiff's reason is given as a warning.
        let corruptStack = fixtures.appendingPathComponent("stack-with-corrupt-page.tif").path
        let partly = try CLI.run(["recognize", corruptStack])
        XCTAssertEqual(partly.status, 0, partly.stderr)
        XCTAssertEqual(partly.stdout.split(separator: "\n").count, 2, partly.stdout)
        XCTAssertEqual(partly.stderr, "digitlens: warning: \(corruptStack): page 2: corrupt TIFF picture data, read as far as it decodes (libtiff: ZIPDecode: Decoding error at scanline 0)\n")
        // annotate says so too, and its JSON report keeps the warning with the page's row.
        let out = dir.appendingPathComponent("ann")
        let annotated = try CLI.run(["annotate", corruptStack, "--out", out.path, "--report", "json"])
        XCTAssertEqual(annotated.status, 0, annotated.stderr)
        XCTAssertTrue(annotated.stderr.contains("warning: \(corruptStack): page 2: corrupt TIFF picture data"), annotated.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [[String: Any]] ?? []
        XCTAssertEqual(rows.compactMap { $0["warning"] as? String }.count, 1, "\(rows)")
        let run = try CLI.run(["recognize", profiled.path, palette, jpeg2000])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout.split(separator: "\n").first.map(String.init), "\(profiled.path)\t\(text)")
        XCTAssertFalse(run.stdout.contains("\(jpeg2000)#2"), "the JPEG 2000 page is an error, not a blank page: \(run.stdout)")
        XCTAssertEqual(CLI.lines(run.stderr), [
            "digitlens: \(palette): page 2: not an image OpenCV can decode: a bit depth it cannot decode, such as a 4-bit palette (ImageMagick converts it: convert IN -depth 8 OUT.png)",
            "digitlens: \(jpeg2000): page 2: a TIFF page compressed with JPEG 2000, which the TIFF library here cannot decode (ImageMagick converts it: convert IN -compress lzw OUT.tif)",
            "digitlens: 2 of 6 images could not be read",
        ])
    }

    /// libjpeg and libpng printed their own lines ("Corrupt JPEG data: premature end of data
    /// segment", "libpng error: IDAT: invalid block type") beside ours, and a JPEG whose scan is
    /// damaged read as junk with no word. Their messages are now heard and given in ours: a
    /// warning for a picture that decodes damaged, the reason for one that does not decode.
    /// (Fixtures made from samples/phone-number.png: damaged-scan.jpg has 8 bytes of its scan
    /// replaced by restart markers; damaged-deflate.png a 240x240 crop whose deflate stream
    /// opens with an invalid block type, its chunk checksum made right.)
    func testLibraryMessagesOnDamagedDataAreOurs() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../DigitVisionTests/Fixtures").standardizedFileURL
        let jpeg = fixtures.appendingPathComponent("damaged-scan.jpg").path
        let png = fixtures.appendingPathComponent("damaged-deflate.png").path
        let damaged = try CLI.run(["recognize", jpeg])
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        XCTAssertEqual(damaged.stderr, "digitlens: warning: \(jpeg): damaged JPEG data, the picture may be partly wrong (libjpeg: Corrupt JPEG data: premature end of data segment)\n")
        let broken = try CLI.run(["recognize", png])
        XCTAssertEqual(broken.status, 1)
        XCTAssertEqual(broken.stderr, "digitlens: \(png): not an image OpenCV can decode: its picture data is corrupt (libpng: IDAT: invalid block type)\n")
        // The message is the decode's own: an intact file read next says nothing.
        let both = try CLI.run(["recognize", jpeg, CLI.samples.appendingPathComponent("shadow.jpg").path])
        XCTAssertEqual(CLI.lines(both.stderr).count, 1, both.stderr)
    }

    func testSingleDigitMode() throws {
        let usps = CLI.shared.appendingPathComponent("data/real-dev/singles/usps/7")
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: usps.path).sorted().first else {
            throw XCTSkip("../shared/data/real-dev is missing")
        }
        let run = try CLI.run(["recognize", "--single", usps.appendingPathComponent(name).path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let fields = run.stdout.trimmingCharacters(in: .newlines).split(separator: "\t")
        XCTAssertEqual(fields.count, 3)
        XCTAssertEqual(fields[1], "7")
        XCTAssertNotNil(Double(fields[2]))
    }

    func testAnnotateFolderWithBadFilesShardsAndMerge() throws {
        try requireShared()
        let dir = try CLI.scratch(), input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input.appendingPathComponent("nested"), withIntermediateDirectories: true)
        for (i, text) in ["12", "345", "6789"].enumerated() {
            let made = try CLI.run(["synthesize", text, "--out", input.appendingPathComponent(i == 2 ? "nested/p\(i).png" : "p\(i).png").path,
                                      "--data", CLI.shared.appendingPathComponent("data/mnist").path, "--size", "320x200"])
            XCTAssertEqual(made.status, 0, made.stderr)
        }
        _ = FileManager.default.createFile(atPath: input.appendingPathComponent("empty.jpg").path, contents: Data())
        try Data("text".utf8).write(to: input.appendingPathComponent("nested/bad.png"))

        let first = try CLI.run(["annotate", input.path, "--out", out.path, "--jobs", "2"])
        XCTAssertEqual(first.status, 1, "bad files are reported at the end")
        XCTAssertTrue(first.stdout.contains("annotated 3, skipped 0 done earlier, failed 2 of 5"), first.stdout)
        XCTAssertTrue(first.stderr.contains("empty.jpg: empty file"), first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("nested/p2.png").path), "same relative path")
        let report = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8)
        XCTAssertTrue(report.contains("p1.png,ok,345,"), report)

        let again = try CLI.run(["annotate", input.path, "--out", out.path])
        XCTAssertTrue(again.stdout.contains("skipped 3 done earlier"), again.stdout)

        let shards = dir.appendingPathComponent("shards")
        for i in 0..<2 {
            _ = try CLI.run(["annotate", input.path, "--out", shards.path, "--report", "json"],
                              environment: ["SLURM_ARRAY_TASK_ID": String(i), "SLURM_ARRAY_TASK_COUNT": "2"])
        }
        let merged = try CLI.run(["annotate", "merge", shards.path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertTrue(merged.stdout.contains("merged 2 shard reports: 5 images, 2 failed"), merged.stdout)
    }

    func testTrainEvaluateRejectBadArguments() throws {
        for epochs in ["0", "-1"] {      // "-1" had been taken for an option: "Missing value"
            let run = try CLI.run(["train", "--epochs", epochs])
            XCTAssertNotEqual(run.status, 0)
            XCTAssertTrue(run.stderr.contains("--epochs must be at least 1"), run.stderr)
        }
        let missing = try CLI.run(["evaluate", "--model", "/nonexistent/w.safetensors", "--data", "/tmp"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/w.safetensors"), missing.stderr)
        // --out is checked before any training: a folder there fails at once, in one line.
        let folder = try CLI.scratch()
        let start = Date()
        let out = try CLI.run(["train", "--out", folder.path, "--epochs", "1", "--limit", "600"])
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(out.stderr, "digitlens: --out \(folder.path): is a folder; name the weights file (e.g. \(folder.path)/digitlens.safetensors)\n")
        XCTAssertEqual(out.stdout, "", "nothing trained")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        // Nor is a file that is no weights file replaced (a photo named by mistake), nor a
        // history that is none.
        let photo = folder.appendingPathComponent("photo.jpg")
        try FileManager.default.copyItem(at: CLI.samples.appendingPathComponent("shadow.jpg"), to: photo)
        let before = try Data(contentsOf: photo)
        let overPhoto = try CLI.run(["train", "--out", photo.path, "--epochs", "1", "--limit", "600"])
        XCTAssertEqual(overPhoto.status, 1)
        XCTAssertTrue(overPhoto.stderr.contains("photo.jpg: exists and is not a weights (.safetensors) file; not overwriting it"), overPhoto.stderr)
        XCTAssertEqual(try Data(contentsOf: photo), before)
        let weights = folder.appendingPathComponent("w.safetensors")
        try Data("epoch notes".utf8).write(to: URL(fileURLWithPath: weights.path + ".history.csv"))
        let overHistory = try CLI.run(["train", "--out", weights.path, "--epochs", "1", "--limit", "600"])
        XCTAssertEqual(overHistory.status, 1)
        XCTAssertTrue(overHistory.stderr.contains("w.safetensors.history.csv exists and is not a training history"), overHistory.stderr)
        // Nor the checkpoint's and the chart's names, when they hold a user's files.
        let other = folder.appendingPathComponent("v.safetensors").path
        try Data("notes".utf8).write(to: URL(fileURLWithPath: other + ".checkpoint.safetensors"))
        let overCheckpoint = try CLI.run(["train", "--out", other, "--epochs", "1", "--limit", "600"])
        XCTAssertEqual(overCheckpoint.status, 1)
        XCTAssertTrue(overCheckpoint.stderr.contains("v.safetensors.checkpoint.safetensors exists and is not a checkpoint"), overCheckpoint.stderr)
        let third = folder.appendingPathComponent("u.safetensors").path
        try FileManager.default.copyItem(atPath: photo.path, toPath: third + ".history.png")
        let overChart = try CLI.run(["train", "--out", third, "--epochs", "1", "--limit", "600"])
        XCTAssertEqual(overChart.status, 1)
        XCTAssertTrue(overChart.stderr.contains("u.safetensors.history.png exists, and no training history beside it"), overChart.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: third + ".history.png")), before)
        // A folder no file can be written in fails before training, not after.
        let proc = try CLI.run(["train", "--out", "/proc/w.safetensors", "--epochs", "1", "--limit", "600"])
        XCTAssertEqual(proc.status, 1)
        XCTAssertTrue(proc.stderr.contains("--out /proc/w.safetensors: cannot write in /proc"), proc.stderr)
        XCTAssertEqual(proc.stdout, "", "nothing trained")
    }

    /// `--validation 0` trains on every image given, and says so: it had trained an epoch and
    /// then failed writing its checkpoint (JSON cannot hold the NaN of no validation), losing it.
    /// Output that cannot be written (a full disk: /dev/full) is an error, status 1; it had
    /// been lost with status 0. A mistyped $DIGITLENS_DATA is said, like a mistyped --data,
    /// not passed over for another copy of MNIST.
    func testUnwritableOutputAndAMistypedDataFolderAreErrors() throws {
        let sample = CLI.samples.appendingPathComponent("notebook.png").path
        let full = try Subprocess.run("/bin/sh", ["-c", "exec '\(CLI.binary.path)' recognize '\(sample)' > /dev/full"], environment: ["CI": "true"])
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(full.stderr, "digitlens: cannot write the standard output (No space left on device); what was printed is incomplete\n")
        // Nor is a standard error that cannot be written a crash (FileHandle's write trapped).
        let bad = try CLI.scratch().appendingPathComponent("notes.png")
        try Data("notes".utf8).write(to: bad)
        let noStderr = try Subprocess.run("/bin/sh", ["-c", "exec '\(CLI.binary.path)' recognize '\(sample)' '\(bad.path)' 2>/dev/full"], environment: ["CI": "true"])
        XCTAssertEqual(noStderr.status, 1, "one file could not be read")
        XCTAssertTrue(noStderr.stdout.hasPrefix(sample + "\t"), noStderr.stdout)
        let typo = try CLI.run(["evaluate"], environment: ["DIGITLENS_DATA": "/nonexistent/mnist"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertEqual(typo.stdout, "")
        XCTAssertTrue(typo.stderr.contains("/nonexistent/mnist: no such folder (named by $DIGITLENS_DATA"), typo.stderr)
    }

    func testTrainWithoutValidationImages() throws {
        try requireShared()
        let dir = try CLI.scratch()
        let out = dir.appendingPathComponent("all.safetensors").path
        let run = try CLI.run(["train", "--data", CLI.shared.appendingPathComponent("data/mnist").path, "--epochs", "1", "--limit", "600",
                               "--validation", "0", "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("on 600 images"), run.stdout)
        XCTAssertTrue(run.stdout.contains("1 epoch,"), run.stdout)
        XCTAssertTrue(run.stdout.contains("no validation images"), run.stdout)
        for suffix in ["", ".checkpoint.safetensors", ".history.csv", ".history.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + suffix), suffix)
        }
        // Resumed with other images asked for, it goes on with those it started with (a --seed
        // given on resuming had changed the split, a --limit the images).
        let resumed = try CLI.run(["train", "--data", CLI.shared.appendingPathComponent("data/mnist").path, "--epochs", "2", "--limit", "1000",
                                   "--seed", "5", "--out", out, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("on 600 images"), resumed.stdout)
        XCTAssertTrue(resumed.stdout.contains("validating on 0 held out"), resumed.stdout)
        XCTAssertTrue(resumed.stdout.contains("resuming after epoch 1"), resumed.stdout)
        XCTAssertTrue(resumed.stderr.contains("the first 600 images, 0 held out); ignored: --seed 5, --limit 1000\n"), resumed.stderr)
    }

    /// Ctrl-C during training stops it at once, saying what its checkpoint holds (it had
    /// ended without a word); the same command will not start again over that checkpoint; and
    /// --resume, without --epochs, finishes the epochs the run was started with (the default
    /// 20 had taken their place).
    func testStoppedTrainingSaysSoAndResumesToItsOwnEpochCount() throws {
        try requireShared()
        let dir = try CLI.scratch()
        let out = dir.appendingPathComponent("w.safetensors").path, checkpoint = out + ".checkpoint.safetensors"
        let data = CLI.shared.appendingPathComponent("data/mnist").path
        let arguments = ["train", "--data", data, "--epochs", "3", "--limit", "6000", "--validation", "0", "--out", out]
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["CI": "true"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Stopped in the second epoch, once the first one's checkpoint is written.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning, !FileManager.default.fileExists(atPath: checkpoint) { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("training stopped by SIGINT during epoch 2 of 3; \(checkpoint) holds the 1 done: run the same command with --resume to finish"), stderr)
        XCTAssertFalse(stderr.contains("crashed"), stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))

        let again = try CLI.run(arguments)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("\(checkpoint) holds a run stopped after epoch 1 of 3: add --resume to finish it"), again.stderr)

        let resumed = try CLI.run(["train", "--data", data, "--out", out, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("3 epochs, batch 128, seed 1, resuming after epoch 1"), resumed.stdout)
        XCTAssertTrue(resumed.stdout.contains("epoch 3/3"), resumed.stdout)
        XCTAssertFalse(resumed.stderr.contains("ignored"), "none given, none ignored: \(resumed.stderr)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    }

    func testTrainFineTunesFromGivenWeightsWithNonDigits() throws {
        try requireShared()
        let folder = try CLI.scratch()
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Models/digitlens.safetensors").standardizedFileURL
        let out = folder.appendingPathComponent("tuned.safetensors").path
        // 300 images, one epoch: from random weights this reaches nowhere near 99%; started
        // from the shipped model with a small step, it keeps the shipped model's reading.
        let run = try CLI.run(["train", "--from", model.path, "--non-digit-fraction", "0.1", "--epochs", "1", "--limit", "600",
                               "--learning-rate", "0.0001", "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let accuracy = try XCTUnwrap(run.stdout.range(of: #"test accuracy ([0-9.]+)%"#, options: .regularExpression).map {
            Double(run.stdout[$0].dropFirst("test accuracy ".count).dropLast())! })
        XCTAssertGreaterThan(accuracy, 99, run.stdout)
        let metadata = try SafetensorsFile(contentsOf: URL(fileURLWithPath: out)).metadata
        XCTAssertTrue(metadata["training"]?.hasPrefix("digitlens train --from \(model.path) --non-digit-fraction 0.1 --epochs 1") == true,
                      metadata["training"] ?? "no training metadata")
        // Averaged with the start at weight 1, the written weights are the start's, exactly.
        let averaged = try CLI.run(["train", "--from", model.path, "--average-with-start", "1", "--epochs", "1", "--limit", "600", "--out", out])
        XCTAssertEqual(averaged.status, 0, averaged.stderr)
        XCTAssertEqual(try SafetensorsFile(contentsOf: URL(fileURLWithPath: out)).tensors, try SafetensorsFile(contentsOf: model).tensors)
        let alone = try CLI.run(["train", "--average-with-start", "0.5", "--out", out])
        XCTAssertNotEqual(alone.status, 0)
        XCTAssertTrue(alone.stderr.contains("--average-with-start needs --from"), alone.stderr)
        let missing = try CLI.run(["train", "--from", "/nonexistent/w.safetensors", "--out", out])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/w.safetensors"), missing.stderr)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1, missing.stderr)
    }

    /// Weights of another architecture are fine-tuned in theirs without naming it again, and
    /// the command stored with them names it (to train the same model again).
    func testTrainFromWeightsKeepsTheirArchitecture() throws {
        try requireShared()
        let folder = try CLI.scratch()
        let data = CLI.shared.appendingPathComponent("data/mnist").path
        let first = folder.appendingPathComponent("keras.safetensors").path, tuned = folder.appendingPathComponent("tuned.safetensors").path
        let made = try CLI.run(["train", "--data", data, "--architecture", "keras-reference", "--epochs", "1", "--limit", "600", "--out", first])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(try SafetensorsFile(contentsOf: URL(fileURLWithPath: first)).metadata["training"]?.hasPrefix("digitlens train --architecture keras-reference --epochs 1") == true)
        let run = try CLI.run(["train", "--data", data, "--from", first, "--epochs", "1", "--limit", "600", "--out", tuned])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("training keras-reference ("), run.stdout)
        XCTAssertEqual(try SafetensorsFile(contentsOf: URL(fileURLWithPath: tuned)).metadata["architecture"], "keras-reference")
        // Named against the weights' own, it is refused before any training, naming both.
        let clash = try CLI.run(["train", "--data", data, "--from", first, "--architecture", "digitnet-v1", "--epochs", "1", "--limit", "600", "--out", tuned])
        XCTAssertNotEqual(clash.status, 0)
        XCTAssertTrue(clash.stderr.contains("weights are for architecture 'keras-reference', not 'digitnet-v1'"), clash.stderr)
        // A run resumed goes on in its checkpoint's architecture, unnamed (it had failed,
        // building the default one and finding the checkpoint's weights of another shape)...
        let resumed = try CLI.run(["train", "--data", data, "--epochs", "2", "--limit", "600", "--out", first, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.hasPrefix("training keras-reference (") && resumed.stdout.contains("resuming after epoch 1"), resumed.stdout)
        XCTAssertTrue(try SafetensorsFile(contentsOf: URL(fileURLWithPath: first)).metadata["training"]?.hasPrefix("digitlens train --architecture keras-reference --epochs 2") == true)
        // ...or named otherwise, which is said to be ignored.
        let renamed = try CLI.run(["train", "--data", data, "--architecture", "digitnet-v1", "--epochs", "3", "--limit", "600", "--out", first, "--resume"])
        XCTAssertEqual(renamed.status, 0, renamed.stderr)
        XCTAssertTrue(renamed.stdout.hasPrefix("training keras-reference ("), renamed.stdout)
        XCTAssertTrue(renamed.stderr.contains("kept (keras-reference, 3 epochs") && renamed.stderr.contains("ignored: --architecture digitnet-v1"), renamed.stderr)
    }

    func testEvaluateJSONOnShippedModel() throws {
        try requireShared()
        let dir = try CLI.scratch()
        let run = try CLI.run(["evaluate", "--json", "--data", CLI.shared.appendingPathComponent("data/mnist").path, "--report", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        XCTAssertGreaterThanOrEqual(object["accuracy"] as! Double, 0.995)
        XCTAssertEqual((object["per_class"] as? [Any])?.count, 10)
        XCTAssertEqual((object["confusion"] as? [[Int]])?.count, 10)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("confusion.png").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("misclassified.png").path))
    }
}
