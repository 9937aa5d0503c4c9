import DigitNet
import XCTest
@testable import DigitVision

/// Shape tests: the pipeline's rejection of straight lines at any angle and the ink of a
/// single-digit image (ruled lines: RuledLineTests.swift; text direction: ReadingOrderTests.swift;
/// levelling by printed lines: LineLevelingTests.swift; the page's outline and edges:
/// PageOutlineTests.swift; digit height and blurred blobs: DigitHeightTests.swift).
final class StraightLineTests: XCTestCase {
    /// A mask of a straight stroke from (x0, y0) to (x1, y1), `width` pixels wide.
    func stroke(_ w: Int, _ h: Int, from p: (Double, Double), to q: (Double, Double), width: Double) -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: w * h)
        let dx = q.0 - p.0, dy = q.1 - p.1, length2 = dx * dx + dy * dy
        for y in 0..<h { for x in 0..<w {
            let t = Swift.min(1, Swift.max(0, ((Double(x) - p.0) * dx + (Double(y) - p.1) * dy) / length2))
            let ex = Double(x) - (p.0 + t * dx), ey = Double(y) - (p.1 + t * dy)
            if (ex * ex + ey * ey).squareRoot() <= width / 2 { mask[y * w + x] = 255 }
        } }
        return mask
    }

    func testLongThinLinesAreRejectedAndDigitStrokesKept() {
        // A page edge at 20° across 90 pixels, one pixel wide, on a page of 30-pixel digits.
        let edge = stroke(90, 36, from: (0, 0), to: (89, 33), width: 1.2)
        XCTAssertTrue(isLongStraightLine(edge, width: 90, height: 36, digitHeight: 30))
        // A plain "1" as tall as the digits, and a long-tailed one, with a pen's width.
        let one = stroke(8, 30, from: (4, 0), to: (3, 29), width: 3)
        XCTAssertFalse(isLongStraightLine(one, width: 8, height: 30, digitHeight: 30))
        let tall = stroke(14, 42, from: (10, 0), to: (3, 41), width: 3)
        XCTAssertFalse(isLongStraightLine(tall, width: 14, height: 42, digitHeight: 30))
        // A 7: a bar and a slanted stem are not one line.
        var seven = stroke(24, 30, from: (0, 1), to: (23, 1), width: 3)
        for (i, v) in stroke(24, 30, from: (23, 1), to: (8, 29), width: 3).enumerated() where v != 0 { seven[i] = v }
        XCTAssertFalse(isLongStraightLine(seven, width: 24, height: 30, digitHeight: 30))
    }

    func testADashIsOneLevelStrokeAndRaisedCentsAreNot() {
        func crop(_ mask: [UInt8], _ w: Int, _ h: Int) -> Crop { Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: mask) }
        // A cheque's closing dash on 30-pixel digits: 24 pixels long, a pen's 4 wide, rising 3.
        XCTAssertTrue(isDash(crop(stroke(28, 9, from: (2, 6), to: (25, 3), width: 4), 28, 9), digitHeight: 30))
        // Small raised cents, "00" flattened to 7 pixels high: two rings, paper between their strokes.
        var cents = [UInt8](repeating: 0, count: 26 * 8)
        for y in 0..<8 { for x in 0..<26 {
            let cx = x < 13 ? 6.0 : 19.0, dx = (Double(x) - cx) / 6, dy = (Double(y) - 3.5) / 3.5
            let r = (dx * dx + dy * dy).squareRoot()
            if r <= 1.05 && r >= 0.55 { cents[y * 26 + x] = 255 }
        } }
        XCTAssertFalse(isDash(crop(cents, 26, 8), digitHeight: 30), "raised cents")
        // A 1, however thin and short, stands upright; a bar as tall as half the digits is no dash.
        XCTAssertFalse(isDash(crop(stroke(6, 14, from: (3, 1), to: (2, 12), width: 3), 6, 14), digitHeight: 30))
        XCTAssertFalse(isDash(crop(stroke(40, 16, from: (2, 8), to: (37, 8), width: 14), 40, 16), digitHeight: 30))
        // A short blob twice as wide as tall is no stroke 2.5 times as long as thick.
        XCTAssertFalse(isDash(crop([UInt8](repeating: 255, count: 12 * 6), 12, 6), digitHeight: 30))
    }

    func testAnEqualsSignIsTwoDashesAndAFlattenedZeroIsNot() {
        func crop(_ mask: [UInt8], _ w: Int, _ h: Int) -> Crop { Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: mask) }
        // "=" beside 30-pixel digits: two pen strokes 20 pixels long, 3 wide, 6 apart.
        let upper = stroke(24, 14, from: (2, 2), to: (21, 2), width: 3), lower = stroke(24, 14, from: (3, 10), to: (22, 11), width: 3)
        XCTAssertTrue(isEqualsSign(crop(zip(upper, lower).map { Swift.max($0, $1) }, 24, 14), digitHeight: 30))
        // A flattened 0: the two strokes joined at their ends, ink between them at the sides.
        var zero = zip(upper, lower).map { Swift.max($0, $1) }
        for (x, y) in [(2, 3), (2, 4), (2, 5), (2, 6), (2, 7), (2, 8), (2, 9), (21, 3), (21, 4), (21, 5), (21, 6), (21, 7), (21, 8), (21, 9)] {
            zero[y * 24 + x] = 255
        }
        XCTAssertFalse(isEqualsSign(crop(zero, 24, 14), digitHeight: 30), "a flattened 0")
        // A short bar over a long one (a 5's detached top over a stroke) is no "=".
        let short = stroke(24, 14, from: (16, 2), to: (21, 2), width: 3)
        XCTAssertFalse(isEqualsSign(crop(zip(short, lower).map { Swift.max($0, $1) }, 24, 14), digitHeight: 30), "bars of unlike widths")
        // A long stroke over one half as long: what is left of a 5 whose right half went with
        // its form cell's side.
        let half = stroke(24, 14, from: (3, 10), to: (12, 11), width: 3)
        XCTAssertFalse(isEqualsSign(crop(zip(upper, half).map { Swift.max($0, $1) }, 24, 14), digitHeight: 30), "a long bar over a short one")
        // As tall as the digits, two strokes are two parts of something else.
        XCTAssertFalse(isEqualsSign(crop(zip(upper, lower).map { Swift.max($0, $1) }, 24, 14), digitHeight: 20), "as tall as the digits")
    }
}

/// A short sliver standing alone is no digit (`isShortLoneSliver`, NonDigitShapes.swift).
extension StraightLineTests {
    /// Digits 40 pixels tall in a row; pieces of a squared page's grid lines, 4 pixels wide and
    /// 20 tall, above them and far to their right, were read as 1s of lines of their own.
    /// Not: such a sliver in line with the digits (a short 1 among them), a 1 as tall as the
    /// digits alone, a short wide mark alone.
    func testAShortSliverAloneIsNoDigitAndAShortOneAmongDigitsIs() {
        func box(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> Crop { Crop(box: Box(x: x, y: y, width: w, height: h), mask: [UInt8](repeating: 255, count: w * h)) }
        let digits = [box(100, 300, 30, 40), box(140, 300, 28, 41), box(180, 302, 31, 39)]
        let above = box(120, 100, 4, 20), right = box(600, 305, 4, 20), among = box(220, 310, 4, 22)
        let tallOne = box(600, 100, 5, 40), shortWide = box(600, 500, 12, 20)
        let all = digits + [above, right, among, tallOne, shortWide]
        XCTAssertTrue(isShortLoneSliver(above, among: all, digitHeight: 40), "above the writing")
        XCTAssertTrue(isShortLoneSliver(right, among: all, digitHeight: 40), "far to the right of it")
        XCTAssertFalse(isShortLoneSliver(among, among: all, digitHeight: 40), "a short 1 beside the digits")
        XCTAssertFalse(isShortLoneSliver(tallOne, among: all, digitHeight: 40), "a 1 as tall as the digits")
        XCTAssertFalse(isShortLoneSliver(shortWide, among: all, digitHeight: 40), "a short mark wider than a sliver")
        XCTAssertFalse(digits.contains { isShortLoneSliver($0, among: all, digitHeight: 40) }, "the digits")
    }
}

final class SingleDigitInkTests: XCTestCase {
    /// A bold 0 tightly cropped covers most of its image; its ink must still be the ring,
    /// dark on light paper or light on a dark screen (USPS's bold 0s were read inverted, as 3s).
    func testSingleDigitInkOfABoldRingFillingItsImage() throws {
        let side = 16
        var ring = [Bool](repeating: false, count: side * side)
        for y in 0..<side { for x in 0..<side {
            let dx = (Double(x) - 7.5) / 8, dy = (Double(y) - 7.5) / 8, r = (dx * dx + dy * dy).squareRoot()
            ring[y * side + x] = r > 0.35 && r < 1.0
        } }
        XCTAssertGreaterThan(ring.filter { $0 }.count * 2, side * side, "the ring covers most of the image")
        for darkInk in [true, false] {
            let pixels = ring.map { ($0 == darkInk) ? UInt8(30) : UInt8(225) }
            let ink = try makeSingleDigitInk(try Image(width: side, height: side, channels: 1, pixels: pixels))
            let agree = zip(ink.binary, ring).filter { ($0 != 0) == $1 }.count
            XCTAssertEqual(agree, side * side, darkInk ? "dark ink on light" : "light ink on dark")
            XCTAssertGreaterThan(ink.levels[8 * side], 200, "ink is bright in the levels")
            XCTAssertLessThan(ink.levels[8 * side + 8], 50, "the hole is background")
        }
    }
}
