import DigitNet
import XCTest
@testable import DigitVision

/// Finding the sheet of paper in a photo (PageRectification.swift).
final class PageOutlineTests: XCTestCase {
    /// 400x300: a brighter quadrilateral region over 70% of the picture, its border `sharp`
    /// (a sheet against a desk) or a soft 40-pixel ramp (light falling on a page).
    func picture(sharp: Bool) throws -> Image {
        let (w, h) = (400, 300)
        var pixels = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                // Distance inside the region's border (a rectangle 40..360 x 30..270).
                let inside = Double(Swift.min(x - 40, 360 - x, y - 30, 270 - y))
                let t = sharp ? (inside >= 0 ? 1.0 : 0.0) : Swift.min(1, Swift.max(0, (inside + 20) / 40))
                pixels[y * w + x] = UInt8(70 + 80 * t)
            }
        }
        return try Image(width: w, height: h, channels: 1, pixels: pixels)
    }

    func testASheetIsFoundAndAPatchOfLightIsNot() throws {
        XCTAssertNotNil(try findPage(picture(sharp: true), parameters: PipelineParameters()), "a sheet on a desk")
        XCTAssertNil(try findPage(picture(sharp: false), parameters: PipelineParameters()), "light falling softly on a page")
    }

    func testThePageLeftLitByAHardShadowIsNoSheet() throws {
        // A page filling the 400x300 frame (150), its right 40% in a hand's hard shadow (70):
        // the lit part is a sharp-edged bright quadrilateral, but three of its sides are the frame.
        let (w, h) = (400, 300)
        let pixels = (0..<w * h).map { i -> UInt8 in i % w < 240 ? 150 : 70 }
        XCTAssertNil(try findPage(try Image(width: w, height: h, channels: 1, pixels: pixels), parameters: PipelineParameters()))
        // An L-shaped shadow over the top and the left: the lit part meets the frame on two sides.
        let lShadow = (0..<w * h).map { i -> UInt8 in i % w >= 120 && i / w >= 90 ? 150 : 70 }
        XCTAssertNil(try findPage(try Image(width: w, height: h, channels: 1, pixels: lShadow), parameters: PipelineParameters()))
        // A sheet running out of the frame on one side, or a close-up running out at the top
        // and bottom, is still a sheet; so is one with a strip of desk 3 pixels high above and
        // below it.
        let offTheTop = (0..<w * h).map { i -> UInt8 in (40..<360).contains(i % w) && i / w < 270 ? 150 : 70 }
        XCTAssertNotNil(try findPage(try Image(width: w, height: h, channels: 1, pixels: offTheTop), parameters: PipelineParameters()))
        let closeUp = (0..<w * h).map { i -> UInt8 in (40..<360).contains(i % w) ? 150 : 70 }
        XCTAssertNotNil(try findPage(try Image(width: w, height: h, channels: 1, pixels: closeUp), parameters: PipelineParameters()))
        let thinStrips = (0..<w * h).map { i -> UInt8 in (40..<360).contains(i % w) && (3..<297).contains(i / w) ? 150 : 70 }
        XCTAssertNotNil(try findPage(try Image(width: w, height: h, channels: 1, pixels: thinStrips), parameters: PipelineParameters()))
    }

    func testASheetsOutlineAFewPixelsOffItsEdgeIsSharpWithinTheTolerance() throws {
        // The sheet of `picture` runs 40..360 x 30..270; an outline 3 pixels outside it all round.
        let off = [Point(x: 37, y: 27), Point(x: 363, y: 27), Point(x: 363, y: 273), Point(x: 37, y: 273)]
        XCTAssertFalse(try hasSharpOutline(off, in: picture(sharp: true)))
        XCTAssertTrue(try hasSharpOutline(off, in: picture(sharp: true), tolerance: 4))
        // A patch of light's soft border stays soft, wherever along it the step is taken.
        let on = [Point(x: 40, y: 30), Point(x: 360, y: 30), Point(x: 360, y: 270), Point(x: 40, y: 270)]
        XCTAssertFalse(try hasSharpOutline(on, in: picture(sharp: false), tolerance: 4))
        XCTAssertFalse(try hasSharpOutline(off, in: picture(sharp: false), tolerance: 4))
    }

    func testALitWedgeOfASheetHasNoSheetsProportions() {
        // A page's lit part beyond a shadow's edge aslant (a photo on a dark desk, at half size):
        // its bottom side is a seventh of its top side.
        XCTAssertFalse(hasASheetsProportions([Point(x: 214, y: 212), Point(x: 440, y: 182), Point(x: 490, y: 624), Point(x: 457, y: 626)]))
        // A sheet photographed steeply: its far side 40% of its near side.
        XCTAssertTrue(hasASheetsProportions([Point(x: 300, y: 100), Point(x: 500, y: 100), Point(x: 650, y: 500), Point(x: 150, y: 500)]))
        XCTAssertTrue(hasASheetsProportions([Point(x: 40, y: 30), Point(x: 360, y: 30), Point(x: 360, y: 270), Point(x: 40, y: 270)]))
    }
}

/// The band a sheet's edge leaves against a darker desk (NonDigitShapes.swift, `isPageEdge`).
final class PageEdgeTests: XCTestCase {
    let (w, h) = (120, 100)

    /// A 120x100 ink map: paper (220) left of column 60, `right` grey from there on (the desk,
    /// or paper in a hard shadow), and the ink that `draw` sets in a blank binary picture.
    func inkMap(right: UInt8, draw: (inout [UInt8]) -> Void) -> InkMap {
        let paper = (0..<w * h).map { i -> UInt8 in i % w < 60 ? 220 : right }
        var binary = [UInt8](repeating: 0, count: w * h)
        draw(&binary)
        return InkMap(width: w, height: h, levels: binary, binary: binary, threshold: 0.5, paper: paper)
    }

    func testABandBetweenPaperAndDeskIsAnEdgeAndAStrokeOnPaperIsNot() {
        // Paper (220) left of column 60 and above row 70, desk (60) elsewhere.
        // The ink: the bands the background estimate leaves on the desk along both edges, and
        // a 1 on the paper.
        let paper = (0..<w * h).map { i -> UInt8 in (i % w < 60 && i / w < 70) ? 220 : 60 }
        let blank = [UInt8](repeating: 0, count: w * h)
        var binary = blank
        for i in binary.indices where (60..<64).contains(i % w) && i / w < 74 || (70..<74).contains(i / w) && i % w < 64 { binary[i] = 255 }
        for y in 10..<40 { for x in 25..<29 { binary[y * w + x] = 255 } }
        let ink = InkMap(width: w, height: h, levels: binary, binary: binary, threshold: 0.5, paper: paper)
        XCTAssertTrue(isPageEdge(Box(x: 60, y: 10, width: 4, height: 30), in: ink), "the desk side of the right edge")
        XCTAssertTrue(isPageEdge(Box(x: 10, y: 70, width: 30, height: 4), in: ink), "the desk side of the bottom edge")
        XCTAssertFalse(isPageEdge(Box(x: 25, y: 10, width: 4, height: 30), in: ink), "a 1 on the paper")
        XCTAssertFalse(isPageEdge(Box(x: 20, y: 20, width: 20, height: 30), in: ink), "a digit's box is not thin")
        let unknown = InkMap(width: w, height: h, levels: binary, binary: binary, threshold: 0.5)
        XCTAssertFalse(isPageEdge(Box(x: 60, y: 10, width: 4, height: 30), in: unknown), "no paper estimate, no judgement")
    }

    func testAThinDigitAcrossAShadowsEdgeIsNoEdge() {
        // Lit paper (220) left of column 60, paper in a hard shadow (90) from there on, and a
        // thin 7 (a bar on top, a slanted stem) whose box, 12x30, straddles the step.
        let ink = inkMap(right: 90) { binary in
            for x in 54..<66 { binary[20 * w + x] = 255; binary[21 * w + x] = 255 }
            for y in 22..<50 { let x = 64 - (y - 22) * 8 / 28; binary[y * w + x] = 255; binary[y * w + x + 1] = 255 }
        }
        XCTAssertFalse(isPageEdge(Box(x: 54, y: 20, width: 12, height: 30), in: ink))
    }

    func testAShortDashOfASheetsEdgeIsAnEdge() {
        // Paper (220) left of column 60, desk (60) from there on; the edge's band binarized into
        // dashes 3 pixels wide and 13 long, one of them a candidate on its own.
        let ink = inkMap(right: 60) { binary in
            for y in 0..<h where y % 17 < 13 { for x in 60...62 { binary[y * w + x] = 255 } }
        }
        XCTAssertTrue(isPageEdge(Box(x: 60, y: 34, width: 3, height: 13), in: ink))
    }

    func testADigitBesideTheSheetsEdgeIsNoEdgeButTheBandBeyondItIs() {
        // Paper (220) left of column 60, desk (60) from there on. The edge's band is ink in
        // columns 60–62; a "1" stands in columns 54–55, three pixels of paper from it. The
        // desk beyond the band has specks at random distances.
        let ink = inkMap(right: 60) { binary in
            for y in 0..<h { for x in 60...62 { binary[y * w + x] = 255 } }
            for y in 10..<40 { binary[y * w + 54] = 255; binary[y * w + 55] = 255 }
            var g = SeededGenerator(seed: 4)
            for y in 0..<h where g.next() % 3 == 0 { binary[y * w + 64 + Int(g.next() % 8)] = 255 }
        }
        XCTAssertFalse(isPageEdge(Box(x: 54, y: 10, width: 2, height: 30), in: ink), "the 1 has the edge's band beyond it")
        XCTAssertTrue(isPageEdge(Box(x: 60, y: 10, width: 3, height: 30), in: ink), "the band has only specks beyond it")
    }
}
