/// Step 4's second half: of the pixels `removeStraightLines` (RuledLines.swift) marked as a
/// line's or its band's (`LineMark`), which are writing and stay. Either the ink's darkness
/// says (`writingLevel`, for lines printed far lighter than the writing) or the lines' shape
/// does: a stroke crossing a line has ink beyond it on both sides (`CrossingStrokes`).

/// Erases in `erased` every marked pixel (`marks` not 0) lighter than `threshold` in
/// `levels`, of the `count` pixels: writing on pale lines keeps its own darkness
/// (`writingLevel`).
func eraseMarkedInk(lighterThan threshold: UInt8, levels: [UInt8], marks m: UnsafePointer<UInt8>, count: Int,
                    in erased: UnsafeMutablePointer<UInt8>) {
    for i in 0..<count where m[i] != 0 && levels[i] < threshold { erased[i] = 0 }
}

/// The ink level from which a pixel on a line is writing, not line: halfway between the
/// lines' median level (pixels `marks` flags with `lineBits`) and the rest of the ink's, when
/// the writing is at least `minimumContrast` levels darker than the lines (pale rules,
/// graph paper); nil when it is not (black form boxes, a pencil on pale rules), and the
/// lines' shape decides.
func writingLevel(_ levels: [UInt8], binary b: UnsafePointer<UInt8>, marks m: UnsafePointer<UInt8>, lineBits: UInt8, count: Int,
                  minimumContrast: Int = 60) -> UInt8? {
    var line = [Int](repeating: 0, count: 256), writing = [Int](repeating: 0, count: 256)
    for i in 0..<count where b[i] != 0 {
        if m[i] & lineBits != 0 { line[Int(levels[i])] += 1 } else if m[i] == 0 { writing[Int(levels[i])] += 1 }
    }
    func median(_ histogram: [Int]) -> Int? {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return nil }
        var seen = 0
        for (level, n) in histogram.enumerated() { seen += n; if seen * 2 >= total { return level } }
        return nil
    }
    guard let lineLevel = median(line), let writingLevel = median(writing), writingLevel - lineLevel >= minimumContrast else { return nil }
    return UInt8((lineLevel + writingLevel) / 2)
}

/// Which marked pixels of the ink map's `binary` pixels (`marks`, `LineMark` bits; both
/// `width` by `height`, read only) a stroke crosses, when the lines' shape must decide. A
/// struct so that its steps share the buffers and sizes without copying them, and the ink off
/// the lines is labelled once, when first asked (`pieces`).
struct CrossingStrokes {
    let binary: UnsafePointer<UInt8>
    let marks: UnsafePointer<UInt8>
    let width: Int, height: Int
    /// The runs `removeStraightLines` found lines of, and the thickest line it erased
    /// (`thickestLine`).
    let horizontalRun: Int, verticalRun: Int, thickest: Int
    /// The least area of a piece of writing (`isSizeable`).
    let leastPiece: Int

    init(binary: UnsafePointer<UInt8>, marks: UnsafePointer<UInt8>, width: Int, height: Int, horizontalRun: Int, verticalRun: Int,
         thickest: Int) {
        (self.binary, self.marks, self.width, self.height) = (binary, marks, width, height)
        (self.horizontalRun, self.verticalRun, self.thickest) = (horizontalRun, verticalRun, thickest)
        // (The digit height as `eraseLines` set the upright run from it.)
        let digitHeight = Double(verticalRun) / ErasedLineRun.upright
        leastPiece = Int(digitHeight * digitHeight / 100)
    }

    /// The ink off the lines and their bands, in pieces (`isSizeable`). Labelled when first
    /// asked: most lines have no ink beyond them on both sides.
    private lazy var pieces: ComponentLabels = connectedComponents((0..<(width * height)).map { binary[$0] != 0 && marks[$0] == 0 ? 255 : 0 },
                                                                   width: width, height: height)

    /// Whether (x, y) lies in the picture and holds ink off the lines and their bands.
    func isInk(_ x: Int, _ y: Int) -> Bool {
        let b = binary, m = marks, w = width, h = height
        return x >= 0 && y >= 0 && x < w && y < h && b[y * w + x] != 0 && m[y * w + x] == 0
    }

    /// Whether the ink at (x, y), off the lines, is a sizeable piece of writing. The ink beyond
    /// must be a piece of writing, not the fringe of a dashed or blotchy
    /// line's blots left on both sides of its band (which joined them into a column of
    /// "1"s on a form enlarged 10 times): the ink off the lines and their bands, in
    /// pieces; a piece of a hundredth of a digit's height squared or more (the tip of a
    /// 2 cut off by an upright is a few times that).
    mutating func isSizeable(_ x: Int, _ y: Int) -> Bool {
        let w = width
        return pieces.components[Int(pieces.labels[y * w + x])].area >= leastPiece
    }

    /// Whether ink at (x, y) runs on as far as a line: a line too thick to be erased
    /// whole (only its edges were) is ink beyond the erased band too, but is no stroke.
    func runsAlongLine(_ x: Int, _ y: Int, across: Bool) -> Bool {
        let b = binary, w = width, h = height
        let (dx, dy, run) = across ? (1, 0, horizontalRun) : (0, 1, verticalRun)
        var length = 1
        for sign in [-1, 1] {
            var k = 1
            while length < run {
                let xx = x + sign * k * dx, yy = y + sign * k * dy
                guard xx >= 0, yy >= 0, xx < w, yy < h, b[yy * w + xx] != 0 else { break }
                length += 1; k += 1
            }
        }
        return length >= run
    }

    /// The pixels of wide lines that strokes cross, `width` by `height`: upright lines' along
    /// rows, then rules' along columns (`markWideCrossings`).
    mutating func wideCrossings() -> [Bool] {
        var crossedWide = [Bool](repeating: false, count: width * height)
        markWideCrossings(&crossedWide, lines: height, along: width, across: false)
        markWideCrossings(&crossedWide, lines: width, along: height, across: true)
        return crossedWide
    }

    /// Sets in `crossedWide` the pixels where a stroke crosses a wide line: rules (`across`,
    /// looked along each of the `lines` columns, `along` pixels long) or upright lines (along
    /// each row). A stroke crossing a line wider than 4 pixels with its band (a bold table's
    /// rule, a form scanned large) has its ink on the two sides further apart. Along each row
    /// (for upright lines) and each column (for rules), a run of the ink of one line and
    /// its band (not a crossing line's, where a rule meets a box's side) is crossed where
    /// writing lies within 2 pixels beyond both its ends; a pixel of it counts when both
    /// ends are within the thickest line and its band (4 pixels) of it.
    mutating func markWideCrossings(_ crossedWide: inout [Bool], lines: Int, along: Int, across: Bool) {
        let b = binary, m = marks, w = width
        let family = across ? LineMark.acrossLine | LineMark.acrossBand : LineMark.uprightLine | LineMark.uprightBand
        func at(_ line: Int, _ t: Int) -> (x: Int, y: Int) { across ? (line, t) : (t, line) }
        func writing(_ line: Int, _ t: Int) -> Bool {
            guard t >= 0, t < along else { return false }
            let (x, y) = at(line, t)
            return isInk(x, y) && isSizeable(x, y) && !runsAlongLine(x, y, across: across)
        }
        let reach = thickest + 4
        for line in 0..<lines {
            var t = 0
            while t < along {
                let (x, y) = at(line, t)
                guard b[y * w + x] != 0, m[y * w + x] & family != 0 else { t += 1; continue }
                var end = t
                while end + 1 < along, case let (xx, yy) = at(line, end + 1), b[yy * w + xx] != 0, m[yy * w + xx] & family != 0 { end += 1 }
                if end - t + 1 < 2 * reach, (1...3).contains(where: { writing(line, t - $0) }), (1...3).contains(where: { writing(line, end + $0) }) {
                    for k in Swift.max(t, end + 1 - reach)...Swift.min(end, t - 1 + reach) { let (kx, ky) = at(line, k); crossedWide[ky * w + kx] = true }
                }
                t = end + 1
            }
        }
    }

    /// Erases in `erased` every marked pixel no stroke crosses: a rule's pixel with ink off
    /// the lines within 4 pixels above and below it, an upright line's with ink within 4
    /// pixels left and right, and a wide line's pixel in `crossedWide`, stay.
    func eraseUncrossed(in erased: UnsafeMutablePointer<UInt8>, crossedWide: [Bool]) {
        let m = marks, w = width, h = height
        let acrossLine = LineMark.acrossLine, acrossBand = LineMark.acrossBand
        let uprightLine = LineMark.uprightLine, uprightBand = LineMark.uprightBand
        for y in 0..<h {
            for x in 0..<w where m[y * w + x] != 0 {
                let across = m[y * w + x] & (acrossLine | acrossBand) != 0, upright = m[y * w + x] & (uprightLine | uprightBand) != 0
                let crossedVertically = (1...4).contains { isInk(x, y - $0) } && (1...4).contains { isInk(x, y + $0) }
                let crossedHorizontally = (1...4).contains { isInk(x - $0, y) } && (1...4).contains { isInk(x + $0, y) }
                if across && crossedVertically || upright && crossedHorizontally { continue }
                if !crossedWide[y * w + x] { erased[y * w + x] = 0 }
            }
        }
    }
}
