import DigitNet
import XCTest
@testable import DigitVision

/// The paper's noise kept out of the ink (NoiseFloor.swift, and the smoothing of `makeInkMap`):
/// marks that never rise above the noise of dim paper are dropped, strokes are kept whole,
/// clean pages are left alone, and a dark room's noise is smoothed away before thresholding.
final class NoiseFloorTests: XCTestCase {
    /// A 400x400 ink-level map: paper at level 4 whose right half is noisy (a normal spread of
    /// `deviation`, smoothed by the ink map's 3x3 Gaussian blur to about 0.375 of it), with one
    /// stroke crossing both halves: a bar at level 150 whose left end is at level 60.
    func levels(deviation: Double) -> [UInt8] {
        let side = 400
        var generator = SeededGenerator(seed: 7)
        var noise = [Double](repeating: 0, count: side * side)
        for i in noise.indices where i % side >= side / 2 { noise[i] = deviation * Double(generator.normal()) }
        var levels = [UInt8](repeating: 4, count: side * side)
        for y in 1..<(side - 1) {
            for x in 1..<(side - 1) {
                // The 3x3 Gaussian blur the ink map applies before measuring darkness.
                var sum = 0.0
                for dy in -1...1 { for dx in -1...1 { sum += noise[(y + dy) * side + x + dx] * Double((2 - abs(dx)) * (2 - abs(dy))) / 16 } }
                levels[y * side + x] = UInt8(clamping: Int((4 + sum).rounded()))
            }
        }
        for y in 196..<204 { for x in 40..<360 { levels[y * side + x] = x < 120 ? 60 : 150 } }
        return levels
    }

    func testNoiseOverTheCutIsDroppedAndTheStrokeKeptWhole() {
        let cut: UInt8 = 40
        let noisy = levels(deviation: 48)
        // Specks off the bar, two blocks (32 pixels each) into the noisy half: the blocks next to
        // the quiet half take its low noise, as a block beside a stroke would.
        func specks(_ map: [UInt8]) -> Int {
            (0..<400 * 400).filter { map[$0] > cut && $0 % 400 >= 264 && !(190..<210).contains($0 / 400) }.count
        }
        XCTAssertGreaterThan(specks(noisy), 1000, "the test's noise must reach the cut")
        let cleaned = removingNoiseSpecks(noisy, width: 400, height: 400, cut: cut, floorDeviations: PipelineParameters().noiseFloorDeviations)
        XCTAssertLessThan(specks(cleaned), specks(noisy) / 20, "noise specks left")
        // The whole bar stays ink, its faint end (level 60, under the noisy half's floor but
        // joined to the dark part) too.
        for y in 196..<204 { for x in 40..<360 { XCTAssertGreaterThan(cleaned[y * 400 + x], cut, "(\(x), \(y))") } }
    }

    func testQuietPaperIsLeftAlone() {
        let quiet = levels(deviation: 2)
        XCTAssertEqual(removingNoiseSpecks(quiet, width: 400, height: 400, cut: 40, floorDeviations: PipelineParameters().noiseFloorDeviations), quiet)
    }

    /// A real pencil photo darkened towards its corners to half its brightness, as a webcam's
    /// lens darkens them (before: the dim corners filled with specks and the page read as
    /// about 200 digits of noise).
    func testAVignettedPencilPhotoIsRead() throws {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/vinay0410_numbers2.jpg").path).grayscale()
        let (w, h) = (photo.width, photo.height)
        var pixels = photo.pixels
        for y in 0..<h {
            for x in 0..<w {
                let dx = Double(2 * x - w) / Double(w), dy = Double(2 * y - h) / Double(h)
                let gain = 1 - 0.5 * (dx * dx + dy * dy) / 2
                pixels[y * w + x] = UInt8((Double(pixels[y * w + x]) * gain).rounded())
            }
        }
        let vignetted = try Image(width: w, height: h, channels: 1, pixels: pixels)
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        XCTAssertEqual(try recognizer.recognize(vignetted).text, "1 2 3 4 5 6 7 8 9")
    }

    /// A histogram of ink levels: `paper` pixels spread evenly over `paperLevels`, and a few
    /// percent of strokes at level 90.
    func histogram(paperLevels: ClosedRange<Int>, paper: Int = 10_000, strokes: Int = 300) -> [Int] {
        var counts = [Int](repeating: 0, count: 256)
        for level in paperLevels { counts[level] += paper / paperLevels.count }
        counts[90] += strokes
        return counts
    }

    func testAThresholdInsideThePapersNoiseIsSeen() {
        // Smooth paper (levels 0–3): a threshold of 31 is far above it.
        XCTAssertFalse(isWithinPaperNoise(31, histogram: histogram(paperLevels: 0...3)))
        // A dark room's paper, levels 0–50 (median 25, deviation 18.5): 31 is inside it, 90 not.
        XCTAssertTrue(isWithinPaperNoise(31, histogram: histogram(paperLevels: 0...50)))
        XCTAssertFalse(isWithinPaperNoise(90, histogram: histogram(paperLevels: 0...50)))
    }

    /// A real pen photo as a webcam takes it in a dark room: 40% of its brightness, sensor
    /// noise (a deviation of 8 grey levels) and JPEG at quality 60 (before: a third of the
    /// paper was over the threshold, and the page read as about 200 digits of noise).
    func testADimNoisyPhotoIsRead() throws {
        XCTAssertEqual(try readInTheDark("vinay0410_numbers1.jpg", light: 0.4, noise: 8, seed: 11), "135790")
    }

    func testANoisyPicturesThresholdMustClearTwoDeviationsButASmallCropsOneAndAHalf() {
        // Median 26, deviation 19.3: 1.5 deviations reach 54.9, 2 deviations 64.5.
        let noisy = PaperNoise(histogram: histogram(paperLevels: 0...50))
        let clearance = PipelineParameters().noiseClearanceDeviations
        XCTAssertTrue(noisy.isCleared(by: 55, smallPicture: true, clearanceDeviations: clearance))
        XCTAssertFalse(noisy.isCleared(by: 55, smallPicture: false, clearanceDeviations: clearance))
        XCTAssertTrue(noisy.isCleared(by: 65, smallPicture: false, clearanceDeviations: clearance))
        XCTAssertTrue(PaperNoise(histogram: histogram(paperLevels: 0...3)).isCleared(by: 31, smallPicture: false, clearanceDeviations: clearance))
    }

    func testOnlyMarksStandingOutOfTheNoiseAreKept() {
        // A speck just over the cut, and a stroke whose faint end is as low but whose core
        // reaches over the floor.
        let (w, h): (Int, Int) = (40, 20), cut: UInt8 = 30
        var levels = [UInt8](repeating: 0, count: w * h)
        for x in 2..<5 { levels[5 * w + x] = 35 }
        for x in 10..<35 { levels[12 * w + x] = x < 20 ? 35 : 120 }
        let kept = keepingMarks(levels, width: w, height: h, cut: cut, reaching: 100)
        for x in 2..<5 { XCTAssertEqual(kept[5 * w + x], cut, "the speck at x \(x)") }
        for x in 10..<35 { XCTAssertEqual(kept[12 * w + x], levels[12 * w + x], "the stroke at x \(x)") }
    }

    /// A real pen photo as a phone takes it in a darker room: 28% of its brightness, sensor
    /// noise of 14 grey levels and JPEG at quality 60 (before: Otsu's threshold, held at the
    /// least contrast ink must have, let a tenth of the paper through even after smoothing, and
    /// the page read as 19 digits of noise).
    func testAPhotoInADarkerRoomIsReadNotAsNoise() throws {
        let text = try readInTheDark("bikz05_photo_1.jpg", light: 0.28, noise: 14, seed: 13).filter { $0 != " " }
        // Its eight digits, at most one misread (the faint tail of the 9 may go).
        XCTAssertEqual(text.count, 8, "read as \(text)")
        XCTAssertGreaterThanOrEqual(zip(text, "05221859").filter { $0 == $1 }.count, 7, "read as \(text)")
    }

    /// What the pipeline reads of real-dev's `photo` taken with `light` of its brightness, sensor
    /// noise of `noise` grey levels and saved as JPEG at quality 60.
    func readInTheDark(_ photo: String, light: Double, noise: Double, seed: UInt64) throws -> String {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let image = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/\(photo)").path).grayscale()
        var generator = SeededGenerator(seed: seed)
        let dark = image.pixels.map { UInt8(clamping: Int((light * Double($0) + noise * Double(generator.normal())).rounded())) }
        let file = try temporaryDirectory().appendingPathComponent("dark.jpg").path
        try Image(width: image.width, height: image.height, channels: 1, pixels: dark).write(to: file, jpegQuality: 60)
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        return try recognizer.recognize(Image(contentsOf: file).grayscale()).text
    }
}
