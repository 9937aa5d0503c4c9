import DigitNet
import DigitVision
import Foundation
import XCTest

/// Levenshtein distance between digit strings (spaces ignored), as ../shared/tools/score.py.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.filter(\.isNumber)), y = Array(b.filter(\.isNumber))
    var previous = Array(0...y.count)
    for i in 1...Swift.max(x.count, 1) where !x.isEmpty {
        var current = [i]
        for j in 1...Swift.max(y.count, 1) where !y.isEmpty {
            current.append(Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)))
        }
        if y.isEmpty { current = [i] }
        previous = current
    }
    return x.isEmpty ? y.count : previous.last!
}

final class PipelineTests: XCTestCase {
    static var recognizer: DigitRecognizer?

    func recognizer() throws -> DigitRecognizer {
        if let r = PipelineTests.recognizer { return r }
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let r = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        PipelineTests.recognizer = r
        return r
    }

    static var mnistTest: Dataset?

    /// A page synthesizer drawing MNIST's test digits (the test skips without ../shared).
    func mnistTestPages(seed: UInt64) throws -> PageSynthesizer {
        try Shared.require(Shared.mnist)
        if PipelineTests.mnistTest == nil {
            let test = try MNIST.load(directory: Shared.mnist, split: .test)
            PipelineTests.mnistTest = Dataset(bytes: test.images, labels: test.labels)
        }
        return PageSynthesizer(digits: PipelineTests.mnistTest!, seed: seed)
    }

    /// Digit accuracy on generated pages of `texts`, drawn in `styles` in turn (MNIST's test
    /// digits, `seed`); each page's reading is printed, and a misread page is kept in the
    /// temporary folder as evidence for whoever investigates.
    func generatedPagesAccuracy(_ texts: [String], styles: [PageSynthesizer.Style], seed: UInt64, label: String) throws -> Double {
        try Shared.require(Shared.mnist)
        let recognizer = try recognizer()
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: seed)
        var distance = 0, digits = 0
        for (index, text) in texts.enumerated() {
            let (image, truth) = try synthesizer.render(text, style: styles[index % styles.count])
            let result = try recognizer.recognize(image)
            distance += editDistance(truth, result.text)
            digits += truth.filter(\.isNumber).count
            print("\(label): truth \(truth)  read \(result.text)")
            if result.text != truth {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-\(label)-\(index).png").path
                try drawAnnotations(result, on: image).write(to: path)
                print("\(label): misread page written to \(path)")
            }
        }
        let accuracy = 1 - Double(distance) / Double(digits)
        print("\(label): digit accuracy \(accuracy)")
        return accuracy
    }

    func testSyntheticPhotosAreReadWithHighDigitAccuracy() throws {
        var styles = [PageSynthesizer.Style]()
        var plain = PageSynthesizer.Style(); styles.append(plain)
        plain.tiltDegrees = 18; plain.ink = Color(red: 20, green: 20, blue: 20); styles.append(plain)
        var shadowed = PageSynthesizer.Style(); shadowed.shadow = 0.6; shadowed.paper = Color(red: 250, green: 225, blue: 225); styles.append(shadowed)
        var blurred = PageSynthesizer.Style(); blurred.blurSigma = 1.2; blurred.noise = 6; blurred.ink = Color(red: 90, green: 30, blue: 130); styles.append(blurred)
        var ruled = PageSynthesizer.Style(); ruled.ruledLines = true; ruled.paper = Color(red: 250, green: 245, blue: 200); ruled.tiltDegrees = -12; styles.append(ruled)
        var small = PageSynthesizer.Style(); small.digitHeight = 30; small.tiltDegrees = 30; styles.append(small)
        let texts = ["3141 592|6535 8979", "271828|18284 590", "1234567890", "8675 309|4242", "11 22 33|44 55 66", "90210|73019",
                     "4711 0815|2024", "99 88 77|66 55", "123 456|789 012", "5060 7080|3344", "161803|398874", "2357 1113|1719"]
        let accuracy = try generatedPagesAccuracy(texts, styles: styles, seed: 11, label: "synthetic")
        // Issue 3 targets 98%; measured 97.9% with the shipped model (misses: a 9 read as 7,
        // an 8 touching a 2 read as 5, a 5 with its bar apart read as 7); on 240 random pages of
        // the same six styles `Benchmarks/synthetic.sh` measures 97.9% too.
        // The floor guards against regressions, a page's worth below the figure so that BLAS
        // rounding on another CPU cannot fail it.
        XCTAssertGreaterThanOrEqual(accuracy, 0.96, "digit accuracy on generated photos")
    }

    /// A time written "hh:mm": the colon's two dots, one above the other, had been joined as
    /// the pieces of one broken digit and read as a 1 ("23107"). Two solid round dots of like
    /// size are a colon; each alone is a dot, no digit. Several times, in two inks and sizes.
    func testAColonBetweenHoursAndMinutesIsNoDigit() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 5)
        var misread = [String]()
        for (index, time) in ["23 07", "10 45", "08 30", "19 59", "12 00", "06 18"].enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index % 2 == 0 ? 44 : 64
            style.ink = index % 2 == 0 ? Color(red: 20, green: 30, blue: 120) : Color(red: 25, green: 25, blue: 25)
            let (image, truth) = try synthesizer.render(time, style: style)
            let plain = try recognizer.recognize(image)
            XCTAssertEqual(plain.text.filter(\.isNumber), truth.filter(\.isNumber), "\(time) without its colon")
            let digits = plain.lines.flatMap(\.numbers).flatMap(\.digits).map(\.box).sorted { $0.x < $1.x }
            guard digits.count == 4 else { misread.append("\(time) without its colon: \(plain.text)"); continue }
            // The dots midway between the hours and the minutes, at a third and two thirds of the digits' height.
            let x = (digits[1].maxX + digits[2].x) / 2, top = digits[1].y, h = digits[1].height, r = Swift.max(2, style.digitHeight / 14)
            for y in [top + h / 3, top + 2 * h / 3] { try image.drawCircle(center: Point(x: x, y: y), radius: r, color: style.ink, thickness: -1) }
            let read = try recognizer.recognize(image).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(time) read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }

    /// black canvas looks the same): their thick strokes survive the erosion that tells light
    /// ink from a sheet on a desk, and at 84–336 pixels a reviewer's 20 digits read as nothing
    /// 5–19 times of 20 (Negative.swift). The same pictures reversed, dark on white, read too.
    func testEnlargedLightDigitsOnBlackAreRead() throws {
        try Shared.require(Shared.mnist)
        let recognizer = try recognizer()
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        for side in [84, 140, 280] {
            var right = (light: 0, dark: 0)
            for i in 0..<20 {
                let small = try Image(width: 28, height: 28, channels: 1, pixels: Array(test.images[i * 784..<(i + 1) * 784]))
                let light = try small.resized(width: side, height: side, interpolation: .cubic)
                if try recognizer.recognize(light).text == "\(test.labels[i])" { right.light += 1 }
                if try recognizer.recognize(try light.negative()).text == "\(test.labels[i])" { right.dark += 1 }
            }
            print("\(side) px: light on black \(right.light) of 20, dark on white \(right.dark)")
            XCTAssertGreaterThanOrEqual(right.light, 17, "light on black at \(side) pixels")
            XCTAssertGreaterThanOrEqual(right.dark, 18, "dark on white at \(side) pixels")
        }
    }

    func testLinesAndNumbersAreInReadingOrder() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 5)
        var style = PageSynthesizer.Style(); style.tiltDegrees = -25
        let (image, truth) = try synthesizer.render("12 345|6789 0", style: style)
        let result = try recognizer.recognize(image)
        XCTAssertEqual(result.lines.count, 2, "two lines: \(result.text)")
        XCTAssertEqual(result.text, truth)
        XCTAssertEqual(result.skewDegrees, -25, accuracy: 8)
        for digit in result.digits {
            XCTAssertTrue(digit.box.x >= 0 && digit.box.maxX <= image.width && digit.box.y >= 0 && digit.box.maxY <= image.height)
            XCTAssertEqual(digit.top3.count, 3)
            XCTAssertEqual(digit.top3[0].label, digit.label)
        }
    }

    /// Turning a tilted ink map level and mapping what is found back: a square of ink found in
    /// the turned map comes back around the same place in the source.
    func testDeskewTurnsInkLevelAndMapsBoxesBack() throws {
        let w = 240, h = 160
        var levels = [UInt8](repeating: 0, count: w * h)
        for y in 100..<112 { for x in 150..<162 { levels[y * w + x] = 255 } }
        let ink = InkMap(width: w, height: h, levels: levels, binary: levels, threshold: 0.5)
        let deskew = try XCTUnwrap(Deskew(angle: 28 * .pi / 180, sourceWidth: w, sourceHeight: h, region: Box(x: 100, y: 60, width: 120, height: 80)))
        XCTAssertNil(Deskew(angle: 2 * .pi / 180, sourceWidth: w, sourceHeight: h), "a nearly level page is left alone")
        let turned = try deskew.rotate(ink)
        XCTAssertEqual(turned.width, deskew.width)
        let found = try Image(width: turned.width, height: turned.height, channels: 1, pixels: turned.binary).connectedComponents(connectivity: 8)
        XCTAssertEqual(found.components.count, 2, "one square of ink, besides the background")
        let c = found.components[1]
        let back = deskew.mapBack(Box(x: c.x, y: c.y, width: c.width, height: c.height))
        // The upright box around a turned square is larger than the square; it must hold it
        // and stay near it.
        XCTAssertLessThanOrEqual(back.x, 151); XCTAssertLessThanOrEqual(back.y, 101)
        XCTAssertGreaterThanOrEqual(back.maxX, 161); XCTAssertGreaterThanOrEqual(back.maxY, 111)
        XCTAssertGreaterThanOrEqual(back.x, 140); XCTAssertGreaterThanOrEqual(back.y, 90)
        XCTAssertLessThanOrEqual(back.maxX, 172); XCTAssertLessThanOrEqual(back.maxY, 122)
    }

    func testBlankAndTinyImagesReadAsNothing() throws {
        let recognizer = try recognizer()
        let blank = try Image(width: 300, height: 200, channels: 3, pixels: [UInt8](repeating: 235, count: 300 * 200 * 3))
        XCTAssertEqual(try recognizer.recognize(blank).text, "")
        let one = try Image(width: 1, height: 1, channels: 1, pixels: [0])
        XCTAssertNoThrow(try recognizer.recognize(one))
    }
}

extension PipelineTests {
    /// A reviewer's generated tiny crop (Fixtures/tiny-crop-33.jpg: "33" in a handwriting font,
    /// 25x20 pixels, JPEG quality 33). No larger than 32x32, it was read as one digit, "3".
    func testATinyCropWiderThanTallHoldingTwoDigitsIsReadAsANumber() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("tiny-crop-33.jpg").path)).text
        XCTAssertEqual(read, "33")
    }
}
