/// Step 4 for comb fields: a form's row of cells marked only by short ticks standing on a
/// rule ("|_|_|_|", one digit a cell, as on postal codes and account numbers). Once the rule
/// is erased (`removeStraightLines`) each tick is a short upright stroke of its own, too short
/// for an upright line, and was read as a 1 between every two digits.

/// Erases from `binary` the teeth of comb fields: pieces that are short (0.15–0.75
/// `digitHeight`), upright and straight (row centres within 1.5 pixels of a line at most 9°
/// off the vertical, but for two rows at each end), three times as tall as wide (twice, when
/// under 0.4 `digitHeight`: a tick a third of a digit tall drawn 3 pixels wide, 3x8; a 1
/// written that short is rare, one a little taller with a broad pen is not), touching erased
/// ink (ink of `inkBeforeLineRemoval` that is gone, within 3 pixels) at one end only, and
/// standing three or more on one rule: their touching ends level within 3 pixels (or 0.05 `digitHeight`),
/// their heights within 35% of the median's and 2 pixels (the last, at the rule's end, keeps a
/// stub of its corner). A "1" written on a notebook's rule is as tall as the writing, and
/// three short ones of a height at one level are a comb's, not a writer's.
func removeCombTeeth(_ binary: inout [UInt8], inkBeforeLineRemoval before: [UInt8], width w: Int, height h: Int, digitHeight: Double) {
    let pieces = connectedComponents(binary, width: w, height: h)
    func touchesErasedInk(row y: Int, column x: Int) -> Bool {
        for yy in Swift.max(0, y - 3)...Swift.min(h - 1, y + 3) {
            for xx in Swift.max(0, x - 3)...Swift.min(w - 1, x + 3) where before[yy * w + xx] != 0 && binary[yy * w + xx] == 0 { return true }
        }
        return false
    }
    // Each tooth: its label, the row of its end on the rule, its height.
    var teeth = [(label: Int32, end: Int, height: Int)]()
    for (index, c) in pieces.components.enumerated().dropFirst() {
        let tall = Double(c.height)
        guard tall >= Swift.max(4, 0.15 * digitHeight), tall <= 0.75 * digitHeight,
              c.width * (tall <= 0.4 * digitHeight ? 2 : 3) <= c.height else { continue }
        let centres = pieces.rowCentres(of: index)
        // Straight but for two rows at each end: a tooth at the rule's end keeps a stub of
        // the corner the rule's erasure left.
        let stem = centres.count > 8 ? Array(centres.dropFirst(2).dropLast(2)) : centres
        guard let line = fitLine(stem.map { ($0.y, $0.x) }), abs(line.slope) <= 0.16,
              stem.allSatisfy({ abs($0.x - line.at($0.y)) <= 1.5 }) else { continue }
        let top = touchesErasedInk(row: c.y, column: Int(centres.first!.x))
        let bottom = touchesErasedInk(row: c.y + c.height - 1, column: Int(centres.last!.x))
        guard top != bottom else { continue }
        teeth.append((Int32(index), top ? c.y : c.y + c.height - 1, c.height))
    }
    guard teeth.count >= 3 else { return }
    let level = Swift.max(3, Int(0.05 * digitHeight))
    var erase = Set<Int32>()
    for tooth in teeth {
        let row = teeth.filter { abs($0.end - tooth.end) <= level }
        let median = Double(row.map(\.height).sorted()[row.count / 2])
        let alike = row.filter { abs(Double($0.height) - median) <= 0.35 * median + 2 }
        if alike.count >= 3 { erase.formUnion(alike.map(\.label)) }
    }
    guard !erase.isEmpty else { return }
    for i in binary.indices where binary[i] != 0 && erase.contains(pieces.labels[i]) { binary[i] = 0 }
}

/// Whether the level run of ink on row `y` of `b` (`width` by `height`) over `columns`, too
/// short for a rule, is the rule of a comb field of two or more cells: a date's day or month
/// ("|_|_|") is under two digits' heights long, under a rule's 2.2 (`eraseLines`), and left
/// whole it joined its digits into one piece read as junk ("11" as "41"). Such a rule has a
/// tick rising from each of its ends (within `thickest` pixels, the thickest line erased) and
/// one between them or more, printed alike: each tick 0.15–0.75 `digitHeight` tall, straight
/// up from the row above the run, no wider than a line, the end ticks' heights within a
/// quarter of the taller, the others' within 35% of their mean, and nothing hanging below the
/// run under a tick (the run's ink going on down past the thickest line), nor under more than
/// a tenth of the run. A digit standing on the run rises as tall as the writing. Digits run
/// together into a flat stroke with short uprights at both ends and between (the crossbars of
/// "44", a 9's loop with a 5's bar and an 8's waist, small pencil digits touching) have strokes
/// going on below it, or uprights unlike: read as a comb, "958" was read "758".
func isCombRule(_ b: UnsafePointer<UInt8>, width w: Int, height: Int, row y: Int, columns: Range<Int>, digitHeight: Double, thickest: Int) -> Bool {
    let shortest = Swift.max(4, Int(0.15 * digitHeight)), tallest = Int(0.75 * digitHeight)
    guard y > shortest, columns.count >= 12 else { return false }
    // How far ink rises straight up from the row above the run in column `x` (past `tallest`
    // it is no tick: stopped there).
    func rise(_ x: Int) -> Int {
        var k = 0
        while y - 1 - k >= 0 && k <= tallest && b[(y - 1 - k) * w + x] != 0 { k += 1 }
        return k
    }
    // Neighbouring columns rising `shortest` or more, as ticks: first and last column, height.
    var ticks = [(first: Int, last: Int, height: Int)]()
    for x in columns {
        let r = rise(x)
        guard r >= shortest else { continue }
        if let last = ticks.last, last.last == x - 1 {
            ticks[ticks.count - 1] = (last.first, x, Swift.max(last.height, r))
        } else {
            ticks.append((x, x, r))
        }
    }
    guard ticks.count >= 3, let left = ticks.first, let right = ticks.last,
          left.first - columns.lowerBound <= thickest, columns.upperBound - 1 - right.last <= thickest else { return false }
    guard abs(left.height - right.height) * 4 <= Swift.max(left.height, right.height) else { return false }
    let mean = Double(left.height + right.height) / 2
    // Whether ink runs on down from row `y` in column `x` past the thickest line.
    func hangsBelow(_ x: Int) -> Bool {
        var k = 0
        while k <= thickest + 1 && y + k < height && b[(y + k) * w + x] != 0 { k += 1 }
        return k > thickest + 1
    }
    func isTick(_ t: (first: Int, last: Int, height: Int)) -> Bool {
        t.last - t.first < thickest && t.height <= tallest && abs(Double(t.height) - mean) <= 0.35 * mean
            && !(t.first...t.last).contains(where: hangsBelow)
    }
    return isTick(left) && isTick(right) && ticks.dropFirst().dropLast().contains(where: isTick)
        && columns.filter(hangsBelow).count * 10 <= columns.count
}
