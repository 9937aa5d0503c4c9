import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// Whole pages of rules or grid where every digit is joined to a line, so that no component
/// but the lines themselves is left to measure the digits by (Segmentation.swift).
extension PipelineTests {
    /// One MNIST test digit on a flat scan of a notebook page ruled to its edges, a rule
    /// crossing the digit's lower part (a 9 sitting on its line). Every component is a rule;
    /// the digits' height was measured as the rules' thickness, and the lines erased by that
    /// height took the digit with them: nothing was read.
    func testALoneDigitOnARuleOfAFullyRuledPageIsRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 19)
        var misread = [String]()
        for label in 0...9 {
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight) = (800, 1000, 40)
            style.paper = Color(red: 246, green: 246, blue: 244)
            style.ink = Color(red: 40, green: 40, blue: 45)
            let (page, truth) = try synthesizer.render("\(label)", style: style)
            let ruled = try ruledToItsEdges(page, crossingInkAt: 0.8, spacing: 46, thickness: 2)
            let read = try recognizer.recognize(ruled).text
            if read != truth { misread.append("\(truth) read as \"\(read)\"") }
        }
        XCTAssertEqual(misread, [])
    }

    /// A flat scan of squared paper (Fixtures/squared-paper-broken-grid.jpg, a reviewer's: MNIST
    /// test digits 27 pixels tall written across a pale grid 31 pixels apart): every digit is
    /// joined to the grid, and the grid binarizes broken near the frame, so pieces of it cut off
    /// at the edges (60 and 8 pixels tall) were the only components left to measure. The digits'
    /// height came out at 8 pixels, the lines erased by it took most of the digits with them, and
    /// "7 1 6042 295 3" read "7 1 5 1 114 07 6". Every digit must be found, and all but its open
    /// 4 (read as a 6) read.
    func testDigitsJoinedToAGridBrokenAtTheFrameAreRead() throws {
        let fixture = Fixtures.url("squared-paper-broken-grid.jpg")
        let result = try recognizer().recognize(try Image(contentsOf: fixture.path))
        let digits = result.lines.flatMap(\.numbers).flatMap(\.digits)
        let truth = "7 1 6042 295 3".filter(\.isNumber)
        XCTAssertEqual(digits.count, truth.count, "digits found in \"\(result.text)\"")
        XCTAssertGreaterThanOrEqual(zip(digits.map { "\($0.label)" }.joined(), truth).filter { $0 == $1 }.count, truth.count - 1, "read \"\(result.text)\"")
        XCTAssertEqual(result.lines.count, 3, "read \"\(result.text)\"")
    }

    /// A whole ruled page photographed at 3000x2250 with a few numbers written small on it
    /// (digits 20 and 24 pixels tall, dark ink; MNIST test digits). The page's pale rules far
    /// outnumber the writing's pixels and pulled Otsu's split down to them; the least ink
    /// contrast then cut the writing at its blurred rim, its strokes ran into blobs, and whole
    /// numbers were lost ("0 013 5 8 0 7 01 171 0 34 8" for "0 013 5423 0 9281 171 8004 8").
    /// The same pages without rules read well: the ruled ones must read as well, within two
    /// edits over all four. Both are read at their own size at most (`maximumFinerSide` 3000):
    /// enlarged past it, only the plain ones are read again (`InkMap.holdsFaintMarks`).
    func testSmallDigitsOnAWholeRuledPageReadAsOnPlainPaper() throws {
        var parameters = PipelineParameters()
        parameters.maximumFinerSide = 3000
        let recognizer = DigitRecognizer(classifier: try recognizer().classifier, parameters: parameters)
        let text = "0 013 5423|0|5281 171 8004 8"
        var edits = (plain: 0, ruled: 0)
        var readings = [String]()
        for (digitHeight, seed) in [(20, 105), (24, 105), (20, 107), (24, 107)] as [(Int, UInt64)] {
            for ruled in [false, true] {
                var synthesizer = try mnistTestPages(seed: seed)
                var style = PageSynthesizer.Style()
                (style.width, style.height, style.digitHeight, style.tiltDegrees) = (3000, 2250, digitHeight, -0.7)
                (style.noise, style.blurSigma, style.ruledLines) = (5, 0.3, ruled)
                style.ink = Color(red: 25, green: 25, blue: 30)
                let (page, truth) = try synthesizer.render(text, style: style)
                let read = try recognizer.recognize(page).text
                let distance = editDistance(truth.filter(\.isNumber), read.filter(\.isNumber))
                if ruled { edits.ruled += distance } else { edits.plain += distance }
                readings.append("\(ruled ? "ruled" : "plain") h\(digitHeight) seed \(seed): \(read)")
            }
        }
        XCTAssertLessThanOrEqual(edits.ruled, edits.plain + 2, readings.joined(separator: "\n"))
    }

    /// `page` with level rules printed across it from edge to edge, `spacing` pixels apart and
    /// `thickness` thick, grey-blue, one of them through the ink at `crossingInkAt` of its
    /// height from the top. The ink stays darker where a rule crosses it.
    func ruledToItsEdges(_ page: Image, crossingInkAt fraction: Double, spacing: Int, thickness: Int) throws -> Image {
        let (w, h, channels) = (page.width, page.height, page.channels)
        var pixels = page.pixels
        let inkRows = (0..<h).filter { y in (0..<w).contains { x in pixels[(y * w + x) * channels] < 128 } }
        let (top, bottom) = (inkRows.min() ?? 0, inkRows.max() ?? 0)
        let crossing = top + Int(fraction * Double(bottom - top))
        let rule: [UInt8] = [205, 185, 170]   // BGR: a pale blue-grey
        for y in 0..<h where ((y - crossing) % spacing + spacing) % spacing < thickness {
            for x in 0..<w { for c in 0..<channels { pixels[(y * w + x) * channels + c] = Swift.min(pixels[(y * w + x) * channels + c], rule[c]) } }
        }
        return try Image(width: w, height: h, channels: channels, pixels: pixels)
    }
}
