/// Step 4 for boxed forms: a 1 written in a cell is no side of it.
///
/// An upright shorter than a rule is taken for a box's side where it ends within 3 pixels of
/// a rule (`meetsRule` in RuledLines.swift). A 1 written as one straight stroke in a form's
/// cell, nearly as tall as the cell, ends that close to the cell's top or bottom rule too, and
/// was erased with the sides: "15 09 1953" read "5 09 953", "18 03 2021" read "4 03 202" (a
/// reviewer's generated form crops). But a row of cells is printed evenly: its sides stand a
/// cell's width apart, and a 1 stands between two of them, off both.

/// For each of `sides` (upright runs taken for boxes' sides), whether it is a stroke written
/// in a cell instead. The runs are gathered into lines (runs in neighbouring columns whose
/// rows overlap by half the shorter's: a line drawn 2 or 3 pixels thick is several runs), and
/// the lines into rows of cells (lines whose rows overlap by half the shorter's). In a row of
/// 4 lines or more, a cell's width is the median distance between neighbouring lines. A line
/// is a written stroke when its neighbours on either side (those not taken for strokes) stand
/// a cell's width apart (within 20%), it stands a fifth of that or more off both, and it is
/// shorter than the row's lines are (by 3 pixels or more: a side runs from rule to rule, a
/// stroke written in the cell stops short of one at least); or, as long as they are (a 1
/// written from rule to rule), when its neighbours stand a cell's width apart within 10% and
/// it stands in the middle third between them ("4981" read "4 81"; a table's columns of
/// unequal widths seldom put a line of theirs there).
func strokesWrittenInCells(_ sides: [UprightRun]) -> [Bool] {
    func overlapByHalf(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> Bool {
        let overlap = Swift.min(a.upperBound, b.upperBound) - Swift.max(a.lowerBound, b.lowerBound) + 1
        return overlap * 2 >= Swift.min(a.count, b.count)
    }
    // Lines: indices of `sides`, their first and last column, their rows.
    var lines = [(members: [Int], first: Int, last: Int, rows: ClosedRange<Int>)]()
    for i in sides.indices.sorted(by: { sides[$0].x < sides[$1].x }) {
        let side = sides[i]
        if let j = lines.lastIndex(where: { $0.last >= side.x - 1 && overlapByHalf($0.rows, side.rows) }) {
            let rows = lines[j].rows
            lines[j].members.append(i)
            lines[j].last = side.x
            lines[j].rows = Swift.min(rows.lowerBound, side.rows.lowerBound)...Swift.max(rows.upperBound, side.rows.upperBound)
        } else {
            lines.append(([i], side.x, side.x, side.rows))
        }
    }
    // Rows of cells: indices of `lines`, left to right.
    var rowsOfCells = [[Int]]()
    for j in lines.indices {
        if let r = rowsOfCells.firstIndex(where: { overlapByHalf(lines[$0[0]].rows, lines[j].rows) }) {
            rowsOfCells[r].append(j)
        } else {
            rowsOfCells.append([j])
        }
    }
    var written = [Bool](repeating: false, count: sides.count)
    for row in rowsOfCells where row.count >= 4 {
        let centre = { (j: Int) in Double(lines[j].first + lines[j].last) / 2 }
        let gaps = zip(row, row.dropFirst()).map { centre($1) - centre($0) }.sorted()
        let cell = gaps[gaps.count / 2]
        let lengths = row.map { lines[$0].rows.count }.sorted()
        let usual = lengths[lengths.count / 2]
        guard cell > 0 else { continue }
        var left = row[0]
        for (k, j) in row.enumerated().dropFirst().dropLast() {
            let right = row[k + 1]
            let (l, x, r) = (centre(left), centre(j), centre(right))
            let between = abs((r - l) - cell) <= 0.2 * cell && Swift.min(x - l, r - x) >= 0.2 * cell
            // As long as the sides (a 1 from rule to rule), only well inside a cell of the row's width.
            let wellInside = abs((r - l) - cell) <= 0.1 * cell && Swift.min(x - l, r - x) >= 0.3 * cell
            if between && (lines[j].rows.count + 3 <= usual || wellInside) {
                for i in lines[j].members { written[i] = true }
            } else {
                left = j
            }
        }
    }
    return written
}
