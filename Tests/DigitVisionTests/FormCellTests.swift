import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// A form's printed cells, one digit a cell, the digits crossing their cells' lines
/// (FormCells.swift).
extension PipelineTests {
    /// Three bold 6s in a row of boxes (Fixtures/boxes-with-bold-sixes.jpg, a reviewer's: MNIST
    /// test digits in blue boxes 3 pixels thick). The first 6 runs along the divider, which the
    /// two cells beside it each took as other columns of it, so neither had a neighbour and
    /// neither was a cell; the last 6's loop, drawn across its box, was taken for a grid's rule
    /// inside it. Nothing was read.
    func testBoldDigitsAlongAndAcrossTheirBoxesAreRead() throws {
        let fixture = Fixtures.url("boxes-with-bold-sixes.jpg")
        XCTAssertEqual(try recognizer().recognize(try Image(contentsOf: fixture.path)).text, "666")
    }

    /// MNIST test digits in cells drawn over them, the field cropped: rows of cells sharing
    /// their dividers, and boxes apart, the digits crossing their bottom lines (and tall ones their tops), as
    /// writers' digits cross a form's boxes. A row of cells' sides are shorter than a rule:
    /// before they were found as cells, "27965" read "12571916251" (boxes apart, closed round
    /// their digits, were erased already by `closedBoxSides`). A stroke lying along a line is
    /// erased with it: "51926" still reads "71926" (the 5's bar on the top line).
    func testDigitsCrossingTheirFormCellsAreRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 8)
        var misread = [String]()
        for (index, text) in ["0143", "27965", "3 9 5 8 4", "8607"].enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index % 2 == 0 ? 56 : 44
            let (image, truth) = try synthesizer.render(text, style: style)
            let boxes = try recognizer.recognize(image).lines.flatMap(\.numbers).flatMap(\.digits).map(\.box).sorted { $0.x < $1.x }
            guard boxes.count == truth.filter(\.isNumber).count else {
                misread.append("\(text) without cells"); continue
            }
            let line = Color(red: 40, green: 40, blue: 40), bold = 2
            // The top line 6 pixels above the digits' median top, the bottom one 3 pixels above
            // their median bottom: most digits cross it, tall ones the top too.
            let top = boxes.map(\.y).sorted()[boxes.count / 2] - 6, bottom = boxes.map(\.maxY).sorted()[boxes.count / 2] - 3
            // Cells sharing dividers halfway between digits, or (the third text) boxes apart,
            // 0.7 of the digits' height wide, centred on the digits (wide ones cross their sides).
            let shared = index != 2
            let middles = zip(boxes, boxes.dropFirst()).map { ($0.maxX + $1.x) / 2 }
            let half = Int(0.35 * Double(style.digitHeight))
            let cells: [(left: Int, right: Int)] = shared
                ? zip([boxes[0].x - 6] + middles, middles + [boxes.last!.maxX + 6]).map { ($0, $1) }
                : boxes.map { ($0.x + $0.width / 2 - half, $0.x + $0.width / 2 + half) }
            for cell in cells {
                for (from, to) in [(Point(x: cell.left, y: top), Point(x: cell.right, y: top)),
                                   (Point(x: cell.left, y: bottom), Point(x: cell.right, y: bottom)),
                                   (Point(x: cell.left, y: top), Point(x: cell.left, y: bottom)),
                                   (Point(x: cell.right, y: top), Point(x: cell.right, y: bottom))] {
                    try image.drawLine(from: from, to: to, color: line, thickness: bold)
                }
            }
            // The field cropped as a scan of it is (a whole form's page with small fields is
            // left to the rules: see `eraseFormCells`).
            let x0 = cells.map(\.left).min()! - 12, x1 = cells.map(\.right).max()! + 12
            let y0 = Swift.min(top, boxes.map(\.y).min()!) - 12, y1 = Swift.max(bottom, boxes.map(\.maxY).max()!) + 12
            let field = try image.cropped(to: Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
            let read = try recognizer.recognize(field).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(text) in \(shared ? "a row of cells" : "boxes") read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }
}

/// `formCells` on drawn binary pictures.
final class FormCellTests: XCTestCase {
    let (w, h) = (300, 120)

    func rectangle(_ pixels: inout [UInt8], x: Int, y: Int, width: Int, height: Int, thickness: Int = 2) {
        for yy in y..<(y + height) {
            for xx in x..<(x + width) where yy < y + thickness || yy >= y + height - thickness || xx < x + thickness || xx >= x + width - thickness {
                pixels[yy * w + xx] = 255
            }
        }
    }

    func cells(_ pixels: [UInt8]) -> [FormCell] {
        pixels.withUnsafeBufferPointer { formCells($0.baseAddress!, width: w, height: h, thickest: 12) }
    }

    func testARowOfCellsIsFoundAndAOneInsideItsBoxIsNoSide() {
        var pixels = [UInt8](repeating: 0, count: w * h)
        // Three cells 40 wide, 50 tall, sharing their dividers.
        for k in 0..<3 { rectangle(&pixels, x: 20 + 40 * k, y: 30, width: 42, height: 50) }
        // A "1" 3 pixels wide standing in the middle cell from its top line to its bottom one.
        for y in 30..<80 { for x in 80..<83 { pixels[y * w + x] = 255 } }
        let found = cells(pixels)
        let sides = Set(found.flatMap { [$0.left.lowerBound, $0.right.lowerBound] })
        XCTAssertEqual(sides, [20, 60, 100, 140], "the cells' sides, not the 1")
        XCTAssertTrue(found.allSatisfy { $0.top.contains(31) && $0.bottom.contains(78) }, "\(found)")
        // Erased, the 1 stays whole where it crosses nothing: it touches the lines.
        var erased = pixels
        XCTAssertFalse(eraseFormCells(&erased, width: w, height: h).isEmpty)
        XCTAssertEqual((35..<75).filter { erased[$0 * w + 81] != 0 }.count, 40, "the 1")
        XCTAssertEqual((25..<135).filter { erased[55 * w + $0] != 0 }.count, 3, "only the 1 left across the middle")
    }

    func testAStrokeCrossingASideKeepsItsPixelsThere() {
        var pixels = [UInt8](repeating: 0, count: w * h)
        rectangle(&pixels, x: 50, y: 30, width: 44, height: 50)
        rectangle(&pixels, x: 100, y: 30, width: 44, height: 50)
        // A level stroke 3 pixels thick across the first box's left side, and a "1" in the
        // second box (a form's cells hold digits).
        for y in 50..<53 { for x in 40..<70 { pixels[y * w + x] = 255 } }
        for y in 40..<70 { for x in 120..<123 { pixels[y * w + x] = 255 } }
        var erased = pixels
        XCTAssertFalse(eraseFormCells(&erased, width: w, height: h).isEmpty)
        XCTAssertTrue((40..<70).allSatisfy { erased[51 * w + $0] != 0 }, "the stroke stays joined")
        XCTAssertEqual((30..<80).filter { erased[$0 * w + 50] != 0 }.count, 3, "the side but where it is crossed")
    }

    func testRuledLinesAndStrokesMakeNoCell() {
        var pixels = [UInt8](repeating: 0, count: w * h)
        // Two rules across the picture with a slanted stroke and a short stem between them.
        for x in 0..<w { pixels[30 * w + x] = 255; pixels[80 * w + x] = 255 }
        for y in 31..<80 { pixels[y * w + 60 + (y - 31) / 6] = 255 }
        for y in 45..<70 { pixels[y * w + 120] = 255; pixels[y * w + 121] = 255 }
        XCTAssertEqual(cells(pixels), [])
    }
}
