import DigitNet
import XCTest
@testable import DigitVision

/// A picture given sideways or upside down without an EXIF tag (Orientation.swift): read the
/// right way up when its reading as given looks turned, left alone when it does not.
final class OrientationTests: XCTestCase {
    /// A marked pixel turned a quarter, half and three quarters of a turn lands where a
    /// clockwise turn puts it, and its 1x1 box found there maps back onto the pixel; a 2x3
    /// box maps back onto itself too.
    func testTurningAPictureAndMappingABoxBack() throws {
        let (w, h) = (7, 4)
        var pixels = [UInt8](repeating: 0, count: w * h)
        pixels[1 * w + 5] = 255   // (x 5, y 1)
        let picture = try Image(width: w, height: h, channels: 1, pixels: pixels)
        let expected = [1: (x: 2, y: 5), 2: (x: 1, y: 2), 3: (x: 1, y: 1)]   // clockwise: (h-1-y, x), (w-1-x, h-1-y), (y, w-1-x)
        for (turns, at) in expected {
            let turned = try picture.turned(quarterTurns: turns)
            XCTAssertEqual([turned.width, turned.height], turns % 2 == 1 ? [h, w] : [w, h])
            let lit = turned.pixels.indices.filter { turned.pixels[$0] == 255 }
            XCTAssertEqual(lit, [at.y * turned.width + at.x], "\(turns) quarter turns")
            XCTAssertEqual(Box(x: at.x, y: at.y, width: 1, height: 1).turnedBack(quarterTurns: turns, width: w, height: h), Box(x: 5, y: 1, width: 1, height: 1))
            // A box made of turned pixels comes back whole.
            let box = Box(x: 4, y: 1, width: 2, height: 3)
            var marked = [UInt8](repeating: 0, count: w * h)
            for y in box.y..<box.maxY { for x in box.x..<box.maxX { marked[y * w + x] = 255 } }
            let turnedMark = try Image(width: w, height: h, channels: 1, pixels: marked).turned(quarterTurns: turns)
            let xs = turnedMark.pixels.indices.filter { turnedMark.pixels[$0] == 255 }.map { $0 % turnedMark.width }
            let ys = turnedMark.pixels.indices.filter { turnedMark.pixels[$0] == 255 }.map { $0 / turnedMark.width }
            let found = Box(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()! + 1, height: ys.max()! - ys.min()! + 1)
            XCTAssertEqual(found.turnedBack(quarterTurns: turns, width: w, height: h), box)
        }
        XCTAssertEqual(try picture.turned(quarterTurns: 4).pixels, pixels)
    }

    /// A sure upright reading is never read again; a reading of digits lying on their sides
    /// tries the quarter turns (not on a strip); a doubtful one of six digits or more the
    /// half turn too.
    func testWhichTurnsAreWorthTrying() {
        let upright = ReadingStrength(sure: 9, unsure: 1, count: 10, meanConfidence: 0.95, medianAspect: 0.6, digitsPerLine: 5)
        XCTAssertEqual(turnsWorthTrying(upright, width: 640, height: 480), [])
        let sideways = ReadingStrength(sure: 2, unsure: 3, count: 6, meanConfidence: 0.8, medianAspect: 1.3, digitsPerLine: 1)
        XCTAssertEqual(turnsWorthTrying(sideways, width: 480, height: 640), [1, 3, 2])
        let shortAndDoubtful = ReadingStrength(sure: 2, unsure: 2, count: 4, meanConfidence: 0.88, medianAspect: 0.7, digitsPerLine: 4)
        XCTAssertEqual(turnsWorthTrying(shortAndDoubtful, width: 640, height: 480), [], "four digits read about as surely upside down")
        XCTAssertEqual(turnsWorthTrying(sideways, width: 200, height: 60), [2], "a strip is written along its length")
        let one = ReadingStrength(sure: 0, unsure: 1, count: 1, meanConfidence: 0.5, medianAspect: 2, digitsPerLine: 1)
        XCTAssertEqual(turnsWorthTrying(one, width: 640, height: 480), [])
    }

    /// The turned reading is taken only when clearly surer, stands its digits up and keeps
    /// them on lines; a row of sure 1s (streaks: motion blur turned sideways) is no evidence.
    func testATurnedReadingMustBeClearlySurer() {
        let asGiven = ReadingStrength(sure: 1, unsure: 5, count: 6, meanConfidence: 0.75, medianAspect: 1.2, digitsPerLine: 1)
        let standing = ReadingStrength(sure: 5, unsure: 1, count: 6, meanConfidence: 0.93, medianAspect: 0.6, digitsPerLine: 6)
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [1: standing, 3: asGiven]), 1)
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [1: asGiven, 3: standing]), 3)
        var lying = standing; lying.medianAspect = 1.3
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [1: lying]), 0, "digits must stand up")
        var scattered = standing; scattered.digitsPerLine = 0.9
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [1: scattered]), 0, "one digit to a line is no page read the right way")
        let ones = ReadingStrength(sure: 0, unsure: 0, count: 6, meanConfidence: 0.97, medianAspect: 0.3, digitsPerLine: 2)
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [1: ones]), 0, "sure 1s are no evidence")
        var barelySurer = asGiven; barelySurer.sure = 3; barelySurer.unsure = 5; barelySurer.meanConfidence = 0.8
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [2: barelySurer]), 0, "a half turn needs three more")
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [2: standing]), 2)
        var manyMore = standing; manyMore.count = 11; manyMore.unsure = 0; manyMore.sure = 11
        XCTAssertEqual(wayUp(asGiven: asGiven, turned: [1: manyMore]), 0, "half as many digits again is no page read the right way")
        var broken = standing; broken.digitsPerLine = 1.5
        var onLines = asGiven; onLines.digitsPerLine = 6
        XCTAssertEqual(wayUp(asGiven: onLines, turned: [2: broken]), 0, "upside down, the lines must hold")
        // A reviewer's date in boxes, "19 04 1991", as given and upside down ("1661 170 61",
        // its 9s sure 6s): three more is enough for a page, not for a strip, whose way up is
        // along its length and rarely upside down.
        let boxedDate = ReadingStrength(sure: 1, unsure: 3, count: 8, meanConfidence: 0.90, medianAspect: 0.77, digitsPerLine: 8)
        let upsideDown = ReadingStrength(sure: 3, unsure: 2, count: 9, meanConfidence: 0.94, medianAspect: 0.67, digitsPerLine: 9)
        XCTAssertEqual(wayUp(asGiven: boxedDate, turned: [2: upsideDown]), 2)
        XCTAssertEqual(wayUp(asGiven: boxedDate, turned: [2: upsideDown], lyingStrip: true), 0, "a strip needs four more")
        var clearlyUpsideDown = upsideDown; clearlyUpsideDown.sure = 4
        XCTAssertEqual(wayUp(asGiven: boxedDate, turned: [2: clearlyUpsideDown], lyingStrip: true), 2)
    }

    /// A reading of noise (hundreds of doubtful digits) is not read again.
    func testNoiseIsNotReadAgain() {
        let noise = ReadingStrength(sure: 30, unsure: 900, count: 950, meanConfidence: 0.5, medianAspect: 1.2, digitsPerLine: 20)
        XCTAssertEqual(turnsWorthTrying(noise, width: 640, height: 480), [])
        var page = noise; page.count = 195; page.unsure = 88; page.sure = 90
        XCTAssertEqual(turnsWorthTrying(page, width: 640, height: 480), [1, 3, 2], "a big page upside down is read again")
        // A page of 120 digits scanned sideways (a reviewer's, generated): 104 pieces, 86 of
        // them doubtful. Read again turned, it is 120 sure digits, 15 to a line against 5.2.
        let sideways = ReadingStrength(sure: 16, unsure: 86, count: 104, meanConfidence: 0.61, medianAspect: 1.22, digitsPerLine: 5.2)
        XCTAssertEqual(turnsWorthTrying(sideways, width: 3508, height: 2480), [1, 3, 2], "read again")
        let turned = ReadingStrength(sure: 97, unsure: 7, count: 120, meanConfidence: 0.95, medianAspect: 0.75, digitsPerLine: 15)
        XCTAssertEqual(wayUp(asGiven: sideways, turned: [1: turned]), 1)
        // Its noise may even make longer lines (140 pieces, 14 to a line, against the turned
        // page's 10): many sure digits against a doubtful mass decide without them.
        let longLines = ReadingStrength(sure: 29, unsure: 107, count: 140, meanConfidence: 0.69, medianAspect: 1.03, digitsPerLine: 14)
        let tenToALine = ReadingStrength(sure: 94, unsure: 9, count: 120, meanConfidence: 0.96, medianAspect: 0.71, digitsPerLine: 10)
        XCTAssertEqual(wayUp(asGiven: longLines, turned: [3: tenToALine]), 3)
        // Real-dev's five rows of digits (24) given a quarter turn: its lying 8s split into
        // pairs of sure 0s, read as given it is 39 digits, 18 doubtful (under half), on lines
        // of 7.8 against the upright reading's 4.8. Two in five doubtful against 23 sure of 24
        // still decide.
        let lyingEights = ReadingStrength(sure: 18, unsure: 18, count: 39, meanConfidence: 0.84, medianAspect: 0.95, digitsPerLine: 7.8)
        let upright = ReadingStrength(sure: 23, unsure: 0, count: 24, meanConfidence: 0.98, medianAspect: 0.61, digitsPerLine: 4.8)
        XCTAssertEqual(wayUp(asGiven: lyingEights, turned: [3: upright]), 3)
        var fewDoubtful = lyingEights; fewDoubtful.unsure = 15; fewDoubtful.sure = 21
        XCTAssertEqual(wayUp(asGiven: fewDoubtful, turned: [3: upright]), 0, "under two in five doubtful, the lines decide")
    }

    /// A real photo given sideways either way and upside down reads "135790" with its
    /// boxes in the given picture's pixels (where the upright reading's boxes turn to);
    /// read as given (`findWayUp` off) it does not.
    func testARealPhotoTurnedEveryWayReadsTheRightWayUp() throws {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/vinay0410_numbers1.jpg").path)
        let classifier = try DigitClassifier(contentsOf: Shared.model)
        let recognizer = DigitRecognizer(classifier: classifier)
        var asGivenParameters = PipelineParameters()
        asGivenParameters.findWayUp = false
        let asGivenRecognizer = DigitRecognizer(classifier: classifier, parameters: asGivenParameters)
        let upright = try recognizer.recognize(photo)
        XCTAssertEqual(upright.text, "135790")
        XCTAssertEqual(upright.turnedDegrees, 0)
        for turns in 1...3 {
            let given = try photo.turned(quarterTurns: turns)
            let result = try recognizer.recognize(given)
            XCTAssertEqual(result.text, "135790", "given turned \(turns) quarter turns")
            XCTAssertEqual(result.turnedDegrees, 90 * (4 - turns))
            XCTAssertEqual([result.width, result.height], [given.width, given.height])
            // The first digit's box is the upright one turned with the picture, within a few pixels.
            // The photo is the given picture turned 4 - turns more, so its boxes turn back into the given one's.
            let expected = upright.digits[0].box.turnedBack(quarterTurns: 4 - turns, width: given.width, height: given.height)
            let found = result.digits[0].box
            XCTAssertLessThan(abs(found.x - expected.x) + abs(found.y - expected.y) + abs(found.width - expected.width) + abs(found.height - expected.height), 12,
                              "\(found) against \(expected)")
            XCTAssertNotEqual(try asGivenRecognizer.recognize(given).text, "135790")
        }
    }

    /// A strip standing up, read one digit to a line, is turned when a quarter turn reads more
    /// sure digits, two or more to a line, convincingly; an upright column of sure digits is not.
    func testAStripStandingUpIsReadAlongItsLength() {
        let sideways = ReadingStrength(sure: 1, unsure: 1, count: 2, meanConfidence: 0.73, medianAspect: 0.6, digitsPerLine: 1)
        XCTAssertTrue(isStandingStrip(sideways, width: 40, height: 140))
        XCTAssertFalse(isStandingStrip(sideways, width: 80, height: 140), "not twice as tall as wide")
        XCTAssertEqual(turnsWorthTrying(sideways, width: 40, height: 140), [1, 3])
        var one = sideways; one.count = 1; one.unsure = 0; one.meanConfidence = 0.99
        XCTAssertEqual(turnsWorthTrying(one, width: 40, height: 140), [], "one digit read tells nothing: a tall crop of one digit")
        // Upright, the cheque's 4 digits: as surely as its pieces read sideways, but stood up less
        // (its flat 0s), which the rule for other pictures asks.
        let along = ReadingStrength(sure: 3, unsure: 1, count: 4, meanConfidence: 0.83, medianAspect: 1.04, digitsPerLine: 4)
        XCTAssertEqual(wayUp(asGiven: sideways, turned: [1: along]), 0)
        XCTAssertEqual(wayUp(asGiven: sideways, turned: [1: along], standingStrip: true), 1)
        var scattered = along; scattered.digitsPerLine = 1.5
        XCTAssertEqual(wayUp(asGiven: sideways, turned: [3: scattered], standingStrip: true), 0, "two or more to a line")
        var doubtful = along; doubtful.sure = 2; doubtful.unsure = 0; doubtful.meanConfidence = 0.6
        XCTAssertEqual(wayUp(asGiven: sideways, turned: [3: doubtful], standingStrip: true), 0, "convincingly")
        let column = ReadingStrength(sure: 5, unsure: 0, count: 5, meanConfidence: 0.97, medianAspect: 0.7, digitsPerLine: 1)
        let columnTurned = ReadingStrength(sure: 2, unsure: 3, count: 5, meanConfidence: 0.75, medianAspect: 1.1, digitsPerLine: 5)
        XCTAssertEqual(wayUp(asGiven: column, turned: [1: columnTurned, 3: columnTurned], standingStrip: true), 0, "an upright column stays")
    }

    /// Real cheques' amounts given sideways, either way, read along their length (they had
    /// read "9 26 4", "8 8", "41 8 1").
    func testChequeAmountsGivenSidewaysAreRead() throws {
        try Shared.require(Shared.realDev)
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        for (file, truth) in [("orandcar_a_car_007001.jpg", "5743"), ("orandcar_a_car_007011.jpg", "20000"), ("orandcar_a_car_007014.jpg", "530")] {
            let field = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/\(file)").path)
            for turns in [1, 3] {
                let result = try recognizer.recognize(try field.turned(quarterTurns: turns))
                XCTAssertEqual(result.text, truth, "\(file) turned \(turns) quarter turns")
                XCTAssertEqual(result.turnedDegrees, 90 * (4 - turns))
            }
        }
    }
}
