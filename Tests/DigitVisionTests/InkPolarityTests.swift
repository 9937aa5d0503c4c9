import DigitNet
import XCTest
@testable import DigitVision

/// Which way round the ink is (InkMap.swift): light marks on a darker ground are inverted
/// first, a dim photo of paper or a sheet on a dark desk is not.
final class InkPolarityTests: XCTestCase {
    let (w, h) = (400, 300)

    /// A ground shaded from `left` to `right` grey, with 2-pixel strokes `offset` levels off
    /// it (six rings and bars, a few digits' worth), and optionally a sheet of `sheet` grey.
    func picture(left: Int, right: Int, offset: Int, sheet: Int? = nil) throws -> Image {
        var pixels = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w { pixels[y * w + x] = UInt8(left + (right - left) * x / w) } }
        if let sheet { for y in 60..<240 { for x in 100..<300 { pixels[y * w + x] = UInt8(sheet) } } }
        for k in 0..<6 {
            let cx = 80 + 48 * k, cy = 150
            for y in (cy - 20)...(cy + 20) {
                for x in (cx - 14)...(cx + 14) {
                    let d = (Double((x - cx) * (x - cx)) / 144 + Double((y - cy) * (y - cy)) / 324).squareRoot()
                    let onStroke = k % 2 == 0 ? abs(d - 1) < 0.12 : abs(x - cx) <= 1
                    if onStroke { pixels[y * w + x] = UInt8(clamping: Int(pixels[y * w + x]) + offset) }
                }
            }
        }
        return try Image(width: w, height: h, channels: 1, pixels: pixels)
    }

    func testLightStrokesOnAShadedGreyGroundAreLightMarks() throws {
        // A board lit from one side: its own shading splits Otsu's histogram in two halves.
        XCTAssertTrue(try hasMostlyBrightMarks(try picture(left: 70, right: 150, offset: 70)))
        XCTAssertTrue(try isDarkBackground(try picture(left: 70, right: 150, offset: 70)))
        // The same strokes dark: ink on grey paper.
        XCTAssertFalse(try hasMostlyBrightMarks(try picture(left: 110, right: 190, offset: -70)))
    }

    func testASmallCropOfABoldZeroIsNotInverted() throws {
        // A 24-pixel crop of a bold 0 (a USPS digit enlarged): the paper inside it is no mark.
        var pixels = [UInt8](repeating: 235, count: 24 * 24)
        for y in 0..<24 { for x in 0..<24 {
            let d = ((Double(x) - 11.5) * (Double(x) - 11.5) / 81 + (Double(y) - 11.5) * (Double(y) - 11.5) / 121).squareRoot()
            if d > 0.55 && d < 1.05 { pixels[y * 24 + x] = 30 }
        } }
        XCTAssertFalse(try isDarkBackground(try Image(width: 24, height: 24, channels: 1, pixels: pixels)))
    }

    func testASheetOnADarkDeskIsNoLightMark() throws {
        // A light sheet with dark writing on a dark desk: its corners stand out from a median of
        // their surroundings, but they are part of the sheet.
        XCTAssertFalse(try hasMostlyBrightMarks(try picture(left: 50, right: 60, offset: -90, sheet: 200)))
        XCTAssertFalse(try isDarkBackground(try picture(left: 50, right: 60, offset: -90, sheet: 200)))
    }

    /// A real photo of writing, inverted: light strokes on a grey, shaded ground, as chalk on a
    /// board (before: not inverted, read "077011 2716" for 05221859).
    func testAPhotoOfLightWritingOnGreyIsRead() throws {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/bikz05_photo_1.jpg").path).grayscale()
        let negative = try Image(width: photo.width, height: photo.height, channels: 1, pixels: photo.pixels.map { 255 - $0 })
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        XCTAssertEqual(try recognizer.recognize(negative).text.filter(\.isNumber), "05221859")
    }
}
