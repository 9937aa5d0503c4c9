import Foundation
import XCTest

/// `recognize`'s outputs: where annotated images go, what is refused, and `--single` on
/// images that hold no digit.
final class RecognizeTests: XCTestCase {
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples").standardizedFileURL

    func copySample(_ name: String, to path: URL) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: path)
    }

    /// A glob that meets a file named "-photo.png" gives the parser what looks like options
    /// (its "h" printed the help and read nothing, exit 0): it is refused, named, with the way
    /// to give it; after "--" it is read.
    func testAFileNamedLikeAnOptionIsRefusedWithAHint() throws {
        let dir = try CLI.scratch()
        try copySample("notebook.png", to: dir.appendingPathComponent("-photo.png"))
        try copySample("phone-number.png", to: dir.appendingPathComponent("a.png"))
        let glob = try Subprocess.run("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(CLI.binary.path)' recognize *.png"], environment: ["CI": "true"])
        XCTAssertEqual(glob.status, 64, glob.stdout + glob.stderr)
        XCTAssertEqual(glob.stdout, "")
        XCTAssertTrue(glob.stderr.contains("-photo.png: a file name starting with \"-\" reads as an option; give it as ./-photo.png"), glob.stderr)
        let dashed = try Subprocess.run("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(CLI.binary.path)' recognize -- -photo.png"], environment: ["CI": "true"])
        XCTAssertEqual(dashed.status, 0, dashed.stderr)
        XCTAssertTrue(dashed.stdout.hasPrefix("-photo.png\t"), dashed.stdout)
        // Mistyped, naming no file, it is no option either: said, not the help with status 0.
        let typo = try Subprocess.run("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(CLI.binary.path)' recognize a.png -phto.png"], environment: ["CI": "true"])
        XCTAssertEqual(typo.status, 64, typo.stdout + typo.stderr)
        XCTAssertEqual(typo.stderr, "digitlens: -phto.png: no such option (options start with --, as in --help) nor file; a name to write that starts with \"-\" is given as ./-phto.png\n")
        // A file named like a long option ("--scan.png", met by a glob) gets the hint too.
        try copySample("notebook.png", to: dir.appendingPathComponent("--scan.png"))
        let long = try Subprocess.run("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(CLI.binary.path)' recognize a.png --scan.png"], environment: ["CI": "true"])
        XCTAssertEqual(long.status, 64, long.stdout + long.stderr)
        XCTAssertTrue(long.stderr.contains("--scan.png: a file name starting with \"-\" reads as an option; give it as ./--scan.png"), long.stderr)
    }

    /// "-" reads a picture piped in (it was "-: no such file"), once; its annotated image is
    /// named stdin.
    func testAPicturePipedInIsRead() throws {
        let dir = try CLI.scratch()
        let sample = samples.appendingPathComponent("notebook.png").path
        let expected = try CLI.run(["recognize", sample])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        let text = expected.stdout.split(separator: "\t").last.map(String.init) ?? ""
        let piped = try Subprocess.run("/bin/sh", ["-c", "exec '\(CLI.binary.path)' recognize - --annotate '\(dir.path)' < '\(sample)'"], environment: ["CI": "true"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout, "-\t" + text)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["stdin.annotated.png"])
        // A standard input that cannot be read (closed, a folder) is an error, not a crash.
        for redirect in ["<&-", "< '\(dir.path)'"] {
            let unreadable = try Subprocess.run("/bin/sh", ["-c", "exec '\(CLI.binary.path)' recognize - \(redirect)"], environment: ["CI": "true"])
            XCTAssertEqual(unreadable.status, 1, redirect)
            XCTAssertTrue(unreadable.stderr.hasPrefix("digitlens: -: cannot read standard input ("), unreadable.stderr)
        }
        let twice = try Subprocess.run("/bin/sh", ["-c", "exec '\(CLI.binary.path)' recognize - - < '\(sample)'"], environment: ["CI": "true"])
        XCTAssertEqual(twice.status, 64)
        XCTAssertTrue(twice.stderr.contains("- (standard input) can be given once"), twice.stderr)
    }

    /// `--annotate FILE.png` takes one image; a file given twice is one (it was refused as two).
    func testAnnotateIntoOneFileCountsAFileGivenTwiceOnce() throws {
        let dir = try CLI.scratch()
        let (a, b) = (samples.appendingPathComponent("notebook.png").path, samples.appendingPathComponent("phone-number.png").path)
        let one = dir.appendingPathComponent("one.png").path
        let twice = try CLI.run(["recognize", a, a, "--annotate", one])
        XCTAssertEqual(twice.status, 0, twice.stderr)
        XCTAssertEqual(twice.stdout.split(separator: "\n").count, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: one))
        let two = try CLI.run(["recognize", a, b, "--annotate", dir.appendingPathComponent("two.png").path])
        XCTAssertEqual(two.status, 64)
        XCTAssertTrue(two.stderr.contains("two.png names one image file, but 2 images are given: name a folder"), two.stderr)
    }

    /// With --json every input has its line, an unreadable one its error (it had only the
    /// message on stderr, so a JSON-lines reader lost track of it).
    func testJSONGivesAnUnreadableFileItsLine() throws {
        let dir = try CLI.scratch()
        let empty = dir.appendingPathComponent("empty.png")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        let run = try CLI.run(["recognize", "--json", empty.path, samples.appendingPathComponent("phone-number.png").path])
        XCTAssertEqual(run.status, 1)
        let lines = run.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(lines.count, 2, run.stdout)
        XCTAssertEqual(lines[0]?["file"] as? String, empty.path)
        XCTAssertEqual(lines[0]?["error"] as? String, "\(empty.path): empty file (0 bytes)")
        XCTAssertEqual(lines[1]?["text"] as? String, "800 555 0199")
    }

    /// A folder is read as annotate reads one: its images recursively, in sorted order, the
    /// hidden ones and files that are no image left out, the --annotate folder inside it not
    /// read on a rerun, the annotated images in it left out when met (and read when named);
    /// a folder without images is said, and the other inputs read; an image met twice is read
    /// once; `--annotate` naming one file
    /// when a folder gives several images is refused before anything is read.
    func testAFolderIsReadRecursivelyInOrder() throws {
        let dir = try CLI.scratch()
        let photos = dir.appendingPathComponent("photos")
        let fm = FileManager.default
        for (name, at) in [("phone-number.png", "b.png"), ("notebook.png", "a/c.png"), ("graph-paper.png", ".hidden/d.png")] {
            try fm.createDirectory(at: photos.appendingPathComponent(at).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: samples.appendingPathComponent(name), to: photos.appendingPathComponent(at))
        }
        try Data("notes".utf8).write(to: photos.appendingPathComponent("notes.txt"))
        let one = try CLI.run(["recognize", photos.path, "--annotate", dir.appendingPathComponent("one.png").path])
        XCTAssertEqual(one.status, 64)
        XCTAssertTrue(one.stderr.contains("one.png names one image file, but 2 images are given: name a folder"), one.stderr)
        XCTAssertTrue(one.stderr.contains("Usage: digitlens recognize"), one.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("one.png").path))
        let annotated = photos.appendingPathComponent("annotated").path
        let run = try CLI.run(["recognize", photos.path, "--annotate", annotated])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "\(photos.path)/a/c.png\t2024 1107 365 42 8\n\(photos.path)/b.png\t800 555 0199\n")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: annotated).sorted(), ["b.annotated.png", "c.annotated.png"])
        // A picture of the user's own in the --annotate folder is left out with it, and said.
        try fm.copyItem(at: samples.appendingPathComponent("phone-number.png"), to: URL(fileURLWithPath: annotated).appendingPathComponent("mine.png"))
        let again = try CLI.run(["recognize", photos.path, "--annotate", annotated])
        XCTAssertEqual(again.stdout, run.stdout)
        // With --json each line says where its annotated copy went.
        let mapped = try CLI.run(["recognize", photos.path, "--annotate", annotated, "--json"]).stdout.split(separator: "\n")
            .compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        XCTAssertEqual(mapped.map { $0["annotated"] as? String }, [annotated + "/c.annotated.png", annotated + "/b.annotated.png"])
        XCTAssertTrue(again.stderr.contains("note: \(annotated), where recognize writes, is not read, and with it 1 image it holds that recognize did not write"), again.stderr)
        try fm.removeItem(atPath: annotated + "/mine.png")
        // Without --annotate, the annotated images in the folder are met, and left out, said.
        let plain = try CLI.run(["recognize", photos.path])
        XCTAssertEqual(plain.stdout, run.stdout)
        XCTAssertTrue(plain.stderr.contains("note: 2 pictures that recognize wrote (*.annotated.png, *.ink.png, *.binary.png, *.candidates.png) are left out"), plain.stderr)
        let named = try CLI.run(["recognize", annotated + "/b.annotated.png"])
        XCTAssertEqual(named.status, 0, named.stderr)
        // An annotate run's --out folder: given, refused with why; met inside, not read, said.
        let batch = photos.appendingPathComponent("batch").path
        XCTAssertEqual(try CLI.run(["annotate", photos.appendingPathComponent("b.png").path, "--out", batch]).status, 0)
        let outputs = try CLI.run(["recognize", batch])
        XCTAssertEqual(outputs.status, 1)
        XCTAssertTrue(outputs.stderr.contains("\(batch): the folder holds an annotate run's outputs"), outputs.stderr)
        let beside = try CLI.run(["recognize", photos.path])
        XCTAssertEqual(beside.stdout, run.stdout)
        XCTAssertTrue(beside.stderr.contains("note: \(batch) holds an annotate run's outputs (annotated pictures with their sidecars) and is not read"), beside.stderr)
        let empty = dir.appendingPathComponent("empty")
        try fm.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try CLI.run(["recognize", empty.path])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("\(empty.path): the folder holds no images (avif, bmp"), none.stderr)
        // Among other inputs, such a folder is said and the rest read; given with a file also
        // inside a folder given, and the folder twice, each image is read once.
        let mixed = try CLI.run(["recognize", empty.path, photos.path, photos.appendingPathComponent("b.png").path, photos.path + "/", "--json"])
        XCTAssertEqual(mixed.status, 1, mixed.stderr)
        let files = mixed.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }.map { $0["file"] as? String ?? "" }
        XCTAssertEqual(files, [empty.path, "\(photos.path)/a/c.png", photos.appendingPathComponent("b.png").path])
        XCTAssertTrue(mixed.stderr.contains("1 of 3 files could not be read"), mixed.stderr)
    }

    /// What the decoder warned of is in the --json line as well as on stderr (a program
    /// reading the JSON alone had no way to know an animation's other frames went unread);
    /// a picture read cleanly has no "warning" key.
    func testJSONCarriesTheDecodersWarning() throws {
        let animated = samples.appendingPathComponent("../Tests/DigitVisionTests/Fixtures/phone-number-animated.gif").standardizedFileURL.path
        let run = try CLI.run(["recognize", "--json", animated, samples.appendingPathComponent("phone-number.png").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(lines.count, 2, run.stdout)
        XCTAssertEqual(lines[0]?["text"] as? String, "800 555 0199")
        XCTAssertEqual(lines[0]?["warning"] as? String, "\(animated): an animated GIF of 2 frames, of which only the first is read")
        XCTAssertTrue(run.stderr.contains("warning: \(animated): an animated GIF"), run.stderr)
        XCTAssertNil(lines[1]?["warning"])
        let single = try CLI.run(["recognize", "--json", "--single", animated])
        let line = try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(line?["warning"] as? String, "\(animated): an animated GIF of 2 frames, of which only the first is read")
    }

    /// An annotated image in a format OpenCV cannot write here is refused before anything is
    /// made (it had become a folder "x.gif" holding a PNG).
    func testAnAnnotatedImageInAnUnwritableFormatIsRefused() throws {
        let dir = try CLI.scratch()
        let run = try CLI.run(["recognize", samples.appendingPathComponent("notebook.png").path, "--annotate", dir.appendingPathComponent("x.gif").path])
        XCTAssertEqual(run.status, 64, run.stderr)
        XCTAssertTrue(run.stderr.contains("x.gif: annotated images are written as PNG, JPEG"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.gif").path))
    }

    func testAnAnnotatedImageNeverReplacesAnInput() throws {
        let dir = try CLI.scratch()
        let page = dir.appendingPathComponent("page.png")
        try copySample("notebook.png", to: page)
        let before = try Data(contentsOf: page)
        let run = try CLI.run(["recognize", page.path, "--annotate", page.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("would overwrite the input"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertEqual(try Data(contentsOf: page), before, "the input is untouched")
        // Nor a debug image: page.ink.png is an input here, and the debug images of page.png
        // would take that name.
        let ink = dir.appendingPathComponent("page.ink.png")
        try copySample("phone-number.png", to: ink)
        let inkBefore = try Data(contentsOf: ink)
        let debug = try CLI.run(["recognize", page.path, ink.path, "--debug-dir", dir.path])
        XCTAssertEqual(debug.status, 1)
        XCTAssertTrue(debug.stderr.contains("would overwrite the input \(ink.path)"), debug.stderr)
        XCTAssertEqual(try Data(contentsOf: ink), inkBefore, "the input is untouched")

        // Last run's annotated image read again, into the same folder: it keeps its name, and
        // the new annotation of it goes elsewhere.
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(try CLI.run(["recognize", page.path, "--annotate", out.path]).status, 0)
        let old = out.appendingPathComponent("page.annotated.png")
        let oldBytes = try Data(contentsOf: old)
        let again = try CLI.run(["recognize", old.path, "--annotate", out.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try Data(contentsOf: old), oldBytes)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("page.annotated.annotated.png").path))
    }

    func testInputsOfTheSameNameGetTheirOwnAnnotatedImage() throws {
        let dir = try CLI.scratch()
        let x = dir.appendingPathComponent("x"), y = dir.appendingPathComponent("y")
        try copySample("notebook.png", to: x.appendingPathComponent("page.png"))
        try copySample("phone-number.png", to: y.appendingPathComponent("page.png"))
        try copySample("phone-number.png", to: x.appendingPathComponent("scan.png"))
        try copySample("shadow.jpg", to: x.appendingPathComponent("scan.jpg"))
        let inputs = ["x/page.png", "y/page.png", "x/scan.png", "x/scan.jpg", "x/page.png"].map { dir.appendingPathComponent($0).path }
        let out = dir.appendingPathComponent("out")
        let run = try CLI.run(["recognize"] + inputs + ["--annotate", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 5)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["page.annotated.png", "scan-jpg.annotated.png", "scan.annotated.png", "y-page.annotated.png"])
        // Each is its own input's picture: the notebook and the phone number differ in size.
        let notebook = try CLI.run(["recognize", "--json", out.appendingPathComponent("page.annotated.png").path])
        let phone = try CLI.run(["recognize", "--json", out.appendingPathComponent("y-page.annotated.png").path])
        func size(_ run: CLI.Run) throws -> [Int] {
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            return [object["width"] as! Int, object["height"] as! Int]
        }
        XCTAssertNotEqual(try size(notebook), try size(phone))

        // One output file for several inputs is refused before anything is written.
        let file = dir.appendingPathComponent("one.png").path
        let refused = try CLI.run(["recognize"] + inputs.prefix(2) + ["--annotate", file])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("name a folder"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    func testOutputFoldersThatAreFilesAndUnwritableImages() throws {
        let dir = try CLI.scratch()
        let page = dir.appendingPathComponent("page.png")
        try copySample("phone-number.png", to: page)
        let file = dir.appendingPathComponent("afile")
        try Data("x".utf8).write(to: file)
        for option in ["--debug-dir", "--annotate"] {
            let run = try CLI.run(["recognize", page.path, option, file.path])
            XCTAssertEqual(run.status, 1)
            XCTAssertEqual(run.stderr, "digitlens: \(option) \(file.path): is a file, not a folder\n")
        }
        // An annotated image that cannot be written (a folder stands at its path): the reading
        // is printed all the same, the failure reported, the exit status 1.
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("page.annotated.png"), withIntermediateDirectories: true)
        let run = try CLI.run(["recognize", page.path, "--annotate", out.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "\(page.path)\t800 555 0199\n")
        XCTAssertTrue(run.stderr.contains("page.annotated.png: cannot write"), run.stderr)
        XCTAssertEqual(CLI.lines(run.stderr).count, 1, "one file, one line: \(run.stderr)")
        // Among several files, a summary follows.
        let two = try CLI.run(["recognize", page.path, page.path, "--annotate", out.path])
        XCTAssertEqual(two.status, 1)
        XCTAssertTrue(two.stderr.contains("annotated image"), two.stderr)
        XCTAssertTrue(two.stderr.contains("could not be written"), two.stderr)
        XCTAssertFalse(two.stderr.contains("could not be read"), two.stderr)

        let model = try CLI.run(["recognize", page.path, "--model", dir.appendingPathComponent("none.safetensors").path])
        XCTAssertEqual(model.status, 1)
        XCTAssertEqual(model.stderr, "digitlens: \(dir.appendingPathComponent("none.safetensors").path): no such weights file\n", "one line, no usage")
        // The same through $DIGITLENS_MODEL says where the name came from.
        let named = try CLI.run(["recognize", page.path], environment: ["DIGITLENS_MODEL": dir.appendingPathComponent("gone.safetensors").path])
        XCTAssertEqual(named.status, 1)
        XCTAssertEqual(named.stderr, "digitlens: \(dir.appendingPathComponent("gone.safetensors").path): no such weights file (named by $DIGITLENS_MODEL)\n")
    }

    func testSingleDigitModeReadsNothingFromBlankImagesAndHonoursItsOptions() throws {
        let dir = try CLI.scratch()
        // Blank pictures as PGM files (a header and raw grey bytes, which OpenCV reads).
        func blank(_ name: String, grey: UInt8) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try (Data("P5\n100 100\n255\n".utf8) + Data(repeating: grey, count: 100 * 100)).write(to: url)
            return url
        }
        let white = try blank("white.pgm", grey: 255), black = try blank("black.pgm", grey: 0)
        let blank = try CLI.run(["recognize", "--single", white.path, black.path])
        XCTAssertEqual(blank.status, 0, blank.stderr)
        XCTAssertEqual(blank.stdout, "\(white.path)\t\t\n\(black.path)\t\t\n", "no digit, not a guess")
        let json = try CLI.run(["recognize", "--single", "--json", white.path])
        XCTAssertEqual(json.stdout, "{\"digit\":null,\"file\":\"\(white.path)\"}\n")

        let usps = CLI.shared.appendingPathComponent("data/real-dev/singles/usps/7")
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: usps.path).sorted().first else {
            throw XCTSkip("../shared/data/real-dev is missing")
        }
        let seven = usps.appendingPathComponent(name).path
        let read = try CLI.run(["recognize", "--single", seven])
        let confidence = Double(read.stdout.trimmingCharacters(in: .newlines).split(separator: "\t")[2])!
        XCTAssertEqual(try CLI.run(["recognize", "--single", "--min-confidence", String(confidence - 0.01), seven]).stdout, read.stdout)
        XCTAssertEqual(try CLI.run(["recognize", "--single", "--min-confidence", String(min(1, confidence + 0.01)), seven]).stdout, "\(seven)\t\t\n")
        let out = dir.appendingPathComponent("annotated")
        XCTAssertEqual(try CLI.run(["recognize", "--single", seven, "--annotate", out.path]).status, 0)
        // The 16x16 scan is drawn on 15 times over, so its label can be read.
        let annotated = try Data(contentsOf: out.appendingPathComponent((name as NSString).deletingPathExtension + ".annotated.png"))
        func be32(_ at: Int) -> Int { annotated[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        XCTAssertEqual([be32(16), be32(20)], [240, 240], "PNG width and height")
        XCTAssertEqual(try CLI.run(["recognize", "--single", seven, "--debug-dir", dir.path]).status, 64, "--debug-dir has nothing to show with --single")
    }

    /// The output contract on odd but legal inputs: a file name holding a tab or a newline
    /// still gives a line of two fields (the name escaped); an annotated image named in a
    /// folder not made yet gets the folder; a negative --min-confidence is named as out of range.
    func testOddFileNamesAndOutputPathsKeepTheOutputContract() throws {
        let dir = try CLI.scratch()
        let odd = dir.appendingPathComponent("phone\tnumber\n.png")
        try copySample("phone-number.png", to: odd)
        let run = try CLI.run(["recognize", odd.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "\(dir.path)/phone\\tnumber\\n.png\t800 555 0199\n")
        XCTAssertEqual(run.stdout.split(separator: "\n").first?.split(separator: "\t").count, 2)

        let nested = dir.appendingPathComponent("not/yet/made.png")
        let annotated = try CLI.run(["recognize", odd.path, "--annotate", nested.path])
        XCTAssertEqual(annotated.status, 0, annotated.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: nested.path), "the annotated image, in the folders made for it")

        let negative = try CLI.run(["recognize", odd.path, "--min-confidence", "-1"])
        XCTAssertEqual(negative.status, 64)
        XCTAssertTrue(negative.stderr.contains("--min-confidence must be in 0…1"), negative.stderr)
    }

    /// A Latin-1 name (bytes that are not UTF-8, from an old archive) reaches Swift with U+FFFD
    /// in their place, and the file cannot be opened by it: "no such file" alone misled, as the
    /// file is plainly there. Said in recognize, from a glob, and in annotate, from a folder.
    func testANameThatIsNotUTF8IsSaidToBeSo() throws {
        let dir = try CLI.scratch()
        try copySample("phone-number.png", to: dir.appendingPathComponent("ok.png"))
        let latin1 = Array(dir.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".png".utf8) + [0]
        let source = try Data(contentsOf: samples.appendingPathComponent("phone-number.png"))
        let file = fopen(latin1.map { CChar(bitPattern: $0) }, "wb")
        XCTAssertNotNil(file)
        _ = source.withUnsafeBytes { fwrite($0.baseAddress, 1, source.count, file) }
        fclose(file)
        let why = "by this name: its name holds bytes that are not UTF-8 (shown as \u{FFFD}), which digitlens cannot open; rename it in UTF-8"
        let run = try Subprocess.run("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(CLI.binary.path)' recognize *.png"], environment: ["CI": "true"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "ok.png\t800 555 0199\n")
        XCTAssertTrue(run.stderr.hasPrefix("digitlens: caf\u{FFFD}.png: no such file \(why)"), run.stderr)
        let batch = try CLI.run(["annotate", dir.path, "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(batch.status, 1)
        XCTAssertTrue(batch.stderr.contains("caf\u{FFFD}.png: no such file \(why)"), batch.stderr)
        // A folder of such a name: its images cannot be reached, and that is said, by
        // recognize and annotate alike (they had been left out in silence).
        let folder = Array(dir.path.utf8) + Array("/scans".utf8) + [0xE9] + [0]
        XCTAssertEqual(mkdir(folder.map { CChar(bitPattern: $0) }, 0o755), 0)
        let read = try CLI.run(["recognize", dir.path])
        XCTAssertEqual(read.status, 1)
        XCTAssertTrue(read.stderr.contains("scans\u{FFFD}: its name holds bytes that are not UTF-8 (shown as \u{FFFD}), which digitlens cannot open: if it is a folder, its images are not read"), read.stderr)
        let again = try CLI.run(["annotate", dir.path, "--out", dir.appendingPathComponent("out2").path])
        XCTAssertTrue(again.stderr.contains("scans\u{FFFD}: its name holds bytes that are not UTF-8"), again.stderr)
    }
}
