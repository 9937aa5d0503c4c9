import Foundation

/// Step 6, by shape: what is not a digit however it reads — specks and dots, long straight
/// lines (a tilted rule, a page's edge), the band a sheet's edge leaves against the desk, a
/// form's printed bar. Used by `segment` (Segmentation.swift) and `DigitRecognizer`.

/// Whether a crop's ink is one long thin straight line: its length along its main axis (from
/// the spread of its pixels) over 1.6 digit heights, and its width across under a tenth of
/// that. Ruled lines at an angle and the edges of a tilted page are; no digit is, not even a
/// long "1".
func isLongStraightLine(_ mask: [UInt8], width w: Int, height h: Int, digitHeight: Double) -> Bool {
    guard Double(Swift.max(w, h)) > 1.1 * digitHeight, let line = lengthAndThickness(mask, width: w, height: h) else { return false }
    return line.length > 1.6 * digitHeight && line.thickness < 0.1 * line.length
}

/// The length and thickness of a `width x height` mask's ink taken as one straight band, from
/// the spread of its pixels along and across their main axis: a uniform band L long and T
/// thick has variances L²/12 along it and T²/12 across. Nil for fewer than two pixels.
func lengthAndThickness(_ mask: [UInt8], width w: Int, height h: Int) -> (length: Double, thickness: Double)? {
    guard let (_, along, across) = principalVariances(of: mask, width: w, height: h, in: Box(x: 0, y: 0, width: w, height: h)) else { return nil }
    return ((12 * along).squareRoot(), (12 * across).squareRoot())
}

/// Drops dots, commas, dashes and specks by their size relative to the digit height.
func isDigitShaped(_ box: Box, digitHeight h: Double, parameters: PipelineParameters) -> Bool {
    let height = Double(box.height), width = Double(box.width)
    if height < parameters.maximumDotFraction * h && width < parameters.maximumDotFraction * h { return false }
    if height < parameters.minimumHeightFraction * h { return false }
    return box.height >= parameters.minimumDigitHeight
}

/// Whether a mark is a dot: under `maximumDotFraction` of the digit height either way, and
/// round (neither side more than twice the other), as a colon's or a full stop's dots are; the
/// pieces of a broken stroke are long.
func isDot(_ box: Box, digitHeight h: Double, parameters: PipelineParameters) -> Bool {
    let long = Double(Swift.max(box.width, box.height)), short = Double(Swift.min(box.width, box.height))
    return long < parameters.maximumDotFraction * h && long <= 2 * short
}

/// Whether a thin solid candidate (at least twice as tall as wide, or as wide as tall; see
/// `isSolidBand`) lies along the picture's edge: its ink fills the edge's row or column along
/// 60% of its length. It is a wedge of desk or of the page's shadow that the photo's frame
/// cuts, not a stroke: a digit in a tight crop touches the edge at a point or two. (A picture
/// under six digits high keeps what touches its edge, and `isPageEdge` cannot see the desk
/// beyond the frame.) `box` is in `ink`'s pixels.
func liesAlongThePicturesEdge(_ box: Box, in ink: InkMap) -> Bool {
    let tall = box.height >= 2 * box.width, flat = box.width >= 2 * box.height
    guard tall || flat, isSolidBand(box, in: ink) else { return false }
    func filled(_ count: Int, of length: Int) -> Bool { count * 10 >= length * 6 }
    if tall {
        let rows = Swift.max(0, box.y)..<Swift.min(ink.height, box.maxY)
        for x in [0, ink.width - 1] where x >= box.x && x < box.maxX {
            if filled(rows.filter { ink.binary[$0 * ink.width + x] != 0 }.count, of: box.height) { return true }
        }
    } else {
        let columns = Swift.max(0, box.x)..<Swift.min(ink.width, box.maxX)
        for y in [0, ink.height - 1] where y >= box.y && y < box.maxY {
            if filled(columns.filter { ink.binary[y * ink.width + $0] != 0 }.count, of: box.width) { return true }
        }
    }
    return false
}

/// Whether a thin candidate (at least twice as tall as wide, or as wide as tall, and solid ink)
/// is the band a sheet's edge leaves against a darker desk rather than a stroke: the paper brightness
/// estimated a little way off its two long sides differs by half or more — paper on one
/// side, desk on the other — where a stroke has paper on both — and no other band of ink
/// lies between it and the desk (then that band is the edge, and this a digit beside it).
/// `box` is in `ink`'s pixels; false when the paper estimate or either side is out of reach.
func isPageEdge(_ box: Box, in ink: InkMap) -> Bool {
    guard !ink.paper.isEmpty else { return false }
    let tall = box.height >= 2 * box.width, flat = box.width >= 2 * box.height
    guard tall || flat else { return false }
    // The band is solid; a thin 4, 7 or 9 across a hard shadow's edge, whose paper differs as
    // much on its two sides, is not. (A 1 is: one by a shadow's edge is told by its grey,
    // `isDarkerThanBeyond`. Whether the band goes on past its ends does not tell them apart: a
    // small sheet's whole side is one candidate, with desk beyond both ends.)
    guard isSolidBand(box, in: ink) else { return false }
    let reach = Swift.max(4, Swift.min(box.width, box.height)) + 4
    func median(_ values: [UInt8]) -> Double? { values.isEmpty ? nil : Double(values.sorted()[values.count / 2]) }
    func column(_ x: Int) -> Double? {
        guard x >= 0, x < ink.width else { return nil }
        return median((Swift.max(0, box.y)..<Swift.min(ink.height, box.maxY)).map { ink.paper[$0 * ink.width + x] })
    }
    func row(_ y: Int) -> Double? {
        guard y >= 0, y < ink.height else { return nil }
        return median((Swift.max(0, box.x)..<Swift.min(ink.width, box.maxX)).map { ink.paper[y * ink.width + $0] })
    }
    let sides = tall ? (column(box.x - reach), column(box.maxX - 1 + reach)) : (row(box.y - reach), row(box.maxY - 1 + reach))
    guard let a = sides.0, let b = sides.1, Swift.max(a, b) >= 1.5 * Swift.max(1, Swift.min(a, b)) else { return false }
    let towardsDesk = a < b ? -1 : 1
    // A stroke on paper in shade (a 1 under a shadow's edge or in a vignetted corner) is far
    // darker than the shaded paper beyond it; the band a sheet's edge leaves is as dark as the
    // desk it runs into.
    if isDarkerThanBeyond(box, in: ink, tall: tall, towards: towardsDesk, farSide: Swift.min(a, b)) { return false }
    // A digit written a few pixels from the sheet's edge has the same desk beside it, but
    // the edge's own band lies between them: paper, then ink again at the same distance (a
    // band parallel to it, not the desk's specks) along most of its length. A band that is
    // the edge has only desk beyond it.
    var distances = [Int]()
    let along = tall ? box.y..<box.maxY : box.x..<box.maxX
    for t in along {
        var sawPaper = false
        for step in 1...reach {
            let (x, y) = tall ? (towardsDesk < 0 ? box.x - step : box.maxX - 1 + step, t) : (t, towardsDesk < 0 ? box.y - step : box.maxY - 1 + step)
            guard x >= 0, y >= 0, x < ink.width, y < ink.height else { break }
            if ink.binary[y * ink.width + x] == 0 { sawPaper = true } else if sawPaper { distances.append(step); break }
        }
    }
    guard !distances.isEmpty else { return true }
    let typical = distances.sorted()[distances.count / 2]
    return distances.filter { abs($0 - typical) <= 2 }.count * 2 < along.count
}

/// Whether a thin band's ink (`tall`: upright) is a stroke on paper in shade rather than the
/// band a sheet's edge leaves against the desk on its side `towards` (−1: left or above, 1:
/// right or below), by the picture's grey 3–5 pixels beyond that side (medians along the band):
/// - the band is darker than it, under 0.85 of it: a stroke's ink is darker than the paper
///   round it, an edge's band is the desk's own grey (measured: 1s in a shadow's edge or a
///   vignetted corner 0.42–0.79, the bands of a page on a dark desk 0.98–1.04);
/// - and it is brighter, by a tenth or more, than the paper estimate `farSide` where the
///   brightness was compared (a band's width and 4 pixels more out): the shade darkens farther
///   off (1.18–2.1), while a desk is as dark right beyond the sheet's edge as farther off
///   (0.98–0.99; a form crop on a grey desk, whose printed border runs along its edge, is a
///   band far darker than the desk, 0.04, and stays an edge by this).
/// What the grey was is told by the paper estimate and the ink levels (`paper × (1 − level / 255)`).
func isDarkerThanBeyond(_ box: Box, in ink: InkMap, tall: Bool, towards side: Int, farSide: Double) -> Bool {
    let w = ink.width, h = ink.height
    func grey(_ x: Int, _ y: Int) -> Double { Double(ink.paper[y * w + x]) * (1 - Double(ink.levels[y * w + x]) / 255) }
    var band = [Double](), beyond = [Double]()
    for y in Swift.max(0, box.y)..<Swift.min(h, box.maxY) {
        for x in Swift.max(0, box.x)..<Swift.min(w, box.maxX) where ink.binary[y * w + x] != 0 { band.append(grey(x, y)) }
    }
    let along = tall ? Swift.max(0, box.y)..<Swift.min(h, box.maxY) : Swift.max(0, box.x)..<Swift.min(w, box.maxX)
    for t in along {
        for step in 3...5 {
            let (x, y) = tall ? (side < 0 ? box.x - step : box.maxX - 1 + step, t) : (t, side < 0 ? box.y - step : box.maxY - 1 + step)
            if x >= 0, y >= 0, x < w, y < h { beyond.append(grey(x, y)) }
        }
    }
    guard !band.isEmpty, !beyond.isEmpty else { return false }
    let bandGrey = band.sorted()[band.count / 2], beyondGrey = beyond.sorted()[beyond.count / 2]
    return bandGrey < 0.85 * beyondGrey && beyondGrey >= 1.1 * farSide
}

/// Whether a candidate is a dark surface beside the paper, not ink on it: the corner of the
/// desk, of a second sheet in shade or of a dark card beside the page, which the paper's
/// estimate takes for paper (its grey-level closing rounds a dark block's corners off, and
/// fills the corner where two sheets meet), so that it stands out as a wedge of "ink" and
/// reads as a doubtful 1, 2 or 7. Ink is darker than what lies round it on every side; the
/// wedge goes on into the rest of the dark surface, as dark, along 45% of its outline or more
/// (half to all of it; a photo's blurred strokes a third at most): there, 3 pixels out from
/// its edge, the grey is still three quarters as far under the paper's estimate as at the
/// edge (faint and blurred ink is a quarter of the way at most). Outline that faces a loop
/// too small to reach 3 pixels across is not counted. A thin upright piece of a sheet's edge
/// beside a dark desk is one too when one of its long sides goes on into the desk so along
/// 70% of it (its outline as a whole under 45%: the other side faces the paper).
/// `box` is in `ink`'s pixels; false when the paper estimate is not known.
func isDarkSurface(_ box: Box, in ink: InkMap) -> Bool {
    guard !ink.paper.isEmpty else { return false }
    let w = ink.width, h = ink.height
    func grey(_ i: Int) -> Double { Double(ink.paper[i]) * (1 - Double(ink.levels[i]) / 255) }
    // The outline counted apart on each side: left, right, top, bottom.
    var edge = [0, 0, 0, 0], seamless = [0, 0, 0, 0]
    for y in Swift.max(0, box.y)..<Swift.min(h, box.maxY) {
        for x in Swift.max(0, box.x)..<Swift.min(w, box.maxX) where ink.binary[y * w + x] != 0 {
            for (side, (dx, dy)) in [(-1, 0), (1, 0), (0, -1), (0, 1)].enumerated() {
                let (nx, ny) = (x + dx, y + dy), (ox, oy) = (x + 3 * dx, y + 3 * dy)
                guard nx >= 0, ny >= 0, nx < w, ny < h, ink.binary[ny * w + nx] == 0,
                      ox >= 0, oy >= 0, ox < w, oy < h, ink.binary[oy * w + ox] == 0 else { continue }
                edge[side] += 1
                let paper = Double(ink.paper[y * w + x])
                if paper - grey(oy * w + ox) >= 0.75 * (paper - grey(y * w + x)) { seamless[side] += 1 }
            }
        }
    }
    let (allEdge, allSeamless) = (edge.reduce(0, +), seamless.reduce(0, +))
    if allEdge > 0 && 20 * allSeamless >= 9 * allEdge { return true }
    // A thin upright piece of a sheet's edge (2.5 times as tall as wide or more), the desk
    // dark beside it: one long side goes on into the desk along 70% of it or more (77–100% on
    // a reviewer's photos, where it read as a 1; their digits' sides 0–5%).
    guard 5 * box.width <= 2 * box.height else { return false }
    return (0...1).contains { side in edge[side] >= 10 && 10 * seamless[side] >= 7 * edge[side] }
}

/// The darkest ink level under a crop's mask (`levels`: the ink map's, `width` wide).
func peakInk(_ crop: Crop, levels: [UInt8], width: Int) -> UInt8 {
    var peak: UInt8 = 0
    for y in 0..<crop.box.height {
        for x in 0..<crop.box.width where crop.mask[y * crop.box.width + x] != 0 {
            peak = Swift.max(peak, levels[(y + crop.box.y) * width + x + crop.box.x])
        }
    }
    return peak
}

/// The candidates but the faint marks standing alone: a candidate whose darkest ink
/// (`peakInk`) is under `fraction` of the median candidate's, with no other candidate of
/// writing's darkness within `digitHeight` of its box. Such a mark beside a page's writing is
/// no writing: the band a shadowed page's edge leaves against a lighter desk (69 against the
/// digits' 192), read as a 1. A faint digit among others (a light-blue or pencil digit in a
/// number, a thin 1 whose peak the ink map lowers more than the others') is writing: a
/// reviewer's 1,993 pictures lost 33 such digits when every faint candidate was dropped.
/// All are kept when fewer than three (no typical darkness to judge by).
func droppingFaintMarks(_ crops: [Crop], levels: [UInt8], width: Int, fraction: Double, digitHeight: Double) -> [Crop] {
    guard crops.count >= 3 else { return crops }
    let peaks = crops.map { Double(peakInk($0, levels: levels, width: width)) }
    let typical = peaks.sorted()[peaks.count / 2]
    let faint = peaks.map { $0 < fraction * typical }
    func near(_ a: Box, _ b: Box) -> Bool {
        let gaps = a.gaps(to: b)
        return Double(Swift.max(gaps.x, gaps.y)) <= digitHeight
    }
    return crops.indices.filter { i in
        !faint[i] || crops.indices.contains { j in j != i && !faint[j] && near(crops[i].box, crops[j].box) }
    }.map { crops[$0] }
}

/// Whether the ink in `box` fills most (60%) of the rectangle its own spread spans, at any
/// angle and length: a strip of a sheet's edge, a short dash of one, a 1 do; a 4, 7 or 9,
/// strokes with paper between them, do not. A solid L x W rectangle has variances L²/12 and
/// W²/12 along and across its axis, so its area is 12 times the square root of their product.
func isSolidBand(_ box: Box, in ink: InkMap) -> Bool {
    guard let (n, along, across) = principalVariances(of: ink.binary, width: ink.width, height: ink.height, in: box) else { return false }
    // A pixel-wide line has no spread across; it counts a pixel wide.
    let spanned = 12 * (along * Swift.max(across, 1.0 / 12)).squareRoot()
    return n >= 0.6 * spanned
}

/// The inked pixels of `pixels` (`width x height`) within `box`: how many, and the variances
/// of their positions along and across their main axis (the eigenvalues of their 2x2
/// covariance). Nil for fewer than two.
func principalVariances(of pixels: [UInt8], width: Int, height: Int, in box: Box) -> (count: Double, along: Double, across: Double)? {
    principalAxes(of: pixels, width: width, height: height, in: box).map { ($0.count, $0.along, $0.across) }
}

/// The spread of a mark's inked pixels: how many, their centroid, the variances of their
/// positions along and across their main axis, and that axis's angle (radians from the x axis).
struct PrincipalAxes {
    let count, centreX, centreY, along, across, angle: Double
}

/// `PrincipalAxes` of the inked pixels of `pixels` (`width x height`) within `box`, the
/// centroid in `pixels`' coordinates; nil for fewer than two.
func principalAxes(of pixels: [UInt8], width: Int, height: Int, in box: Box) -> PrincipalAxes? {
    var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
    for y in Swift.max(0, box.y)..<Swift.min(height, box.maxY) {
        for x in Swift.max(0, box.x)..<Swift.min(width, box.maxX) where pixels[y * width + x] != 0 {
            let fx = Double(x), fy = Double(y)
            n += 1; sx += fx; sy += fy; sxx += fx * fx; syy += fy * fy; sxy += fx * fy
        }
    }
    guard n > 1 else { return nil }
    let mx = sx / n, my = sy / n
    let vx = sxx / n - mx * mx, vy = syy / n - my * my, cxy = sxy / n - mx * my
    let mean = (vx + vy) / 2, spread = ((vx - vy) * (vx - vy) / 4 + cxy * cxy).squareRoot()
    return PrincipalAxes(count: n, centreX: mx, centreY: my, along: mean + spread, across: Swift.max(0, mean - spread),
                         angle: 0.5 * atan2(2 * cxy, vx - vy))
}

/// Whether a candidate is a printed bar (a form's bold border cut short by the crop) rather
/// than a bold 1: bar-shaped (its short side at most 0.4 of its long side), solid (ink fills
/// 80% of its box) and drawn with a stroke over twice the page's `typicalStroke`. A writer,
/// or the generated mix of MNIST writers, draws a bold 1 no thicker than that unless slanted,
/// which leaves its box half empty; a bold digit blurred into a blob is no bar.
func isPrintedBar(_ crop: Crop, stroke: Double, typicalStroke: Double) -> Bool {
    let short = Swift.min(crop.box.width, crop.box.height), long = Swift.max(crop.box.width, crop.box.height)
    guard !crop.mask.isEmpty, stroke > 2 * typicalStroke, Double(short) <= 0.4 * Double(long) else { return false }
    let ink = countNonZero(crop.mask)
    return Double(ink) >= 0.8 * Double(crop.mask.count)
}

/// Whether a candidate drawn far thinner than the writing (its `stroke` under 0.45 of the
/// page's `typicalStroke`) is a leftover, not a pen stroke:
/// - on a page whose lines were erased (`erasedLines`), what a printed line left: one
///   straight stroke that continues an erased line (a box side's stretch between its erased
///   parts), or ink that lies along erased ink for 30% of its own (a box's corner; the edges of
///   a line too thick to be erased whole); a thin 1 standing on a rule is writing;
/// - elsewhere, a sliver hugging a digit (a broken stroke's thin edge, within 0.08 of a digit
///   height of it, 2 pixels at least) or a thin mark in line with no candidate (a speck of
///   texture): in line means overlapping another candidate by half the shorter's height,
///   at most 1.5 digit heights from it.
/// Any other thin candidate is writing in another pen or a quicker stroke of the same one.
/// All of them had been dropped as creases, which lost a digit written lighter than its
/// neighbours (a reviewer's 400 pictures: 59.0% → 68.5% exact); creases and page edges go by
/// their own rules (`isLongStraightLine`, `isPageEdge`).
func isThinLeftover(_ crop: Crop, stroke: Double, typicalStroke: Double, erasedLines: ErasedInk?,
                    among candidates: [Crop], digitHeight h: Double) -> Bool {
    guard stroke < 0.45 * typicalStroke else { return false }
    let f = crop.box
    guard let erasedLines else {
        var inLine = false
        for other in candidates where other.box != f {
            let b = other.box
            let overlap = Swift.min(f.maxY, b.maxY) - Swift.max(f.y, b.y)
            guard Double(overlap) >= 0.5 * Double(Swift.min(f.height, b.height)) else { continue }
            let gap = Swift.max(b.x - f.maxX, f.x - b.maxX)
            if Double(gap) < Swift.max(2, 0.08 * h) { return true }
            if Double(gap) <= 1.5 * h { inLine = true }
        }
        return !inLine
    }
    if let (_, along, across) = principalVariances(of: crop.mask, width: f.width, height: f.height, in: Box(x: 0, y: 0, width: f.width, height: f.height)),
       across.squareRoot() < 0.12 * along.squareRoot(), erasedLines.continuesBeyondAnEnd(crop) {
        return true
    }
    return erasedLines.fractionBeside(crop, within: 2) >= 0.3
}

/// Whether a candidate is a frame drawn round another: a ring or box round a digit (a circled
/// answer, boxes drawn by hand) holds a candidate of at least 0.3 of its height wholly inside
/// its box, clear of its sides, which no digit does (a 0's hole holds no mark that size); it
/// read as a 0. (A frame under 1.25 digit heights is joined with the digit inside as pieces of
/// one digit, `mergePieces`, and read with it.)
func isFrame(_ crop: Crop, around candidates: [Crop]) -> Bool {
    let outer = crop.box
    return candidates.contains {
        let inner = $0.box
        return inner.x > outer.x && inner.y > outer.y && inner.maxX < outer.maxX && inner.maxY < outer.maxY
            && Double(inner.height) >= 0.3 * Double(outer.height)
    }
}

/// The candidates (indices into `crops`) that are dashes of one long straight line: a page's
/// edge on a desk nearly as light as the paper, or a crease, which the threshold broke into
/// pieces each too short for `isLongStraightLine`, and each read as a 1 (a sheet on a pale
/// desk read as twenty 1s round its number). A dash is one straight stroke (3 times as long
/// as it is thick, or more); three or more dashes lie on one line when each pair's directions
/// agree within 6° and each lies within 0.06 of a digit height of the line through the others'
/// ends (or the chain of such pairs), and together they span 4 digit heights and run on a
/// digit height beyond the other candidates at both ends, seen along the line. A column of 1s
/// written upright is as straight, but it is the writing's own extent (with no other writing,
/// or the rest of its numbers beside it), where a sheet's edge runs on past the writing.
func dashesOfOneLine(_ crops: [Crop], digitHeight h: Double) -> Set<Int> {
    struct Dash { let index: Int; let cx, cy, ux, uy, length: Double }
    var dashes = [Dash]()
    for (index, crop) in crops.enumerated() {
        let b = crop.box
        guard let axes = principalAxes(of: crop.mask, width: b.width, height: b.height, in: Box(x: 0, y: 0, width: b.width, height: b.height)) else { continue }
        let length = (12 * axes.along).squareRoot(), thickness = (12 * Swift.max(axes.across, 1.0 / 12)).squareRoot()
        guard length >= 3 * thickness else { continue }
        dashes.append(Dash(index: index, cx: Double(b.x) + axes.centreX, cy: Double(b.y) + axes.centreY,
                           ux: cos(axes.angle), uy: sin(axes.angle), length: length))
    }
    guard dashes.count >= 3 else { return [] }
    // Join every two dashes on one line (union-find), then keep the groups long enough.
    var parent = Array(dashes.indices)
    func root(_ i: Int) -> Int { var r = i; while parent[r] != r { r = parent[r] }; return r }
    let tolerance = Swift.max(2, 0.06 * h), agreement = cos(6 * Double.pi / 180)
    for i in dashes.indices {
        for j in dashes.indices where j > i {
            let a = dashes[i], b = dashes[j]
            guard abs(a.ux * b.ux + a.uy * b.uy) >= agreement else { continue }
            // Each centre within the tolerance of the other's line.
            let offB = abs((b.cx - a.cx) * a.uy - (b.cy - a.cy) * a.ux), offA = abs((a.cx - b.cx) * b.uy - (a.cy - b.cy) * b.ux)
            if offA <= tolerance && offB <= tolerance { parent[root(j)] = root(i) }
        }
    }
    var groups = [Int: [Dash]]()
    for i in dashes.indices { groups[root(i), default: []].append(dashes[i]) }
    // The long lines: three dashes or more, spanning 4 digit heights.
    var lines = [(dashes: [Dash], start: Double, end: Double)]()
    for group in groups.values where group.count >= 3 {
        let first = group[0]
        let positions = group.flatMap { d -> [Double] in
            let t = (d.cx - first.cx) * first.ux + (d.cy - first.cy) * first.uy
            return [t - d.length / 2, t + d.length / 2]
        }
        if positions.max()! - positions.min()! >= 4 * h { lines.append((group, positions.min()!, positions.max()!)) }
    }
    // The writing beside a line, seen along it, must end a digit height inside both of its
    // ends: a sheet's edge runs on past the writing; a column of 1s (alone, or with the rest of
    // its numbers beside it) is the writing's own extent.
    let onLines = Set(lines.flatMap { $0.dashes.map(\.index) })
    let writing = crops.indices.filter { !onLines.contains($0) }.map { crops[$0].box }
    var lined = Set<Int>()
    for line in lines {
        let first = line.dashes[0]
        func along(_ x: Int, _ y: Int) -> Double { (Double(x) - first.cx) * first.ux + (Double(y) - first.cy) * first.uy }
        let extent = writing.flatMap { [along($0.x, $0.y), along($0.maxX, $0.y), along($0.x, $0.maxY), along($0.maxX, $0.maxY)] }
        guard let low = extent.min(), let high = extent.max(), low >= line.start + h, high <= line.end - h else { continue }
        lined.formUnion(line.dashes.map(\.index))
    }
    return lined
}

/// Whether a crop is a short thin sliver standing alone: under 0.6 of the digit height, at
/// most a quarter as wide as tall, with no other candidate in line with it (overlapping its
/// rows by half the shorter's height) within 1.5 digit heights. Pieces of a squared page's
/// grid lines left beside a pencil page's writing read as 1s of lines of their own ("1 1 73
/// 383 …"); a written 1 is about as tall as the digits, and a short one stands among them.
func isShortLoneSliver(_ crop: Crop, among candidates: [Crop], digitHeight h: Double) -> Bool {
    let f = crop.box
    guard Double(f.height) < 0.6 * h, 4 * f.width <= f.height else { return false }
    for other in candidates where other.box != f {
        let b = other.box
        let overlap = Swift.min(f.maxY, b.maxY) - Swift.max(f.y, b.y)
        guard Double(overlap) >= 0.5 * Double(Swift.min(f.height, b.height)) else { continue }
        if Double(Swift.max(b.x - f.maxX, f.x - b.maxX)) <= 1.5 * h { return false }
    }
    return true
}
