import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// A whole photo turned level by its ruled lines onto a larger canvas (LineLeveling.swift):
/// what lies along the photo's own edges is no digit (`alongTheFrame`).
extension PipelineTests {
    /// A ruled page filling a photo turned 30°, a few small numbers on it (MNIST test digits
    /// 22 pixels tall, rules 40 pixels apart), the photo's corners and the middle of its long
    /// sides in dark shade (a lens's vignetting, the shade of things beside the page). Before,
    /// "0 316 211". Levelled by its rules, the
    /// photo lies aslant on a larger canvas, and the six blobs of shade touch its frame, not
    /// the canvas's edge: they outranked the digits, the digits' height was measured as the
    /// blobs' (a reviewer's photo of a pink ruled sheet: 111 pixels), and the digits were read
    /// as a few merged columns ("352" for "5881 2028 06 08 34 7638 60").
    func testTheShadeAlongALevelledPhotosEdgeIsNotTakenForTheDigits() throws {
        var synthesizer = try mnistTestPages(seed: 57)
        var style = PageSynthesizer.Style()
        (style.width, style.height, style.digitHeight) = (1500, 1300, 22)
        style.paper = Color(red: 244, green: 236, blue: 240)
        style.ink = Color(red: 30, green: 30, blue: 90)
        let (page, truth) = try synthesizer.render("5881|2028 06 08|34 7638 60", style: style)
        let ruled = try ruledToItsEdges(page, crossingInkAt: 1, spacing: 40, thickness: 2)
        // Turned 30° and cut to the middle, where no fill is left: a photo of the page alone.
        let turned = try rotated(try ruled.grayscale(), degrees: 30)
        let (w, h) = (900, 700)
        let (left, top) = ((turned.width - w) / 2, (turned.height - h) / 2)
        let source = turned.pixels
        var pixels = [UInt8](repeating: 0, count: w * h)
        // The shade: soft discs centred on the photo's corners and on its long sides' middles.
        let shades = [(0.0, 0.0), (Double(w), 0.0), (0.0, Double(h)), (Double(w), Double(h)), (Double(w) / 2, 0.0), (Double(w) / 2, Double(h))]
        for y in 0..<h {
            for x in 0..<w {
                let light = shades.reduce(1.0) { light, centre in
                    let d = hypot(Double(x) - centre.0, Double(y) - centre.1)
                    return light * (1 - 0.7 * exp(-(d / 70) * (d / 70)))
                }
                pixels[y * w + x] = UInt8(Double(source[(y + top) * turned.width + x + left]) * light)
            }
        }
        let photo = try Image(width: w, height: h, channels: 1, pixels: pixels)
        let read = try recognizer().recognize(photo)
        XCTAssertLessThanOrEqual(editDistance(truth, read.text), 2, "\(truth) read \"\(read.text)\"")
    }
}
