import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// Writing fainter than ink must be, read again with a lower floor (FaintInk.swift).
extension PipelineTests {
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
}
