import XCTest
@testable import DigitVision

/// Step 5's decisions by recognition: cutting a wide blob into touching digits
/// (TouchingDigits.swift) and joining the pieces of a broken digit (BrokenDigits.swift).
/// The classifier's answers are given, so each test checks the decision alone.
final class SplitAndMergeTests: XCTestCase {
    /// A blob of two rings side by side, joined at the middle: its column profile has a
    /// minimum at the joint, so the plan holds the whole and its two halves.
    func twoRings(width: Int, height: Int) -> Crop {
        var mask = [UInt8](repeating: 0, count: width * height)
        let r = Double(Swift.min(width / 2, height)) / 2 - 1
        for (cx, cy) in [(Double(width) / 4, Double(height) / 2), (3 * Double(width) / 4, Double(height) / 2)] {
            for y in 0..<height { for x in 0..<width {
                let d = ((Double(x) + 0.5 - cx) * (Double(x) + 0.5 - cx) + (Double(y) + 0.5 - cy) * (Double(y) + 0.5 - cy)).squareRoot()
                if abs(d - r) < 1.5 { mask[y * width + x] = 255 }
            } }
        }
        return Crop(box: Box(x: 0, y: 0, width: width, height: height), mask: mask)
    }

    /// One flat ring filling `width` by `height` (a broad or flat 0): one loop, where two rings
    /// side by side are two digits by their shape (`loopsSideBySide`).
    func oneRing(width: Int, height: Int) -> Crop {
        var mask = [UInt8](repeating: 0, count: width * height)
        let (rx, ry) = (Double(width) / 2 - 1.5, Double(height) / 2 - 1.5)
        for y in 0..<height { for x in 0..<width {
            let dx = (Double(x) + 0.5 - Double(width) / 2) / rx, dy = (Double(y) + 0.5 - Double(height) / 2) / ry
            if abs((dx * dx + dy * dy).squareRoot() - 1) < 1.5 / ry { mask[y * width + x] = 255 }
        } }
        return Crop(box: Box(x: 0, y: 0, width: width, height: height), mask: mask)
    }

    /// Probabilities for every crop of `plan`: the whole reads as a 0 at `whole`, every piece
    /// as `pieceLabel` at `piece`.
    func probabilities(_ plan: SplitPlan, whole: Float, piece: Float, pieceLabel: Int = 0) -> [Float] {
        var p = [Float]()
        for k in plan.crops.indices {
            let (best, label) = k == 0 ? (whole, 0) : (piece, pieceLabel)
            var reading = [Float](repeating: (1 - best) / 9, count: 10)
            reading[label] = best
            p += reading
        }
        return p
    }

    func testABlobAsWideAsTheWritersDigitsIsCutOnlyWhenThePiecesReadFarBetter() {
        // The writer's digits are 30 wide: a 40-wide ring is more likely one broad digit,
        // whose halves read surely too, as 1s (0.97: the arcs of a broad 0), while the whole
        // reads with doubt (0.55).
        let broadZero = SplitPlan(oneRing(width: 40, height: 32), firstIndex: 0, digitHeight: 32, digitWidth: 30)
        XCTAssertGreaterThan(broadZero.crops.count, 2, "the plan holds pieces")
        XCTAssertEqual(broadZero.bestReading(probabilities(broadZero, whole: 0.55, piece: 0.97, pieceLabel: 1)), [0], "kept whole")
        let blob = twoRings(width: 40, height: 32)
        let oneDigitWide = SplitPlan(blob, firstIndex: 0, digitHeight: 32, digitWidth: 30)
        // Halves read as sure 0s are narrow zeros touching (a cheque's "00"): a split of sure
        // digits that are no 1 need beat the whole by `splitMarginWhenSure` only.
        XCTAssertEqual(oneDigitWide.bestReading(probabilities(oneDigitWide, whole: 0.55, piece: 0.97)).count, 2, "two zeros")
        // When the whole reads hardly at all, the cut wins even so.
        XCTAssertGreaterThan(oneDigitWide.bestReading(probabilities(oneDigitWide, whole: 0.15, piece: 0.97)).count, 1)
        // The same blob on a page of 18-wide digits is two digits.
        let twoDigitsWide = SplitPlan(blob, firstIndex: 0, digitHeight: 32, digitWidth: 18)
        XCTAssertEqual(twoDigitsWide.bestReading(probabilities(twoDigitsWide, whole: 0.55, piece: 0.97)).count, 2, "cut in two")
    }

    func testABlobTwoDigitsWideIsReadAsTwoNotAsItsFragments() {
        // Two rings joined ("00"), twice as wide as the writer's 30-pixel digits. Fragments of
        // a ring (arcs under 21 pixels wide) read as sure digits (0.999), the rings as fairly
        // sure ones (0.8): the fragments read best, but the blob has room for two digits only.
        let blob = twoRings(width: 60, height: 30)
        let plan = SplitPlan(blob, firstIndex: 0, digitHeight: 30, digitWidth: 30)
        XCTAssertGreaterThanOrEqual(plan.crops.dropFirst().filter { $0.box.width < 21 }.count, 3, "fragments are among the pieces")
        var p = [Float]()
        for (k, crop) in plan.crops.enumerated() {
            let best: Float = k == 0 ? 0.2 : (crop.box.width < 21 ? 0.999 : 0.8)
            p += [best] + [Float](repeating: (1 - best) / 9, count: 9)
        }
        let reading = plan.bestReading(p)
        XCTAssertEqual(reading.count, 2, "two digits: \(reading.map { plan.crops[$0].box })")
    }

    func testFragmentsNarrowerThanTheirReadingAreWrittenLoseToWholeDigits() {
        // "00" joined on a cheque with too few sure digits to know the writer's width, so the
        // blob's room for digits is unknown. Arcs of a ring (under 21 pixels wide) read as sure
        // 2s (0.99), each ring (26–34 pixels wide) as a fair 0 (0.8), the whole and other
        // pieces (a ring and an arc) as doubtful 0s (0.3). Most arcs are narrower than 2s are written (MNIST's 5th percentile: 0.65 as
        // wide as tall), so the two rings win, not four arcs.
        let blob = twoRings(width: 60, height: 30)
        let plan = SplitPlan(blob, firstIndex: 0, digitHeight: 30)
        XCTAssertGreaterThanOrEqual(plan.crops.dropFirst().filter { $0.box.width < 21 }.count, 3, "fragments are among the pieces")
        var p = [Float]()
        for (k, crop) in plan.crops.enumerated() {
            var reading = [Float](repeating: 0.01 / 9, count: 10)
            if k > 0 && crop.box.width < 21 { reading[2] = 0.99 } else {
                let zero: Float = k > 0 && (26...34).contains(crop.box.width) ? 0.8 : 0.3
                reading = [zero] + [Float](repeating: (1 - zero) / 9, count: 9)
            }
            p += reading
        }
        let reading = plan.bestReading(p)
        XCTAssertEqual(reading.map { plan.crops[$0].box.width >= 26 }, [true, true], "two rings: \(reading.map { plan.crops[$0].box })")
    }

    func testABlobFlatterThanAnyZeroIsCutEvenWhenThePiecesReadNoBetter() {
        // Two zeros joined by a stroke along their feet, 73 by 30 pixels, among digits 36
        // pixels tall, on a cheque with too few sure digits to know the writer's width. The
        // whole reads with doubt (0.55, given here as a 0; on the cheque a 2), its halves too
        // (0.6 each, less than the whole together): a blob 2.4 times as wide as tall is flatter
        // than any 0 or 2 is written, so it is cut all the same.
        var joinedZeros = twoRings(width: 73, height: 30)
        for x in 18..<56 { joinedZeros.mask[27 * 73 + x] = 255 }
        let plan = SplitPlan(joinedZeros, firstIndex: 0, digitHeight: 36)
        XCTAssertEqual(plan.bestReading(probabilities(plan, whole: 0.55, piece: 0.6)).count, 2, "cut in two")
        // A flat 0 (aspect 1.7) whose halves read fairly well (0.72 each) stays whole; were
        // the flattest 0 1.6 rather than 2, it would be cut.
        let flatZero = oneRing(width: 51, height: 30)
        let flatPlan = SplitPlan(flatZero, firstIndex: 0, digitHeight: 36)
        XCTAssertEqual(flatPlan.bestReading(probabilities(flatPlan, whole: 0.55, piece: 0.72)), [0], "kept whole")
    }

    func testABlobFlatterThanItsReadingIsEverWrittenIsCut() {
        // A joined "57" of a small cheque, 39 by 24 pixels (aspect 1.6): the whole reads as
        // a 9 (0.8), each half 0.8, together less than the whole. No one writes a 9 that
        // flat (MNIST's widest 9s: 1.31), so the halves win; a ring as flat read as a 0, which
        // is written that flat, stays whole.
        let blob = twoRings(width: 39, height: 24)
        let plan = SplitPlan(blob, firstIndex: 0, digitHeight: 24)
        var readAsNine = probabilities(plan, whole: 0.8, piece: 0.8)
        readAsNine.swapAt(0, 9)
        let pieces = plan.bestReading(readAsNine).map { plan.crops[$0].box }
        XCTAssertEqual(pieces.count, 2, "a 9 that flat is two digits")
        XCTAssertEqual(pieces.first?.x, 0, "the pieces cover the blob: \(pieces)")
        XCTAssertEqual(pieces.last?.maxX, 39, "the pieces cover the blob: \(pieces)")
        let flatZero = SplitPlan(oneRing(width: 39, height: 24), firstIndex: 0, digitHeight: 24)
        XCTAssertEqual(flatZero.bestReading(probabilities(flatZero, whole: 0.8, piece: 0.8)), [0], "a flat 0 stays whole")
    }

    func testALowStrokeJoiningTwoDigitsIsPassedOver() {
        // Two cursive zeros joined by a long tail along their feet (a cheque's "00"): 80 by 30
        // pixels, read whole as a doubtful 2 (0.6). No cut gives two digit-sized pieces that
        // hold the whole tail, but the tail between the rings is low ink, a connector: the
        // rings (0.8 each) are read and the tail passed over.
        let (w, h) = (80, 30)
        var mask = [UInt8](repeating: 0, count: w * h)
        for (cx, cy) in [(14.0, 15.0), (66.0, 15.0)] {
            for y in 0..<h { for x in 0..<w {
                let d = ((Double(x) + 0.5 - cx) * (Double(x) + 0.5 - cx) + (Double(y) + 0.5 - cy) * (Double(y) + 0.5 - cy)).squareRoot()
                if abs(d - 11) < 1.5 { mask[y * w + x] = 255 }
            } }
        }
        // The tail: two rows along the feet, one row where it is thinnest (the cuts).
        for x in 24..<57 { mask[26 * w + x] = 255; if x != 28 && x != 52 { mask[25 * w + x] = 255 } }
        let plan = SplitPlan(Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: mask), firstIndex: 0, digitHeight: 30)
        var p = [Float]()
        for (k, crop) in plan.crops.enumerated() {
            let ring = k > 0 && crop.box.width >= 20 && crop.box.width <= 30 && crop.box.height >= 20
            let reading: [Float] = k == 0 ? [0.1, 0.1, 0.6] + [Float](repeating: 0.2 / 7, count: 7) : [ring ? 0.8 : 0.3] + [Float](repeating: (ring ? 0.2 : 0.7) / 9, count: 9)
            p += reading
        }
        let pieces = plan.bestReading(p).map { plan.crops[$0].box }
        XCTAssertEqual(pieces.count, 2, "the two rings: \(pieces)")
        XCTAssertTrue(pieces.allSatisfy { $0.width <= 30 }, "the tail is left out: \(pieces)")
    }

    func testBrokenPiecesThatReadAsOneDigitAreJoined() {
        func crop(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> Crop {
            Crop(box: Box(x: x, y: y, width: w, height: h), mask: [UInt8](repeating: 255, count: w * h))
        }
        func reading(_ best: Float) -> [Float] { [best] + [Float](repeating: (1 - best) / 9, count: 9) }
        // A 9's stem read with doubt, its loop beside it (touching, shorter), and a digit
        // well apart.
        let crops = [crop(100, 100, 10, 30), crop(110, 100, 12, 18), crop(160, 100, 14, 30)]
        let pieces = reading(0.6) + reading(0.95) + reading(0.97)
        let pairs = BrokenDigitMerge.candidatePairs(crops, probabilities: pieces, digitHeight: 30, maximumUnionWidth: 30, sureConfidence: PipelineParameters().sureConfidence)
        XCTAssertEqual(pairs.map { [$0.first, $0.second] }, [[0, 1]], "only the touching pieces are a pair")
        XCTAssertEqual(pairs.first?.union.box, Box(x: 100, y: 100, width: 22, height: 30))
        XCTAssertEqual(BrokenDigitMerge.chosen(pairs, pieceProbabilities: pieces, unionProbabilities: reading(0.95), pieceHeights: crops.map(\.box.height)), [0], "the union reads surely: joined")
        XCTAssertEqual(BrokenDigitMerge.chosen(pairs, pieceProbabilities: pieces, unionProbabilities: reading(0.65), pieceHeights: crops.map(\.box.height)), [], "the union reads with doubt: kept apart")
        // Two sure digits of full height side by side are never tried together.
        let neighbours = [crop(100, 100, 12, 30), crop(113, 100, 12, 30)]
        XCTAssertTrue(BrokenDigitMerge.candidatePairs(neighbours, probabilities: reading(0.98) + reading(0.97), digitHeight: 30, maximumUnionWidth: 30, sureConfidence: PipelineParameters().sureConfidence).isEmpty)
    }

    func testAFragmentCutOffByARuleJoinsItsDigitThoughReadSurely() {
        func crop(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> Crop {
            Crop(box: Box(x: x, y: y, width: w, height: h), mask: [UInt8](repeating: 255, count: w * h))
        }
        func reading(_ best: Float) -> [Float] { [best] + [Float](repeating: (1 - best) / 9, count: 9) }
        // A tall 2 (56 pixels, among digits 40 tall) whose top ran along a ruled line: erasing
        // the line cut off the left of its top, an arc 27 pixels tall that reads as a sure 1
        // (0.93), beside the rest read as a 2 (0.86). Together they read as a 2 (0.82).
        let crops = [crop(10, 15, 12, 27), crop(23, 7, 24, 56)]
        let pieces = reading(0.93) + reading(0.86)
        let pairs = BrokenDigitMerge.candidatePairs(crops, probabilities: pieces, digitHeight: 40, maximumUnionWidth: 46, sureConfidence: PipelineParameters().sureConfidence)
        XCTAssertEqual(pairs.map { [$0.first, $0.second] }, [[0, 1]], "a union no taller than the 2 is tried")
        XCTAssertEqual(BrokenDigitMerge.chosen(pairs, pieceProbabilities: pieces, unionProbabilities: reading(0.82), pieceHeights: crops.map(\.box.height)), [0],
                       "the arc's sure 1 is a fragment's: joined")
        // The same on a tilted photo, where the seam makes the union read less surely (0.75):
        // a union holding a fragment need only read 0.7.
        XCTAssertEqual(BrokenDigitMerge.chosen(pairs, pieceProbabilities: pieces, unionProbabilities: reading(0.75), pieceHeights: crops.map(\.box.height)), [0])
        XCTAssertEqual(BrokenDigitMerge.chosen(pairs, pieceProbabilities: pieces, unionProbabilities: reading(0.65), pieceHeights: crops.map(\.box.height)), [],
                       "a union read with more doubt than that is no digit")
        // Two pieces of full height reading as surely are left apart.
        let tall = [crop(10, 7, 12, 56), crop(23, 7, 24, 56)]
        let tallPairs = BrokenDigitMerge.candidatePairs(tall, probabilities: reading(0.93) + reading(0.86), digitHeight: 40, maximumUnionWidth: 46, sureConfidence: PipelineParameters().sureConfidence)
        XCTAssertEqual(BrokenDigitMerge.chosen(tallPairs, pieceProbabilities: reading(0.93) + reading(0.86), unionProbabilities: reading(0.82), pieceHeights: tall.map(\.box.height)), [])
    }

    func testARuleBridgeJoinsOnlyTheStretchBetweenThePieces() {
        // A rule on rows 10-11 across a 60-pixel picture, erased. A hook (columns 5-14) and
        // a body (columns 22-34) each reach it from below: the bridge is the rule's stretch
        // between the columns where they touch it (15 and 21, a pixel aside), not the rule
        // beyond the pieces.
        let (w, h) = (60, 50)
        var erased = [UInt8](repeating: 0, count: w * h)
        for y in 10...11 { for x in 0..<w { erased[y * w + x] = 255 } }
        let blank = [UInt8](repeating: 0, count: w * h)
        func crop(_ x0: Int, _ x1: Int) -> Crop {
            var mask = [UInt8](repeating: 0, count: (x1 - x0) * 28)
            for y in 0..<28 { for x in 0..<(x1 - x0) where x == 0 || x == x1 - x0 - 1 || y == 0 { mask[y * (x1 - x0) + x] = 255 } }
            return Crop(box: Box(x: x0, y: 12, width: x1 - x0, height: 28), mask: mask)
        }
        let hook = crop(5, 15), body = crop(22, 35)
        let bridge = ruleBridge(hook, body, erased: ErasedInk(before: erased, after: blank, width: w), digitHeight: 30)
        XCTAssertEqual(Set(bridge.map(\.x)), Set(15...21), "from where the hook touches to where the body does")
        XCTAssertEqual(Set(bridge.map(\.y)), [10, 11])
        let union = unionCrop(hook, body, bridge: bridge)
        XCTAssertEqual(union.box, Box(x: 5, y: 10, width: 30, height: 30), "the union reaches up to the rule")
        // Pieces whose touching points are over half a digit height apart are not bridged.
        XCTAssertTrue(ruleBridge(hook, crop(40, 50), erased: ErasedInk(before: erased, after: blank, width: w), digitHeight: 30).isEmpty)
        // Nor are pieces that do not reach the erased ink.
        XCTAssertTrue(ruleBridge(hook, body, erased: ErasedInk(before: blank, after: blank, width: w), digitHeight: 30).isEmpty)
        // The bridged pair is tried though wider than a digit of this page (a tall 2 cut
        // apart by its rule, real-dev's cheque 007005 darkened or set on a desk); unbridged,
        // it is not.
        // (Here the hook reaches the body: columns 12-21, 23 wide together.)
        let reading: [Float] = [0.5, 0.3] + [Float](repeating: 0.025, count: 8)
        let touching = [crop(12, 22), body]
        XCTAssertEqual(BrokenDigitMerge.candidatePairs(touching, probabilities: reading + reading, digitHeight: 30, maximumUnionWidth: 22, sureConfidence: PipelineParameters().sureConfidence,
                                                       erasedRules: ErasedInk(before: erased, after: blank, width: w)).map { [$0.first, $0.second] }, [[0, 1]])
        XCTAssertTrue(BrokenDigitMerge.candidatePairs(touching, probabilities: reading + reading, digitHeight: 30, maximumUnionWidth: 22, sureConfidence: PipelineParameters().sureConfidence).isEmpty)
        // The hook's stroke crossing the rule and reaching above it (rows 9, and 12-28; the
        // rule's rows erased): the union, rows 9-39, is taller than the body and than 1.3 digit
        // heights of 20. Bridged, it is tried all the same (cheque 007005 shrunk to 70%: "16802"
        // for "2800", its 2 cut in two); unbridged, two pieces are never taller together than
        // their taller one or 1.3 digit heights.
        var crossing = [UInt8](repeating: 0, count: 10 * 20)
        for y in [0] + Array(3..<20) { for x in 0..<10 where x == 0 || x == 9 || y == 0 || y == 3 { crossing[y * 10 + x] = 255 } }
        let hookAboveTheRule = Crop(box: Box(x: 12, y: 9, width: 10, height: 20), mask: crossing)
        let unbridged = BrokenDigitMerge.candidatePairs([hookAboveTheRule, body], probabilities: reading + reading, digitHeight: 20,
                                                        maximumUnionWidth: 40, sureConfidence: PipelineParameters().sureConfidence)
        XCTAssertTrue(unbridged.isEmpty)
        let bridged = BrokenDigitMerge.candidatePairs([hookAboveTheRule, body], probabilities: reading + reading, digitHeight: 20, maximumUnionWidth: 40,
                                                      sureConfidence: PipelineParameters().sureConfidence, erasedRules: ErasedInk(before: erased, after: blank, width: w))
        XCTAssertEqual(bridged.map { [$0.first, $0.second] }, [[0, 1]])
        XCTAssertEqual(bridged.first?.union.box, Box(x: 12, y: 9, width: 23, height: 31))
    }
}

/// A thin pen's stroke broken into more than two pieces by the threshold (`mergePieces`).
final class BrokenThinStrokeTests: XCTestCase {
    func candidate(_ x: Int, _ y: Int, _ w: Int, _ h: Int, label: Int32) -> Candidate {
        Candidate(box: Box(x: x, y: y, width: w, height: h), labels: [label], area: w * h)
    }

    /// A form's "1" a pixel wide, on a slight colour cast: its top (1x3) and bottom (2x4) with
    /// the speck between them dropped, 4 pixels apart, digits 22 pixels tall. It had been
    /// lost ("0 2" for "012").
    func testPiecesOfAThinUprightStrokeOneUnderTheOtherJoin() {
        let pieces = [candidate(61, 30, 1, 3, label: 1), candidate(62, 37, 2, 4, label: 2)]
        let merged = mergePieces(pieces, digitHeight: 22, parameters: PipelineParameters())
        XCTAssertEqual(merged.map(\.box), [Box(x: 61, y: 30, width: 3, height: 11)])
        XCTAssertEqual(Set(merged[0].labels), [1, 2])
    }

    /// Aslant, so that no column holds both (those join anyway, as a broken stroke's pieces
    /// one above the other): specks (as wide as tall), strokes side by side, and stroke pieces
    /// further apart than a fifth of the digit height stay apart.
    func testSpecksAndPiecesFarApartStayApart() {
        let parameters = PipelineParameters()
        let specks = [candidate(10, 10, 3, 3, label: 1), candidate(13, 14, 3, 3, label: 2)]
        XCTAssertEqual(mergePieces(specks, digitHeight: 22, parameters: parameters).count, 2)
        let sideBySide = [candidate(10, 10, 1, 4, label: 1), candidate(13, 17, 1, 4, label: 2)]
        XCTAssertEqual(mergePieces(sideBySide, digitHeight: 22, parameters: parameters).count, 2)
        let farApart = [candidate(10, 10, 1, 4, label: 1), candidate(11, 20, 1, 4, label: 2)]
        XCTAssertEqual(mergePieces(farApart, digitHeight: 22, parameters: parameters).count, 2)
    }

    /// A column of digits growing down the page (real-dev's vinay0410_numbers2 in a
    /// 12-megapixel frame, read at 1600x1200): its "1" (18x19) 12 pixels over its "2" (21x21),
    /// the digit height 42 measured by the larger digits below. Joined, they read as a 3 ("3
    /// 3 4 5" for "1 2 3 4 5"). Pieces as tall but nearly touching (an 8 whose waist broke)
    /// and a 5's flat bar drawn apart still join.
    func testDigitsOneUnderTheOtherStayApart() {
        let parameters = PipelineParameters()
        let column = [candidate(675, 404, 18, 19, label: 1), candidate(673, 435, 21, 21, label: 2)]
        XCTAssertEqual(mergePieces(column, digitHeight: 42, parameters: parameters).count, 2)
        let brokenEight = [candidate(20, 10, 16, 19, label: 1), candidate(19, 33, 18, 20, label: 2)]
        XCTAssertEqual(mergePieces(brokenEight, digitHeight: 42, parameters: parameters).map(\.box), [Box(x: 19, y: 10, width: 18, height: 43)])
        let fiveWithItsBarApart = [candidate(22, 10, 20, 5, label: 1), candidate(20, 19, 18, 30, label: 2)]
        XCTAssertEqual(mergePieces(fiveWithItsBarApart, digitHeight: 42, parameters: parameters).count, 1)
    }
}

/// A digit whose bar or base is drawn on far past it is measured by its body (`bodyWidth`).
extension SplitAndMergeTests {
    /// A 5 whose top bar runs on past its bowl by half its width: its body is the bowl's
    /// columns. Two digits joined along their middles, or by a low stroke between them, keep
    /// their whole width.
    func testABarDrawnOnPastADigitIsNotItsBody() {
        func crop(_ rows: [String]) -> Crop {
            Crop(box: Box(x: 0, y: 0, width: rows[0].count, height: rows.count), mask: rows.flatMap { $0.map { $0 == "#" ? UInt8(255) : 0 } })
        }
        let fiveWithAFlag = ["..####################", "..##................", "..##................", "..##................",
                             "..#######...........", "........##..........", ".........##.........", ".........##.........",
                             "........##..........", "##....###...........", ".######.............", "....................."]
            .map { String($0.prefix(22)).padding(toLength: 22, withPad: ".", startingAt: 0) }
        XCTAssertEqual(bodyWidth(crop(fiveWithAFlag)), 9)
        let joined = [".####....####.", "##..##..##..##", "##..##..##..##", "##..######..##", "##..##..##..##", ".####....####."]
        XCTAssertEqual(bodyWidth(crop(joined)), 14)
    }
}

extension PipelineTests {
    /// A reviewer's generated photo (Fixtures/five-with-a-long-bar.jpg: "7946 45503 66465 306",
    /// MNIST test digits in pencil on grey paper, halved to 562x999). The first 5 of "45503"
    /// has a top bar as long as the digit is wide: its box, twice this writer's digit width,
    /// was cut into two sure 5s, "455503".
    func testAFiveWithALongBarIsOneDigit() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("five-with-a-long-bar.jpg").path)).text
        XCTAssertEqual(read, "7946 45503 66465 306")
    }
}
