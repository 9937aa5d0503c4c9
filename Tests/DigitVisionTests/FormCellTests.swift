@testable import DigitVision
import Foundation
import XCTest

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
        XCTAssertTrue(eraseFormCells(&erased, width: w, height: h))
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
        XCTAssertTrue(eraseFormCells(&erased, width: w, height: h))
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
