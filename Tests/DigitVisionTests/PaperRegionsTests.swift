@testable import DigitVision
import Foundation
import XCTest

/// Paper on a darker desk that the sheet's outline search does not take, read as the paper
/// alone (PaperRegions.swift), and a slip whose corner touches the frame (PageRectification.swift).
extension PipelineTests {
    /// Four photos from a reviewer's generator (handwriting fonts in pencil, ballpoint and
    /// purple ink, on red, brown, black and wooden desks; Fixtures/): a slip running out of the
    /// frame at the top, one running out at the left in low light, one in a top corner, and a
    /// sheet with a corner out of the frame at the left over wood grain. None is a clean
    /// quadrilateral inside the frame, so none was taken as a sheet, and read as they stood
    /// they read "1 0 3", "8898", "83" and nothing: the desk set the threshold and the
    /// writing's size. Read as their paper alone, they read right.
    func testPaperThatIsNoCleanSheetIsReadAlone() throws {
        let recognizer = try recognizer()
        var misread = [String]()
        for (name, truth) in [("slip-at-the-top-edge-on-red-desk.jpg", "990"),
                              ("slip-running-out-left-in-low-light.jpg", "8597"),
                              ("slip-in-the-top-corner-on-black-desk.jpg", "69 489 7456"),
                              ("sheet-running-out-left-on-wood.jpg", "5876382")] {
            let photo = try Image(contentsOf: Fixtures.url(name).path)
            let result = try recognizer.recognize(photo)
            let read = result.text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(name) read as \"\(result.text)\"") }
            // Every box lies on the paper, in the photo's pixels: none was left in the crop's.
            let paper = try XCTUnwrap(paperRegion(try photo.grayscale(), parameters: PipelineParameters())).box
            for digit in result.digits where digit.box.x < paper.x || digit.box.y < paper.y || digit.box.maxX > paper.maxX || digit.box.maxY > paper.maxY {
                misread.append("\(name): a box off the paper \(paper), \(digit.box)")
            }
        }
        XCTAssertEqual(misread, [])
    }

    /// A slip a hundredth of a 3286x2464 photo of a red desk whose corner touches the bottom
    /// edge (Fixtures/, a reviewer's generator): under a 25th of the photo, a slip had to lie
    /// wholly inside the frame, and the photo read as nothing (the slip was a dark blob in its
    /// negative). A clean outline with no side along the frame is a slip: it is found and
    /// rectified.
    func testASlipWhoseCornerTouchesTheFrameIsFound() throws {
        let result = try recognizer().recognize(try Image(contentsOf: Fixtures.url("slip-touching-the-bottom-edge-on-red-desk.jpg").path))
        XCTAssertEqual(result.text, "26744")
        XCTAssertTrue(result.pageRectified)
    }
}

final class PaperRegionsTests: XCTestCase {
    /// A 640x480 desk of dark wavy grain (grey 40–90) with, when asked, a pool of lamp light
    /// (up to 1.6 times brighter) round (470, 240), and a bright sheet (225) turned 20°, its
    /// centre at (`centreX`, 240), 300x200. Its corners lie at (centreX + 175, 197),
    /// (centreX + 107, 385), (centreX − 107, 95) and (centreX − 175, 283).
    func desk(sheetCentreX centreX: Double?, lamp: Bool = false) throws -> Image {
        let (w, h) = (640, 480)
        var pixels = [UInt8](repeating: 0, count: w * h)
        let angle = 20.0 * .pi / 180
        for y in 0..<h {
            for x in 0..<w {
                let grain = 0.5 + 0.3 * sin(Double(x) / 9 + 3 * sin(Double(y) / 23))
                var value = 40 + 50 * grain
                if lamp { value *= 1 + 0.6 * exp(-(pow(Double(x) - 470, 2) + pow(Double(y) - 240, 2)) / (2 * 90 * 90)) }
                if let centreX {
                    let dx = Double(x) - centreX, dy = Double(y) - 240
                    let u = dx * cos(angle) + dy * sin(angle), v = -dx * sin(angle) + dy * cos(angle)
                    if abs(u) < 150, abs(v) < 100 { value = 225 }
                }
                pixels[y * w + x] = UInt8(Swift.min(255, value))
            }
        }
        return try Image(width: w, height: h, channels: 1, pixels: pixels)
    }

    /// A sheet with a corner out of the frame, its outline in the frame a pentagon (13, 95),
    /// (295, 197), (227, 385), (0, 303), (0, 131), which no quadrilateral fits, is found as
    /// paper: its box from the frame's left edge to its right corner, from its top corner to
    /// its bottom one.
    func testASheetWithACornerOutOfTheFrameIsPaper() throws {
        let patch = try XCTUnwrap(paperRegion(try desk(sheetCentreX: 120), parameters: PipelineParameters()))
        XCTAssertEqual(patch.box.x, 0, accuracy: 2)
        XCTAssertEqual(Double(patch.box.maxX), 295, accuracy: 8)
        XCTAssertEqual(Double(patch.box.y), 95, accuracy: 8)
        XCTAssertEqual(Double(patch.box.maxY), 385, accuracy: 8)
        // The mask is the sheet a little in from its rim: its centre is paper, the desk's
        // corner of the box (bottom right, beyond the turned sheet) is not.
        XCTAssertNotEqual(patch.paper[(240 - patch.box.y) * patch.box.width + 120], 0)
        XCTAssertEqual(patch.paper[(patch.box.height - 2) * patch.box.width + patch.box.width - 2], 0)
    }

    /// Of a sheet and a pool of lamp light on the desk, both brighter than what lies round
    /// them, the sheet is the paper: it stands out most.
    func testAPoolOfLampLightIsNoPaper() throws {
        let patch = try XCTUnwrap(paperRegion(try desk(sheetCentreX: 200, lamp: true), parameters: PipelineParameters()))
        XCTAssertLessThan(patch.box.maxX, 400, "the lamp's pool round x = 470 was taken: \(patch.box)")
    }

    /// A white sheet (230) on a yellow desk (BGR 90, 215, 235: grey 206, nine tenths as
    /// bright) is no paper on a darker desk in grey; in the picture's whiteness, its least
    /// channel (90 against 230), it is.
    func testWhitePaperOnAYellowDeskIsFoundInItsWhiteness() throws {
        let (w, h) = (640, 480)
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let onSheet = x >= 200 && x < 440 && y >= 150 && y < 330
                let bgr: [UInt8] = onSheet ? [230, 230, 230] : [90, 215, 235]
                for c in 0..<3 { pixels[(y * w + x) * 3 + c] = bgr[c] }
            }
        }
        let colour = try Image(width: w, height: h, channels: 3, pixels: pixels)
        XCTAssertNil(try paperRegion(try colour.grayscale(), parameters: PipelineParameters()))
        let patch = try XCTUnwrap(paperRegion(try colour.grayscale(), colour: colour, parameters: PipelineParameters()))
        XCTAssertEqual(Double(patch.box.x), 200, accuracy: 4)
        XCTAssertEqual(Double(patch.box.maxX), 440, accuracy: 4)
    }

    /// A desk alone holds no paper; nor does a page filling the frame, with dark writing.
    func testNoPaperOnABareDeskOrAFullPage() throws {
        XCTAssertNil(try paperRegion(try desk(sheetCentreX: nil), parameters: PipelineParameters()))
        var page = [UInt8](repeating: 230, count: 640 * 480)
        for y in 100..<380 { for x in stride(from: 80, to: 560, by: 40) { for dx in 0..<4 { page[y * 640 + x + dx] = 40 } } }
        XCTAssertNil(try paperRegion(try Image(width: 640, height: 480, channels: 1, pixels: page), parameters: PipelineParameters()))
    }

    /// The paper alone keeps the paper's pixels and paints the rest of its box the paper's
    /// median colour, channel by channel.
    func testPaperAloneHidesTheDesk() throws {
        var pixels = [UInt8](repeating: 0, count: 8 * 4 * 3)
        for i in 0..<32 { (pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]) = i % 8 < 4 ? (200, 190, 180) : (60, 40, 30) }
        pixels[3 * 9] = 20   // a stroke of ink on the paper stays
        let patch = PaperPatch(box: Box(x: 0, y: 0, width: 8, height: 4), paper: (0..<32).map { $0 % 8 < 4 ? 255 : 0 })
        let alone = try XCTUnwrap(paperAlone(try Image(width: 8, height: 4, channels: 3, pixels: pixels), patch: patch)).pixels
        for i in 0..<32 where i % 8 >= 4 { XCTAssertEqual(Array(alone[3 * i..<3 * i + 3]), [200, 190, 180]) }
        XCTAssertEqual(alone[3 * 9], 20)
        // A patch with no paper gives no picture: there is nothing to paint the desk with.
        XCTAssertNil(try paperAlone(try Image(width: 8, height: 4, channels: 3, pixels: pixels),
                                    patch: PaperPatch(box: patch.box, paper: [UInt8](repeating: 0, count: 32))))
    }

    /// A reading's boxes mapped into another picture's pixels: every digit's and number's box,
    /// the text and confidences as they were.
    func testAReadingsBoxesAreMappedIntoAnotherPicture() {
        let digit = RecognizedDigit(box: Box(x: 3, y: 4, width: 10, height: 20), label: 7, confidence: 0.9, top3: [])
        let part = RecognitionResult(width: 50, height: 40, skewDegrees: 2, pageRectified: false,
                                     lines: [RecognizedLine(text: "7", numbers: [RecognizedNumber(text: "7", box: digit.box, confidence: 0.9, digits: [digit])])])
        let whole = part.mappingBoxes { Box(x: $0.x + 100, y: $0.y + 200, width: $0.width, height: $0.height) }
        XCTAssertEqual(whole.digits.first?.box, Box(x: 103, y: 204, width: 10, height: 20))
        XCTAssertEqual(whole.lines.first?.numbers.first?.box, Box(x: 103, y: 204, width: 10, height: 20))
        XCTAssertEqual(whole.text, "7")
        XCTAssertEqual(whole.skewDegrees, 2)
    }

    /// The frame's edges a polygon's sides run along: none for a slip whose corner only
    /// touches the bottom edge; the bottom edge for a slip whose side lies on it; the left
    /// edge for a sheet cut off by it.
    func testTheFrameEdgesASideRunsAlong() {
        let cornerOnTheEdge = [Point(x: 100, y: 300), Point(x: 200, y: 280), Point(x: 220, y: 380), Point(x: 150, y: 399)]
        XCTAssertEqual(frameEdgesRunAlong(cornerOnTheEdge, width: 400, height: 400), [])
        let sideOnTheEdge = [Point(x: 100, y: 300), Point(x: 200, y: 280), Point(x: 220, y: 399), Point(x: 120, y: 399)]
        XCTAssertEqual(frameEdgesRunAlong(sideOnTheEdge, width: 400, height: 400), [3])
        XCTAssertEqual(frameEdgesRunAlong([Point(x: 0, y: 50), Point(x: 150, y: 40), Point(x: 160, y: 200), Point(x: 0, y: 210)], width: 400, height: 400), [0])
    }
}
