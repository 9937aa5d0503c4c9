/// Step 4 for forms: the printed cells a digit is written in, one each ("[3][2][0][6]", or a
/// row of cells sharing their dividers), found by their shape alone. A cell's sides are
/// shorter than a rule (a rule is over twice as long as a digit is tall), and a digit that
/// crosses its box joins the box's ink to its own, so neither the rules nor the closed boxes
/// of `closedBoxSides` find them; left, a box reads as a "0" or joined to its digit as junk.
/// `eraseFormCells` erases them before the digits are measured (`segment`), keeping the
/// strokes that cross or touch them.

/// A straight upright run of ink: columns `columns` (the line's own; thickness their count),
/// rows `rows`.
struct UprightLine {
    var columns: ClosedRange<Int>
    var rows: ClosedRange<Int>
    var thickness: Int { columns.count }
}

/// One printed cell: its level sides' rows and its upright sides' columns.
struct FormCell: Equatable {
    var top: ClosedRange<Int>, bottom: ClosedRange<Int>
    var left: ClosedRange<Int>, right: ClosedRange<Int>
    /// Whether a digit is written in it (`occupied` in `formCells`).
    var occupied = true

    /// Whether `box` stands inside the cell: between its sides, and its middle row between
    /// its top and bottom lines.
    func holds(_ box: Box) -> Bool {
        box.x > left.upperBound && box.maxX <= right.lowerBound && spansMiddleRow(of: box)
    }

    /// Whether the middle row of `box` lies between the cell's top and bottom lines.
    func spansMiddleRow(of box: Box) -> Bool {
        top.lowerBound < box.y + box.height / 2 && box.y + box.height / 2 < bottom.upperBound
    }
}

/// Whether `box` stands in one of a form's `cells`, or in the middle half between two of
/// them in a row no more than a cell's width apart: the cell of a "1" from its top to its
/// bottom is found as none (the 1 splits it into two too narrow), but its sides are its
/// neighbours'. (Two narrow cells unfound between them share a side near neither.)
func standsInACell(_ box: Box, cells: [FormCell]) -> Bool {
    cells.contains { c in
        c.holds(box) || (box.x > c.right.upperBound && c.spansMiddleRow(of: box) && cells.contains { d in
            let gap = d.left.lowerBound - c.right.upperBound, centre = box.x + box.width / 2 - c.right.upperBound
            return box.maxX <= d.left.lowerBound && d.spansMiddleRow(of: box) && gap <= c.right.upperBound - c.left.lowerBound
                && 4 * centre >= gap && 4 * centre <= 3 * gap
        })
    }
}

/// Straight upright lines at least `minimumLength` rows long and at most `thickest` columns
/// thick: runs of ink in two columns at a time (a side printed within a pixel of upright steps
/// from one column to the next), gaps of one pixel bridged, joined across neighbouring columns
/// where they overlap by half the longer (a digit's stroke beside a side, shorter, is no part
/// of it).
func uprightLines(_ b: UnsafePointer<UInt8>, width w: Int, height h: Int, minimumLength: Int, thickest: Int) -> [UprightLine] {
    guard w >= 2, h >= minimumLength else { return [] }
    var runs = [(x: Int, rows: ClosedRange<Int>)]()
    var length = [Int](repeating: 0, count: w), gap = [Int](repeating: 0, count: w)
    // Blocks of 8 pairs blank in a row (the 9 pixels they cover), with no run going on in
    // them, are skipped whole: most of a page is blank.
    let blocks = (w - 1 + 7) / 8
    var running = [Bool](repeating: false, count: blocks)
    for y in 0...h {
        for block in 0..<blocks {
            let x0 = block * 8, x1 = Swift.min(x0 + 8, w - 1)
            if !running[block] && (y == h || (x0 + 9 <= w && UnsafeRawPointer(b + y * w + x0).loadUnaligned(as: UInt64.self) == 0 && b[y * w + x0 + 8] == 0)) { continue }
            var any = false
            for x in x0..<x1 {
                let inked = y < h && (b[y * w + x] != 0 || b[y * w + x + 1] != 0)
                if inked {
                    length[x] += gap[x] + 1
                    gap[x] = 0
                } else if length[x] > 0 {
                    gap[x] += 1
                    if gap[x] > 1 || y == h {
                        let last = y - gap[x]
                        if length[x] >= minimumLength { runs.append((x, (last - length[x] + 1)...last)) }
                        length[x] = 0
                        gap[x] = 0
                    }
                }
                any = any || length[x] > 0
            }
            running[block] = any
        }
    }
    // Runs arrive ordered by their last row; joined column by column.
    runs.sort { ($0.x, $0.rows.lowerBound) < ($1.x, $1.rows.lowerBound) }
    var lines = [(first: Int, last: Int, rows: ClosedRange<Int>)]()
    var open = [Int]()  // indices of lines whose last column is the previous one
    var column = -2
    var next = [Int]()
    for run in runs {
        if run.x != column {
            open = run.x == column + 1 ? next : []
            next = []
            column = run.x
        }
        let joined = open.first { i in
            let rows = lines[i].rows, overlap = Swift.min(rows.upperBound, run.rows.upperBound) - Swift.max(rows.lowerBound, run.rows.lowerBound) + 1
            return overlap * 2 >= Swift.max(rows.count, run.rows.count)
        }
        if let i = joined {
            let rows = lines[i].rows
            lines[i].last = run.x
            lines[i].rows = Swift.min(rows.lowerBound, run.rows.lowerBound)...Swift.max(rows.upperBound, run.rows.upperBound)
            open.removeAll { $0 == i }
            next.append(i)
        } else {
            lines.append((run.x, run.x, run.rows))
            next.append(lines.count - 1)
        }
    }
    // The line's own pairs of columns are those inked along 80% as many of its rows as the
    // most inked one (a digit's stroke along part of a side is not the side; one going on
    // beyond its end lengthens the line's rows), and the pairs widen a line by one: a line one
    // pixel wide at column c has runs in the pairs starting at c - 1 and c.
    return lines.flatMap { line -> [UprightLine] in
        let coverage = (line.first...line.last).map { x in line.rows.filter { y in b[y * w + x] != 0 || b[y * w + x + 1] != 0 }.count }
        let most = coverage.max() ?? 0
        let own = (line.first...line.last).filter { coverage[$0 - line.first] * 10 >= 8 * most }
        // Own pairs in separate runs are separate lines: two boxes' sides a few pixels apart.
        var runs = [ClosedRange<Int>]()
        for x in own {
            if let last = runs.last, last.upperBound == x - 1 { runs[runs.count - 1] = last.lowerBound...x } else { runs.append(x...x) }
        }
        return runs.compactMap { run in
            let columns = (run.lowerBound + 1)...Swift.max(run.lowerBound + 1, run.upperBound)
            guard columns.count <= thickest, columns.count * 3 <= line.rows.count else { return nil }
            return UprightLine(columns: columns, rows: line.rows)
        }
    }
}

/// The printed cells of a form in the binary image `b`: the candidates (`candidateCells`) that
/// make up a form's field (`cellsOfAField`).
func formCells(_ b: UnsafePointer<UInt8>, width w: Int, height h: Int, thickest: Int) -> [FormCell] {
    cellsOfAField(candidateCells(b, width: w, height: h, thickest: thickest), width: w, height: h)
}

/// Every cell a form might have in the binary image `b`: two upright lines (`uprightLines`, at least
/// 12 pixels long, up to `thickest` thick) overlapping along 60% of the shorter and 16 pixels or
/// more (a small font's loops are smaller than any form's cell), as far apart as half to 2.5 times
/// their overlap, joined at the top and at the bottom by a level line (ink in two rows at a time
/// over 92% of the width between them, within the overlap's outer third) no thicker than a sixth of
/// the cell's height (or 3 pixels); the sides no thinner than the lines by more than 2 pixels (or
/// half), reaching both lines (within 2 pixels) and not running on past either (graph paper), no
/// level line across the inside running on past both sides (a grid's rule), ink at the four
/// corners; the inside less than half inked (a solid patch is no cell). A "1" standing inside
/// its box, touching its top and bottom, splits the box into two narrower than half its
/// height, neither a cell.
func candidateCells(_ b: UnsafePointer<UInt8>, width w: Int, height h: Int, thickest: Int) -> [FormCell] {
    let uprights = uprightLines(b, width: w, height: h, minimumLength: 12, thickest: thickest).sorted { $0.columns.lowerBound < $1.columns.lowerBound }
    guard uprights.count >= 2 else { return [] }
    // Ink in row y or y + 1 at column x.
    func inkedPair(_ x: Int, _ y: Int) -> Bool { b[y * w + x] != 0 || (y + 1 < h && b[(y + 1) * w + x] != 0) }
    func covered(_ y: Int, _ columns: ClosedRange<Int>) -> Bool {
        var count = 0
        for x in columns where inkedPair(x, y) { count += 1 }
        return count * 100 >= 92 * columns.count
    }
    // The level line joining two sides among `rows`, searched from `start` inwards: rows
    // where ink covers the width, and the rows of that ink (the pairs widen it by one).
    func levelLine(from start: Int, inward step: Int, limit: Int, columns: ClosedRange<Int>) -> ClosedRange<Int>? {
        var y = start
        while (step > 0 ? y <= limit : y >= limit) && !(y >= 0 && y < h - 1 && covered(y, columns)) { y += step }
        guard step > 0 ? y <= limit : y >= limit else { return nil }
        var end = y
        while end + step >= 0 && end + step < h - 1 && covered(end + step, columns) { end += step }
        // The pairs widen the line by a row: its own rows are those inked over half the width.
        func ownRow(_ y: Int) -> Bool { columns.filter { b[y * w + $0] != 0 }.count * 2 >= columns.count }
        var first = Swift.min(y, end), last = Swift.min(h - 1, Swift.max(y, end) + 1)
        while first < last && !ownRow(first) { first += 1 }
        while last > first && !ownRow(last) { last -= 1 }
        return first...last
    }
    // Ink over 3% of the middle of a cell's inside (15% in from each side): a digit written in
    // it. A digit's loop is inked round its edge only.
    func occupied(rows: Range<Int>, columns: ClosedRange<Int>) -> Bool {
        let (dy, dx) = (rows.count * 15 / 100, columns.count * 15 / 100)
        let middleRows = (rows.lowerBound + dy)..<(rows.upperBound - dy), middleColumns = (columns.lowerBound + dx)...(columns.upperBound - dx)
        guard !middleRows.isEmpty, !middleColumns.isEmpty else { return false }
        var ink = 0
        for y in middleRows { for x in middleColumns where b[y * w + x] != 0 { ink += 1 } }
        return ink * 100 >= 3 * middleRows.count * middleColumns.count
    }
    var cells = [FormCell]()
    for (i, left) in uprights.enumerated() {
        for right in uprights[(i + 1)...] {
            let top = Swift.max(left.rows.lowerBound, right.rows.lowerBound), bottom = Swift.min(left.rows.upperBound, right.rows.upperBound)
            let height = bottom - top + 1
            guard height >= 16, height * 10 >= 6 * Swift.min(left.rows.count, right.rows.count) else { continue }
            let inside = (left.columns.upperBound + 1)...Swift.max(left.columns.upperBound + 1, right.columns.lowerBound - 1)
            if right.columns.lowerBound <= left.columns.upperBound + 1 || inside.count * 2 < height { continue }
            if inside.count * 2 > 5 * height { break }
            let third = height / 3
            guard let topLine = levelLine(from: top - 2, inward: 1, limit: top + third, columns: inside),
                  let bottomLine = levelLine(from: bottom + 1, inward: -1, limit: bottom - third, columns: inside),
                  topLine.upperBound < bottomLine.lowerBound else { continue }
            // Printed sides and lines are drawn with one pen: their thicknesses alike, and thin
            // beside the cell (a sixth of its height, or 3 pixels). A side may be thicker where
            // a digit's stroke runs along all of it (a 6 hugging its box): its own columns are
            // then the line's thickness of them inked most (the outer ones when alike).
            let lineThickness = Swift.max(topLine.count, bottomLine.count)
            guard lineThickness <= Swift.max(3, height / 6) else { continue }
            let slack = Swift.max(2, lineThickness / 2)
            guard [left, right].allSatisfy({ $0.thickness >= lineThickness - slack && $0.thickness <= 2 * lineThickness + slack }) else { continue }
            // Both sides reach both lines, and end there (within a quarter of the height): graph
            // paper's uprights run on across its rules, and a grid's square holds more rules
            // inside.
            guard [left, right].allSatisfy({ $0.rows.lowerBound <= topLine.upperBound + 2 && $0.rows.upperBound >= bottomLine.lowerBound - 2 }) else { continue }
            let beyond = Swift.max(4, height / 4)
            if [left, right].contains(where: { $0.rows.lowerBound < topLine.lowerBound - beyond || $0.rows.upperBound > bottomLine.upperBound + beyond }) { continue }
            // A level line across the inside is a grid's rule when it runs on past both sides
            // (3 pixels out, within a row; or the picture ends there): a bold 6's loop drawn
            // across its box stops at the sides.
            func runsOn(_ y: Int) -> Bool {
                [left.columns.lowerBound - 3, right.columns.upperBound + 3].allSatisfy { x in
                    x < 0 || x >= w || inkedPair(x, y) || (y > 0 && inkedPair(x, y - 1))
                }
            }
            if ((topLine.upperBound + 3)..<Swift.max(topLine.upperBound + 3, bottomLine.lowerBound - 3)).contains(where: { covered($0, inside) && runsOn($0) }) { continue }
            var ink = 0
            let rows = (topLine.upperBound + 1)..<bottomLine.lowerBound
            for y in rows { for x in inside where b[y * w + x] != 0 { ink += 1 } }
            guard ink * 2 < rows.count * inside.count else { continue }
            // Sharp corners: ink where each side meets each line (within a pixel), as a printed
            // box has; a bold "0" has straight sides and flat ends, but rounds its corners off.
            let sharp = [left.columns, right.columns].allSatisfy { columns in
                [topLine, bottomLine].allSatisfy { lineRows in
                    ((lineRows.lowerBound - 1)...(lineRows.upperBound + 1)).contains { y in
                        y >= 0 && y < h && ((columns.lowerBound - 1)...(columns.upperBound + 1)).contains { x in x >= 0 && x < w && b[y * w + x] != 0 }
                    }
                }
            }
            guard sharp else { continue }
            func ownColumns(_ side: UprightLine, outerFirst: Bool) -> ClosedRange<Int> {
                guard side.thickness > lineThickness + 1 else { return side.columns }
                let coverage = side.columns.map { x in rows.filter { b[$0 * w + x] != 0 }.count }
                let starts = Array(0...(coverage.count - lineThickness))
                let sums = starts.map { coverage[$0..<($0 + lineThickness)].reduce(0, +) }
                let best = (outerFirst ? starts : starts.reversed()).max { sums[$0] < sums[$1] }!
                return (side.columns.lowerBound + best)...(side.columns.lowerBound + best + lineThickness - 1)
            }
            cells.append(FormCell(top: topLine, bottom: bottomLine, left: ownColumns(left, outerFirst: true), right: ownColumns(right, outerFirst: false),
                                  occupied: occupied(rows: rows, columns: inside)))
        }
    }
    return cells
}

/// The candidate `cells` that are a form's field in a `width x height` picture: the narrowest
/// (a side is kept only as a side of a cell), at least 60% as tall as the tallest, inside no
/// other, holding a digit or blank beside one that does, and with another level with them
/// close beside (or filling the picture).
func cellsOfAField(_ cells: [FormCell], width w: Int, height h: Int) -> [FormCell] {
    // A digit's strokes can close a small "cell" with a box's side and top (a 4's stem and bar
    // under its box's top): a printed form's cells are alike in height, so cells under 60% as
    // tall as the tallest are none. Nor is a cell inside another's: a "0" drawn square in its
    // box.
    let tallest = cells.map { $0.bottom.upperBound - $0.top.lowerBound }.max() ?? 0
    func inside(_ c: FormCell, _ d: FormCell) -> Bool {
        d.left.upperBound < c.left.lowerBound && c.right.upperBound < d.right.lowerBound
            && d.top.upperBound < c.top.lowerBound && c.bottom.upperBound < d.bottom.lowerBound
    }
    // A cell is the narrowest: one spanning a divider shares a side with a narrower cell (a
    // "1" touching its box's top and bottom is a side only of cells across a divider).
    func widens(_ c: FormCell, _ d: FormCell) -> Bool {
        d != c && ((d.left == c.left && d.right.upperBound < c.right.upperBound) || (d.right == c.right && d.left.lowerBound > c.left.lowerBound))
    }
    let kept = cells.filter { c in !cells.contains { widens(c, $0) } }.filter { c in (c.bottom.upperBound - c.top.lowerBound) * 10 >= 6 * tallest && !cells.contains { inside(c, $0) } }
    // A digit's loop closed by straight strokes (a "9" drawn as a "q", an 8's flat-topped loop)
    // is empty inside; a form's cell holds its digit, or is a blank one beside such a cell in
    // the same row (sharing a side), which must go with it.
    var field = kept.filter(\.occupied)
    var blank = kept.filter { !$0.occupied }
    while let k = blank.firstIndex(where: { c in field.contains { [$0.left, $0.right].contains(c.left) || [$0.left, $0.right].contains(c.right) } }) {
        field.append(blank.remove(at: k))
    }
    // And a form's cells come in rows: another cell beside each (no further off than the
    // cell is wide), its lines level with its own (within 2 pixels and their thickness). A
    // digit's loop alone is no cell, nor are a "9" and an "8" in a row, unlike in size. A cell
    // alone is one when it fills the picture, half its height and 40% of its width: a crop of
    // one box of a form. Beside: its near side at or beyond this one's, or the two sharing
    // columns (a divider a digit's stroke runs down, thickened by it, is given to each cell as
    // other columns of it: "666" in boxes read as nothing).
    return field.filter { c in
        let width = c.right.upperBound - c.left.lowerBound
        if width * 10 >= 4 * w && (c.bottom.upperBound - c.top.lowerBound) * 2 >= h { return true }
        return field.contains { d in
            d != c && (d.left.upperBound >= c.right.lowerBound && d.left.lowerBound - c.right.upperBound <= width
                || d.right.lowerBound <= c.left.upperBound && c.left.lowerBound - d.right.upperBound <= width)
                && abs(d.top.lowerBound - c.top.lowerBound) <= 2 + c.top.count && abs(d.bottom.upperBound - c.bottom.upperBound) <= 2 + c.bottom.count
        }
    }
}

/// Erases the sides of the form's cells (`formCells`) from `binary` when it is a crop of a
/// field, but where a stroke crosses or touches a side: ink two pixels deep beyond either of
/// its edges keeps the side's pixels across there (a 6's loop resting on its box's bottom stays
/// closed; the stub of side it keeps is the stroke's own width). A single pixel beyond an edge
/// is the side's ragged edge and goes with it. Returns the cells erased (none when the
/// picture is no crop of a field).
@discardableResult
func eraseFormCells(_ binary: inout [UInt8], width w: Int, height h: Int) -> [FormCell] {
    let cells = binary.withUnsafeBufferPointer { formCells($0.baseAddress!, width: w, height: h, thickest: 12) }
    // Only a crop of a form's field: a row of cells level with each other across half the
    // picture's width, or a quarter of its height. On a whole form, printed titles and labels
    // beside its small fields, measured against the digits freed from their cells, were read
    // as digits (a reviewer's pages: "APPLICATION FORM" read "488616471048084").
    let fieldCrop = cells.contains { c in
        let row = cells.filter { abs($0.top.lowerBound - c.top.lowerBound) <= 2 + c.top.count }
        let left = row.map(\.left.lowerBound).min()!, right = row.map(\.right.upperBound).max()!
        return (right - left) * 2 >= w || (c.bottom.upperBound - c.top.lowerBound) * 4 >= h
    }
    guard fieldCrop else { return [] }
    let source = binary
    // The sides' own pixels: ink beyond a side that is another side (at a corner) is no stroke.
    var onSide = [Bool](repeating: false, count: w * h)
    for cell in cells {
        let across = cell.left.lowerBound...cell.right.upperBound, down = cell.top.lowerBound...cell.bottom.upperBound
        for y in cell.top.clamped(to: 0...(h - 1)) { for x in across { onSide[y * w + x] = true } }
        for y in cell.bottom.clamped(to: 0...(h - 1)) { for x in across { onSide[y * w + x] = true } }
        for y in down.clamped(to: 0...(h - 1)) { for x in cell.left { onSide[y * w + x] = true }; for x in cell.right { onSide[y * w + x] = true } }
    }
    // A side: `lines` (its rows for a level side, columns for an upright) along `span`.
    func erase(lines: ClosedRange<Int>, span: ClosedRange<Int>, level: Bool) {
        func index(_ line: Int, _ t: Int) -> Int? {
            let (x, y) = level ? (t, line) : (line, t)
            return x >= 0 && y >= 0 && x < w && y < h ? y * w + x : nil
        }
        func inked(_ line: Int, _ t: Int) -> Bool { index(line, t).map { source[$0] != 0 && !onSide[$0] } ?? false }
        for t in span {
            let stroke = (inked(lines.lowerBound - 1, t) && inked(lines.lowerBound - 2, t))
                || (inked(lines.upperBound + 1, t) && inked(lines.upperBound + 2, t))
            if stroke { continue }
            for line in (lines.lowerBound - 1)...(lines.upperBound + 1) { if let i = index(line, t) { binary[i] = 0 } }
        }
    }
    for cell in cells {
        let across = cell.left.lowerBound...cell.right.upperBound, down = cell.top.lowerBound...cell.bottom.upperBound
        erase(lines: cell.top, span: across, level: true)
        erase(lines: cell.bottom, span: across, level: true)
        erase(lines: cell.left, span: down, level: false)
        erase(lines: cell.right, span: down, level: false)
    }
    return cells
}
