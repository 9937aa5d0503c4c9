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
/// piece, and one piece is doubtful (best probability under 0.9) or much shorter than the
/// union (`shortPiece`). The pair is merged when the union reads surely (≥ 0.8, or
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
    static func candidatePairs(_ crops: [Crop], probabilities: [Float], digitHeight h: Double, maximumUnionWidth: Double) -> [(first: Int, second: Int, union: Crop)] {
        var pairs = [(first: Int, second: Int, union: Crop)]()
        for i in crops.indices {
            for j in crops.indices where j > i {
                let a = crops[i].box, b = crops[j].box
                let (left, right) = a.x <= b.x ? (a, b) : (b, a)
                let gap = Double(right.x - left.maxX)
                let overlapY = Double(Swift.min(a.maxY, b.maxY) - Swift.max(a.y, b.y))
                let union = a.union(b)
                guard gap <= 0.1 * h, overlapY >= 0.5 * Double(Swift.min(a.height, b.height)),
                      Double(union.width) <= maximumUnionWidth, Double(union.height) <= Swift.max(1.3 * h, Double(Swift.max(a.height, b.height))) else { continue }
                let doubtful = Swift.min(best(probabilities, i), best(probabilities, j)) < 0.9
                let short = Double(Swift.min(a.height, b.height)) < shortPiece * Double(union.height)
                guard doubtful || short else { continue }
                pairs.append((i, j, unionCrop(crops[i], crops[j])))
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

/// Two crops as one: the union box holding both masks.
func unionCrop(_ a: Crop, _ b: Crop) -> Crop {
    let box = a.box.union(b.box)
    var mask = [UInt8](repeating: 0, count: box.width * box.height)
    for crop in [a, b] {
        for y in 0..<crop.box.height {
            for x in 0..<crop.box.width where crop.mask[y * crop.box.width + x] != 0 {
                mask[(y + crop.box.y - box.y) * box.width + x + crop.box.x - box.x] = 255
            }
        }
    }
    return Crop(box: box, mask: mask)
}
