import DigitVision
import Foundation
import XCTest

/// Every bad file gives one clear line naming the file, never a crash.
final class BadInputTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ data: Data) -> String {
        let path = dir.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return path
    }

    func assertReadFails(_ path: String, mentions words: [String], kind: VisionError.Kind, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Image(contentsOf: path), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix(path), "message names the file: \(text)", file: file, line: line)
            XCTAssertFalse(text.contains("\n"), "one line: \(text)", file: file, line: line)
            for word in words { XCTAssertTrue(text.contains(word), "'\(word)' in: \(text)", file: file, line: line) }
            XCTAssertEqual((error as? VisionError)?.kind, kind, file: file, line: line)
        }
    }

    func testMissingFileAndDirectory() {
        assertReadFails(dir.appendingPathComponent("nope.png").path, mentions: ["no such file"], kind: .io)
        assertReadFails(dir.path, mentions: ["directory"], kind: .io)
    }

    func testEmptyTextAndTruncatedFiles() throws {
        assertReadFails(write("empty.png", Data()), mentions: ["empty"], kind: .decode)
        assertReadFails(write("notes.png", Data("these are not pixels\n".utf8)), mentions: ["not an image"], kind: .decode)
        let jpeg = try Image(width: 64, height: 64, channels: 3, pixels: (0..<(64 * 64 * 3)).map { UInt8($0 % 256) }).encoded(as: ".jpg")
        assertReadFails(write("cut.jpg", jpeg.prefix(jpeg.count / 2)), mentions: ["truncated"], kind: .decode)
        let png = try Image(width: 64, height: 64, channels: 1).encoded(as: ".png")
        assertReadFails(write("cut.png", png.prefix(png.count / 2)), mentions: ["truncated"], kind: .decode)
    }

    func testHugeDeclaredSizeIsRefusedBeforeDecoding() {
        let png = PNGWriter.png(width: 50000, height: 50000, bitDepth: 8, colorType: 0, rows: [[0]])
        assertReadFails(write("huge.png", png), mentions: ["50000x50000", "limit"], kind: .tooLarge)
    }

    func testFilesTooBigForAnImageAreRefusedUnread() throws {
        // A sparse file just over the 1 GiB limit: refused by its size, without reading it.
        let path = write("huge.tif", Data())
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: (1 << 30) + 1)
        try handle.close()
        assertReadFails(path, mentions: ["1024 MiB", "limit"], kind: .tooLarge)
        // A device without end is read up to the lower limit for pipes and devices, not for ever.
        assertReadFails("/dev/zero", mentions: ["256 MiB", "pipe or device"], kind: .tooLarge)
    }

    func testTinySixteenBitAndRGBAImagesDecode() throws {
        let one = try Image(contentsOf: write("one.png", PNGWriter.png(width: 1, height: 1, bitDepth: 8, colorType: 0, rows: [[200]])))
        XCTAssertEqual(one.width, 1)
        // 16-bit grey: 0xFFFF and 0x0000 become 255 and 0.
        let sixteen = PNGWriter.png(width: 2, height: 1, bitDepth: 16, colorType: 0, rows: [[0xFF, 0xFF, 0, 0]])
        let deep = try Image(contentsOf: write("deep.png", sixteen), grayscale: true)
        XCTAssertEqual(deep.pixels, [255, 0])
        // RGBA: a transparent pixel becomes white, an opaque red one stays red (BGR order).
        let rgba = PNGWriter.png(width: 2, height: 1, bitDepth: 8, colorType: 6, rows: [[0, 0, 0, 0, 255, 0, 0, 255]])
        let alpha = try Image(contentsOf: write("alpha.png", rgba))
        XCTAssertEqual(alpha.channels, 3)
        XCTAssertEqual(alpha.pixels, [255, 255, 255, 0, 0, 255])
    }

    /// Transparency is filled with a ground the visible ink stands out from: white strokes on
    /// a transparent background (a dark-mode drawing) land on black, not on white where they
    /// would vanish; dark strokes land on white, in grey + alpha PNGs as in RGBA ones.
    func testTransparentBackgroundsContrastWithTheirInk() throws {
        let white = PNGWriter.png(width: 3, height: 1, bitDepth: 8, colorType: 6, rows: [[255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 255, 0]])
        XCTAssertEqual(try Image(contentsOf: write("white-ink.png", white), grayscale: true).pixels, [255, 0, 0])
        // Grey + alpha, the transparent pixels' grey 0: before, alpha was dropped and all was black.
        let dark = PNGWriter.png(width: 3, height: 1, bitDepth: 8, colorType: 4, rows: [[10, 255, 0, 0, 0, 0]])
        XCTAssertEqual(try Image(contentsOf: write("grey-alpha.png", dark), grayscale: true).pixels, [10, 255, 255])
        // Dark ink opaque on half-transparent light paper: the ink decides, white ground.
        let paper = PNGWriter.png(width: 3, height: 1, bitDepth: 8, colorType: 4, rows: [[20, 255, 240, 60, 240, 60]])
        let flattened = try Image(contentsOf: write("paper-alpha.png", paper), grayscale: true).pixels
        XCTAssertEqual(flattened[0], 20)
        XCTAssertGreaterThan(flattened[1], 245)
    }

    /// Formats people have but OpenCV cannot read here are named, with what to do (HEIC is
    /// read by libheif, PDF by Poppler and GIF by giflib: a header alone is a corrupt one).
    func testUnreadableFormatsAreNamed() {
        assertReadFails(write("a.gif", Data("GIF89a".utf8) + Data(repeating: 0, count: 40)), mentions: ["a.gif", "corrupt or truncated GIF"], kind: .decode)
        var heic = Data([0, 0, 0, 24]) + Data("ftypheic".utf8); heic += Data(repeating: 0, count: 40)
        assertReadFails(write("IMG_1.heic", heic), mentions: ["HEIC", "corrupt"], kind: .decode)
        assertReadFails(write("scan.pdf", Data("%PDF-1.7\n".utf8) + Data(repeating: 32, count: 40)), mentions: ["PDF"], kind: .decode)
        // A favicon saved under a .png name is an icon file, which OpenCV cannot read.
        assertReadFails(write("favicon.png", Data([0, 0, 1, 0, 1, 0, 48, 48]) + Data(repeating: 0, count: 40)), mentions: ["Windows icon (ICO)", "convert"], kind: .decode)
    }
}
