import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// Printed lines in a colour of their own, made as light as the paper (ColourDropout.swift).
extension PipelineTests {
    /// MNIST test digits written in black over a row of red boxes whose top line crosses
    /// every digit near its top (a 9's loop, a 7's bar), as big writing in a small form does.
    /// `ink` and `lines` are the colours; returns the field and its digits.
    func formOverColouredBoxes(_ text: String, seed: UInt64, ink: Color, lines: Color) throws -> (image: Image, truth: String)? {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: seed)
        var style = PageSynthesizer.Style()
        style.digitHeight = 44
        style.ink = ink
        let (image, truth) = try synthesizer.render(text, style: style)
        let digits = try recognizer.recognize(image).lines.flatMap(\.numbers).flatMap(\.digits).map(\.box).sorted { $0.x < $1.x }
        guard digits.count == truth.filter(\.isNumber).count else { return nil }
        let top = digits.map(\.y).min()! + 7, bottom = digits.map(\.maxY).max()! + 6
        let centres = digits.map { $0.x + $0.width / 2 }
        // Cells sharing their sides, halfway between neighbouring digits.
        var sides = [centres.first! - 24]
        for (a, b) in zip(centres, centres.dropFirst()) { sides.append((a + b) / 2) }
        sides.append(centres.last! + 24)
        for x in sides { try image.drawLine(from: Point(x: x, y: top), to: Point(x: x, y: bottom), color: lines, thickness: 2) }
        for y in [top, bottom] { try image.drawLine(from: Point(x: sides.first!, y: y), to: Point(x: sides.last!, y: y), color: lines, thickness: 2) }
        let field = Box(x: sides.first! - 20, y: top - 30, width: sides.last! - sides.first! + 40, height: bottom - top + 50)
        return (try image.cropped(to: field), truth.filter(\.isNumber))
    }

    /// Black digits over red boxes: the boxes are dropped by their colour and every field
    /// reads right. Read as plain grey, the boxes cut the digits' tops (a 9 read as a 4).
    func testBoxesInTheirOwnColourAreDroppedAndTheDigitsReadWhole() throws {
        let recognizer = try recognizer()
        var misread = [String](), fields = 0
        for (index, text) in ["9 9 4 0 7", "5 9 7 3 2", "2 8 9 6", "7 1 9 9 5"].enumerated() {
            guard let (field, truth) = try formOverColouredBoxes(text, seed: 40 + UInt64(index), ink: Color(red: 25, green: 25, blue: 30),
                                                                lines: Color(red: 215, green: 70, blue: 70)) else { continue }
            fields += 1
            XCTAssertNotNil(try ColourDropout(field), "\(text): the red boxes are seen")
            let read = try recognizer.recognize(field).text.filter(\.isNumber)
            if read != truth { misread.append("\(truth) read as \(read)") }
        }
        XCTAssertGreaterThanOrEqual(fields, 3, "the clean pages read, to draw the boxes round")
        XCTAssertEqual(misread, [])
    }

    /// In the new grey, the red lines are as light as the paper and the black ink as dark as
    /// in the usual grey; blue ink over blue boxes, or black over grey ones, is left alone.
    func testTheNewGreyHidesTheLinesColourOnly() throws {
        guard let (field, _) = try formOverColouredBoxes("3 9 4 8", seed: 51, ink: Color(red: 25, green: 25, blue: 30),
                                                       lines: Color(red: 215, green: 70, blue: 70)) else {
            return XCTFail("the clean page read, to draw the boxes round")
        }
        let dropout = try XCTUnwrap(try ColourDropout(field))
        let (usual, dropped) = (try field.grayscale().pixels, try dropout.grey(field).pixels)
        let colour = field.pixels
        var lineLevels = [Int](), inkLevels = [Int](), usualInk = [Int](), paperLevels = [Int]()
        for i in 0..<(field.width * field.height) {
            let (b, g, r) = (Int(colour[3 * i]), Int(colour[3 * i + 1]), Int(colour[3 * i + 2]))
            if r > 180 && g < 110 && b < 110 { lineLevels.append(Int(dropped[i])) }
            if r < 60 && g < 60 && b < 60 { inkLevels.append(Int(dropped[i])); usualInk.append(Int(usual[i])) }
            if r > 230 && g > 230 && b > 225 { paperLevels.append(Int(dropped[i])) }
        }
        func median(_ v: [Int]) -> Int { v.sorted()[v.count / 2] }
        XCTAssertGreaterThan(lineLevels.count, 100)
        XCTAssertGreaterThan(inkLevels.count, 100)
        XCTAssertLessThanOrEqual(abs(median(lineLevels) - median(paperLevels)), 15, "the red lines as light as the paper")
        XCTAssertLessThanOrEqual(abs(median(inkLevels) - median(usualInk)), 15, "the ink as dark as in the usual grey")

        for (ink, lines, what) in [(Color(red: 30, green: 40, blue: 160), Color(red: 60, green: 80, blue: 190), "blue over blue"),
                                   (Color(red: 25, green: 25, blue: 30), Color(red: 90, green: 90, blue: 95), "black over grey")] {
            guard let (other, _) = try formOverColouredBoxes("3 9 4 8", seed: 51, ink: ink, lines: lines) else {
                return XCTFail("the clean page read, to draw the boxes round")
            }
            XCTAssertNil(try ColourDropout(other), what)
        }
    }
}
