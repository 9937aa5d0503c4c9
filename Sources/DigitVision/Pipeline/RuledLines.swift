/// Step 4: ruled lines and printed box borders erased from the binary ink map, strokes that
/// cross them kept (used by `segment` in Segmentation.swift). The lines are found and marked
/// here (`LineMarking`); which of their pixels are writing, and stay, is decided in
/// WritingOnLines.swift.

/// Erases long straight horizontal and vertical runs of ink (ruled lines, form boxes),
/// keeping strokes that merely cross them: a pixel is erased only if it lies on a run
/// of a rule's length and the ink just above/below (or left/right of) the run is empty.
/// A rule runs `horizontalRun` pixels across, or from the picture's edge three quarters of
/// the way across when shorter (the rule a crop was cut along); an upright `verticalRun`
/// pixels down is a box's side where it meets a rule at a corner, and a line by itself only
/// when as long as a rule. With the ink map's `levels`, lines printed far lighter than the
/// writing keep every pixel of theirs that is as dark as the writing instead (`writingLevel`).
/// Returns whether anything was erased.
@discardableResult
func removeStraightLines(_ binary: inout [UInt8], width w: Int, height h: Int, horizontalRun: Int, verticalRun: Int, levels: [UInt8]? = nil) -> Bool {
    var strokes = [Int]()
    return removeStraightLines(&binary, width: w, height: h, horizontalRun: horizontalRun, verticalRun: verticalRun, levels: levels, strokesInCells: &strokes)
}

/// `removeStraightLines`, also giving the pixels (indices into `binary`) of the upright strokes
/// it kept as written in a form's cells (`strokesWrittenInCells`: a 1 from rule to rule), for
/// the later steps that erase what stands between two rules (`removeSlantedBoxSides`) to keep.
func removeStraightLines(_ binary: inout [UInt8], width w: Int, height h: Int, horizontalRun: Int, verticalRun: Int, levels: [UInt8]?,
                         strokesInCells: inout [Int]) -> Bool {
    var marks = [UInt8](repeating: 0, count: w * h)
    let thickest = thickestLine(verticalRun: verticalRun)
    let found = binary.withUnsafeBufferPointer { bin in
        marks.withUnsafeMutableBufferPointer { mark in
            let lines = LineMarking(binary: bin.baseAddress!, marks: mark.baseAddress!, width: w, height: h, thickest: thickest)
            let rulesFound = lines.markRules(horizontalRun: horizontalRun)
            let uprights = lines.uprightRuns(verticalRun: verticalRun)
            let (sidesFound, strokes) = lines.markBoxSides(uprights, horizontalRun: horizontalRun)
            strokesInCells = strokes
            guard rulesFound || sidesFound else { return false }
            lines.markBands()
            return true
        }
    }
    guard found else { return false }
    // Keep band pixels where a stroke crosses: ink outside the band on both sides.
    var result = binary
    binary.withUnsafeBufferPointer { bin in
        marks.withUnsafeBufferPointer { mark in
            let b = bin.baseAddress!, m = mark.baseAddress!
            // Where the lines are printed far lighter than the writing (graph paper, a
            // notebook's pale rules), the ink says which pixels are writing: a stroke running
            // along a line or crossing it keeps its own darkness, the line beside it does not.
            if let levels, let threshold = writingLevel(levels, binary: b, marks: m, lineBits: LineMark.acrossLine | LineMark.uprightLine, count: w * h) {
                result.withUnsafeMutableBufferPointer { eraseMarkedInk(lighterThan: threshold, levels: levels, marks: m, count: w * h, in: $0.baseAddress!) }
                return
            }
            // Otherwise the lines' shape decides: a stroke crosses a line where it has ink beyond
            // it on both sides.
            var strokes = CrossingStrokes(binary: b, marks: m, width: w, height: h, horizontalRun: horizontalRun,
                                          verticalRun: verticalRun, thickest: thickest)
            let crossedWide = strokes.wideCrossings()
            result.withUnsafeMutableBufferPointer { strokes.eraseUncrossed(in: $0.baseAddress!, crossedWide: crossedWide) }
        }
    }
    binary = result
    return true
}

/// The bits of a pixel's mark in `removeStraightLines`: on a long level run, in the band
/// around one, and the same for upright runs (where graph paper's lines cross, a pixel is on
/// both).
enum LineMark {
    static let acrossLine: UInt8 = 1, acrossBand: UInt8 = 2, uprightLine: UInt8 = 4, uprightBand: UInt8 = 8
}

/// An upright run of ink in one column (`LineMarking.uprightRuns`): its column and rows.
typealias UprightRun = (x: Int, rows: ClosedRange<Int>)

/// The thickest line erased, in pixels, for digits `verticalRun` / `ErasedLineRun.upright`
/// tall. Lines are printed thin, or thick (bold table rules) or scanned large (a form's box side 3 pixels
/// wide is 6–12 scanned at two to four times the resolution): up to `thickest` pixels, a
/// fifth of a digit's height (a seventh of `verticalRun`). (A quarter let a keystoned photo's
/// filled corner, narrow near its tip, pass for an upright line.) Rules across and upright
/// lines take the same measure: a bold table's sides erased and its rules kept left each
/// rule's stretch over a cell to be joined to the 1 in it, read as a 5.
func thickestLine(verticalRun: Int) -> Int {
    Swift.max(3, Int((Double(verticalRun) / 7).rounded()))
}

/// Whether the eight pixels from `p` on are all blank: eight pixels at a time where the page
/// is blank (most of it).
@inline(__always)
private func isBlank8(_ p: UnsafePointer<UInt8>) -> Bool { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) == 0 }

/// The finding half of `removeStraightLines`: its steps read the ink map's `binary` pixels,
/// `width` by `height`, and write what they find into `marks` (`LineMark` bits), one step
/// after another; a struct so that they share the buffers and sizes without copying them.
private struct LineMarking {
    let binary: UnsafePointer<UInt8>
    let marks: UnsafeMutablePointer<UInt8>
    let width: Int, height: Int
    /// The thickest line erased (`thickestLine`).
    let thickest: Int
    /// How many pixels above and below a rule are looked at for solid ink (`isThinAcross`).
    let depth: Int

    init(binary: UnsafePointer<UInt8>, marks: UnsafeMutablePointer<UInt8>, width: Int, height: Int, thickest: Int) {
        (self.binary, self.marks, self.width, self.height, self.thickest) = (binary, marks, width, height, thickest)
        depth = Swift.max(6, thickest + 2)
    }

    /// Marks `acrossLine` on every pixel of the level rules: runs of ink at least
    /// `horizontalRun` long (or from the picture's edge three quarters of the way across) that
    /// are thin (`isThinAcross`). Returns whether it found any. Runs are followed over two rows
    /// at a time: a rule levelled to within a pixel (a scan turned level, a slightly slanted
    /// print) steps from one row to the next.
    func markRules(horizontalRun: Int) -> Bool {
        let b = binary, m = marks, w = width, h = height
        var found = false
        for y in 0..<h {
            let row = b + y * w, next = b + Swift.min(y + 1, h - 1) * w
            var x = 0
            while x < w {
                if x + 8 <= w && isBlank8(row + x) && isBlank8(next + x) { x += 8; continue }
                guard row[x] != 0 || next[x] != 0 else { x += 1; continue }
                // A printed rule binarized with a dropout or two is still one run: gaps of
                // up to two blank columns are bridged, but only along a single row (row y
                // holds 95% of the run's inked columns). The flat bottoms of joined zeros
                // on a slightly tilted cheque step between rows and must stay apart.
                var end = x, blank = 0, longest = 0, solid = 0, inked = 0, inRow = 0
                while end < w && blank <= 2 {
                    if row[end] != 0 || next[end] != 0 {
                        blank = 0; solid += 1; inked += 1; longest = Swift.max(longest, solid)
                    } else {
                        blank += 1; solid = 0
                    }
                    if row[end] != 0 { inRow += 1 }
                    end += 1
                }
                end -= blank
                let straight = longest >= horizontalRun || inRow * 20 >= inked * 19
                // The rule a cheque or form crop was cut along runs out of the picture;
                // blurred or shrunk, it loses its other end and steps between rows, and
                // may be shorter than a rule must be beside tall digits. A run from the
                // picture's edge across three quarters of it, half again as long as the
                // digits are tall (`ErasedLineRun.level` of them make `horizontalRun`), with ink in the two
                // rows along 90% of it, is such a rule. (Joined zeros' flat bottoms step
                // the same way, but stop short of the edge.)
                let acrossPicture = (x <= 1 || end >= w - 1) && (end - x) * 4 >= w * 3
                    && (end - x) * 22 >= horizontalRun * 15 && inked * 10 >= (end - x) * 9
                // A comb field's rule of two cells or three is shorter than a rule (`isCombRule`).
                let combRule = straight && end - x < horizontalRun && (end - x) * 2 >= horizontalRun
                    && isCombRule(b, width: w, height: h, row: y, columns: x..<end, digitHeight: Double(horizontalRun) / ErasedLineRun.level, thickest: thickest)
                if (end - x >= horizontalRun && straight || acrossPicture || combRule) && isThinAcross(row: y, columns: x..<end) {
                    for xx in x..<end {
                        if row[xx] != 0 { m[y * w + xx] |= LineMark.acrossLine }
                        if next[xx] != 0 { m[Swift.min(y + 1, h - 1) * w + xx] |= LineMark.acrossLine }
                    }
                    found = true
                }
                x = end
            }
        }
        return found
    }

    /// Whether the run on row `y` (and the next) over `columns` is thin enough for a rule.
    /// A rule is thin: a run with solid ink for `depth` pixels (6, or more than
    /// `thickest`) above and below it along most of its length lies inside a solid
    /// patch (the dark desk in a tilted photo's corner), and one with solid ink on one
    /// side along almost all of it, along the patch's edge. Writing on a rule inks one
    /// side along part of it only, and the next rule of graph paper is ink 6 pixels off
    /// but not solid ink up to it.
    func isThinAcross(row y: Int, columns: Range<Int>) -> Bool {
        let b = binary, w = width, h = height
        func solid(_ x: Int, _ rows: ClosedRange<Int>) -> Bool {
            rows.lowerBound >= 0 && rows.upperBound < h && rows.allSatisfy { b[$0 * w + x] != 0 }
        }
        var inkAbove = 0, inkBelow = 0, inkBoth = 0
        for x in columns {
            let up = solid(x, (y - depth)...(y - 1)), down = solid(x, (y + 2)...(y + depth + 1))
            if up { inkAbove += 1 }
            if down { inkBelow += 1 }
            if up && down { inkBoth += 1 }
        }
        let n = columns.count
        return inkBoth * 2 <= n && inkAbove * 10 <= n * 9 && inkBelow * 10 <= n * 9
    }

    /// The upright runs of ink at least `verticalRun` long that stand thin and alone
    /// (`isThinUpright`), each a column and its rows, found row by row (cache-friendly): each
    /// column counts the length of the run it is in, up to its last ink, and the blank pixels
    /// since; a run is listed when it ends. As across, gaps of up to two pixels are bridged (a
    /// box's upright binarized into dashes); a run in one column is straight by itself.
    /// A block of 8 columns all outside a run over 8 blank pixels is skipped whole.
    func uprightRuns(verticalRun: Int) -> [UprightRun] {
        let b = binary, w = width, h = height
        var uprights = [UprightRun]()
        let length = UnsafeMutablePointer<Int>.allocate(capacity: w)
        length.initialize(repeating: 0, count: w)
        let gap = UnsafeMutablePointer<Int>.allocate(capacity: w)
        gap.initialize(repeating: 0, count: w)
        let blocks = (w + 7) / 8
        let running = UnsafeMutablePointer<Bool>.allocate(capacity: blocks)
        running.initialize(repeating: false, count: blocks)
        defer { length.deallocate(); gap.deallocate(); running.deallocate() }
        for y in 0...h {
            let row = b + Swift.min(y, h - 1) * w
            for block in 0..<blocks {
                let x0 = block * 8, x1 = Swift.min(x0 + 8, w)
                let blank = y == h || (x1 - x0 == 8 && isBlank8(row + x0))
                if blank && !running[block] { continue }
                var any = false
                for x in x0..<x1 {
                    if y < h && row[x] != 0 {
                        length[x] += gap[x] + 1
                        gap[x] = 0
                    } else if length[x] > 0 {
                        gap[x] += 1
                        if gap[x] > 2 || y == h {
                            let last = y - gap[x], run = length[x]
                            if run >= verticalRun && isThinUpright(x: x, rows: (last - run + 1)...last) {
                                uprights.append((x, (last - run + 1)...last))
                            }
                            length[x] = 0
                            gap[x] = 0
                        }
                    }
                    any = any || length[x] > 0
                }
                running[block] = any
            }
        }
        return uprights
    }

    /// Whether the upright run in column `x` over `rows` is a line. A run is a line only if
    /// gaps are few (ink on 85% of its rows) and it stands alone: blank three pixels to each
    /// side on half its rows. Speckled texture (a shadowed desk, a noisy scan) has long runs
    /// too, bridged or not, but dense; on the real photos, erasing those unbroken runs as well
    /// cost 0.2–2.5 points. A line printed thick or scanned large (see `thickest`) stands as
    /// alone as a thin one when the row's ink through it is no wider and blank 3 pixels beyond
    /// both ends.
    func isThinUpright(x: Int, rows: ClosedRange<Int>) -> Bool {
        let b = binary, w = width
        var inked = 0, alone = 0
        for yy in rows {
            if b[yy * w + x] != 0 { inked += 1 }
            if (x < 3 || b[yy * w + x - 3] == 0) && (x + 3 >= w || b[yy * w + x + 3] == 0) {
                alone += 1
            } else if b[yy * w + x] != 0 {
                // A thick line's column: the row's ink through x measured.
                var left = x, right = x
                while left > 0 && b[yy * w + left - 1] != 0 && right - left < thickest { left -= 1 }
                while right < w - 1 && b[yy * w + right + 1] != 0 && right - left < thickest { right += 1 }
                let width = right - left + 1
                if width >= 3 && width <= thickest && (left < 3 || b[yy * w + left - 3] == 0) && (right + 3 >= w || b[yy * w + right + 3] == 0) { alone += 1 }
            }
        }
        return inked * 100 >= rows.count * 85 && alone * 2 >= rows.count
    }

    /// Marks `uprightLine` on the inked pixels of the `uprights` that are lines: those as long
    /// as a rule (`horizontalRun`), and shorter ones that are a box's side (`meetsRule`,
    /// `crossesRules`). Returns whether there were any, and the inked pixels (indices) of the
    /// uprights kept as strokes written in cells. Decided before any is marked, so that
    /// an upright never meets a rule by ending beside another upright.
    func markBoxSides(_ uprights: [UprightRun], horizontalRun: Int) -> (found: Bool, strokesInCells: [Int]) {
        let b = binary, m = marks, w = width
        let meeting = uprights.filter {
            $0.rows.count >= horizontalRun || meetsRule(x: $0.x, y: $0.rows.lowerBound) || meetsRule(x: $0.x, y: $0.rows.upperBound)
                || crossesRules(x: $0.x, rows: $0.rows)
        }
        // But a 1 written in a cell, between two sides (OnesInCells.swift).
        let written = strokesWrittenInCells(meeting)
        let sides = zip(meeting, written).filter { !$0.1 }.map(\.0)
        for (x, rows) in sides {
            for yy in rows where b[yy * w + x] != 0 { m[yy * w + x] |= LineMark.uprightLine }
        }
        let strokes: [Int] = zip(meeting, written).filter(\.1).flatMap { pair -> [Int] in
            let (x, rows) = pair.0
            return rows.map { $0 * w + x }.filter { b[$0] != 0 }
        }
        return (!sides.isEmpty, strokes)
    }

    /// Whether a rule's pixel lies within 3 pixels of (x, y), the end of an upright. An upright
    /// shorter than a rule is a box's side only where it meets a rule at a corner: the stem of
    /// a 7 or 9 with a long descender, turned upright on a tilted page, is as long and as
    /// straight, but meets none.
    func meetsRule(x: Int, y: Int) -> Bool {
        let m = marks, w = width, h = height
        for yy in Swift.max(0, y - 3)...Swift.min(h - 1, y + 3) {
            for xx in Swift.max(0, x - 3)...Swift.min(w - 1, x + 3) where m[yy * w + xx] & LineMark.acrossLine != 0 { return true }
        }
        return false
    }

    /// Whether the upright in column `x` over `rows` crosses two rules or more (within a
    /// pixel of its column). Nor does a stem cross two rules, as a grid's upright does (graph
    /// paper cropped wider than tall: its uprights run from edge to edge, shorter than a rule,
    /// and end on none).
    func crossesRules(x: Int, rows: ClosedRange<Int>) -> Bool {
        let m = marks, w = width
        var crossings = 0, onRule = false
        for yy in rows {
            let here = (Swift.max(0, x - 1)...Swift.min(w - 1, x + 1)).contains { m[yy * w + $0] & LineMark.acrossLine != 0 }
            if here && !onRule { crossings += 1 }
            onRule = here
        }
        return crossings >= 2
    }

    /// Marks the lines' bands (`acrossBand`, `uprightBand`): the line's pixels and the ink up
    /// to 2 pixels beside them (a thick or slightly slanted rule has shorter runs next to its
    /// longest ones).
    func markBands() {
        let b = binary, m = marks, w = width, h = height
        let acrossLine = LineMark.acrossLine, acrossBand = LineMark.acrossBand
        let uprightLine = LineMark.uprightLine, uprightBand = LineMark.uprightBand
        for y in 0..<h {
            for x in 0..<w where m[y * w + x] & (acrossLine | uprightLine) != 0 {
                for (line, band) in [(acrossLine, acrossBand), (uprightLine, uprightBand)] where m[y * w + x] & line != 0 {
                    for d in -2...2 where d != 0 {
                        if x + d >= 0 && x + d < w && b[y * w + x + d] != 0 && m[y * w + x + d] & line == 0 { m[y * w + x + d] |= band }
                        if y + d >= 0 && y + d < h && b[(y + d) * w + x] != 0 && m[(y + d) * w + x] & line == 0 { m[(y + d) * w + x] |= band }
                    }
                }
            }
        }
    }
}

/// A page with printed lines often has some too faint for the ink threshold along part of
/// their length: a thin box side resampled when the page was turned level, or printed light,
/// binarizes into dashes each shorter than a rule, and the dashes are read as 1s. So once
/// `removeStraightLines` has found lines on a page, they are looked for again in the ink
/// map at half its threshold, where such a line is whole, and each piece of `binary` that
/// lies (90% of it) on a line found there is erased. Only whole pieces go: a digit that
/// touches a faint line, or a desk's texture that passes for one, keeps every stroke; nor a
/// piece holding a stroke the first pass kept as written in a cell (`strokesInCells`, pixel
/// indices): at half the threshold a 1 written close to its cell's rules runs into them and
/// passes for a side.
func removeFaintLineStretches(_ binary: inout [UInt8], inkMap: InkMap, horizontalRun: Int, verticalRun: Int, strokesInCells: [Int] = []) {
    let cut = InkMap.cut(forThreshold: inkMap.threshold / 2)
    let faint = inkMap.levels.map { $0 > cut ? UInt8(255) : 0 }
    var remaining = faint
    guard removeStraightLines(&remaining, width: inkMap.width, height: inkMap.height, horizontalRun: horizontalRun, verticalRun: verticalRun, levels: inkMap.levels) else { return }
    let pieces = connectedComponents(binary, width: inkMap.width, height: inkMap.height)
    var onLine = [Int](repeating: 0, count: pieces.components.count)
    for i in binary.indices where binary[i] != 0 && faint[i] != 0 && remaining[i] == 0 { onLine[Int(pieces.labels[i])] += 1 }
    let written = Set(strokesInCells.map { Int(pieces.labels[$0]) })
    let isDash = pieces.components.indices.map { $0 > 0 && !written.contains($0) && onLine[$0] * 10 >= pieces.components[$0].area * 9 }
    for i in binary.indices where binary[i] != 0 && isDash[Int(pieces.labels[i])] { binary[i] = 0 }
}

/// A box's sides seen at a slant (a form photographed from below, its sides converging)
/// are no upright runs of one column, so `removeStraightLines` erases the box's rules and
/// leaves the sides, which read as 1s. A piece of `binary` left standing between two erased
/// lines is such a side: it reaches from erased ink (ink of `inkBeforeLineRemoval` that is
/// gone, within 3 pixels of its top row) to erased ink again (likewise at its bottom), or
/// from erased ink to the picture's edge where the crop cut the box. It is at least 0.6
/// `digitHeight` tall and three times as tall as wide, and straight: its row centres lie
/// within 1.5 pixels of a line at most 14° off the vertical. A digit written in a box, even a
/// "1", leaves a gap to one rule at least; one crossing a rule has ink beyond it and is no
/// straight line. The erased ink may be a rule or an upright's faint stretch (a dash left
/// between two of them goes too); so a "1" standing upright within 3 pixels of an erased box
/// side at both ends, or on a rule in a crop cut just above it, goes as well. (In a picture
/// turned level by `Deskew`, "the edge" is the turned canvas's.) But not a piece holding a
/// stroke `removeStraightLines` kept as written in a cell (`strokesInCells`, pixel indices):
/// a 1 between two sides, a cell's width apart ("661" in boxes read "66"); nor one standing
/// in one of a form's `cells` found by their shape (`standsInACell`): "15780" read "5780".
func removeSlantedBoxSides(_ binary: inout [UInt8], inkBeforeLineRemoval before: [UInt8], width w: Int, height h: Int, digitHeight: Double,
                           strokesInCells: [Int] = [], cells: [FormCell] = []) {
    let pieces = connectedComponents(binary, width: w, height: h)
    func nearErasedInk(row y: Int, columns: ClosedRange<Int>) -> Bool {
        for yy in Swift.max(0, y - 3)...Swift.min(h - 1, y + 3) {
            for xx in Swift.max(0, columns.lowerBound - 3)...Swift.min(w - 1, columns.upperBound + 3)
            where before[yy * w + xx] != 0 && binary[yy * w + xx] == 0 { return true }
        }
        return false
    }
    var sides = [Int32]()
    for (index, c) in pieces.components.enumerated().dropFirst() where Double(c.height) >= Swift.max(8, 0.6 * digitHeight) && c.width * 3 <= c.height {
        let label = Int32(index)
        // Row centres, and the columns inked in the top and bottom rows.
        let centres = pieces.rowCentres(of: index)
        let topX = Int(centres.first!.x), bottomX = Int(centres.last!.x)
        let topOnRule = nearErasedInk(row: c.y, columns: topX...topX), bottomOnRule = nearErasedInk(row: c.y + c.height - 1, columns: bottomX...bottomX)
        guard (topOnRule || c.y <= 2) && (bottomOnRule || c.y + c.height >= h - 2) && (topOnRule || bottomOnRule) else { continue }
        // The side's centre line, x along y.
        guard let line = fitLine(centres.map { ($0.y, $0.x) }), abs(line.slope) <= 0.25,
              centres.allSatisfy({ abs($0.x - line.at($0.y)) <= 1.5 }) else { continue }
        sides.append(label)
    }
    guard !sides.isEmpty else { return }
    let written = Set(strokesInCells.map { pieces.labels[$0] }).union(sides.filter { label in
        let c = pieces.components[Int(label)]
        return standsInACell(Box(x: c.x, y: c.y, width: c.width, height: c.height), cells: cells)
    })
    let erase = Set(sides).subtracting(written)
    for i in binary.indices where binary[i] != 0 && erase.contains(pieces.labels[i]) { binary[i] = 0 }
}
