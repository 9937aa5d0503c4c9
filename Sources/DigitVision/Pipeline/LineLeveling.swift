import Foundation

/// Step 3, for scans and crops that show no page outline: a form or a cheque scanned a few
/// degrees askew is found by its printed lines — a box's edges, a cheque's baseline: long,
/// thin and straight — and turned level, so that line removal (which looks for level lines)
/// takes them out instead of reading their pieces as 1s. Returns nil when no such line
/// exists, or it is level already (within `minimumDegrees`), or steeper than `maximumDegrees`
/// (then it is no printed line of a scan, and the digits' own direction is trusted instead).
/// `ink`: the picture's ink map (its binary image finds the lines; the grey picture is turned).
public func levelByPrintedLines(_ gray: Image, ink: InkMap, minimumDegrees: Double = 0.4, maximumDegrees: Double = 35) throws -> PageRectification? {
    // The search at `maximumDegrees` is refined a degree either side of it: a page turned 35°,
    // its edge found at 35.55°, is levelled too.
    guard gray.width >= 40, gray.height >= 20, let degrees = printedLineAngle(ink, maximumDegrees: maximumDegrees),
          abs(degrees) >= minimumDegrees, abs(degrees) <= maximumDegrees + 1 else { return nil }
    return try rotatedLevel(gray, lineDegrees: degrees)
}

/// The angle (degrees, positive when the line falls to the right) of the longest printed
/// line, by projection profiles: the ink pixels (the ink map's, so that a cheque's light
/// guilloche does not count) are projected across each candidate
/// direction into one-pixel bins, and a straight line — even broken into dashes, or joined
/// to a box's sides and to digits — piles into one bin only when the direction is its own.
/// The direction whose fullest bin holds the most pixels wins, if that bin holds a line at
/// least 40% as long as the picture is wide and 1.3 times as many as level, in one unbroken
/// run. Pictures over
/// 600 pixels across are looked at in blocks of a few rows and columns, a block inked when any
/// of its pixels is (counts scaled to match), to
/// ±`maximumDegrees` in steps of 0.5° (1° beyond 12°), then ±0.5° (±1°) around the best in steps of 0.05°.
/// (Sampled at one pixel a block instead, a page's rule 1–2 pixels thin, 4.5° off level,
/// crossed the sampled rows only every 6 samples or so along its length, never ran on 40% of
/// the width, and the page was not levelled: its rules, not erased, held every digit
/// written on them, and it read as nothing.)
func printedLineAngle(_ ink: InkMap, maximumDegrees: Double = 35) -> Double? {
    let step = Swift.max(1, (Swift.max(ink.width, ink.height) + 599) / 600)
    let w = ink.width, h = ink.height
    let inked = countNonZero(ink.binary)
    guard inked * 2 < w * h else { return nil }
    let (blocks, blocksAcross, blocksDown) = maxPooled(ink.binary, width: w, height: h, factor: step)
    var xs = [Float](), ys = [Float]()
    for by in 0..<blocksDown {
        for bx in 0..<blocksAcross where blocks[by * blocksAcross + bx] != 0 { xs.append(Float(bx * step)); ys.append(Float(by * step)) }
    }
    guard !xs.isEmpty else { return nil }
    let diagonal = Int((Double(w * w + h * h)).squareRoot()) / step + 2
    var bins = [Int32](repeating: 0, count: 2 * diagonal)
    /// The fullest bin of the profile across direction `degrees`.
    func peak(_ degrees: Double) -> Int32 {
        let t = degrees * .pi / 180, c = Float(cos(t)), s = Float(sin(t))
        for i in bins.indices { bins[i] = 0 }
        var top: Int32 = 0
        for i in xs.indices {
            let bin = Int(((ys[i] * c - xs[i] * s) / Float(step)).rounded()) + diagonal
            bins[bin] += 1
            top = Swift.max(top, bins[bin])
        }
        return top
    }
    let level = peak(0)
    var best = (degrees: 0.0, count: level)
    // Half-degree steps to 12°, whole degrees beyond (a steeper line piles as high over a
    // degree's width; the fine search below finds its angle).
    let angles = Array(Swift.stride(from: 0.5, through: Swift.min(12, maximumDegrees), by: 0.5))
        + (maximumDegrees > 12 ? Array(Swift.stride(from: 13, through: maximumDegrees, by: 1)) : [])
    // A scan is rarely skewed past 12°: a steeper line must pile a fifth higher than the best
    // within 12° (a box's side or a long stroke at 30° is not mistaken for its baseline).
    for magnitude in angles {
        let needed = magnitude > 12 ? Swift.max(best.count, Int32((1.2 * Double(best.count)).rounded(.up))) : best.count
        for degrees in [magnitude, -magnitude] {
            let count = peak(degrees)
            if count > needed { best = (degrees, count) }
        }
    }
    let coarse = best.degrees
    let fine = abs(coarse) > 12 ? 20 : 10
    for tenth in -fine...fine where tenth != 0 {
        let degrees = coarse + Double(tenth) * 0.05
        let count = peak(degrees)
        if count > best.count { best = (degrees, count) }
    }
    // A thick level line piles almost as high a little off level: the tilt must pile clearly higher.
    guard Double(best.count) >= 0.4 * Double(w / step), Double(best.count) >= 1.3 * Double(level) else { return nil }
    // And it must be one line, not the bottoms of a row of digits: the pixels of the fullest
    // bin and its two neighbours, in order along the line, run on without a gap of over
    // three pixels for 40% of the width.
    let t = best.degrees * .pi / 180, c = Float(cos(t)), s = Float(sin(t))
    func bin(_ i: Int) -> Int { Int(((ys[i] * c - xs[i] * s) / Float(step)).rounded()) }
    var counts = [Int: Int]()
    for i in xs.indices { counts[bin(i), default: 0] += 1 }
    let fullest = counts.max { $0.value < $1.value }!.key
    let along = xs.indices.filter { abs(bin($0) - fullest) <= 1 }.map { (xs[$0] * c + ys[$0] * s) / Float(step) }.sorted()
    var longest: Float = 0, start = along[0]
    for (a, b) in zip(along, along.dropFirst()) {
        if b - a > 3 { start = b }
        longest = Swift.max(longest, b - start)
    }
    return Double(longest) >= 0.4 * Double(w / step) ? best.degrees : nil
}

/// The picture turned by −`lineDegrees` about its centre onto a canvas just large enough
/// to hold all of it, the new corners filled with the paper's grey (its 90th percentile).
func rotatedLevel(_ gray: Image, lineDegrees: Double) throws -> PageRectification {
    let t = lineDegrees * .pi / 180, c = cos(t), s = sin(t)
    let (w, h) = (Double(gray.width), Double(gray.height))
    let newWidth = Int((abs(w * c) + abs(h * s)).rounded(.up)), newHeight = Int((abs(w * s) + abs(h * c)).rounded(.up))
    let (cx, cy) = ((w - 1) / 2, (h - 1) / 2), (ncx, ncy) = (Double(newWidth - 1) / 2, Double(newHeight - 1) / 2)
    // Photo → level: the line's direction (cos t, sin t) goes to (1, 0).
    let forward = [c, s, ncx - c * cx - s * cy, -s, c, ncy + s * cx - c * cy, 0, 0, 1]
    let inverse = [c, -s, cx - c * ncx + s * ncy, s, c, cy - s * ncx - c * ncy, 0, 0, 1]
    // The 90th percentile from a histogram (sorting every pixel of a large photo is slow).
    var histogram = [Int](repeating: 0, count: 256)
    for v in gray.pixels { histogram[Int(v)] += 1 }
    var paper: UInt8 = 255, seen = 0
    for (value, count) in histogram.enumerated() {
        seen += count
        if seen * 10 >= gray.width * gray.height * 9 { paper = UInt8(value); break }
    }
    let level = try gray.warpedPerspective(forward, width: newWidth, height: newHeight, border: paper)
    let corners = [(0.0, 0.0), (Double(newWidth - 1), 0.0), (Double(newWidth - 1), Double(newHeight - 1)), (0.0, Double(newHeight - 1))].map { p in
        (inverse[0] * p.0 + inverse[1] * p.1 + inverse[2], inverse[3] * p.0 + inverse[4] * p.1 + inverse[5])
    }
    let frame = [(0.0, 0.0), (w - 1, 0.0), (w - 1, h - 1), (0.0, h - 1)].map { p in
        (forward[0] * p.0 + forward[1] * p.1 + forward[2], forward[3] * p.0 + forward[4] * p.1 + forward[5])
    }
    return PageRectification(rectified: level, corners: corners, inverse: inverse, pictureFrame: frame)
}
