@testable import DigitVision
import XCTest

/// A dash written on from a number's last digit (TrailingDash.swift).
extension StraightLineTests {
    func dashCrop(_ rows: [String]) -> Crop {
        Crop(box: Box(x: 10, y: 5, width: rows[0].count, height: rows.count), mask: rows.flatMap { $0.map { $0 == "#" ? UInt8(255) : 0 } })
    }

    /// A 0 with a dash drawn on from its right side at mid-height comes off it; the 0 is left,
    /// cut to its ink. A 7's top bar and a 2's base reaching as far are no dash.
    func testADashDrawnOnFromAZeroIsCutOffAndABarIsNot() throws {
        let zeroAndDash = ["....######..........", "..###....###........", ".##........##.......", "##..........##......",
                           "##..........##......", "##..........########", "##..........########", "##..........##......",
                           "##..........##......", ".##........##.......", "..###....###........", "....######.........."]
        let zero = try XCTUnwrap(withoutTrailingDash(dashCrop(zeroAndDash), digitHeight: 12))
        XCTAssertEqual(zero.box, Box(x: 10, y: 5, width: 14, height: 12))
        let seven = ["####################", "............###.....", "...........###......", "..........###.......",
                     ".........###........", "........###.........", ".......###..........", "......###...........",
                     ".....###............", "....###.............", "...###..............", "..###..............."]
        XCTAssertNil(withoutTrailingDash(dashCrop(seven), digitHeight: 12), "a 7's top bar")
        let two = ["..######............", ".##....##...........", ".......##...........", "......##............",
                   ".....##.............", "....##..............", "...##...............", "..##................",
                   ".##.................", "##..................", "####################", "####################"]
        XCTAssertNil(withoutTrailingDash(dashCrop(two), digitHeight: 12), "a 2's base")
    }

    /// Of MNIST's 10,000 test digits cut to their ink, at most 4 have the shape of a dash drawn
    /// on (a 7, an 8 and two 6s with a stroke running level off their right side).
    func testAlmostNoMNISTTestDigitHasADashDrawnOn() throws {
        let dashed = try mnistTestDigitsCutToTheirInk().filter {
            withoutTrailingDash($0.crop, digitHeight: Double($0.crop.box.height)) != nil
        }
        XCTAssertLessThanOrEqual(dashed.count, 4, "MNIST test digits with a dash drawn on (labels \(dashed.map(\.label)))")
    }
}

extension PipelineTests {
    /// A generated cheque amount (Fixtures/cheque-zero-joined-to-dash.jpg: "5000-", MNIST test
    /// digits on guilloche, 155x61), its last 0 run on into the closing dash: the piece was cut
    /// into a 6 and a 2, "50062".
    func testAZeroJoinedToTheClosingDashIsRead() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("cheque-zero-joined-to-dash.jpg").path)).text
        XCTAssertEqual(read, "5000")
    }
}
