import DigitNet
import Foundation
import XCTest
@testable import DigitVision

/// The resolution the pipeline works at (DigitRecognizer.recognizeAsGiven): bound by the
/// picture's size, shrunk again when the digits are far taller than usual, and finer again
/// when the shrunk picture's digits come out too small to read.
final class WorkingScaleTests: XCTestCase {
    func recognizer() throws -> DigitRecognizer {
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        return DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
    }

    /// A long strip (a high-resolution scan of a row of boxes): the working resolution is bound
    /// by area, not by the long side, which shrank this 10080x240 strip to digits 6 pixels
    /// high, read as noise.
    func testALongStripIsReadAtItsOwnScale() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/phone-number.png").path
        let tile = try Image(contentsOf: sample, grayscale: true)
        let copies = 14, source = tile.pixels
        var pixels = [UInt8](repeating: 0, count: tile.width * copies * tile.height)
        for y in 0..<tile.height {
            for k in 0..<copies {
                for x in 0..<tile.width { pixels[y * tile.width * copies + k * tile.width + x] = source[y * tile.width + x] }
            }
        }
        let strip = try Image(width: tile.width * copies, height: tile.height, channels: 1, pixels: pixels)
        XCTAssertEqual(try recognizer().recognize(strip).text, Array(repeating: "800 555 0199", count: copies).joined(separator: " "))
    }

    /// Cheques' amount fields, underlined, as scanned at 600 dpi or blown up from a crop: at
    /// 8 and 16 times their size the underline is 16 and 32 pixels thick, too thick for a
    /// rule, and held the digits together as one piece (5 and 7 of 40 such fields read
    /// right, against 37 at their own size). Their digits, over 160 processing pixels tall,
    /// are now read from the picture shrunk: blown up, the fields read as well as they are.
    func testUnderlinedFieldsBlownUpReadAsWellAsTheFields() throws {
        try Shared.require(Shared.mnist)
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: 4)
        var style = PageSynthesizer.Style(); style.width = 240; style.height = 64; style.digitHeight = 32
        let recognizer = try recognizer()
        var exact = [1: 0, 8: 0, 16: 0]
        for text in ["4096", "1580", "37214", "902", "6653", "28147", "3009", "715", "84260", "5931", "1207", "6488"] {
            let (field, truth) = try synthesizer.render(text, style: style)
            let underlined = try underlinedField(field)
            for factor in exact.keys {
                let picture = factor == 1 ? underlined : try underlined.resized(width: 240 * factor, height: 64 * factor, interpolation: .cubic)
                let text = try recognizer.recognize(picture).text
                if text == truth { exact[factor]! += 1 } else { print("\(truth) enlarged \(factor) times read as \(text)") }
            }
        }
        XCTAssertGreaterThanOrEqual(exact[1]!, 10, "fields at their own size")
        XCTAssertGreaterThanOrEqual(exact[8]!, exact[1]! - 1, "fields enlarged 8 times")
        XCTAssertGreaterThanOrEqual(exact[16]!, exact[1]! - 1, "fields enlarged 16 times")
    }

    /// real-dev's four form scans (boxes printed 1–3 pixels wide) as if scanned at two, three
    /// and four times the resolution: their box sides, now up to 12 pixels wide, stayed and
    /// read as 1s when over 3 pixels wide (5 of the 12 read exactly; 4 of 4 as scanned).
    func testFormsScannedAtHigherResolutionsLoseTheirBoxSides() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        var exact = 0, readings = [String]()
        for (name, truth) in [("01", "012"), ("02", "115"), ("C", "127"), ("tahun", "2019")] {
            let scan = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/c1form_test1_\(name).png").path)
            for factor in [2, 3, 4] {
                let enlarged = try scan.resized(width: scan.width * factor, height: scan.height * factor, interpolation: .cubic)
                let text = try recognizer.recognize(enlarged).text
                if text.filter(\.isNumber) == truth { exact += 1 } else { readings.append("\(name) x\(factor): \(text)") }
            }
        }
        // Still misread: form C's bar at its left edge, 6–12 pixels wide and wider than a
        // fifth of its digits' height, read as a 1.
        XCTAssertGreaterThanOrEqual(exact, 9, "misread: \(readings)")
    }

    /// real-dev's cheque "530-" enlarged 1.5, 2 and 3 times (bicubic, as a scan at a higher
    /// resolution): its closing dash read as a 7, or as a 4 and a 7 ("5307", "53047"), until
    /// a single near-level stroke well under the digit height was taken for what it is (`isDash`).
    func testAChequesClosingDashIsNoDigitAtAnyScale() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        let scan = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/orandcar_a_car_007014.jpg").path)
        for factor in [1.0, 1.5, 2, 3] {
            let enlarged = try scan.resized(width: Int(Double(scan.width) * factor), height: Int(Double(scan.height) * factor), interpolation: .cubic)
            XCTAssertEqual(try recognizer.recognize(enlarged).text, "530", "enlarged \(factor) times")
        }
    }

    /// Two tables ruled 12 pixels thick round digits 60 pixels tall (a fifth of them), their
    /// cells holding 1s and 7s (Fixtures/bold-table-*.png, grey copies of a reviewer's: MNIST
    /// test digits in red-brown ink, blurred by 1 pixel). Erasing thick upright lines but not
    /// the rules as thick left each rule's stretch over a cell to be joined to the 1 below it,
    /// read as a 5 ("7 15 71 7551 7"; the reviewer's 66 such tables: 57 → 38 exact). Rules
    /// across and upright lines now take the same measure of thickness.
    func testTablesRuledThickKeepTheirOnes() throws {
        let fixtures = Fixtures.folder
        let recognizer = try recognizer()
        for (name, truth) in [("bold-table-1.png", "7 17 71 17 71 7"), ("bold-table-2.png", "41 1 17 71 1 1")] {
            let table = try Image(contentsOf: fixtures.appendingPathComponent(name).path)
            XCTAssertEqual(try recognizer.recognize(table).text, truth, name)
        }
    }

    /// A whole page photographed at 12 megapixels, its writing 32 and 40 pixels tall (MNIST
    /// test digits on shadowed, noisy paper, some pages tilted 7°): shrunk to the working side
    /// of 1600 its digits were 13–16 pixels tall, and read as junk or with 8s as 0s (1 of 8
    /// exact, 68% of digits). They are now read again at a finer scale.
    func testSmallWritingInATwelveMegapixelPhotoIsReadAtAFinerScale() throws {
        try Shared.require(Shared.mnist)
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: 12)
        let recognizer = try recognizer()
        var distance = 0, digits = 0, exact = 0
        let texts = ["3047 1289|56 712 904|8815 2063", "61 5820|947 33|0718 264", "2580 17|6639 4021", "905 48|3312 76|58 0291"]
        for (index, text) in texts.enumerated() {
            for height in [32, 40] {
                var style = PageSynthesizer.Style()
                style.width = 4000; style.height = 3000; style.digitHeight = height
                style.shadow = 0.3; style.noise = 4; style.tiltDegrees = Double(index % 3 - 1) * 7
                let (page, truth) = try synthesizer.render(text, style: style)
                let read = try recognizer.recognize(page).text
                distance += editDistance(truth, read); digits += truth.filter(\.isNumber).count
                if read == truth { exact += 1 } else { print("\(height) px: \(truth) read \(read)") }
            }
        }
        let accuracy = 1 - Double(distance) / Double(digits)
        print("small writing at 12 MP: \(exact) of 8 exact, \(accuracy) of digits")
        XCTAssertGreaterThanOrEqual(accuracy, 0.95)
        XCTAssertGreaterThanOrEqual(exact, 5)
    }

    /// Pictures whose digits are 16 pixels tall at their own size (400x300 and 2000x1500, MNIST
    /// test digits, some blurred): thresholded at that size or smaller, a 6's or 8's small loop
    /// ran shut and close digits ran together. Read again enlarged, they read with at most half
    /// the edits of the reading at the working scale alone (`minimumWorkingDigitHeight` 0), and
    /// 85% of their digits right at least.
    func testSmallDigitsAtAPicturesOwnSizeAreReadEnlarged() throws {
        try Shared.require(Shared.mnist)
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        let classifier = try recognizer().classifier
        var ownSizeOnly = PipelineParameters()
        ownSizeOnly.minimumWorkingDigitHeight = 0
        let readers = [DigitRecognizer(classifier: classifier), DigitRecognizer(classifier: classifier, parameters: ownSizeOnly)]
        var edits = [0, 0], digits = 0
        let texts = ["4096 718|23 55", "8613 09|772 41", "65 2890|1347", "906 38|5128 6", "28 6604|9317", "58 0683|41 279",
                     "3381 60|92 754", "17 4409|8265", "5062 93|48 17", "79 3158|6024"]
        for (index, text) in texts.enumerated() {
            var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: UInt64(40 + index))
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight, style.blurSigma) = (index < 7 ? 400 : 2000, index < 7 ? 300 : 1500, 16, [0, 0.5, 0.8][index % 3])
            let (page, truth) = try synthesizer.render(text, style: style)
            digits += truth.filter(\.isNumber).count
            for (k, reader) in readers.enumerated() {
                let read = try reader.recognize(page).text
                edits[k] += Swift.min(editDistance(truth, read), truth.filter(\.isNumber).count)
                print("\(style.width)x\(style.height) \(k == 0 ? "enlarged" : "working scale alone"): \(truth) read \(read)")
            }
        }
        XCTAssertLessThanOrEqual(2 * edits[0], edits[1], "edits enlarged \(edits[0]), at the working scale alone \(edits[1])")
        XCTAssertGreaterThanOrEqual(1 - Double(edits[0]) / Double(digits), 0.85)
    }

    /// The finer reading of blurred small writing, many digits a third of them sure, is kept over
    /// a coarse one of doubtful blobs (the strengths measured on a reviewer's 12-megapixel photo,
    /// which read 14 digits of 62 wrong, all doubtful, and 17 edits off finer); a finer reading
    /// of a page's grain, more digits but fewer sure and less confident, is not.
    func testBlurredSmallWritingReadFinerIsKeptOverDoubtfulBlobs() {
        func strength(sure: Int, unsure: Int, count: Int, mean: Double) -> ReadingStrength {
            ReadingStrength(sure: sure, unsure: unsure, count: count, meanConfidence: mean, medianAspect: 0.75, digitsPerLine: 8)
        }
        let blobs = strength(sure: 0, unsure: 14, count: 14, mean: 0.61)
        let blurredFiner = strength(sure: 15, unsure: 30, count: 51, mean: 0.78)
        XCTAssertLessThan(blurredFiner.net, blobs.net, "the net count alone now keeps the finer reading: the case is gone")
        XCTAssertTrue(readsBetterFiner(blurredFiner, than: blobs))
        let page = strength(sure: 12, unsure: 1, count: 14, mean: 0.93)
        let grainFiner = strength(sure: 9, unsure: 25, count: 40, mean: 0.62)
        XCTAssertFalse(readsBetterFiner(grainFiner, than: page))
        XCTAssertFalse(readsBetterFiner(strength(sure: 2, unsure: 20, count: 25, mean: 0.7), than: blobs), "two sure digits are too few")
    }
}
