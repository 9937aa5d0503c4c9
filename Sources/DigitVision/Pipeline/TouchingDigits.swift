import Foundation

/// Step 5, second half: touching digits (00, 44, 15) split by recognition.
///
/// A wide crop may hold several digits. Candidate cuts are the columns where the ink
/// profile has a local minimum, and the deepest notches of the ink's top outline (flat
/// cursive zeros side by side: `topNotches`); every run of pieces between two cuts that is
/// shaped like a digit is classified, and the best reading is the path of pieces with the
/// highest total of `log p(best label) + pieceBonus` (dynamic programming over the cuts; even
/// cuts are candidates too, for digits that overlap). A path may pass over a low connecting stroke
/// between two digits (`connectors`). The whole crop is one such path, so a wide 0 stays
/// whole unless splitting reads clearly better, or the crop is flatter than the digit it
/// reads as is ever written (`flattestDigit`).
///
/// Writing that leans right gets a second plan whose cuts run along its slant: slanted
/// digits that touch (a "58" whose 5 tops the 8) leave no empty column between them, but an
/// empty slanted line (`reading(straight:slanted:probabilities:)` chooses).
struct SplitPlan {
    /// The whole crop first, then the pieces between cuts.
    let crops: [Crop]
    /// For each piece (index into `crops`), its start and end cut.
    let spans: [(from: Int, to: Int)]
    /// Stretches between two cuts whose ink is low, a connecting stroke rather than a digit
    /// (the tail that joins two cursive zeros): a reading may pass over one between two
    /// digits at the cost of `connectorCost`, as a dash between separate digits is dropped.
    let connectors: [(from: Int, to: Int)]
    let cutCount: Int
    /// For each edge (index into the cuts, the crop's ends included), whether a cut there runs
    /// through a loop (`cutsThroughALoop`): each piece it bounds pays half of `loopCutPenalty`.
    let cutsALoop: [Bool]
    /// The whole's inked rows, first to last (its box may hold blank rows).
    let wholeInkHeight: Int
    /// For each piece, whether it is wider than any digit but a flat 0 is written
    /// (`widestPiece`): such a piece counts only when it reads as 0.
    let widerThanADigit: [Bool]
    /// For each crop (the whole first), whether it holds two loops side by side
    /// (`loopsSideBySide`): two digits, it pays `sideBySideLoopsPenalty`.
    let holdsLoopsSideBySide: [Bool]
    let firstIndex: Int
    let digitWidth: Double?
    /// Reward per digit in a reading. Zero on purpose: the classifier is confident on
    /// fragments of digits too (half a 0 reads as a sure 1), so any reward over-splits;
    /// measured on real cheques, 0 splits only where the pieces read clearly better.
    static let pieceBonus: Float = 0
    /// How much better (in summed log-probability) a split must read than the whole…
    static let splitMargin: Float = 0.3
    /// …or, when every piece reads surely (`surePiece`) as a digit that is no 1, no cut
    /// between them runs through a loop and each is nearly as tall as the whole
    /// (`sureTallPiece`), this much: two narrow zeros touching read as a doubtful 9 whole
    /// (0.64) and as two sure 0s (0.97) cut, and stayed whole ("3.600" read "369"). Fragments
    /// reading surely are 1s (half a 0), cut from a loop, or a slanted 8's lower loop and its
    /// top, each shorter than the 8 (read as a 0 and a 3, "8450" read "03450").
    static let splitMarginWhenSure: Float = 0.1
    static let surePiece: Float = 0.9
    static let sureTallPiece = 0.8
    /// A blob has room for floor(width / the writer's digit width + this) digits, at least
    /// one; each piece of a reading beyond that costs `extraPiecePenalty`.
    static let extraDigitWidthRatio: Float = 0.4
    static let extraPiecePenalty: Float = 0.5
    /// A connector's ink is under this fraction of the blob's height; passing over one costs
    /// `connectorCost` (in summed log-probability).
    static let connectorHeight = 0.55
    static let connectorCost: Float = 0.1
    /// For each digit, the narrowest it is commonly written: MNIST's 5th percentile of ink
    /// width over height (grey > 60 in the 60,000 training digits; a 1 has no limit), but for
    /// the 0, lowered from 0.65 to 0.5: a cheque's zeros written in one stroke are 0.55–0.6
    /// as wide as tall, and overlapping zeros lose width to each other. A piece read as a
    /// digit but narrower is likely a fragment (the right half of a 0 read as a sure 2): it
    /// pays `narrowPiecePenalty` per unit of aspect it falls short.
    static let narrowestDigit: [Float] = [0.5, 0, 0.65, 0.55, 0.55, 0.6, 0.5, 0.5, 0.5, 0.5]
    static let narrowPiecePenalty: Float = 3
    /// For each digit, the widest it is written, as width over height: a blob read as that
    /// digit but flatter is believed less as one digit even against its own pieces (a joined
    /// "57" read as a 9 half again as wide as tall; two joined zeros, 2.4 times as wide as
    /// tall, read as a doubtful 2). MNIST's 99.9th percentile as above, rounded up (a 9: 1.31,
    /// a 3: 1.43, a 7: 1.67, a 2 and a 5: 2.0); a 0 is raised from 1.67 to 2.0 because a
    /// cheque's flat 0s reach 1.6–1.8 (measured on real cheques: 1.6 cuts a flat 0).
    static let flattestDigit: [Float] = [2.0, 1.2, 2.0, 1.45, 1.45, 2.0, 1.45, 1.7, 1.45, 1.35]
    /// Slanted cuts are tried for writing leaning right by this much or more (columns moved
    /// right per row up; 0.2 is 11°), on crops at least `slantedCutAspect` times as wide as
    /// tall, and their reading is taken when it beats the straight one by `slantedCutMargin`.
    /// Measured on generated cheques and forms (seeds 61 and 62) and `regression.sh`: without
    /// the aspect limit, a lone doubtful 3 was cut in two; without the margin, a real cheque's
    /// joined "00" read "02" on a slant, 0.1 better. Writing that seems to lean left is cut
    /// straight only: with few digits, a 3's or a 2's own shape makes the slant (+0.27 on a
    /// real cheque's "3.000", whose zeros a left slant cut into "020").
    static let slantedCutLean = 0.2
    static let slantedCutAspect = 1.1
    static let slantedCutMargin: Float = 0.2
    /// A piece may be as wide as `widestPiece` times the larger of its blob's height and the
    /// page's digit height, or `widestZeroPiece` times when it reads as 0: a cheque's flat
    /// cursive zeros, written side by side and touching, are 1.3–1.5 times as wide as tall
    /// each, and a piece that wide reading as any other digit is mostly two digits.
    static let widestPiece = 1.15
    static let widestZeroPiece = 1.5
    /// A cut through the middle of a loop (a hole in the ink at least `loopHeight` of the blob's
    /// height, with `loopSide` of the height or more of it on each side of the cut) splits a 0,
    /// 6, 8 or 9, not two digits: the halves of a narrow 0 read as two sure 1s ("3.000" read
    /// "31100" when its first two zeros overlapped), a flat 0's as "67". The lens where two
    /// overlapping zeros cross is a hole too, but a narrow one: the cut between them passes.
    static let loopHeight = 0.3
    static let loopSide = 0.2
    static let loopCutPenalty: Float = 1
    /// No digit has two loops side by side (an 8's stand one above the other): a crop holding
    /// two loops at least `loopHeight` of the blob's height tall and `sideBySideLoopWidth` wide
    /// whose extents along the cut overlap by under a quarter of the narrower's is two digits, and its
    /// reading as one pays this. Three cursive zeros joined ("000"), cut into a sure 0 two zeros
    /// wide and one zero, read "00" (6 of a helper's 180 generated cheques lost a 0 so).
    static let sideBySideLoopWidth = 0.25
    static let sideBySideLoopsPenalty: Float = 2

    /// `digitHeight`: the page's typical digit height; a blob flatter than that (joined zeros
    /// on a cheque) still holds digits as wide as the page's digits are tall, so a piece may be
    /// as wide as 1.15 times the larger of the two heights.
    /// `digitWidth`: the typical width of the page's digits read surely, when known.
    /// `slant`: the writing's slant (`writersSlant`), along which the cuts run; 0 cuts
    /// straight down.
    init(_ whole: Crop, firstIndex: Int, digitHeight: Double = 0, digitWidth: Double? = nil, slant: Double = 0) {
        self.firstIndex = firstIndex
        self.digitWidth = digitWidth
        let w = whole.box.width, ht = whole.box.height
        // Cuts run along the writing's slant: slanted digits that touch (a "58" leaning right,
        // the 5's top over the 8) have no empty column between them, but an empty slanted line.
        // A pixel's place along the cut direction: u = x - slant·(y - mid height), offset to
        // start at 0.
        let offset = Int((abs(slant) * Double(ht) / 2).rounded(.up)) + 1
        let u = { (x: Int, y: Int) -> Int in x + offset - Int((slant * (Double(y) - Double(ht - 1) / 2)).rounded()) }
        let uCount = w + 2 * offset
        var column = [Int](repeating: 0, count: uCount)
        for y in 0..<ht { for x in 0..<w where whole.mask[y * w + x] != 0 { column[u(x, y)] += 1 } }
        let uFirst = column.firstIndex { $0 > 0 } ?? 0, uLast = column.lastIndex { $0 > 0 } ?? (uCount - 1)
        let span = uLast - uFirst + 1
        // Local minima of the (3-column smoothed) profile, at least a fifth of the height from
        // the ends; the four lowest.
        let smooth = (0..<uCount).map { x in (Swift.max(0, x - 1)...Swift.min(uCount - 1, x + 1)).reduce(0) { $0 + column[$1] } }
        let margin = Swift.max(2, ht / 5)
        var cuts = [Int]()
        if span > 2 * margin {
            for x in (uFirst + margin)..<(uLast + 1 - margin) {
                let lo = Swift.max(0, x - 2), hi = Swift.min(uCount - 1, x + 2)
                if (lo...hi).allSatisfy({ smooth[$0] >= smooth[x] }) && (cuts.last.map { x - $0 > 2 } ?? true) { cuts.append(x) }
            }
        }
        cuts = Array(cuts.sorted { smooth[$0] < smooth[$1] }.prefix(4))
        for notch in topNotches(whole, u: u, uCount: uCount, first: uFirst, last: uLast, margin: margin)
            where !cuts.contains(where: { abs($0 - notch) <= 2 }) { cuts.append(notch) }
        // Between two loops side by side (cursive zeros written overlapping, their strokes
        // crossing between the loops), midway; the lens where they cross is no loop of theirs.
        // The loops tall enough to count, found once: cuts through them pay, and the wide ones
        // side by side are two digits.
        let loops = inkLoops(whole, u: u, leastHeight: SplitPlan.loopHeight * Double(ht))
        let bigLoops = loops.filter { Double($0.last - $0.first + 1) >= SplitPlan.sideBySideLoopWidth * Double(ht) }
        for (a, b) in loopsSideBySide(bigLoops) {
            let between = (a.last + b.first + 1) / 2
            if between > uFirst + margin && between < uLast + 1 - margin && !cuts.contains(where: { abs($0 - between) <= 2 }) { cuts.append(between) }
        }
        // Digits that overlap (a 2's tail under the next digit) leave no minimum between
        // them: also try the even cuts for two and three digits.
        let evens = (Double(span) > 1.6 * Double(ht) ? [span / 2, span / 3, 2 * span / 3] : [span / 2]).map { uFirst + $0 }
        for even in evens where even > uFirst + margin && even < uLast + 1 - margin && !cuts.contains(where: { abs($0 - even) <= 2 }) {
            cuts.append(even)
        }
        cuts.sort()
        let edges = [uFirst] + cuts + [uLast + 1]
        var crops = [whole], spans = [(from: 0, to: edges.count - 1)], connectors = [(from: Int, to: Int)](), widerThanADigit = [false]
        var holdsLoopsSideBySide = [!loopsSideBySide(bigLoops).isEmpty]
        let digitScale = Swift.max(Double(ht), digitHeight)
        for i in 0..<(edges.count - 1) {
            for j in (i + 1)..<edges.count where !(i == 0 && j == edges.count - 1) {
                guard let piece = trimmed(whole, where: { x, y in (edges[i]..<edges[j]).contains(u(x, y)) }) else { continue }
                if i > 0, j < edges.count - 1, Double(piece.box.height) < SplitPlan.connectorHeight * Double(ht) {
                    connectors.append((i, j))
                }
                let width = edges[j] - edges[i]
                guard Double(width) >= 0.22 * Double(ht), Double(width) <= SplitPlan.widestZeroPiece * digitScale,
                      Double(piece.box.height) >= 0.45 * Double(ht) else { continue }
                crops.append(piece)
                spans.append((i, j))
                widerThanADigit.append(Double(width) > SplitPlan.widestPiece * digitScale)
                holdsLoopsSideBySide.append(!loopsSideBySide(bigLoops.filter { $0.first >= edges[i] && $0.last < edges[j] }).isEmpty)
            }
        }
        self.crops = crops
        self.spans = spans
        self.connectors = connectors
        self.widerThanADigit = widerThanADigit
        self.holdsLoopsSideBySide = holdsLoopsSideBySide
        cutCount = edges.count - 1
        cutsALoop = cutsThroughALoop(loops, edges: edges, height: ht)
        let inkedRows = (0..<ht).filter { y in (0..<w).contains { whole.mask[y * w + $0] != 0 } }
        wholeInkHeight = (inkedRows.last ?? 0) - (inkedRows.first ?? 0) + 1
    }

    /// Indices (into the batch) of the pieces of the best reading of a crop cut straight down
    /// and, when given, along the writing's slant: the slanted plan's split when it beats the
    /// whole and reads better than the straight plan's best split by `slantedCutMargin`.
    static func reading(straight: SplitPlan, slanted: SplitPlan?, probabilities: [Float]) -> [Int] {
        let straightSplit = straight.bestSplit(probabilities)
        if let slanted, let split = slanted.bestSplit(probabilities), split.beatsWhole,
           split.total > (straightSplit?.total ?? -.infinity) + slantedCutMargin {
            return split.pieces
        }
        return straightSplit.flatMap { $0.beatsWhole ? $0.pieces : nil } ?? [straight.firstIndex]
    }

    /// Indices (into the batch) of the pieces of the best reading.
    func bestReading(_ probabilities: [Float]) -> [Int] {
        bestSplit(probabilities).flatMap { $0.beatsWhole ? $0.pieces : nil } ?? [firstIndex]
    }

    /// The best split of the crop (the pieces' indices into the batch), its total score, and
    /// whether it reads clearly better than the whole; nil when no cut makes digits.
    func bestSplit(_ probabilities: [Float]) -> (pieces: [Int], total: Float, beatsWhole: Bool)? {
        guard cutCount > 0 else { return nil }
        func label(_ k: Int) -> Int {
            let i = firstIndex + k
            return (0..<10).max { probabilities[i * 10 + $0] < probabilities[i * 10 + $1] }!
        }
        func aspectOf(_ k: Int) -> Float { Float(crops[k].box.width) / Float(Swift.max(1, crops[k].box.height)) }
        func score(_ k: Int) -> Float {
            let i = firstIndex + k
            if widerThanADigit[k] && label(k) != 0 { return -.infinity }
            let narrownessPenalty = k == 0 ? 0 : SplitPlan.narrowPiecePenalty * Swift.max(0, SplitPlan.narrowestDigit[label(k)] - aspectOf(k))
            let loopCuts = k == 0 ? 0 : [spans[k].from, spans[k].to].filter { cutsALoop[$0] }.count
            return logf(Swift.max(probabilities[i * 10..<i * 10 + 10].max()!, 1e-6)) + SplitPlan.pieceBonus - narrownessPenalty
                - SplitPlan.loopCutPenalty / 2 * Float(loopCuts) - (holdsLoopsSideBySide[k] ? SplitPlan.sideBySideLoopsPenalty : 0)
        }
        // The whole is measured by its body: the columns inked between its top and bottom
        // quarters. A 5's bar or a 2's base drawn on far past the digit (a flag as long as the
        // digit is wide) widens the box, not the digit; taken whole, such a 5 was disbelieved
        // as two digits wide and cut into two sure 5s ("455503" for "45503").
        let body = Float(bodyWidth(crops[0]))
        let aspect = body / Float(Swift.max(1, crops[0].box.height))
        let widthRatio = digitWidth.map { Float(Double(body) / $0) } ?? 0
        // Fragments of a digit read as digits too (half a 0 as a sure 1), so a reading with
        // more pieces than the blob has room for digits of this writer's width pays for each
        // extra one: a blob hardly wider than their digits (a broad 6 or 0 on a page of narrow
        // ones) holds one digit, a blob twice as wide two ("03", not "6 7 8").
        let room = widthRatio > 0 ? Swift.max(1, Int((widthRatio + SplitPlan.extraDigitWidthRatio).rounded(.down))) : Int.max
        // best[e][n] = best total of n cut pieces reaching edge e, with the piece that got there.
        // The whole (span 0) is left out: it is the alternative the best split is judged against.
        var best = [[Float]](repeating: [Float](repeating: -.infinity, count: cutCount + 1), count: cutCount + 1)
        // How each best[e][n] was reached: by a piece (a digit read) or over a connector.
        enum Step { case piece(Int), connector(Int) }
        var via = [[Step?]](repeating: [Step?](repeating: nil, count: cutCount + 1), count: cutCount + 1)
        best[0][0] = 0
        for e in 1...cutCount {
            for (k, span) in spans.enumerated() where k > 0 && span.to == e {
                for n in 1...e where best[span.from][n - 1] > -.infinity {
                    let total = best[span.from][n - 1] + score(k)
                    if total > best[e][n] { best[e][n] = total; via[e][n] = .piece(k) }
                }
            }
            for (c, connector) in connectors.enumerated() where connector.to == e {
                for n in 1...e where best[connector.from][n] > -.infinity {
                    guard case .piece = via[connector.from][n] else { continue }   // after a digit only
                    let total = best[connector.from][n] - SplitPlan.connectorCost
                    if total > best[e][n] { best[e][n] = total; via[e][n] = .connector(c) }
                }
            }
        }
        var pieces = 0, bestSplit = -Float.infinity
        for n in 1...cutCount where best[cutCount][n] > -.infinity {
            let total = best[cutCount][n] - SplitPlan.extraPiecePenalty * Float(Swift.max(0, n - room))
            if total > bestSplit { bestSplit = total; pieces = n }
        }
        // A split must beat the whole by a clear margin, because fragments of one digit (the
        // stem of a 9) read as confident 1s. The whole's reading is believed less the flatter
        // the blob (a single digit is rarely much wider than tall) and the wider it is than the
        // writer's surely read digits (two 9s joined are taller than wide, but twice as wide
        // as any 9 on the page). Flatness alone is not enough, though — a 0 written flat is
        // common on cheques: the split must also read better than the whole itself, unless the
        // blob is far wider than the writer's digits or flatter than the digit it reads as is
        // ever written.
        let widthPenalty = 1.5 * Swift.max(0, widthRatio - 1.4)
        let wholeDisbeliefAgainstPieces = Swift.max(widthPenalty, 1.5 * Swift.max(0, aspect - SplitPlan.flattestDigit[label(0)]))
        let wholeScore = score(0) - Swift.max(1.5 * Swift.max(0, aspect - 1.15), widthPenalty)
        guard pieces > 0 else { return nil }
        var path = [Int](), e = cutCount, n = pieces
        while e > 0, n > 0, let step = via[e][n] {
            switch step {
            case .piece(let k): path.append(k); e = spans[k].from; n -= 1
            case .connector(let c): e = connectors[c].from
            }
        }
        let allSure = path.allSatisfy { k in
            label(k) != 1 && probabilities[(firstIndex + k) * 10 + label(k)] >= SplitPlan.surePiece
                && !cutsALoop[spans[k].from] && !cutsALoop[spans[k].to]
                && Double(crops[k].box.height) >= SplitPlan.sureTallPiece * Double(wholeInkHeight)
        }
        let margin = allSure ? SplitPlan.splitMarginWhenSure : SplitPlan.splitMargin
        let beatsWhole = bestSplit > wholeScore + margin && bestSplit > score(0) - wholeDisbeliefAgainstPieces
        return e == 0 ? (path.reversed().map { firstIndex + $0 }, bestSplit, beatsWhole) : nil
    }
}

/// Where the top outline of the ink (its highest inked row at each place `u` along the cut
/// direction) dips deepest below the outline's highest points on both sides, within a blob's
/// height either way: flat cursive zeros written side by side touch along their sides, so
/// no column is low between them, but their tops leave a notch above the place they touch.
/// The deepest point of each dip at least a quarter of the height deep, the two deepest.
/// The bottom outline is not searched: a Λ-shaped 1 has a deep notch under its peak (a form's
/// "818" read "8118"), and generated cheques and forms read worse with it.
func topNotches(_ crop: Crop, u: (Int, Int) -> Int, uCount: Int, first: Int, last: Int, margin: Int) -> [Int] {
    let w = crop.box.width, ht = crop.box.height
    var top = [Int?](repeating: nil, count: uCount)
    for y in 0..<ht { for x in 0..<w where crop.mask[y * w + x] != 0 && top[u(x, y)] == nil { top[u(x, y)] = y } }
    let minDepth = Swift.max(2, Int((0.25 * Double(ht)).rounded()))
    var depth = [Int](repeating: 0, count: uCount)
    for k in (first + margin)..<Swift.max(first + margin, last + 1 - margin) {
        guard let row = top[k], let left = top[Swift.max(first, k - ht)..<k].compactMap({ $0 }).min(),
              let right = top[(k + 1)...Swift.min(last, k + ht)].compactMap({ $0 }).min() else { continue }
        depth[k] = row - Swift.max(left, right)
    }
    var notches = [(at: Int, depth: Int)]()
    var k = first
    while k <= last {
        guard depth[k] >= minDepth else { k += 1; continue }
        var end = k
        while end + 1 <= last, depth[end + 1] >= minDepth { end += 1 }
        let deepest = depth[k...end].max()!
        let bottom = (k...end).filter { depth[$0] == deepest }
        notches.append((bottom[bottom.count / 2], deepest))
        k = end + 1
    }
    return notches.sorted { $0.depth > $1.depth }.prefix(2).map(\.at)
}

/// The slant of the writing in `crop`: how far its strokes run right per row down (negative
/// for writing leaning right), from its ink's second moments (µ11/µ02), within ±0.6.
/// Taken on a blob of several digits, their arrangement weighs in too (a "27": the 2's base
/// low left, the 7's bar high right, -0.6): `writersSlant` measures single digits.
func writingSlant(_ crop: Crop) -> Double {
    let (w, h) = (crop.box.width, crop.box.height)
    var n = 0.0, sx = 0.0, sy = 0.0, sxy = 0.0, syy = 0.0
    for y in 0..<h { for x in 0..<w where crop.mask[y * w + x] != 0 {
        let (fx, fy) = (Double(x), Double(y))
        n += 1; sx += fx; sy += fy; sxy += fx * fy; syy += fy * fy
    } }
    guard n > 0 else { return 0 }
    let mu02 = syy / n - (sy / n) * (sy / n), mu11 = sxy / n - (sx / n) * (sy / n)
    return mu02 > 0 ? Swift.max(-0.6, Swift.min(0.6, mu11 / mu02)) : 0
}

/// The width of `crop` without a flag drawn on past its body at one end: from its first to
/// its last column inked between its top and bottom quarters, when what lies beyond at either
/// end is a quarter of its height or more; else its whole width. (Between its fifths, a 2's
/// thick base drawn on past it still counted: "022" for "02".)
func bodyWidth(_ crop: Crop) -> Int {
    let (w, h) = (crop.box.width, crop.box.height)
    let rows = (h / 4)..<Swift.max(h / 4 + 1, h - h / 4)
    func inBody(_ x: Int) -> Bool { rows.contains { crop.mask[$0 * w + x] != 0 } }
    guard let first = (0..<w).first(where: inBody), let last = (0..<w).last(where: inBody) else { return w }
    return 4 * Swift.max(first, w - 1 - last) >= h ? last - first + 1 : w
}

/// The slant of this writer's digits (`writingSlant`): the median over the candidates read
/// surely (best probability ≥ `sureConfidence`) that are no wider than tall; 0 without any.
func writersSlant(_ crops: [Crop], probabilities: [Float], sureConfidence: Double) -> Double {
    let slants = crops.indices.filter { i in
        probabilities[i * 10..<i * 10 + 10].max()! >= Float(sureConfidence) && crops[i].box.width <= crops[i].box.height
    }.map { writingSlant(crops[$0]) }.sorted()
    return slants.isEmpty ? 0 : slants[slants.count / 2]
}

/// The width of this writer's digits: the median width of the candidates read surely (best
/// probability ≥ `sureConfidence`, `PipelineParameters.sureConfidence`) that are neither a
/// narrow "1" nor wider than tall; nil with fewer than three of them. Touching digits stand
/// out against it even when their blob is not flat.
func typicalDigitWidth(_ boxes: [Box], probabilities: [Float], sureConfidence: Double) -> Double? {
    let sure = Float(sureConfidence)
    let widths = boxes.indices.filter { i in
        let b = boxes[i]
        return probabilities[i * 10..<i * 10 + 10].max()! >= sure && b.width >= b.height * 35 / 100 && b.width <= b.height
    }.map { boxes[$0].width }.sorted()
    return widths.count >= 3 ? Double(widths[widths.count / 2]) : nil
}

/// Whether a crop's `box` is wide enough to be cut into digits when read with doubt: wider
/// than `PipelineParameters.splitWidthFraction` of the digit height `h`, and than 0.8 of its
/// own height.
func isWideEnoughToCut(_ box: Box, digitHeight h: Double, parameters: PipelineParameters) -> Bool {
    Double(box.width) > parameters.splitWidthFraction * h && Double(box.width) > 0.8 * Double(box.height)
}
