@testable import DigitVision
import Foundation
import XCTest

/// A notebook's margin line broken into dashes (DashedLines.swift).
final class DashedLineTests: XCTestCase {
    /// An ink map 200x400 with thin upright pieces 3x14 at the given columns and rows, each of
    /// the given darkness, and three dark digits' worth of ink (20x20 blocks) for the median.
    func crops(dashesAt xs: [Int], rows: [Int], darkness: UInt8) -> (crops: [Crop], levels: [UInt8]) {
        let width = 200, height = 400
        var levels = [UInt8](repeating: 0, count: width * height)
        var crops = [Crop]()
        func add(_ box: Box, _ level: UInt8) {
            for y in box.y..<box.maxY { for x in box.x..<box.maxX { levels[y * width + x] = level } }
            crops.append(Crop(box: box, mask: [UInt8](repeating: 255, count: box.width * box.height)))
        }
        for x in [100, 130, 160] { add(Box(x: x, y: 50, width: 20, height: 20), 200) }
        for (x, y) in zip(xs, rows) { add(Box(x: x, y: y, width: 3, height: 14), darkness) }
        return (crops, levels)
    }

    func testAFaintDashedUprightLineIsDroppedAndAColumnOfDarkOnesIsNot() {
        let rows = Array(stride(from: 10, to: 370, by: 30))   // 12 dashes down 360 pixels
        // Faint (100 against the writing's 200), a degree and a half askew: dropped.
        let askew = rows.map { 40 + $0 / 40 }
        let faint = crops(dashesAt: askew, rows: rows, darkness: 100)
        XCTAssertEqual(droppingDashedLines(faint.crops, levels: faint.levels, width: 200, digitHeight: 20).count, 3)
        // As dark as the writing: a column of 1s starting the numbers of a list, kept.
        let dark = crops(dashesAt: askew, rows: rows, darkness: 200)
        XCTAssertEqual(droppingDashedLines(dark.crops, levels: dark.levels, width: 200, digitHeight: 20).count, 15)
        // Faint, but four only, or spanning under five digit heights: kept.
        let few = crops(dashesAt: Array(askew.prefix(4)), rows: Array(rows.prefix(4)), darkness: 100)
        XCTAssertEqual(droppingDashedLines(few.crops, levels: few.levels, width: 200, digitHeight: 20).count, 7)
        let short = crops(dashesAt: Array(askew.prefix(6)), rows: Array(stride(from: 10, to: 100, by: 15)), darkness: 100)
        XCTAssertEqual(droppingDashedLines(short.crops, levels: short.levels, width: 200, digitHeight: 20).count, 9)
        // Faint pieces scattered, not on one line: kept.
        let scattered = crops(dashesAt: [10, 55, 23, 70, 31, 5, 62, 44, 18, 77, 36, 51], rows: rows, darkness: 100)
        XCTAssertEqual(droppingDashedLines(scattered.crops, levels: scattered.levels, width: 200, digitHeight: 20).count, 15)
    }
}

extension PipelineTests {
    /// A phone photo of a ruled notebook page, small (Fixtures/notebook-faint-margin.jpg, a
    /// reviewer's: MNIST test digits 13 pixels tall once the page is found): its red margin
    /// binarizes into dashes down the page, and each read as a 1: "00 969471 42 4 402126 3
    /// 8609" read "1 1 00 969411 1 42 4 107126 1 3 1 1 8609 1 1 1 1 1". The digits' own
    /// misreads (a 7 and a 4 as 1s, three edits) remain.
    func testTheDashesOfANotebooksMarginAreNotRead() throws {
        let fixture = Fixtures.url("notebook-faint-margin.jpg")
        let read = try recognizer().recognize(try Image(contentsOf: fixture.path)).text
        XCTAssertLessThanOrEqual(editDistance("0096947142440212638609", read.filter(\.isNumber)), 3, read)
    }
}
