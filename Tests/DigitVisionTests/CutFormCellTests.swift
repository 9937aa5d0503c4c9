import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// What is left of a printed box the crop of a form's field cut through (CutFormCells.swift).
extension PipelineTests {
    /// MNIST test digits in boxes apart, with a blank box of the row beyond each end, the field
    /// cropped through the middle of those two: "]" at the left edge and "[" at the right, each
    /// read as a "1" before the number and after it.
    func testBoxesTheCropCutsThroughAreNoOnes() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 11)
        var misread = [String]()
        for (index, text) in ["4 0 7 2", "3 0 5 1 6", "9 6 2"].enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index == 1 ? 44 : 52
            let (image, truth) = try synthesizer.render(text, style: style)
            let digits = try recognizer.recognize(image).lines.flatMap(\.numbers).flatMap(\.digits).map(\.box).sorted { $0.x < $1.x }
            guard digits.count == truth.filter(\.isNumber).count else {
                misread.append("\(text) without boxes"); continue
            }
            // Boxes round each digit, 6 pixels clear of the widest, the top 8 pixels above the
            // tallest, the bottom 8 below the lowest; one more box each side, as far from the
            // first and the last as the boxes are apart.
            let half = digits.map(\.width).max()! / 2 + 6
            let top = digits.map(\.y).min()! - 8, bottom = digits.map(\.maxY).max()! + 8
            let centres = digits.map { $0.x + $0.width / 2 }
            let pitch = (centres.last! - centres.first!) / Swift.max(1, centres.count - 1)
            let all = [centres.first! - pitch] + centres + [centres.last! + pitch]
            guard pitch > 2 * half + 2, all.first! - half >= 0, all.last! + half < image.width else {
                misread.append("\(text): no room for the boxes beyond"); continue
            }
            for centre in all {
                let (left, right) = (centre - half, centre + half)
                for (from, to) in [(Point(x: left, y: top), Point(x: right, y: top)), (Point(x: left, y: bottom), Point(x: right, y: bottom)),
                                   (Point(x: left, y: top), Point(x: left, y: bottom)), (Point(x: right, y: top), Point(x: right, y: bottom))] {
                    try image.drawLine(from: from, to: to, color: Color(red: 30, green: 30, blue: 30), thickness: 2)
                }
            }
            // Cropped through the middle of the blank boxes.
            let x0 = all.first!, x1 = all.last!, y0 = top - 10, y1 = bottom + 10
            let field = try image.cropped(to: Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
            let read = try recognizer.recognize(field).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(text) read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }

    /// A generated form crop (Fixtures/form-bar-across-the-crop-904.png: "904" in a
    /// handwriting font, in three boxes, 246x79): a thick printed bar 3 pixels in from the left
    /// edge runs the picture's whole height, 79 pixels beside digits 45 tall, and read as a 1
    /// ("1904"). It touches neither side of the picture, so no edge band took it
    /// (`isBarAcrossTheCrop`).
    func testABarTheCropCutsAcrossIsNoOne() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("form-bar-across-the-crop-904.png").path)).text
        XCTAssertEqual(read.filter(\.isNumber), "904")
    }
}

/// `isCutBoxRemnant` on drawn binary pictures.
final class CutFormCellTests: XCTestCase {
    let (w, h) = (200, 80)

    func fill(_ pixels: inout [UInt8], x: ClosedRange<Int>, y: ClosedRange<Int>) {
        for yy in y { for xx in x { pixels[yy * w + xx] = 255 } }
    }

    /// A box cut by the left edge: stubs 2 rows thick from the edge to its side, 2 columns at
    /// `side` and `side + 1`, rows 10–69.
    func cutBox(side: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: w * h)
        fill(&pixels, x: 0...(side + 1), y: 10...11)
        fill(&pixels, x: 0...(side + 1), y: 68...69)
        fill(&pixels, x: side...(side + 1), y: 10...69)
        return pixels
    }

    /// Whether the one component of `pixels` is a remnant at the left edge and at the right.
    func remnant(_ pixels: [UInt8]) -> (left: Bool, right: Bool) {
        let labels = connectedComponents(pixels, width: w, height: h)
        XCTAssertEqual(labels.components.count, 2, "one component")
        return (isCutBoxRemnant(labels, index: 1, atLeft: true), isCutBoxRemnant(labels, index: 1, atLeft: false))
    }

    func testABoxCutByEitherEdgeIsARemnant() {
        // "]": stubs from the left edge to a side 20 pixels in, 2 pixels thick.
        XCTAssertEqual(remnant(cutBox(side: 20)).left, true)
        // "[" at the right edge, the form turned a little: the side drifts by 3 pixels and the
        // stubs slant by a row.
        var right = [UInt8](repeating: 0, count: w * h)
        for y in 10...69 { let x = 170 + (y - 10) / 20; fill(&right, x: x...(x + 1), y: y...y) }
        for x in 170...199 { let y = 10 + (x - 170) / 15; fill(&right, x: x...x, y: y...(y + 1)); fill(&right, x: x...x, y: (y + 58)...(y + 59)) }
        XCTAssertEqual(remnant(right).right, true)
    }

    /// A box cut 4 pixels beyond its side: "]" with feet 4 pixels long (`isNarrowRemnant`). A
    /// straight "1" by the edge with a foot at its bottom only is no remnant, nor is one leaning.
    func testABoxCutJustBeyondItsSideIsARemnant() {
        XCTAssertEqual(remnant(cutBox(side: 4)).left, true)
        var footed = [UInt8](repeating: 0, count: w * h)
        fill(&footed, x: 4...6, y: 10...69)
        fill(&footed, x: 0...8, y: 67...69)
        XCTAssertEqual(remnant(footed).left, false)
        var leaning = [UInt8](repeating: 0, count: w * h)
        fill(&leaning, x: 0...7, y: 10...11)
        fill(&leaning, x: 0...7, y: 68...69)
        for y in 10...69 { let x = 3 + (y - 10) / 15; fill(&leaning, x: x...(x + 1), y: y...y) }
        XCTAssertEqual(remnant(leaning).left, false)
    }

    func testAOneOrADigitJoinedToTheCutBoxIsNoRemnant() {
        // A "1" against the edge with a flag and a foot: all side, no stubs beyond it.
        var one = [UInt8](repeating: 0, count: w * h)
        fill(&one, x: 0...4, y: 10...69)
        fill(&one, x: 0...6, y: 10...12)
        XCTAssertEqual(remnant(one).left, false)
        // The cut box with a "7" written in it, its bar joined to the side.
        var joined = cutBox(side: 40)
        fill(&joined, x: 10...41, y: 30...32)
        fill(&joined, x: 12...14, y: 30...60)
        XCTAssertEqual(remnant(joined).left, false)
        // A bold "5"'s right half is no remnant: its bar reaches the edge, its bowl does not
        // end in a level stub.
        var stubOnlyAtTop = [UInt8](repeating: 0, count: w * h)
        fill(&stubOnlyAtTop, x: 0...25, y: 10...13)
        fill(&stubOnlyAtTop, x: 22...25, y: 10...69)
        fill(&stubOnlyAtTop, x: 15...25, y: 66...69)
        XCTAssertEqual(remnant(stubOnlyAtTop).left, false)
    }
}
