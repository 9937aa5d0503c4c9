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
            // A dark card above and right of the page, a second sheet in shade below the card.
            let photo = try deskPhoto(page: page, at: (210, 190), shapes: [(Box(x: 617, y: 10, width: 260, height: 175), 45),
                                                                            (Box(x: 617, y: 210, width: 250, height: 410), 170)])
            let digits = try recognizer.recognize(photo).digits
            let sheet = Box(x: 210, y: 190, width: 400, height: 450)
            let outside = digits.filter { $0.box.x < sheet.x || $0.box.y < sheet.y || $0.box.maxX > sheet.maxX || $0.box.maxY > sheet.maxY }
            XCTAssertEqual(outside.map { $0.label }, [Int](), "page \(index): digits read off the page")
            XCTAssertEqual(digits.count, truth.filter(\.isNumber).count, "page \(index)")
        }
    }

    /// A reviewer's phone photo of a squared sheet on a dark wooden desk, tilted and lit by a
    /// lamp (Fixtures/squared-sheet-edge-on-wood.jpg, 800x600, "3 2020 01 02" in a purple
    /// handwriting font): a thin piece of the sheet's right edge, the desk in shade beside it,
    /// read as a sure 1 at the end of the line ("3 2020 01 02 1"). Its side facing the desk
    /// goes on into it along 77% of its length.
    func testAPieceOfASheetsEdgeBesideADarkDeskIsNoOne() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("squared-sheet-edge-on-wood.jpg").path)).text
        XCTAssertEqual(read.filter(\.isNumber), "320200102")
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
            // The notebook's dark cover round both pages, the spine between, the right page blank.
            let photo = try deskPhoto(page: page, at: (127, 150), shapes: [(Box(x: 112, y: 137, width: 750, height: 495), 40),
                                                                            (Box(x: 492, y: 150, width: 364, height: 470), 233)])
            XCTAssertEqual(try recognizer.recognize(photo).text.filter(\.isNumber), truth.filter(\.isNumber))
        }
    }

    /// A 1000x750 grey photo of a desk with a little grain, `shapes` filled on it in order (a
    /// box and its grey), then `page` laid at `origin`.
    func deskPhoto(page: Image, at origin: (x: Int, y: Int), shapes: [(Box, UInt8)]) throws -> Image {
        let grey = try page.grayscale()
        let (w, h) = (1000, 750)
        var pixels = (0..<w * h).map { UInt8(104 + ($0 % w * 7 + $0 / w * 13) % 13) }
        for (box, value) in shapes {
            for y in box.y..<box.maxY { for x in box.x..<box.maxX { pixels[y * w + x] = value } }
        }
        for y in 0..<grey.height { for x in 0..<grey.width { pixels[(y + origin.y) * w + x + origin.x] = grey.pixels[y * grey.width + x] } }
        return try Image(width: w, height: h, channels: 1, pixels: pixels)
    }
}
