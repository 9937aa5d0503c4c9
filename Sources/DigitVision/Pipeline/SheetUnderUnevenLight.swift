import Foundation

/// Step 3, a second look for the sheet: a sheet lit unevenly (a lamp to one side, light
/// falling off toward a corner) is brighter than the desk beside it everywhere, but its dim
/// side can be darker than the desk's lit side. Otsu's one level for the whole photo then cuts
/// the sheet's dim corner off, or lets a light wood's bright grain in, and the region left is
/// no sheet's outline: a 12-megapixel photo of squared paper on wood, a small number in its
/// middle, was read as the desk's grain (40 digits of it) for want of the sheet.
///
/// Here the level follows the light: Otsu's level is found in each tile of a grid where the
/// tile holds two well-apart sides (the sheet's edge against the desk), carried over to the
/// tiles that hold one side only from their neighbours, and interpolated between the tiles'
/// centres. Tried only when the photo's one level finds no sheet, and kept only when it does
/// (with the same checks: a sharp outline, seen against the desk).
///
/// Paper close to the desk's grey (cream paper on a grey desk) stands under 25 levels from it
/// in most tiles, and the level carried into them from the few that count lets the desk's lit
/// side in. When that finds no sheet, tiles 18 levels apart count too; the outline found so
/// cuts off the dim corners the level leaves out, and is kept only once its sides are moved
/// onto the sheet's edges (`snappedToTheSheetsEdges`) and each is sharp: a reviewer's ruled
/// page on a grey desk under a lamp, read as rows of 1s for want of the sheet, reads whole.

/// Otsu's split of each tile of `blurred` on a `tiles x tiles` grid, row by row, with the
/// step between the means of its two sides; nil for a tile whose darker or brighter side is
/// under a twentieth of it. (A tenth left out the tiles a sheet's corner just enters: 2 of
/// `Benchmarks/regression.sh`'s pictures and 3 of the reviewer's read worse.)
func tileSplits(_ blurred: Image, tiles: Int) -> [(level: Double, step: Double)?] {
    let w = blurred.width, h = blurred.height
    guard w >= 4 * tiles, h >= 4 * tiles else { return [] }
    let pixels = blurred.pixels
    // All tiles' histograms in one pass, side by side in one buffer (256 counts a tile).
    var histograms = [Int](repeating: 0, count: tiles * tiles * 256)
    let tileOfColumn = (0..<w).map { $0 * tiles / w * 256 }
    pixels.withUnsafeBufferPointer { p in
        histograms.withUnsafeMutableBufferPointer { counts in
            for y in 0..<h {
                let row = y * tiles / h * tiles * 256
                for x in 0..<w { counts[row + tileOfColumn[x] + Int(p[y * w + x])] += 1 }
            }
        }
    }
    return (0..<tiles * tiles).map { tile in
        let histogram = Array(histograms[tile * 256..<(tile + 1) * 256])
        let level = otsuLevel(histogram)
        let below = histogram[...level], above = histogram[(level + 1)...]
        let countBelow = below.reduce(0, +), countAbove = above.reduce(0, +), total = countBelow + countAbove
        guard countBelow * 20 >= total, countAbove * 20 >= total else { return nil }
        let meanBelow = Double(zip(below.indices, below).reduce(0) { $0 + $1.0 * $1.1 }) / Double(countBelow)
        let meanAbove = Double(zip(above.indices, above).reduce(0) { $0 + $1.0 * $1.1 }) / Double(countAbove)
        return (Double(level), meanAbove - meanBelow)
    }
}

/// The bright side of `blurred` (paper 255, desk 0) cut at a level that follows the light
/// across the grid of `splits` (`tileSplits`): the levels of the tiles whose two sides stand
/// `leastStep` grey levels apart or more, carried over to the others; nil when no tile's do.
func brightSideFollowingTheLight(_ blurred: Image, splits: [(level: Double, step: Double)?], leastStep: Double) throws -> Image? {
    let w = blurred.width, h = blurred.height
    let tiles = Int(Double(splits.count).squareRoot())
    guard tiles > 0, tiles * tiles == splits.count else { return nil }
    let pixels = blurred.pixels
    let levels = splits.map { split in split.flatMap { $0.step >= leastStep ? $0.level : nil } }
    guard levels.contains(where: { $0 != nil }) else { return nil }
    // Tiles of one side take the mean level of their nearest tiles that have one (rings of
    // growing distance on the grid).
    var filled = [Double](repeating: 0, count: tiles * tiles)
    for ty in 0..<tiles {
        for tx in 0..<tiles {
            if let level = levels[ty * tiles + tx] { filled[ty * tiles + tx] = level; continue }
            for distance in 1..<tiles {
                let near = (Swift.max(0, ty - distance)...Swift.min(tiles - 1, ty + distance)).flatMap { y in
                    (Swift.max(0, tx - distance)...Swift.min(tiles - 1, tx + distance)).compactMap { x in
                        Swift.max(abs(x - tx), abs(y - ty)) == distance ? levels[y * tiles + x] : nil
                    }
                }
                if !near.isEmpty { filled[ty * tiles + tx] = near.reduce(0, +) / Double(near.count); break }
            }
        }
    }
    // Bilinear between the tiles' centres, held flat beyond the outer ones: each column's two
    // tiles and weight found once, each row's levels once.
    func cell(_ position: Int, _ size: Int) -> (low: Int, high: Int, weight: Double) {
        let g = Swift.min(Swift.max((Double(position) + 0.5) * Double(tiles) / Double(size) - 0.5, 0), Double(tiles - 1))
        let low = Swift.min(Int(g), tiles - 1), high = Swift.min(low + 1, tiles - 1)
        return (low, high, g - Double(low))
    }
    let columns = (0..<w).map { cell($0, w) }
    var bright = [UInt8](repeating: 0, count: w * h)
    var rowLevels = [Double](repeating: 0, count: tiles)
    for y in 0..<h {
        let (top, bottom, fy) = cell(y, h)
        for t in 0..<tiles { rowLevels[t] = filled[top * tiles + t] * (1 - fy) + filled[bottom * tiles + t] * fy }
        for x in 0..<w {
            let c = columns[x]
            if Double(pixels[y * w + x]) > rowLevels[c.low] * (1 - c.weight) + rowLevels[c.high] * c.weight { bright[y * w + x] = 255 }
        }
    }
    return try Image(width: w, height: h, channels: 1, pixels: bright)
}

/// A quadrilateral found in a level that follows the light has the sheet's outline only
/// roughly: where the light falls off toward a corner, the dim paper there falls under the
/// level and the outline cuts the corner off (a page on a pale wall lost its first two lines
/// of writing to such a cut). Each side is moved onto the sheet's edge in `blurred`: at
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
    var corners = [Point]()
    for i in 0..<4 {
        // Corner i is where side i - 1 (ending at it) meets side i (starting at it).
        let p = lines[(i + 3) % 4], q = lines[i]
        let det = p.dx * q.dy - p.dy * q.dx
        guard abs(det) > 1e-6 else { return nil }
        let s = ((q.px - p.px) * q.dy - (q.py - p.py) * q.dx) / det
        corners.append(Point(x: Int((p.px + s * p.dx).rounded()), y: Int((p.py + s * p.dy).rounded())))
    }
    return isConvex(corners) ? corners : nil
}

/// The weakest of a quadrilateral's sides in `gray`: the least, over its sides, of the median
/// grey step over 16 pixels across the side (`stepsAcrossSides`; a side with fewer than 4
/// points inside the picture does not count). A side that runs through the paper instead of
/// along its edge has next to none.
func weakestSideStep(_ quad: [Point], in gray: Image) -> Double {
    stepsAcrossSides(quad, in: gray).filter { $0.count >= 4 }.map { side in side.map(\.wide).sorted()[side.count / 2] }.min() ?? .infinity
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
