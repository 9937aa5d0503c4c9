import DigitVision
import Foundation
import XCTest

final class BridgeTests: XCTestCase {
    func testCreateEncodeDecodeRoundTrip() throws {
        let pixels = (0..<(12 * 7 * 3)).map { UInt8($0 % 251) }
        let image = try Image(width: 12, height: 7, channels: 3, pixels: pixels)
        XCTAssertEqual(image.width, 12); XCTAssertEqual(image.height, 7); XCTAssertEqual(image.channels, 3)
        let decoded = try Image(encoded: image.encoded(as: ".png"))
        XCTAssertEqual(decoded.pixels, pixels, "PNG is lossless")
    }

    /// A phone stores a portrait photo as landscape pixels plus an EXIF orientation tag; read
    /// files come out the way the photo is viewed.
    func testJPEGEXIFOrientationIsApplied() throws {
        // 40 wide, 20 high, black with a white 8x8 block in the top-left corner.
        var pixels = [UInt8](repeating: 0, count: 40 * 20)
        for y in 0..<8 { for x in 0..<8 { pixels[y * 40 + x] = 255 } }
        let jpeg = [UInt8](try Image(width: 40, height: 20, channels: 1, pixels: pixels).encoded(as: ".jpg"))
        // An APP1 segment right after the JPEG's start marker: "Exif", a little-endian TIFF
        // header and one IFD entry, Orientation (0x0112, SHORT) = 6, "turn 90° clockwise".
        let tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
                             0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
                             0x00, 0x00, 0x00, 0x00]
        let body: [UInt8] = Array("Exif".utf8) + [0, 0] + tiff
        let app1: [UInt8] = [0xFF, 0xE1, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
        let path = try temporaryDirectory().appendingPathComponent("portrait.jpg").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(Array(jpeg[0..<2]) + app1 + Array(jpeg[2...]))))
        let upright = try Image(contentsOf: path, grayscale: true)
        XCTAssertEqual([upright.width, upright.height], [20, 40], "turned to portrait")
        // Turned clockwise, the top-left corner goes to the top right.
        XCTAssertGreaterThan(upright.pixel(x: 16, y: 3), 200)
        XCTAssertLessThan(upright.pixel(x: 3, y: 3), 50)
        XCTAssertLessThan(upright.pixel(x: 16, y: 36), 50)
        let colour = try Image(contentsOf: path)
        XCTAssertEqual([colour.width, colour.height], [20, 40], "colour reads are turned too")
    }

    func testAtomicWriteAndReadBack() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("out.png").path
        let image = try Image(width: 20, height: 10, channels: 1, pixels: [UInt8](repeating: 77, count: 200))
        try image.write(to: path)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(files, ["out.png"], "no temporary file is left behind")
        let back = try Image(contentsOf: path, grayscale: true)
        XCTAssertEqual(back.pixels, image.pixels)
        XCTAssertThrowsError(try image.write(to: dir.appendingPathComponent("no-extension").path)) { error in
            XCTAssertTrue("\(error)".contains("extension"), "\(error)")
        }
    }

    func testResizeThresholdComponentsAndDrawing() throws {
        // Two separate 3x3 squares on black.
        var pixels = [UInt8](repeating: 0, count: 100)
        for y in 2..<5 { for x in 2..<5 { pixels[y * 10 + x] = 255 } }
        for y in 6..<9 { for x in 6..<9 { pixels[y * 10 + x] = 255 } }
        let image = try Image(width: 10, height: 10, channels: 1, pixels: pixels)
        let labels = try image.connectedComponents()
        XCTAssertEqual(labels.components.count, 3, "background + two squares")
        XCTAssertEqual(labels.components[1].area, 9)
        XCTAssertEqual(labels.components[1].x, 2)
        let (binary, _) = try image.otsuThreshold(invert: true)
        XCTAssertEqual(binary.pixels, pixels.map { 255 - $0 })
        let bigger = try image.resized(width: 20, height: 30, interpolation: .nearest)
        XCTAssertEqual(bigger.width, 20); XCTAssertEqual(bigger.height, 30)
        XCTAssertEqual(try image.contours().count, 2)
        let canvas = try image.bgr()
        try canvas.drawRectangle(x: 0, y: 0, width: 10, height: 10, color: .red, thickness: 1)
        XCTAssertGreaterThan(canvas.pixel(x: 0, y: 5, channel: 2), 150, "red channel of the drawn (anti-aliased) border")
        XCTAssertLessThan(canvas.pixel(x: 0, y: 5, channel: 0), 100, "blue channel stays low")
        XCTAssertGreaterThan(try Image.textSize("123", scale: 1).width, 10)
    }

    /// Paper darkening from right to left with a stroke on each side: one global threshold
    /// takes the dark half for ink; the adaptive one finds the two strokes and nothing else.
    func testAdaptiveThresholdFollowsUnevenLight() throws {
        let (w, h) = (60, 20)
        var pixels = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let paper = 60 + 170 * x / (w - 1)
                pixels[y * w + x] = UInt8(x == 10 || x == 50 ? paper - 50 : paper)
            }
        }
        let image = try Image(width: w, height: h, channels: 1, pixels: pixels)
        let ink = try image.adaptiveThreshold(blockSize: 11, offset: 10, invert: true)
        let inkColumns = (0..<w).filter { x in ink.pixel(x: x, y: h / 2) != 0 }
        XCTAssertEqual(inkColumns, [10, 50])
        let (global, _) = try image.otsuThreshold(invert: true)
        XCTAssertGreaterThan((0..<w).filter { global.pixel(x: $0, y: h / 2) != 0 }.count, 10, "Otsu takes the dark side for ink")
    }

    func testBadArgumentsAreErrorsNotCrashes() throws {
        XCTAssertThrowsError(try Image(width: 0, height: 5, channels: 1))
        XCTAssertThrowsError(try Image(width: 5, height: 5, channels: 2))
        let image = try Image(width: 5, height: 5, channels: 1)
        XCTAssertThrowsError(try image.medianBlurred(kernelSize: 4)) { error in
            XCTAssertEqual((error as? VisionError)?.kind, .argument)
        }
    }
}

/// A multi-page TIFF (a scanner's stack of sheets) is read page by page; every other file is
/// one page. Fixtures/two-page-scan.tif holds the samples phone-number.png and notebook.png,
/// made grey (`convert samples/phone-number.png samples/notebook.png -colorspace Gray
/// -compress Zip two-page-scan.tif`).
final class PageTests: XCTestCase {
    let fixture = Fixtures.url("two-page-scan.tif").path
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples").standardizedFileURL

    func testEachPageOfAMultiPageTIFFIsRead() throws {
        XCTAssertEqual(Image.pageCount(ofFile: fixture), 2)
        XCTAssertEqual(InputPage.pages(of: fixture).map(\.name), [fixture + "#1", fixture + "#2"])
        for (page, sample) in [(1, "phone-number.png"), (2, "notebook.png")] {
            let read = try Image(contentsOf: fixture, page: page, grayscale: true)
            let original = try Image(contentsOf: samples.appendingPathComponent(sample).path, grayscale: true)
            XCTAssertEqual([read.width, read.height], [original.width, original.height], "page \(page)")
            // ImageMagick's grey weighs the colours a little otherwise than OpenCV's.
            let difference = zip(read.pixels, original.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
            XCTAssertLessThan(Double(difference) / Double(read.pixels.count), 1.5, "page \(page) is \(sample)")
        }
        XCTAssertThrowsError(try Image(contentsOf: fixture, page: 3)) { error in
            XCTAssertTrue("\(error)".contains("two-page-scan.tif: page 3: no such page"), "\(error)")
        }
        // Any other file, or none, is one page, named as it is.
        let png = samples.appendingPathComponent("notebook.png").path
        XCTAssertEqual(Image.pageCount(ofFile: png), 1)
        XCTAssertEqual(InputPage.pages(of: png).map(\.name), [png])
        XCTAssertEqual(Image.pageCount(ofFile: "/no/such/file.tif"), 1)
    }

    /// A page OpenCV cannot decode (4 bits a pixel) is an error of its own: the pages after it
    /// are read, and the stack is not taken for one page (cv::imcount stops at such a page,
    /// and cv::imreadmulti fails for every page after it). Fixtures/stack-with-palette-page.tif:
    /// phone-number.png, then a 4-bit copy of it, then notebook.png, grey.
    func testAnUndecodablePageIsAnErrorOfItsOwn() throws {
        let stack = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("stack-with-palette-page.tif").path
        XCTAssertEqual(Image.pageCount(ofFile: stack), 3)
        XCTAssertEqual(try Image(contentsOf: stack, page: 1).width, 720)
        XCTAssertThrowsError(try Image(contentsOf: stack, page: 2)) { error in
            XCTAssertTrue("\(error)".contains("stack-with-palette-page.tif: page 2: not an image OpenCV can decode"), "\(error)")
        }
        let third = try Image(contentsOf: stack, page: 3, grayscale: true)
        XCTAssertEqual([third.width, third.height], [640, 480])
        // A pipe is never opened to count its pages: that look took its first bytes.
        XCTAssertEqual(Image.pageCount(ofFile: "/dev/stdin"), 1)
    }

    func testAPagesOutputsAreNamedForIt() {
        XCTAssertEqual(pagePath("out/scan.tif", page: 2), "out/scan-page2.tif")
        XCTAssertEqual(pagePath("out/scan.annotated.png", page: 10), "out/scan-page10.annotated.png")
        XCTAssertEqual(pagePath("scan", page: 1), "scan-page1")
        XCTAssertEqual(pagePath("out/scan.tif", page: nil), "out/scan.tif")
    }
}

/// An image sequence read as a video (`VideoCapture(path:)` with a "%03d" pattern): each frame
/// at its own size and depth, as the picture read alone.
final class ImageSequenceTests: XCTestCase {
    /// 16-bit grey frames come out scaled to 8 bits (they had been clipped to white, and read
    /// as nothing); a frame of another size comes out at its own size.
    func testFramesOfOtherDepthsAndSizesReadAsThePicturesAlone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-sequence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // 2x1 16-bit: 0x8080 (mid grey) and 0x0000; then 3x2 16-bit, all 0x4040.
        try PNGWriter.png(width: 2, height: 1, bitDepth: 16, colorType: 0, rows: [[0x80, 0x80, 0, 0]]).write(to: dir.appendingPathComponent("f000.png"))
        try PNGWriter.png(width: 3, height: 2, bitDepth: 16, colorType: 0, rows: Array(repeating: Array(repeating: 0x40, count: 6), count: 2))
            .write(to: dir.appendingPathComponent("f001.png"))
        let capture = try VideoCapture(path: dir.appendingPathComponent("f%03d.png").path)
        let first = try XCTUnwrap(try capture.read())
        XCTAssertEqual([first.width, first.height], [2, 1])
        XCTAssertEqual(try first.grayscale().pixels, [128, 0])
        let second = try XCTUnwrap(try capture.read())
        XCTAssertEqual([second.width, second.height], [3, 2])
        XCTAssertEqual(Set(try second.grayscale().pixels), [64])
        XCTAssertNil(try capture.read())
    }
}
