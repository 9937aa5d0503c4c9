import DigitNet
import XCTest
@testable import DigitVision

/// Glare (Glare.swift): the contrast a highlight took from the ink is given back where the
/// paper is washed out and the ink nearby is faint; evenly lit paper, white scans and small
/// crops are left alone.
final class GlareTests: XCTestCase {
    /// A 200x200 map: paper at `paperBrightness` with a bright patch (x 120–199, 40% of it) at `patchBrightness`,
    /// and a bar 4 pixels tall across both halves, at level 150 on the plain paper and
    /// `faintLevel` on the patch.
    func picture(paperBrightness: UInt8 = 180, patchBrightness: UInt8 = 230, faintLevel: UInt8 = 50)
        -> (levels: [UInt8], paper: [UInt8], histogram: [Int]) {
        let side = 200
        var levels = [UInt8](repeating: 2, count: side * side), paper = [UInt8](repeating: paperBrightness, count: side * side)
        for y in 0..<side { for x in 120..<side { paper[y * side + x] = patchBrightness } }
        for y in 98..<102 { for x in 20..<180 { levels[y * side + x] = x < 120 ? 150 : faintLevel } }
        var histogram = [Int](repeating: 0, count: 256)
        for level in levels { histogram[Int(level)] += 1 }
        return (levels, paper, histogram)
    }

    func testFaintInkOnWashedOutPaperIsRaised() throws {
        var (lifted, paper, histogram) = picture()
        XCTAssertTrue(liftGlare(&lifted, paper: paper, width: 200, height: 200, histogram: &histogram, parameters: PipelineParameters()))
        // Paper 230 against the usual 180: the square root of (230/180)·(75/25), 1.96; the strong
        // ink (150) over the faint (50) would allow 3.
        XCTAssertEqual(Double(lifted[100 * 200 + 150]), 50 * 1.96, accuracy: 1.5)
        XCTAssertEqual(lifted[100 * 200 + 50], 150, "the stroke on plain paper is untouched")
        // Far from any ink there is nothing to confirm a highlight: the paper stays paper.
        XCTAssertEqual(lifted[10 * 200 + 150], 2)
        // The histogram follows the raised levels.
        XCTAssertEqual(histogram, lifted.reduce(into: [Int](repeating: 0, count: 256)) { $0[Int($1)] += 1 })
    }

    func testEvenPaperWhiteScansAndSmallCropsAreLeftAlone() {
        var even = picture(patchBrightness: 180)
        XCTAssertFalse(liftGlare(&even.levels, paper: even.paper, width: 200, height: 200, histogram: &even.histogram, parameters: PipelineParameters()))
        // A scan's white: the usual paper within 25 levels of white.
        var white = picture(paperBrightness: 240, patchBrightness: 252)
        XCTAssertFalse(liftGlare(&white.levels, paper: white.paper, width: 200, height: 200, histogram: &white.histogram, parameters: PipelineParameters()))
        // A 60-pixel crop of a form or cheque: its lighter parts are the print's.
        var crop = picture()
        let rows = 60 * 200
        var cropLevels = Array(crop.levels[..<rows])
        XCTAssertFalse(liftGlare(&cropLevels, paper: Array(crop.paper[..<rows]), width: 200, height: 60, histogram: &crop.histogram, parameters: PipelineParameters()))
    }

    /// A real pen photo with a lamp's highlight: 70% of white blended in at its centre, falling
    /// off as a Gaussian over about a fifth of the picture, as `camera_conditions.py` makes
    /// glare (before: the 2 2 under it were lost, "05 1859").
    func testAPhotoUnderAHighlightIsRead() throws {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/bikz05_photo_1.jpg").path).grayscale()
        let (w, h) = (photo.width, photo.height)
        let size = 0.22 * Double(Swift.min(w, h)), cx = 0.42 * Double(w), cy = 0.45 * Double(h)
        var pixels = photo.pixels
        for y in 0..<h {
            for x in 0..<w {
                let dx = (Double(x) - cx) / (1.3 * size), dy = (Double(y) - cy) / size
                let share = 0.7 * exp(-(dx * dx + dy * dy) / 2)
                pixels[y * w + x] = UInt8((Double(pixels[y * w + x]) * (1 - share) + 255 * share).rounded())
            }
        }
        let glared = try Image(width: w, height: h, channels: 1, pixels: pixels)
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        XCTAssertEqual(try recognizer.recognize(glared).text, "05221859")
    }
}
