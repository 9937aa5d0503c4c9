import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// Writing far fainter than a form's rules (DarkRules.swift).
extension PipelineTests {
    /// real-dev's form crops (rules printed black, digits in a paler pen) blurred as a soft
    /// scan blurs them (a Gaussian of 1.2 pixels): the rules held Otsu's threshold over part
    /// of the writing, and one crop read convincingly but wrong: "2019" read "7019" (and "127"
    /// read "1 77" blurred by ImageMagick). A picture whose rules hold the threshold up is
    /// read again beside them.
    func testBlurredFormCropsWhoseRulesHoldTheThresholdUpAreRead() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        for (file, truth) in [("c1form_test1_01.png", "012"), ("c1form_test1_02.png", "115"),
                              ("c1form_test1_C.png", "127"), ("c1form_test1_tahun.png", "2019")] {
            let crop = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/" + file).path)
            let read = try recognizer.recognize(try crop.gaussianBlurred(kernelSize: 0, sigma: 1.2)).text
            XCTAssertEqual(read.filter(\.isNumber), truth, "\(file) blurred read \"\(read)\"")
        }
    }

    /// Light pencil (grey 200 on paper 245) in a row of cells printed black, 3 pixels bold:
    /// Otsu's threshold fell between the pencil and the print, every stroke was lost and the
    /// field read as nothing. The faint reading chooses it without the rules.
    func testFaintPencilInBoldBlackCellsIsRead() throws {
        guard let (image, truth, digits) = try pencilDigits("5 2 7 4", seed: 3) else { return }
        // Cells sharing their dividers, halfway between the digits, 6 pixels clear of them.
        let top = digits.map(\.y).min()! - 6, bottom = digits.map(\.maxY).max()! + 6
        let middles = zip(digits, digits.dropFirst()).map { ($0.maxX + $1.x) / 2 }
        let sides = [digits[0].x - 10] + middles + [digits[3].maxX + 10]
        try drawCells(on: image, sides: sides, top: top, bottom: bottom)
        let field = try image.cropped(to: Box(x: sides.first! - 15, y: top - 15, width: sides.last! - sides.first! + 30, height: bottom - top + 30))
        XCTAssertEqual(try recognizer().recognize(field).text.filter(\.isNumber), truth.filter(\.isNumber))
    }

    /// The same pencil in a form's strip of three fields of two cells each (a date's day,
    /// month and year boxes): no rule runs half across the strip, but each field's is over
    /// 1.2 times the strip's height, longer than a digit's bar; a reviewer's pencil date in
    /// heavy boxes read "17 13 0 7" for "205 0431".
    func testFaintPencilInShortFieldsOfBoldBlackCellsIsRead() throws {
        guard let (image, truth, digits) = try pencilDigits("5 2 7 4 1 9", seed: 5) else { return }
        let top = digits.map(\.y).min()! - 6, bottom = digits.map(\.maxY).max()! + 6
        let left = digits[0].x - 14, right = digits[5].maxX + 14
        for pair in stride(from: 0, to: 6, by: 2) {
            let (first, second) = (digits[pair], digits[pair + 1])
            let sides = [first.x - 8, (first.maxX + second.x) / 2, second.maxX + 8]
            XCTAssertLessThan(2 * (sides[2] - sides[0]), right - left, "no rule runs half across the strip")
            try drawCells(on: image, sides: sides, top: top, bottom: bottom)
        }
        let strip = try image.cropped(to: Box(x: left, y: top - 6, width: right - left, height: bottom - top + 12))
        XCTAssertEqual(try recognizer().recognize(strip).text.filter(\.isNumber), truth.filter(\.isNumber))
    }

    /// MNIST test digits 40 pixels tall in light pencil (grey 200 on paper 245), their truth,
    /// and their boxes as read without cells, left to right; nil (the failure recorded) when
    /// the pencil alone is not read digit for digit.
    func pencilDigits(_ text: String, seed: UInt64) throws -> (image: Image, truth: String, digits: [Box])? {
        var synthesizer = try mnistTestPages(seed: seed)
        var style = PageSynthesizer.Style()
        style.digitHeight = 40
        style.ink = Color(red: 200, green: 200, blue: 200)
        style.paper = Color(red: 245, green: 245, blue: 245)
        let (image, truth) = try synthesizer.render(text, style: style)
        let digits = try recognizer().recognize(image).lines.flatMap(\.numbers).flatMap(\.digits).map(\.box).sorted { $0.x < $1.x }
        let count = truth.filter(\.isNumber).count
        XCTAssertEqual(digits.count, count, "the pencil alone is read")
        return digits.count == count ? (image, truth, digits) : nil
    }

    /// A row of cells printed black, 3 pixels bold, sharing their upright `sides`.
    func drawCells(on image: Image, sides: [Int], top: Int, bottom: Int) throws {
        let black = Color(red: 10, green: 10, blue: 10)
        try image.drawLine(from: Point(x: sides.first!, y: top), to: Point(x: sides.last!, y: top), color: black, thickness: 3)
        try image.drawLine(from: Point(x: sides.first!, y: bottom), to: Point(x: sides.last!, y: bottom), color: black, thickness: 3)
        for x in sides { try image.drawLine(from: Point(x: x, y: top), to: Point(x: x, y: bottom), color: black, thickness: 3) }
    }
}

/// `histogramWithoutRules` on drawn ink levels.
final class DarkRuleTests: XCTestCase {
    let (w, h) = (120, 60)

    func testRulesAndWhatJoinsThemAreLeftOutOnlyWhenMostOfTheInk() throws {
        // Two black rules (level 200) joined by a divider, faint writing (level 40) apart.
        var levels = [UInt8](repeating: 0, count: w * h)
        for x in 0..<w { for y in [10, 11, 50, 51] { levels[y * w + x] = 200 } }
        for y in 10...51 { levels[y * w + 60] = 200 }
        for y in 20...40 { levels[y * w + 30] = 40; levels[y * w + 90] = 40 }
        let histogram = try XCTUnwrap(histogramWithoutRules(levels, width: w, height: h, cut: 100))
        XCTAssertEqual(histogram[200], 0, "the rules and the divider joined to them")
        XCTAssertEqual(histogram[40], 42, "the writing stays")
        // Dark writing over most of the picture beside one rule: the writing chose the threshold.
        for y in 15...45 { for x in stride(from: 5, to: 115, by: 2) { levels[y * w + x] = 200 } }
        XCTAssertNil(try histogramWithoutRules(levels, width: w, height: h, cut: 100))
    }
}
