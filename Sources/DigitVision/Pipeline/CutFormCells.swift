/// Step 4 for forms, at the picture's edges: what is left of a printed box the crop cut through.
///
/// A field cropped from a scanned form rarely ends on a box's side: the crop takes part of the
/// box beyond the first or last whole one. Whole boxes and cells are erased (`closedBoxSides`,
/// `eraseFormCells`, `eraseLines`), but the cut one has one upright side and the stubs of its
/// top and bottom lines running off the picture, "]" at the left edge or "[" at the right: no
/// box, no cell, too short for a rule, and it read as a "1" before or after the number (a
/// reviewer's 480 form crops: 50 of the 90 "1"s read where none was written).

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
/// The stubs reach at least 2 pixels beyond the side's band: a "1" standing against the edge
/// is all side. A digit written in the cut box and touching its side has ink away from the
/// side and is kept whole.
func isCutBoxRemnant(_ labels: ComponentLabels, index: Int, atLeft: Bool) -> Bool {
    let c = labels.components[index], w = labels.width
    guard c.height >= 12, c.width * 5 <= c.height * 6 else { return false }
    let thickness = Swift.max(4, c.height / 6), stubRows = Swift.max(3, c.height / 6)
    let far = c.width - 1
    guard far >= thickness + 2 else { return false }
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
