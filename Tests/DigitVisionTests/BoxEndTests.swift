import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// A box round a number, a little taller than its digits, whose sides are broken (BoxEnds.swift).
extension PipelineTests {
    /// A reviewer's generated cheque amount (Fixtures/cheque-box-end.jpg: "781-" in a
    /// handwriting font, purple, blurred by motion, in a box over guilloche, 213x53): the
    /// box's right side, 1.3 digit heights tall and broken where its faint stretches went,
    /// read as a sure 1 ("781 1") until a side where both rules end was taken for what it is.
    func testTheEndOfAChequesAmountBoxIsNoOne() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("cheque-box-end.jpg").path)).text
        XCTAssertEqual(read.filter(\.isNumber), "781")
    }
}

/// `removeBoxEnds` on ink drawn by hand: what it erases and what it leaves.
final class BoxEndTests: XCTestCase {
    /// A box 120 wide with rules at rows 10 and 45 (erased already), its right side at column
    /// 110 broken into pieces by gaps of a pixel, and two 1s: one written clear of the rules, one from rule to
    /// rule. The side's pieces go; the 1s stay, the rules running on past them both ways.
    func testOnlyTheSideWhereBothRulesEndGoes() {
        let (w, h) = (130, 60)
        var before = [UInt8](repeating: 0, count: w * h)
        func ink(_ xs: ClosedRange<Int>, _ ys: ClosedRange<Int>) { for y in ys { for x in xs { before[y * w + x] = 1 } } }
        ink(5...110, 10...11); ink(5...110, 45...46)          // the rules
        for y in stride(from: 12, to: 45, by: 7) { ink(109...110, y...Swift.min(44, y + 5)) } // the broken side
        ink(40...41, 14...41)                                  // a 1 clear of the rules
        ink(70...71, 12...44)                                  // a 1 from rule to rule
        var binary = before
        for y in [10, 11, 45, 46] { for x in 5...110 { binary[y * w + x] = 0 } }
        removeBoxEnds(&binary, inkBeforeLineRemoval: before, width: w, height: h, digitHeight: 28, ruleLength: 61)
        let column = { (x: Int) in (0..<h).filter { binary[$0 * w + x] != 0 }.count }
        XCTAssertEqual(column(110), 0, "the side")
        XCTAssertEqual(column(40), 28, "the 1 clear of the rules")
        XCTAssertEqual(column(70), 33, "the 1 from rule to rule")
    }

    /// The same box with its rules going on past the side (a 1 at a rule's gap, or a side
    /// crossed by longer rules): nothing goes.
    func testASideThatRulesRunPastStays() {
        let (w, h) = (160, 60)
        var before = [UInt8](repeating: 0, count: w * h)
        func ink(_ xs: ClosedRange<Int>, _ ys: ClosedRange<Int>) { for y in ys { for x in xs { before[y * w + x] = 1 } } }
        ink(5...150, 10...11); ink(5...150, 45...46)
        for y in stride(from: 12, to: 45, by: 7) { ink(109...110, y...Swift.min(44, y + 5)) }
        var binary = before
        for y in [10, 11, 45, 46] { for x in 5...150 { binary[y * w + x] = 0 } }
        // The rules' erased runs end at the side as if a digit's ink broke them there.
        for y in [10, 11, 45, 46] { for x in 111...113 { binary[y * w + x] = 1 } }
        let kept = binary
        removeBoxEnds(&binary, inkBeforeLineRemoval: before, width: w, height: h, digitHeight: 28, ruleLength: 61)
        XCTAssertEqual(binary, kept)
    }
}
