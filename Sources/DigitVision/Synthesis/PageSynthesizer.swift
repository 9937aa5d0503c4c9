import DigitNet
import Foundation

/// Makes photos with known truth: real MNIST digits written onto generated paper with ink
/// colour, tilt, shadow, blur, noise and ruled lines — for tests, benchmarks and samples/.
public struct PageSynthesizer {
    public struct Style: Sendable {
        public var width = 640
        public var height = 480
        /// Digit height in pixels.
        public var digitHeight = 44
        public var tiltDegrees = 0.0
        /// Strength of a shadow falling across the page (0 = none, 0.6 = dark corner).
        public var shadow = 0.0
        public var blurSigma = 0.0
        public var noise = 0.0
        public var ruledLines = false
        /// Graph paper: a square grid of pale lines this many pixels apart (0: none).
        public var gridSpacing = 0
        /// Dot-grid paper: grey dots this many pixels apart, an eighth of that across (0: none).
        public var dotSpacing = 0
        /// A form: each digit written in its own printed box.
        public var boxes = false
        public var paper = Color(red: 245, green: 245, blue: 240)
        public var ink = Color(red: 20, green: 30, blue: 120)
        public init() {}
    }

    public let digits: Dataset
    private var generator: SeededGenerator

    /// `digits`: labelled 28x28 digits (the MNIST test set), sampled by `seed`.
    public init(digits: Dataset, seed: UInt64) {
        self.digits = digits
        generator = SeededGenerator(seed: seed)
        byLabel = (0..<10).map { label in digits.labels.indices.filter { digits.labels[$0] == label } }
    }

    private let byLabel: [[Int]]

    /// Renders `text` (digits; a space separates numbers, `|` starts a new line) and returns
    /// the image and the truth as `recognize` should print it.
    public mutating func render(_ text: String, style: Style) throws -> (image: Image, truth: String) {
        var pixels = [Float](repeating: 0, count: style.width * style.height) // ink coverage 0…1
        let lines = text.split(separator: "|").map { $0.split(separator: " ").map(String.init) }
        let h = style.digitHeight, lineGap = Int(Double(h) * 1.9)
        var y = (style.height - lines.count * lineGap) / 2 + (lineGap - h) / 2
        var boxes = [Box]()
        for numbers in lines {
            let widthOfLine = numbers.reduce(0) { $0 + $1.count * Int(Double(h) * (style.boxes ? 1.05 : 0.72)) } + (numbers.count - 1) * h
            var x = Swift.max(8, (style.width - widthOfLine) / 2)
            for number in numbers {
                for character in number {
                    guard let label = character.wholeNumberValue else { continue }
                    let choices = byLabel[label]
                    let index = choices[Int(generator.next() % UInt64(choices.count))]
                    let jitter = Int(generator.next() % 5) - 2
                    // A digit off the page would still be in the truth: refuse instead.
                    guard isOnPage(x: x, y: y + jitter, size: h, style: style) else {
                        throw VisionError(kind: .argument, operation: "synthesize",
                                          reason: "\"\(text)\" does not fit on a \(style.width)x\(style.height) page with digits \(h) pixels high: use a larger --size, a smaller --digit-height, or '|' to break lines")
                    }
                    stamp(index, into: &pixels, width: style.width, height: style.height, x: x, y: y + jitter, size: h)
                    if style.boxes {
                        // MNIST's ink lies in the middle 20 of 28 pixels: the box leaves a margin round it.
                        let margin = Int(0.05 * Double(h))
                        boxes.append(Box(x: x + margin, y: y - margin, width: h - 2 * margin, height: h + 2 * margin))
                        x += Int(Double(h) * 1.05)
                    } else {
                        x += Int(Double(h) * (0.62 + 0.16 * Double(generator.uniform())))
                    }
                }
                x += h
            }
            y += lineGap
        }
        let image = try compose(pixels, style: style, boxes: boxes)
        return (image, lines.map { $0.joined(separator: " ") }.joined(separator: " "))
    }

    /// Adds one MNIST digit, scaled from 28 to `size` pixels, to the coverage map (max).
    private func stamp(_ index: Int, into pixels: inout [Float], width: Int, height: Int, x: Int, y: Int, size: Int) {
        let scale = 28 / Double(size)
        let base = index * Dataset.pixels
        for dy in 0..<size {
            for dx in 0..<size {
                let px = x + dx, py = y + dy
                guard px >= 0, px < width, py >= 0, py < height else { continue }
                // Bilinear, so enlarged digits have smooth edges as a pen stroke would.
                let fx = Swift.max(0, Double(dx) * scale - 0.5), fy = Swift.max(0, Double(dy) * scale - 0.5)
                let x0 = Swift.min(27, Int(fx)), y0 = Swift.min(27, Int(fy)), x1 = Swift.min(27, x0 + 1), y1 = Swift.min(27, y0 + 1)
                let ax = Float(fx - Double(x0)), ay = Float(fy - Double(y0))
                let top = digits.images[base + y0 * 28 + x0] * (1 - ax) + digits.images[base + y0 * 28 + x1] * ax
                let bottom = digits.images[base + y1 * 28 + x0] * (1 - ax) + digits.images[base + y1 * 28 + x1] * ax
                let v = top * (1 - ay) + bottom * ay
                pixels[py * width + px] = Swift.max(pixels[py * width + px], v)
            }
        }
    }

    /// Whether a digit stamped at `x, y` (`size` pixels square) stays on the page once the
    /// page is tilted (about its centre, as `compose` turns it): the corners of its MNIST
    /// 20x20 box, where the ink is (the 28x28 frame's 4-pixel margin may leave the page).
    private func isOnPage(x: Int, y: Int, size: Int, style: Style) -> Bool {
        let t = style.tiltDegrees * .pi / 180, c = cos(t), s = sin(t)
        let cx = Double(style.width) / 2, cy = Double(style.height) / 2
        let margin = Double(size) * 4 / 28
        let x0 = Double(x) + margin, y0 = Double(y) + margin, x1 = Double(x + size) - margin, y1 = Double(y + size) - margin
        return [(x0, y0), (x1, y0), (x0, y1), (x1, y1)].allSatisfy { corner in
            let dx = corner.0 - cx, dy = corner.1 - cy
            let u = c * dx + s * dy + cx, v = -s * dx + c * dy + cy
            return u >= 0 && v >= 0 && u <= Double(style.width) && v <= Double(style.height)
        }
    }

    /// Paper, ruled lines or grid, printed `boxes`, ink, tilt, shadow, blur and noise.
    private mutating func compose(_ coverage: [Float], style: Style, boxes: [Box]) throws -> Image {
        let w = style.width, h = style.height
        // Boxes are printed dark grey, their sides a twentieth of a digit thick.
        let boxGrey = 60.0, side = Swift.max(1, style.digitHeight / 20)
        var onBox = [Bool](repeating: false, count: boxes.isEmpty ? 0 : w * h)
        for box in boxes {
            for y in Swift.max(0, box.y)..<Swift.min(h, box.maxY) {
                for x in Swift.max(0, box.x)..<Swift.min(w, box.maxX) {
                    if x < box.x + side || x >= box.maxX - side || y < box.y + side || y >= box.maxY - side { onBox[y * w + x] = true }
                }
            }
        }
        var bytes = [UInt8](repeating: 0, count: w * h * 3)
        let paper = [Double(style.paper.blue), Double(style.paper.green), Double(style.paper.red)]
        let ink = [Double(style.ink.blue), Double(style.ink.green), Double(style.ink.red)]
        let rule = [230.0, 200.0, 170.0]
        // Graph paper's grid is printed darker than a notebook's rules: it must show through
        // photocopies, and in photos it binarizes with the writing.
        let grid = [212.0, 183.0, 155.0]
        // A dot grid's dots are printed darker still: small, they would fade otherwise.
        let dotGrey = 125.0
        for y in 0..<h {
            let ruled = style.ruledLines && y % Int(Double(style.digitHeight) * 1.9) == Int(Double(style.digitHeight) * 1.5)
            let gridRow = style.gridSpacing > 0 && y % style.gridSpacing == 0
            for x in 0..<w {
                let a = Double(coverage[y * w + x])
                let onGrid = gridRow || style.gridSpacing > 0 && x % style.gridSpacing == 0
                let dot = dotCoverage(x: x, y: y, spacing: style.dotSpacing)
                for c in 0..<3 {
                    let ground = !onBox.isEmpty && onBox[y * w + x] ? boxGrey
                        : onGrid ? grid[c] : ruled ? rule[c] : paper[c] * (1 - dot) + dotGrey * dot
                    bytes[(y * w + x) * 3 + c] = UInt8(Swift.max(0, Swift.min(255, ground * (1 - a) + ink[c] * a)))
                }
            }
        }
        var image = try Image(width: w, height: h, channels: 3, pixels: bytes)
        if style.tiltDegrees != 0 {
            let t = style.tiltDegrees * .pi / 180, c = cos(t), s = sin(t)
            let cx = Double(w) / 2, cy = Double(h) / 2
            let m = [c, s, cx - c * cx - s * cy, -s, c, cy + s * cx - c * cy]
            image = try image.warpedAffine(m, width: w, height: h, border: UInt8(paper[1]))
        }
        if style.blurSigma > 0 { image = try image.gaussianBlurred(kernelSize: 0, sigma: style.blurSigma) }
        if style.shadow > 0 || style.noise > 0 {
            var out = image.pixels
            for y in 0..<h {
                for x in 0..<w {
                    // Darkest in the bottom-right corner, fading towards the top-left.
                    let shade = 1 - style.shadow * Swift.max(0, (Double(x) / Double(w) + Double(y) / Double(h)) - 0.8) / 1.2
                    for c in 0..<3 {
                        let noise = style.noise > 0 ? Double(generator.normal()) * style.noise : 0
                        let v = Double(out[(y * w + x) * 3 + c]) * shade + noise
                        out[(y * w + x) * 3 + c] = UInt8(Swift.max(0, Swift.min(255, v)))
                    }
                }
            }
            image = try Image(width: w, height: h, channels: 3, pixels: out)
        }
        return image
    }
}

/// How much of pixel (x, y) a dot of a dot grid `spacing` pixels apart covers (0…1): dots
/// an eighth of the spacing across (at least 2 pixels), anti-aliased at their rim.
func dotCoverage(x: Int, y: Int, spacing: Int) -> Double {
    guard spacing > 0 else { return 0 }
    let radius = Swift.max(1, Double(spacing) / 16)
    let centre = Double(spacing) / 2
    let dx = Double(x % spacing) + 0.5 - centre, dy = Double(y % spacing) + 0.5 - centre
    return Swift.max(0, Swift.min(1, radius + 0.5 - (dx * dx + dy * dy).squareRoot()))
}

/// A generated field (`PageSynthesizer.render`) in grey with the amount line of a cheque under
/// its digits: a rule 2 pixels thick on the ink's lowest two rows, from its leftmost to its
/// rightmost column, touching the digits that reach down to it. For the benchmarks and tests
/// of underlined fields scanned or blown up large.
public func underlinedField(_ field: Image) throws -> Image {
    let (w, h) = (field.width, field.height)
    var pixels = try field.grayscale().pixels
    let inked = pixels.indices.filter { pixels[$0] < 128 }
    guard let left = inked.map({ $0 % w }).min(), let right = inked.map({ $0 % w }).max(), let baseline = inked.map({ $0 / w }).max() else { return try field.grayscale() }
    for y in Swift.max(0, baseline - 1)...baseline { for x in left..<right { pixels[y * w + x] = 40 } }
    return try Image(width: w, height: h, channels: 1, pixels: pixels)
}
