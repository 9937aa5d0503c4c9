import DigitNet
import XCTest
@testable import DigitVision

/// The digit height estimate (DigitHeight.swift).
final class DigitHeightTests: XCTestCase {
    /// The pipeline's small crop (`PipelineParameters.smallPictureSide`).
    let smallPictureSide = PipelineParameters().smallPictureSide

    func testAFewDigitsAmongManySpecksSetTheHeight() {
        // Three digits 30 pixels tall (a small cheque) among a hundred one-pixel specks (the
        // grain of the desk around it): the specks are most of the components, not the height.
        func component(_ width: Int, _ height: Int, area: Int) -> Component {
            Component(x: 0, y: 0, width: width, height: height, area: area, centroidX: 0, centroidY: 0)
        }
        let digits = [component(20, 30, area: 300), component(18, 31, area: 280), component(22, 29, area: 320)]
        let specks = [Component](repeating: component(1, 1, area: 1), count: 100)
        XCTAssertEqual(estimateDigitHeight((digits + specks)[...], imageWidth: 300, imageHeight: 120, smallPictureSide: smallPictureSide), 30)
        // Without the specks, the same.
        XCTAssertEqual(estimateDigitHeight(digits[...], imageWidth: 300, imageHeight: 120, smallPictureSide: smallPictureSide), 30)
    }

    func testNineDigitsAmongHundredsOfNoiseBlobsSetTheHeight() {
        // A dim, noisy photo of nine digits 60 pixels tall: 300 blobs of noise 6 to 9 pixels
        // tall survive thresholding, far more than the digits, and each taller than a speck.
        func component(_ width: Int, _ height: Int, area: Int) -> Component {
            Component(x: 0, y: 0, width: width, height: height, area: area, centroidX: 0, centroidY: 0)
        }
        let digits = (0..<9).map { component(36 + $0, 58 + $0 % 5, area: 700 + 40 * $0) }
        let blobs = (0..<300).map { component(5 + $0 % 4, 6 + $0 % 4, area: 20 + $0 % 15) }
        XCTAssertEqual(estimateDigitHeight((digits + blobs)[...], imageWidth: 1000, imageHeight: 800, smallPictureSide: smallPictureSide), 60)
    }

    func testAWedgeAlongThePicturesEdgeDoesNotSetTheHeight() throws {
        // A photo whose corner shows a wedge of desk along its left edge, 200 pixels tall and
        // far heavier than the three digits (rings 30 pixels tall) on the page; and a "1"
        // that the crop cuts at the top edge, touching it with its stroke's end only.
        let (w, h) = (300, 200)
        var binary = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<(y / 5 + 1) { binary[y * w + x] = 255 } }
        for left in [100, 150, 200] {
            for y in 80..<110 { for x in left..<(left + 20) where y < 83 || y >= 107 || x < left + 3 || x >= left + 17 { binary[y * w + x] = 255 } }
        }
        for y in 0..<30 { binary[y * w + 260] = 255; binary[y * w + 261] = 255 }
        let labels = try Image(width: w, height: h, channels: 1, pixels: binary).connectedComponents(connectivity: 8)
        let bands = edgeBands(labels)
        let wedge = Int(labels.labels[(h - 1) * w]), one = Int(labels.labels[261])
        XCTAssertEqual(bands, [wedge], "only the wedge lies along the edge, not the 1 (\(one)) it cuts")
        XCTAssertEqual(estimateDigitHeight(labels.components.dropFirst(), imageWidth: w, imageHeight: h, smallPictureSide: smallPictureSide), 200, "the wedge is the reference")
        XCTAssertEqual(estimateDigitHeight(labels.components.dropFirst(), imageWidth: w, imageHeight: h, smallPictureSide: smallPictureSide, leftOut: bands), 30)
    }

    func testASheetsEdgeSeenAslantDoesNotSetTheHeight() throws {
        // A white sheet on a light grey desk, turned: its edge is inked as one stroke 4 pixels
        // thick, 440 long at 70° from level, over six times as heavy as each of nine digits
        // (rings 30 pixels tall, drawn with a 2-pixel pen); a slanted 1 and a 7 are no line.
        let (w, h) = (480, 640)
        var binary = [UInt8](repeating: 0, count: w * h)
        for t in 0..<440 {
            let x = 400 - Int(Double(t) * cos(70 * .pi / 180)), y = 100 + Int(Double(t) * sin(70 * .pi / 180))
            for dx in 0..<4 { binary[y * w + x + dx] = 255 }
        }
        for left in Swift.stride(from: 40, to: 300, by: 30) {
            for y in 300..<330 { for x in left..<(left + 20) where y < 302 || y >= 328 || x < left + 2 || x >= left + 18 { binary[y * w + x] = 255 } }
        }
        for y in 400..<430 { for dx in 0..<3 { binary[y * w + 60 + (430 - y) / 4 + dx] = 255 } }                 // a slanted 1
        for x in 100..<120 { for dy in 0..<3 { binary[(400 + dy) * w + x] = 255 } }                              // a 7's bar
        for y in 400..<430 { for dx in 0..<3 { binary[y * w + 119 - (y - 400) / 3 + dx] = 255 } }                // and its stem
        let labels = try Image(width: w, height: h, channels: 1, pixels: binary).connectedComponents(connectivity: 8)
        let edge = Int(labels.labels[100 * w + 400]), one = Int(labels.labels[415 * w + 60 + 15 / 4 + 1]), seven = Int(labels.labels[400 * w + 110])
        XCTAssertEqual(longStraightLines(labels), [edge], "only the edge is a line, not the 1 (\(one)) nor the 7 (\(seven))")
        // A line this thin in a box a fifth of the picture is a sparse frame by itself now
        // (`testASmallSheetsOutlineDoesNotSetTheHeight`); it was the reference before.
        XCTAssertEqual(estimateDigitHeight(labels.components.dropFirst(), imageWidth: w, imageHeight: h, smallPictureSide: smallPictureSide), 30)
        XCTAssertEqual(estimateDigitHeight(labels.components.dropFirst(), imageWidth: w, imageHeight: h, smallPictureSide: smallPictureSide,
                                           leftOut: longStraightLines(labels)), 30)
    }

    func testAGiantAtTheEdgeAboveACrowdOfDigitsDoesNotSetTheHeight() {
        // A 1150x830 photo: 36 digits 21 to 38 pixels tall, and a shadow's wedge 463 pixels
        // tall reaching the right edge with an arm 74 tall along the bottom, the two far
        // heavier than any digit.
        func component(x: Int, y: Int, _ width: Int, _ height: Int, area: Int) -> Component {
            Component(x: x, y: y, width: width, height: height, area: area, centroidX: 0, centroidY: 0)
        }
        let digits = (0..<36).map { component(x: 100 + 20 * $0, y: 200 + 100 * ($0 % 3), 18, 21 + $0 % 18, area: 300 + $0) }
        let wedge = component(x: 989, y: 141, 160, 463, area: 12287), arm = component(x: 700, y: 560, 275, 74, area: 3019)
        let all = [wedge, arm] + digits
        XCTAssertEqual(giantsAmongSmall(all[...], imageWidth: 1150, imageHeight: 830, smallPictureSide: smallPictureSide), [0], "the wedge alone")
        XCTAssertEqual(estimateDigitHeight(all[...], imageWidth: 1150, imageHeight: 830, smallPictureSide: smallPictureSide), 30, accuracy: 2)
        // The same wedge away from the edge could be a digit of a close-up; so could one at the
        // edge among fewer than 8 far smaller components; and a crop under 200 pixels has none.
        let inside = component(x: 600, y: 141, 160, 463, area: 12287)
        XCTAssertEqual(giantsAmongSmall(([inside, arm] + digits)[...], imageWidth: 1150, imageHeight: 830, smallPictureSide: smallPictureSide), [])
        XCTAssertEqual(giantsAmongSmall(([wedge, arm] + digits.prefix(6))[...], imageWidth: 1150, imageHeight: 830, smallPictureSide: smallPictureSide), [])
        let cheque = [component(x: 0, y: 0, 20, 30, area: 200)] + (0..<20).map { component(x: 30 + 5 * $0, y: 10, 3, 8, area: 10) }
        XCTAssertEqual(giantsAmongSmall(cheque[...], imageWidth: 138, imageHeight: 36, smallPictureSide: smallPictureSide), [])
    }

    func testFaintMarksStandingAloneAreDropped() {
        // Five crops 3 pixels wide and 4 tall in a 40-pixel-wide ink map: three strokes of dark
        // ink (200, 190, 180), a faint one (70) right beside them, as a light-blue digit in a
        // number, and a faint one (60) far off, as the band along a shadowed page's edge.
        let width = 40, height = 4
        var levels = [UInt8](repeating: 0, count: width * height)
        let columns = [0, 3, 9, 6, 36], peaks: [UInt8] = [200, 190, 180, 70, 60]
        for (x, level) in zip(columns, peaks) { for y in 0..<height { levels[y * width + x + 1] = level } }
        let crops = columns.map { Crop(box: Box(x: $0, y: 0, width: 3, height: height), mask: [UInt8](repeating: 255, count: 3 * height)) }
        XCTAssertEqual(peakInk(crops[3], levels: levels, width: width), 70)
        let kept = droppingFaintMarks(crops, levels: levels, width: width, fraction: 0.4, digitHeight: 4)
        XCTAssertEqual(kept.map(\.box.x), [0, 3, 9, 6], "only the faint mark far from the writing goes")
        // Under a lower fraction (0.3) both stay, 0.39 and 0.33 of the median; with fewer than
        // three crops, all stay.
        XCTAssertEqual(droppingFaintMarks(crops, levels: levels, width: width, fraction: 0.3, digitHeight: 4).count, 5)
        XCTAssertEqual(droppingFaintMarks([crops[0], crops[4]], levels: levels, width: width, fraction: 0.4, digitHeight: 4).count, 2)
    }

    func testAFormsBoxesLevelledToWithinAPixelAreAFrameAndADigitIsNot() throws {
        // A row of four boxes 40 pixels high and 160 wide, turned level to within a pixel: each
        // rule steps down a row halfway along, each upright a column halfway down. Beside it a
        // "4" drawn with a straight stem and bar but a slanted arm.
        let (w, h) = (240, 60)
        var binary = [UInt8](repeating: 0, count: w * h)
        for x in 10..<170 { let step = x < 90 ? 0 : 1; binary[(10 + step) * w + x] = 255; binary[(50 + step) * w + x] = 255 }
        for x in Swift.stride(from: 10, through: 170, by: 40) { for y in 10..<52 { binary[y * w + Swift.min(x + (y < 30 ? 0 : 1), 169)] = 255 } }
        for y in 12..<50 { binary[y * w + 215] = 255 }                      // the 4's stem
        for x in 195..<225 { binary[38 * w + x] = 255 }                     // its bar
        for k in 0..<24 { binary[(14 + k) * w + 205 - k / 3] = 255 }        // its slanted arm
        let labels = try Image(width: w, height: h, channels: 1, pixels: binary).connectedComponents(connectivity: 8)
        let frames = frameLikeComponents(labels)
        let boxes = labels.components.indices.first { $0 > 0 && labels.components[$0].width > 100 }!
        let four = labels.components.indices.first { $0 > 0 && labels.components[$0].x > 180 }!
        XCTAssertTrue(frames.contains(boxes), "the boxes are a frame")
        XCTAssertFalse(frames.contains(four), "the 4 is no frame")
        // So the digit height is not the boxes' height.
        XCTAssertEqual(estimateDigitHeight(labels.components.dropFirst(), imageWidth: w, imageHeight: h, smallPictureSide: smallPictureSide, leftOut: frames), 38, accuracy: 1)
    }

    func testASmallSheetsOutlineDoesNotSetTheHeight() {
        // A 5-megapixel photo (read at 1600x1200) of a small lined sheet on a desk as light as
        // the paper: its shaded outline is inked as one thin frame, 520x685 (a fifth of the
        // picture), 4 pixels thick, far heavier than each of the ten digits 7 pixels tall and
        // the rules' dashes. Taken for the digits' size, the picture was shrunk to 140 pixels
        // across and read as nothing.
        func component(_ width: Int, _ height: Int, area: Int) -> Component {
            Component(x: 0, y: 0, width: width, height: height, area: area, centroidX: 0, centroidY: 0)
        }
        let outline = component(520, 685, area: 4 * 2 * (520 + 685))
        let digits = (0..<10).map { component(5 + $0 % 2, 7, area: 18 + $0 % 5) }
        let dashes = (0..<12).map { component(40 + $0, 2, area: 60 + $0) }
        XCTAssertEqual(estimateDigitHeight(([outline] + digits + dashes)[...], imageWidth: 1600, imageHeight: 1200, smallPictureSide: smallPictureSide), 7)
        // A large digit alone, as sparse, is still its own height.
        XCTAssertEqual(estimateDigitHeight([outline][...], imageWidth: 1600, imageHeight: 1200, smallPictureSide: smallPictureSide), 685)
    }
}

/// A bold digit blurred into a blob (DigitRecognizer.swift, `darkestInk`).
final class BlurredBlobTests: XCTestCase {
    func testTheDarkRingOfABlurredZeroIsFoundInsideItsBlob() throws {
        // A 30x30 blob: a dark ring (a 0's stroke) whose hole blur has filled with lighter ink.
        let (w, h) = (30, 30)
        var levels = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w {
            let d = ((Double(x) - 14.5) * (Double(x) - 14.5) + (Double(y) - 14.5) * (Double(y) - 14.5)).squareRoot()
            if d <= 14 { levels[y * w + x] = d >= 9 ? 240 : 110 }
        } }
        let blob = Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: levels.map { $0 > 0 ? 255 : 0 })
        let core = try XCTUnwrap(darkestInk(blob, levels: levels, width: w))
        XCTAssertEqual(core.mask[15 * core.box.width + 15], 0, "the hole is open again")
        XCTAssertNotEqual(core.mask[15 * core.box.width + 2], 0, "the ring stays")
        // Ink of one darkness (a drawing, a felt-pen scribble) has no darker core.
        XCTAssertNil(darkestInk(blob, levels: levels.map { $0 > 0 ? 240 : 0 }, width: w))
    }
}

/// A sheet's outline round the writing is no digit's height (`framingOthers`).
extension PipelineTests {
    /// A reviewer's generated photo (Fixtures/sticky-note-on-wood.jpg: "836", MNIST test
    /// digits in blue on a pink note on a wooden desk, 1686x948). The note's edge and shadow
    /// binarize as one ragged outline round the digits, 160 working pixels tall, which was
    /// taken for the digits' height: the digits were read as specks, and the reading with
    /// fainter ink, the 8's loops filled, was kept: "136".
    func testTheOutlineOfANoteOnADeskIsNotTheDigitsHeight() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("sticky-note-on-wood.jpg").path)).text
        XCTAssertEqual(read, "836")
    }

    /// An outline with two digits inside is framing; the same outline with the digits joined
    /// to it in its middle (a box the writing touches), or with only a dash inside, is not.
    func testAnOutlineRoundDigitsFramesThem() {
        let (w, h) = (60, 40)
        var pixels = [UInt8](repeating: 0, count: w * h)
        func ink(_ xs: Range<Int>, _ ys: Range<Int>) { for y in ys { for x in xs { pixels[y * w + x] = 255 } } }
        // The outline, 2 pixels thick.
        ink(0..<60, 0..<2); ink(0..<60, 38..<40); ink(0..<2, 0..<40); ink(58..<60, 0..<40)
        // Two upright strokes inside, clear of it.
        ink(15..<18, 10..<30); ink(35..<38, 10..<30)
        var labels = connectedComponents(pixels, width: w, height: h)
        let outline = labels.labels[0]
        XCTAssertEqual(framingOthers(labels), [Int(outline)])
        // A dash and a dot inside: nothing to measure the writing by.
        pixels = pixels.enumerated().map { $0.offset % w >= 2 && $0.offset % w < 58 && $0.offset / w >= 2 && $0.offset / w < 38 ? 0 : $0.element }
        ink(10..<30, 18..<21); ink(40..<43, 18..<21)
        labels = connectedComponents(pixels, width: w, height: h)
        XCTAssertEqual(framingOthers(labels), [])
        // Strokes joined to the outline through its middle, two free ones beside them.
        ink(2..<58, 19..<21); ink(25..<35, 8..<32); ink(10..<13, 8..<16); ink(45..<48, 8..<16)
        labels = connectedComponents(pixels, width: w, height: h)
        XCTAssertEqual(framingOthers(labels), [])
    }
}
