import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// A form's comb field: digits written one a cell over a rule with a short tick between
/// every two cells ("|_|_|_|").
extension PipelineTests {
    /// MNIST test digits one a cell of a comb drawn under them, printed as bold as the writing,
    /// ticks half the digits' height. Once the rule was erased, each tick stood alone and was
    /// read as a 1 ("0143" read "10 11 14 13 1"). (Ticks far thinner than the writing go as
    /// thin leftovers of an erased line; a tick touching a digit is still read with it.)
    func testTheTicksOfACombFieldAreNoDigits() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 6)
        var misread = [String]()
        for (index, text) in ["0 1 4 3", "2 7 9 6 5", "3 9 5 2 1"].enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index == 1 ? 56 : 44
            let (image, truth) = try synthesizer.render(text, style: style)
            let plain = try recognizer.recognize(image)
            XCTAssertEqual(plain.text.filter(\.isNumber), truth.filter(\.isNumber), "\(text) as drawn")
            let boxes = plain.lines.flatMap(\.numbers).flatMap(\.digits).map(\.box).sorted { $0.x < $1.x }
            guard let first = boxes.first, let last = boxes.last else { continue }
            // The rule 4 pixels under the lowest digit; a tick at each end and midway between
            // every two digits.
            let rule = boxes.map(\.maxY).max()! + 4, tick = style.digitHeight / 2, bold = style.digitHeight / 11
            let line = Color(red: 70, green: 70, blue: 70)
            try image.drawLine(from: Point(x: first.x - 8, y: rule), to: Point(x: last.maxX + 8, y: rule), color: line, thickness: bold)
            let ticks = [first.x - 8] + zip(boxes, boxes.dropFirst()).map { ($0.maxX + $1.x) / 2 } + [last.maxX + 8]
            for x in ticks { try image.drawLine(from: Point(x: x, y: rule), to: Point(x: x, y: rule - tick), color: line, thickness: bold) }
            let read = try recognizer.recognize(image).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(text) in a comb read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }

    /// Dates written in comb fields, the day's and month's combs of two cells each: their rules
    /// under two digits' heights long, shorter than a rule must be (Fixtures/comb-date-pencil.jpg,
    /// a reviewer's generated form crop, "01 10 2005" in pencil, 225x36;
    /// comb-date-blue.jpg, "21 11 1992" in blue, 237x44). Left whole, each short comb joined its
    /// two digits and ticks into one piece: read "44 66 2005" and "26 412 1992".
    func testTwoCellCombsAreErased() throws {
        let recognizer = try recognizer()
        for (file, truth) in [("comb-date-pencil.jpg", "01102005"), ("comb-date-blue.jpg", "21111992")] {
            let read = try recognizer.recognize(try Image(contentsOf: Fixtures.url(file).path)).text
            XCTAssertEqual(read.filter(\.isNumber), truth, file)
        }
    }

    /// A generated form crop (Fixtures/comb-small-ticks-33.png: "33" in MNIST digits over a
    /// comb of two cells, 137x68): its ticks, 3 pixels wide and 8 tall, were not three times
    /// as tall as wide and stayed. Measured as the digits, they were the digit height, and the
    /// 3s, too tall for it, were dropped: read "1 1 1".
    func testShortThickTicksAreTeeth() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("comb-small-ticks-33.png").path)).text
        XCTAssertEqual(read.filter(\.isNumber), "33")
    }

    /// A helper's generated comb (Fixtures/comb-short-ones-11811.jpg: "11811" in blue, ticks
    /// 4x8, 1s 1.1 to 2.2 times as tall as the ticks, 204x72): its 1s, short and standing on the
    /// rule, were as tall as ticks and twice as tall as wide, and three of them made a row of
    /// teeth: read "8 1". Ticks are only that thick when they are short.
    func testShortOnesInACombAreNoTeeth() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("comb-short-ones-11811.jpg").path)).text
        XCTAssertEqual(read.filter(\.isNumber), "11811")
    }
}

/// `isCombRule` on runs drawn by hand.
final class CombRuleTests: XCTestCase {
    /// A level run on row 40 from column 10 to 69 (digits 30 pixels tall), with upright strokes
    /// rising from it at `uprights` (column and height, 2 pixels wide), and strokes going on
    /// down from it at the columns `hanging`.
    func isCombRule(uprights: [(x: Int, height: Int)], hanging: [Int] = []) -> Bool {
        let (w, h) = (80, 50)
        var b = [UInt8](repeating: 0, count: w * h)
        for y in 40...41 { for x in 10...69 { b[y * w + x] = 1 } }
        for (x, height) in uprights { for y in (40 - height)..<40 { b[y * w + x] = 1; b[y * w + x + 1] = 1 } }
        for x in hanging { for y in 42..<49 { b[y * w + x] = 1; b[y * w + x + 1] = 1 } }
        return b.withUnsafeBufferPointer {
            DigitVision.isCombRule($0.baseAddress!, width: w, height: h, row: 40, columns: 10..<70, digitHeight: 30, thickest: 4)
        }
    }

    func testTicksAtBothEndsAndBetweenMakeAComb() {
        XCTAssertTrue(isCombRule(uprights: [(10, 10), (39, 10), (68, 9)]))
        // A digit's stroke standing on the rule beside the ticks changes nothing.
        XCTAssertTrue(isCombRule(uprights: [(10, 10), (24, 30), (39, 10), (68, 9)]))
    }

    func testOtherRunsAreNoComb() {
        XCTAssertFalse(isCombRule(uprights: [(10, 10), (68, 10)]), "a box's bottom, no tick between")
        XCTAssertFalse(isCombRule(uprights: [(10, 28), (39, 28), (68, 28)]), "strokes as tall as digits")
        XCTAssertFalse(isCombRule(uprights: [(24, 10), (39, 10), (54, 10)]), "no tick at the ends")
        XCTAssertFalse(isCombRule(uprights: [(10, 10), (39, 3), (68, 10)]), "a speck between")
        XCTAssertFalse(isCombRule(uprights: [(10, 6), (39, 15), (68, 6)]), "a tick between far taller than the ends'")
        XCTAssertFalse(isCombRule(uprights: [(10, 9), (39, 8), (68, 5)]), "end ticks unlike (small pencil digits touching)")
        XCTAssertFalse(isCombRule(uprights: [(10, 10), (39, 10), (68, 9)], hanging: [39]), "a stroke going on down under the tick between (the crossbars of \"44\")")
        XCTAssertFalse(isCombRule(uprights: [(10, 10), (39, 10), (68, 9)], hanging: [20, 26, 50, 56]), "strokes going on down along 8 of its 60 columns")
        XCTAssertTrue(isCombRule(uprights: [(10, 10), (39, 10), (68, 9)], hanging: [20, 50]), "a descender or two crossing it")
    }
}
