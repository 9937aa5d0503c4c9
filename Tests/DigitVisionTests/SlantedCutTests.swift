import XCTest
@testable import DigitVision

/// Touching digits of writing that leans right, cut along its slant (TouchingDigits.swift).
final class SlantedCutTests: XCTestCase {
    /// Two rings leaning right (each row `lean` pixels further left per row down), side by side
    /// so close that every column between them holds ink of one or the other, but a line along
    /// their slant passes between them. Returns the crop and each ring's pixels.
    func twoLeaningRings(lean: Double) -> (crop: Crop, rings: [Set<Int>]) {
        let (width, height) = (46, 30)
        var mask = [UInt8](repeating: 0, count: width * height)
        var rings = [Set<Int>(), Set<Int>()]
        for (k, centreX) in [14.0, 31.0].enumerated() {
            for y in 0..<height { for x in 0..<width {
                // Undo the lean, then test the distance to an upright ellipse's outline.
                let dy = Double(y) + 0.5 - Double(height) / 2
                let dx = Double(x) + 0.5 - centreX + lean * dy
                let d = ((dx / 6) * (dx / 6) + (dy / 13) * (dy / 13)).squareRoot()
                if abs(d - 1) < 0.2 { mask[y * width + x] = 255; rings[k].insert(y * width + x) }
            } }
        }
        return (Crop(box: Box(x: 0, y: 0, width: width, height: height), mask: mask), rings)
    }

    /// The pixels of a piece, as indices into the whole crop's mask.
    func pixels(_ piece: Crop, in whole: Crop) -> Set<Int> {
        var set = Set<Int>()
        for y in 0..<piece.box.height { for x in 0..<piece.box.width where piece.mask[y * piece.box.width + x] != 0 {
            set.insert((y + piece.box.y - whole.box.y) * whole.box.width + x + piece.box.x - whole.box.x)
        } }
        return set
    }

    func testTheSlantOfWritingLeaningRightIsNegative() {
        let (crop, _) = twoLeaningRings(lean: 0.4)
        XCTAssertEqual(writingSlant(crop), -0.4, accuracy: 0.05)
        XCTAssertEqual(writingSlant(twoLeaningRings(lean: 0).crop), 0, accuracy: 0.02)
    }

    func testLeaningDigitsWithNoEmptyColumnBetweenThemAreCutAlongTheirSlant() {
        let (crop, rings) = twoLeaningRings(lean: 0.4)
        // No column is empty between the rings: straight cuts pass through one of them.
        let columnsOfRing = rings.map { Set($0.map { $0 % crop.box.width }) }
        XCTAssertFalse(columnsOfRing[0].isDisjoint(with: columnsOfRing[1]), "the rings share columns")
        let straight = SplitPlan(crop, firstIndex: 0, digitHeight: 30)
        XCTAssertFalse(straight.crops.dropFirst().contains { pixels($0, in: crop) == rings[0] }, "no straight cut frees the first ring")
        let slanted = SplitPlan(crop, firstIndex: straight.crops.count, digitHeight: 30, slant: writingSlant(crop))
        for (k, ring) in rings.enumerated() {
            XCTAssertTrue(slanted.crops.dropFirst().contains { pixels($0, in: crop) == ring }, "a slanted cut frees ring \(k)")
        }
        // Read: the whole with doubt, each ring surely, any other piece with doubt. The slanted
        // plan's two rings are the reading.
        var p = [Float]()
        for (k, piece) in (straight.crops + slanted.crops).enumerated() {
            let isRing = k > straight.crops.count && rings.contains(pixels(piece, in: crop))
            let best: Float = isRing ? 0.99 : 0.4
            p += [best] + [Float](repeating: (1 - best) / 9, count: 9)
        }
        let reading = SplitPlan.reading(straight: straight, slanted: slanted, probabilities: p)
        XCTAssertEqual(reading.map { pixels((straight.crops + slanted.crops)[$0], in: crop) }, rings)
    }

    func testASlantedReadingOnlyAsGoodAsTheStraightOneIsNotTaken() {
        let (crop, _) = twoLeaningRings(lean: 0.4)
        let straight = SplitPlan(crop, firstIndex: 0, digitHeight: 30)
        let slanted = SplitPlan(crop, firstIndex: straight.crops.count, digitHeight: 30, slant: writingSlant(crop))
        // Every piece of either plan reads alike (a 5 at 0.9; not a 0, which may be read from a
        // piece wider than other digits), the whole with doubt: the straight cut, the way
        // pieces were always cut, stands.
        var p = [Float]()
        for k in 0..<(straight.crops.count + slanted.crops.count) {
            let best: Float = k == 0 || k == straight.crops.count ? 0.2 : 0.9
            var reading = [Float](repeating: (1 - best) / 9, count: 10)
            reading[5] = best
            p += reading
        }
        let reading = SplitPlan.reading(straight: straight, slanted: slanted, probabilities: p)
        XCTAssertGreaterThan(reading.count, 1, "split")
        XCTAssertTrue(reading.allSatisfy { $0 < straight.crops.count }, "the straight plan's pieces: \(reading)")
    }
}

extension PipelineTests {
    /// Generated cheque amounts (MNIST test digits leaning right, on guilloche), each with two
    /// digits touching so that no column parts them: "10561,50" (Fixtures/cheque-slanted-5-
    /// touching-6.jpg, 241x60) read "1055150", the 5 and 6 cut straight into two 5s; "29956-"
    /// (cheque-slanted-2-touching-9.jpg, 156x59) read "2956", the 2 and 9 taken as one 2.
    func testSlantedTouchingDigitsOnChequesAreCutAlongTheirSlant() throws {
        for (file, truth) in [("cheque-slanted-5-touching-6.jpg", "1056150"), ("cheque-slanted-2-touching-9.jpg", "29956")] {
            let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url(file).path)).text
            XCTAssertEqual(read.replacingOccurrences(of: " ", with: ""), truth, file)
        }
    }
}
