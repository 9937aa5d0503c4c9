@testable import DigitVision
import Foundation
import XCTest

/// A page filling most of the frame under light falling from the bottom of the photo to its
/// top (SheetFillingTheFrame.swift).
extension PipelineTests {
    /// A ruled sheet (`left`, `top`, 764x572, paper 220) on an 800x600 grey desk (190, a faint
    /// grain), lit at 0.5 along the photo's top and 1.2 along its bottom: the desk below the
    /// sheet is brighter than the paper at its top, and the desk's bands round the sheet (12–20
    /// pixels) are too thin for the tiles of the light-following look.
    func pageFillingTheFrameUnderFallingLight(_ text: String, _ synthesizer: inout PageSynthesizer, left: Int = 18,
                                              top: Int = 14) throws -> (Image, String) {
        try ruledSheetOnAGreyDesk(text, &synthesizer, width: 764, height: 572, digitHeight: 30, paper: Color(red: 220, green: 220, blue: 220),
                                  deskGrey: 190, left: left, top: top) { _, y in 0.5 + 0.7 * Double(y) / 599 }
    }

    /// No level finds the sheet; its sides, looked for from the frame's, do, and the pages read
    /// right (one digit each may be misread). A page with no desk round it has no such sides.
    func testAPageFillingTheFrameUnderFallingLightIsFoundFromTheFrame() throws {
        var synthesizer = try mnistTestPages(seed: 29)
        let (photo, _) = try pageFillingTheFrameUnderFallingLight("6021 337|4058", &synthesizer)
        let gray = try photo.grayscale()
        XCTAssertNil(try findPage(gray, fromTheFrame: false, parameters: PipelineParameters()),
                     "a level found the sheet: the photo no longer tests the look from the frame")
        let page = try XCTUnwrap(try findPage(gray, parameters: PipelineParameters()), "no sheet found from the frame")
        assertCorners(page, near: [(18.0, 14.0), (781.0, 14.0), (781.0, 585.0), (18.0, 585.0)], accuracy: 6)
        XCTAssertEqual(try misreadPhotos(["6021 337|4058", "9174 25|3306 81", "48 5529|107"]) { text, index in
            try pageFillingTheFrameUnderFallingLight(text, &synthesizer, left: 16 + 2 * index, top: 12 + 2 * index)
        }, [])

        var style = PageSynthesizer.Style()
        (style.width, style.height, style.ruledLines) = (800, 600, true)
        let (wholePage, _) = try synthesizer.render("5083 1172|64 9021", style: style)
        XCTAssertNil(try findPage(try wholePage.grayscale(), parameters: PipelineParameters()), "a sheet found in a page that fills the frame")
    }
}
