import Foundation

/// Step 3 when a shadow falls across the sheet and the desk alike (a phone or a hand between
/// the lamp and the page): Otsu's split of the photo keeps the lit part of the sheet only, a
/// quadrilateral one of whose sides is the shadow's edge, and the writing in the shade was cut
/// off with it (a page half in shade read as the one digit in its light).
///
/// A side is the shadow's edge, not the sheet's, when the step in grey across it goes on beyond
/// its ends, over the desk (`continuesAsAShadowEdge`): a sheet's own side ends at its corners.
/// The sheet is then looked for again with the shaded side of that line thresholded on its own
/// (`sheetAcrossTheShadow`), where the paper in shade is still far brighter than the desk in shade.

/// Whether the grey step across the side from `a` to `b` of a sheet found (brighter on the
/// sheet's side, `inward` being a point inside it) goes on along the line beyond both ends (or
/// the one end the picture has room beyond): the side of a lit part that is the sheet's own
/// goes on beyond an end only along the sheet's edge in the shade, and ends at the sheet's lit
/// corner. (A shadow that ends on the desk just past one end, a hand's, is not taken: with one
/// end enough, a second sheet or a notebook's other page in the shade beside the sheet was
/// joined to it.) Sampled from 4% to 30% of the picture's short side past the end, 10 pixels
/// each way across the line (a side found a few degrees off the shadow's edge, a lit part's
/// corner rounded off, still straddles it there), at least 10 samples in the picture, their
/// median step at least `shadowEdgeStep` grey levels (`PipelineParameters.shadowEdgeStep`) and
/// 70% of them over half that; on a dark desk, where a shadow's edge is a smaller step, a fifth
/// of the lit desk's grey will do when 90% of them are over half `shadowEdgeStep`.
func continuesAsAShadowEdge(_ a: Point, _ b: Point, inward: (x: Double, y: Double), in gray: Image, shadowEdgeStep: Double) -> Bool {
    let grey = greySampler(gray), w = gray.width, h = gray.height
    let dx = Double(b.x - a.x), dy = Double(b.y - a.y), length = hypot(dx, dy)
    guard length > 0 else { return false }
    let ux = dx / length, uy = dy / length
    var nx = -uy, ny = ux
    if nx * (inward.x - Double(a.x)) + ny * (inward.y - Double(a.y)) > 0 { nx = -nx; ny = -ny }   // pointing out of the sheet
    let short = Double(Swift.min(w, h)), spacing = Swift.max(1, short / 150)
    var measured = 0
    for (end, direction) in [(b, 1.0), (a, -1.0)] {
        var steps = [Double](), litLevels = [Double]()
        var t = 0.04 * short
        while t <= 0.3 * short {
            let px = Double(end.x) + direction * t * ux, py = Double(end.y) + direction * t * uy
            if let lit = grey(px - 10 * nx, py - 10 * ny), let shaded = grey(px + 10 * nx, py + 10 * ny) { steps.append(lit - shaded); litLevels.append(lit) }
            t += spacing
        }
        guard steps.count >= 10 else { continue }   // the picture ends there
        let median = steps.sorted()[steps.count / 2]
        let clear = steps.filter { $0 > shadowEdgeStep / 2 }.count
        // A shadow darkens by a share of the light: on a desk of grey 20 its edge is a step of 8.
        let litDesk = litLevels.sorted()[litLevels.count / 2]
        let darkDeskEdge = median >= 0.2 * litDesk && Double(clear) >= 0.9 * Double(steps.count)
        guard (median >= shadowEdgeStep || darkDeskEdge) && Double(clear) >= 0.7 * Double(steps.count) else { return false }
        measured += 1
    }
    return measured > 0
}

/// The sheet found again when its side from `quad[side]` to the next corner is a shadow's
/// edge: the picture beyond that line (the shade) is split by Otsu's threshold of its own
/// pixels; the bright parts there that meet the line (the paper in shade; not the desk in
/// light further off) are joined to the lit part (a convex polygon, four-sided but for a shadow
/// aslant), and their convex hull must be a quadrilateral that they fill to 85%, seen against
/// the desk, at least 15% larger (2% when the lit part is not four-sided: a shadow over a
/// small corner leaves a pentagon that is most of the sheet), and with no corner on the
/// picture's edge (a band of light across the desk beyond the sheet's own side would otherwise
/// be taken for paper, running out of the frame).
/// `blurred`: the picture the first outline was found in; `opening`: the least size of the
/// opening that cleans the bright parts (a thirtieth of the short side else, so that a strip of
/// lit desk along the shade does not join the paper). Nil when no such outline comes out: the
/// lit part is kept.
func sheetAcrossTheShadow(_ quad: [Point], side: Int, in blurred: Image, opening: Int) throws -> [Point]? {
    let w = blurred.width, h = blurred.height, pixels = blurred.pixels
    let a = quad[side], b = quad[(side + 1) % quad.count]
    let (cx, cy) = vertexCentre(quad)
    // Which side of the line a point lies on: negative beyond it, in the shade.
    func sideOfLine(_ x: Double, _ y: Double) -> Double { Double(b.x - a.x) * (y - Double(a.y)) - Double(b.y - a.y) * (x - Double(a.x)) }
    let sheetSign = sideOfLine(cx, cy) > 0 ? 1.0 : -1.0
    func isBeyond(_ x: Int, _ y: Int) -> Bool { sheetSign * sideOfLine(Double(x), Double(y)) < 0 }
    var histogram = [Int](repeating: 0, count: 256)
    for y in 0..<h { for x in 0..<w where isBeyond(x, y) { histogram[Int(pixels[y * w + x])] += 1 } }
    guard histogram.reduce(0, +) >= 100 else { return nil }
    let level = otsuLevel(histogram)
    var bright = [UInt8](repeating: 0, count: w * h)
    for y in 0..<h { for x in 0..<w where isBeyond(x, y) && Int(pixels[y * w + x]) > level { bright[y * w + x] = 255 } }
    let size = Swift.max(opening, Swift.min(w, h) / 30) | 1
    let labels = try Image(width: w, height: h, channels: 1, pixels: bright).morphology(.open, shape: .rectangle, width: size, height: size).connectedComponents()
    // The parts that meet the shadow's edge: found 3 pixels beyond it, at 40 points along it.
    let length = hypot(Double(b.x - a.x), Double(b.y - a.y))
    guard length > 0 else { return nil }
    var nx = Double(b.y - a.y) / length, ny = -Double(b.x - a.x) / length
    let mx = Double(a.x + b.x) / 2, my = Double(a.y + b.y) / 2
    if sheetSign * sideOfLine(mx + nx, my + ny) > 0 { nx = -nx; ny = -ny }   // into the shade
    var meeting = Set<Int32>()
    for k in 1..<40 {
        let t = Double(k) / 40
        let x = Int((Double(a.x) + t * Double(b.x - a.x) + 3 * nx).rounded()), y = Int((Double(a.y) + t * Double(b.y - a.y) + 3 * ny).rounded())
        if x >= 0, y >= 0, x < w, y < h, labels.labels[y * w + x] != 0 { meeting.insert(labels.labels[y * w + x]) }
    }
    guard !meeting.isEmpty else { return nil }
    // The hull of the lit quadrilateral and the ends of each row of those parts.
    var points = quad, joinedArea = polygonArea(quad)
    for label in meeting { joinedArea += Double(labels.components[Int(label)].area) }
    // Looked up by label for each pixel: an array, not the set.
    var isMeeting = [Bool](repeating: false, count: labels.components.count)
    for label in meeting { isMeeting[Int(label)] = true }
    for y in 0..<h {
        var first = -1, last = -1
        for x in 0..<w where isMeeting[Int(labels.labels[y * w + x])] {
            if first < 0 { first = x }
            last = x
        }
        if first >= 0 { points += [Point(x: first, y: y), Point(x: last, y: y)] }
    }
    let hull = convexHull(points)
    let polygon = try approximatePolygon(hull, epsilon: 0.02 * perimeter(hull))
    guard polygon.count == 4, isConvex(polygon), case let area = polygonArea(polygon),
          area >= (quad.count == 4 ? 1.15 : 1.02) * polygonArea(quad), area <= 0.92 * Double(w * h), joinedArea >= 0.85 * area,
          isSeenAgainstTheDesk(polygon, width: w, height: h), !reachesTheEdge(polygon, width: w, height: h) else { return nil }
    return polygon
}

/// The sheet found across the first side of `quad` that is a shadow's edge
/// (`continuesAsAShadowEdge`, by `shadowEdgeStep`; `sheetAcrossTheShadow`); nil when there is none.
func sheetAcrossAShadowEdge(_ quad: [Point], in blurred: Image, opening: Int, shadowEdgeStep: Double) throws -> [Point]? {
    let centre = vertexCentre(quad)
    for side in quad.indices
    where continuesAsAShadowEdge(quad[side], quad[(side + 1) % quad.count], inward: centre, in: blurred, shadowEdgeStep: shadowEdgeStep) {
        if let whole = try sheetAcrossTheShadow(quad, side: side, in: blurred, opening: opening) { return whole }
    }
    return nil
}

/// Whether a corner of `quad` lies on the picture's edge (within `isSeenAgainstTheDesk`'s margin).
func reachesTheEdge(_ quad: [Point], width: Int, height: Int) -> Bool {
    let margin = Swift.max(2, Swift.min(width, height) / 200)
    return quad.contains { $0.x <= margin || $0.y <= margin || $0.x >= width - 1 - margin || $0.y >= height - 1 - margin }
}

/// The bright side of `blurred` cut at a second, lower level: Otsu's split of the pixels under
/// its first split (`level`), when its two sides stand at least `leastStep` grey levels apart.
/// A round shadow (a hand's, a phone's) that bites into the sheet without crossing it leaves
/// the first split's bright side notched, no sheet's outline and no straight shadow's edge to
/// look across (`sheetAcrossAShadowEdge`); the paper in the shade is still far brighter than
/// the desk, and this split keeps it with the lit paper (a page on dark wood, its corner in a
/// hand's shadow: read as the wood grain's 1s). Nil when there is no such second split.
func brightSideWithItsShade(_ blurred: Image, under level: Double, leastStep: Double) throws -> Image? {
    var histogram = [Int](repeating: 0, count: 256)
    for v in blurred.pixels where Double(v) <= level { histogram[Int(v)] += 1 }
    let lower = otsuLevel(histogram)
    var below = 0, sumBelow = 0, above = 0, sumAbove = 0
    for (v, count) in histogram.enumerated() {
        if v <= lower { below += count; sumBelow += v * count } else { above += count; sumAbove += v * count }
    }
    guard below > 0, above > 0, Double(sumAbove) / Double(above) - Double(sumBelow) / Double(below) >= leastStep else { return nil }
    return try blurred.thresholded(at: Double(lower), invert: false)
}

/// The first lit part met in `findPage`'s cuts (`sheetQuad`) whose outline is four-sided, a
/// shade having bitten into a side and left every corner lit, and whose sides are a sheet's
/// by `sheetWithCornersInShade`'s checks (steep all along but where the shade is): taken when
/// no look finds a sheet (in the whiteness, on a coloured desk). A reviewer's pale yellow
/// sheet on orange wood, a hand's shade over its bottom side, was found by no look and read
/// as the grain's 2s and 1s. Last, because a sheet another look finds may have a four-sided
/// lit part too, its corners found better there (taken first, a notebook page read one more
/// digit wrong).
final class SheetWithASideInShade {
    var sheet: [Point]?
}

/// The sheet whose lit part `outline` (a convex polygon of four to six sides, in `small`) lost
/// a corner or two to a shade (or, four-sided, had a side bitten into): the lines of its four
/// steepest sides, each run on to where the next meets it. A phone's shadow over a corner of a
/// sheet on dark wood leaves paper at 25 grey beside wood at 28: no split tells that corner from the desk, no shadow's edge runs on
/// over the desk (`sheetAcrossAShadowEdge`), and the lit part alone, a pentagon, is no sheet;
/// the photo was read as the wood's grain. A side's steepness is the median grey step over 4
/// pixels across it (where steepest within 4 pixels of it): a sheet's edge against the desk is
/// as steep over 4 as over 16, a shade's rim either a small step or a soft one (5–11 where the
/// sheet's sides are 30–40 and 93–128), and it may be longer than the sheet's sides it cut
/// short. Taken when each side left out is under half as steep as every side kept, the corners
/// made lie in the picture (a sheet running out of the frame is not closed up), the
/// quadrilateral has a sheet's proportions, is seen against the desk, adds at most a quarter
/// to the lit part, and has a sharp outline (within 4 pixels; the stretches in the shade are
/// few of its samples) whose every side's step over 16 pixels is at least half the sharpest
/// side's: a glare spilling off a sheet's corner onto the desk also makes a pentagon, with two
/// soft sides, one of which would be kept. Nil otherwise.
func sheetWithCornersInShade(_ outline: [Point], small: Image) throws -> [Point]? {
    let n = outline.count
    guard (4...6).contains(n) else { return nil }
    // Each side's steepness; none for a side mostly outside the picture.
    let steps = stepsAcrossSides(outline, in: small, tolerance: 4).map { side in side.count >= 4 ? side.map(\.narrow).sorted()[side.count / 2] : 0 }
    let bySteepness = (0..<n).sorted { steps[$0] > steps[$1] }
    let kept = bySteepness.prefix(4).sorted(), left = bySteepness.dropFirst(4)
    guard let weakestKept = kept.map({ steps[$0] }).min(), left.allSatisfy({ steps[$0] < weakestKept / 2 }) else { return nil }
    let lines = kept.map { i in
        let a = outline[i], b = outline[(i + 1) % n]
        let dx = Double(b.x - a.x), dy = Double(b.y - a.y), length = hypot(dx, dy)
        return (px: Double(a.x), py: Double(a.y), dx: dx / length, dy: dy / length)
    }
    guard let quad = cornersWhereSidesMeet(lines),
          quad.allSatisfy({ $0.x >= 0 && $0.y >= 0 && $0.x < small.width && $0.y < small.height }) else { return nil }
    guard isConvex(quad), hasASheetsProportions(quad), isSeenAgainstTheDesk(quad, width: small.width, height: small.height),
          polygonArea(quad) <= 1.25 * polygonArea(outline), try hasSharpOutline(quad, in: small, tolerance: 4) else { return nil }
    let quadSteps = medianStepsAcrossSides(quad, in: small)
    guard quadSteps.count == 4, let weakest = quadSteps.min(), let sharpest = quadSteps.max(), weakest >= Swift.max(sharpSideStep, sharpest / 2) else { return nil }
    return quad
}
