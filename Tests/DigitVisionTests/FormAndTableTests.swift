import DigitNet
import DigitVision
import Foundation
import XCTest

/// Printed forms and tables: boxes round the digits, bold table lines across them, dashed
/// uprights, printed bars, a form turned.
extension PipelineTests {
    /// A form with a printed box round each digit. Each box read as a sure "0", too short to be
    /// erased as a rule (before: 11% of digits). Closed boxes are erased first, also where a
    /// bold digit touches its box and is one component with it.
    func testDigitsInAFormsPrintedBoxesAreRead() throws {
        var styles = [PageSynthesizer.Style]()
        var form = PageSynthesizer.Style(); form.boxes = true; styles.append(form)
        form.tiltDegrees = 4; styles.append(form)
        form = PageSynthesizer.Style(); form.boxes = true; form.blurSigma = 1; form.noise = 5; form.shadow = 0.4; styles.append(form)
        let texts = ["5831 2907", "4460|172", "09053", "1184", "36 775", "90210|73"]
        let accuracy = try generatedPagesAccuracy(texts, styles: styles, seed: 21, label: "form boxes")
        XCTAssertGreaterThanOrEqual(accuracy, 0.96, "digit accuracy in a form's boxes")
    }

    /// A bold table drawn over pages of numbers: its columns start a third into the first digit
    /// of each number of the first line and run down through the others (crossing what digits
    /// lie there), and rules lie above and below each line; the table's lines are 3, 6 or 9
    /// pixels thick. The lines go and the strokes crossing them stay (before, a line with its
    /// band wider than 8 pixels cut every digit across it in two: a 6 read "1 5"; a reviewer's
    /// 84 such tables, 16 read exactly, now 41).
    func testDigitsWrittenAcrossABoldTablesLinesAreRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 23)
        var style = PageSynthesizer.Style(); style.digitHeight = 50
        let texts = ["47 305|62 819", "9 28|506|36 71", "804 25|5163", "20 94|7 318|66", "752 40|1 9|863"]
        var distance = 0, digits = 0
        for (index, text) in texts.enumerated() {
            let (page, truth) = try synthesizer.render(text, style: style)
            let clean = try recognizer.recognize(page)
            XCTAssertEqual(clean.text, truth, "the page without its table")
            let thickness = [3, 6, 9][index % 3], ink = Color(red: 40, green: 40, blue: 40)
            let rows = clean.lines.map { line in (top: line.numbers.map(\.box.y).min()!, bottom: line.numbers.map(\.box.maxY).max()!) }
            let rules = [rows[0].top - 12 - thickness] + rows.map { $0.bottom + 12 }
            for y in rules { try page.fillRectangle(x: 0, y: y, width: page.width, height: thickness, color: ink) }
            for number in clean.lines[0].numbers {
                let first = number.digits[0].box
                try page.fillRectangle(x: first.x + first.width / 3 - thickness / 2, y: rules.first!, width: thickness,
                                       height: rules.last! + thickness - rules.first!, color: ink)
            }
            let result = try recognizer.recognize(page), read = result.text
            print("table \(thickness) px: truth \(truth)  read \(read)")
            if read != truth {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-table-\(index).png").path
                try drawAnnotations(result, on: page).write(to: path)
                print("table: misread page written to \(path)")
            }
            distance += editDistance(truth, read)
            digits += truth.filter(\.isNumber).count
        }
        XCTAssertGreaterThanOrEqual(1 - Double(distance) / Double(digits), 0.85, "digit accuracy with the table")
    }

    /// Real-dev's crop of a scanned form, 121x66, enlarged 10 and 20 times (a high-resolution
    /// scan): its box's dashed, blotchy upright leaves the blots' fringes on both sides of the
    /// erased band, which are no strokes crossing it (joined through it: "17", "1 115 1 2 1 7").
    func testAFormsDashedUprightEnlargedLeavesNoDigits() throws {
        let file = Shared.realDev.appendingPathComponent("photos/c1form_test1_02.png")
        try Shared.require(file)
        let form = try Image(contentsOf: file.path)
        for factor in [10, 20] {
            let enlarged = try form.resized(width: form.width * factor, height: form.height * factor, interpolation: .cubic)
            XCTAssertEqual(try recognizer().recognize(enlarged).text, "1 15", "enlarged \(factor) times")
        }
    }

    /// A form's bold printed bar beside handwritten digits, too short to be a ruled line (a
    /// scanned form's thick border, cut off by the crop): its stroke is far thicker than the
    /// pen's and its ink fills its box, so it is no digit (it read as a sure 1).
    func testABoldPrintedBarIsNotReadAsADigit() throws {
        let (page, truth) = try generatedPage("4096", width: 400, height: 200)
        var pixels = page.pixels
        let c = page.channels, barTop = page.height / 2 - 20
        for y in barTop..<barTop + 40 { for x in 8..<24 { for k in 0..<c { pixels[(y * page.width + x) * c + k] = 0 } } }
        let withBar = try Image(width: page.width, height: page.height, channels: c, pixels: pixels)
        XCTAssertEqual(try recognizer().recognize(page).text, truth, "the page alone")
        XCTAssertEqual(try recognizer().recognize(withBar).text, truth)
    }

    /// A scanned form's boxes turned 3° counter-clockwise (real-dev's c1form_test1_01, as the
    /// `tilt-3` copy of `Benchmarks/robustness.sh`): turned level again, the thin box sides come out faint
    /// and binarize into dashes, which read as 1s ("1 0 1 2 1") until they are found
    /// with the lines they belong to (`removeFaintLineStretches`).
    func testAFormTurnedAFewDegreesLosesItsBoxSides() throws {
        try Shared.require(Shared.realDev)
        let form = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/c1form_test1_01.png").path).grayscale()
        XCTAssertEqual(try recognizer().recognize(form).text, "012", "the form as scanned")
        XCTAssertEqual(try recognizer().recognize(try rotated(form, degrees: 3)).text, "012")
    }

    /// The same kind of form turned 25° counter-clockwise (`tilt-25`): levelled by its printed lines, its boxes' lines step
    /// a row here and there, and unless the box grid is still known for a frame, the digit
    /// height is taken from the boxes and their sides are read as 1s ("1 210 1 1 19 1").
    func testAFormTurned25DegreesIsReadWithoutItsBoxes() throws {
        try Shared.require(Shared.realDev)
        let form = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/c1form_test1_tahun.png").path).grayscale()
        XCTAssertEqual(try recognizer().recognize(form).text, "2019", "the form as scanned")
        let turned = try rotated(form, degrees: 25)
        let result = try recognizer().recognize(turned)
        XCTAssertEqual(result.text, "2019")
        // Boxes turned back from the levelled page stay within the picture.
        for digit in result.lines.flatMap(\.numbers).flatMap(\.digits) {
            XCTAssertTrue(digit.box.x >= 0 && digit.box.y >= 0 && digit.box.maxX <= turned.width && digit.box.maxY <= turned.height, "\(digit.box)")
        }
    }
}
