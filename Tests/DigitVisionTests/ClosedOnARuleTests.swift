@testable import DigitVision
import XCTest

/// A 9 whose loop a form's top rule closed (ClosedOnARule.swift).
extension PipelineTests {
    /// A reviewer's generated form crop (Fixtures/boxed-date-9-on-rule.png: "19 04 1991",
    /// MNIST test digits in blue in black boxes, 256x48). The first 9 of 1991 reaches the box's
    /// top rule with both sides of its loop; the rule erased, it was read as a 4: "19 01 1491".
    func testA9ClosedByTheBoxTopIsRead() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("boxed-date-9-on-rule.png").path)).text
        XCTAssertTrue(read.filter(\.isNumber).hasSuffix("1991"), read)
    }
}

/// 2s whose base was written along a rule (`strokesAlongErasedRules`).
extension PipelineTests {
    /// A reviewer's generated form crop (Fixtures/comb-2-on-rule.jpg: "9320" in pencil in a
    /// comb field, 178x45). The 2's base lay on the comb's rule and was erased with it: "9370".
    func testA2WrittenOnACombsRuleIsRead() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("comb-2-on-rule.jpg").path)).text
        XCTAssertEqual(read, "9320")
    }

    /// A reviewer's generated photo (Fixtures/ruled-2-on-the-line.jpg: "2 16 131 42 904", MNIST
    /// test digits in blue on pink ruled paper, 1200x1600, on a pale desk). The 2 of 42 stood
    /// on the ruled line with its base along it: "47".
    func testA2WrittenOnARuledLineIsRead() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("ruled-2-on-the-line.jpg").path)).text
        XCTAssertEqual(read, "2 16 131 42 904")
    }
}

/// `closedOnErasedRules` on binary pictures drawn by hand: ink before the lines were erased
/// and after.
final class ClosedOnARuleTests: XCTestCase {
    let (width, height) = (40, 40)

    /// Ink at `points` in a picture `width` x `height`.
    func picture(_ points: [(Int, Int)]) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: width * height)
        for (x, y) in points { p[y * width + x] = 255 }
        return p
    }

    /// The crop of `after`'s ink inside `box`.
    func crop(_ after: [UInt8], _ box: Box) -> Crop {
        var mask = [UInt8](repeating: 0, count: box.width * box.height)
        for y in 0..<box.height { for x in 0..<box.width { mask[y * box.width + x] = after[(y + box.y) * width + x + box.x] } }
        return Crop(box: box, mask: mask)
    }

    /// A rule 2 rows thick (rows 4–5) across the picture, and a U whose two sides (columns
    /// 10–11 and 18–19) rise to it from row 20. Erased: the rule and the sides' first two rows
    /// under it. Closed: the rule is back between the sides, and the sides' erased rows.
    func testTwoStrokesEndingOnARuleAreClosed() throws {
        let rule = (0..<width).flatMap { x in [(x, 4), (x, 5)] }
        let sides = (6...20).flatMap { y in [(10, y), (11, y), (18, y), (19, y)] }
        let bottom = (12...17).map { ($0, 20) }
        let before = picture(rule + sides + bottom)
        let after = picture(sides.filter { $0.1 >= 8 } + bottom)
        let open = crop(after, Box(x: 10, y: 8, width: 10, height: 13))
        let closed = try XCTUnwrap(closedOnErasedRules(open, erased: ErasedInk(before: before, after: after, width: width), digitHeight: 20))
        XCTAssertEqual(closed.box, Box(x: 10, y: 4, width: 10, height: 17))
        // The rule's two rows across the U's width, the sides whole again, the bottom kept.
        for y in 0..<2 { XCTAssertEqual(closed.mask[y * 10..<(y + 1) * 10].filter { $0 != 0 }.count, 10, "row \(y + 4)") }
        for y in 2..<17 { XCTAssertEqual(closed.mask[y * 10], 255, "row \(y + 4)") }
        XCTAssertEqual(closed.mask[16 * 10..<17 * 10].filter { $0 != 0 }.count, 10)
    }

    /// A rule 2 rows thick (rows 30–31) across the picture and a 2's lower half on it: its
    /// diagonal comes down from (34, 10) to the rule at columns 20–21, and its base, 4 rows
    /// thick (rows 28–31), runs along the rule from column 20 to 33. Erased: the rule and the
    /// base with it. The base comes back; the rule beside it does not.
    func testAStrokeAlongARuleIsFound() throws {
        let w = 100
        var before = [UInt8](repeating: 0, count: w * 40), after = before
        for x in 0..<w { before[30 * w + x] = 255; before[31 * w + x] = 255 }
        for y in 10...27 { let x = 34 - (y - 10) * 13 / 17; for dx in 0...1 { before[y * w + x + dx] = 255; after[y * w + x + dx] = 255 } }
        for y in 28...31 { for x in 20...33 { before[y * w + x] = 255 } }
        let box = Box(x: 20, y: 10, width: 16, height: 18)
        var mask = [UInt8](repeating: 0, count: box.width * box.height)
        for y in 0..<box.height { for x in 0..<box.width { mask[y * box.width + x] = after[(y + 10) * w + x + 20] } }
        let points = strokesAlongErasedRules(Crop(box: box, mask: mask), erased: ErasedInk(before: before, after: after, width: w), digitHeight: 20)
        let columns = Set(points.map(\.x))
        XCTAssertEqual(columns.min(), 20)
        XCTAssertEqual(columns.max(), 33)
        XCTAssertEqual(Set(points.map(\.y)), [28, 29, 30, 31])
        // A 7's stem ending on the rule, no stroke along it: nothing.
        var stemBefore = [UInt8](repeating: 0, count: w * 40), stemAfter = stemBefore
        for x in 0..<w { stemBefore[30 * w + x] = 255; stemBefore[31 * w + x] = 255 }
        for y in 10...29 { for x in 40...41 { stemBefore[y * w + x] = 255; if y < 29 { stemAfter[y * w + x] = 255 } } }
        let stem = Crop(box: Box(x: 40, y: 10, width: 2, height: 19), mask: [UInt8](repeating: 255, count: 38))
        XCTAssertTrue(strokesAlongErasedRules(stem, erased: ErasedInk(before: stemBefore, after: stemAfter, width: w), digitHeight: 20).isEmpty)
    }

    func testOtherCropsStayOpen() {
        let rule = (0..<width).flatMap { x in [(x, 4), (x, 5)] }
        // One stroke ending on the rule (a 1, a 7's stem): nothing to close.
        let stem = (6...20).flatMap { y in [(14, y), (15, y)] }
        let stemAfter = picture(stem.filter { $0.1 >= 7 })
        XCTAssertNil(closedOnErasedRules(crop(stemAfter, Box(x: 14, y: 7, width: 2, height: 14)),
                                         erased: ErasedInk(before: picture(rule + stem), after: stemAfter, width: width), digitHeight: 20))
        // A 0 beside an upright box side (column 8–9, rows 4–35) touching it along its left
        // stroke: the side was erased, but no rule runs above the 0's ends.
        let side = (4...35).flatMap { y in [(8, y), (9, y)] }
        let zero = (12...24).flatMap { y in [(10, y), (11, y), (18, y), (19, y)] } + (12...17).flatMap { [($0, 11), ($0, 25)] }
        let zeroAfter = picture(zero)
        XCTAssertNil(closedOnErasedRules(crop(zeroAfter, Box(x: 10, y: 11, width: 10, height: 15)),
                                         erased: ErasedInk(before: picture(side + zero), after: zeroAfter, width: width), digitHeight: 20))
        // Two strokes whose ends meet nothing erased (a U under a rule it does not touch).
        let u = (10...20).flatMap { y in [(10, y), (11, y), (18, y), (19, y)] } + (12...17).map { ($0, 20) }
        let uAfter = picture(u)
        XCTAssertNil(closedOnErasedRules(crop(uAfter, Box(x: 10, y: 10, width: 10, height: 11)),
                                         erased: ErasedInk(before: picture(rule + u), after: uAfter, width: width), digitHeight: 20))
    }
}
