import XCTest
@testable import DigitVision

/// The text direction and reading order (ReadingOrder.swift); numbers within a line, "clearly
/// apart" judged against the writer's own spacing of digits.
final class ReadingOrderTests: XCTestCase {
    /// The pipeline's defaults: the number gap and the text directions believed.
    let parameters = PipelineParameters()

    /// One level line of digits whose centres zigzag (descenders, small and tall digits): the
    /// step from each digit to its nearest neighbour points 18° up or down, so their median
    /// is a tilt, but the line fitted whole is level; the page is not turned and the digits
    /// read left to right (it was read "034 69 407" for "69 407 034").
    func testAZigzagLevelLineIsNotTakenForATilt() {
        let h = 40.0
        let boxes = [0, 25, 80, 105, 130, 190, 215, 240].enumerated().map { i, x in
            Box(x: 100 + x, y: 100 + (i % 2 == 1 ? -8 : 0), width: 20, height: 40)
        }
        let steps = neighbourAngles(boxes, digitHeight: h)
        XCTAssertGreaterThan(abs(mostAgreedAngle(steps)) * 180 / .pi, 10, "the nearest-neighbour guess alone is fooled")
        XCTAssertEqual(estimateSkew(boxes, digitHeight: h, maximumTextAngle: parameters.maximumTextAngle) * 180 / .pi, 0, accuracy: 2)
        XCTAssertNil(Deskew(candidates: boxes, digitHeight: h, sourceWidth: 640, sourceHeight: 480, maximumTextAngle: parameters.maximumTextAngle))
        let order = readingOrder(boxes, digitHeight: h, parameters: parameters)
        XCTAssertEqual(order.lines.count, 1)
        XCTAssertEqual(order.lines.first?.flatMap { $0 }, Array(0..<8))
    }

    /// Two numbers of two digits on a level line, "27 18" as a reviewer wrote it: the 7 hangs
    /// lower than the 2 and the 8 than the 1, so both steps inside a number point 9–14° down,
    /// and no line of the guess has three digits to fit. Turned by the guess, the two numbers
    /// fell on two lines and read "18 27"; every two digits far enough apart say level, and put
    /// all four on one line.
    func testTwoShortNumbersOnALevelLineAreNotTurnedApart() {
        let h = 35.0
        let boxes = [Box(x: 80, y: 31, width: 33, height: 35), Box(x: 107, y: 38, width: 24, height: 32),
                     Box(x: 182, y: 33, width: 19, height: 32), Box(x: 206, y: 36, width: 27, height: 35)]
        XCTAssertGreaterThan(mostAgreedAngle(neighbourAngles(boxes, digitHeight: h)) * 180 / .pi, 8, "the steps inside the numbers tilt")
        XCTAssertEqual(estimateSkew(boxes, digitHeight: h, maximumTextAngle: parameters.maximumTextAngle) * 180 / .pi, 0, accuracy: 3)
        let order = readingOrder(boxes, digitHeight: h, parameters: parameters)
        XCTAssertEqual(order.lines.map { $0.flatMap { $0 } }, [[0, 1, 2, 3]])
        // Two such numbers one above the other stay two lines.
        let stacked = boxes.prefix(2) + boxes.prefix(2).map { Box(x: $0.x + 10, y: $0.y + 70, width: $0.width, height: $0.height) }
        XCTAssertEqual(readingOrder(Array(stacked), digitHeight: h, parameters: parameters).lines.count, 2)
        // Two level numbers one above the other, the upper one to the right (a reviewer's
        // staggered "12 34" read "34 12"): their diagonal puts them on one line too, but it
        // is no nearer level than the steps inside the numbers, and they stay two lines.
        let level = [Box(x: 200, y: 40, width: 20, height: 40), Box(x: 225, y: 40, width: 20, height: 40),
                     Box(x: 80, y: 100, width: 20, height: 40), Box(x: 105, y: 100, width: 20, height: 40)]
        let staggered = readingOrder(level, digitHeight: 40, parameters: parameters)
        XCTAssertEqual(staggered.lines.map { $0.flatMap { $0 } }, [[0, 1], [2, 3]])
    }

    /// A form's three boxed digits on a level line, plus a leftover piece of a box side above
    /// the first digit (the boxes of c1form_test1_01 blurred): the piece and the first digit
    /// are each other's nearest neighbours at 41°, so two of the four steps are 41° and two
    /// level. The tie goes to level, and the three digits read as one level line (they read
    /// as lines "2", "1", "10").
    /// A row of form cells, each digit written higher or lower in its box (a generated form
    /// crop's digits, as the pipeline found them): the high 7 is over half a digit above the 8
    /// before it, so the chain broke there, and the two pieces' mean positions are 0.6 of a
    /// digit apart: "08719597" read "71959 7 08". One after the other along the line, their
    /// digits' extents overlapping, they are one line.
    func testDigitsWrittenUpAndDownAlongARowAreOneLine() {
        let boxes = [Box(x: 32, y: 27, width: 56, height: 36), Box(x: 112, y: 37, width: 26, height: 38), Box(x: 206, y: 11, width: 21, height: 38),
                     Box(x: 278, y: 27, width: 10, height: 38), Box(x: 330, y: 29, width: 31, height: 38), Box(x: 384, y: 26, width: 35, height: 38),
                     Box(x: 462, y: 18, width: 25, height: 38), Box(x: 565, y: 27, width: 25, height: 42)]
        XCTAssertEqual(textLines(boxes, angle: estimateSkew(boxes, digitHeight: 38, maximumTextAngle: parameters.maximumTextAngle), digitHeight: 38).count, 2, "the chain breaks")
        let order = readingOrder(boxes, digitHeight: 38, parameters: parameters)
        XCTAssertEqual(order.lines.map { $0.flatMap { $0 } }, [Array(0..<8)])
        // A number written below and to the right of another, 0.7 of a digit lower: its digits
        // overlap the first's across the line by less than half. Two lines.
        let h = 40
        let first = (0..<3).map { Box(x: 100 + 30 * $0, y: 100, width: 22, height: h) }
        let second = (0..<3).map { Box(x: 260 + 30 * $0, y: 128, width: 22, height: h) }
        let twoLines = readingOrder(first + second, digitHeight: Double(h), parameters: parameters)
        XCTAssertEqual(twoLines.lines.map { $0.flatMap { $0 } }, [[0, 1, 2], [3, 4, 5]])
    }

    /// A generated form crop's digits ("50054" in five cells), the middle 0 written high in its
    /// cell: its line of one lies within the others' span along the text, in the gap between
    /// two of their digits, and was not joined ("0 50 54"). Two lines a digit height apart whose
    /// digits fall in each other's gaps stay two.
    func testADigitWrittenHighBetweenTwoOthersJoinsTheirLine() {
        let boxes = [Box(x: 176, y: 9, width: 18, height: 31), Box(x: 80, y: 22, width: 13, height: 38), Box(x: 133, y: 21, width: 20, height: 35),
                     Box(x: 220, y: 21, width: 16, height: 37), Box(x: 262, y: 19, width: 22, height: 39)]
        let order = readingOrder(boxes, digitHeight: 37, parameters: parameters, levelRows: true)
        XCTAssertEqual(order.lines.map { $0.flatMap { $0 } }, [[1, 2, 0, 3, 4]])
        let upper = (0..<3).map { Box(x: 100 + 60 * $0, y: 100, width: 22, height: 40) }
        let lower = (0..<2).map { Box(x: 130 + 60 * $0, y: 142, width: 22, height: 40) }
        XCTAssertEqual(readingOrder(upper + lower, digitHeight: 40, parameters: parameters).lines.map { $0.flatMap { $0 } }, [[0, 1, 2], [3, 4]])
    }

    /// The digits of a form crop's six boxes ("897755"), written high in some boxes and low in
    /// others: the direction found from them is 7° steep, and the crop read "5 51 8 9 77". In
    /// a form's boxes the rows are level: one line, in order.
    func testDigitsInAFormsBoxesStandInALevelRow() {
        let boxes = [Box(x: 329, y: 19, width: 37, height: 48), Box(x: 404, y: 23, width: 34, height: 62), Box(x: 45, y: 17, width: 36, height: 44),
                     Box(x: 114, y: 31, width: 36, height: 47), Box(x: 197, y: 41, width: 28, height: 46), Box(x: 248, y: 47, width: 31, height: 42)]
        XCTAssertGreaterThan(abs(estimateSkew(boxes, digitHeight: 46, maximumTextAngle: parameters.maximumTextAngle)) * 180 / .pi, 6)
        XCTAssertNotEqual(readingOrder(boxes, digitHeight: 46, parameters: parameters).lines.map { $0.flatMap { $0 } }, [[2, 3, 4, 5, 0, 1]])
        let inBoxes = readingOrder(boxes, digitHeight: 46, parameters: parameters, levelRows: true)
        XCTAssertEqual(inBoxes.lines.map { $0.flatMap { $0 } }, [[2, 3, 4, 5, 0, 1]])
        XCTAssertEqual(inBoxes.skewDegrees, 0)
    }

    func testAStrayPieceDoesNotTurnALevelLine() {
        let h = 18.0
        let boxes = [Box(x: 5, y: 9, width: 1, height: 14), Box(x: 16, y: 24, width: 16, height: 16),
                     Box(x: 60, y: 30, width: 4, height: 10), Box(x: 89, y: 29, width: 15, height: 19)]
        let steps = neighbourAngles(boxes, digitHeight: h)
        XCTAssertGreaterThan(steps[steps.count / 2] * 180 / .pi, 35, "the median step is the stray's 41°")
        XCTAssertLessThan(abs(estimateSkew(boxes, digitHeight: h, maximumTextAngle: parameters.maximumTextAngle)) * 180 / .pi, 10)
        let order = readingOrder(boxes, digitHeight: h, parameters: parameters)
        XCTAssertEqual(order.lines.map { $0.flatMap { $0 } }, [[0], [1, 2, 3]], "the stray above, then the digits in one line")
    }

    /// A line whose first chain (top to bottom) is a single high digit, 16 px above the
    /// chain of most of the line: that chain joins it, and so must the line's last chain,
    /// 15 px below the two together but 29 px below the 6 (a digit height is 60). Judged
    /// against the 6 alone, it became a line of its own after the others ("9364 54 5416"
    /// then "476" for "478364 54 5416": bold italic handwriting, digits 60 px tall).
    func testChainsOfOneLineJoinAtTheLinesMeanNotItsFirstDigit() {
        let boxes = [Box(x: 178, y: 131, width: 51, height: 72), Box(x: 201, y: 143, width: 57, height: 65),
                     Box(x: 258, y: 122, width: 57, height: 56), Box(x: 321, y: 142, width: 46, height: 67),
                     Box(x: 418, y: 141, width: 50, height: 62), Box(x: 472, y: 139, width: 45, height: 68),
                     Box(x: 582, y: 137, width: 46, height: 54), Box(x: 636, y: 140, width: 47, height: 66),
                     Box(x: 677, y: 138, width: 38, height: 69), Box(x: 701, y: 126, width: 56, height: 64),
                     Box(x: 81, y: 135, width: 41, height: 60), Box(x: 111, y: 142, width: 62, height: 67),
                     Box(x: 152, y: 170, width: 26, height: 36)]
        let lines = textLines(boxes, angle: 0, digitHeight: 60)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines.first?.members.sorted(), Array(0..<13))
    }

    /// The largest group of steps within ±8° wins, whether level or tilted; equal groups go to
    /// the most level.
    func testTheAngleMostStepsAgreeOnIsTheGuess() {
        let degree = Double.pi / 180
        XCTAssertEqual(mostAgreedAngle([0, 1, 2, 20, 21].map { $0 * degree }), 1 * degree, accuracy: 1e-9)
        XCTAssertEqual(mostAgreedAngle([0, 20, 21, 22].map { $0 * degree }), 21 * degree, accuracy: 1e-9)
        XCTAssertEqual(mostAgreedAngle([-30, -29, 6, 6].map { $0 * degree }), 6 * degree, accuracy: 1e-9)
    }

    /// Digits listed down the page, the page tilted 42°: the list runs at 48°, steeper than
    /// any tilted line of text, so it is read as lines of one digit, top to bottom.
    func testATiltedColumnOfDigitsIsReadTopToBottom() {
        let h = 40.0, step = 1.3 * h, angle = 48 * Double.pi / 180
        // Digit k of the list, k = 0 at the top: up and to the right in the picture.
        let boxes = (0..<9).map { k in
            Box(x: 100 + Int(Double(8 - k) * step * cos(angle)), y: 100 + Int(Double(k) * step * sin(angle)), width: 26, height: 40)
        }
        XCTAssertEqual(estimateSkew(boxes, digitHeight: h, maximumTextAngle: parameters.maximumTextAngle), 0)
        let order = readingOrder(boxes, digitHeight: h, parameters: parameters)
        XCTAssertEqual(order.lines.map { $0.flatMap { $0 } }, (0..<9).map { [$0] })
    }

    /// A cheque's amount tilted 20° and written in two joined blobs ("20" and "000"): too few
    /// separate digits for a direction, but their ink lies along one line, which gives it.
    func testTwoBlobsAlongATiltedLineGiveTheDirection() throws {
        let (w, h) = (300, 200)
        func segmentation(_ segments: [(from: (Double, Double), to: (Double, Double))]) -> Segmentation {
            var labels = [Int32](repeating: 0, count: w * h)
            var candidates = [Candidate]()
            for (k, segment) in segments.enumerated() {
                var x0 = w, y0 = h, x1 = 0, y1 = 0, area = 0
                for t in stride(from: 0.0, through: 1.0, by: 0.002) {
                    let cx = segment.from.0 + t * (segment.to.0 - segment.from.0), cy = segment.from.1 + t * (segment.to.1 - segment.from.1)
                    for dy in -6...6 { for dx in -6...6 where dx * dx + dy * dy <= 36 {
                        let x = Int(cx) + dx, y = Int(cy) + dy
                        if labels[y * w + x] == 0 { labels[y * w + x] = Int32(k + 1); area += 1 }
                        x0 = Swift.min(x0, x); y0 = Swift.min(y0, y); x1 = Swift.max(x1, x); y1 = Swift.max(y1, y)
                    } }
                }
                candidates.append(Candidate(box: Box(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1), labels: [Int32(k + 1)], area: area))
            }
            return Segmentation(candidates: candidates, digitHeight: 30, labels: ComponentLabels(width: w, height: h, labels: labels, components: []),
                                binary: labels.map { $0 == 0 ? 0 : 255 })
        }
        let rising = tan(20 * Double.pi / 180)
        let tilted = segmentation([((40, 150), (130, 150 - 90 * rising)), ((140, 150 - 100 * rising), (230, 150 - 190 * rising))])
        let deskew = Deskew(lineOfInk: tilted, sourceWidth: w, sourceHeight: h, maximumTextAngle: parameters.maximumTextAngle)
        XCTAssertEqual(try XCTUnwrap(deskew).angle * 180 / .pi, -20, accuracy: 1.5)
        // A page turned the full 35° whose writer also slopes upward: the ink runs at 38°.
        let steep = tan(38 * Double.pi / 180)
        let steeper = Deskew(lineOfInk: segmentation([((40, 170), (130, 170 - 90 * steep)), ((140, 170 - 100 * steep), (230, 170 - 190 * steep))]),
                             sourceWidth: w, sourceHeight: h, maximumTextAngle: parameters.maximumTextAngle)
        XCTAssertEqual(try XCTUnwrap(steeper, "beyond 35°, still a line of text").angle * 180 / .pi, -38, accuracy: 1.5)
        let fifty = tan(50 * Double.pi / 180)
        XCTAssertNil(Deskew(lineOfInk: segmentation([((60, 190), (110, 190 - 50 * fifty)), ((115, 190 - 55 * fifty), (165, 190 - 105 * fifty))]),
                            sourceWidth: w, sourceHeight: h, maximumTextAngle: parameters.maximumTextAngle), "steeper than any tilted line of text")
        XCTAssertNil(Deskew(lineOfInk: segmentation([((40, 100), (130, 100)), ((140, 100), (230, 100))]), sourceWidth: w, sourceHeight: h, maximumTextAngle: parameters.maximumTextAngle), "level: nothing to turn")
        XCTAssertNil(Deskew(lineOfInk: segmentation([((100, 60), (110, 120))]), sourceWidth: w, sourceHeight: h, maximumTextAngle: parameters.maximumTextAngle), "a lone upright 1 runs across the text, not along it")
    }

    let h = 40.0

    /// Boxes on one level line: each digit's left edge and width, in digit heights.
    func line(_ digits: [(x: Double, width: Double)]) -> [Box] {
        digits.map { Box(x: Int($0.x * h), y: 100, width: Int($0.width * h), height: Int(h)) }
    }

    func numberSizes(_ boxes: [Box]) -> [Int] {
        let order = readingOrder(boxes, digitHeight: h, parameters: parameters)
        XCTAssertEqual(order.lines.count, 1)
        return order.lines.first?.map(\.count) ?? []
    }

    func testEvenlyAndWidelySpacedDigitsWithANarrowOneAreOneNumber() {
        // Digits 0.6 wide, 0.7 apart (real-dev's tahaemara photos write so); the last is a
        // "1", a tenth wide, in the middle of its digit's slot (before: "3 2 68", "789 1").
        var digits = (0..<5).map { (x: Double($0) * 1.3, width: 0.6) }
        digits.append((x: 5 * 1.3 + 0.25, width: 0.1))
        XCTAssertEqual(numberSizes(line(digits)), [6])
    }

    func testTwoSingleDigitsADigitHeightApartAreTwoNumbers() {
        XCTAssertEqual(numberSizes(line([(0, 0.6), (1.8, 0.6)])), [1, 1], "\"4 7\"")
        XCTAssertEqual(numberSizes(line([(0, 0.6), (1.0, 0.6)])), [2], "\"47\"")
    }

    func testNumbersFartherApartThanTheirDigitsAreSplit() {
        // "12 81 5" written tight (0.2 between digits, 1.1 between numbers)…
        let tight = line([(0, 0.6), (0.8, 0.6), (2.5, 0.6), (3.3, 0.6), (5.0, 0.6)])
        XCTAssertEqual(numberSizes(tight), [2, 2, 1])
        // …and by a writer who spaces digits 0.8 apart and numbers 2.0.
        let wide = line([(0, 0.6), (1.4, 0.6), (4.0, 0.6), (5.4, 0.6), (8.0, 0.6)])
        XCTAssertEqual(numberSizes(wide), [2, 2, 1])
    }

    func testTheThresholdCutsAtTheWidestStepBetweenTheGaps() {
        XCTAssertEqual(numberGapThreshold([0.2, 0.3, 1.2, 0.25], minimum: 0.62), 0.75, accuracy: 1e-9)
        XCTAssertEqual(numberGapThreshold([0.5, 0.6, 0.7, 0.9], minimum: 0.62), 2.0, "one kind of gap: evenly spaced")
        XCTAssertEqual(numberGapThreshold([1.2], minimum: 0.62), 1.0, "a lone gap")
        XCTAssertEqual(numberGapThreshold([0.0, 0.05, 0.5], minimum: 0.62), 2.0, "no gap over the minimum")
        // A date written 0.5 apart within its groups and 1.0 between them.
        XCTAssertEqual(numberGapThreshold([0.5, 0.45, 1.0, 0.5, 1.0, 0.55, 0.5, 0.5], minimum: 0.62), 0.775, accuracy: 1e-9)
    }
}
