import DigitNet
import XCTest
@testable import DigitVision

/// Hard-edged shadows narrower than the paper estimate (Shadows.swift): followed as paper on
/// a page with a pen's shadow across it, and never on a bold digit's blob.
final class ShadowTests: XCTestCase {
    /// `photo` darkened to `level` of its brightness under a band from (0.30–0.45 of the width)
    /// at the top to (0.55–0.70) at the bottom, its edges soft over 1% of the diagonal: a pen's
    /// shadow laid across the page, as `Benchmarks/camera_conditions.py` casts it.
    func withShadowBand(_ photo: Image, level: Double = 0.45) throws -> Image {
        let (w, h) = (photo.width, photo.height)
        let soft = Swift.max(1, 0.006 * Double(w * w + h * h).squareRoot())
        var pixels = photo.pixels
        for y in 0..<h {
            let t = Double(y) / Double(h - 1)
            let left = (0.30 + 0.25 * t) * Double(w), right = (0.45 + 0.25 * t) * Double(w)
            for x in 0..<w {
                // Inside the band: 1; fading to 0 over `soft` pixels beyond its edges.
                let outside = Swift.max(left - Double(x), Double(x) - right, 0)
                let shade = Swift.max(0, 1 - outside / soft)
                pixels[y * w + x] = UInt8((Double(pixels[y * w + x]) * (1 - (1 - level) * shade)).rounded())
            }
        }
        return try Image(width: w, height: h, channels: 1, pixels: pixels)
    }

    /// A real pen photo with a pen's shadow band across it (before: the band was ink, joined to
    /// the digits it crosses, and the page read "1 45 68 9 88 8 66 6 77 7").
    func testAPagesPenShadowIsPaperNotInk() throws {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/bikz05_photo_2.jpg").path).grayscale()
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        XCTAssertEqual(try recognizer.recognize(withShadowBand(photo)).text, "12345 6879 88888 66666 77777")
    }

    /// The levels are flattened again only where the shadow is: the paper under it comes out
    /// as paper (level 0 as outside it), and a photo without a shadow is left alone.
    func testOnlyAShadowIsFlattenedAgain() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/bikz05_photo_2.jpg").path).grayscale()
        let parameters = PipelineParameters()
        let plain = try flattenedLevels(photo, parameters: parameters)
        let cut = InkMap.cut(forThreshold: Float(otsuLevel(plain.histogram)) / 255)
        XCTAssertNil(try flattenedFollowingNarrowShadows(photo, flat: plain, cut: cut, parameters: parameters), "no shadow to follow")
        let shaded = try withShadowBand(photo)
        let wide = try flattenedLevels(shaded, parameters: parameters)
        let wideCut = InkMap.cut(forThreshold: Float(otsuLevel(wide.histogram)) / 255)
        let followed = try XCTUnwrap(try flattenedFollowingNarrowShadows(shaded, flat: wide, cut: wideCut, parameters: parameters))
        // The band's middle on a row between the digits' lines: ink-dark under the wide
        // estimate, paper under the one that follows the shadow.
        let (w, h) = (photo.width, photo.height)
        let y = h * 95 / 100, x = Int((0.30 + 0.25 * 0.95 + 0.075) * Double(w))
        XCTAssertGreaterThan(wide.levels[y * w + x], cut, "the shadow was ink")
        XCTAssertLessThan(followed.levels[y * w + x], 20, "the shadow is paper")
    }
}

/// A 1 in shade beside brighter paper is no sheet's edge (NonDigitShapes.swift,
/// `isDarkerThanBeyond`): a thin solid upright band with paper a half darker on one side is
/// what a sheet's edge leaves against the desk, and such 1s had been dropped.
final class OneInShadeTests: XCTestCase {
    /// Real-dev photos whose last digit is a 1, their corners darkened to a quarter of the
    /// light as a phone's lens does (as `Benchmarks/camera_conditions.py`'s vignette25): the 1
    /// in the dark corner had been dropped ("789", "354").
    func testAOneInAVignettedCornerIsRead() throws {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        for (file, truth) in [("lucksoft_7891.jpg", "7891"), ("tahaemara_sample3.jpg", "3541")] {
            let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/\(file)").path, grayscale: true)
            let (w, h) = (photo.width, photo.height)
            let (cx, cy) = (Double(w - 1) / 2, Double(h - 1) / 2)
            var pixels = photo.pixels
            for y in 0..<h {
                for x in 0..<w {
                    let r2 = ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)) / (cx * cx + cy * cy)
                    pixels[y * w + x] = UInt8((Double(pixels[y * w + x]) * (1 - 0.75 * r2)).rounded())
                }
            }
            let vignetted = try Image(width: w, height: h, channels: 1, pixels: pixels)
            XCTAssertEqual(try recognizer.recognize(vignetted).text, truth, file)
        }
    }
}
