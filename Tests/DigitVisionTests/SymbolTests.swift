import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// Marks written beside numbers that are no digit.
extension PipelineTests {
    /// A pen mark drawn in the gap between two numbers of MNIST test digits: where the mark goes
    /// and how large it may be.
    struct MarkPlace {
        /// The middle of the gap, at the numbers' mid-height.
        var centre: Point
        /// Half the mark's width: `1/spanDivisor` of the digit height, clear of the digits beside it.
        var half: Int
        var pen: Int
        var digitHeight: Int
        var ink: Color
        /// Which of the texts this is.
        var index: Int
    }

    /// The texts (two numbers each) rendered in turn, digits 48 and 40 pixels high, read; a mark
    /// drawn between the two numbers found (`draw`); read again. The texts read otherwise with
    /// the mark than without it, named with `sign`.
    func misreadWithAMarkBetween(_ texts: [String], seed: UInt64, sign: String, spanDivisor: Int,
                                 draw: (Image, MarkPlace) throws -> Void) throws -> [String] {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: seed)
        var misread = [String]()
        for (index, text) in texts.enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index % 2 == 0 ? 48 : 40
            let (image, truth) = try synthesizer.render(text, style: style)
            let boxes = try recognizer.recognize(image).lines.flatMap(\.numbers).map(\.box).sorted { $0.x < $1.x }
            guard boxes.count == 2 else { misread.append("\(text) without the sign"); continue }
            let h = style.digitHeight, pen = Swift.max(2, h / 14)
            let centre = Point(x: (boxes[0].maxX + boxes[1].x) / 2, y: boxes[0].y + boxes[0].height / 2)
            let half = Swift.min(h / spanDivisor, (boxes[1].x - boxes[0].maxX) / 2 - pen - 2)
            try draw(image, MarkPlace(centre: centre, half: half, pen: pen, digitHeight: h, ink: style.ink, index: index))
            let read = try recognizer.recognize(image).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(text) with \(sign) read as \(read)") }
        }
        return misread
    }

    /// MNIST test digits with an equals sign drawn with the pen between two numbers. Its two
    /// bars merge into one candidate, read as a 2 (or, with a model trained on such marks, cut
    /// into halves read as a 2 and a 5) until two dashes one above the other were taken for
    /// what they are (`isEqualsSign`).
    func testAnEqualsSignBetweenNumbersIsNoDigit() throws {
        // Two pen strokes in the gap, at most half a digit wide.
        let misread = try misreadWithAMarkBetween(["36 41", "15 15", "7 70", "804 804"], seed: 12, sign: "=", spanDivisor: 4) { image, at in
            for dy in [-at.digitHeight / 9, at.digitHeight / 9] {
                try image.drawLine(from: Point(x: at.centre.x - at.half, y: at.centre.y + dy), to: Point(x: at.centre.x + at.half, y: at.centre.y + dy),
                                   color: at.ink, thickness: at.pen)
            }
        }
        XCTAssertEqual(misread, [])
    }

    /// MNIST test digits with a pen "+" between two numbers ("36 + 41"), some drawn a little
    /// aslant: a "+" read as a 4 ("36 441") until two crossing bars were taken for what they
    /// are (`isPlusSign`).
    func testAPlusSignBetweenNumbersIsNoDigit() throws {
        // About 0.6 of the digits' ink (MNIST's 20 of 28 pixels) across, pen included.
        let misread = try misreadWithAMarkBetween(["36 41", "15 15", "7 70", "804 804", "2 9", "58 63"], seed: 13, sign: "+", spanDivisor: 6) { image, at in
            let (c, half) = (at.centre, at.half), aslant = at.index % 3 == 2 ? at.half / 6 : 0
            try image.drawLine(from: Point(x: c.x - half, y: c.y + aslant), to: Point(x: c.x + half, y: c.y - aslant), color: at.ink, thickness: at.pen)
            try image.drawLine(from: Point(x: c.x - aslant, y: c.y - half), to: Point(x: c.x + aslant, y: c.y + half), color: at.ink, thickness: at.pen)
        }
        XCTAssertEqual(misread, [])
    }

    /// Generated cheque amounts (a reviewer's: MNIST test digits on guilloche) with a printed
    /// bold "$" before them, one in a box (Fixtures/cheque-printed-dollar*.jpg): the "$" read
    /// as a 5 at 0.92–0.97 ("5 32733", "5 3 298 48") until an S crossed by a bar was taken for
    /// what it is (`isDollarSign`).
    func testAPrintedDollarSignBeforeAChequesAmountIsNoDigit() throws {
        let fixtures = Fixtures.folder
        // The third, small and blurred ("$ 947.00", 169x45), read "594700" until the tip of a
        // stub would do at one end.
        // The fourth, a serif "$" whose bar stands off the S's middle ("$ 8610-", 101x37), read
        // "58610" until the S was looked at beside the bar whatever the rows on the bar hold.
        for (name, truth) in [("cheque-printed-dollar-boxed.jpg", "32733"), ("cheque-printed-dollar.jpg", "329848"),
                              ("cheque-small-blurred-dollar.jpg", "94700"), ("cheque-serif-dollar.jpg", "8610")] {
            let read = try recognizer().recognize(try Image(contentsOf: fixtures.appendingPathComponent(name).path)).text
            XCTAssertEqual(read.filter(\.isNumber), truth, name)
        }
    }

    /// Generated cheque amounts with a handwritten "$" as tall as the digits (a helper's
    /// generator): "$29.797" in a handwriting font (116x36) read "829797", "$9.820.-" in MNIST
    /// digits (143x39) "89820". A written "$" leans its bar and tapers its ends, which the
    /// printed sign's stubs did not allow (`isDollarSign`).
    func testAHandwrittenDollarSignBeforeAChequesAmountIsNoDigit() throws {
        for (name, truth) in [("cheque-handwritten-dollar-29797.jpg", "29797"), ("cheque-handwritten-dollar-9820.jpg", "9820")] {
            let read = try recognizer().recognize(try Image(contentsOf: Fixtures.folder.appendingPathComponent(name).path)).text
            XCTAssertEqual(read.filter(\.isNumber), truth, name)
        }
    }
}
