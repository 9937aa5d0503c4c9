/// Step 4 for forms, at the picture's edges: what is left of a printed box the crop cut through.
///
/// A field cropped from a scanned form rarely ends on a box's side: the crop takes part of the
/// box beyond the first or last whole one. Whole boxes and cells are erased (`closedBoxSides`,
/// `eraseFormCells`, `eraseLines`), but the cut one has one upright side and the stubs of its
/// top and bottom lines running off the picture, "]" at the left edge or "[" at the right: no
/// box, no cell, too short for a rule, and it read as a "1" before or after the number (a
/// reviewer's 480 form crops: 50 of the 90 "1"s read where none was written). A thick bar
/// the crop cut across, top to bottom, read as a "1" too (`isBarAcrossTheCrop`).

/// Whether component `index` of `labels` is such a remnant, cut by the picture's left edge
/// (`atLeft`) or its right edge (the caller judges which it touches, within 2 pixels: a scan's
/// border may be a pixel or two of paper). It is at least 12 pixels tall and at most 1.2 times
/// as wide as tall, and is, in rows (columns counted from its side at the edge):
/// - the top stub: the first sixth of its rows (3 at least) inked, in one row or another (a
///   form turned a few degrees slants it), from the edge (within the side's thickness, below)
///   to the side, over 90% of that width;
/// - the bottom stub: the same in the last sixth;
/// - the side in between: every inked row's ink lies within `thickness` (a sixth of the height,
///   4 pixels at least, for a side a pixel or two aslant) of the component's far column, and
///   90% of those rows are inked.
/// A box cut within the side's thickness of its side is judged by `isNarrowRemnant`. A digit
/// written in the cut box and touching its side has ink away from the side and is kept whole.
func isCutBoxRemnant(_ labels: ComponentLabels, index: Int, atLeft: Bool) -> Bool {
    let c = labels.components[index], w = labels.width
    guard c.height >= 12, c.width * 5 <= c.height * 6 else { return false }
    let thickness = Swift.max(4, c.height / 6), stubRows = Swift.max(3, c.height / 6)
    let far = c.width - 1
    // Pixel `d` columns in from the component's side at the edge, in row `y` of its box.
    func at(_ d: Int, _ y: Int) -> Int { (c.y + y) * w + (atLeft ? c.x + d : c.x + c.width - 1 - d) }
    let label = Int32(index)
    // Each row's ink, as distances from the edge side: the nearest, the farthest and how many.
    let rows: [(nearest: Int, farthest: Int, count: Int)?] = labels.labels.withUnsafeBufferPointer { l in
        (0..<c.height).map { y in
            var nearest = -1, farthest = -1, count = 0
            for d in 0..<c.width where l[at(d, y)] == label {
                if nearest < 0 { nearest = d }
                farthest = d
                count += 1
            }
            return nearest < 0 ? nil : (nearest, farthest, count)
        }
    }
    if far < thickness + 2 { return isNarrowRemnant(rows, stubRows: stubRows) }
    // A stub may slant across a few rows (a form turned a few degrees): its columns are those
    // inked in any of the rows looked at.
    let columnsInked: (Range<Int>) -> [Bool] = { range in
        labels.labels.withUnsafeBufferPointer { l in
            (0..<c.width).map { d in range.contains { y in l[at(d, y)] == label } }
        }
    }
    func isStub(_ range: Range<Int>) -> Bool {
        let inked = columnsInked(range)
        guard let nearest = inked.firstIndex(of: true), let farthest = inked.lastIndex(of: true) else { return false }
        return nearest <= thickness && farthest >= far - thickness && inked.filter { $0 }.count * 10 >= 9 * (farthest - nearest + 1)
    }
    guard isStub(0..<stubRows), isStub((c.height - stubRows)..<c.height) else { return false }
    let side = rows[stubRows..<(c.height - stubRows)]
    let inked = side.compactMap { $0 }
    return inked.count * 10 >= 9 * side.count && inked.allSatisfy { $0.nearest >= far - thickness }
}

/// `isCutBoxRemnant` for a box cut a few pixels beyond its side, `rows` its rows' ink (nearest
/// and farthest column from the edge, and how many are inked): "]" with feet a few pixels long.
/// Its side is straight, as printed: every row between the first and last `stubRows` inked,
/// in one run on the same columns (each edge within a pixel of their medians), no wider than
/// a sixth of the height (2 pixels at least), and 2 pixels at least off the edge; and at each
/// end a row runs solid from the edge (within a pixel) to the side. A "1" standing by the edge
/// leans, or has no foot reaching the edge at both ends.
func isNarrowRemnant(_ rows: [(nearest: Int, farthest: Int, count: Int)?], stubRows: Int) -> Bool {
    let height = rows.count
    guard height > 2 * stubRows else { return false }
    let middle = rows[stubRows..<(height - stubRows)].compactMap { $0 }
    guard !middle.isEmpty, middle.count * 10 >= 9 * (height - 2 * stubRows) else { return false }
    let nearest = middle.map(\.nearest).sorted()[middle.count / 2], farthest = middle.map(\.farthest).sorted()[middle.count / 2]
    guard nearest >= 2, farthest - nearest + 1 <= Swift.max(2, height / 6),
          middle.allSatisfy({ abs($0.nearest - nearest) <= 1 && abs($0.farthest - farthest) <= 1 && $0.count == $0.farthest - $0.nearest + 1 }) else { return false }
    func footReachesTheEdge(_ range: Range<Int>) -> Bool {
        range.contains { y in rows[y].map { $0.nearest <= 1 && $0.farthest >= nearest && $0.count == $0.farthest - $0.nearest + 1 } ?? false }
    }
    return footReachesTheEdge(0..<stubRows) && footReachesTheEdge((height - stubRows)..<height)
}

/// Whether an upright candidate is a printed bar the crop cut across (a form's thick border or
/// a margin band beside a field): solid (`isSolidBand`), three times as tall as wide, taller
/// than any digit (1.3 digit heights `h`), running the picture's whole height (within 2
/// pixels of its top and bottom) and standing in its outer fifth, left or right. A digit in
/// a tight crop may touch the top and bottom, but is no taller than the digits beside it: a
/// generated form crop's bar 3 pixels in from the edge, 79 tall beside digits 45 tall, read as
/// a 1 ("1904" for "904"). `box` is in `ink`'s pixels.
func isBarAcrossTheCrop(_ box: Box, in ink: InkMap, digitHeight h: Double) -> Bool {
    guard box.y <= 2, box.maxY >= ink.height - 2, box.height >= 3 * box.width, Double(box.height) >= 1.3 * h,
          5 * box.maxX <= ink.width || 5 * box.x >= 4 * ink.width else { return false }
    return isSolidBand(box, in: ink)
}
