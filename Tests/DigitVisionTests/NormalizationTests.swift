import DigitNet
import DigitVision
import Foundation
import XCTest

final class NormalizationTests: XCTestCase {
    func testDigitIsFittedInto20x20AndCentredByMass() throws {
        // A tall, thin, off-centre bar with a blob at its top: mass is not at the box centre.
        let w = 30, h = 90
        var mask = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 10..<16 { mask[y * w + x] = 255 } }
        for y in 0..<20 { for x in 0..<30 { mask[y * w + x] = 255 } }
        let frame = try normalizeDigit(mask: mask, width: w, height: h)
        XCTAssertEqual(frame.count, 784)
        var rows = Set<Int>(), columns = Set<Int>(), mass = 0.0, mx = 0.0, my = 0.0
        for y in 0..<28 { for x in 0..<28 where frame[y * 28 + x] > 0.05 {
            rows.insert(y); columns.insert(x)
            let v = Double(frame[y * 28 + x]); mass += v; mx += v * Double(x); my += v * Double(y)
        } }
        XCTAssertLessThanOrEqual(rows.count, 21, "height fits the 20-pixel box")
        XCTAssertGreaterThanOrEqual(rows.count, 19, "the long side fills the box")
        XCTAssertLessThanOrEqual(columns.count, 9, "aspect ratio kept (30:90 → about 7 wide)")
        XCTAssertEqual(mx / mass, 13.5, accuracy: 0.6, "centre of mass at the centre, x")
        XCTAssertEqual(my / mass, 13.5, accuracy: 0.6, "centre of mass at the centre, y")
    }

    func testThinStrokesAreThickenedToMNISTWidth() throws {
        // A 1-pixel outline of a 100-pixel tall ring would vanish when scaled by 0.2.
        let s = 100
        var mask = [UInt8](repeating: 0, count: s * s)
        for a in 0..<720 {
            let t = Double(a) * .pi / 360
            let x = Int(49.5 + 45 * cos(t)), y = Int(49.5 + 49 * sin(t))
            mask[y * s + x] = 255
        }
        let frame = try normalizeDigit(mask: mask, width: s, height: s)
        let strong = frame.filter { $0 > 0.5 }.count
        XCTAssertGreaterThan(strong, 40, "the ring is drawn with a visible stroke")
    }

    /// A crop many times the 20x20 box (reduced first, a cell inked where any pixel is) comes
    /// out as the same digit drawn small does.
    func testAHugeThinCropIsNormalizedLikeASmallOne() throws {
        // A 2 drawn with a line a twentieth of its height thick: a hook, a diagonal, a base.
        func two(height h: Int) -> (mask: [UInt8], width: Int) {
            let w = h * 3 / 4, half = Swift.max(1, h / 40)
            var mask = [UInt8](repeating: 0, count: w * h)
            func dot(_ x: Double, _ y: Double) {
                for dy in -half...half { for dx in -half...half {
                    let px = Int(x * Double(w - 1)) + dx, py = Int(y * Double(h - 1)) + dy
                    if px >= 0, px < w, py >= 0, py < h { mask[py * w + px] = 255 }
                } }
            }
            for k in 0...2000 {
                let t = Double(k) / 2000
                let a = Double.pi * (1 + 1.2 * t)   // the hook, from the left round to the lower right
                dot(0.5 + 0.45 * cos(a), 0.3 + 0.28 * sin(a))
                dot(0.85 - 0.8 * t, 0.5 + 0.45 * t)   // the diagonal
                dot(0.05 + 0.9 * t, 0.95)   // the base
            }
            return (mask, w)
        }
        let small = two(height: 80), huge = two(height: 1600)
        let a = try normalizeDigit(mask: small.mask, width: small.width, height: 80)
        let b = try normalizeDigit(mask: huge.mask, width: huge.width, height: 1600)
        let difference = zip(a, b).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / 784
        let ink = a.reduce(0.0) { $0 + Double($1) } / 784
        XCTAssertLessThan(difference, 0.25 * ink, "mean difference \(difference) against mean ink \(ink)")
    }
}

