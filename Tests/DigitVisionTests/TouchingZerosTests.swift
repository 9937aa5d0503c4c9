import XCTest
@testable import DigitVision

/// Flat zeros written side by side and touching (a cheque's "000"), cut at the notch their
/// tops leave above the place they touch (TouchingDigits.swift, `topNotches`).
final class TouchingZerosTests: XCTestCase {
    /// Two flat rings 30 pixels tall, 40 and 34 wide (the first 1.33 times as wide as tall),
    /// whose sides meet at x = 41: the columns where they meet are inked more than any other.
    let rings = (width: 76, height: 30, centres: [21.0, 58.0], halfWidths: [20.0, 17.0])

    func touchingFlatRings() -> Crop {
        var mask = [UInt8](repeating: 0, count: rings.width * rings.height)
        for (centre, halfWidth) in zip(rings.centres, rings.halfWidths) {
            for y in 0..<rings.height { for x in 0..<rings.width {
                let dx = (Double(x) + 0.5 - centre) / halfWidth, dy = (Double(y) + 0.5 - Double(rings.height) / 2) / 14
                if abs((dx * dx + dy * dy).squareRoot() - 1) < 0.1 { mask[y * rings.width + x] = 255 }
            } }
        }
        return Crop(box: Box(x: 0, y: 0, width: rings.width, height: rings.height), mask: mask)
    }

    /// Whether `box` is one of the two rings, give or take a pixel.
    func isRing(_ box: Box) -> Bool {
        zip(rings.centres, rings.halfWidths).contains { centre, halfWidth in
            abs(Double(box.x) - (centre - halfWidth)) <= 1.5 && abs(Double(box.width) - 2 * halfWidth) <= 1.5
        }
    }

    /// Probabilities for every piece of `plan`: a ring reads as a sure 0, anything else as `other`
    /// at `otherConfidence`.
    func probabilities(_ plan: SplitPlan, other: Int, otherConfidence: Float) -> [Float] {
        var p = [Float]()
        for (k, piece) in plan.crops.enumerated() {
            let (label, best): (Int, Float) = k > 0 && isRing(piece.box) ? (0, 0.95) : (other, otherConfidence)
            var reading = [Float](repeating: (1 - best) / 9, count: 10)
            reading[label] = best
            p += reading
        }
        return p
    }

    func testTheTopsOfTwoTouchingZerosLeaveANotchWhereTheyMeet() {
        let crop = touchingFlatRings()
        // Slant 0: a place u along the cut direction is the column plus 1.
        let notches = topNotches(crop, u: { x, _ in x + 1 }, uCount: rings.width + 2, first: 1, last: rings.width, margin: 6)
        XCTAssertTrue(notches.contains { abs($0 - 42) <= 1 }, "a notch where the rings meet: \(notches)")
        // The column profile has no low point there: the rings' sides stand together.
        let column = { (x: Int) in (0..<self.rings.height).filter { crop.mask[$0 * self.rings.width + x] != 0 }.count }
        XCTAssertGreaterThan(column(41), 2 * column(21), "the meeting column is inked more than a ring's middle")
    }

    func testTwoFlatZerosTouchingSideBySideAreReadAsTwoZeros() {
        let plan = SplitPlan(touchingFlatRings(), firstIndex: 0, digitHeight: 30)
        let reading = plan.bestReading(probabilities(plan, other: 0, otherConfidence: 0.3))
        XCTAssertEqual(reading.count, 2, "two pieces: \(reading.map { plan.crops[$0].box })")
        XCTAssertTrue(reading.allSatisfy { isRing(plan.crops[$0].box) }, "each piece a ring: \(reading.map { plan.crops[$0].box })")
    }

    /// A cut down the middle of a ring runs through its loop; the cut where two rings touch
    /// does not (`cutsThroughALoop`): the halves of a narrow 0 read as two sure 1s.
    func testACutThroughTheMiddleOfARingCutsALoopAndTheCutWhereTwoRingsTouchDoesNot() {
        // Slant 0: a place u along the cut direction is the column plus 1; the ends are 1 and 77.
        let cuts = cutsThroughALoop(touchingFlatRings(), edges: [1, 22, 42, 59, 77], u: { x, _ in x + 1 })
        XCTAssertEqual(cuts, [false, true, false, true, false])
    }

    /// Two rings side by side are two loops no digit has (`loopsSideBySide`); an 8's two
    /// loops stand one above the other. The lens where two overlapping rings cross is no loop
    /// of that width.
    func testTwoLoopsSideBySideAreTwoDigitsAndAnEightsAreNot() {
        let side = inkLoops(touchingFlatRings(), u: { x, _ in x + 1 }, leastHeight: 9, leastWidth: 7.5)
        XCTAssertEqual(side.count, 2)
        XCTAssertEqual(loopsSideBySide(side).count, 1)
        // An 8: a ring 16 pixels tall on top of another, 14 wide.
        let (w, h) = (16, 34)
        var eight = [UInt8](repeating: 0, count: w * h)
        for centreY in [8.5, 25.5] {
            for y in 0..<h { for x in 0..<w {
                let dx = (Double(x) + 0.5 - 8) / 7, dy = (Double(y) + 0.5 - centreY) / 8
                if abs((dx * dx + dy * dy).squareRoot() - 1) < 0.2 { eight[y * w + x] = 255 }
            } }
        }
        let stacked = inkLoops(Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: eight), u: { x, _ in x + 1 }, leastHeight: 5, leastWidth: 4)
        XCTAssertEqual(stacked.count, 2)
        XCTAssertTrue(loopsSideBySide(stacked).isEmpty)
    }

    func testAPieceWiderThanADigitCountsOnlyAsAZero() throws {
        // The same rings read as sure 5s, as is every other piece: a piece 1.4 times as wide as
        // tall is then taken for two digits, never read as one.
        let plan = SplitPlan(touchingFlatRings(), firstIndex: 0, digitHeight: 30)
        var p = [Float]()
        for k in plan.crops.indices {
            let best: Float = k == 0 ? 0.3 : 0.95
            var reading = [Float](repeating: (1 - best) / 9, count: 10)
            reading[5] = best
            p += reading
        }
        // (The best split, whether or not it beats the whole: to keep every piece a digit wide,
        // it cuts the wider ring through its loop, and pays for it, `loopCutPenalty`.)
        let split = try XCTUnwrap(plan.bestSplit(p)).pieces
        XCTAssertTrue(split.allSatisfy { Double(plan.crops[$0].box.width) <= SplitPlan.widestPiece * 30 },
                      "no piece wider than a digit: \(split.map { plan.crops[$0].box })")
    }
}

extension PipelineTests {
    /// Generated cheque amounts whose zeros are flat and touch: "$ 6000,00-" in a
    /// handwriting font (Fixtures/cheque-zeros-touching-side-by-side.jpg, 181x51) read
    /// "121000", its three touching zeros cut into 1s and 2s; "$ 2.000=" in MNIST test digits
    /// (cheque-flat-zeros-touching.jpg, 211x61) read "20062", two flat zeros 1.3 times as wide
    /// as tall cut into a 6 and a 2.
    func testFlatZerosTouchingSideBySideOnChequesAreReadAsZeros() throws {
        for (file, truth) in [("cheque-zeros-touching-side-by-side.jpg", "600000"), ("cheque-flat-zeros-touching.jpg", "2000")] {
            let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url(file).path)).text
            XCTAssertEqual(read.replacingOccurrences(of: " ", with: ""), truth, file)
        }
    }

    /// Generated cheque amounts whose narrow zeros touch or overlap (a helper's generator, pen
    /// strokes on guilloche): "3.900" (77x38) read "390", "200.-" (70x33) "20", "66,000"
    /// (151x65) "6600". Each pair of zeros read as one doubtful 9 or 0 whole, its two pieces
    /// as sure 0s, but the split lost to the whole by the margin a split of 1s needs, and the
    /// zeros, 0.55–0.6 as wide as tall, paid for being narrower than MNIST's 0s.
    func testNarrowZerosTouchingOnChequesAreReadAsZeros() throws {
        for (file, truth) in [("cheque-narrow-touching-zeros-3900.jpg", "3900"), ("cheque-narrow-touching-zeros-200.jpg", "200"),
                              ("cheque-narrow-touching-zeros-66000.jpg", "66000")] {
            let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url(file).path)).text
            XCTAssertEqual(read.replacingOccurrences(of: " ", with: ""), truth, file)
        }
    }

    /// Generated cheque amounts whose zeros are written in one stroke, each overlapping the
    /// next (a helper's generator): "$81,000" (165x71) read "8100", "25.000" (99x30) "2500".
    /// The three zeros were cut into two pieces, the first two zeros wide and read as a sure 0;
    /// it holds two loops side by side (`loopsSideBySide`), and the cut between the loops,
    /// midway, makes each zero a piece.
    func testOverlappingZerosWrittenInOneStrokeAreEachAZero() throws {
        for (file, truth) in [("cheque-overlapping-zeros-81000.jpg", "81000"), ("cheque-overlapping-zeros-25000.jpg", "25000")] {
            let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url(file).path)).text
            XCTAssertEqual(read.replacingOccurrences(of: " ", with: ""), truth, file)
        }
    }
}
