/// Step 4: ruled lines and printed box borders erased from the binary ink map, strokes that
/// cross them kept (used by `segment` in Segmentation.swift).

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
    // Bits of a pixel's mark: on a long level run, in the band around one, and the same for
    // upright runs (where graph paper's lines cross, a pixel is on both).
    let acrossLine: UInt8 = 1, acrossBand: UInt8 = 2, uprightLine: UInt8 = 4, uprightBand: UInt8 = 8
    var marks = [UInt8](repeating: 0, count: w * h)
    var found = false
    // The thickest line erased, in pixels (why: where lines are found below).
    let thickest = Swift.max(3, Int((Double(verticalRun) / 7).rounded()))
    binary.withUnsafeBufferPointer { bin in
        marks.withUnsafeMutableBufferPointer { mark in
            let b = bin.baseAddress!, m = mark.baseAddress!
            // Eight pixels at a time where the page is blank (most of it).
            func blank8(_ p: UnsafePointer<UInt8>) -> Bool { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) == 0 }
            // Lines are printed thin, or thick (bold table rules) or scanned large (a form's
            // box side 3 pixels wide is 6–12 scanned at two to four times the resolution): up
            // to `thickest` pixels, a fifth of a digit's height (a seventh of `verticalRun`).
            // (A quarter let a keystoned photo's filled corner, narrow near its tip, pass for
            // an upright line.) Rules across and upright lines take the same measure: a bold
            // table's sides erased and its rules kept left each rule's stretch over a cell to
            // be joined to the 1 in it, read as a 5.
            // A rule is thin: a run with solid ink for `depth` pixels (6, or more than
            // `thickest`) above and below it along most of its length lies inside a solid
            // patch (the dark desk in a tilted photo's corner), and one with solid ink on one
            // side along almost all of it, along the patch's edge. Writing on a rule inks one
            // side along part of it only, and the next rule of graph paper is ink 6 pixels off
            // but not solid ink up to it.
            let depth = Swift.max(6, thickest + 2)
            func isThinAcross(row y: Int, columns: Range<Int>) -> Bool {
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
            // Horizontal runs, over two rows at a time: a rule levelled to within a pixel (a
            // scan turned level, a slightly slanted print) steps from one row to the next.
            for y in 0..<h {
                let row = b + y * w, next = b + Swift.min(y + 1, h - 1) * w
                var x = 0
                while x < w {
                    if x + 8 <= w && blank8(row + x) && blank8(next + x) { x += 8; continue }
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
                    // digits are tall (2.2 of them make `horizontalRun`), with ink in the two
                    // rows along 90% of it, is such a rule. (Joined zeros' flat bottoms step
                    // the same way, but stop short of the edge.)
                    let acrossPicture = (x <= 1 || end >= w - 1) && (end - x) * 4 >= w * 3
                        && (end - x) * 22 >= horizontalRun * 15 && inked * 10 >= (end - x) * 9
                    if (end - x >= horizontalRun && straight || acrossPicture) && isThinAcross(row: y, columns: x..<end) {
                        for xx in x..<end {
                            if row[xx] != 0 { m[y * w + xx] |= acrossLine }
                            if next[xx] != 0 { m[Swift.min(y + 1, h - 1) * w + xx] |= acrossLine }
                        }
                        found = true
                    }
                    x = end
                }
            }
            // Vertical runs, also row by row (cache-friendly): each column counts the length
            // of the run it is in, up to its last ink, and the blank pixels since; a run is
            // listed when it ends. As across, gaps of up to two pixels are bridged (a box's
            // upright binarized into dashes); a run in one column is straight by itself.
            // A block of 8 columns all outside a run over 8 blank pixels is skipped whole.
            // A run is a line only if gaps are few (ink on 85% of its rows) and it stands
            // alone: blank three pixels to each side on half its rows. Speckled texture (a
            // shadowed desk, a noisy scan) has long runs too, bridged or not, but dense; on the
            // real photos, erasing those unbroken runs as well cost 0.2–2.5 points.
            // A line printed thick or scanned large (see `thickest`) stands as alone as a thin
            // one when the row's ink through it is no wider and blank 3 pixels beyond both ends.
            func isThinUpright(x: Int, rows: ClosedRange<Int>) -> Bool {
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
            var uprights = [(x: Int, rows: ClosedRange<Int>)]()
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
                    let blank = y == h || (x1 - x0 == 8 && blank8(row + x0))
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
            // An upright shorter than a rule is a box's side only where it meets a rule at a
            // corner: the stem of a 7 or 9 with a long descender, turned upright on a tilted
            // page, is as long and as straight, but meets none.
            func meetsRule(x: Int, y: Int) -> Bool {
                for yy in Swift.max(0, y - 3)...Swift.min(h - 1, y + 3) {
                    for xx in Swift.max(0, x - 3)...Swift.min(w - 1, x + 3) where m[yy * w + xx] & acrossLine != 0 { return true }
                }
                return false
            }
            // Nor does a stem cross two rules, as a grid's upright does (graph paper cropped
            // wider than tall: its uprights run from edge to edge, shorter than a rule, and
            // end on none).
            func crossesRules(x: Int, rows: ClosedRange<Int>) -> Bool {
                var crossings = 0, onRule = false
                for yy in rows {
                    let here = (Swift.max(0, x - 1)...Swift.min(w - 1, x + 1)).contains { m[yy * w + $0] & acrossLine != 0 }
                    if here && !onRule { crossings += 1 }
                    onRule = here
                }
                return crossings >= 2
            }
            // Decided before any is marked, so that an upright never meets a rule by ending
            // beside another upright.
            let sides = uprights.filter {
                $0.rows.count >= horizontalRun || meetsRule(x: $0.x, y: $0.rows.lowerBound) || meetsRule(x: $0.x, y: $0.rows.upperBound)
                    || crossesRules(x: $0.x, rows: $0.rows)
            }
            for (x, rows) in sides {
                for yy in rows where b[yy * w + x] != 0 { m[yy * w + x] |= uprightLine }
                found = true
            }
            guard found else { return }
            // The line's band: its pixels and the ink up to 2 pixels beside them (a thick or
            // slightly slanted rule has shorter runs next to its longest ones).
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
    guard found else { return false }
    // Keep band pixels where a stroke crosses: ink outside the band on both sides.
    var result = binary
    binary.withUnsafeBufferPointer { bin in
        marks.withUnsafeBufferPointer { mark in
            let b = bin.baseAddress!, m = mark.baseAddress!
            func ink(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < w && y < h && b[y * w + x] != 0 && m[y * w + x] == 0 }
            // Where the lines are printed far lighter than the writing (graph paper, a
            // notebook's pale rules), the ink says which pixels are writing: a stroke running
            // along a line or crossing it keeps its own darkness, the line beside it does not.
            if let levels, let threshold = writingLevel(levels, binary: b, marks: m, lineBits: acrossLine | uprightLine, count: w * h) {
                for i in 0..<(w * h) where m[i] != 0 && levels[i] < threshold { result[i] = 0 }
                return
            }
            // The ink beyond must be a piece of writing, not the fringe of a dashed or blotchy
            // line's blots left on both sides of its band (which joined them into a column of
            // "1"s on a form enlarged 10 times): the ink off the lines and their bands, in
            // pieces; a piece of a hundredth of a digit's height squared or more (the tip of a
            // 2 cut off by an upright is a few times that). Labelled when first asked: most
            // lines have no ink beyond them on both sides.
            lazy var pieces = connectedComponents((0..<(w * h)).map { b[$0] != 0 && m[$0] == 0 ? 255 : 0 }, width: w, height: h)
            // (The digit height as `eraseLines` set the upright run from it.)
            let digitHeight = Double(verticalRun) / 1.35, leastPiece = Int(digitHeight * digitHeight / 100)
            func sizeable(_ x: Int, _ y: Int) -> Bool { pieces.components[Int(pieces.labels[y * w + x])].area >= leastPiece }
            // Whether ink at (x, y) runs on as far as a line: a line too thick to be erased
            // whole (only its edges were) is ink beyond the erased band too, but is no stroke.
            func alongLine(_ x: Int, _ y: Int, across: Bool) -> Bool {
                let (dx, dy, run) = across ? (1, 0, horizontalRun) : (0, 1, verticalRun)
                var length = 1
                for sign in [-1, 1] {
                    var k = 1
                    while length < run {
                        let xx = x + sign * k * dx, yy = y + sign * k * dy
                        guard xx >= 0, yy >= 0, xx < w, yy < h, b[yy * w + xx] != 0 else { break }
                        length += 1; k += 1
                    }
                }
                return length >= run
            }
            // A stroke crossing a line wider than 4 pixels with its band (a bold table's rule, a
            // form scanned large) has its ink on the two sides further apart. Along each row
            // (for upright lines) and each column (for rules), a run of the ink of one line and
            // its band (not a crossing line's, where a rule meets a box's side) is crossed where
            // writing lies within 2 pixels beyond both its ends; a pixel of it counts when both
            // ends are within the thickest line and its band (4 pixels) of it.
            var crossedWide = [Bool](repeating: false, count: w * h)
            func markCrossings(lines: Int, along: Int, across: Bool) {
                let family = across ? acrossLine | acrossBand : uprightLine | uprightBand
                func at(_ line: Int, _ t: Int) -> (x: Int, y: Int) { across ? (line, t) : (t, line) }
                func writing(_ line: Int, _ t: Int) -> Bool {
                    guard t >= 0, t < along else { return false }
                    let (x, y) = at(line, t)
                    return ink(x, y) && sizeable(x, y) && !alongLine(x, y, across: across)
                }
                let reach = thickest + 4
                for line in 0..<lines {
                    var t = 0
                    while t < along {
                        let (x, y) = at(line, t)
                        guard b[y * w + x] != 0, m[y * w + x] & family != 0 else { t += 1; continue }
                        var end = t
                        while end + 1 < along, case let (xx, yy) = at(line, end + 1), b[yy * w + xx] != 0, m[yy * w + xx] & family != 0 { end += 1 }
                        if end - t + 1 < 2 * reach, (1...3).contains(where: { writing(line, t - $0) }), (1...3).contains(where: { writing(line, end + $0) }) {
                            for k in Swift.max(t, end + 1 - reach)...Swift.min(end, t - 1 + reach) { let (kx, ky) = at(line, k); crossedWide[ky * w + kx] = true }
                        }
                        t = end + 1
                    }
                }
            }
            markCrossings(lines: h, along: w, across: false)
            markCrossings(lines: w, along: h, across: true)
            for y in 0..<h {
                for x in 0..<w where m[y * w + x] != 0 {
                    let across = m[y * w + x] & (acrossLine | acrossBand) != 0, upright = m[y * w + x] & (uprightLine | uprightBand) != 0
                    let crossedVertically = (1...4).contains { ink(x, y - $0) } && (1...4).contains { ink(x, y + $0) }
                    let crossedHorizontally = (1...4).contains { ink(x - $0, y) } && (1...4).contains { ink(x + $0, y) }
                    if across && crossedVertically || upright && crossedHorizontally { continue }
                    if !crossedWide[y * w + x] { result[y * w + x] = 0 }
                }
            }
        }
    }
    binary = result
    return true
}

/// The ink level from which a pixel on a line is writing, not line: halfway between the
/// lines' median level (pixels `marks` flags with `lineBits`) and the rest of the ink's, when
/// the writing is at least `minimumContrast` levels darker than the lines (pale rules,
/// graph paper); nil when it is not (black form boxes, a pencil on pale rules), and the
/// lines' shape decides.
func writingLevel(_ levels: [UInt8], binary b: UnsafePointer<UInt8>, marks m: UnsafePointer<UInt8>, lineBits: UInt8, count: Int,
                  minimumContrast: Int = 60) -> UInt8? {
    var line = [Int](repeating: 0, count: 256), writing = [Int](repeating: 0, count: 256)
    for i in 0..<count where b[i] != 0 {
        if m[i] & lineBits != 0 { line[Int(levels[i])] += 1 } else if m[i] == 0 { writing[Int(levels[i])] += 1 }
    }
    func median(_ histogram: [Int]) -> Int? {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return nil }
        var seen = 0
        for (level, n) in histogram.enumerated() { seen += n; if seen * 2 >= total { return level } }
        return nil
    }
    guard let lineLevel = median(line), let writingLevel = median(writing), writingLevel - lineLevel >= minimumContrast else { return nil }
    return UInt8((lineLevel + writingLevel) / 2)
}

/// A page with printed lines often has some too faint for the ink threshold along part of
/// their length: a thin box side resampled when the page was turned level, or printed light,
/// binarizes into dashes each shorter than a rule, and the dashes are read as 1s. So once
/// `removeStraightLines` has found lines on a page, they are looked for again in the ink
/// map at half its threshold, where such a line is whole, and each piece of `binary` that
/// lies (90% of it) on a line found there is erased. Only whole pieces go: a digit that
/// touches a faint line, or a desk's texture that passes for one, keeps every stroke.
func removeFaintLineStretches(_ binary: inout [UInt8], inkMap: InkMap, horizontalRun: Int, verticalRun: Int) {
    let cut = InkMap.cut(forThreshold: inkMap.threshold / 2)
    let faint = inkMap.levels.map { $0 > cut ? UInt8(255) : 0 }
    var remaining = faint
    guard removeStraightLines(&remaining, width: inkMap.width, height: inkMap.height, horizontalRun: horizontalRun, verticalRun: verticalRun, levels: inkMap.levels) else { return }
    let pieces = connectedComponents(binary, width: inkMap.width, height: inkMap.height)
    var onLine = [Int](repeating: 0, count: pieces.components.count)
    for i in binary.indices where binary[i] != 0 && faint[i] != 0 && remaining[i] == 0 { onLine[Int(pieces.labels[i])] += 1 }
    let isDash = pieces.components.indices.map { $0 > 0 && onLine[$0] * 10 >= pieces.components[$0].area * 9 }
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
/// turned level by `Deskew`, "the edge" is the turned canvas's.)
func removeSlantedBoxSides(_ binary: inout [UInt8], inkBeforeLineRemoval before: [UInt8], width w: Int, height h: Int, digitHeight: Double) {
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
    let erase = Set(sides)
    for i in binary.indices where binary[i] != 0 && erase.contains(pieces.labels[i]) { binary[i] = 0 }
}
