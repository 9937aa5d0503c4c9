import DigitNet
import DigitVision
import Foundation
import XCTest

/// Marks that are judged by their pen: a digit written far thinner than its neighbours is
/// writing, and a ring drawn round a digit is no digit.
extension PipelineTests {
    /// A line of bold digits (MNIST's test digits 64 pixels tall, strokes about 7 wide) with one
    /// digit rubbed out and written again with a pen 2 pixels wide. That digit had been dropped
    /// as a crease, being under half the typical stroke ("4615" read "465").
    func testADigitWrittenWithAThinnerPenIsRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 3)
        var style = PageSynthesizer.Style()
        style.digitHeight = 64
        style.ink = Color(red: 25, green: 25, blue: 25)
        // Each case: the text, which digit is rewritten thin, and its strokes in its own box
        // (fractions of the box: from x, y to x, y).
        let thinOne = [(0.65, 0.0, 0.35, 1.0)], thinSeven = [(0.0, 0.05, 1.0, 0.0), (1.0, 0.0, 0.3, 1.0)]
        let cases: [(text: String, index: Int, strokes: [(Double, Double, Double, Double)])] = [
            ("4615 3902", 2, thinOne), ("3902 4715", 5, thinSeven), ("8176", 1, thinOne),
        ]
        var misread = [String]()
        for (text, index, strokes) in cases {
            let (image, truth) = try synthesizer.render(text, style: style)
            let plain = try recognizer.recognize(image)
            XCTAssertEqual(plain.text, truth, "\(text) as drawn")
            let boxes = plain.lines.flatMap(\.numbers).flatMap(\.digits).map(\.box)
            guard boxes.count == truth.filter(\.isNumber).count else { continue }
            let box = boxes[index]
            try image.fillRectangle(x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4, color: style.paper)
            // As wide as the digit it replaces at least, so a 1 is not a bar.
            let width = Swift.max(box.width, box.height / 2), left = box.x + box.width / 2 - width / 2
            for (x0, y0, x1, y1) in strokes {
                try image.drawLine(from: Point(x: left + Int(x0 * Double(width)), y: box.y + Int(y0 * Double(box.height))),
                                   to: Point(x: left + Int(x1 * Double(width)), y: box.y + Int(y1 * Double(box.height))),
                                   color: style.ink, thickness: 2)
            }
            let read = try recognizer.recognize(image).text
            if read != truth { misread.append("\(text) with its digit \(index + 1) thin read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }

    /// A ring drawn round a digit with the writing's own pen (a circled answer on a line of its
    /// own) read as a 0 beside the digit; it holds a mark of a digit's size, which no digit
    /// does, and is dropped.
    func testARingDrawnRoundADigitIsNoDigit() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 4)
        var misread = [String]()
        for (text, circled) in [("2580|6|4913", [4]), ("31|7|2|95", [2, 3]), ("703 6", [3])] {
            var style = PageSynthesizer.Style()
            style.digitHeight = 40
            let (image, truth) = try synthesizer.render(text, style: style)
            let plain = try recognizer.recognize(image)
            XCTAssertEqual(plain.text, truth, "\(text) as drawn")
            let boxes = plain.lines.flatMap(\.numbers).flatMap(\.digits).map(\.box)
            guard boxes.count == truth.filter(\.isNumber).count else { continue }
            for box in circled.map({ boxes[$0] }) {
                let radius = Int((Double(box.width * box.width + box.height * box.height).squareRoot() / 2).rounded()) + 6
                try image.drawCircle(center: Point(x: box.x + box.width / 2, y: box.y + box.height / 2), radius: radius, color: style.ink, thickness: 4)
            }
            let read = try recognizer.recognize(image).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(text) with digits \(circled) circled read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }
}
