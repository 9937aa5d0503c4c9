import Foundation
import XCTest
import DigitVision

/// A multi-page TIFF or a PDF (a scanner's stack of sheets) is read page by page by `recognize` and
/// `annotate`: each page named `FILE#N`, its outputs `-pageN`; before, every page but the
/// first was silently left unread. Fixtures/two-page-scan.tif holds the samples
/// phone-number.png and notebook.png, made grey.
final class MultiPageTests: XCTestCase {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../DigitVisionTests/Fixtures/two-page-scan.tif").standardizedFileURL

    /// A new folder `scans` holding `file` named `name`, annotated into a folder `out` (the
    /// run must succeed); both folders.
    func annotatingAFolder(holding file: URL, as name: String) throws -> (scans: URL, out: URL) {
        let dir = try CLI.scratch()
        let scans = dir.appendingPathComponent("scans"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: scans.appendingPathComponent(name))
        let run = try CLI.run(["annotate", scans.path, "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        return (scans, out)
    }

    /// `recognize`'s reading of the two sample pictures, one line each.
    func samplesRead() throws -> [String] {
        let run = try CLI.run(["recognize", CLI.samples.appendingPathComponent("phone-number.png").path, CLI.samples.appendingPathComponent("notebook.png").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        return run.stdout.split(separator: "\n").map { String($0.split(separator: "\t", omittingEmptySubsequences: false).last ?? "") }
    }

    func testRecognizeReadsEveryPage() throws {
        let texts = try samplesRead()
        XCTAssertEqual(texts.count, 2)
        XCTAssertFalse(texts.contains(""), "the samples read as something")
        let dir = try CLI.scratch()
        let run = try CLI.run(["recognize", fixture.path, "--annotate", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "\(fixture.path)#1\t\(texts[0])\n\(fixture.path)#2\t\(texts[1])\n")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(written, ["two-page-scan-page1.annotated.png", "two-page-scan-page2.annotated.png"])
    }

    /// A scanner's PDF is read the same way, page by page (Fixtures/two-page-scan.pdf: the
    /// same two samples, rendered by Poppler), in `recognize` and in `annotate`'s folders.
    func testEveryPageOfAPDFIsRead() throws {
        let texts = try samplesRead()
        let pdf = fixture.deletingLastPathComponent().appendingPathComponent("two-page-scan.pdf")
        let run = try CLI.run(["recognize", pdf.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "\(pdf.path)#1\t\(texts[0])\n\(pdf.path)#2\t\(texts[1])\n")
        let (_, out) = try annotatingAFolder(holding: pdf, as: "stack.pdf")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".png") }.sorted()
        XCTAssertEqual(written, ["stack-page1.pdf.png", "stack-page2.pdf.png"])
        let rows = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }.map(String.init), texts)
    }

    /// A stack piped in is read as its first page, and the pages left unread are said, not
    /// lost in silence.
    func testAStackPipedInSaysItsOtherPagesAreNotRead() throws {
        let texts = try samplesRead()
        for stack in [fixture, fixture.deletingLastPathComponent().appendingPathComponent("two-page-scan.pdf")] {
            let piped = try Subprocess.run("/bin/sh", ["-c", "exec '\(CLI.binary.path)' recognize - < '\(stack.path)'"], environment: ["CI": "true"])
            XCTAssertEqual(piped.status, 0, piped.stderr)
            XCTAssertEqual(piped.stdout, "-\t\(texts[0])\n")
            XCTAssertTrue(piped.stderr.contains("of 2 pages, of which only the first is read from a pipe; give the file by its name"), piped.stderr)
        }
    }

    /// A page is read alone, only its own bytes (the header, its directory, its tags' values,
    /// its strips or tiles), not the whole file for every page: the same reading from a
    /// big-endian BigTIFF with tiled pages (Fixtures/bigtiff-msb-tiled.tif, the same two
    /// samples), whose every field is laid out differently from the classic little-endian one.
    func testPagesOfABigEndianTiledBigTIFFRead() throws {
        let texts = try samplesRead()
        let stack = fixture.deletingLastPathComponent().appendingPathComponent("bigtiff-msb-tiled.tif").path
        let run = try CLI.run(["recognize", stack])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "\(stack)#1\t\(texts[0])\n\(stack)#2\t\(texts[1])\n")
    }

    /// Page 2 of scan.tif and a file scan-page2.png beside it each keep their own annotated
    /// image (one had replaced the other); the pages of one file named as one image never
    /// replace a file already there.
    func testPageOutputsNeverReplaceAnotherOrAUsersFile() throws {
        let dir = try CLI.scratch()
        let scan = dir.appendingPathComponent("scan.tif"), beside = dir.appendingPathComponent("scan-page2.png")
        try FileManager.default.copyItem(at: fixture, to: scan)
        try FileManager.default.copyItem(at: CLI.samples.appendingPathComponent("shadow.jpg"), to: beside)
        let out = dir.appendingPathComponent("ann")
        let run = try CLI.run(["recognize", scan.path, beside.path, "--annotate", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["scan-page1.annotated.png", "scan-page2-png.annotated.png", "scan-page2.annotated.png"])
        let users = dir.appendingPathComponent("out-page2.png")
        try FileManager.default.copyItem(at: CLI.samples.appendingPathComponent("notebook.png"), to: users)
        let before = try Data(contentsOf: users)
        let refused = try CLI.run(["recognize", scan.path, "--annotate", dir.appendingPathComponent("out.png").path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("out-page2.png exists; name a folder"), refused.stderr)
        XCTAssertEqual(try Data(contentsOf: users), before)
    }

    func testAnnotateWritesAndReportsEveryPage() throws {
        let texts = try samplesRead()
        let (scans, out) = try annotatingAFolder(holding: fixture, as: "stack.tif")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("stack-page1.tif").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("stack-page2.tif").path))
        let rows = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let fields = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(fields.map { $0[0] }, [scans.path + "/stack.tif#1", scans.path + "/stack.tif#2"])
        XCTAssertEqual(fields.map { $0[1] }, ["ok", "ok"])
        XCTAssertEqual(fields.map { $0[2] }, texts)
        // A rerun finds both pages done.
        let again = try CLI.run(["annotate", scans.path, "--out", out.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("annotated 0, skipped 2 done earlier, failed 0 of 2 images"), again.stdout)
    }

    /// A stack rescanned with fewer sheets, then as one page, then unreadable, then two pages
    /// again: each rerun leaves outputs of the pages the file has now and no others (an old
    /// page's image and "ok" sidecar had stayed, telling of a page no longer there).
    func testOutputsOfPagesAFileNoLongerHasAreRemoved() throws {
        let dir = try CLI.scratch()
        let scans = dir.appendingPathComponent("scans"), out = dir.appendingPathComponent("out")
        let stack = scans.appendingPathComponent("stack.tif")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        let threePages = fixture.deletingLastPathComponent().appendingPathComponent("stack-with-palette-page.tif")
        let onePage = dir.appendingPathComponent("one.tif")
        try DigitVision.Image(contentsOf: CLI.samples.appendingPathComponent("notebook.png").path).write(to: onePage.path)
        let steps: [(URL?, [String])] = [
            (threePages, ["stack-page1.tif", "stack-page3.tif"]),   // page 2 unreadable
            (fixture, ["stack-page1.tif", "stack-page2.tif"]),
            (threePages, ["stack-page1.tif", "stack-page2.tif.json", "stack-page3.tif"]),   // page 2 unreadable now: its image goes, its sidecar says so
            (onePage, ["stack.tif"]),
            (nil, ["stack.tif.json"]),                                                           // unreadable: its error sidecar
            (fixture, ["stack-page1.tif", "stack-page2.tif"]),
        ]
        for (source, expected) in steps {
            try? FileManager.default.removeItem(at: stack)
            if let source { try FileManager.default.copyItem(at: source, to: stack) } else { try Data("not a picture".utf8).write(to: stack) }
            _ = try CLI.run(["annotate", scans.path, "--out", out.path])
            let written = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != "report.csv" }
            let images = Set(expected.filter { !$0.hasSuffix(".json") })
            XCTAssertEqual(Set(written), images.union(expected.map { $0.hasSuffix(".json") ? $0 : $0 + ".json" }),
                           "after \(source?.lastPathComponent ?? "an unreadable file")")
        }
    }

    /// A PDF rescanned as one page leaves the output of that page only, and so does a TIFF
    /// whose name holds a 0 (the two pages' outputs of the first scan had stayed: a PDF's pages
    /// were not looked for, and a name was split at its first 0 to find them).
    func testOutputsOfPagesAPDFOrA0sNamedTIFFNoLongerHasAreRemoved() throws {
        let fixtures = fixture.deletingLastPathComponent()
        for (name, twoPages, onePage) in [("scan.pdf", "two-page-scan.pdf", "strip-page.pdf"), ("scan_001.tif", "two-page-scan.tif", nil)] {
            let dir = try CLI.scratch()
            let scans = dir.appendingPathComponent("scans"), out = dir.appendingPathComponent("out")
            let scan = scans.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
            let single = dir.appendingPathComponent("one.tif")
            try DigitVision.Image(contentsOf: CLI.samples.appendingPathComponent("notebook.png").path).write(to: single.path)
            let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            // A PDF's pages are written as PNG after its own name (scan-page1.pdf.png).
            func output(_ page: Int?) -> String { (page.map { "\(stem)-page\($0).\(ext)" } ?? name) + (ext == "pdf" ? ".png" : "") }
            let steps = [(fixtures.appendingPathComponent(twoPages), [output(1), output(2)]),
                         (onePage.map { fixtures.appendingPathComponent($0) } ?? single, [output(nil)]),
                         (fixtures.appendingPathComponent(twoPages), [output(1), output(2)])]
            for (source, expected) in steps {
                try? FileManager.default.removeItem(at: scan)
                try FileManager.default.copyItem(at: source, to: scan)
                _ = try CLI.run(["annotate", scans.path, "--out", out.path])
                let written = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != "report.csv" }
                XCTAssertEqual(Set(written), Set(expected + expected.map { $0 + ".json" }), "\(name) after \(source.lastPathComponent)")
            }
        }
    }

    /// A stack that cannot be opened on a rerun (its permissions changed) keeps its pages'
    /// outputs: it was not looked into, so its page count says nothing (they had all been
    /// removed as pages it no longer had).
    func testPagesOfAStackThatCannotBeOpenedAreKept() throws {
        let dir = try CLI.scratch()
        let scans = dir.appendingPathComponent("scans"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        let stack = scans.appendingPathComponent("stack.tif")
        try FileManager.default.copyItem(at: fixture, to: stack)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: stack.path)
        let first = try CLI.runAsUserWhomPermissionsStop(["annotate", scans.path, "--out", out.path], openingToAll: [dir, scans])
        XCTAssertEqual(first.status, 0, first.stderr)
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(written.filter { $0.hasPrefix("stack-page") }.count, 4, "\(written)")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: stack.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: stack.path) }
        let again = try CLI.runAsUserWhomPermissionsStop(["annotate", scans.path, "--out", out.path], openingToAll: [dir, scans])
        XCTAssertEqual(again.status, 1, "the stack cannot be read: \(again.stdout)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("stack-page") }.sorted(),
                       written.filter { $0.hasPrefix("stack-page") })
    }
}
