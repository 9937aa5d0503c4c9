/// Step 8, read again: a 1 written with a long flag (the continental 1: a stroke rising to the
/// stem's top and running down it) reads as a 7, the flag taken for a 7's bar. MNIST's 1s are
/// mostly bare strokes, so the model doubts between the two ("0723456789" for "0123456789",
/// the 1 read 7 at 0.46, 1 at 0.44). The shapes differ at the top: a 7's bar runs across the
/// digit's top, a flag hangs from a peak, its lowest, leftmost end well below the top. Such a
/// crop read as a doubtful 7, with 1 its second reading, is read as a 1.

/// Whether the ink of a crop (`width` by `height`) is shaped like a flagged 1 rather than a 7:
/// its top rows (`FlaggedOne.topBand` of the height) span at most `FlaggedOne.widestTop` of its
/// width, and the leftmost ink of its upper half, at most `FlaggedOne.leftmostFlagEnd` of the
/// width from the left, lies `FlaggedOne.lowestFlagEnd` of the height below the top or lower;
/// and no run of ink across `FlaggedOne.crossbarRows` is wider than `FlaggedOne.widestStem`.
func isShapedLikeAFlaggedOne(_ mask: [UInt8], width w: Int, height h: Int) -> Bool {
    guard w >= 4, h >= 8 else { return false }
    let band = Swift.max(1, Int(FlaggedOne.topBand * Double(h)))
    var topLeft = w, topRight = -1, leftmost = w, leftmostRow = 0
    for y in 0..<(h / 2) {
        guard let first = (0..<w).first(where: { mask[y * w + $0] != 0 }) else { continue }
        if first < leftmost { (leftmost, leftmostRow) = (first, y) }
        if y < band { (topLeft, topRight) = (Swift.min(topLeft, first), Swift.max(topRight, (0..<w).last { mask[y * w + $0] != 0 }!)) }
    }
    guard topRight >= topLeft, Double(topRight - topLeft + 1) <= FlaggedOne.widestTop * Double(w),
          Double(leftmost) <= FlaggedOne.leftmostFlagEnd * Double(w), Double(leftmostRow) >= FlaggedOne.lowestFlagEnd * Double(h) else { return false }
    // A crossed 7 (the continental 7) hangs from a peak the same way; its bar across the
    // stem below the middle tells it: no 1 is crossed there.
    for y in Int(FlaggedOne.crossbarRows.lowerBound * Double(h))..<Int(FlaggedOne.crossbarRows.upperBound * Double(h)) {
        var run = 0
        for x in 0..<w {
            run = mask[y * w + x] != 0 ? run + 1 : 0
            if Double(run) > FlaggedOne.widestStem * Double(w) { return false }
        }
    }
    return true
}

/// The measures of `isShapedLikeAFlaggedOne` and when it is asked.
enum FlaggedOne {
    /// The top rows, a 7's bar among them: a flag's peak spans under half the width there.
    static let topBand = 0.15
    static let widestTop = 0.45
    /// The flag's end: in the left third, a fifth of the height below the top or lower.
    static let leftmostFlagEnd = 0.35
    static let lowestFlagEnd = 0.2
    /// The rows a crossed 7's bar runs along (a footed 1's foot lies lower), and the widest
    /// run of ink a 1's stem makes across them.
    static let crossbarRows = 0.45..<0.85
    static let widestStem = 0.4
    /// Only a doubtful 7 (under this) whose second reading is a 1 (at least `leastOne`).
    static let doubtfulSeven: Float = 0.9
    static let leastOne: Float = 0.1
}

/// `probabilities` (10 for each of `crops`) with the doubtful 7s (under
/// `FlaggedOne.doubtfulSeven`) whose second reading is a 1 (at least `FlaggedOne.leastOne`)
/// and that are shaped like flagged 1s (`isShapedLikeAFlaggedOne`) read as 1s: the two
/// readings' probabilities swapped.
func readingFlaggedOnes(_ crops: [Crop], probabilities: inout [Float]) {
    for (i, crop) in crops.enumerated() {
        let p = probabilities[i * 10..<i * 10 + 10]
        guard let top = p.indices.max(by: { p[$0] < p[$1] }), top - p.startIndex == 7, p[top] < FlaggedOne.doubtfulSeven else { continue }
        let second = p.indices.filter { $0 != top }.max { p[$0] < p[$1] }!
        guard second - p.startIndex == 1, p[second] >= FlaggedOne.leastOne,
              isShapedLikeAFlaggedOne(crop.mask, width: crop.box.width, height: crop.box.height) else { continue }
        probabilities.swapAt(top, second)
    }
}
