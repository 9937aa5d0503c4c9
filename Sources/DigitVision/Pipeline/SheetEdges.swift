import Foundation

/// Step 3: a sheet's outline found roughly (by a level that leaves its dim corners out, or
/// from the frame's sides) moved onto its edges, and how sharp its weakest side is
/// (SheetUnderUnevenLight.swift, SheetFillingTheFrame.swift).

/// A quadrilateral found in a level that follows the light has the sheet's outline only
/// roughly: where the light falls off toward a corner, the dim paper there falls under the
/// level and the outline cuts the corner off (a page on a pale wall lost its first two lines
/// of writing to such a cut); the frame's own rectangle is the roughest outline of a sheet
/// that fills most of it (`sheetFillingTheFrame`). Each side is moved onto the sheet's edge in `blurred`: at
/// points along it, the steepest step from the bright inside to the dark outside within
/// `reach` of the side's length along its normal (the grey 3 pixels inside less the brighter
/// of 3 and 9 pixels outside: the desk goes on beyond the sheet's edge, while the paper comes
/// back beyond a ruled line or a stroke); the straight line through most of those points (every pair tried,
/// within 1.5 pixels, then fitted to the points near it); corners where the lines meet. Nil
/// when a side's points lie on no such line, or the corners make no convex quadrilateral.
func snappedToTheSheetsEdges(_ quad: [Point], in blurred: Image, reach: Double = 0.15, leastStep: Double = 8) -> [Point]? {
    guard quad.count == 4 else { return nil }
    let grey = greySampler(blurred)
    let (cx, cy) = vertexCentre(quad)
    var lines = [(px: Double, py: Double, dx: Double, dy: Double)]()
    for i in 0..<4 {
        let a = quad[i], b = quad[(i + 1) % 4]
        let dx = Double(b.x - a.x), dy = Double(b.y - a.y), length = hypot(dx, dy)
        guard length >= 20 else { return nil }
        var nx = dy / length, ny = -dx / length
        if nx * ((Double(a.x + b.x) / 2) - cx) + ny * ((Double(a.y + b.y) / 2) - cy) < 0 { nx = -nx; ny = -ny }
        let r = Int(reach * length)
        var points = [(x: Double, y: Double)]()
        for k in 2...18 {
            let t = Double(k) / 20, x0 = Double(a.x) + t * dx, y0 = Double(a.y) + t * dy
            var best: (d: Int, step: Double)?
            for d in -r...r {
                let x = x0 + Double(d) * nx, y = y0 + Double(d) * ny
                guard let inside = grey(x - 3 * nx, y - 3 * ny), let near = grey(x + 3 * nx, y + 3 * ny) else { continue }
                // Past the frame, the desk's band is taken to go on.
                let step = inside - Swift.max(near, grey(x + 9 * nx, y + 9 * ny) ?? near)
                if step > best?.step ?? leastStep { best = (d, step) }
            }
            if let best { points.append((x0 + Double(best.d) * nx, y0 + Double(best.d) * ny)) }
        }
        guard let line = straightLine(through: points, tolerance: 1.5), 2 * line.inliers >= 17 else { return nil }
        lines.append(line.line)
    }
    guard let corners = cornersWhereSidesMeet(lines) else { return nil }
    return isConvex(corners) ? corners : nil
}

/// The corners of the polygon whose sides lie along `lines` (a point on each and its
/// direction, of unit length), in order: corner i is where side i - 1 (ending at it) meets
/// side i (starting at it). Nil when two sides in a row are parallel.
func cornersWhereSidesMeet(_ lines: [(px: Double, py: Double, dx: Double, dy: Double)]) -> [Point]? {
    var corners = [Point]()
    for i in lines.indices {
        let p = lines[(i + lines.count - 1) % lines.count], q = lines[i]
        let det = p.dx * q.dy - p.dy * q.dx
        guard abs(det) > 1e-6 else { return nil }
        let s = ((q.px - p.px) * q.dy - (q.py - p.py) * q.dx) / det
        corners.append(Point(x: Int((p.px + s * p.dx).rounded()), y: Int((p.py + s * p.dy).rounded())))
    }
    return corners
}

/// `quad`, found in `small` (`blurred`, the same blurred), with its sides moved onto the
/// sheet's edges (`snappedToTheSheetsEdges`) when a side runs partly through the paper, its
/// grey step under half the sharpest side's, and every side snapped is sharp and the weakest
/// half as sharp again as before; else as it is. Paper mottled near the level that cuts it (a
/// shaded corner, a blotchy sheet) leaves the bright region's edge ragged there, and its
/// outline's corner is drawn in along a side through the paper: a reviewer's page lost the top
/// of its heading to such a side, whose step was 2 grey levels against the others' 20–24, and
/// read "263" as "5"; another's two sides, 0 and 2 against 71 and 114. (Sides all alike are
/// left: one moved onto a steeper edge beyond the sheet, a desk's against the floor, would take
/// the desk in.)
func withWeakSidesOnTheEdges(_ quad: [Point], small: Image, blurred: Image) -> [Point] {
    let steps = medianStepsAcrossSides(quad, in: small).sorted()
    guard steps.count == 4, steps[0] < 0.5 * steps[3], let snapped = snappedToTheSheetsEdges(quad, in: blurred),
          weakestSideStep(snapped, in: small) >= Swift.max(sharpSideStep, 1.5 * steps[0]) else { return quad }
    return snapped
}

/// The median grey step over 16 pixels across each side of a quadrilateral in `gray`
/// (`stepsAcrossSides`), of the sides with 4 points or more inside the picture.
func medianStepsAcrossSides(_ quad: [Point], in gray: Image) -> [Double] {
    stepsAcrossSides(quad, in: gray).filter { $0.count >= 4 }.map { side in side.map(\.wide).sorted()[side.count / 2] }
}

/// The least grey step over 16 pixels across each side of a sheet's outline that was found
/// roughly and snapped (`weakestSideStep`): the step `hasSharpOutline` asks of the median
/// sample of all sides.
let sharpSideStep = 12.0

/// The weakest of a quadrilateral's sides in `gray`: the least, over its sides, of the median
/// grey step over 16 pixels across the side (`stepsAcrossSides`; a side with fewer than 4
/// points inside the picture does not count). A side that runs through the paper instead of
/// along its edge has next to none.
func weakestSideStep(_ quad: [Point], in gray: Image) -> Double {
    medianStepsAcrossSides(quad, in: gray).min() ?? .infinity
}

/// The straight line through most of `points`: of the lines through every pair, the one with
/// the most points within `tolerance`, fitted again to those (their principal direction).
/// Nil for fewer than two points.
func straightLine(through points: [(x: Double, y: Double)], tolerance: Double) -> (line: (px: Double, py: Double, dx: Double, dy: Double), inliers: Int)? {
    guard points.count >= 2 else { return nil }
    var bestNear = [Int]()
    for i in points.indices {
        for j in points.indices where j > i {
            let dx = points[j].x - points[i].x, dy = points[j].y - points[i].y, length = hypot(dx, dy)
            guard length > 0 else { continue }
            let near = points.indices.filter { abs((points[$0].x - points[i].x) * dy - (points[$0].y - points[i].y) * dx) / length <= tolerance }
            if near.count > bestNear.count { bestNear = near }
        }
    }
    guard bestNear.count >= 2 else { return nil }
    let n = Double(bestNear.count)
    let mx = bestNear.reduce(0.0) { $0 + points[$1].x } / n, my = bestNear.reduce(0.0) { $0 + points[$1].y } / n
    var sxx = 0.0, syy = 0.0, sxy = 0.0
    for k in bestNear {
        let x = points[k].x - mx, y = points[k].y - my
        sxx += x * x; syy += y * y; sxy += x * y
    }
    let angle = 0.5 * atan2(2 * sxy, sxx - syy)
    return ((mx, my, cos(angle), sin(angle)), bestNear.count)
}
