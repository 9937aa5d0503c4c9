import Foundation

/// Step 5, the merge decided by recognition: a digit whose faint stroke broke in two side by
/// side (the loop of a 9 apart from its stem, a 6's belly apart from its back) is two
/// candidates that the shape rules of `mergePieces` keep apart, because pieces of two
/// neighbouring digits look just the same. The classifier tells them apart: the pieces of a
/// broken digit read as one digit together better than as two, while two digits read
/// together are no digit at all.
///
/// A pair is tried when the two pieces sit side by side on one line (their heights overlap by
/// half the smaller one), nearly touch (gap under a tenth of `digitHeight`), their union is no
/// wider than a digit (`maximumUnionWidth`) nor taller than 1.3 `digitHeight` or its taller
/// piece, and one piece is doubtful (not read surely: best probability under `sureConfidence`,
/// `PipelineParameters.sureConfidence`) or much shorter than the union (`shortPiece`). The
/// pair is merged when the union reads surely enough (≥ 0.8, or
/// `fragmentUnionBelief` when it holds a short piece) and its
/// log-probability beats the two pieces' summed by `margin`, a short piece's believed at most
/// `fragmentBelief`; each piece joins at most one pair, the best first.
struct BrokenDigitMerge {
    static let margin: Float = 0.3
    /// A piece under this fraction of the union's height is short: a fragment, perhaps.
    static let shortPiece = 0.75
    /// The most a short piece's reading is believed when weighed against the union's.
    static let fragmentBelief: Float = 0.5
    /// How surely a union holding a fragment must read (any other union: 0.8). A digit put
    /// together from a fragment has a seam where the ruled line or the break was.
    static let fragmentUnionBelief: Float = 0.7

    /// Index pairs (into `crops`) worth classifying together, with their union crops.
    /// `erasedRules`: the ink line removal took away, to bridge pieces a rule cut apart
    /// (`ruleBridge`); nil when no line was removed.
    static func candidatePairs(_ crops: [Crop], probabilities: [Float], digitHeight h: Double, maximumUnionWidth: Double,
                               sureConfidence: Double, erasedRules: ErasedInk? = nil) -> [(first: Int, second: Int, union: Crop)] {
        let sure = Float(sureConfidence)
        var pairs = [(first: Int, second: Int, union: Crop)]()
        for i in crops.indices {
            for j in crops.indices where j > i {
                let a = crops[i].box, b = crops[j].box
                let (left, right) = a.x <= b.x ? (a, b) : (b, a)
                let gap = Double(right.x - left.maxX)
                let overlapY = Double(Swift.min(a.maxY, b.maxY) - Swift.max(a.y, b.y))
                let union = a.union(b)
                let taller = Double(Swift.max(a.height, b.height))
                guard gap <= 0.1 * h, overlapY >= 0.5 * Double(Swift.min(a.height, b.height)),
                      Double(union.height) <= Swift.max(1.3 * h, 1.15 * taller) else { continue }
                let doubtful = Swift.min(best(probabilities, i), best(probabilities, j)) < sure
                let short = Double(Swift.min(a.height, b.height)) < shortPiece * Double(union.height)
                guard doubtful || short else { continue }
                let bridge = erasedRules.map { ruleBridge(crops[i], crops[j], erased: $0, digitHeight: h) } ?? []
                // Pieces a rule cut apart may make a digit taller than the writer's others (a
                // big first 2 whose top ran along the rule): as wide as its own height allows,
                // and up to 1.15 times as tall as its taller piece (the piece left of the 2's
                // top reaching higher than the rest of it). Other pairs are no taller than 1.3
                // digit heights or than their taller piece.
                guard bridge.isEmpty ? Double(union.height) <= Swift.max(1.3 * h, taller) : true else { continue }
                let widest = bridge.isEmpty ? maximumUnionWidth : Swift.max(maximumUnionWidth, 0.85 * Double(union.height))
                guard Double(union.width) <= widest else { continue }
                pairs.append((i, j, unionCrop(crops[i], crops[j], bridge: bridge)))
            }
        }
        return pairs
    }

    /// The pairs to merge, given the union's probabilities (10 per pair, in `pairs` order).
    /// `pieceHeights`: the height of each crop the pairs index into.
    static func chosen(_ pairs: [(first: Int, second: Int, union: Crop)], pieceProbabilities: [Float], unionProbabilities: [Float], pieceHeights: [Int]) -> [Int] {
        var gains = [(pair: Int, gain: Float)]()
        for (k, pair) in pairs.enumerated() {
            let together = unionProbabilities[k * 10..<k * 10 + 10].max()!
            func isFragment(_ i: Int) -> Bool { Double(pieceHeights[i]) < shortPiece * Double(pair.union.box.height) }
            guard together >= (isFragment(pair.first) || isFragment(pair.second) ? fragmentUnionBelief : 0.8) else { continue }
            // A fragment's sure reading is not believed: the top of a 2 cut off by a ruled line
            // reads as a sure 1.
            func believed(_ i: Int) -> Float { Swift.min(best(pieceProbabilities, i), isFragment(i) ? fragmentBelief : 1) }
            let apart = logf(Swift.max(believed(pair.first), 1e-6)) + logf(Swift.max(believed(pair.second), 1e-6))
            let gain = logf(together) - apart
            if gain > margin { gains.append((k, gain)) }
        }
        var used = Set<Int>(), picked = [Int]()
        for g in gains.sorted(by: { $0.gain > $1.gain }) where !used.contains(pairs[g.pair].first) && !used.contains(pairs[g.pair].second) {
            used.insert(pairs[g.pair].first); used.insert(pairs[g.pair].second)
            picked.append(g.pair)
        }
        return picked
    }

    private static func best(_ probabilities: [Float], _ i: Int) -> Float {
        probabilities[i * 10..<i * 10 + 10].max()!
    }
}

/// Ink that line removal erased: inked in the binary image before (`segment`'s ink map)
/// and blank after (its `Segmentation.binary`), both row-major in processing pixels.
struct ErasedInk {
    let before: [UInt8], after: [UInt8]
    let width: Int
    var height: Int { before.count / Swift.max(width, 1) }
    func isErased(_ x: Int, _ y: Int) -> Bool { before[y * width + x] != 0 && after[y * width + x] == 0 }

    /// The longest unbroken run of erased ink along a row or a column, as a fraction of the
    /// picture's width or height: near 1 for a form crop's box sides or a cheque's rule, a
    /// fraction for a stroke taken for a short line.
    var longestRunAcross: Double {
        var longest = 0.0
        for (count, length, erased) in [(height, width, { (i: Int, t: Int) in isErased(t, i) }), (width, height, { (i: Int, t: Int) in isErased(i, t) })] {
            for i in 0..<count {
                var run = 0
                for t in 0..<length {
                    run = erased(i, t) ? run + 1 : 0
                    longest = Swift.max(longest, Double(run) / Double(Swift.max(length, 1)))
                }
            }
        }
        return longest
    }

    /// Whether a crop continues an erased line, as the stretch of a box side left between its
    /// erased parts does: beyond an end of its long axis (its top or bottom row's ink when
    /// taller than wide, else its leftmost or rightmost column's), erased ink lies within a
    /// pixel of that end's line on 60% of the next quarter of its length (8 pixels at least).
    /// A stroke standing on a rule or crossing one meets erased ink for the rule's few pixels.
    func continuesBeyondAnEnd(_ crop: Crop) -> Bool {
        let b = crop.box, upright = b.height >= b.width
        func inkCentre(_ index: Int) -> Int? {
            var sum = 0, count = 0
            for t in 0..<(upright ? b.width : b.height) {
                let (cx, cy) = upright ? (t, index) : (index, t)
                if crop.mask[cy * b.width + cx] != 0 { sum += t; count += 1 }
            }
            return count > 0 ? sum / count : nil
        }
        let length = upright ? b.height : b.width, reach = Swift.max(8, length / 4)
        for (end, step) in [(0, -1), (length - 1, 1)] {
            guard let centre = inkCentre(end) else { continue }
            let erased = (1...reach).filter { d in
                (-1...1).contains { offset in
                    let (x, y) = upright ? (b.x + centre + offset, b.y + end + step * d) : (b.x + end + step * d, b.y + centre + offset)
                    return x >= 0 && y >= 0 && x < width && y < height && isErased(x, y)
                }
            }.count
            if erased * 10 >= reach * 6 { return true }
        }
        return false
    }

    /// The fraction of a crop's ink within `distance` pixels (either way) of erased ink.
    func fractionBeside(_ crop: Crop, within distance: Int) -> Double {
        var inked = 0, beside = 0
        for cy in 0..<crop.box.height {
            for cx in 0..<crop.box.width where crop.mask[cy * crop.box.width + cx] != 0 {
                inked += 1
                let x = crop.box.x + cx, y = crop.box.y + cy
                let ys = Swift.max(0, y - distance)...Swift.min(height - 1, y + distance)
                let xs = Swift.max(0, x - distance)...Swift.min(width - 1, x + distance)
                if ys.contains(where: { yy in xs.contains { isErased($0, yy) } }) { beside += 1 }
            }
        }
        return inked == 0 ? 0 : Double(beside) / Double(inked)
    }
}

/// The stretch of an erased rule that held two pieces together: a stroke that runs along a
/// rule for a while (the top of a 2 written up to the line) is erased with it, and leaves a
/// piece on each side; the union reads as the digit only with that stretch back. The bridge
/// is the erased ink around the pair's box (3 pixels out: the rule and the ink beside it go
/// together) between the column where one piece touches erased ink (within a pixel) and the
/// column where the other does, when those are at most half a digit height apart (or half
/// the pair's height, for a digit taller than the others). Points in processing pixels.
func ruleBridge(_ a: Crop, _ b: Crop, erased: ErasedInk, digitHeight h: Double) -> [(x: Int, y: Int)] {
    let union = a.box.union(b.box)
    let x0 = Swift.max(0, union.x - 3), y0 = Swift.max(0, union.y - 3)
    let box = Box(x: x0, y: y0, width: Swift.min(erased.width, union.maxX + 3) - x0, height: Swift.min(erased.height, union.maxY + 3) - y0)
    func inked(_ crop: Crop, _ x: Int, _ y: Int) -> Bool {
        let cx = x - crop.box.x, cy = y - crop.box.y
        return cx >= 0 && cy >= 0 && cx < crop.box.width && cy < crop.box.height && crop.mask[cy * crop.box.width + cx] != 0
    }
    func touching(_ crop: Crop) -> [(x: Int, y: Int)] {
        var points = [(x: Int, y: Int)]()
        for y in box.y..<box.maxY {
            for x in box.x..<box.maxX where erased.isErased(x, y) {
                if (-1...1).contains(where: { dy in (-1...1).contains { dx in inked(crop, x + dx, y + dy) } }) { points.append((x, y)) }
            }
        }
        return points
    }
    let ta = touching(a), tb = touching(b)
    guard !ta.isEmpty, !tb.isEmpty else { return [] }
    // The touching points of each piece nearest the other piece.
    let aLeft = a.box.x + a.box.width / 2 <= b.box.x + b.box.width / 2
    let ca = aLeft ? ta.map(\.x).max()! : ta.map(\.x).min()!, cb = aLeft ? tb.map(\.x).min()! : tb.map(\.x).max()!
    let (lo, hi) = (Swift.min(ca, cb), Swift.max(ca, cb))
    guard Double(hi - lo) <= 0.5 * Swift.max(h, Double(union.height)) else { return [] }
    var bridge = [(x: Int, y: Int)]()
    for y in box.y..<box.maxY {
        for x in lo...hi where erased.isErased(x, y) { bridge.append((x, y)) }
    }
    return bridge
}

/// Two crops as one: the union box holding both masks, and `bridge` (points in the same
/// pixels as the boxes) inked too.
func unionCrop(_ a: Crop, _ b: Crop, bridge: [(x: Int, y: Int)] = []) -> Crop {
    let box = bridge.reduce(a.box.union(b.box)) { $0.union(Box(x: $1.x, y: $1.y, width: 1, height: 1)) }
    var mask = [UInt8](repeating: 0, count: box.width * box.height)
    for crop in [a, b] {
        for y in 0..<crop.box.height {
            for x in 0..<crop.box.width where crop.mask[y * crop.box.width + x] != 0 {
                mask[(y + crop.box.y - box.y) * box.width + x + crop.box.x - box.x] = 255
            }
        }
    }
    for p in bridge { mask[(p.y - box.y) * box.width + p.x - box.x] = 255 }
    return Crop(box: box, mask: mask)
}

extension DigitRecognizer {
    /// Pieces of one digit broken side by side, joined where they read better as one
    /// (`BrokenDigitMerge` above); the merged crops come last, with their probabilities.
    func mergeBrokenDigits(_ crops: [Crop], probabilities: [Float], digitHeight h: Double, digitWidth: Double?,
                           erasedRules: ErasedInk?) throws -> ([Crop], [Float]) {
        let widest = digitWidth.map { Swift.min(1.5 * $0, 1.15 * h) } ?? 1.15 * h
        let pairs = BrokenDigitMerge.candidatePairs(crops, probabilities: probabilities, digitHeight: h, maximumUnionWidth: widest,
                                                    sureConfidence: parameters.sureConfidence, erasedRules: erasedRules)
        guard !pairs.isEmpty else { return (crops, probabilities) }
        let normalized = try pairs.map { try normalizedPixels($0.union) }
        var unionProbabilities = classifier.probabilities(images: normalized.flatMap { $0 }, count: pairs.count)
        // A union heavier than any digit (two pieces of a scribble) is never one.
        for (k, pixels) in normalized.enumerated() where !isDigitInkMass(pixels, maximum: parameters.maximumInkMass) {
            unionProbabilities.replaceSubrange(k * 10..<k * 10 + 10, with: repeatElement(0, count: 10))
        }
        let picked = BrokenDigitMerge.chosen(pairs, pieceProbabilities: probabilities, unionProbabilities: unionProbabilities, pieceHeights: crops.map(\.box.height))
        guard !picked.isEmpty else { return (crops, probabilities) }
        let joined = Set(picked.flatMap { [pairs[$0].first, pairs[$0].second] })
        var outCrops = [Crop](), outProbabilities = [Float]()
        for i in crops.indices where !joined.contains(i) {
            outCrops.append(crops[i]); outProbabilities += probabilities[i * 10..<i * 10 + 10]
        }
        for k in picked {
            outCrops.append(pairs[k].union); outProbabilities += unionProbabilities[k * 10..<k * 10 + 10]
        }
        return (outCrops, outProbabilities)
    }
}
