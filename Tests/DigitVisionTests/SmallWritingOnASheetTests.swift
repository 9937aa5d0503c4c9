@testable import DigitVision
import DigitNet
import Foundation
import XCTest

/// A large photo of a sheet on a desk with one small number on it: at the working scale the
/// sheet is found but its digits are too small to see, and it is read at the photo's own
/// size (`DigitRecognizer.readAsGiven`, `SheetSource.foundAt`).
extension PipelineTests {
    /// `sheet` at (`left`, `top`) on a `width`x`height` desk of light wood: streaks of grain
    /// along the rows, bright enough in places to pass for paper.
    func sheetOnLightWood(_ sheet: Image, width: Int, height: Int, left: Int, top: Int) throws -> Image {
        try sheetOnDesk(sheet, width: width, height: height, left: left, top: top) { x, y in
            let grain = 35 * sin(Double(y) / 6 + 2 * sin(Double(x) / 90)) * (0.6 + 0.4 * sin(Double(y) / 47 + Double(x) / 400))
            return (105 + 0.7 * grain, 150 + grain, 190 + grain)
        }
    }

    /// A 4000x3000 photo of squared paper on wood with one number of 22-pixel digits on it:
    /// shrunk to the working side (1600), the sheet is found, but its digits are 9 pixels tall,
    /// the size of the paper's squares, and it holds no writing. The photo read as it is then
    /// gave the wood's grain. The sheet is read at the photo's own size instead; with that
    /// reading taken away (`maximumFinerSide` at the working side), the number is lost.
    func testASmallNumberOnASheetInALargePhotoIsReadAtThePhotosOwnSize() throws {
        let classifier = try recognizer().classifier
        var workingScaleOnly = PipelineParameters()
        workingScaleOnly.maximumFinerSide = Double(workingScaleOnly.maximumSide)
        let readers = [DigitRecognizer(classifier: classifier), DigitRecognizer(classifier: classifier, parameters: workingScaleOnly)]
        var synthesizer = try mnistTestPages(seed: 61)
        var misread = [String](), lostAtWorkingScale = 0
        for (index, text) in ["8086414", "3195 270"].enumerated() {
            var style = PageSynthesizer.Style()
            (style.width, style.height, style.digitHeight, style.gridSpacing, style.blurSigma) = (2600, 1900, 22, 18, 0.8)
            style.ink = Color(red: 25, green: 30, blue: 110)
            let (sheet, truth) = try synthesizer.render(text, style: style)
            let photo = try sheetOnLightWood(sheet, width: 4000, height: 3000, left: 650 + 150 * index, top: 500 + 80 * index)
            let read = try readers[0].recognize(photo)
            XCTAssertTrue(read.pageRectified, "\(text): the sheet was not read")
            if editDistance(truth, read.text) > 1 { misread.append("\(truth) read \"\(read.text)\"") }
            let atWorkingScale = try readers[1].recognize(photo).text
            if editDistance(truth, atWorkingScale) > truth.filter(\.isNumber).count / 2 { lostAtWorkingScale += 1 }
            print("small number on a large sheet: \(truth) read \(read.text), at the working scale alone \(atWorkingScale)")
        }
        XCTAssertEqual(misread, [])
        XCTAssertEqual(lostAtWorkingScale, 2, "the working scale alone read the numbers: the photos no longer test the reading at own size")
    }

    /// The ink threshold of a page whose faint marks' tail reaches over the floor
    /// (`inkThresholdAboveFloor`), from histograms like the ones measured. A squared page at
    /// full size around one small number: the grid's tail over the floor outnumbers the writing
    /// eight times, and the split is taken between them, not at the floor (which cut the
    /// grid into dashes). Faint writing that fades on from the floor, as blurred pencil does,
    /// keeps the split under its strokes.
    func testTheFaintMarksOverTheFloorAreSplitFromTheWriting() {
        let floor = 0.12, floorCut = Int(InkMap.cut(forThreshold: Float(floor)))
        var squared = [Int](repeating: 0, count: 256)
        for level in 0...7 { squared[level] = 110_000 }
        for level in 8...floorCut { squared[level] = 20_000 }
        for level in (floorCut + 1)...(floorCut + 16) { squared[level] = 1_400 - 80 * (level - floorCut) }
        for level in (floorCut + 17)...190 { squared[level] = 10 }
        let split = inkThresholdAboveFloor(squared, floor: floor) * 255
        XCTAssertGreaterThan(split, Float(floorCut + 16), "the split fell in the grid's tail")
        XCTAssertLessThan(split, 120, "the split fell in the writing")

        var fading = [Int](repeating: 0, count: 256)
        for level in 0...floorCut { fading[level] = 40_000 }
        for (step, count) in [40_717, 1_852, 704, 353, 135, 29, 7, 1].enumerated() {
            for level in (floorCut + 1 + 6 * step)...(floorCut + 6 + 6 * step) { fading[level] = count / 6 }
        }
        XCTAssertLessThanOrEqual(inkThresholdAboveFloor(fading, floor: floor) * 255, Float(floorCut + 1), "faint writing lost its strokes")
    }
}
