import Foundation

/// Step 1 for paper printed in a colour of its own: a form's red or blue boxes, a notebook's
/// blue rules, written over in another colour. Forms are printed in "dropout" colours so
/// that a reader can see through them: in the grey picture a red box is about as dark as a
/// black digit, touches it and cuts it (a 9's loop cut by a box's top read as a 4), but in
/// colour the two are far apart. The grey picture is then made along a colour direction in
/// which the printed lines are as light as their paper and the writing keeps its darkness
/// (`ColourDropout.grey`); every later step reads that picture as it would the grey one.
///
/// The colours are measured, not assumed: the printed lines are the long, thin, level runs of
/// dark pixels (a row of boxes' top and bottom, a rule); the paper, the light pixels beside
/// them; the writing, the other thin dark strokes whose colour is not the lines'. Nothing is
/// dropped when the lines are grey (shape alone tells them, as before), when the writing is
/// in the lines' colour (blue ink on blue boxes) or when no writing of another colour is seen.
/// Because the grey is a linear mix of the channels, the lines stay as light as the paper in
/// shade and in light, and a stroke crossing them stays whole.

/// A colour picture's grey made blind to the colour of its printed lines.
struct ColourDropout: Equatable {
    /// The paper's colour beside the printed lines, as B, G, R.
    var paper: SIMD3<Float>
    /// The weights of B, G and R in the new grey, less the paper's: zero along the lines'
    /// colour, scaled so that the writing is as dark against the paper as in the usual grey.
    var weights: SIMD3<Float>
    /// The paper's level in the usual grey, and so in the new one.
    var paperGrey: Float

    /// The usual grey's weights of B, G and R (ITU-R BT.601, as OpenCV's conversion).
    static let greyWeights = SIMD3<Float>(0.114, 0.587, 0.299)

    /// The dropout for `colour` (BGR), measured in a copy shrunk by a whole factor to at most
    /// `decisionSide` pixels long (a whole factor is a fast shrink: a 640x480 photo shrunk to
    /// 480 took longer than all the rest); nil for a grey picture or when nothing is to be
    /// dropped (above).
    init?(_ colour: Image, decisionSide: Int = 400) throws {
        guard colour.channels == 3, colour.width >= 16, colour.height >= 16 else { return nil }
        let factor = (Swift.max(colour.width, colour.height) + decisionSide - 1) / decisionSide
        let small = try colour.shrunk(by: Swift.min(factor, Swift.min(colour.width, colour.height) / 16))
        let (w, h) = (small.width, small.height)
        let dark = try darkPixels(small.grayscale(), contrast: 25)
        // A line's thickness at most; a digit's strokes are as thin, a desk's dark patch is not.
        let thickest = Swift.max(4, Swift.min(10, Swift.min(w, h) / 6))
        let lines = try printedLines(dark, width: w, height: h, level: true, thickest: thickest, shortest: Swift.max(24, w / 4))
        guard count(lines) >= 40 else { return nil }
        let bgr = small.pixels
        // The paper right beside the lines, where the light falls as on them.
        var paperBeside = try grown(lines, width: w, height: h, by: 3)
        for i in paperBeside.indices where dark[i] != 0 { paperBeside[i] = 0 }
        guard count(paperBeside) >= 40 else { return nil }
        let paper = meanColour(bgr, where: paperBeside)
        let lineShift = meanColour(bgr, where: lines) - paper
        guard let writingShift = ColourDropout.writingShift(bgr, dark: dark, lines: lines, width: w, height: h, thickest: thickest,
                                                             paper: paper, lineShift: lineShift) else { return nil }
        // Along the writing's colour, less its part along the lines' colour.
        let lineDirection = lineShift / (lineShift * lineShift).sum().squareRoot()
        let across = writingShift - lineDirection * (writingShift * lineDirection).sum()
        let writingDarkness = (ColourDropout.greyWeights * writingShift).sum()
        self.paper = paper
        self.weights = across * (writingDarkness / (across * writingShift).sum())
        self.paperGrey = (ColourDropout.greyWeights * paper).sum()
    }

    /// The writing's shift of colour from the paper (`bgr`'s pixels), when it is clearly not
    /// the lines': nil when the lines are grey (chroma under a quarter of their darkness),
    /// when under a fifth of the thin strokes off the lines (level ones, and upright ones a
    /// third of the picture long) lie 15° or more from the lines' colour, when those are not
    /// darker than the paper in every channel and by 30 grey levels, or when their mean lies
    /// within 15° of the lines' colour (the new grey would be mostly noise).
    static func writingShift(_ bgr: [UInt8], dark: [UInt8], lines: [UInt8], width w: Int, height h: Int, thickest: Int,
                             paper: SIMD3<Float>, lineShift: SIMD3<Float>) -> SIMD3<Float>? {
        let length = (lineShift * lineShift).sum().squareRoot()
        guard length > 0 else { return nil }
        let greyAxis = SIMD3<Float>(repeating: 1 / Float(3).squareRoot())
        let chroma = lineShift - greyAxis * (lineShift * greyAxis).sum()
        guard (chroma * chroma).sum().squareRoot() >= 0.25 * length else { return nil }
        let nearLines = (try? grown(lines, width: w, height: h, by: 1)) ?? lines
        var strokes = thinRuns(dark, width: w, height: h, thickest: thickest)
        // Nor are long upright lines writing: a notebook's red margin beside its blue rules
        // was taken for the blue writing's colour, and the writing was dimmed with the rules.
        if let upright = try? printedLines(dark, width: w, height: h, level: false, thickest: thickest, shortest: Swift.max(24, h / 3)) {
            for i in strokes.indices where upright[i] != 0 { strokes[i] = 0 }
        }
        let lineDirection = lineShift / length
        let farCosine = Float(cos(15 * Double.pi / 180))
        var sum = SIMD3<Float>(), far = 0, offLines = 0
        for i in 0..<(w * h) where strokes[i] != 0 && nearLines[i] == 0 {
            offLines += 1
            let shift = SIMD3(Float(bgr[3 * i]), Float(bgr[3 * i + 1]), Float(bgr[3 * i + 2])) - paper
            let norm = (shift * shift).sum().squareRoot()
            if norm > 0, (shift * lineDirection).sum() < farCosine * norm { sum += shift; far += 1 }
        }
        guard offLines >= 40, far > 0, 5 * far >= offLines else { return nil }
        let writing = sum / Float(far)
        let norm = (writing * writing).sum().squareRoot()
        guard writing.max() <= 0, (greyWeights * writing).sum() <= -30,
              (writing * lineDirection).sum() < farCosine * norm else { return nil }
        return writing
    }

    /// `colour` (BGR, any size) in the new grey.
    func grey(_ colour: Image) throws -> Image {
        let bgr = colour.pixels
        var out = [UInt8](repeating: 0, count: colour.width * colour.height)
        let offset = paperGrey - (weights * paper).sum()
        let (wb, wg, wr) = (weights.x, weights.y, weights.z)
        bgr.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count {
                    let v = offset + wb * Float(p[3 * i]) + wg * Float(p[3 * i + 1]) + wr * Float(p[3 * i + 2])
                    o[i] = UInt8(Swift.max(0, Swift.min(255, v + 0.5)))
                }
            }
        }
        return try Image(width: colour.width, height: colour.height, channels: 1, pixels: out)
    }
}

/// The grey picture every step reads: `colour`'s, blind to the colour of its printed lines
/// when they have one the writing has not (`ColourDropout`) and lines are removed at all.
public func greyForReading(_ colour: Image, parameters: PipelineParameters) throws -> Image {
    if parameters.removeLines, let dropout = try ColourDropout(colour) { return try dropout.grey(colour) }
    return try colour.grayscale()
}

// Masks below are one byte a pixel, 1 where set and 0 elsewhere.

/// How many pixels `mask` sets.
private func count(_ mask: [UInt8]) -> Int { mask.reduce(0) { $0 + Int($1) } }

/// The mean colour of `bgr`'s pixels that `mask` sets.
private func meanColour(_ bgr: [UInt8], where mask: [UInt8]) -> SIMD3<Float> {
    var sum = SIMD3<Float>(), n = 0
    for i in mask.indices where mask[i] != 0 {
        sum += SIMD3(Float(bgr[3 * i]), Float(bgr[3 * i + 1]), Float(bgr[3 * i + 2]))
        n += 1
    }
    return n == 0 ? sum : sum / Float(n)
}

/// Pixels at least `contrast` grey levels darker than their paper: the median of a
/// neighbourhood a third of the picture's short side (measured shrunk to a short side of
/// 60 pixels or so, where a median that wide costs little).
func darkPixels(_ grey: Image, contrast: Int) throws -> [UInt8] {
    let (w, h) = (grey.width, grey.height)
    let factor = Swift.max(1, Swift.min(w, h) / 60)
    let shrunk = try grey.resized(width: Swift.max(1, w / factor), height: Swift.max(1, h / factor))
    let kernel = Swift.min(255, Swift.max(5, Swift.min(shrunk.width, shrunk.height) / 3) | 1)
    let paper = try shrunk.medianBlurred(kernelSize: kernel).resized(width: w, height: h, interpolation: .linear).pixels
    let levels = grey.pixels
    var dark = [UInt8](repeating: 0, count: w * h)
    levels.withUnsafeBufferPointer { l in
        paper.withUnsafeBufferPointer { p in
            dark.withUnsafeMutableBufferPointer { d in
                for i in 0..<d.count { d[i] = Int(l[i]) + contrast < Int(p[i]) ? 1 : 0 }
            }
        }
    }
    return dark
}

/// The pixels of `mask` in runs at most `longest` long, along rows (`alongRows`) or down
/// columns.
func inShortRuns(_ mask: [UInt8], width w: Int, height h: Int, alongRows: Bool, longest: Int) -> [UInt8] {
    var short = [UInt8](repeating: 0, count: mask.count)
    // Each pixel's count of mask pixels before it in its run, then, backwards, the run's
    // length carried from its last pixel; both passes go row by row, as the pixels lie.
    var run = [Int32](repeating: 0, count: mask.count)
    let step = alongRows ? 1 : w
    mask.withUnsafeBufferPointer { m in
        run.withUnsafeMutableBufferPointer { r in
            short.withUnsafeMutableBufferPointer { s in
                for i in 0..<m.count where m[i] != 0 {
                    let first = alongRows ? i % w == 0 : i < w
                    r[i] = first || m[i - step] == 0 ? 1 : r[i - step] + 1
                }
                for i in stride(from: m.count - 1, through: 0, by: -1) where m[i] != 0 {
                    let last = alongRows ? i % w == w - 1 : i >= m.count - w
                    if !last && m[i + step] != 0 { r[i] = r[i + step] }
                    s[i] = r[i] <= Int32(longest) ? 1 : 0
                }
            }
        }
    }
    return short
}

/// Dark pixels in a stroke at most `thickest` thick one way or the other.
func thinRuns(_ dark: [UInt8], width w: Int, height h: Int, thickest: Int) -> [UInt8] {
    var thin = inShortRuns(dark, width: w, height: h, alongRows: true, longest: thickest)
    let down = inShortRuns(dark, width: w, height: h, alongRows: false, longest: thickest)
    for i in thin.indices { thin[i] |= down[i] }
    return thin
}

/// The pixels of printed lines, level (`level`) or upright: dark, at most `thickest`
/// thick, at least `shortest` long, three quarters inked, gaps up to twice `thickest`
/// bridged (where a box's side or a digit crosses), and two rows (columns) either way taken
/// as the row (a line a few degrees off level steps across rows).
func printedLines(_ dark: [UInt8], width w: Int, height h: Int, level: Bool, thickest: Int, shortest: Int) throws -> [UInt8] {
    let thin = inShortRuns(dark, width: w, height: h, alongRows: !level, longest: thickest)
    let band = try grown(thin, width: w, height: h, by: level ? 0 : 2, vertically: level ? 2 : 0)
    var lines = [UInt8](repeating: 0, count: dark.count)
    // Along each row (column): `first` its first pixel, `step` from one pixel to the next.
    let (count, length, step) = level ? (h, w, 1) : (w, h, w)
    thin.withUnsafeBufferPointer { thin in
        band.withUnsafeBufferPointer { band in
            lines.withUnsafeMutableBufferPointer { lines in
                for line in 0..<count {
                    let first = level ? line * w : line
                    var (start, end, inked) = (-1, -1, 0)
                    func close() {
                        if start >= 0, end - start >= shortest, 4 * inked >= 3 * (end - start) {
                            for k in start..<end { lines[first + k * step] = thin[first + k * step] }
                        }
                    }
                    var k = 0
                    while k < length {
                        guard band[first + k * step] != 0 else { k += 1; continue }
                        var stop = k
                        while stop < length && band[first + stop * step] != 0 { stop += 1 }
                        if start >= 0, k - end <= 2 * thickest { (end, inked) = (stop, inked + stop - k) } else { close(); (start, end, inked) = (k, stop, stop - k) }
                        k = stop
                    }
                    close()
                }
            }
        }
    }
    return lines
}

/// `mask` grown by `radius` pixels every way (`vertically` up and down, when given).
func grown(_ mask: [UInt8], width w: Int, height h: Int, by radius: Int, vertically: Int? = nil) throws -> [UInt8] {
    try Image(width: w, height: h, channels: 1, pixels: mask)
        .morphology(.dilate, width: 2 * radius + 1, height: 2 * (vertically ?? radius) + 1).pixels
}
