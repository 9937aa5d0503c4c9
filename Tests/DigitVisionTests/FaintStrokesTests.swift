import Foundation
import XCTest
@testable import DigitVision

/// A doubtful digit read again with the fainter ink joined to it (FaintStrokes.swift,
/// `grownByFaintInk`, `readingFaintStrokes`).
final class FaintStrokesTests: XCTestCase {
    /// Ink levels of a 60x50 picture: a ring 30 pixels tall round (20, 25), its lower half at
    /// level 200 (over a cut of 100) and its upper half at 60 (under it).
    func ringWithAFaintTop() -> (levels: [UInt8], width: Int, height: Int) {
        let (w, h) = (60, 50)
        var levels = [UInt8](repeating: 5, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let dx = (Double(x) + 0.5 - 20) / 10, dy = (Double(y) + 0.5 - 25) / 15
                if abs((dx * dx + dy * dy).squareRoot() - 1) * 10 < 1.5 { levels[y * w + x] = y >= 25 ? 200 : 60 }
            }
        }
        return (levels, w, h)
    }

    /// The crop of the ink over `cut` inside `box`.
    func crop(_ levels: [UInt8], width: Int, box: Box, cut: UInt8 = 100) -> Crop {
        var mask = [UInt8](repeating: 0, count: box.width * box.height)
        for y in 0..<box.height { for x in 0..<box.width where levels[(y + box.y) * width + x + box.x] > cut { mask[y * box.width + x] = 255 } }
        return trimmed(Crop(box: box, mask: mask), columns: 0..<box.width)!
    }

    /// The ring's faint upper half is joined to its lower half: the crop grows to the whole ring.
    func testTheFaintHalfOfARingIsJoined() throws {
        let (levels, w, h) = ringWithAFaintTop()
        let strong = crop(levels, width: w, box: Box(x: 0, y: 0, width: w, height: h))
        XCTAssertLessThanOrEqual(strong.box.height, 17, "only the lower half is over the cut: \(strong.box)")
        let grown = try XCTUnwrap(grownByFaintInk(strong, levels: levels, erased: [], width: w, height: h, lowCut: 50, margin: 16, others: []))
        XCTAssertEqual(grown.box.y, 9, "the ring's top: \(grown.box)")
        XCTAssertEqual(grown.box.height, 33, "down to the ring's foot at row 41: \(grown.box)")
    }

    /// Nothing is taken from another digit's box, from next to an erased rule, or beyond the
    /// margin.
    func testOtherDigitsErasedRulesAndTheMarginBoundTheGrowth() throws {
        let (levels, w, h) = ringWithAFaintTop()
        let strong = crop(levels, width: w, box: Box(x: 0, y: 0, width: w, height: h))
        let besideAnother = try XCTUnwrap(grownByFaintInk(strong, levels: levels, erased: [], width: w, height: h, lowCut: 50, margin: 16,
                                                          others: [Box(x: 0, y: 0, width: w, height: 16)]))
        XCTAssertGreaterThanOrEqual(besideAnother.box.y, 16, "\(besideAnother.box)")
        // A rule erased along row 18: the faint ink next to it is left, and what lies beyond.
        var erased = [UInt8](repeating: 0, count: w * h)
        for x in 0..<w { erased[18 * w + x] = 255 }
        let besideARule = try XCTUnwrap(grownByFaintInk(strong, levels: levels, erased: erased, width: w, height: h, lowCut: 50, margin: 16, others: []))
        XCTAssertGreaterThanOrEqual(besideARule.box.y, 20, "\(besideARule.box)")
        let withinFive = try XCTUnwrap(grownByFaintInk(strong, levels: levels, erased: [], width: w, height: h, lowCut: 50, margin: 5, others: []))
        XCTAssertEqual(withinFive.box.y, strong.box.y - 5, "\(withinFive.box)")
        // Within two pixels, no further than the stroke is wide (3): a rim, not a stroke.
        XCTAssertNil(grownByFaintInk(strong, levels: levels, erased: [], width: w, height: h, lowCut: 50, margin: 2, others: []))
    }

    /// Fainter ink over `FaintStroke.greatestGrowth` times the crop's own (a shadow, a smear)
    /// is no stroke: nothing is returned; nor when nothing fainter touches the crop, nor when
    /// it fills a loop.
    func testASmearOrNothingIsNoStroke() throws {
        var (levels, w, h) = ringWithAFaintTop()
        let strong = crop(levels, width: w, box: Box(x: 0, y: 0, width: w, height: h))
        XCTAssertNil(grownByFaintInk(strong, levels: levels, erased: [], width: w, height: h, lowCut: 100, margin: 16, others: []),
                     "nothing over the low cut but the crop")
        var smeared = levels
        for y in 0..<h { for x in 30..<w where smeared[y * w + x] < 100 { smeared[y * w + x] = 70 } }
        XCTAssertNil(grownByFaintInk(strong, levels: smeared, erased: [], width: w, height: h, lowCut: 50, margin: 16, others: []),
                     "a smear beside the ring")
        // The whole ring strong, with a faint tail 10 pixels long down from its foot: the tail
        // is joined; with its hole faint too, filling it is no stroke, tail or not.
        for i in levels.indices where levels[i] == 60 { levels[i] = 200 }
        for y in 41..<50 { for x in 19..<22 { levels[y * w + x] = 70 } }
        let ring = crop(levels, width: w, box: Box(x: 0, y: 0, width: w, height: h))
        XCTAssertEqual(holeCount(ring), 1)
        let tailed = try XCTUnwrap(grownByFaintInk(ring, levels: levels, erased: [], width: w, height: h, lowCut: 50, margin: 16, others: []))
        XCTAssertEqual(tailed.box.maxY, 50, "the tail joined: \(tailed.box)")
        for y in 0..<h {
            for x in 0..<w {
                let dx = (Double(x) + 0.5 - 20) / 10, dy = (Double(y) + 0.5 - 25) / 15
                if dx * dx + dy * dy < 1, levels[y * w + x] < 100 { levels[y * w + x] = 70 }
            }
        }
        XCTAssertNil(grownByFaintInk(ring, levels: levels, erased: [], width: w, height: h, lowCut: 50, margin: 16, others: []), "a loop filled")
    }
}

extension PipelineTests {
    /// Real-dev's page of the numbers 0 to 100 (chengluyu_1-100), its first digit a small 0
    /// drawn with a light hand, the top of its loop fainter than the rest: turned a few
    /// degrees, the loop's top fell under the threshold, and the 0 read as a 6 ("6 2345…" turned
    /// −11°) or a 2 ("2123…" turned −7°). Read again with its fainter ink it is a 0. (Turned
    /// by other angles this page still loses its light first digits: see `Benchmarks/HISTORY.md`.)
    func testALightlyDrawnZeroIsReadWithItsFaintTop() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/chengluyu_1-100.jpg").path, grayscale: true)
        for degrees in [-11.0, -7] {
            let text = try recognizer().recognize(try rotated(photo, degrees: degrees)).text
            XCTAssertEqual(text.first, "0", "turned \(degrees)°: \(text.prefix(30))")
        }
    }
}
