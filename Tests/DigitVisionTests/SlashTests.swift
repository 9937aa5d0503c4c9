@testable import DigitVision
import XCTest

/// The slashes of a date and of a closing "/-" (Slashes.swift).
extension StraightLineTests {
    /// A slash leaning right past the writer's digits is one; an upright 1, a 1 leaning as its
    /// writer's digits do, and a 1 with a flag are not.
    func testASlashLeansPastTheWritersDigitsAndAOneDoesNot() {
        func crop(_ mask: [UInt8], _ w: Int, _ h: Int) -> Crop { Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: mask) }
        // On 30-pixel digits: a slash 28 pixels tall leaning 12 pixels right, a pen's 3 wide.
        let slash = crop(stroke(17, 30, from: (2, 28), to: (14, 1), width: 3), 17, 30)
        XCTAssertTrue(isSlash(slash, writersSlant: 0, digitHeight: 30))
        XCTAssertTrue(isSlash(slash, writersSlant: -0.1, digitHeight: 30), "leaning past a writer leaning a little")
        XCTAssertFalse(isSlash(slash, writersSlant: -0.4, digitHeight: 30), "a writer whose digits lean as far")
        let upright = crop(stroke(8, 30, from: (4, 1), to: (3, 28), width: 3), 8, 30)
        XCTAssertFalse(isSlash(upright, writersSlant: 0, digitHeight: 30))
        // A 1 with its flag: the flag's rows hold two runs or one too wide.
        var flagged = stroke(17, 30, from: (4, 28), to: (13, 1), width: 3)
        for (i, v) in stroke(17, 30, from: (13, 1), to: (3, 9), width: 3).enumerated() where v != 0 { flagged[i] = v }
        XCTAssertFalse(isSlash(crop(flagged, 17, 30), writersSlant: 0, digitHeight: 30))
        // Too short: a comma.
        XCTAssertFalse(isSlash(crop(stroke(8, 12, from: (1, 11), to: (6, 1), width: 3), 8, 12), writersSlant: 0, digitHeight: 30))
    }

    /// Of MNIST's 1,135 test 1s cut to their ink, a third lean as a slash does (381: a 1 read
    /// last before a closing dash is lost so when its writer's other digits stand upright), but
    /// 25 (2%) when their writer's digits lean as they do (their own slant, `writingSlant`).
    func testMNISTOnesAreSlashesOnlyLeaningPastTheirWriter() throws {
        let ones = try mnistTestDigitsCutToTheirInk().filter { $0.label == 1 }
        XCTAssertGreaterThan(ones.count, 1000)
        let upright = ones.filter { isSlash($0.crop, writersSlant: 0, digitHeight: Double($0.crop.box.height)) }
        XCTAssertLessThanOrEqual(upright.count, 400, "1s that are slashes for an upright writer")
        let leaningAlike = ones.filter { isSlash($0.crop, writersSlant: writingSlant($0.crop), digitHeight: Double($0.crop.box.height)) }
        XCTAssertLessThanOrEqual(Double(leaningAlike.count), 0.03 * Double(ones.count), "\(leaningAlike.count) 1s leaning as their writer")
    }
}

extension StraightLineTests {
    /// A date's two slashes, "22/10/2025" with upright ring-shaped digits, are found; one
    /// slash alone, two with three digits between them, or two between parts that read as no
    /// date ("62/15/2585", a number whose 1s lean), are not a date's.
    func testADatesTwoSlashesAreFound() {
        // Digits: upright rings 14 wide, 30 tall; slashes: strokes leaning 12 pixels over 30.
        func ring(_ x: Int) -> Crop {
            var mask = [UInt8](repeating: 0, count: 14 * 30)
            for y in 0..<30 { for dx in 0..<14 {
                let u = (Double(dx) - 6.5) / 7, v = (Double(y) - 14.5) / 15, r = (u * u + v * v).squareRoot()
                if r <= 1 && r >= 0.65 { mask[y * 14 + dx] = 255 }
            } }
            return Crop(box: Box(x: x, y: 10, width: 14, height: 30), mask: mask)
        }
        func slash(_ x: Int) -> Crop { Crop(box: Box(x: x, y: 8, width: 17, height: 34), mask: stroke(17, 34, from: (2, 32), to: (14, 1), width: 3)) }
        func row(_ makers: [(Int) -> Crop]) -> [Crop] { makers.enumerated().map { $1($0 * 20) } }
        let date = row([ring, ring, slash, ring, ring, slash, ring, ring, ring, ring])
        XCTAssertEqual(dateSlashIndices(date, labels: [2, 2, 1, 1, 0, 1, 2, 0, 2, 5], writersSlant: 0, digitHeight: 30), [2, 5])
        XCTAssertEqual(dateSlashIndices(date, labels: [6, 2, 1, 1, 5, 1, 2, 5, 8, 5], writersSlant: 0, digitHeight: 30), [], "62/15/2585")
        let one = row([ring, ring, slash, ring, ring, ring, ring])
        XCTAssertEqual(dateSlashIndices(one, labels: [2, 2, 1, 1, 0, 2, 5], writersSlant: 0, digitHeight: 30), [])
        let apart = row([ring, slash, ring, ring, ring, slash, ring, ring])
        XCTAssertEqual(dateSlashIndices(apart, labels: [2, 1, 1, 0, 2, 1, 2, 5], writersSlant: 0, digitHeight: 30), [])
        XCTAssertEqual(dateSlashIndices(date, labels: [2, 2, 1, 1, 0, 1, 2, 0, 2, 5], writersSlant: -0.4, digitHeight: 30), [],
                       "a writer whose digits lean as far")
    }

    /// Day and month either way round, a year of two digits or of four from 1900 to 2099.
    func testWhatReadsAsADate() {
        XCTAssertTrue(isDate(22, 10, year: 2025, yearDigits: 4))
        XCTAssertTrue(isDate(10, 22, year: 25, yearDigits: 2), "month first")
        XCTAssertFalse(isDate(22, 13, year: 2025, yearDigits: 4))
        XCTAssertFalse(isDate(0, 5, year: 2025, yearDigits: 4))
        XCTAssertFalse(isDate(5, 5, year: 2585, yearDigits: 4))
    }
}

extension PipelineTests {
    /// A reviewer's generated photo (Fixtures/dates-with-slashes-on-wood.jpg: a sheet on a
    /// wood desk, MNIST test digits in pencil 19 pixels tall, "4910", "13.03.1958",
    /// "27/02/1976" and "27-02-2022"): the slashes read as 1s, "2710211976".
    func testADatesSlashesAreNoDigits() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("dates-with-slashes-on-wood.jpg").path)).text
        XCTAssertEqual(read.filter { $0 != " " }, "4910130319582702197627022022", read)
    }

    /// Two reviewer's generated cheque amounts closed with "/-" (MNIST test digits on guilloche
    /// after a printed "$", 250x50; a handwriting font in a printed box, 250x60): the slash read
    /// as a sure 1, "679001" and "760981". The closing dash of the first is too short to be read.
    func testTheSlashOfAClosingSlashDashIsNoDigit() throws {
        let dollar = try recognizer().recognize(try Image(contentsOf: Fixtures.url("cheque-closing-slash-dollar.jpg").path)).text
        XCTAssertEqual(dollar, "67900")
        let boxed = try recognizer().recognize(try Image(contentsOf: Fixtures.url("cheque-closing-slash-boxed.jpg").path)).text
        XCTAssertEqual(boxed, "76098")
    }
}
