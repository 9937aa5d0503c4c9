#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Marks written or printed beside numbers that are no digit: the dollar sign before a
/// cheque's amount, "+" and "#" before phone and item numbers, "%", "=", "€", "*" and "×".
/// Drawn as pen strokes with random proportions, slant, pen width and wobble, they join the
/// non-digit images (`makeNonDigit`, `train --symbol-share`) trained toward doubt, so that a
/// "$" is no sure 5 and the pipeline's confidence check drops it (tried; the shipped model was
/// not trained with them: see Models/README.md). Marks that are a digit's shape by nature
/// ("/" and "(" are a slanted 1; "-" is dropped by its height) are not among them.
enum Symbol: CaseIterable {
    case dollar, plus, times, equals, hash, asterisk, percent, euro

    /// The dollar sign is drawn most: it is the mark met most beside handwritten numbers, and
    /// the one closest to a digit (an S is a 5 without its corner).
    static func random(_ g: inout SeededGenerator) -> Symbol {
        if g.uniform() < 0.4 { return .dollar }
        let others = allCases.filter { $0 != .dollar }
        return others[Int(g.next() % UInt64(others.count))]
    }

    /// Width over height of the mark's box.
    var aspect: Float {
        switch self {
        case .dollar: 0.6
        case .plus, .times, .asterisk: 1
        case .equals: 1.3
        case .hash, .percent: 0.9
        case .euro: 0.8
        }
    }

    /// The strokes in a unit box (x to the right, y down), each a polyline.
    func strokes(_ g: inout SeededGenerator) -> [[(Float, Float)]] {
        switch self {
        case .dollar:
            // An S of two bowls and a bar through it: whole, as stubs above and below, or doubled.
            let s = arc(cx: 0.5, cy: 0.31, rx: 0.34, ry: 0.17, from: 25, to: 270)
                + arc(cx: 0.5, cy: 0.66, rx: 0.36, ry: 0.19, from: 90, to: -155)
            let style = g.uniform()
            if style < 0.5 { return [s, [(0.5, 0), (0.5, 1)]] }
            if style < 0.8 { return [s, [(0.5, 0), (0.5, 0.16)], [(0.5, 0.84), (0.5, 1)]] }
            return [s, [(0.42, 0), (0.42, 1)], [(0.58, 0), (0.58, 1)]]
        case .plus: return [[(0.5, 0.05), (0.5, 0.95)], [(0.05, 0.5), (0.95, 0.5)]]
        case .times: return [[(0.1, 0.1), (0.9, 0.9)], [(0.9, 0.1), (0.1, 0.9)]]
        case .equals: return [[(0.05, 0.3), (0.95, 0.3)], [(0.05, 0.7), (0.95, 0.7)]]
        case .hash:
            return [[(0.4, 0), (0.3, 1)], [(0.75, 0), (0.65, 1)], [(0.05, 0.33), (0.95, 0.33)], [(0, 0.67), (0.9, 0.67)]]
        case .asterisk:
            return [0, 60, 120].map { degrees -> [(Float, Float)] in
                let a = Float(degrees + 90) * .pi / 180
                return [(0.5 - 0.45 * cos(a), 0.5 - 0.45 * sin(a)), (0.5 + 0.45 * cos(a), 0.5 + 0.45 * sin(a))]
            }
        case .percent:
            return [[(0.85, 0.02), (0.15, 0.98)], arc(cx: 0.24, cy: 0.2, rx: 0.16, ry: 0.17, from: 0, to: 360),
                    arc(cx: 0.76, cy: 0.8, rx: 0.16, ry: 0.17, from: 0, to: 360)]
        case .euro:
            return [arc(cx: 0.6, cy: 0.5, rx: 0.4, ry: 0.48, from: 55, to: 305), [(0, 0.42), (0.7, 0.42)], [(0, 0.6), (0.65, 0.6)]]
        }
    }
}

/// Points along an ellipse, counter-clockwise on the page from `from` to `to` degrees (0 is
/// to the right); a `to` below `from` runs clockwise.
private func arc(cx: Float, cy: Float, rx: Float, ry: Float, from: Float, to: Float) -> [(Float, Float)] {
    let steps = Swift.max(4, Int(abs(to - from) / 12))
    return (0...steps).map { i in
        let a = (from + (to - from) * Float(i) / Float(steps)) * .pi / 180
        return (cx + rx * cos(a), cy - ry * sin(a))
    }
}

/// Writes a random mark that is no digit into `destination` (28x28, ink 1), normalized as the
/// photo pipeline normalizes a crop, then augmented as the digits are. False when nothing
/// usable was drawn (never for these marks at this size; the caller tries again).
func makeSymbol(into destination: UnsafeMutablePointer<Float>, augmentation: AugmentationParameters,
                generator g: inout SeededGenerator) -> Bool {
    let side = 64
    let symbol = Symbol.random(&g)
    // The mark's box on the canvas, its slant and turn, and the pen.
    let height = g.uniform(36, 50), width = height * symbol.aspect * g.uniform(0.8, 1.25)
    let shear = g.uniform(-0.3, 0.3), turn = g.uniform(-0.15, 0.15)
    let pen = height * g.uniform(0.035, 0.09)
    let wobble = height * 0.015
    let strokes = symbol.strokes(&g).map { stroke in
        stroke.map { (u, v) -> (Float, Float) in
            let x = (u - 0.5) * width + shear * (0.5 - v) * height + g.normal() * wobble
            let y = (v - 0.5) * height + g.normal() * wobble
            return (32 + x * cos(turn) - y * sin(turn), 32 + x * sin(turn) + y * cos(turn))
        }
    }
    var canvas = [Float](repeating: 0, count: side * side)
    for stroke in strokes { drawPolyline(stroke, radius: pen, into: &canvas, side: side) }
    var normalized = [Float](repeating: 0, count: Dataset.pixels)
    guard normalizeInk(canvas, width: side, height: side, into: &normalized) else { return false }
    augmentImage(normalized, into: destination, side: Dataset.side, parameters: augmentation, generator: &g)
    return true
}

/// Draws a round pen of `radius` along the polyline, anti-aliased over one pixel.
private func drawPolyline(_ points: [(Float, Float)], radius: Float, into canvas: inout [Float], side: Int) {
    for (a, b) in zip(points, points.dropFirst()) {
        let x0 = Swift.max(0, Int(Swift.min(a.0, b.0) - radius - 1)), x1 = Swift.min(side - 1, Int(Swift.max(a.0, b.0) + radius + 1))
        let y0 = Swift.max(0, Int(Swift.min(a.1, b.1) - radius - 1)), y1 = Swift.min(side - 1, Int(Swift.max(a.1, b.1) + radius + 1))
        guard x0 <= x1, y0 <= y1 else { continue }
        let dx = b.0 - a.0, dy = b.1 - a.1, length2 = Swift.max(dx * dx + dy * dy, 1e-6)
        for y in y0...y1 {
            for x in x0...x1 {
                let px = Float(x) + 0.5 - a.0, py = Float(y) + 0.5 - a.1
                let t = Swift.min(1, Swift.max(0, (px * dx + py * dy) / length2))
                let ex = px - t * dx, ey = py - t * dy
                let ink = Swift.min(1, Swift.max(0, radius + 0.5 - (ex * ex + ey * ey).squareRoot()))
                canvas[y * side + x] = Swift.max(canvas[y * side + x], ink)
            }
        }
    }
}
