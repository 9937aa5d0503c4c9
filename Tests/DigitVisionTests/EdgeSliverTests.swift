@testable import DigitVision
import Foundation
import XCTest

/// A sheet that fills the photo but for a dark sliver of desk along one edge (EdgeSlivers.swift).
extension PipelineTests {
    /// Pages written in faint pencil on grey paper, each with a strip of dark desk 8 pixels
    /// wide down one side. Otsu's split had put the strip on one side and the paper with its
    /// pencil on the other: every page read as nothing.
    func testAFaintPageWithASliverOfDeskAtItsEdgeIsRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 11)
        var misread = [String]()
        for (index, text) in ["40718 2265|93051", "6628 190|73354", "81946|52037 48"].enumerated() {
            var style = PageSynthesizer.Style()
            style.paper = Color(red: 196, green: 200, blue: 186)
            style.ink = Color(red: 140, green: 140, blue: 136)
            let (page, truth) = try synthesizer.render(text, style: style)
            var pixels = page.pixels
            let (w, channels) = (page.width, page.channels)
            for y in 0..<page.height {
                // The strip along the left, right or top edge, a little uneven as a desk's edge is.
                for k in 0..<(8 + y % 3) {
                    let (x, row) = index == 2 ? (y, k) : (index == 0 ? k : w - 1 - k, y)
                    guard x < w, row < page.height else { continue }
                    for c in 0..<channels { pixels[(row * w + x) * channels + c] = 28 }
                }
            }
            let photo = try Image(width: w, height: page.height, channels: channels, pixels: pixels)
            let read = try recognizer.recognize(photo).text
            if read.filter(\.isNumber) != truth.filter(\.isNumber) { misread.append("\(text) with a sliver read as \"\(read)\"") }
        }
        XCTAssertEqual(misread, [])
    }
}

final class EdgeSliverTests: XCTestCase {
    /// Ink levels of a 300x300 picture: faint strokes (level 60) in the middle, a black strip
    /// (250) 6 pixels wide down the left edge, and a dark stroke (250) running off the bottom.
    func levels(stripWidth: Int) -> [UInt8] {
        let n = 300
        var levels = [UInt8](repeating: 0, count: n * n)
        for y in 0..<n { for x in 0..<stripWidth { levels[y * n + x] = 250 } }
        for y in 100..<140 { for x in 100..<104 { levels[y * n + x] = 60 } }
        for y in 250..<n { for x in 150..<154 { levels[y * n + x] = 250 } }
        return levels
    }

    func testAStripAlongAnEdgeIsLeftOutButAStrokeOffTheEdgeIsNot() throws {
        let histogram = try XCTUnwrap(try histogramWithoutEdgeSlivers(levels(stripWidth: 6), width: 300, height: 300, cut: 128, parameters: PipelineParameters()))
        // The strip and its rim of 2 pixels are gone; the stroke off the bottom stays, 4 by 50.
        XCTAssertEqual(histogram[250], 200)
        XCTAssertEqual(histogram[60], 160)
        XCTAssertEqual(histogram.reduce(0, +), 300 * 300 - 8 * 300)
    }

    func testMuchDeskIsNoSliverAndNoEdgeInkNoneEither() {
        // A tenth of the picture and more is a desk round a page, left to the page's own steps.
        XCTAssertNil(try histogramWithoutEdgeSlivers(levels(stripWidth: 40), width: 300, height: 300, cut: 128, parameters: PipelineParameters()))
        XCTAssertNil(try histogramWithoutEdgeSlivers(levels(stripWidth: 0), width: 300, height: 300, cut: 128, parameters: PipelineParameters()))
    }
}
