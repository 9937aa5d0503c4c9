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
