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
}
