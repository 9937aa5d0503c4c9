import DigitNet
import DigitVision
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
}
