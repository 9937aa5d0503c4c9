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
        let expected = [(170.0, 130.0), (630.0, 130.0), (630.0, 470.0), (170.0, 470.0)]
        for (corner, truth) in zip(page.corners, expected) {
            XCTAssertEqual(corner.0, truth.0, accuracy: 8); XCTAssertEqual(corner.1, truth.1, accuracy: 8)
        }
        let misread = try misreadPages(["5083 1172|64 9021", "3319 4405|872 16", "90177|2568 334"], seed: 21, editsAllowed: 1,
                                       described: "on wood under falling light read as") { sheet, index in
            try sheetOnWoodUnderFallingLight(sheet, left: 150 + 25 * index, top: 120 + 15 * index, dimmest: 0.3 - 0.02 * Double(index))
        }
        XCTAssertEqual(misread, [])
    }
}
