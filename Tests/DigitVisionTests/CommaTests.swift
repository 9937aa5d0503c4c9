import XCTest
@testable import DigitVision

/// Commas and full stops written as short strokes between digits (Commas.swift).
final class CommaTests: XCTestCase {
    /// "360,00" on a level line: digits 24 pixels tall and 16 wide, 4 apart, with `mark` after
    /// the 0.
    func line(with mark: Box) -> [Box] {
        let digits = [0, 20, 40, 68, 88].map { Box(x: $0, y: 10, width: 16, height: 24) }
        return Array(digits[..<3]) + [mark] + Array(digits[3...])
    }

    func testAShortStrokeHangingFromUnderTheMiddleToTheFootIsAComma() {
        // From 14 pixels under the digits' top to 4 under their foot.
        XCTAssertEqual(commaIndices(line(with: Box(x: 58, y: 24, width: 6, height: 14))), [3])
        // A long tail, 20 pixels tall (0.83 of the digits), hanging 12 under their foot.
        XCTAssertEqual(commaIndices(line(with: Box(x: 58, y: 26, width: 7, height: 20))), [3])
    }

    func testDigitsAndMarksOfOtherPlacesAreNotCommas() {
        // A 1 as tall as its neighbours.
        XCTAssertEqual(commaIndices(line(with: Box(x: 58, y: 10, width: 6, height: 24))), [])
        // A short mark from the line's middle up: a raised digit, not a comma.
        XCTAssertEqual(commaIndices(line(with: Box(x: 58, y: 6, width: 6, height: 14))), [])
        // Low but wide: a digit of a smaller size (half the digits' height or wider).
        XCTAssertEqual(commaIndices(line(with: Box(x: 56, y: 22, width: 13, height: 12))), [])
        // Low, but ending well above the foot of the line: no comma hangs so.
        XCTAssertEqual(commaIndices(line(with: Box(x: 58, y: 20, width: 6, height: 8))), [])
        // After the last digit, with nothing on its right: not between two digits.
        let end = [0, 20, 40].map { Box(x: $0, y: 10, width: 16, height: 24) } + [Box(x: 58, y: 24, width: 6, height: 14)]
        XCTAssertEqual(commaIndices(end), [])
    }
}

extension PipelineTests {
    /// A generated cheque amount, "360,00" in MNIST test digits, whose comma hangs from under
    /// the digits' middle to under their foot (Fixtures/cheque-comma-hanging-low.jpg, 162x62):
    /// its comma read as a 1 on a line of its own, "36000 1".
    func testACommaHangingLowBetweenDigitsIsNoDigit() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("cheque-comma-hanging-low.jpg").path)).text
        XCTAssertEqual(read, "36000")
    }
}
