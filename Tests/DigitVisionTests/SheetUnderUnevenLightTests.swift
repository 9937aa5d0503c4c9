@testable import DigitVision
import Foundation
import XCTest

/// A sheet on a light wooden desk under light that falls off across the photo
/// (SheetUnderUnevenLight.swift).
extension PipelineTests {
    /// `sheet` at (`left`, `top`) on an 800x600 desk of light wood (streaks of grain from 155
    /// to 215 in red), the light falling from full at the left edge to `dimmest` at the right
    /// (a lamp to the left): the sheet's dim side is darker than the wood's lit streaks.
    func sheetOnWoodUnderFallingLight(_ sheet: Image, left: Int, top: Int, dimmest: Double = 0.3) throws -> Image {
        try sheetOnDesk(sheet, width: 800, height: 600, left: left, top: top, desk: { x, y in
            let grain = 30 * sin(Double(y) / 3 + 1.5 * sin(Double(x) / 40)) * (0.6 + 0.4 * sin(Double(y) / 23))
            return (185 + grain, 145 + grain, 105 + grain * 0.7)
        }, light: { x, _ in 1 - (1 - dimmest) * Double(x) / 799 })
    }

    /// The photo's one Otsu level cuts the sheet's dim side off and takes the wood's lit
    /// streaks in, so no sheet was found and the grain read as digits; the level that follows
    /// the light finds it, and the pages read right (one digit each may be misread).
    func testASheetOnWoodUnderFallingLightIsFoundAndRead() throws {
        var synthesizer = try mnistTestPages(seed: 21)
        let (sheet, _) = try sheetInBlueInk("5083 1172|64 9021", &synthesizer)
        let photo = try sheetOnWoodUnderFallingLight(sheet, left: 170, top: 130)
        // The one level alone finds no sheet here: this is the case the second look is for.
        let gray = try photo.grayscale()
        let small = try gray.shrunk(by: 2)
        let blurred = try small.gaussianBlurred(kernelSize: 5)
        let parameters = PipelineParameters()
        XCTAssertNil(try sheetQuad(try blurred.otsuThreshold(invert: false).image, blurred: blurred, small: small, opening: 5, parameters: parameters))
        let page = try XCTUnwrap(try findPage(gray, parameters: parameters), "no sheet found under falling light")
        assertCorners(page, near: [(170.0, 130.0), (630.0, 130.0), (630.0, 470.0), (170.0, 470.0)], accuracy: 8)
        let misread = try misreadPages(["5083 1172|64 9021", "3319 4405|872 16", "90177|2568 334"], seed: 21, editsAllowed: 1,
                                       described: "on wood under falling light read as") { sheet, index in
            try sheetOnWoodUnderFallingLight(sheet, left: 150 + 25 * index, top: 120 + 15 * index, dimmest: 0.3 - 0.02 * Double(index))
        }
        XCTAssertEqual(misread, [])
    }

    /// A cream ruled sheet (`left`, `top`, 620x450, grey about 206) on an 800x600 grey desk
    /// (180, a faint grain), the light falling from full at the left edge to 0.7 at the right: the
    /// sheet's far side is darker than the desk's near side, and paper and desk stand only 18–26
    /// grey levels apart in most tiles of the grid.
    func creamSheetOnAGreyDeskUnderALamp(_ text: String, _ synthesizer: inout PageSynthesizer, left: Int = 90, top: Int = 70) throws -> (Image, String) {
        try ruledSheetOnAGreyDesk(text, &synthesizer, width: 620, height: 450, digitHeight: 34, paper: Color(red: 215, green: 208, blue: 185),
                                  deskGrey: 180, left: left, top: top) { x, _ in 1 - 0.3 * Double(x) / 799 }
    }

    /// `text` in blue ink on a ruled `width`x`height` sheet of `paper`, at (`left`, `top`) on an
    /// 800x600 desk of `deskGrey` with a faint grain, the whole photo lit by `light`.
    func ruledSheetOnAGreyDesk(_ text: String, _ synthesizer: inout PageSynthesizer, width: Int, height: Int, digitHeight: Int,
                               paper: Color, deskGrey: Double, left: Int, top: Int, light: (Int, Int) -> Double) throws -> (Image, String) {
        var style = PageSynthesizer.Style()
        (style.width, style.height, style.digitHeight) = (width, height, digitHeight)
        style.paper = paper
        style.ink = Color(red: 25, green: 30, blue: 110)
        style.ruledLines = true
        let (sheet, truth) = try synthesizer.render(text, style: style)
        let photo = try sheetOnDesk(sheet, width: 800, height: 600, left: left, top: top, desk: { x, y in
            let grain = 6 * sin(Double(x) / 7 + 2 * sin(Double(y) / 19))
            return (deskGrey + grain, deskGrey + grain, deskGrey + grain)
        }, light: light)
        return (photo, truth)
    }

    /// The level that follows the light, from tiles whose paper and desk stand 25 grey levels
    /// apart, finds no sheet; counting the tiles 18 apart too, the outline is found, snapped to
    /// the sheet's edges, and the pages read right (one digit each may be misread).
    func testACreamSheetOnAGreyDeskUnderALampIsFoundByItsFainterEdges() throws {
        var synthesizer = try mnistTestPages(seed: 23)
        let (photo, _) = try creamSheetOnAGreyDeskUnderALamp("5083 1172|64 9021|337", &synthesizer)
        let gray = try photo.grayscale()
        var parameters = PipelineParameters()
        parameters.faintUnevenLightStep = parameters.unevenLightStep
        XCTAssertNil(try findPage(gray, fromTheFrame: false, parameters: parameters),
                     "the 25-level look alone found the sheet: the photo no longer tests the fainter look")
        let page = try XCTUnwrap(try findPage(gray, fromTheFrame: false, parameters: PipelineParameters()), "no sheet found with the fainter edges")
        assertCorners(page, near: [(90.0, 70.0), (709.0, 70.0), (709.0, 519.0), (90.0, 519.0)], accuracy: 6)
        XCTAssertEqual(try misreadPhotos(["5083 1172|64 9021|337", "3319 4405|872 16", "90177|2568 334|61"]) { text, index in
            try creamSheetOnAGreyDeskUnderALamp(text, &synthesizer, left: 80 + 10 * index, top: 60 + 10 * index)
        }, [])
    }

    /// A rough outline with a corner cut off (as a level that leaves the dim paper there out
    /// gives one) is moved onto the sheet's edges, with ruled lines across the sheet that a
    /// side must not be drawn to; an outline of a patch of blank paper has no edges to snap to.
    func testARoughOutlineIsSnappedToTheSheetsEdges() throws {
        let (w, h) = (400, 300)
        var pixels = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let onSheet = x >= 60 && x < 340 && y >= 50 && y < 250
                let rule = onSheet && y < 240 && (y - 50) % 14 == 13
                pixels[y * w + x] = UInt8(Double(onSheet ? (rule ? 90 : 205) : 170) * (1 - 0.3 * Double(x) / 399))
            }
        }
        let blurred = try Image(width: w, height: h, channels: 1, pixels: pixels).gaussianBlurred(kernelSize: 5)
        let rough = [Point(x: 60, y: 50), Point(x: 60, y: 249), Point(x: 339, y: 249), Point(x: 339, y: 75)]
        // The top side runs from the top-left corner to 25 pixels down the right side.
        let snapped = try XCTUnwrap(snappedToTheSheetsEdges(rough, in: blurred), "the rough outline was not snapped")
        for (corner, truth) in zip(snapped, [(60, 50), (60, 249), (339, 249), (339, 50)]) {
            XCTAssertEqual(Double(corner.x), Double(truth.0), accuracy: 2); XCTAssertEqual(Double(corner.y), Double(truth.1), accuracy: 2)
        }
        XCTAssertLessThan(weakestSideStep(rough, in: blurred), 12)
        XCTAssertGreaterThanOrEqual(weakestSideStep(snapped, in: blurred), 12)
        let blank = [Point(x: 150, y: 100), Point(x: 150, y: 200), Point(x: 250, y: 200), Point(x: 250, y: 100)]
        XCTAssertNil(snappedToTheSheetsEdges(blank, in: try Image(width: w, height: h, channels: 1, pixels: [UInt8](repeating: 205, count: w * h))))
    }
}

/// A sheet whose paper is mottled and falls into shade toward one corner: the bright region's
/// edge there is ragged, and its outline draws the corner in along a side through the paper.
extension PipelineTests {
    /// `sheet` (white paper) at (`left`, `top`) on an 800x600 grey desk (200), the light
    /// mottled by 5% in blotches a dozen pixels across and falling to 0.88 toward the sheet's
    /// top-left corner, within a quarter of its diagonal.
    func mottledSheetShadedAtACorner(_ sheet: Image, left: Int, top: Int) throws -> Image {
        let diagonal = hypot(Double(sheet.width), Double(sheet.height))
        return try sheetOnDesk(sheet, width: 800, height: 600, left: left, top: top, desk: { _, _ in (200, 200, 200) }, light: { x, y in
            let fromTheCorner = hypot(Double(x - left), Double(y - top)) / diagonal
            let blotches = sin(Double(x) / 9 + 2 * sin(Double(y) / 13)) * sin(Double(y) / 11 + 1.7 * sin(Double(x) / 17))
            return (0.88 + 0.12 * Swift.min(1, 4 * fromTheCorner)) * (1 + 0.05 * blotches)
        })
    }

    /// The photo's one Otsu level finds the sheet with its shaded corner drawn 40-odd pixels
    /// in, the top side running through the paper (it held a reviewer's heading, read "263" as
    /// "5"); that side is moved onto the sheet's edge, and the pages read right.
    func testASideThroughTheMottledPaperOfAShadedCornerIsMovedOntoTheEdge() throws {
        var synthesizer = try mnistTestPages(seed: 29)
        var style = PageSynthesizer.Style()
        (style.width, style.height, style.digitHeight) = (480, 460, 40)
        style.paper = Color(red: 236, green: 236, blue: 236)
        style.ink = Color(red: 25, green: 30, blue: 110)
        let (sheet, _) = try synthesizer.render("5083 1172|64 9021", style: style)
        let photo = try mottledSheetShadedAtACorner(sheet, left: 150, top: 70)
        let gray = try photo.grayscale()
        let small = try gray.shrunk(by: 2)
        let blurred = try small.gaussianBlurred(kernelSize: 5)
        let rough = try XCTUnwrap(try sheetQuad(try blurred.otsuThreshold(invert: false).image, blurred: blurred, small: small, opening: 5,
                                                parameters: PipelineParameters()), "the one level found no sheet: the photo no longer tests this")
        let steps = medianStepsAcrossSides(rough, in: small).sorted()
        XCTAssertLessThan(steps[0], 0.5 * steps[3], "no side of the outline runs through the paper: \(rough), steps \(steps)")
        let page = try XCTUnwrap(try findPage(gray, parameters: PipelineParameters()), "no sheet found")
        assertCorners(page, near: [(150.0, 70.0), (629.0, 70.0), (629.0, 529.0), (150.0, 529.0)], accuracy: 8)
        XCTAssertEqual(try misreadPhotos(["5083 1172|64 9021", "3319 4405|872 16", "90177|2568 334"]) { text, index in
            let (sheet, truth) = try synthesizer.render(text, style: style)
            return (try mottledSheetShadedAtACorner(sheet, left: 140 + 10 * index, top: 60 + 8 * index), truth)
        }, [])
    }
}
