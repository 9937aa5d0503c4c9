/// Step 6, by shape: signs written beside numbers that are no digit, however they read — a
/// dash, an equals sign, a plus sign, a dollar sign. Used by `DigitRecognizer` once broken
/// digits are merged.

/// Whether a crop is a dash: one straight stroke lying near level, its box at least twice as
/// wide as tall and under half the digit height, its ink 2.5 times as long as it is thick,
/// and that thickness no more than 1.6 of its own stroke width — a single stroke across, where
/// small raised cents ("⁰⁰") or a flattened 0 have paper between two strokes. A cheque's
/// closing "-" or ".-" reads as a 7 or a 1 with some confidence, and no digit is such a stroke
/// alone: a 5's or a 7's detached bar is one only once merged with the rest of its digit.
func isDash(_ crop: Crop, digitHeight: Double) -> Bool {
    let b = crop.box
    guard b.width >= 2 * b.height, Double(b.height) < 0.5 * digitHeight,
          let line = lengthAndThickness(crop.mask, width: b.width, height: b.height) else { return false }
    // A stroke a pixel high has no spread across it: it counts a pixel thick.
    let thickness = Swift.max(line.thickness, 1)
    return line.length >= 2.5 * thickness && thickness <= 1.6 * strokeWidth(crop.mask, width: b.width, height: b.height)
}

/// Whether a crop is an equals sign: two dashes (`isDash`), one above the other with blank rows
/// between them and nothing else, overlapping side by side by half the wider, the shorter 60%
/// as long as the other (a 5 whose right half went with its form cell's side left a long
/// stroke over a short one, read as a "="). Its two bars merge into one candidate, which reads
/// as a 2 (and, by a model trained to doubt such marks, is cut into halves read as a 2 and a
/// 5). A flattened 0 is inked between its two strokes, at its sides.
func isEqualsSign(_ crop: Crop, digitHeight: Double) -> Bool {
    let b = crop.box
    guard b.width >= b.height, Double(b.height) < 0.6 * digitHeight, crop.mask.count == b.width * b.height else { return false }
    // The runs of inked rows, and each run's own crop, cut to its ink.
    var bars = [Crop](), start: Int?
    for y in 0...b.height {
        let inked = y < b.height && (0..<b.width).contains { crop.mask[y * b.width + $0] != 0 }
        if inked, start == nil { start = y }
        guard !inked, let top = start else { continue }
        start = nil
        let columns = (0..<b.width).filter { x in (top..<y).contains { crop.mask[$0 * b.width + x] != 0 } }
        let x0 = columns.first!, width = columns.last! - x0 + 1
        var mask = [UInt8](repeating: 0, count: width * (y - top))
        for row in top..<y { for x in 0..<width { mask[(row - top) * width + x] = crop.mask[row * b.width + x0 + x] } }
        bars.append(Crop(box: Box(x: b.x + x0, y: b.y + top, width: width, height: y - top), mask: mask))
    }
    guard bars.count == 2, bars.allSatisfy({ isDash($0, digitHeight: digitHeight) }) else { return false }
    let overlap = Swift.min(bars[0].box.maxX, bars[1].box.maxX) - Swift.max(bars[0].box.x, bars[1].box.x)
    let (shorter, longer) = (Swift.min(bars[0].box.width, bars[1].box.width), Swift.max(bars[0].box.width, bars[1].box.width))
    return 2 * overlap >= longer && 10 * shorter >= 6 * longer
}

/// Whether a crop is a plus sign: a level bar and an upright one crossing between a fifth and
/// four fifths of each other's length, each reaching across 60% of the box, every arm a sixth
/// of the box long, 90% of the ink on the two bars (within a pixel of their rows or columns)
/// and under 3% in any quarter between the arms; about as wide as tall (within 3:4) and under
/// 0.8 of the digit height, as a "+" written in a sum is. A "+" reads as a 4 (a sum's "+ 989"
/// read "4989"). A 7's top bar lies off the two bars, and so does a 4's stroke to the left of
/// its stem: nine of MNIST's 1,009 test 4s are a stem and a bar otherwise, narrow and with
/// 5–8% of their ink in the upper left quarter.
func isPlusSign(_ crop: Crop, digitHeight: Double) -> Bool {
    let (w, h) = (crop.box.width, crop.box.height)
    guard w >= 5, h >= 5, Double(h) < 0.8 * digitHeight, 4 * w >= 3 * h, 4 * h >= 3 * w, crop.mask.count == w * h else { return false }
    func inked(_ x: Int, _ y: Int) -> Bool { crop.mask[y * w + x] != 0 }
    let rowInk = (0..<h).map { y in (0..<w).filter { inked($0, y) }.count }
    let columnInk = (0..<w).map { x in (0..<h).filter { inked(x, $0) }.count }
    // Each bar: the rows (columns) holding over 40% of the fullest one's ink, one run, under
    // half the box across (a small "+" drawn with a bold pen), widened by a pixel either way
    // for a bar drawn a little aslant.
    func bar(_ profile: [Int], across length: Int) -> ClosedRange<Int>? {
        guard let peak = profile.max(), 10 * peak >= 6 * length else { return nil }
        let full = profile.indices.filter { 10 * profile[$0] > 4 * peak }
        guard let first = full.first, let last = full.last, last - first + 1 == full.count,
              2 * full.count < profile.count else { return nil }
        return Swift.max(0, first - 1)...Swift.min(profile.count - 1, last + 1)
    }
    guard let level = bar(rowInk, across: w), let upright = bar(columnInk, across: h) else { return false }
    // The crossing lies between a fifth and four fifths of each bar, and every arm reaches a
    // sixth of the box beyond the other bar.
    let middleRow = Double(level.lowerBound + level.upperBound) / 2, middleColumn = Double(upright.lowerBound + upright.upperBound) / 2
    guard middleRow >= 0.2 * Double(h), middleRow <= 0.8 * Double(h - 1),
          middleColumn >= 0.2 * Double(w), middleColumn <= 0.8 * Double(w - 1) else { return false }
    guard 6 * level.lowerBound >= h, 6 * (h - 1 - level.upperBound) >= h,
          6 * upright.lowerBound >= w, 6 * (w - 1 - upright.upperBound) >= w else { return false }
    var total = 0, onBars = 0, quarters = [0, 0, 0, 0]
    for y in 0..<h { for x in 0..<w where inked(x, y) {
        total += 1
        if level.contains(y) || upright.contains(x) { onBars += 1 } else { quarters[(y > level.upperBound ? 2 : 0) + (x > upright.upperBound ? 1 : 0)] += 1 }
    } }
    return 10 * onBars >= 9 * total && 100 * quarters.max()! < 3 * total
}

/// Whether a crop is a dollar sign, as printed before a cheque's amount (read as a 5 at
/// 0.92–0.97): an S crossed by an upright bar whose stubs stand out above and below it. At
/// both ends the bar's stub: rows of one run of ink on the same columns (each edge within a
/// pixel), at least 8% of the height (2 rows; at one end, when the other's is whole, a tip of one
/// row 1–2 pixels wide, the row under it at most 3 wider, will do) and at most a fifth, under
/// 35% of the box wide,
/// centred (between a quarter and three quarters across, the two within 15% of the width of
/// each other); the body between them 2.5 times as wide as the stub and 70% of the box; an S:
/// a row between 25% and 45% of the height inked only on the left half, and one between 55%
/// and 75% only on the right (the bar hidden in the S), or such rows beside the bar's columns
/// (the bar drawn through the S, or off its middle: a bold sans font prints it through, and a
/// serif "$" whose bar stands left of the middle or binarizes broken read as a 5 before the
/// amount of 5 of a reviewer's 33 generated cheques with a "$"), with the S reaching a
/// quarter of the box out on both sides of the bar; the box at least 0.55 as wide as tall, or
/// 0.35 with the bar unbroken and the S reaching a fifth out (`narrow`: of a reviewer's 150
/// generated cheques, 2 more read right).
/// A 5's top is a bar across, an 8's and a 9's ends are rounded, not straight; of MNIST's
/// 10,000 test digits one bold 4 drawn like an arrow has the shape.
func isDollarSign(_ crop: Crop) -> Bool {
    let (w, h) = (crop.box.width, crop.box.height)
    guard h >= 10, w >= 5, 100 * w >= 35 * h, crop.mask.count == w * h else { return false }
    // Each row's inked columns, found once: the stubs, the body and the S read them.
    let inkedColumns = (0..<h).map { y in (0..<w).filter { crop.mask[y * w + $0] != 0 } }
    func inked(_ y: Int) -> [Int] { inkedColumns[y] }
    // Row y's one run of ink (nil: none, or several).
    func run(_ y: Int) -> ClosedRange<Int>? {
        let xs = inked(y)
        guard let first = xs.first, let last = xs.last, last - first + 1 == xs.count else { return nil }
        return first...last
    }
    // The bar's stub at one end: the rows from that end whose one run stays on the first's
    // columns, each edge within a pixel (a small printed "$" binarizes with its stubs' ends a
    // pixel narrower, 1 then 3 pixels wide); a digit's stroke tapering to its end widens on,
    // row by row. A tip one pixel wide at the edge of a stub up to 3 pixels wide is measured
    // by the row after it (a bold "$" 29 pixels tall binarized so); a 2-pixel stub
    // whose next row is 4 pixels wide is the stub, the S begun under it.
    // A handwritten "$" leans its bar and tapers its ends: each row's run is then held to the
    // row before's, drifting at most a pixel every two rows from the first (a thin diagonal
    // stroke is no stub), and a tip of two pixels over a run up to 4 is measured by the run.
    func stub(_ rows: [Int], handwritten: Bool = false) -> (length: Int, columns: ClosedRange<Int>)? {
        guard var first = run(rows[0]) else { return nil }
        if rows.count > 1, let second = run(rows[1]), second.contains(first.lowerBound),
           handwritten ? first.count <= 2 && second.count <= first.count + 2 : first.count == 1 && second.count <= 3 {
            first = second
        }
        var length = 1, previous = first
        for y in rows.dropFirst() {
            guard let r = run(y), abs(r.lowerBound - previous.lowerBound) <= 1, abs(r.upperBound - previous.upperBound) <= 1,
                  handwritten ? r.count <= first.count + 1 && abs(r.lowerBound - first.lowerBound) <= 1 + length / 2
                              : abs(r.lowerBound - first.lowerBound) <= 1 && abs(r.upperBound - first.upperBound) <= 1
            else { break }
            length += 1
            if handwritten { previous = r }
        }
        return (length, first)
    }
    let shortest = Swift.max(2, Int((0.08 * Double(h)).rounded()))
    // The printed stub first; the handwritten one where the printed is too short.
    func printedOrHandwrittenStub(_ rows: [Int]) -> (length: Int, columns: ClosedRange<Int>)? {
        guard let printed = stub(rows) else { return nil }
        guard printed.length < shortest, let handwritten = stub(rows, handwritten: true), handwritten.length >= shortest,
              5 * handwritten.length <= h, 100 * handwritten.columns.count <= 35 * w else { return printed }
        return handwritten
    }
    guard let top = printedOrHandwrittenStub(Array(0..<h)), let bottom = printedOrHandwrittenStub(Array((0..<h).reversed())) else { return false }
    // A small bold "$" blurred by the camera keeps one stub whole and, at the other end, only
    // the tip: one row of one or two pixels, and under it the S's curve beginning round it, at
    // most 3 pixels wider (15–19 pixels tall, "5820" for "$ 820-"). An 8's or a 9's end is a
    // wider arc; a speck at the end of a 5's bar has the whole bar under it.
    func isStub(_ end: (length: Int, columns: ClosedRange<Int>), next: Int, other: (length: Int, columns: ClosedRange<Int>)) -> Bool {
        if end.length >= shortest { return true }
        guard end.length == 1, end.columns.count <= 2, other.length >= shortest, let under = run(next) else { return false }
        return under.contains(end.columns.lowerBound) && under.contains(end.columns.upperBound) && under.count <= end.columns.count + 3
    }
    guard isStub(top, next: 1, other: bottom), isStub(bottom, next: h - 2, other: top), 5 * top.length <= h, 5 * bottom.length <= h,
          100 * top.columns.count <= 35 * w, 100 * bottom.columns.count <= 35 * w else { return false }
    let topCentre = Double(top.columns.lowerBound + top.columns.upperBound) / 2
    let bottomCentre = Double(bottom.columns.lowerBound + bottom.columns.upperBound) / 2
    guard abs(topCentre - bottomCentre) <= Swift.max(2, 0.15 * Double(w), 0.12 * Double(h)),
          topCentre >= 0.25 * Double(w), topCentre <= 0.75 * Double(w) else { return false }
    let widest = (h / 5..<(4 * h / 5)).map { y -> Int in
        let xs = inked(y)
        return xs.isEmpty ? 0 : xs.last! - xs.first! + 1
    }.max() ?? 0
    guard 10 * widest >= 25 * Swift.max(top.columns.count, bottom.columns.count), 10 * widest >= 7 * w else { return false }
    // The stubs' own columns: how far the S reaches out is measured from them (the bar a
    // pixel wider each side is 4 of a small bold "$"'s 9 columns).
    let stubs = Swift.min(top.columns.lowerBound, bottom.columns.lowerBound)...Swift.max(top.columns.upperBound, bottom.columns.upperBound)
    // A narrow "$" (under 0.55 as wide as tall: a condensed font's, or one whose S a box's
    // erased side took a column off) is one only with its bar unbroken, every row inked on the
    // stubs' columns, and the S looked at beside it; its S may reach only a fifth of the box
    // out on either side (a font's S off to the right of the bar).
    let narrow = 100 * w < 55 * h
    if narrow, !(0..<h).allSatisfy({ y in inked(y).contains { stubs.contains($0) } }) { return false }
    let reachDivisor = narrow ? 5 : 4
    // Beside a bar drawn through, the S's bowl reaches a quarter of the box beyond the stubs (a
    // bold 4's stem with a stub of its bar to the right is no S); a narrow one's a fifth.
    func isAnS(besideColumns bar: ClosedRange<Int>?) -> Bool {
        func inkedOnly(_ y: Int, left: Bool) -> Bool {
            let xs = inked(y).filter { !(bar?.contains($0) ?? false) }
            guard let first = xs.first, let last = xs.last else { return false }
            if bar != nil, reachDivisor * (left ? stubs.lowerBound - first : last - stubs.upperBound) < w { return false }
            return left ? 2 * last < w : 2 * first >= w
        }
        return (Int(0.25 * Double(h))...Int(0.45 * Double(h))).contains { inkedOnly($0, left: true) }
            && (Int(0.55 * Double(h))...Int(0.75 * Double(h))).contains { inkedOnly($0, left: false) }
    }
    // The S's top arc and its bottom arc reach both sides of the bar: a row of its upper half
    // and one of its lower half inked both sides of the stubs' columns (the stubs' end rows:
    // a leaning bar's middle may lie a little off them). A 4 whose stem stands out
    // above and below has its arm on one side only above its bar (a handwritten 4 of a
    // generated page, taken once the stubs could lean).
    func inkedBothSides(_ rows: Range<Int>) -> Bool {
        rows.contains { y in inked(y).contains { $0 < stubs.lowerBound - 1 } && inked(y).contains { $0 > stubs.upperBound + 1 } }
    }
    guard inkedBothSides(top.length..<(h / 2)), inkedBothSides((h / 2)..<(h - bottom.length)) else { return false }
    if !narrow, isAnS(besideColumns: nil) { return true }
    // A bold sans "$" draws the bar through the S, a serif one may stand it off the S's middle
    // or binarize it broken: the S is looked at beside the bar's columns. (An 8's loops hold
    // ink on both sides of them in the same rows; of MNIST's 10,000 test digits, one is taken.)
    let bar = (stubs.lowerBound - 1)...(stubs.upperBound + 1)
    // The S reaches a quarter (narrow: a fifth) of the box out on both sides of the stubs (a
    // narrow 8 leaning left had its lower loop on the stubs' columns).
    let leftmost = inkedColumns.compactMap(\.first).min() ?? 0, rightmost = inkedColumns.compactMap(\.last).max() ?? 0
    guard reachDivisor * (stubs.lowerBound - leftmost) >= w, reachDivisor * (rightmost - stubs.upperBound) >= w else { return false }
    return isAnS(besideColumns: bar)
}
