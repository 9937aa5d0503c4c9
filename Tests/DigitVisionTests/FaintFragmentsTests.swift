import Foundation
import XCTest
@testable import DigitVision

/// A light digit the threshold left in fragments, joined by its fainter ink
/// (FaintFragments.swift, `joiningFaintFragments`).
final class FaintFragmentsTests: XCTestCase {
    /// A 300x240 ink map (cut 100) holding two digit-high strokes at level 200 and a third, as
    /// tall, at level 60 but for an 8-pixel stretch at 200: a light 1 whose fragment alone is
    /// too short for a digit.
    /// `ruleRow`: a row inked across at 200 too, a rule.
    func inkMapWithALightOne(size: (Int, Int) = (300, 240), ruleRow: Int? = nil) -> InkMap {
        let (w, h) = size
        var levels = [UInt8](repeating: 5, count: w * h)
        func stroke(x: Int, level: (Int) -> UInt8) { for y in 100..<140 { for dx in 0..<3 { levels[y * w + x + dx] = level(y) } } }
        stroke(x: 60) { _ in 200 }
        stroke(x: 120) { _ in 200 }
        stroke(x: 180) { (116..<124).contains($0) ? 200 : 60 }
        if let ruleRow { for x in 0..<w { levels[ruleRow * w + x] = 200 } }
        return InkMap(width: w, height: h, levels: levels, binary: levels.map { $0 > 100 ? 255 : 0 }, threshold: Float(100.5) / 255)
    }

    func candidates(_ binary: [UInt8], width: Int, height: Int) -> (ComponentLabels, [Candidate]) {
        let labels = connectedComponents(binary, width: width, height: height)
        return (labels, labels.components.indices.dropFirst().map { i in
            let c = labels.components[i]
            return Candidate(box: Box(x: c.x, y: c.y, width: c.width, height: c.height), labels: [Int32(i)], area: c.area)
        })
    }

    func testALightOnesFragmentIsJoinedByItsFainterInk() {
        let ink = inkMapWithALightOne()
        var binary = ink.binary
        let (labels, found) = candidates(binary, width: ink.width, height: ink.height)
        XCTAssertEqual(found.map(\.box.height), [40, 40, 8])
        XCTAssertTrue(joiningFaintFragments(&binary, inkMap: ink, candidates: found, labels: labels, digitHeight: 40, pictureSide: 240,
                                            parameters: PipelineParameters()))
        let (_, after) = candidates(binary, width: ink.width, height: ink.height)
        XCTAssertEqual(after.map(\.box.height), [40, 40, 40], "the light 1 whole")
    }

    /// Not in a small picture (a cheque's crop, whose guilloche the fainter ink would join),
    /// nor across a rule erased from the ink map.
    func testNotInASmallPictureNorAcrossAnErasedRule() {
        let small = inkMapWithALightOne(size: (300, 180))
        var binary = small.binary
        var (labels, found) = candidates(binary, width: small.width, height: small.height)
        XCTAssertFalse(joiningFaintFragments(&binary, inkMap: small, candidates: found, labels: labels, digitHeight: 40, pictureSide: 180,
                                             parameters: PipelineParameters()))
        // A rule along row 112, erased: the fragment grows down from it, never up past it.
        let ink = inkMapWithALightOne(ruleRow: 112)
        binary = inkMapWithALightOne().binary
        (labels, found) = candidates(binary, width: ink.width, height: ink.height)
        XCTAssertTrue(joiningFaintFragments(&binary, inkMap: ink, candidates: found, labels: labels, digitHeight: 40, pictureSide: 240,
                                            parameters: PipelineParameters()))
        XCTAssertTrue((114..<140).allSatisfy { binary[$0 * ink.width + 181] != 0 }, "grown down from the rule to the stroke's foot")
        XCTAssertFalse((150..<ink.width).contains { binary[112 * ink.width + $0] != 0 && !(180..<183).contains($0) }, "the erased rule stays erased")
        XCTAssertFalse((100..<111).contains { binary[$0 * ink.width + 181] != 0 }, "nothing beyond the rule")
    }
}

extension PipelineTests {
    /// Real-dev's page of the numbers 0 to 100 (chengluyu_1-100): its first two digits, "0"
    /// and "1", are drawn lighter than the rest. Turned a few degrees they fell under the
    /// threshold but for fragments, dropped as specks, or read as a 6 ("2 3 4", "1 2 3",
    /// "6 2 3", "2 1 2"). Joined by their fainter ink, they are read.
    func testALightlyDrawnFirstZeroAndOneAreRead() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/chengluyu_1-100.jpg").path, grayscale: true)
        for degrees in [-8.0, -6, -5, -4, -3, -2, 6, 11, 12] {
            let text = try recognizer().recognize(try rotated(photo, degrees: degrees)).text
            XCTAssertTrue(text.replacingOccurrences(of: " ", with: "").hasPrefix("0123"), "turned \(degrees)°: \(text.prefix(30))")
        }
    }
}
