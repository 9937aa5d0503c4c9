import DigitNet
import DigitVision
import Foundation
import XCTest

/// Floors on ../shared's real data (real-dev photos and USPS singles; skipped without it).
extension PipelineTests {
    /// The floors are set just below the figures measured on real-dev (digit accuracy 99.50%,
    /// exact 97.0%, 32 of 33 images; 2026-12-06), so a regression fails while BLAS rounding on
    /// another CPU does not (a reading may change by a digit or two, one picture may be lost);
    /// judgement is on other photos.
    func testRealDevPhotosScoreAboveFloor() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        let labels = try String(contentsOf: Shared.realDev.appendingPathComponent("labels.csv"), encoding: .utf8)
        var distance = 0, digits = 0, exact = 0, images = 0
        for line in labels.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[2] != "single" else { continue }
            let image = try Image(contentsOf: Shared.realDev.appendingPathComponent(fields[0]).path)
            let read = try recognizer.recognize(image).text
            let d = editDistance(fields[1], read)
            distance += d; digits += fields[1].filter(\.isNumber).count; exact += d == 0 ? 1 : 0; images += 1
        }
        let accuracy = 1 - Double(distance) / Double(digits)
        print("real-dev photos: digit accuracy \(accuracy), exact \(Double(exact) / Double(images)) over \(images) images")
        XCTAssertGreaterThanOrEqual(accuracy, 0.99)
        XCTAssertGreaterThanOrEqual(Double(exact) / Double(images), 0.93)
    }

    /// USPS read with `--single` measured 98.11% (38 misses of 2,007); the floor allows a few
    /// more, for rounding on another CPU.
    func testUSPSSinglesAboveFloor() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        let root = Shared.realDev.appendingPathComponent("singles/usps")
        var correct = 0, asPicture = 0, total = 0
        for digit in 0..<10 {
            let folder = root.appendingPathComponent(String(digit))
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".png") {
                let image = try Image(contentsOf: folder.appendingPathComponent(name).path)
                let read = try recognizer.recognizeSingle(image)
                correct += read?.label == digit ? 1 : 0
                // Given to the photo pipeline (recognize without --single), a picture this
                // small is one digit too, under the same confidence floor: 210 of them had
                // read as nothing, the digit touching the picture's edges.
                asPicture += try recognizer.recognize(image).text == String(digit) ? 1 : 0
                total += 1
            }
        }
        print("USPS singles: \(correct)/\(total), as pictures \(asPicture)")
        XCTAssertGreaterThan(total, 2000)
        XCTAssertGreaterThanOrEqual(Double(correct) / Double(total), 0.978)
        XCTAssertGreaterThanOrEqual(Double(asPicture) / Double(total), 0.975)
    }

    /// A single digit in a large picture is read shrunk (`singleDigitWorkingSide`): as at its
    /// own size, its box in the picture's pixels. (At full size a 100-megapixel one took 9 s
    /// and 3 GB.)
    func testASingleDigitInALargePictureReadsAsSmall() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        let folder = Shared.realDev.appendingPathComponent("singles/usps/3")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted().prefix(5)
        for name in names {
            let small = try Image(contentsOf: folder.appendingPathComponent(name).path)
            let large = try small.resized(width: small.width * 100, height: small.height * 100, interpolation: .cubic)
            let (a, b) = (try XCTUnwrap(recognizer.recognizeSingle(small)), try XCTUnwrap(recognizer.recognizeSingle(large)))
            XCTAssertEqual(b.label, a.label, name)
            for (x, y) in [(a.box.x, b.box.x), (a.box.y, b.box.y), (a.box.maxX, b.box.maxX), (a.box.maxY, b.box.maxY)] {
                XCTAssertEqual(Double(y), Double(x * 100), accuracy: 120, "\(name): \(a.box) \(b.box)")
            }
            // In a long strip (10000 pixels by 320) the digit keeps enough pixels to be read.
            let strip = try Image(width: 10_000, height: 320, channels: 1, pixels: [UInt8](repeating: 255, count: 10_000 * 320))
            let digit = try small.grayscale().resized(width: small.width * 16, height: small.height * 16, interpolation: .cubic)
            try strip.paste(digit, x: 5_000, y: 32)
            let inStrip = try XCTUnwrap(recognizer.recognizeSingle(strip))
            XCTAssertEqual(inStrip.label, a.label, name)
            XCTAssertEqual(Double(inStrip.box.x), Double(5_000 + a.box.x * 16), accuracy: 40, "\(name): \(inStrip.box)")
        }
    }
}
