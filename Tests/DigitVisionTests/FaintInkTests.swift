import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// Writing fainter than ink must be, read again with a lower floor (FaintInk.swift).
extension PipelineTests {
    /// A reviewer's generated form crop (Fixtures/boxed-printed-digits.png: "515862" printed
    /// in a rounded font, blue, in a row of black boxes, 186x44). The reading with fainter ink
    /// chose its threshold beside the boxes' dark rules, joined the 1 to a box's side and lost
    /// it, read its other digits a little surer and was kept ("5 5862"): a sure 1 lost is a
    /// sure digit lost.
    func testAFaintReadingDoesNotLoseASure1() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("boxed-printed-digits.png").path)).text
        XCTAssertEqual(read.filter(\.isNumber), "515862")
    }

    /// MNIST test digits in light pencil on small crops, 7–10% darker than the paper (under
    /// the 12% ink must be): each read as nothing, and the digits of every crop are read
    /// now. A blank crop of the same paper still reads nothing.
    func testFaintPencilOnASmallCropIsRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 21)
        var misread = [String]()
        var distance = 0, digits = 0
        for (index, text) in ["2735 0185", "61701 8902", "44593", "734", "290 12", "5406 6048"].enumerated() {
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight) = (300, 70, 22)
            style.paper = Color(red: 172, green: 170, blue: 166)
            let grey = [158, 156, 160][index % 3]
            style.ink = Color(red: grey, green: grey - 2, blue: grey - 4)
            style.noise = 1.5
            let (image, truth) = try synthesizer.render(text, style: style)
            let read = try recognizer.recognize(image).text
            distance += editDistance(truth, read)
            digits += truth.filter(\.isNumber).count
            if read.filter(\.isNumber).isEmpty { misread.append("\(truth) read as nothing") }
            print("faint pencil: truth \(truth)  read \(read)")
        }
        XCTAssertEqual(misread, [])
        XCTAssertGreaterThanOrEqual(1 - Double(distance) / Double(digits), 0.9, "digit accuracy on faint pencil")
        var blank = PageSynthesizer.Style()
        (blank.width, blank.height) = (300, 70)
        blank.paper = Color(red: 172, green: 170, blue: 166)
        blank.noise = 1.5
        let (empty, _) = try synthesizer.render("", style: blank)
        XCTAssertEqual(try recognizer.recognize(empty).text, "", "a blank crop of the same paper")
    }

    /// Glare washing a row of digits out from a third of the way along: ink 15% darker than
    /// the paper on the left, 6% at the right end, so the threshold is the floor ink must
    /// clear. The digits on the left read surely, and the reading as given, convincing, lost or
    /// broke the faint ones: "3432" read "37", "57431056" "3743", "38117" "381" (54% of the
    /// digits). The reading with the lower floor is taken when it is surer.
    func testDigitsWashedOutByGlareBesideClearOnesAreRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 5)
        var distance = 0, digits = 0
        for text in ["3432", "5743 1056", "2800", "38117", "1990 230"] {
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight) = (360, 90, 36)
            style.paper = Color(red: 200, green: 198, blue: 195)
            style.noise = 1.5
            // The same digits at the same places in two inks: the seed's draws are the same.
            var faintSynthesizer = synthesizer
            style.ink = Color(red: 170, green: 168, blue: 168)
            let (clear, truth) = try synthesizer.render(text, style: style)
            style.ink = Color(red: 188, green: 186, blue: 184)
            let (faint, _) = try faintSynthesizer.render(text, style: style)
            var pixels = clear.pixels
            for y in 0..<clear.height {
                for x in 0..<clear.width {
                    let glare = Swift.max(0, (Double(x) / Double(clear.width - 1) - 0.3) / 0.7)
                    for c in 0..<clear.channels {
                        let i = (y * clear.width + x) * clear.channels + c
                        pixels[i] = UInt8((1 - glare) * Double(clear.pixels[i]) + glare * Double(faint.pixels[i]))
                    }
                }
            }
            let read = try recognizer.recognize(try Image(width: clear.width, height: clear.height, channels: clear.channels, pixels: pixels)).text
            distance += editDistance(truth, read)
            digits += truth.filter(\.isNumber).count
            print("washed out by glare: truth \(truth)  read \(read)")
        }
        XCTAssertGreaterThanOrEqual(1 - Double(distance) / Double(digits), 0.95, "digit accuracy on digits washed out by glare")
    }

    /// A convincing first reading's sure digits must still be read where they were, 1s too.
    func testSureDigitsLostAreCounted() {
        func reading(_ digits: [(Int, Double, Box)]) -> RecognitionResult {
            let ds = digits.map { RecognizedDigit(box: $0.2, label: $0.0, confidence: $0.1, top3: []) }
            return RecognitionResult(width: 400, height: 100, skewDegrees: 0, pageRectified: false,
                                     lines: [RecognizedLine(text: "", numbers: [RecognizedNumber(text: "", box: ds[0].box, confidence: 0, digits: ds)])])
        }
        let eight = Box(x: 100, y: 10, width: 40, height: 60), nine = Box(x: 150, y: 10, width: 40, height: 60)
        let sure = PipelineParameters().sureConfidence
        let first = reading([(8, 0.98, eight), (9, 0.96, nine), (1, 0.99, Box(x: 20, y: 10, width: 8, height: 60)), (5, 0.6, Box(x: 60, y: 10, width: 30, height: 60))])
        XCTAssertEqual(sureDigitsLost(from: first, in: reading([(9, 0.98, nine)]), sureConfidence: sure), 2, "the 8 and the 1 are lost; the doubtful 5 does not count")
        XCTAssertEqual(sureDigitsLost(from: first, in: reading([(3, 0.9, Box(x: 105, y: 20, width: 40, height: 60)), (9, 0.98, nine), (1, 0.9, Box(x: 21, y: 12, width: 8, height: 58))]), sureConfidence: sure), 0,
                       "read as another digit over most of its box, the 8 is not lost")
        XCTAssertEqual(sureDigitsLost(from: first, in: reading([(3, 0.9, Box(x: 125, y: 10, width: 40, height: 60)), (9, 0.98, nine), (1, 0.9, Box(x: 20, y: 10, width: 8, height: 60))]), sureConfidence: sure), 1,
                       "a digit covering under half of its box does not read it")
    }
}
