@testable import DigitVision
import Foundation
import XCTest

/// The dashes a long straight line was broken into (`dashesOfOneLine`, NonDigitShapes.swift).
extension PipelineTests {
    /// A page of MNIST test digits with a sheet's edge running down it at a slant, drawn thin
    /// and faint and broken into dashes, as the edge of a sheet on a desk nearly as light as the
    /// paper comes out of the threshold. Each dash had read as a 1.
    func testTheDashesOfABrokenPageEdgeAreNoDigits() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 13)
        var misread = [String]()
        for (index, text) in ["40718 2265|93051", "6628 190|73354", "81946|52037 48"].enumerated() {
            let (page, truth) = try synthesizer.render(text, style: PageSynthesizer.Style())
            var pixels = page.pixels
            let (w, h, channels) = (page.width, page.height, page.channels)
            // The edge: from (x0, 0) to (x0 + 60, h), a pixel and a half wide, a dash of 24
            // pixels then a gap of 14, all along.
            let x0 = [40, 560, 500][index]
            for y in 0..<h where y % 38 < 24 {
                let x = Double(x0) + 60 * Double(y) / Double(h)
                for xi in Int(x)...Int(x) + 1 where xi < w {
                    for c in 0..<channels { pixels[(y * w + xi) * channels + c] = 120 }
                }
            }
            let photo = try Image(width: w, height: h, channels: channels, pixels: pixels)
            let read = try recognizer.recognize(photo).text
            if read.filter(\.isNumber) != truth.filter(\.isNumber) { misread.append("\(text) with a broken edge read as \"\(read)\"") }
        }
        XCTAssertEqual(misread, [])
    }
}

final class LineDashTests: XCTestCase {
    /// A straight stroke from (x, y) `length` long at `degrees` from the vertical, 2 pixels thick.
    func stroke(x: Double, y: Double, length: Double, degrees: Double) -> Crop {
        let dx = sin(degrees * .pi / 180), dy = cos(degrees * .pi / 180)
        let points = stride(from: 0.0, through: length, by: 0.5).map { (x + $0 * dx, y + $0 * dy) }
        let x0 = Int(points.map(\.0).min()!) - 1, y0 = Int(points.map(\.1).min()!) - 1
        let box = Box(x: x0, y: y0, width: Int(points.map(\.0).max()!) - x0 + 3, height: Int(points.map(\.1).max()!) - y0 + 3)
        var mask = [UInt8](repeating: 0, count: box.width * box.height)
        for (px, py) in points {
            for ox in 0...1 { mask[(Int(py) - y0) * box.width + Int(px) - x0 + ox] = 255 }
        }
        return Crop(box: box, mask: mask)
    }

    func testDashesAlongOneSlantedLineGo() {
        // Five dashes 24 long, 14 apart, along a line 10° off the vertical: 190 pixels, over 4
        // digit heights of 40.
        let dashes = (0..<5).map { k in stroke(x: 100 + 38 * Double(k) * sin(.pi / 18), y: 20 + 38 * Double(k) * cos(.pi / 18), length: 24, degrees: 10) }
        // The writing beside them, a 1 and a 7's stem, ends a digit height inside the line.
        let writing = [stroke(x: 160, y: 70, length: 38, degrees: 12), stroke(x: 190, y: 75, length: 30, degrees: 40)]
        XCTAssertEqual(dashesOfOneLine(dashes + writing, digitHeight: 40), Set(0..<5))
        // Three of them span too little to be a line's.
        XCTAssertEqual(dashesOfOneLine(Array(dashes.prefix(3)), digitHeight: 40), [])
    }

    func testAColumnOfOnesStays() {
        // 1s one under another, upright and in line: alone, they are the writing itself.
        let ones = (0..<5).map { k in stroke(x: 100, y: 20 + 50 * Double(k), length: 40, degrees: 0) }
        XCTAssertEqual(dashesOfOneLine(ones, digitHeight: 40), [])
        // With the rest of their numbers beside them ("12", "13", …) they still end the writing.
        let seconds = (0..<5).map { k in stroke(x: 125, y: 20 + 50 * Double(k), length: 40, degrees: 20) }
        XCTAssertEqual(dashesOfOneLine(ones + seconds, digitHeight: 40), [])
    }
}
