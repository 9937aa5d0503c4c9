/// Step 6, by shape: a dash written on from a number's last digit without lifting the pen
/// ("5000-", "4.520-" on a cheque), which joins the dash to the digit in one piece. The piece
/// reads as neither: a "0-" was cut into a 6 and a 2 ("50062" for "5000-"). The dash is cut
/// off and the digit read alone; a dash standing apart is dropped by `isDash`.

/// `crop` without the dash drawn on from its right side, cut to its ink, or nil when it has
/// none. The dash: the crop's rightmost columns, each holding one run of ink no thicker than
/// twice the crop's stroke nor a fifth of the digit height (3 pixels at least: a bold 6's
/// filled loop is no dash), centred between 30% and 72% of the crop's height (a 7's or a 5's
/// top bar lies above, a 2's base below), each within 1.5 pixels of the next, rising or
/// falling under a fifth of its length; at least `DrawnOnDash.leastLength` of the digit height
/// long, with `DrawnOnDash.leastDigitWidth` of a digit left of it. Where it leaves the digit,
/// the digit's side runs a fifth of the digit height up and down past it (a 2's base has
/// nothing below), and the dash's row runs no further left than across that side (a crossed
/// 7's bar and a 4's run on across the stem). Of MNIST's 10,000 test digits, 4 have the shape.
func withoutTrailingDash(_ crop: Crop, digitHeight: Double) -> Crop? {
    let (w, h) = (crop.box.width, crop.box.height)
    guard Double(w) >= (DrawnOnDash.leastLength + DrawnOnDash.leastDigitWidth) * digitHeight, crop.mask.count == w * h else { return nil }
    let thickest = Swift.max(3, Swift.min(2 * strokeWidth(crop.mask, width: w, height: h), 0.2 * digitHeight))
    var centres = [Double]()
    for x in stride(from: w - 1, through: 0, by: -1) {
        // The column's one run of ink.
        guard let first = (0..<h).first(where: { crop.mask[$0 * w + x] != 0 }),
              let last = (0..<h).last(where: { crop.mask[$0 * w + x] != 0 }),
              (first...last).allSatisfy({ crop.mask[$0 * w + x] != 0 }), Double(last - first + 1) <= thickest else { break }
        let centre = Double(first + last) / 2
        guard centre >= 0.3 * Double(h), centre <= 0.72 * Double(h) else { break }
        if let previous = centres.last, abs(centre - previous) > 1.5 { break }
        centres.append(centre)
    }
    let length = centres.count, kept = w - length
    guard Double(length) >= DrawnOnDash.leastLength * digitHeight, Double(kept) >= DrawnOnDash.leastDigitWidth * digitHeight,
          let rightEnd = centres.first, let leftEnd = centres.last, 5 * abs(rightEnd - leftEnd) < Double(length) else { return nil }
    // Where the dash leaves the digit, the digit's side runs up and down past it (a 2's base
    // has nothing below), and the dash's row goes no further than across that side: a bar
    // crossing a stem (a crossed 7, a 4) runs on to the left.
    let joint = kept - 1, row = Int(leftEnd.rounded()), reach = Swift.max(2, Int((0.2 * digitHeight).rounded()))
    func inked(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < w && y < h && crop.mask[y * w + x] != 0 }
    let side = Swift.max(0, joint - reach)...joint
    guard row - reach >= 0, row + reach < h,
          side.contains(where: { x in (0...(row - reach)).contains { inked(x, $0) } }),
          side.contains(where: { x in ((row + reach)..<h).contains { inked(x, $0) } }) else { return nil }
    var across = 0
    while inked(joint - across, row) { across += 1 }
    guard Double(across) <= thickest, !inked(joint - across - 1, row), !inked(joint - across - 2, row) else { return nil }
    // What is left, cut to its ink.
    let rows = (0..<h).filter { y in (0..<kept).contains { crop.mask[y * w + $0] != 0 } }
    let columns = (0..<kept).filter { x in (0..<h).contains { crop.mask[$0 * w + x] != 0 } }
    guard let top = rows.first, let bottom = rows.last, let left = columns.first, let right = columns.last else { return nil }
    let (cw, ch) = (right - left + 1, bottom - top + 1)
    var mask = [UInt8](repeating: 0, count: cw * ch)
    for y in 0..<ch { for x in 0..<cw { mask[y * cw + x] = crop.mask[(y + top) * w + x + left] } }
    return Crop(box: Box(x: crop.box.x + left, y: crop.box.y + top, width: cw, height: ch), mask: mask)
}

/// The measures of `withoutTrailingDash`, in digit heights.
enum DrawnOnDash {
    /// The least length of a dash drawn on from a digit.
    static let leastLength = 0.4
    /// The least width of the digit left of it.
    static let leastDigitWidth = 0.3
}

extension DigitRecognizer {
    /// `crops` with the dashes drawn on from their right side cut off (`withoutTrailingDash`),
    /// each cut crop read again; `probabilities` (10 a crop) follow.
    func cuttingTrailingDashes(_ crops: [Crop], probabilities: [Float], digitHeight h: Double) throws -> ([Crop], [Float]) {
        let cut = crops.indices.compactMap { i in withoutTrailingDash(crops[i], digitHeight: h).map { (index: i, crop: $0) } }
        guard !cut.isEmpty else { return (crops, probabilities) }
        let normalized = try cut.map { try normalizedPixels($0.crop) }
        let read = classifier.probabilities(images: normalized.flatMap { $0 }, count: cut.count)
        var (crops, probabilities) = (crops, probabilities)
        for (n, (i, crop)) in cut.enumerated() where isDigitInkMass(normalized[n], maximum: parameters.maximumInkMass) {
            crops[i] = crop
            probabilities.replaceSubrange(i * 10..<i * 10 + 10, with: read[n * 10..<n * 10 + 10])
        }
        return (crops, probabilities)
    }
}
