@testable import DigitVision
import Foundation
import XCTest

/// Dark surfaces beside the paper: a dark card's corners are no digits (`isDarkSurface`,
/// NonDigitShapes.swift); a notebook's blank page beside the written one is not read alone.
extension PipelineTests {
    /// A page of MNIST test digits on a grey desk, beside a dark card and a second sheet in
    /// shade: the paper's estimate rounds the card's corners off and fills the corner where
    /// the sheets meet, and those wedges of "ink" read as doubtful 1s, 2s and 7s around the
    /// writing (the first page read "7 2 1 421 64 …", a reviewer's photo "2 1 4 2 7 64 …").
    /// Each one's outline runs on into the dark surface as dark over half its length; a
    /// stroke's outline nowhere does.
    func testTheCornersOfADarkCardBesideThePageAreNoDigits() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 8)
        for (index, text) in ["427 64 216|699 483", "5086 31|927 14", "3579|2468 10"].enumerated() {
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight) = (400, 450, 50)
            style.paper = Color(red: 226, green: 226, blue: 222)
            style.ink = Color(red: 30, green: 30, blue: 40)
            let (page, truth) = try synthesizer.render(text, style: style)
            let grey = try page.grayscale()
            let (w, h) = (1000, 750)
            var pixels = [UInt8](repeating: 0, count: w * h)
            for y in 0..<h {
                for x in 0..<w {
                    // A grey desk with a little grain, the page, a dark card above and right of
                    // it and a second sheet in shade below the card.
                    var value = UInt8(114 + (x * 7 + y * 13) % 13)
                    if x >= 617 && x < 877 && y >= 10 && y < 185 { value = 45 }
                    if x >= 617 && x < 867 && y >= 210 && y < 620 { value = 170 }
                    if x >= 210 && x < 610 && y >= 190 && y < 640 { value = grey.pixels[(y - 190) * 400 + (x - 210)] }
                    pixels[y * w + x] = value
                }
            }
            let photo = try Image(width: w, height: h, channels: 1, pixels: pixels)
            let digits = try recognizer.recognize(photo).digits
            let sheet = Box(x: 210, y: 190, width: 400, height: 450)
            let outside = digits.filter { $0.box.x < sheet.x || $0.box.y < sheet.y || $0.box.maxX > sheet.maxX || $0.box.maxY > sheet.maxY }
            XCTAssertEqual(outside.map { $0.label }, [Int](), "page \(index): digits read off the page")
            XCTAssertEqual(digits.count, truth.filter(\.isNumber).count, "page \(index)")
        }
    }

    /// An open notebook on a desk, written on its left page: the sheet found is the larger,
    /// blank right page, and rectified to it the photo read as nothing. A sheet found that
    /// holds no writing is not the one written on: the photo is read as it is.
    func testAnOpenNotebookWrittenOnOnePageIsRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 9)
        for text in ["6 995|1 28", "7 5 799|342 64"] {
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight) = (360, 470, 60)
            style.paper = Color(red: 235, green: 235, blue: 232)
            style.ink = Color(red: 25, green: 25, blue: 30)
            let (page, truth) = try synthesizer.render(text, style: style)
            let grey = try page.grayscale()
            let (w, h) = (1000, 750)
            var pixels = [UInt8](repeating: 0, count: w * h)
            for y in 0..<h {
                for x in 0..<w {
                    // The desk, the notebook's dark cover round both pages, the spine between.
                    var value = UInt8(104 + (x * 7 + y * 13) % 13)
                    if x >= 112 && x < 862 && y >= 137 && y < 632 { value = 40 }
                    if x >= 127 && x < 487 && y >= 150 && y < 620 { value = grey.pixels[(y - 150) * 360 + (x - 127)] }
                    if x >= 492 && x < 856 && y >= 150 && y < 620 { value = 233 }
                    pixels[y * w + x] = value
                }
            }
            let photo = try Image(width: w, height: h, channels: 1, pixels: pixels)
            XCTAssertEqual(try recognizer.recognize(photo).text.filter(\.isNumber), truth.filter(\.isNumber))
        }
    }
}
