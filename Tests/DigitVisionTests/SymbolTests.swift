import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// Marks written beside numbers that are no digit.
extension PipelineTests {
    /// MNIST test digits with an equals sign drawn with the pen between two numbers. Its two
    /// bars merge into one candidate, read as a 2 (or, with a model trained on such marks, cut
    /// into halves read as a 2 and a 5) until two dashes one above the other were taken for
    /// what they are (`isEqualsSign`).
    func testAnEqualsSignBetweenNumbersIsNoDigit() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 12)
        var misread = [String]()
        for (index, text) in ["36 41", "15 15", "7 70", "804 804"].enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index % 2 == 0 ? 48 : 40
            let (image, truth) = try synthesizer.render(text, style: style)
            let boxes = try recognizer.recognize(image).lines.flatMap(\.numbers).map(\.box).sorted { $0.x < $1.x }
            guard boxes.count == 2 else { misread.append("\(text) without the sign"); continue }
            // Two pen strokes in the gap, clear of the digits beside them, at most half a digit wide.
            let h = style.digitHeight, pen = Swift.max(2, h / 14), middle = boxes[0].y + boxes[0].height / 2
            let centre = (boxes[0].maxX + boxes[1].x) / 2, half = Swift.min(h / 4, (boxes[1].x - boxes[0].maxX) / 2 - pen - 2)
            for dy in [-h / 9, h / 9] {
                try image.drawLine(from: Point(x: centre - half, y: middle + dy), to: Point(x: centre + half, y: middle + dy), color: style.ink, thickness: pen)
            }
            let read = try recognizer.recognize(image).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(text) with = read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }

    /// MNIST test digits with a pen "+" between two numbers ("36 + 41"), some drawn a little
    /// aslant: a "+" read as a 4 ("36 441") until two crossing bars were taken for what they
    /// are (`isPlusSign`).
    func testAPlusSignBetweenNumbersIsNoDigit() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 13)
        var misread = [String]()
        for (index, text) in ["36 41", "15 15", "7 70", "804 804", "2 9", "58 63"].enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index % 2 == 0 ? 48 : 40
            let (image, truth) = try synthesizer.render(text, style: style)
            let boxes = try recognizer.recognize(image).lines.flatMap(\.numbers).map(\.box).sorted { $0.x < $1.x }
            guard boxes.count == 2 else { misread.append("\(text) without the sign"); continue }
            let h = style.digitHeight, pen = Swift.max(2, h / 14), middle = boxes[0].y + boxes[0].height / 2
            // About 0.6 of the digits' ink (MNIST's 20 of 28 pixels) across, pen included.
            let centre = (boxes[0].maxX + boxes[1].x) / 2, half = Swift.min(h / 6, (boxes[1].x - boxes[0].maxX) / 2 - pen - 2)
            let aslant = index % 3 == 2 ? half / 6 : 0
            try image.drawLine(from: Point(x: centre - half, y: middle + aslant), to: Point(x: centre + half, y: middle - aslant), color: style.ink, thickness: pen)
            try image.drawLine(from: Point(x: centre - aslant, y: middle - half), to: Point(x: centre + aslant, y: middle + half), color: style.ink, thickness: pen)
            let read = try recognizer.recognize(image).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(text) with + read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }
}
