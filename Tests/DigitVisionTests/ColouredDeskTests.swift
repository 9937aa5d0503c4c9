@testable import DigitVision
import Foundation
import XCTest

/// A sheet on a light wooden desk as bright as the paper in grey levels, told apart by colour
/// (SheetOnAColouredDesk.swift).
extension PipelineTests {
    /// `sheet` at (`left`, `top`) on a 1600x1200 desk of light wood whose grain's bright
    /// streaks reach the paper's grey level (red up to 255, blue up to 170), under light that
    /// falls off toward the bottom left, as a room lamp's does.
    func sheetOnBrightWood(_ sheet: Image, left: Int, top: Int) throws -> Image {
        try sheetOnDesk(sheet, width: 1600, height: 1200, left: left, top: top, desk: { x, y in
            let grain = 40 * sin(Double(y) / 5 + 2 * sin(Double(x) / 70)) * (0.5 + 0.5 * sin(Double(y) / 41 + Double(x) / 300))
            return (130 + 0.8 * grain, 185 + grain, 225 + grain)
        }, light: { x, y in 1 - 0.25 * Swift.max(0, Double(y) / 1200 - Double(x) / 1600) })
    }

    /// In grey levels the wood's bright streaks join the sheet's region, no sheet is found, and
    /// the grain read as digits; the sheet's whiteness against the wood's colour finds it, and
    /// the pages read right (one digit each may be misread). A page that fills the frame, a
    /// shadow across it, is not cut down to its lit part (`liesOnAColouredDesk`).
    func testASheetOnWoodAsBrightAsPaperIsFoundByItsColour() throws {
        var synthesizer = try mnistTestPages(seed: 71)
        var style = PageSynthesizer.Style()
        (style.width, style.height, style.digitHeight, style.gridSpacing) = (1000, 760, 30, 24)
        style.paper = Color(red: 236, green: 234, blue: 226)
        style.ink = Color(red: 25, green: 30, blue: 110)
        let (sheet, _) = try synthesizer.render("2031 744|67606 4661", style: style)
        let photo = try sheetOnBrightWood(sheet, left: 300, top: 220)
        let parameters = PipelineParameters()
        XCTAssertNil(try findPage(try photo.grayscale(), parameters: parameters), "the grey picture alone finds the sheet: the photo no longer tests the colour")
        let page = try XCTUnwrap(try findPage(try photo.grayscale(), colour: { try PaperColour(photo, width: $0, height: $1) }, parameters: parameters),
                                 "no sheet found by its colour")
        assertCorners(page, near: [(300.0, 220.0), (1300.0, 220.0), (1300.0, 980.0), (300.0, 980.0)], accuracy: 8)
        let recognizer = try recognizer()
        var misread = [String]()
        for (index, text) in ["2031 744|67606 4661", "5984 800|414 0683", "29953 61|7688 530"].enumerated() {
            let (sheet, truth) = try synthesizer.render(text, style: style)
            let read = try recognizer.recognize(try sheetOnBrightWood(sheet, left: 250 + 60 * index, top: 180 + 40 * index))
            if !read.pageRectified || editDistance(truth, read.text) > 1 { misread.append("\(truth) read \"\(read.text)\" (sheet found: \(read.pageRectified))") }
        }
        XCTAssertEqual(misread, [])

        // A phone photo of a page filling the frame (real-dev's bikz05_photo_1), a hard shadow's
        // edge aslant across it as Benchmarks/camera_conditions.py casts one: its whiteness has
        // the lit part's outline, but no coloured desk lies round it.
        try Shared.require(Shared.realDev)
        let photo1 = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/bikz05_photo_1.jpg").path)
        let (w, h) = (photo1.width, photo1.height)
        let soft = Swift.max(0.8, 0.006 * hypot(Double(w), Double(h)))
        var shaded = photo1.pixels
        for y in 0..<h {
            let edge = (0.62 - 0.2 * Double(y) / Double(h)) * Double(w)
            for x in 0..<w {
                let inShadow: Double = Swift.min(1, Swift.max(0, (Double(x) - edge) / (2 * soft) + 0.5))
                let light: Double = 1 - 0.55 * inShadow
                for c in 0..<3 {
                    let i = (y * w + x) * 3 + c
                    shaded[i] = UInt8(Double(shaded[i]) * light)
                }
            }
        }
        let shadow = try Image(width: w, height: h, channels: 3, pixels: shaded)
        XCTAssertNil(try findPage(try shadow.grayscale(), colour: { try PaperColour(shadow, width: $0, height: $1) }, parameters: parameters),
                     "the lit part of a page in a shadow was taken for a sheet")
    }

    /// A pale yellow sheet (chroma 75) on orange wood (chroma 110–150), a fifth of the photo,
    /// a hand's shade biting into its bottom side (a reviewer's photo read as the grain's 2s and
    /// 1s): in grey levels the paper in the shade is barely lighter than the wood and the lit
    /// part is notched; in whiteness the sheet stands out whole, but the desk is not twice as
    /// coloured as the sheet, only far more (`liesOnAColouredDesk`). The page reads right (one
    /// MNIST digit may be misread).
    func testAPaleYellowSheetOnOrangeWoodWithAShadeBitingIntoItIsFound() throws {
        var synthesizer = try mnistTestPages(seed: 73)
        var style = PageSynthesizer.Style()
        (style.width, style.height, style.digitHeight) = (460, 345, 34)
        style.paper = Color(red: 253, green: 251, blue: 178)
        style.ink = Color(red: 25, green: 30, blue: 110)
        let (sheet, truth) = try synthesizer.render("4817 29|5063", style: style)
        let (left, top) = (270, 200)
        // The shade: a disc below the middle of the sheet's bottom side, biting 60 pixels into
        // it along 180, its rim soft (20 pixels).
        let beyondTheRim = { (x: Double, y: Double) in hypot(x - Double(left + 230), y - Double(top + 345 + 40)) - 100 }
        let photo = try sheetOnDesk(sheet, width: 1000, height: 750, left: left, top: top, desk: { x, y in
            let grain = 0.5 + 0.5 * sin(Double(y) / 7 + 3 * sin(Double(x) / 53))
            return (40 + 15 * grain, 105 + 30 * grain, 165 + 40 * grain)
        }, light: { x, y in 0.55 + 0.45 * Swift.max(0, Swift.min(1, beyondTheRim(Double(x), Double(y)) / 20)) })
        let read = try recognizer().recognize(photo)
        XCTAssertTrue(read.pageRectified, "no sheet found")
        XCTAssertLessThanOrEqual(editDistance(truth, read.text), 1, "\(truth) read \"\(read.text)\"")
    }

    /// A desk is coloured round a sheet when its chroma is 40 or more and twice the sheet's, or
    /// 40 more than the sheet's (a pale yellow sheet, 75, on orange wood, 125); not when the
    /// two are close (a page's lit part beside its own shaded paper).
    func testADeskFarMoreColouredThanTheSheetIsColoured() throws {
        let quad = [Point(x: 100, y: 75), Point(x: 300, y: 75), Point(x: 300, y: 225), Point(x: 100, y: 225)]
        func chroma(sheet: UInt8, desk: UInt8) throws -> Image {
            let pixels = (0..<400 * 300).map { i -> UInt8 in
                let (x, y) = (i % 400, i / 400)
                return x >= 100 && x <= 300 && y >= 75 && y <= 225 ? sheet : desk
            }
            return try Image(width: 400, height: 300, channels: 1, pixels: pixels)
        }
        XCTAssertTrue(liesOnAColouredDesk(quad, chroma: try chroma(sheet: 10, desk: 90)), "white paper on wood")
        XCTAssertTrue(liesOnAColouredDesk(quad, chroma: try chroma(sheet: 75, desk: 125)), "pale yellow paper on orange wood")
        XCTAssertFalse(liesOnAColouredDesk(quad, chroma: try chroma(sheet: 75, desk: 100)), "close colours")
        XCTAssertFalse(liesOnAColouredDesk(quad, chroma: try chroma(sheet: 0, desk: 30)), "a grey desk")
    }
}
