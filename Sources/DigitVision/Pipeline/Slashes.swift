/// Step 6, by shape and place: the slash of a closing "/-", as an amount is closed on a cheque
/// ("5000/-") so that nothing can be written after it, and the two slashes of a date
/// ("22/10/2025"). Each slash, one straight stroke, reads as a sure 1 ("50001" for "5000/-":
/// 19 of a reviewer's 150 generated cheques). It is told by its shape, a straight stroke
/// leaning right further than this writer's digits lean, and by its place: just before a
/// closing dash, or where a date's slashes stand between parts that read as a date.
///
/// A 1 in such a place has the shape when it leans far past its writer's other digits: a
/// third of MNIST's test 1s lean 17° or more. Measured on a reviewer's numbers of MNIST test
/// digits ending in a 1 before a dash ("2501-"), the dash allowed up to 0.6 digit heights
/// after the stroke lost the 1 in 46 of 150; held to 0.15 digit heights ("/-" is written in
/// one movement), in none of them, nor of 300 written with 1s leaning past an upright or a
/// right-leaning writer's digits (66 before), while the generated cheques' slashes are dropped
/// as before. A slash written further from its dash reads as a 1. Numbers whose 1s stand
/// where a date's slashes would ("621512585") lost them in 22 of 200 until the parts had to
/// read as a date (none since; 12 of 300 whose 1s lean 10–20° past their writer's digits).

/// The indices of `crops` (digits read, dashes already left out, on a levelled page) that are
/// the slash of a closing "/-": each at most `Slash.widestDashGap` before one of the `dashes`
/// that nothing follows in its row, and shaped as a slash (`isSlash`).
func closingSlashIndices(_ crops: [Crop], dashes: [Box], writersSlant: Double, digitHeight h: Double) -> Set<Int> {
    var slashes = Set<Int>()
    for dash in dashes {
        let dashMiddle = dash.y + dash.height / 2
        // The crops in the dash's row: their rows take in the dash's middle.
        let inRow = crops.indices.filter { crops[$0].box.y <= dashMiddle && dashMiddle < crops[$0].box.maxY }
        // Nothing after the dash: it closes the number.
        guard !inRow.contains(where: { 2 * crops[$0].box.x + crops[$0].box.width > 2 * dash.x + dash.width }),
              let last = inRow.max(by: { crops[$0].box.maxX < crops[$1].box.maxX }) else { continue }
        let box = crops[last].box
        guard Double(dash.x - box.maxX) <= Slash.widestDashGap * h, box.maxX <= dash.x + dash.width / 2,
              isSlash(crops[last], writersSlant: writersSlant, digitHeight: h) else { continue }
        slashes.insert(last)
    }
    return slashes
}

/// The indices of `crops` (digits read, on a levelled page) that are the slashes of a date
/// ("22/10/2025", "1/5/24"): two slashes (`isSlash`) in one row with one or two crops between
/// them, one or two just before the first and two or four just after the second, each crop
/// within `Slash.widestGap` of the next, the parts read (`labels`, one a crop) a date
/// (`isDate`). Read as 1s, they made "2211012025" of it.
func dateSlashIndices(_ crops: [Crop], labels: [Int], writersSlant: Double, digitHeight h: Double) -> Set<Int> {
    let slash = crops.indices.filter { isSlash(crops[$0], writersSlant: writersSlant, digitHeight: h, leastLean: Slash.leastDateLean) }
    guard slash.count >= 2 else { return [] }
    var slashes = Set<Int>()
    for first in slash {
        let box = crops[first].box, middle = box.y + box.height / 2
        // The crops of its row, left to right, and the run of them that stand close together.
        let row = crops.indices.filter { crops[$0].box.y <= middle && middle < crops[$0].box.maxY }.sorted { crops[$0].box.x < crops[$1].box.x }
        guard let at = row.firstIndex(of: first) else { continue }
        func close(_ a: Int, _ b: Int) -> Bool { Double(crops[b].box.x - crops[a].box.maxX) <= Slash.widestGap * h }
        var start = at, end = at
        while start > 0 && close(row[start - 1], row[start]) { start -= 1 }
        while end < row.count - 1 && close(row[end], row[end + 1]) { end += 1 }
        for between in 1...2 where at + between + 1 <= end {
            let second = row[at + between + 1]
            let before = at - start, after = end - (at + between + 1)
            guard slash.contains(second), (1...2).contains(before), [2, 4].contains(after),
                  !row[(at + 1)...(at + between)].contains(where: slash.contains) else { continue }
            // The parts must read as a date: a day and a month either way round, and a year.
            func number(_ part: ArraySlice<Int>) -> Int { part.reduce(0) { $0 * 10 + labels[$1] } }
            let (a, b, year) = (number(row[start..<at]), number(row[(at + 1)...(at + between)]), number(row[(at + between + 2)...end]))
            guard isDate(a, b, year: year, yearDigits: after) else { continue }
            slashes.formUnion([first, second])
        }
    }
    return slashes
}

/// Whether day and month `a` and `b` (either way round, as Europe and the US write them) and
/// `year` (of `yearDigits` digits, 2 or 4) make a date: 1–31 and 1–12, a year of four digits
/// 1900–2099. Numbers whose 1s stand where a date's slashes would ("621512585") mostly do not.
func isDate(_ a: Int, _ b: Int, year: Int, yearDigits: Int) -> Bool {
    let days = 1...31, months = 1...12
    guard (days.contains(a) && months.contains(b)) || (months.contains(a) && days.contains(b)) else { return false }
    return yearDigits == 2 || (1900...2099).contains(year)
}

/// Whether `crop` is a slash: at least `Slash.shortest` of the digit height `h` tall, one
/// straight stroke (`straightStrokeLean`) leaning right by `leastLean` of a row across per row
/// up or more, and by `Slash.leanPastWriter` more than `writersSlant`.
func isSlash(_ crop: Crop, writersSlant: Double, digitHeight h: Double, leastLean: Double = Slash.leastLean) -> Bool {
    guard Double(crop.box.height) >= Slash.shortest * h, let b = straightStrokeLean(crop) else { return false }
    return -b >= leastLean && -b >= -writersSlant + Slash.leanPastWriter
}

/// The lean of `crop` when it is one straight stroke, as a slash or a plain 1 is (columns
/// across per row down: negative leaning right), else nil: one run of ink in each row but a
/// few at its ends, the runs' middles on a straight line (within `Slash.straightness` of the
/// height, a pixel at least), the runs no wider than a stroke across such a line.
func straightStrokeLean(_ crop: Crop) -> Double? {
    let (w, height) = (crop.box.width, crop.box.height)
    guard crop.mask.count == w * height else { return nil }
    var middles = [(y: Double, x: Double)](), runWidths = [Int](), splitRows = 0
    for y in 0..<height {
        var runs = [(start: Int, end: Int)]()
        var x = 0
        while x < w {
            guard crop.mask[y * w + x] != 0 else { x += 1; continue }
            let start = x
            while x < w && crop.mask[y * w + x] != 0 { x += 1 }
            runs.append((start, x - 1))
        }
        guard let run = runs.first else { continue }
        if runs.count > 1 { splitRows += 1; continue }
        middles.append((Double(y), Double(run.start + run.end) / 2))
        runWidths.append(run.end - run.start + 1)
    }
    // A stroke's ends may fray; a 1's flag or foot, a 7's bar, a 4's arms split far more rows.
    guard middles.count >= 3, Double(splitRows) <= 0.1 * Double(height) else { return nil }
    // The line through the middles, x = a + b y.
    let n = Double(middles.count)
    let my = middles.map(\.y).reduce(0, +) / n, mx = middles.map(\.x).reduce(0, +) / n
    let syy = middles.map { ($0.y - my) * ($0.y - my) }.reduce(0, +)
    guard syy > 0 else { return nil }
    let b = middles.map { ($0.y - my) * ($0.x - mx) }.reduce(0, +) / syy
    let worst = middles.map { abs($0.x - (mx + b * ($0.y - my))) }.max() ?? 0
    guard worst <= Swift.max(1, Slash.straightness * Double(height)) else { return nil }
    // A row crosses a stroke of width s leaning by b in about s·√(1+b²) pixels; a 1 with a
    // foot or a thick blob is wider.
    let stroke = strokeWidth(crop.mask, width: w, height: height)
    let widest = runWidths.sorted()[runWidths.count * 9 / 10]
    return Double(widest) <= 1.5 * stroke * (1 + b * b).squareRoot() + 1 ? b : nil
}

/// The boxes of the components of `labels` shaped as a short dash: at least
/// `Slash.shortestDash` of the digit height `h` long, twice as long as high, under half
/// the digit height, and solid (`Slash.leastDashFill` of its box inked, where a curve
/// of a guilloche's lines crosses its box corner to corner). A closing dash written short is
/// no candidate for a digit, and at a cheque's small size too thick for `isDash`.
func dashComponents(_ labels: ComponentLabels, digitHeight h: Double) -> [Box] {
    labels.components.dropFirst().filter { c in
        Double(c.width) >= Slash.shortestDash * h && c.width >= 2 * c.height && Double(c.height) < 0.5 * h
            && Double(c.area) >= Slash.leastDashFill * Double(c.width * c.height)
    }.map { Box(x: $0.x, y: $0.y, width: $0.width, height: $0.height) }
}

/// The measures of `closingSlashIndices`, `dateSlashIndices` and `isSlash`, in digit heights but
/// for the leans (columns across per row up).
enum Slash {
    /// A closing slash at most this far before its dash: "/-" is written in one movement.
    static let widestDashGap = 0.15
    /// A date's parts and slashes at most this far apart: one number.
    static let widestGap = 0.6
    /// A closing dash at least this long.
    static let shortestDash = 0.3
    /// Its box this full of ink at least.
    static let leastDashFill = 0.5
    /// At least this tall: a comma or a dot is shorter.
    static let shortest = 0.6
    /// The runs' middles this far from a straight line at most, in the slash's height.
    static let straightness = 0.08
    /// It leans right by this many columns a row at least (17°).
    static let leastLean = 0.3
    /// A date's slashes, two in their place, this many (11°): a page turned by 30° and levelled
    /// again left a writer's slashes leaning 0.24–0.27.
    static let leastDateLean = 0.2
    /// And by this many more than this writer's digits (`writersSlant`).
    static let leanPastWriter = 0.15
}

