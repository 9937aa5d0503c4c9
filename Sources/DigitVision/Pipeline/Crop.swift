/// Crops, the pieces of the image the classifier reads: cut from the candidates' labels
/// (`candidateMask`), trimmed to their ink (`trimmed`), narrowed to their darkest ink
/// (`darkestInk`), told from a solid chunk of a stroke (`isSolidChunk`).

/// A piece of the image to classify: its box (processing pixels) and ink mask.
struct Crop {
    var box: Box
    var mask: [UInt8]
}

/// The candidate's own pixels (its component labels only) inside its box.
func candidateMask(_ candidate: Candidate, labels: ComponentLabels) -> [UInt8] {
    let b = candidate.box
    let wanted = Set(candidate.labels)
    var mask = [UInt8](repeating: 0, count: b.width * b.height)
    for y in 0..<b.height {
        for x in 0..<b.width where wanted.contains(labels.labels[(y + b.y) * labels.width + x + b.x]) { mask[y * b.width + x] = 255 }
    }
    return mask
}

/// The crop's darkest ink: its pixels above Otsu's threshold of the grey levels under its
/// mask (`levels`: the ink map's, `width` wide), when those levels fall into two clearly apart
/// classes (means 64 levels apart); nil for ink of one uniform darkness (a drawing, a felt-pen
/// scribble), which has no darker core to find.
func darkestInk(_ crop: Crop, levels: [UInt8], width: Int) -> Crop? {
    var histogram = [Int](repeating: 0, count: 256)
    let b = crop.box
    for y in 0..<b.height { for x in 0..<b.width where crop.mask[y * b.width + x] != 0 {
        histogram[Int(levels[(y + b.y) * width + x + b.x])] += 1
    } }
    let threshold = otsuLevel(histogram)
    func mean(_ range: ClosedRange<Int>) -> Double? {
        let count = histogram[range].reduce(0, +)
        return count == 0 ? nil : Double(range.reduce(0) { $0 + $1 * histogram[$1] }) / Double(count)
    }
    guard threshold < 255, let dark = mean((threshold + 1)...255), let light = mean(0...threshold), dark - light >= 64 else { return nil }
    var mask = crop.mask
    for y in 0..<b.height { for x in 0..<b.width where Int(levels[(y + b.y) * width + x + b.x]) <= threshold { mask[y * b.width + x] = 0 } }
    return trimmed(Crop(box: b, mask: mask), columns: 0..<b.width)
}

/// Whether a crop is a solid chunk of a stroke rather than a digit: roughly as wide as tall
/// (a "1" is far taller) and its stroke almost as thick as the crop is small.
func isSolidChunk(_ crop: Crop) -> Bool {
    let w = Double(crop.box.width), h = Double(crop.box.height)
    guard w >= 0.5 * h, w <= 2 * h else { return false }
    return strokeWidth(crop.mask, width: crop.box.width, height: crop.box.height) > 0.45 * Swift.min(w, h)
}

/// The columns `range` of a crop, trimmed to their ink; nil when empty.
func trimmed(_ crop: Crop, columns range: Range<Int>) -> Crop? {
    trimmed(crop) { x, _ in range.contains(x) }
}

/// The ink of a crop at the places (x, y) `keep` accepts, trimmed to it; nil when empty.
func trimmed(_ crop: Crop, where keep: (Int, Int) -> Bool) -> Crop? {
    let w = crop.box.width, h = crop.box.height
    var x0 = Int.max, x1 = -1, y0 = Int.max, y1 = -1
    for y in 0..<h { for x in 0..<w where crop.mask[y * w + x] != 0 && keep(x, y) {
        x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
    } }
    guard x1 >= 0 else { return nil }
    let nw = x1 - x0 + 1, nh = y1 - y0 + 1
    var mask = [UInt8](repeating: 0, count: nw * nh)
    for y in 0..<nh { for x in 0..<nw where keep(x + x0, y + y0) { mask[y * nw + x] = crop.mask[(y + y0) * w + x + x0] } }
    return Crop(box: Box(x: crop.box.x + x0, y: crop.box.y + y0, width: nw, height: nh), mask: mask)
}
