import DigitNet
import Foundation
import XCTest
@testable import DigitVision

/// A 0 with a tail (a joining stroke's stub, a full stop touching it) read from its loop
/// (ZerosWithTails.swift, `loopOfAZeroWithATail`).
final class ZerosWithTailsTests: XCTestCase {
    /// A crop `width` x `height` inked where `inked` says.
    func crop(width: Int, height: Int, _ inked: (Double, Double) -> Bool) -> Crop {
        var mask = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width where inked(Double(x) + 0.5, Double(y) + 0.5) { mask[y * width + x] = 255 } }
        return Crop(box: Box(x: 0, y: 0, width: width, height: height), mask: mask)
    }

    /// Whether (x, y) lies on an upright elliptic ring round (cx, cy), 3 pixels thick.
    func onRing(_ x: Double, _ y: Double, cx: Double, cy: Double, rx: Double, ry: Double) -> Bool {
        let d = ((x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry)).squareRoot()
        return abs(d - 1) * Swift.min(rx, ry) < 1.5
    }

    /// A ring 30 pixels tall, 20 wide, with a full stop (a disc 6 pixels across) touching it
    /// at the foot on the right: the loop is the ring alone.
    func testAFullStopTouchingAZerosFootIsLeftOut() throws {
        let zero = crop(width: 30, height: 32) { x, y in
            self.onRing(x, y, cx: 11, cy: 15, rx: 9.5, ry: 14.5) || (x - 23) * (x - 23) + (y - 28) * (y - 28) <= 9
        }
        let loop = try XCTUnwrap(loopOfAZeroWithATail(zero))
        // The ring's ink ends at x = 22; the stop's, at 26. Within reach of the hole (the
        // stroke's width and a pixel), a sliver of the stop stays.
        XCTAssertLessThanOrEqual(loop.box.maxX, 24, "the full stop is left out: \(loop.box)")
        XCTAssertGreaterThanOrEqual(loop.box.height, 29, "the ring is kept whole: \(loop.box)")
    }

    /// The stub of a joining stroke on each side of a cut-out cursive 0: both left out.
    func testJoiningStubsOnBothSidesAreLeftOut() throws {
        let zero = crop(width: 36, height: 30) { x, y in
            self.onRing(x, y, cx: 18, cy: 15, rx: 9, ry: 13.5) || (abs(y - 20) < 1.5 && (x < 9 || x > 27))
        }
        let loop = try XCTUnwrap(loopOfAZeroWithATail(zero))
        XCTAssertGreaterThanOrEqual(loop.box.x, 6, "\(loop.box)")
        XCTAssertLessThanOrEqual(loop.box.maxX, 30, "\(loop.box)")
    }

    /// A ring alone has no tail; a cursive 2's small loop at its foot is no 0's; a long stroke
    /// from a small ring (a 6's or 9's stem, more ink than the loop) is a digit's own.
    func testNoLoopWithoutATailOrWithTooSmallALoopOrTooLongATail() {
        let ring = crop(width: 22, height: 31) { x, y in self.onRing(x, y, cx: 11, cy: 15.5, rx: 9.5, ry: 14.5) }
        XCTAssertNil(loopOfAZeroWithATail(ring), "a ring alone")
        // An upright stroke 30 pixels tall with a loop 8 pixels tall at its foot.
        let loopedFoot = crop(width: 16, height: 30) { x, y in
            (abs(x - 8) < 1.5 && y < 22) || self.onRing(x, y, cx: 8, cy: 25.5, rx: 6, ry: 4)
        }
        XCTAssertNil(loopOfAZeroWithATail(loopedFoot), "a loop at the foot, a quarter of the height")
        // A ring 16 tall on a stem 30 long: its hole is 0.3 of the height, too low for a 0's.
        let stemmed = crop(width: 20, height: 40) { x, y in
            self.onRing(x, y, cx: 10, cy: 31, rx: 8, ry: 8) || (abs(x - 17) < 1.5 && y < 30)
        }
        XCTAssertNil(loopOfAZeroWithATail(stemmed), "a stem longer than the loop")
    }

    /// A long hooked stroke hanging from a ring's foot (a 9's or a 6's, 0.27 of the ink): the
    /// hole and the ring are a 0's (0.52 of the height, 0.73 of the width), the tail too long.
    func testATailOverAQuarterOfTheInkIsADigitsOwn() {
        let hooked = crop(width: 30, height: 46) { x, y in
            self.onRing(x, y, cx: 11, cy: 15, rx: 9.5, ry: 14.5) || (abs(x - 4) < 1.5 && y > 25 && y < 45) || (abs(y - 43.5) < 1.5 && x > 4 && x < 30)
        }
        XCTAssertNil(loopOfAZeroWithATail(hooked))
        // The same ring with a hook half as long passes.
        let short = crop(width: 30, height: 46) { x, y in
            self.onRing(x, y, cx: 11, cy: 15, rx: 9.5, ry: 14.5) || (abs(x - 4) < 1.5 && y > 25 && y < 35)
        }
        XCTAssertNotNil(loopOfAZeroWithATail(short))
    }

    /// A 1 joined to the 0 after it by a stroke at the foot is a digit of its own, not a tail.
    func testADigitJoinedToAZeroIsNoTail() {
        let oneZero = crop(width: 40, height: 31) { x, y in
            (abs(x - 4) < 1.5 && y > 1) || (abs(y - 28) < 1.5 && x > 3 && x < 22) || self.onRing(x, y, cx: 28, cy: 15.5, rx: 9.5, ry: 14.5)
        }
        XCTAssertNil(loopOfAZeroWithATail(oneZero))
    }
}

extension PipelineTests {
    /// Real-dev's cheque "3.000" (ORAND-CAR-A), its zeros written in one stroke, turned or
    /// shrunk: its middle zero, cut out with a stub of the joining stroke on each side (and,
    /// in some, the closing stroke running down inside its loop), read as a 2 ("3 020"), or
    /// the "000" was cut in four ("30652", turned 10°). It is read from its loop, before the
    /// cuts are chosen. (Of real-dev's seven cheques turned −30° to 30° in steps of 2.5° and
    /// shrunk to 60–90%, 217 pictures: 145 read exactly before, 160 now; this one 17 → 30 of 31.)
    func testAChequesJoinedZerosAreNoTwosTiltedOrShrunk() throws {
        try Shared.require(Shared.realDev)
        let scan = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/orandcar_a_car_007009.jpg").path, grayscale: true)
        for degrees in [-25.0, -17.5, 2.5, 10, 17.5, 20, 22.5] {
            let text = try recognizer().recognize(try rotated(scan, degrees: degrees)).text
            XCTAssertEqual(text.replacingOccurrences(of: " ", with: ""), "3000", "turned \(degrees)°: \(text)")
        }
        for percent in [60, 70, 80] {
            let shrunk = try scan.resized(width: scan.width * percent / 100, height: scan.height * percent / 100)
            let text = try recognizer().recognize(shrunk).text
            XCTAssertEqual(text.replacingOccurrences(of: " ", with: ""), "3000", "shrunk to \(percent)%: \(text)")
        }
    }
}
