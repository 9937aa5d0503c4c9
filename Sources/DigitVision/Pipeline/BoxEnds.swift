/// Step 4: the end of a box drawn round a number (a cheque's amount box, a form's field),
/// where its two rules end at a side about as tall as the digits.
///
/// `removeStraightLines` erases the rules, and the sides when they are longer than an upright
/// rule must be (1.35 digit heights). A box only a little taller than its digits keeps its
/// sides; guilloche or a faint scan breaks them into pieces, so `removeSlantedBoxSides`, which
/// looks at whole pieces reaching from rule to rule, misses them too, and each side reads as a
/// sure 1 ("781 1" for "781-", "1 52 1" for "52.-").
///
/// What tells a side from a "1" written in the box: the box's two rules both end at it, on
/// the same side, and no rule goes on beyond it. A 1 written in the box, even from rule to
/// rule, has the rules running on past it on both sides; a digit crossing a rule breaks what
/// was erased of it, but the rule's ink goes on beyond the digit.

/// `binary` without the pieces standing in a box's end: the band of columns, `sideReach`
/// pixels either side, where two level rules erased from `inkBeforeLineRemoval` (runs of
/// erased ink at least `ruleLength` long, one 0.6 to 3 `digitHeight` below the other) end
/// within 3 pixels of each other in the same direction, with ink in that band before the
/// removal on at least 80% of the rows between them (a side, though broken), and no ink of
/// either rule in the `digitHeight` beyond its end (past a 3-pixel gap). Only pieces lying
/// wholly in that band, between the rules, are erased: a digit touching the side stays.
func removeBoxEnds(_ binary: inout [UInt8], inkBeforeLineRemoval before: [UInt8], width w: Int, height h: Int,
                   digitHeight: Double, ruleLength: Int, sideReach: Int = 2) {
    guard w > 0, h > 0 else { return }
    // The erased level runs, row by row: (row, first column, last column).
    var rules = [(y: Int, x0: Int, x1: Int)]()
    for y in 0..<h {
        var x = 0
        while x < w {
            guard before[y * w + x] != 0 && binary[y * w + x] == 0 else { x += 1; continue }
            let start = x
            while x < w && before[y * w + x] != 0 && binary[y * w + x] == 0 { x += 1 }
            if x - start >= ruleLength { rules.append((y, start, x - 1)) }
        }
    }
    guard rules.count >= 2 else { return }
    let reach = Int(digitHeight.rounded())
    // No ink of the rule's row (a row either way) from 4 pixels past its end to a digit
    // height beyond: the rule ends there.
    func endsAt(_ rule: (y: Int, x0: Int, x1: Int), right: Bool) -> Bool {
        let columns = right ? (rule.x1 + 4)...(rule.x1 + 3 + reach) : (rule.x0 - 3 - reach)...(rule.x0 - 4)
        for y in Swift.max(0, rule.y - 1)...Swift.min(h - 1, rule.y + 1) {
            for x in columns where x >= 0 && x < w && before[y * w + x] != 0 { return false }
        }
        return true
    }
    var bands = [(columns: ClosedRange<Int>, rows: ClosedRange<Int>)]()
    // The runs are in row order: each one's partners below it lie within 3 digit heights.
    for (index, top) in rules.enumerated() {
        for bottom in rules[(index + 1)...] {
            let gap = Double(bottom.y - top.y)
            if gap > 3 * digitHeight { break }
            guard gap >= 0.6 * digitHeight else { continue }
            for right in [false, true] {
                let (a, b) = right ? (top.x1, bottom.x1) : (top.x0, bottom.x0)
                guard abs(a - b) <= 3 else { continue }
                let columns = Swift.max(0, Swift.min(a, b) - sideReach)...Swift.min(w - 1, Swift.max(a, b) + sideReach)
                let rows = top.y...bottom.y
                let sideRows = rows.filter { y in columns.contains { before[y * w + $0] != 0 } }.count
                guard 10 * sideRows >= 8 * rows.count, endsAt(top, right: right), endsAt(bottom, right: right) else { continue }
                bands.append((columns, rows))
            }
        }
    }
    guard !bands.isEmpty else { return }
    let pieces = connectedComponents(binary, width: w, height: h)
    let inBand = pieces.components.indices.dropFirst().filter { index in
        let c = pieces.components[index]
        return bands.contains { band in
            band.columns.contains(c.x) && band.columns.contains(c.x + c.width - 1)
                && c.y >= band.rows.lowerBound - 2 && c.y + c.height - 1 <= band.rows.upperBound + 2
        }
    }
    guard !inBand.isEmpty else { return }
    let erase = Set(inBand.map(Int32.init))
    for i in binary.indices where binary[i] != 0 && erase.contains(pieces.labels[i]) { binary[i] = 0 }
}
