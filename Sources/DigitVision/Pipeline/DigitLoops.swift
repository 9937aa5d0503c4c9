/// Step 5, the loops of a blob's ink, for cutting touching digits (TouchingDigits.swift): a
/// cut through the middle of a loop splits one digit (a 0, 6, 8 or 9), and a piece holding two
/// loops side by side is two digits.

/// A loop of a crop's ink: a hole (background no path joins to the crop's border), its
/// extent along the cut direction `u` (`SplitPlan`'s), first to last place, its rows, and
/// whether it fills its box (90% or more): a printed cell's inside, not a written loop.
struct InkLoop {
    let first: Int, last: Int
    let rows: ClosedRange<Int>
    let isRectangle: Bool
}

/// The loops of `crop` at least `leastHeight` rows tall and `leastWidth` places wide along `u`.
func inkLoops(_ crop: Crop, u: (Int, Int) -> Int, leastHeight: Double, leastWidth: Double = 0) -> [InkLoop] {
    let w = crop.box.width
    let (regions, holes) = holesInInk(of: crop)
    return holes.compactMap { hole in
        let c = regions.components[hole]
        guard Double(c.height) >= leastHeight else { return nil }
        var first = Int.max, last = Int.min
        for y in c.y..<(c.y + c.height) {
            for x in c.x..<(c.x + c.width) where regions.labels[y * w + x] == Int32(hole) {
                let at = u(x, y)
                first = Swift.min(first, at)
                last = Swift.max(last, at)
            }
        }
        return Double(last - first + 1) >= leastWidth
            ? InkLoop(first: first, last: last, rows: c.y...(c.y + c.height - 1), isRectangle: 10 * c.area >= 9 * c.width * c.height) : nil
    }
}

/// The neighbouring pairs of `loops` (in order along the cut) that stand side by side: their
/// extents along the cut overlap by less than a quarter of the narrower's, their rows by half
/// the shorter's or more, and each is half as wide as the widest loop or more. An 8's two
/// loops stand one above the other, overlapping whole along the cut, or half on a page turned
/// by 35° ("8" read "88" with half); tilted by 30°, they stand apart diagonally, their rows
/// apart. Two zeros written overlapping leave the lens where they cross between their loops,
/// narrower than either. The insides of a form's printed cells (rectangles) are none: a field
/// of two bold cells whose sides were not erased, cut in two, read as two sure 0s and hid the
/// faint digits in them.
func loopsSideBySide(_ loops: [InkLoop]) -> [(InkLoop, InkLoop)] {
    let widest = loops.map { $0.last - $0.first + 1 }.max() ?? 0
    let written = loops.filter { 2 * ($0.last - $0.first + 1) >= widest && !$0.isRectangle }.sorted { $0.first < $1.first }
    return zip(written, written.dropFirst()).filter { a, b in
        let overlap = Swift.min(a.last, b.last) - Swift.max(a.first, b.first) + 1
        let narrower = Swift.min(a.last - a.first, b.last - b.first) + 1
        let rowsShared = Swift.min(a.rows.upperBound, b.rows.upperBound) - Swift.max(a.rows.lowerBound, b.rows.lowerBound) + 1
        return 4 * overlap < narrower && 2 * rowsShared >= Swift.min(a.rows.count, b.rows.count)
    }
}

/// For each of `edges` (places along the cut direction `u`, as `SplitPlan` numbers them),
/// whether a cut there runs through the middle of a loop of `crop`'s ink: a hole at least
/// `SplitPlan.loopHeight` of the crop's height tall, reaching `SplitPlan.loopSide` of the
/// height or more past the cut on each side.
func cutsThroughALoop(_ crop: Crop, edges: [Int], u: (Int, Int) -> Int) -> [Bool] {
    let h = crop.box.height
    return cutsThroughALoop(inkLoops(crop, u: u, leastHeight: SplitPlan.loopHeight * Double(h)), edges: edges, height: h)
}

/// The same, given the crop's loops at least `SplitPlan.loopHeight` of its `height` tall
/// (`SplitPlan` finds them once for both uses).
func cutsThroughALoop(_ loops: [InkLoop], edges: [Int], height h: Int) -> [Bool] {
    let side = SplitPlan.loopSide * Double(h)
    return edges.map { edge in
        loops.contains { loop in Double(edge - loop.first) >= side && Double(loop.last + 1 - edge) >= side }
    }
}
