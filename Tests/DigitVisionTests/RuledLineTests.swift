import DigitNet
import XCTest
@testable import DigitVision

/// Ruled-line removal (RuledLines.swift).
final class RuledLineTests: XCTestCase {
    func testARuleSteppingDownOneRowIsStillARule() {
        // A rule 100 pixels long, its left half on row 20 and its right half on row 21 (a scan
        // levelled to within a pixel), each half shorter than the 60-pixel run a rule needs;
        // and a 30-pixel stroke elsewhere, which stays.
        let (w, h) = (120, 40)
        var binary = [UInt8](repeating: 0, count: w * h)
        for x in 10..<60 { binary[20 * w + x] = 255 }
        for x in 60..<110 { binary[21 * w + x] = 255 }
        for x in 40..<70 { binary[5 * w + x] = 255 }
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 60, verticalRun: 60))
        XCTAssertEqual((0..<w).filter { binary[20 * w + $0] != 0 || binary[21 * w + $0] != 0 }.count, 0, "the rule is gone")
        XCTAssertEqual((0..<w).filter { binary[5 * w + $0] != 0 }.count, 30, "the short stroke stays")
    }

    /// A pale printed line (ink level 70) with dark writing (230) on it: a stroke running along
    /// the line for 30 pixels and one crossing it. Told the levels, the line goes and every
    /// dark pixel stays; by shape alone, the stroke along the line goes with it (and the
    /// crossing stroke keeps only its ends beyond the line's band).
    func testWritingDarkerThanAPaleLineKeepsItsStrokesAlongTheLine() {
        let (w, h) = (160, 40)
        var binary = [UInt8](repeating: 0, count: w * h), levels = [UInt8](repeating: 0, count: w * h)
        for x in 0..<w { for y in 20...21 { binary[y * w + x] = 255; levels[y * w + x] = 70 } }
        for x in 40..<70 { for y in 19...22 { binary[y * w + x] = 255; levels[y * w + x] = 230 } }
        for y in 8..<34 { for x in 110...112 { binary[y * w + x] = 255; levels[y * w + x] = 230 } }
        // More writing off the line, as on a page: the writing's level is measured there.
        for x in 20..<50 { for y in 4...6 { binary[y * w + x] = 255; levels[y * w + x] = 230 } }
        let original = binary
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 60, verticalRun: 60, levels: levels))
        for i in 0..<(w * h) where original[i] != 0 {
            XCTAssertEqual(binary[i] != 0, levels[i] == 230, "pixel (\(i % w), \(i / w)) of level \(levels[i])")
        }
        var byShape = original
        XCTAssertTrue(removeStraightLines(&byShape, width: w, height: h, horizontalRun: 60, verticalRun: 60))
        XCTAssertEqual((40..<70).filter { byShape[20 * w + $0] != 0 }.count, 0, "by shape alone the stroke along the line goes")
        XCTAssertTrue((Array(8..<15) + Array(27..<34)).allSatisfy { byShape[$0 * w + 111] != 0 }, "the crossing stroke's ends stay")
    }

    func testARuleWithDropoutsIsStillARule() {
        // A rule 100 pixels long on row 20 with a one- and a two-pixel gap (binarization
        // dropouts): no unbroken piece reaches the 60-pixel run, yet it is one rule.
        let (w, h) = (120, 40)
        var binary = [UInt8](repeating: 0, count: w * h)
        for x in 10..<110 where x != 45 && x != 70 && x != 71 { binary[20 * w + x] = 255 }
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 60, verticalRun: 60))
        XCTAssertEqual((0..<w).filter { binary[20 * w + $0] != 0 }.count, 0, "the rule is gone")
    }

    func testABoxUprightWithDropoutsIsStillARule() {
        // A form box's upright 100 pixels long in column 30, broken every 12 pixels by a
        // one- or two-pixel dropout (a line turned level and binarized again).
        let (w, h) = (80, 120)
        var binary = [UInt8](repeating: 0, count: w * h)
        for y in 10..<110 where y % 12 != 0 && y % 17 != 0 { binary[y * w + 30] = 255 }
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 60, verticalRun: 60))
        XCTAssertEqual((0..<h).filter { binary[$0 * w + 30] != 0 }.count, 0, "the upright is gone")
    }

    func testALongDigitStemIsNoUprightButABoxSideIs() {
        // Column 20: the stem of a 7 with a long descender on a tilted page, 70 pixels and
        // meeting no rule. Column 60: a box's side as long, standing on a rule (row 100) that
        // runs 130 pixels across. The side goes with the rule; the stem stays.
        let (w, h) = (160, 120)
        var binary = [UInt8](repeating: 0, count: w * h)
        for y in 20..<90 { binary[y * w + 20] = 255 }
        for y in 30..<101 { binary[y * w + 60] = 255 }
        for x in 20..<150 { binary[101 * w + x] = 255 }
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 120, verticalRun: 60))
        XCTAssertEqual((20..<90).filter { binary[$0 * w + 20] != 0 }.count, 70, "the stem stays")
        XCTAssertEqual((30..<101).filter { binary[$0 * w + 60] != 0 }.count, 0, "the box's side is gone")
    }

    func testASolidPatchHoldsNoRule() {
        // A dark wedge of desk in a tilted photo's corner: every row is a long run of ink, but
        // inside a solid patch, not a thin rule. Nothing is erased.
        let (w, h) = (200, 100)
        var binary = [UInt8](repeating: 0, count: w * h)
        for y in 20..<80 { for x in (40 + y)..<190 { binary[y * w + x] = 255 } }
        let before = binary.filter { $0 != 0 }.count
        XCTAssertFalse(removeStraightLines(&binary, width: w, height: h, horizontalRun: 60, verticalRun: 40))
        XCTAssertEqual(binary.filter { $0 != 0 }.count, before, "the patch is left whole")
    }

    func testRulesOfGraphPaperAreRulesThoughCloseTogether() {
        // Rules 100 pixels long every 7 rows (graph paper): ink 6 pixels above and below each,
        // but the next rule, not a solid patch. All are erased.
        let (w, h) = (120, 60)
        var binary = [UInt8](repeating: 0, count: w * h)
        for y in Swift.stride(from: 10, to: 50, by: 7) { for x in 10..<110 { binary[y * w + x] = 255 } }
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 60, verticalRun: 60))
        XCTAssertEqual(binary.filter { $0 != 0 }.count, 0, "every rule is gone")
    }

    func testSpeckledTextureIsNoUpright() {
        // A speckled patch (a shadowed desk in a photo): every column holds long runs once
        // two-pixel gaps are bridged, but the patch is dense, not a lone line. Nothing is erased.
        let (w, h) = (80, 120)
        var binary = [UInt8](repeating: 0, count: w * h)
        var seed: UInt64 = 12345
        for y in 10..<110 { for x in 20..<60 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            if (seed >> 33) % 10 < 7 { binary[y * w + x] = 255 }
        } }
        let before = binary.filter { $0 != 0 }.count
        removeStraightLines(&binary, width: w, height: h, horizontalRun: 200, verticalRun: 60)
        XCTAssertEqual(binary.filter { $0 != 0 }.count, before, "the patch is left whole")
    }

    func testFlatStrokesSteppingBetweenRowsWithGapsAreNoRule() {
        // The flat bottoms of joined zeros on a tilted cheque: 15-pixel pieces stepping down a
        // row at a time with two-pixel gaps, 70 pixels in all. Bridging the gaps would join them
        // into a run long enough to erase; they do not lie along one row, so they stay.
        let (w, h) = (120, 40)
        var binary = [UInt8](repeating: 0, count: w * h)
        for piece in 0..<4 { for x in (10 + 17 * piece)..<(25 + 17 * piece) { binary[(20 + piece % 2) * w + x] = 255 } }
        let before = binary.filter { $0 != 0 }.count
        XCTAssertFalse(removeStraightLines(&binary, width: w, height: h, horizontalRun: 60, verticalRun: 60))
        XCTAssertEqual(binary.filter { $0 != 0 }.count, before, "nothing erased")
    }

    func testARuleTheCropWasCutAlongGoesThoughShortAndStepping() {
        // A cheque's amount cropped along its rule: the rule runs out of the picture on the
        // right, has lost its left end to blur, steps down a row halfway, and at 70 pixels is
        // shorter than the 77 a rule beside 35-pixel digits needs. Rings stand on it (zeros
        // touching the rule). The rule goes; the zeros stay (down to two rows above the rule:
        // ink that close may go with it, as beside any rule).
        let (w, h) = (90, 50)
        var binary = [UInt8](repeating: 0, count: w * h)
        for x in 20..<90 { binary[(x < 55 ? 40 : 41) * w + x] = 255 }
        for cx in [30, 55, 75] {
            for y in 8..<40 { for x in (cx - 9)...(cx + 9) {
                let dx = Double(x - cx) / 9, dy = Double(y - 24) / 16, r = dx * dx + dy * dy
                if r <= 1 && r >= 0.55 { binary[y * w + x] = 255 }
            } }
        }
        let rings = (8..<38).map { y in (0..<w).filter { binary[y * w + $0] != 0 }.count }
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 77, verticalRun: 47))
        // (Where a zero's stroke comes down onto the rule, the rule's pixel under it stays
        // with the stroke.)
        let ruleLeft = (40..<42).map { y in (0..<w).filter { binary[y * w + $0] != 0 && binary[39 * w + $0] == 0 }.count }
        XCTAssertEqual(ruleLeft, [0, 0], "the rule is gone")
        XCTAssertEqual((8..<38).map { y in (0..<w).filter { binary[y * w + $0] != 0 }.count }, rings, "the zeros stay")
        // The same steps stopping short of the picture's edge are no rule of the crop.
        var inside = [UInt8](repeating: 0, count: w * h)
        for x in 10..<80 { inside[(x < 45 ? 40 : 41) * w + x] = 255 }
        XCTAssertFalse(removeStraightLines(&inside, width: w, height: h, horizontalRun: 77, verticalRun: 47))
        // Nor are joined zeros' flat bottoms that reach the edge: pieces stepping between
        // rows with two-pixel gaps, inked along less than 90% of their run.
        var zeros = [UInt8](repeating: 0, count: w * h)
        for piece in 0..<5 { for x in (17 + 15 * piece)..<Swift.min(w, 30 + 15 * piece) { zeros[(40 + piece % 2) * w + x] = 255 } }
        XCTAssertFalse(removeStraightLines(&zeros, width: w, height: h, horizontalRun: 77, verticalRun: 47))
    }

    func testASlantedBoxSideBetweenTwoRulesGoesAndADigitInTheBoxStays() throws {
        // Two rules (rows 10 and 60) and a box's side between them slanting 8 pixels over 48
        // rows (a form photographed from below). In the box, a "1" standing on the bottom
        // rule but short of the top one, and a slanted "1" touching neither.
        let (w, h) = (200, 80)
        var binary = [UInt8](repeating: 0, count: w * h)
        for x in 10..<190 { binary[10 * w + x] = 255; binary[60 * w + x] = 255 }
        for y in 11..<60 { binary[y * w + 30 + (y - 11) / 6] = 255 }
        for y in 25..<60 { binary[y * w + 80] = 255; binary[y * w + 81] = 255 }
        for y in 20..<52 { binary[y * w + 130 + (y - 20) / 5] = 255 }
        let before = binary
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 120, verticalRun: 60))
        // (The rules take the ink within two pixels of them along.)
        XCTAssertEqual((14..<56).filter { binary[$0 * w + 30 + ($0 - 11) / 6] != 0 }.count, 42, "the slanted side is no upright run")
        removeSlantedBoxSides(&binary, inkBeforeLineRemoval: before, width: w, height: h, digitHeight: 30)
        XCTAssertEqual((11..<60).filter { binary[$0 * w + 30 + ($0 - 11) / 6] != 0 }.count, 0, "the side is gone")
        XCTAssertEqual((25..<55).filter { binary[$0 * w + 80] != 0 }.count, 30, "the 1 on the rule stays")
        XCTAssertEqual((20..<52).filter { binary[$0 * w + 130 + ($0 - 20) / 5] != 0 }.count, 32, "the slanted 1 stays")
    }

    func testTheDashesOfAFaintBoxSideGoWithItAndAStrokeTouchingItStays() throws {
        // A box on a page turned level: its rule (row 100) dark, its left side (column 30)
        // resampled faint, under the ink threshold but for two 15-pixel dashes, each shorter
        // than an upright must be. A stroke of a digit crosses the side (row 85), and a "1"
        // stands in the box (column 70).
        let (w, h) = (120, 120)
        var levels = [UInt8](repeating: 0, count: w * h)
        for x in 10..<110 { levels[100 * w + x] = 220 }
        for y in 20..<100 { levels[y * w + 30] = (30..<45).contains(y) || (60..<75).contains(y) ? 150 : 80 }
        for x in 20..<45 { levels[85 * w + x] = 220 }
        for y in 40..<90 { levels[y * w + 70] = 220 }
        let inkMap = InkMap(width: w, height: h, levels: levels, binary: levels.map { $0 > 102 ? 255 : 0 }, threshold: 0.4)
        var binary = inkMap.binary
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 80, verticalRun: 40))
        XCTAssertEqual((20..<85).filter { binary[$0 * w + 30] != 0 }.count, 30, "the dashes are too short to be found at the threshold")
        removeFaintLineStretches(&binary, inkMap: inkMap, horizontalRun: 80, verticalRun: 40)
        XCTAssertEqual((20..<85).filter { binary[$0 * w + 30] != 0 }.count, 0, "the dashes are gone")
        XCTAssertEqual((20..<45).filter { binary[85 * w + $0] != 0 }.count, 25, "the crossing stroke stays whole")
        XCTAssertEqual((40..<90).filter { binary[$0 * w + 70] != 0 }.count, 50, "the 1 stays")
    }

    func testAStrokeCrossingAThickUprightKeepsItsInkAcrossIt() {
        // A bold table's upright, 6 pixels wide (columns 50–55), crossed by a stroke 3 pixels
        // thick (rows 40–42) and touched from the left only by another (rows 80–82), as a
        // digit written across a cell's side and one ending on it. The line with its band is
        // 10 pixels across: the crossing stroke's ink on the far side lies beyond the 4 pixels
        // a thin line's crossing is looked for in.
        let (w, h) = (120, 120)
        var binary = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 50...55 { binary[y * w + x] = 255 } }
        for y in 40...42 { for x in 30...80 { binary[y * w + x] = 255 } }
        for y in 80...82 { for x in 30...55 { binary[y * w + x] = 255 } }
        XCTAssertTrue(removeStraightLines(&binary, width: w, height: h, horizontalRun: 80, verticalRun: 60))
        XCTAssertEqual((30...80).filter { binary[41 * w + $0] != 0 }.count, 51, "the crossing stroke stays whole")
        XCTAssertEqual((48...55).filter { binary[81 * w + $0] != 0 }.count, 0, "the stroke ending on the line stops short of it")
        XCTAssertEqual((0..<35).filter { y in (50...55).contains { binary[y * w + $0] != 0 } }.count, 0, "the line is gone")
    }
}

/// Comb fields' teeth (CombTeeth.swift).
final class CombTeethTests: XCTestCase {
    /// A rule on row 60 (already erased) with six teeth 14 pixels tall standing on it every 30
    /// pixels, a written "1" 40 pixels tall standing on it too, and one short upright stroke
    /// by itself above the rule: the teeth go, the "1" and the lone stroke stay.
    func testTeethStandingOnAnErasedRuleAreErasedAndWritingStays() {
        let (w, h) = (240, 80)
        var before = [UInt8](repeating: 0, count: w * h)
        for x in 10..<230 { for y in 60...61 { before[y * w + x] = 255 } }
        let teeth = (0..<6).map { 20 + 30 * $0 }
        for x in teeth { for y in 46..<60 { for dx in 0...1 { before[y * w + x + dx] = 255 } } }
        for y in 20..<60 { for x in 200...202 { before[y * w + x] = 255 } }
        for y in 10..<24 { for x in 120...121 { before[y * w + x] = 255 } }
        var binary = before
        for x in 10..<230 { for y in 60...61 { binary[y * w + x] = 0 } }
        removeCombTeeth(&binary, inkBeforeLineRemoval: before, width: w, height: h, digitHeight: 40)
        for x in teeth { XCTAssertTrue((46..<60).allSatisfy { binary[$0 * w + x] == 0 }, "the tooth at x = \(x) is erased") }
        XCTAssertTrue((20..<60).allSatisfy { binary[$0 * w + 201] != 0 }, "the 1 on the rule stays")
        XCTAssertTrue((10..<24).allSatisfy { binary[$0 * w + 120] != 0 }, "the lone stroke stays")
    }

    /// Two teeth on a rule are no comb: a writer's two short strokes might stand so.
    func testTwoTeethAreNoComb() {
        let (w, h) = (120, 80)
        var before = [UInt8](repeating: 0, count: w * h)
        for x in 10..<110 { before[60 * w + x] = 255 }
        for x in [30, 60] { for y in 46..<60 { before[y * w + x] = 255 } }
        var binary = before
        for x in 10..<110 { binary[60 * w + x] = 0 }
        let kept = binary
        removeCombTeeth(&binary, inkBeforeLineRemoval: before, width: w, height: h, digitHeight: 40)
        XCTAssertEqual(binary, kept)
    }
}

/// Thin candidates on a page whose lines were erased (`isThinLeftover`, NonDigitShapes.swift).
final class ThinLeftoverTests: XCTestCase {
    /// A 120x100 page: a rule on rows 80–81 and a box side in column 30 from row 10 to row 80,
    /// both erased but for the side's stretch on rows 30–60 (left between its erased parts);
    /// a thin 1 in column 70 standing on the rule (rows 40–79). Among bold digits (stroke 6),
    /// the stretch is a leftover of the line and the 1 is writing.
    func testAStretchOfABoxSideIsALeftoverAndAThin1OnTheRuleIsWriting() {
        let (w, h) = (120, 100)
        var before = [UInt8](repeating: 0, count: w * h)
        for x in 0..<w { for y in 80...81 { before[y * w + x] = 255 } }
        for y in 10..<80 { before[y * w + 30] = 255 }
        for y in 40..<80 { before[y * w + 70] = 255 }
        var after = before
        for x in 0..<w { for y in 80...81 { after[y * w + x] = 0 } }
        for y in 10..<80 where !(30...60).contains(y) { after[y * w + 30] = 0 }
        let erased = ErasedInk(before: before, after: after, width: w)
        let stretch = Crop(box: Box(x: 30, y: 30, width: 1, height: 31), mask: [UInt8](repeating: 255, count: 31))
        let one = Crop(box: Box(x: 70, y: 40, width: 1, height: 40), mask: [UInt8](repeating: 255, count: 40))
        XCTAssertTrue(erased.continuesBeyondAnEnd(stretch))
        XCTAssertFalse(erased.continuesBeyondAnEnd(one))
        XCTAssertTrue(isThinLeftover(stretch, stroke: 1, typicalStroke: 6, erasedLines: erased, among: [stretch, one], digitHeight: 40))
        XCTAssertFalse(isThinLeftover(one, stroke: 1, typicalStroke: 6, erasedLines: erased, among: [stretch, one], digitHeight: 40))
        XCTAssertFalse(isThinLeftover(stretch, stroke: 3, typicalStroke: 6, erasedLines: erased, among: [stretch, one], digitHeight: 40), "as thick as the writing")
    }

    /// On a page without erased lines, a thin digit in line with others is writing; a sliver
    /// hugging a digit, or a thin mark in line with nothing, is not.
    func testOffLinesAThinDigitInLineIsWritingAndASliverIsNot() {
        func crop(_ x: Int, _ y: Int, _ width: Int, _ height: Int) -> Crop {
            Crop(box: Box(x: x, y: y, width: width, height: height), mask: [UInt8](repeating: 255, count: width * height))
        }
        let digits = [crop(10, 20, 24, 40), crop(50, 20, 24, 40), crop(130, 20, 24, 40)]
        let thinDigit = crop(95, 22, 10, 38), sliver = crop(75, 22, 2, 36), speck = crop(300, 200, 3, 30)
        let all = digits + [thinDigit, sliver, speck]
        XCTAssertFalse(isThinLeftover(thinDigit, stroke: 1, typicalStroke: 6, erasedLines: nil, among: all, digitHeight: 40))
        XCTAssertTrue(isThinLeftover(sliver, stroke: 1, typicalStroke: 6, erasedLines: nil, among: all, digitHeight: 40))
        XCTAssertTrue(isThinLeftover(speck, stroke: 1, typicalStroke: 6, erasedLines: nil, among: all, digitHeight: 40))
    }
}
