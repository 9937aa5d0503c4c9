import DigitVision
import Foundation
import XCTest

/// `digitlens annotate` where outputs could be lost or wrong: names that collide, an output
/// folder inside or around the inputs, errors under the progress bar and unusable output paths
/// (reruns in AnnotateRerunTests.swift, shard sets in AnnotateShardTests.swift). Inputs are the repository's
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
        XCTAssertTrue(run.stderr.contains("\(tree5.path)/c/notebook.png: \(tree5.path)/notebook.png exists with no sidecar notebook.png.json saying digitlens annotate wrote it; not overwriting it"), run.stderr)
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

        // An earlier run's --out given as an input is not annotated again (its pictures have
        // boxes and labels drawn on them): refused alone in one line, reported among others.
        let ann = tin.appendingPathComponent("ann")
        let again = try CLI.run(["annotate", ann.path, "--out", dir.appendingPathComponent("again").path])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "digitlens: \(ann.path): the folder holds an annotate run's outputs (annotated pictures with their sidecars): its pictures have boxes and labels drawn on them; annotate the pictures they were made from\n")
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("again").path))
        let mixed = try CLI.run(["annotate", ann.path, tin.appendingPathComponent("sub").path, "--out", dir.appendingPathComponent("mixed").path])
        XCTAssertEqual(mixed.status, 1, mixed.stderr)
        XCTAssertTrue(mixed.stderr.contains("\(ann.path): the folder holds an annotate run's outputs"), mixed.stderr)
        let rows = try reportRows(dir.appendingPathComponent("mixed"))
        XCTAssertEqual(rows.count, 2, "the refused folder and sub/b.png")
        XCTAssertTrue(rows.contains { $0.hasPrefix(tin.appendingPathComponent("sub/b.png").path + ",ok,") }, rows.joined(separator: "\n"))
        // A report alone is no sign of outputs: a merged report written among the user's own
        // pictures (`merge --output scans/report.csv`) leaves them to be annotated.
        let scans = dir.appendingPathComponent("scans")
        try place("notebook.png", at: scans.appendingPathComponent("c.png"))
        try fm.copyItem(at: ann.appendingPathComponent("report.csv"), to: scans.appendingPathComponent("report.csv"))
        let withReport = try CLI.run(["annotate", scans.path, "--out", dir.appendingPathComponent("fromScans").path])
        XCTAssertEqual(withReport.status, 0, withReport.stderr)
        XCTAssertTrue(withReport.stdout.contains("annotated 1, skipped 0 done earlier, failed 0 of 1"), withReport.stdout)

        // merge's own errors are one line, without the usage.
        for paths in [[dir.appendingPathComponent("none").path], [tin.appendingPathComponent("sub").path]] {
            let merge = try CLI.run(["annotate", "merge"] + paths)
            XCTAssertEqual(merge.status, 1, merge.stderr)
            XCTAssertEqual(merge.stderr.split(separator: "\n").count, 1, merge.stderr)
            XCTAssertFalse(merge.stderr.contains("Usage"), merge.stderr)
        }
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
    /// folder took it for an earlier output folder and skipped it).
    func testInputsOwnFolderAsOutIsRefusedUnwritten() throws {
        let dir = try CLI.scratch()
        let photos = dir.appendingPathComponent("parent/photos")
        try place("notebook.png", at: photos.appendingPathComponent("a.png"))
        let refused = try CLI.run(["annotate", photos.appendingPathComponent("a.png").path, "--out", photos.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("would replace it"), refused.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: photos.path), ["a.png"])
    }

    /// GIFs (read by giflib) are taken from folders and annotated as PNG: an animation's
    /// first frame, with a warning in its report row; a GIF cut short before its picture is
    /// reported as a bad file and the run goes on. An annotated image is not written as GIF.
    func testGIFsAreAnnotated() throws {
        let dir = try CLI.scratch()
        let photos = dir.appendingPathComponent("web")
        try fm.createDirectory(at: photos, withIntermediateDirectories: true)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../DigitVisionTests/Fixtures").standardizedFileURL
        try fm.copyItem(at: fixtures.appendingPathComponent("phone-number.gif"), to: photos.appendingPathComponent("a.gif"))
        try fm.copyItem(at: fixtures.appendingPathComponent("phone-number-animated.gif"), to: photos.appendingPathComponent("b.GIF"))
        try Data(contentsOf: fixtures.appendingPathComponent("phone-number.gif")).prefix(300).write(to: photos.appendingPathComponent("c.gif"))
        let out = dir.appendingPathComponent("out")
        let run = try CLI.run(["annotate", photos.path, "--out", out.path, "--report", "json"])
        XCTAssertNotEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("annotated 2,"), run.stdout)
        XCTAssertTrue(run.stderr.contains("c.gif: truncated GIF"), run.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [[String: Any]] ?? []
        XCTAssertEqual(rows.map { $0["text"] as? String }, ["800 555 0199", "800 555 0199", ""])
        XCTAssertTrue((rows[1]["warning"] as? String ?? "").contains("an animated GIF of 2 frames, of which only the first is read"), "\(rows[1])")
        for name in ["a.gif.png", "b.GIF.png"] {
            let annotated = try Image(contentsOf: out.appendingPathComponent(name).path)
            XCTAssertEqual([annotated.width, annotated.height], [720, 240], name)
        }
        let refused = try CLI.run(["recognize", photos.appendingPathComponent("a.gif").path, "--annotate", dir.appendingPathComponent("x.gif").path])
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("x.gif: annotated images are written as PNG, JPEG"), refused.stderr)
    }

    /// An iPhone's photos (HEIC, read by libheif) are taken from folders like any picture and
    /// annotated as PNG, turned upright as the phone recorded; an annotated image is not
    /// written as HEIC.
    func testAnIPhonesHEICPhotosAreAnnotated() throws {
        let dir = try CLI.scratch()
        let photos = dir.appendingPathComponent("iphone")
        try fm.createDirectory(at: photos, withIntermediateDirectories: true)
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../DigitVisionTests/Fixtures/phone-number-held-upright.heic").standardizedFileURL
        try fm.copyItem(at: fixture, to: photos.appendingPathComponent("IMG_0001.HEIC"))
        let out = dir.appendingPathComponent("out")
        let run = try CLI.run(["annotate", photos.path, "--out", out.path, "--report", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("annotated 1,"), run.stdout)
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [[String: Any]] ?? []
        XCTAssertEqual(rows.map { $0["text"] as? String }, ["800 555 0199"])
        let annotated = try Image(contentsOf: out.appendingPathComponent("IMG_0001.HEIC.png").path)
        XCTAssertEqual([annotated.width, annotated.height], [720, 240])
        let refused = try CLI.run(["recognize", fixture.path, "--annotate", dir.appendingPathComponent("x.heic").path])
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("x.heic: annotated images are written as PNG, JPEG"), refused.stderr)
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
