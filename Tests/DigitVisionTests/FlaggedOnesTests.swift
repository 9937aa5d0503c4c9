import DigitNet
import Foundation
import XCTest
@testable import DigitVision

/// A 1 with a long flag, read as a doubtful 7, is read as a 1 (FlaggedOnes.swift).
final class FlaggedOnesTests: XCTestCase {
    /// A mask `width` x `height` inked within 1.5 pixels of the segments `strokes`.
    func drawn(width: Int, height: Int, _ strokes: [((Double, Double), (Double, Double))]) -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width {
            let p = (Double(x) + 0.5, Double(y) + 0.5)
            for (a, b) in strokes {
                let (dx, dy) = (b.0 - a.0, b.1 - a.1)
                let t = Swift.max(0, Swift.min(1, ((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)))
                if hypot(p.0 - a.0 - t * dx, p.1 - a.1 - t * dy) <= 1.5 { mask[y * width + x] = 255 }
            }
        } }
        return mask
    }

    func testAOneWithALongFlagIsShapedSo() {
        // A stem at x = 15 from the top to the foot, its flag from the top down to (2, 12).
        let one = drawn(width: 18, height: 30, [((15, 1), (15, 29)), ((15, 1), (2, 12))])
        XCTAssertTrue(isShapedLikeAFlaggedOne(one, width: 18, height: 30))
    }

    func testSevensAreNot() {
        // A level bar across the top, the stem down to the left.
        let level = drawn(width: 20, height: 30, [((1, 2), (19, 2)), ((19, 2), (8, 29))])
        XCTAssertFalse(isShapedLikeAFlaggedOne(level, width: 20, height: 30), "a level bar")
        // A bar rising to the right from a fifth of the height.
        let rising = drawn(width: 20, height: 30, [((1, 6), (19, 1)), ((19, 1), (9, 29))])
        XCTAssertFalse(isShapedLikeAFlaggedOne(rising, width: 20, height: 30), "a rising bar")
        // The continental 7: a flag-like bar from a peak, and a bar across the stem at 60%.
        let crossed = drawn(width: 20, height: 30, [((13, 1), (15, 29)), ((13, 1), (2, 9)), ((6, 18), (19, 18))])
        XCTAssertFalse(isShapedLikeAFlaggedOne(crossed, width: 20, height: 30), "a crossed 7")
    }

    /// Only a doubtful 7 whose second reading is a 1 is swapped, and only when shaped so.
    func testOnlyADoubtfulSevenWithAOneSecondIsReadAsAOne() {
        let one = Crop(box: Box(x: 0, y: 0, width: 18, height: 30), mask: drawn(width: 18, height: 30, [((15, 1), (15, 29)), ((15, 1), (2, 12))]))
        let bar = Crop(box: Box(x: 0, y: 0, width: 20, height: 30), mask: drawn(width: 20, height: 30, [((1, 2), (19, 2)), ((19, 2), (8, 29))]))
        func reading(_ pairs: [Int: Float]) -> [Float] { (0..<10).map { pairs[$0] ?? 0.01 } }
        var p = reading([7: 0.46, 1: 0.44]) + reading([7: 0.46, 1: 0.44])
        readingFlaggedOnes([bar, one], probabilities: &p)
        XCTAssertEqual(p[7], 0.46, "a 7 with a bar stays a 7")
        XCTAssertEqual(p[17], 0.44, "the flagged one's 7 and 1 are swapped")
        XCTAssertEqual(p[11], 0.46)
        let unchanged: [([Int: Float], String)] = [([7: 0.95, 1: 0.04], "a sure 7"), ([7: 0.5, 4: 0.4, 1: 0.08], "a 4 second")]
        for (pairs, why) in unchanged {
            var q = reading(pairs)
            readingFlaggedOnes([one], probabilities: &q)
            XCTAssertEqual(q, reading(pairs), why)
        }
    }
}

extension PipelineTests {
    /// Real-dev's page of "0123456789" written three times (chengluyu): its first 1 has a long
    /// flag and read as a 7 at 0.46 (1 at 0.44), "0723456789 …".
    func testAOneWithALongFlagReadsAsAOne() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/chengluyu_realphoto.jpg").path)
        XCTAssertEqual(try recognizer().recognize(photo).text, "0123456789 012345678910 012345678910")
    }
}
