/// Steps 4–6: remove ruled lines and box borders, find connected components, merge the
/// pieces of one digit, and drop what cannot be a digit by its shape.

/// A digit candidate: its box in processing pixels and the component labels it is made of.
public struct Candidate: Sendable {
    public var box: Box
    public var labels: [Int32]
    public var area: Int
}

/// Binary image plus component labels, in processing pixels.
public struct Segmentation: Sendable {
    public var candidates: [Candidate]
    /// Estimated digit height `h` in processing pixels.
    public var digitHeight: Double
    public var labels: ComponentLabels
    public var binary: [UInt8]
    /// Whether long straight (level or upright) lines were found and erased: the page itself
    /// is then level, whatever the handwriting's slope.
    public var linesRemoved = false
    /// Whether a form's boxes or cells were found and erased (PrintedMarks.swift,
    /// FormCells.swift): the digits written in them stand in level rows.
    public var boxesErased = false
    /// Ink of another size than `digitHeight` that looks like writing (SecondSize.swift).
    var writingOfAnotherSize = WritingOfAnotherSize()
}

/// The components drawn with a ruler: pieces of printed boxes and tables (an L, a T, a
/// comb of cells), whose ink lies almost all on straight horizontal and vertical runs as long
/// as the piece itself, in both directions. A handwritten digit has curves or slants; even a
/// plain "1" has runs in one direction only. Indices into `labels.components`.
func frameLikeComponents(_ labels: ComponentLabels) -> Set<Int> {
    var frames = Set<Int>()
    let w = labels.width
    labels.labels.withUnsafeBufferPointer { l in
        for (index, c) in labels.components.enumerated().dropFirst() where c.width >= 12 && c.height >= 12 {
            let label = Int32(index)
            let longAcross = Swift.max(10, Int(0.7 * Double(c.width))), longDown = Swift.max(10, Int(0.7 * Double(c.height)))
            var straight = 0, horizontal = false, vertical = false
            // Pixels on long horizontal runs, over two rows at a time (a line levelled to
            // within a pixel steps from one row to the next, as in `removeStraightLines`).
            func inked(_ x: Int, _ y: Int) -> Bool { y < c.height && x < c.width && l[(c.y + y) * w + c.x + x] == label }
            var onRun = [Bool](repeating: false, count: c.width * c.height)
            for y in 0..<c.height {
                var x = 0
                while x < c.width {
                    guard inked(x, y) || inked(x, y + 1) else { x += 1; continue }
                    var end = x
                    while end < c.width && (inked(end, y) || inked(end, y + 1)) { end += 1 }
                    if end - x >= longAcross {
                        horizontal = true
                        for k in x..<end { for yy in y...Swift.min(y + 1, c.height - 1) where inked(k, yy) { onRun[yy * c.width + k] = true } }
                    }
                    x = end
                }
            }
            // …and on long vertical runs, two columns at a time.
            for x in 0..<c.width {
                var y = 0
                while y < c.height {
                    guard inked(x, y) || inked(x + 1, y) else { y += 1; continue }
                    var end = y
                    while end < c.height && (inked(x, end) || inked(x + 1, end)) { end += 1 }
                    if end - y >= longDown {
                        vertical = true
                        for k in y..<end { for xx in x...Swift.min(x + 1, c.width - 1) where inked(xx, k) { onRun[k * c.width + xx] = true } }
                    }
                    y = end
                }
            }
            guard horizontal && vertical else { continue }
            for v in onRun where v { straight += 1 }
            if Double(straight) >= 0.85 * Double(c.area) { frames.insert(index) }
        }
    }
    return frames
}

/// Whether component `index` is a grid of printed lines: graph paper, a table, a notebook's
/// rules joined by its margin line — at least three thin lines one way and one the other,
/// each running along 70% of it. A digit drawn with straight strokes (a "7" like a gallows, a
/// "4") is frame-like too, but has one or two each way.
func isGrid(_ labels: ComponentLabels, index: Int) -> Bool {
    let c = labels.components[index], label = Int32(index), w = labels.width
    // Printed lines are thin: a band of long runs thicker than a sixtieth of their length (4
    // pixels at least) is a pen stroke, such as a drawn 5's bars.
    func lines(count: Int, length: Int, _ inked: (Int, Int) -> Bool) -> Int {
        var found = 0, thickness = 0
        let thickest = Swift.max(4, length / 60)
        for i in 0...count {
            var run = 0, longest = 0
            if i < count { for j in 0..<length { run = inked(i, j) ? run + 1 : 0; longest = Swift.max(longest, run) } }
            if longest * 10 >= length * 7 {
                thickness += 1
            } else {
                if thickness > 0 && thickness <= thickest { found += 1 }
                thickness = 0
            }
        }
        return found
    }
    return labels.labels.withUnsafeBufferPointer { l in
        let across = lines(count: c.height, length: c.width) { y, x in l[(c.y + y) * w + c.x + x] == label }
        let upright = lines(count: c.width, length: c.height) { x, y in l[(c.y + y) * w + c.x + x] == label }
        return (across >= 3 && upright >= 1) || (across >= 1 && upright >= 3)
    }
}

/// Finds digit candidates in an ink map. When the map was turned level by `deskew`, what
/// touches the picture's edge is judged in the source picture, whose edges are the ones
/// that cut the desk and the page. When it is a photo turned level onto a larger canvas
/// (`levelledFrom`), what lies along the photo's own frame may be left out of the digits'
/// height (`LevelledPhoto.digitHeight`).
public func segment(_ inkMap: InkMap, parameters: PipelineParameters, deskew: Deskew? = nil, levelledFrom levelled: LevelledPhoto? = nil) throws -> Segmentation {
    let w = inkMap.width, h = inkMap.height
    let sourceWidth = deskew?.sourceWidth ?? w, sourceHeight = deskew?.sourceHeight ?? h
    func inSource(_ box: Box) -> Box { deskew?.mapBack(box) ?? box }
    let inkAsGiven = inkMap
    var inkMap = inkMap
    var labels = connectedComponents(inkMap.binary, width: w, height: h)
    var linesRemoved = false
    // Printed box lines are left out of the estimate: they are as tall as the boxes, and an
    // estimate that tall would keep them from being recognized as lines at all. So is what lies
    // along the picture's edge (`edgeBands`: a wedge of desk outweighs the digits).
    var frames = parameters.removeLines ? frameLikeComponents(labels) : []
    // Dot-grid paper's dots and a form's closed boxes go first (see PrintedMarks.swift).
    var boxesErased = false
    if parameters.removeLines, case let (dots, boxSides) = (printedDots(labels), closedBoxSides(labels)), !dots.isEmpty || !boxSides.isEmpty {
        (inkMap, labels) = erasing(dots, pixels: boxSides, from: inkMap, labels: labels)
        frames = frameLikeComponents(labels)
        boxesErased = !boxSides.isEmpty
    }
    // A form's cells, whose sides are too short for rules (FormCells.swift), go before the
    // digits are measured. Rules are still looked for in the ink with the cells (`withCells`),
    // the cells' pixels erased with them (`alsoErasing`): a row of cells shares long rules, found whole as rules,
    // which the cells' erasure (keeping stubs where digits touch) would break up.
    let withCells = inkMap
    var cellPixels = [Int]()
    let cells = parameters.removeLines ? eraseFormCells(&inkMap.binary, width: w, height: h) : []
    if !cells.isEmpty {
        cellPixels = (0..<(w * h)).filter { withCells.binary[$0] != 0 && inkMap.binary[$0] == 0 }
        labels = connectedComponents(inkMap.binary, width: w, height: h)
        frames = frameLikeComponents(labels)
        boxesErased = true
    }
    var binary = inkMap.binary
    // Grids: frame-like, or (digits joined to it outweighing its straight ink) sparse over a
    // quarter of the picture, as a notebook's rules joined by the margin line are: its ink
    // under a third of its box (a fine grid with bold lines, digits joined, fills a fifth). They
    // are left out of the digit height, as frames are: an engineering pad's squares, a third
    // of the digits' height, measured as digits made every line of it a 1.
    let grids = Set(labels.components.indices.dropFirst().filter { index in
        let c = labels.components[index]
        let sparse = c.width * c.height * 4 > w * h && c.area * 3 < c.width * c.height
        return parameters.removeLines && (frames.contains(index) || sparse) && isGrid(labels, index: index)
    })
    // With a grid, what else touches the picture's edge is a piece of the grid its frame cut
    // off (a flat scan of graph paper, its digits all joined to the grid: such pieces, 60 and
    // 8 pixels tall, were measured as the digits, and the lines erased by 8 pixels took the
    // 21-pixel digits with them). It is left out of the digits' height as the grid is.
    let gridPieces = grids.isEmpty ? [] : Set(labels.components.indices.dropFirst().filter { index in
        let c = labels.components[index]
        return !grids.contains(index) && (c.x == 0 || c.y == 0 || c.x + c.width == w || c.y + c.height == h)
    })
    let smallPictureSide = parameters.smallPictureSide
    let notDigits = edgeBands(labels).union(frames).union(grids).union(gridPieces).union(longStraightLines(labels)).union(framingOthers(labels))
    /// The height `estimate` measured on `labels` leaving out `leftOut` and `grids`, or, in a
    /// photo turned level, measured again without what lies along its frame when that made it.
    /// `leftOut` is worked out only then: most pictures are not turned level.
    func measured(_ labels: ComponentLabels, leftOut: @autoclosure () -> Set<Int>, grids: Set<Int>, estimate: Double) -> Double {
        guard let levelled else { return estimate }
        return levelled.digitHeight(estimate, labels: labels, leftOut: leftOut(), grids: grids, smallPictureSide: smallPictureSide)
    }
    var digitHeight = measured(labels, leftOut: notDigits, grids: grids.union(gridPieces),
                               estimate: estimateDigitHeight(labels.components.dropFirst(), imageWidth: w, imageHeight: h, smallPictureSide: smallPictureSide,
                                                             leftOut: notDigits, grids: grids.union(gridPieces)))
    // Measured before rules are erased at this height: they would take a heading's long strokes.
    let otherSize = writingOfAnotherSize(labels.components.dropFirst(), digitHeight: digitHeight, imageWidth: w, imageHeight: h,
                                         leftOut: notDigits, maximumHeightFraction: parameters.maximumHeightFraction,
                                         smallPictureSide: smallPictureSide)
    if parameters.removeLines && digitHeight > 0 {
        if var erased = eraseLines(withCells, digitHeight: digitHeight, smallPictureSide: smallPictureSide, alsoErasing: cellPixels, of: cells) {
            // On graph paper the digits touch the grid and are part of it; what was measured
            // was bits of grid cut off at the picture's edge. The lines erased by that height
            // leave the digits (their ink is darker than the grid's), far taller: lines are
            // erased again by the digits' own height.
            if erased.digitHeight > 1.5 * digitHeight,
               let again = eraseLines(withCells, digitHeight: erased.digitHeight, smallPictureSide: smallPictureSide, alsoErasing: cellPixels, of: cells) { erased = again }
            let height = measured(erased.labels, leftOut: edgeBands(erased.labels).union(framingOthers(erased.labels)), grids: [], estimate: erased.digitHeight)
            (binary, labels, digitHeight, linesRemoved) = (erased.binary, erased.labels, height, true)
        }
    } else if parameters.removeLines, let grid = grids.map({ labels.components[$0] }).max(by: { $0.area < $1.area }),
              let erased = eraseLines(withCells, horizontalRun: Swift.max(12, grid.width / 2), verticalRun: Swift.max(12, grid.height / 2),
                                      smallPictureSide: smallPictureSide, alsoErasing: cellPixels) {
        // Every digit touches the grid (graph paper), so no digit was left to measure. The
        // grid's lines are found without the digits' height: no stroke of a digit runs half
        // across the grid, as its lines do.
        (binary, labels, digitHeight, linesRemoved) = (erased.binary, erased.labels, erased.digitHeight, true)
    }
    let hh = Swift.max(digitHeight, 1)
    // Candidates: components that are not specks or page-sized.
    func candidates(of labels: ComponentLabels) -> [Candidate] {
        var pieces = [Candidate]()
        for (index, c) in labels.components.enumerated().dropFirst() {
            if Double(c.height) > parameters.maximumHeightFraction * hh || Double(c.width) > parameters.maximumWidthFraction * hh { continue }
            if Double(c.height) < 0.12 * hh && Double(c.width) < 0.12 * hh { continue }
            let box = inSource(Box(x: c.x, y: c.y, width: c.width, height: c.height))
            let touchesBorder = box.x == 0 || box.y == 0 || box.maxX == sourceWidth || box.maxY == sourceHeight
            if touchesBorder && Double(c.area) > 0.9 * Double(c.width * c.height) { continue }
            // What is left of a box the crop cut through (CutFormCells.swift), beside boxes erased.
            if boxesErased, box.x <= 2 || box.maxX >= sourceWidth - 2, isCutBoxRemnant(labels, index: index, atLeft: box.x <= 2) { continue }
            pieces.append(Candidate(box: Box(x: c.x, y: c.y, width: c.width, height: c.height), labels: [Int32(index)], area: c.area))
        }
        return mergePieces(pieces, digitHeight: hh, parameters: parameters)
    }
    var merged = candidates(of: labels)
    // A light digit's fragments, too short for digits, joined by their fainter ink (FaintFragments.swift).
    if joiningFaintFragments(&binary, inkMap: inkAsGiven, candidates: merged, labels: labels, digitHeight: hh,
                             pictureSide: Swift.min(sourceWidth, sourceHeight), parameters: parameters) {
        labels = connectedComponents(binary, width: w, height: h)
        merged = candidates(of: labels)
    }
    // In a photo much larger than its digits, what touches the picture's edge is the desk,
    // the page's edge or a digit cut in half, unless it lies in line with the writing (a
    // number cropped close). In a tight crop, digits may touch the edge anywhere, so this
    // applies only when the picture is over 6 digits high and wide.
    let roomy = Double(Swift.min(sourceWidth, sourceHeight)) > 6 * hh
    let shaped = merged.filter { isDigitShaped($0.box, digitHeight: hh, parameters: parameters) }
    // "Touches" with a fifth of a digit height to spare: a sliver of the desk's edge a few
    // pixels in is no more a digit than one on the edge.
    let margin = Swift.max(3, Swift.min(sourceWidth, sourceHeight) / 200, Int(0.2 * hh))
    // In a photo turned level, what lies along the photo's own frame is at its edge too.
    let alongThePhotosFrame: Set<Int> = levelled.map { alongTheFrame(labels, frame: $0.frame) } ?? []
    let atEdge = shaped.map { c in
        let box = inSource(c.box)
        return roomy && (box.x <= margin || box.y <= margin || box.maxX >= sourceWidth - margin || box.maxY >= sourceHeight - margin
                         || c.labels.contains { alongThePhotosFrame.contains(Int($0)) })
    }
    let strokes = atEdge.contains(true) ? shaped.map { strokeWidth(candidateMask($0, labels: labels), width: $0.box.width, height: $0.box.height) } : []
    let kept = keepingThoseInLine(shaped, atEdge: atEdge, strokes: strokes, digitHeight: hh)
    return Segmentation(candidates: kept, digitHeight: digitHeight, labels: labels, binary: binary, linesRemoved: linesRemoved, boxesErased: boxesErased,
                        writingOfAnotherSize: otherSize)
}

/// The candidates not `atEdge`, those at the edge that lie in line with them, one after
/// another (a number cropped close, its first digit at the frame, and the next one at the
/// frame beside it), and whole rows of digit-high marks along the frame (below). In line: at
/// least 60% of `digitHeight` tall (a digit the frame cuts little), overlapping a kept
/// candidate by half the shorter one's height, neither twice the other's height (a 9's long
/// tail is not), and no more than 1.5 digit heights apart (a writer's spacing); and drawn with
/// the writing's pen: its `strokes` (one per candidate, as `strokeWidth` measures them)
/// 0.65–1.6 times the median of the others'. A wedge of desk or a shadow at the frame beside
/// a line of writing lies above or below it, is far taller or shorter than its digits, or is
/// solid (a shadow's corner in line with a row: twice the pen's width).
func keepingThoseInLine(_ candidates: [Candidate], atEdge: [Bool], strokes: [Double], digitHeight h: Double) -> [Candidate] {
    guard atEdge.contains(true) else { return candidates }
    var kept = atEdge.map { !$0 }
    let inside = candidates.indices.filter { kept[$0] }.map { strokes[$0] }.sorted()
    let typicalStroke = inside.isEmpty ? 0 : inside[inside.count / 2]
    func inLine(_ a: Box, _ b: Box) -> Bool {
        let (ha, hb) = (Double(a.height), Double(b.height))
        let overlap = Double(Swift.min(a.maxY, b.maxY) - Swift.max(a.y, b.y))
        let gap = Double(Swift.max(a.x, b.x) - Swift.min(a.maxX, b.maxX))
        return ha >= 0.6 * h && ha <= 2 * hb && hb <= 2 * ha && overlap >= 0.5 * Swift.min(ha, hb) && gap <= 1.5 * h
    }
    func drawnWithThePen(_ i: Int) -> Bool { strokes[i] >= 0.65 * typicalStroke && strokes[i] <= 1.6 * typicalStroke }
    var joined = true
    while joined {
        joined = false
        for i in candidates.indices where !kept[i] && drawnWithThePen(i) {
            if candidates.indices.contains(where: { kept[$0] && inLine(candidates[i].box, candidates[$0].box) }) {
                kept[i] = true
                joined = true
            }
        }
    }
    // A whole row along the top or bottom of the frame has no digit inside to join: three or
    // more marks in line with each other, each of a digit's full height and the pen's stroke,
    // are a line of writing (a row the frame cuts is shorter).
    let rowMarks = candidates.indices.filter { i in
        let height = Double(candidates[i].box.height)
        return !kept[i] && height >= 0.8 * h && height <= 1.6 * h && drawnWithThePen(i)
    }
    var row = [Int: Int]()      // mark -> the first mark of its row
    for i in rowMarks where row[i] == nil {
        var members = [i], next = 0
        row[i] = i
        while next < members.count {
            for j in rowMarks where row[j] == nil && inLine(candidates[members[next]].box, candidates[j].box) { row[j] = i; members.append(j) }
            next += 1
        }
        if members.count >= 3 { for m in members { kept[m] = true } }
    }
    return candidates.indices.filter { kept[$0] }.map { candidates[$0] }
}

/// Joins pieces that overlap horizontally (a 5's detached bar, a broken stroke) when the
/// union stays digit-sized and the gap is narrow: under 0.35 digit heights, and under 0.15
/// between two pieces each 0.4 digit heights tall or more.
func mergePieces(_ pieces: [Candidate], digitHeight h: Double, parameters: PipelineParameters) -> [Candidate] {
    let sorted = pieces.sorted { $0.area > $1.area }
    let joined = joiningPairs(sorted) { first, second in
        let a = first.box, b = second.box
        let overlap = Swift.min(a.maxX, b.maxX) - Swift.max(a.x, b.x)
        let narrower = Swift.max(1, Swift.min(a.width, b.width))
        guard Double(overlap) >= parameters.mergeOverlap * Double(narrower) else { return false }
        let gap = Swift.max(a.y, b.y) - Swift.min(a.maxY, b.maxY)
        // Two dots one above the other are a colon, not the pieces of a digit (which are
        // strokes: a broken stroke's pieces are long, a 5's bar wide).
        if isColon(first, second, digitHeight: h, parameters: parameters) { return false }
        let union = a.union(b)
        // A flat bar resting on a digit (a 5's top drawn apart, slanting up) may make
        // the union taller than digits usually are.
        let tallest = isFlatBarOnTop(a, of: b, digitHeight: h) || isFlatBarOnTop(b, of: a, digitHeight: h) ? 1.6 : 1.25
        // Two pieces each tall enough to be a digit, with a clear gap between them, are two
        // digits one under the other (a column of digits whose writing grows down the page,
        // its digit height measured by the larger ones): a "1" over a "2" joined read as a 3.
        // A digit broken by a faint stroke or the threshold breaks at a narrow gap.
        if Double(Swift.min(a.height, b.height)) >= 0.4 * h, Double(gap) > 0.15 * h { return false }
        return Double(gap) <= 0.35 * h && Double(union.height) <= tallest * h
    }
    // A faint stroke broken in two (a pencil "1" on a scan): two pieces each too short to be
    // a digit, almost touching, whose union has a digit's height. A thin pen's stroke breaks
    // into three and more (a form's "1" a pixel wide, its middle piece a speck too small to
    // keep, under a slight colour cast): thin upright pieces one under the other, a fifth of
    // the digit height apart at most, join on their way to a digit's height.
    let short = parameters.minimumHeightFraction * h, nearly = Swift.max(2, 0.08 * h)
    return joiningPairs(joined) { first, second in
        let a = first.box, b = second.box
        guard Double(a.height) < short, Double(b.height) < short else { return false }
        let gaps = a.gaps(to: b), union = a.union(b)
        let strokePieces = a.height >= 2 * a.width && b.height >= 2 * b.width && gaps.x <= 1 && gaps.y >= 0
        return Double(gaps.x) <= nearly && Double(gaps.y) <= (strokePieces ? Swift.max(nearly, 0.2 * h) : nearly)
            && (Double(union.height) >= short || strokePieces) && Double(union.height) <= 1.25 * h && Double(union.width) <= h
    }
}

/// `items` with every pair that `joins` accepts made one, the first of the two taking the
/// second's box and labels, again and again until no pair joins: the pairs are taken in the
/// order a scan from the start would find them, (0, 1), (0, 2), … (1, 2), …, after each join.
/// Only the pairs of the item that grew need looking at again (every other pair was looked
/// at and did not join), so a noisy 12-megapixel page of thousands of pieces takes a
/// fraction of a second, where scanning from the start after each join took minutes.
func joiningPairs(_ items: [Candidate], where joins: (Candidate, Candidate) -> Bool) -> [Candidate] {
    var items = items
    func join(_ i: Int, _ j: Int) {
        items[i] = Candidate(box: items[i].box.union(items[j].box), labels: items[i].labels + items[j].labels, area: items[i].area + items[j].area)
        items.remove(at: j)
    }
    var i = 0
    while i < items.count {
        guard let j = ((i + 1)..<items.count).first(where: { joins(items[i], items[$0]) }) else { i += 1; continue }
        join(i, j)
        // The grown item may now join an earlier one, a pair the scan from the start meets first.
        var grown = i
        while let k = (0..<grown).first(where: { joins(items[$0], items[grown]) }) {
            join(k, grown)
            grown = k
        }
        i = grown
    }
    return items
}

/// Whether two marks one above the other are a colon's dots: each a solid dot (`isDot`,
/// its ink filling half its box or more, as a round dot fills 0.79) and of like size (neither
/// box's area twice the other's). A faint digit broken into specks has pieces of strokes,
/// thin and curved, which fill less of their boxes.
func isColon(_ a: Candidate, _ b: Candidate, digitHeight h: Double, parameters: PipelineParameters) -> Bool {
    func solidDot(_ c: Candidate) -> Bool {
        isDot(c.box, digitHeight: h, parameters: parameters) && 2 * c.area >= c.box.width * c.box.height
    }
    let areaA = a.box.width * a.box.height, areaB = b.box.width * b.box.height
    return solidDot(a) && solidDot(b) && Swift.max(areaA, areaB) <= 2 * Swift.min(areaA, areaB)
}

/// Whether `bar` is a flat stroke (half again as wide as tall, and well under a digit's
/// height) lying on top of `digit`: its bottom no lower than a quarter down the digit.
func isFlatBarOnTop(_ bar: Box, of digit: Box, digitHeight h: Double) -> Bool {
    Double(bar.width) >= 1.5 * Double(bar.height) && Double(bar.height) <= 0.6 * h
        && Double(bar.maxY) <= Double(digit.y) + 0.25 * Double(digit.height) && bar.y < digit.y
}

/// Step 4 on an ink map whose digits are `digitHeight` tall: level lines over 2.2 digit
/// heights long and upright ones over 1.35 erased (`removeStraightLines`), then their faint
/// stretches, slanted box sides, boxes' ends and comb fields' teeth. Nil when there are none.
func eraseLines(_ inkMap: InkMap, digitHeight: Double, smallPictureSide: Int,
                alsoErasing pixels: [Int] = [], of cells: [FormCell] = []) -> (binary: [UInt8], labels: ComponentLabels, digitHeight: Double)? {
    let horizontalRun = Swift.max(12, Int(ErasedLineRun.level * digitHeight)), verticalRun = Swift.max(12, Int(ErasedLineRun.upright * digitHeight))
    return eraseLines(inkMap, horizontalRun: horizontalRun, verticalRun: verticalRun, slantedBoxSidesOf: digitHeight,
                      smallPictureSide: smallPictureSide, alsoErasing: pixels, of: cells)
}

/// The shortest lines `eraseLines` erases, in digit heights; the steps given only the runs
/// (`removeStraightLines`' comb rules, `writingOnLines`) take the digit height back from them.
enum ErasedLineRun {
    /// Level lines: a rule runs on past two digits side by side.
    static let level = 2.2
    /// Upright lines: a box's side stands taller than the digit in it.
    static let upright = 1.35
}

/// Lines of at least these runs erased from the ink map's binary image, with their faint
/// stretches and, given the digits' height, slanted box sides, and the given `pixels` (the sides
/// of a form's `cells`, which hold strokes no slanted side is); the components and the digit
/// height measured again after (`smallPictureSide`: `estimateDigitHeight`'s). Nil when no line
/// was found.
func eraseLines(_ inkMap: InkMap, horizontalRun: Int, verticalRun: Int, slantedBoxSidesOf digitHeight: Double? = nil,
                smallPictureSide: Int, alsoErasing pixels: [Int] = [], of cells: [FormCell] = []) -> (binary: [UInt8], labels: ComponentLabels, digitHeight: Double)? {
    let (w, h) = (inkMap.width, inkMap.height)
    var binary = inkMap.binary
    var strokesInCells = [Int]()
    guard removeStraightLines(&binary, width: w, height: h, horizontalRun: horizontalRun, verticalRun: verticalRun, levels: inkMap.levels,
                              strokesInCells: &strokesInCells) else { return nil }
    removeFaintLineStretches(&binary, inkMap: inkMap, horizontalRun: horizontalRun, verticalRun: verticalRun, strokesInCells: strokesInCells)
    if let digitHeight {
        removeSlantedBoxSides(&binary, inkBeforeLineRemoval: inkMap.binary, width: w, height: h, digitHeight: digitHeight, strokesInCells: strokesInCells, cells: cells)
        removeBoxEnds(&binary, inkBeforeLineRemoval: inkMap.binary, width: w, height: h, digitHeight: digitHeight, ruleLength: horizontalRun)
        removeCombTeeth(&binary, inkBeforeLineRemoval: inkMap.binary, width: w, height: h, digitHeight: digitHeight)
    }
    for i in pixels { binary[i] = 0 }
    let labels = connectedComponents(binary, width: w, height: h)
    return (binary, labels, estimateDigitHeight(labels.components.dropFirst(), imageWidth: w, imageHeight: h, smallPictureSide: smallPictureSide,
                                                leftOut: edgeBands(labels).union(framingOthers(labels))))
}
