@testable import DigitVision
import Foundation
import XCTest

/// Writing fainter than `minimumInkContrast` on quiet paper (`faintWritingFloor`, InkMap.swift).
extension PipelineTests {
    /// Numbers of MNIST test digits in pencil pressed lightly, 11% darker than the grey paper,
    /// on crops a few digits wide. The least contrast ink must have (12%) left no ink at all:
    /// each read as nothing. A faint stroke may still be lost: one digit a crop may be misread.
    func testFaintPencilOnQuietPaperIsRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 14)
        var misread = [String]()
        for text in ["7302 418", "95176", "60843 27"] {
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight) = (360, 90, 40)
            style.paper = Color(red: 200, green: 198, blue: 192)
            style.ink = Color(red: 178, green: 176, blue: 171)
            let (crop, truth) = try synthesizer.render(text, style: style)
            let read = try recognizer.recognize(crop).text
            if editDistance(truth.filter(\.isNumber), read.filter(\.isNumber)) > 1 { misread.append("\(text) in faint pencil read as \"\(read)\"") }
        }
        XCTAssertEqual(misread, [])
    }
}

final class FaintWritingTests: XCTestCase {
    /// A histogram of paper at level `median` with noise of about `spread`, and a little ink
    /// at the levels `ink`.
    func histogram(median: Int, spread: Int, ink: ClosedRange<Int>) -> [Int] {
        var counts = [Int](repeating: 0, count: 256)
        for level in Swift.max(0, median - spread)...(median + spread) { counts[level] = 1000 }
        for level in ink { counts[level] = 20 }
        return counts
    }

    func testTheFloorStandsClearOfThePapersNoiseAndHalfwayToTheInk() {
        // Quiet paper and faint ink: six deviations over the paper, under the usual least.
        let quiet = faintWritingFloor(histogram(median: 5, spread: 4, ink: 20...28), least: 0.12)
        XCTAssertEqual(quiet, 22.8 / 255, accuracy: 1.0 / 255)
        // Bolder ink: halfway to it (its 99.9th percentile, 59 here).
        XCTAssertEqual(faintWritingFloor(histogram(median: 5, spread: 4, ink: 40...60), least: 0.12), 29.5 / 255, accuracy: 1.0 / 255)
        // Noisy paper keeps the usual least contrast; spotless paper with faint ink the faintest.
        XCTAssertEqual(faintWritingFloor(histogram(median: 10, spread: 10, ink: 20...28), least: 0.12), 0.12)
        XCTAssertEqual(faintWritingFloor(histogram(median: 0, spread: 0, ink: 14...18), least: 0.12), Float(faintestInkContrast))
    }
}
