#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Training images that are not one digit, as the photo pipeline meets them when it cuts
/// touching digits apart or joins broken ones: two digits run together and normalized as
/// one crop ("41" read as a sure 4), and a digit's left or right part alone (half a 0 plus
/// the stroke joining it to the next read as a sure 2). Trained toward the uniform
/// distribution (label `nonDigitLabel`), so the classifier answers such crops with doubt
/// instead of a confident wrong digit, and reading by recognition can tell a whole from its
/// pieces (outlier exposure, Hendrycks et al. 2019; the "none of the above" class of
/// segmentation by recognition, LeCun et al. 1998).
public let nonDigitLabel = -1

/// The share of the non-digit images not marks (`symbolShare`) that are two digits run
/// together; the rest are parts of one.
let touchingPairShare: Float = 0.6

/// Writes a non-digit image into `destination` (28x28, ink 1): a mark that is no digit (with
/// probability `symbolShare`), or one built from the training set. `images`/`labels`: the
/// training set; which digits, and whether a mark, a pair or a part, are drawn from `g` (with
/// `symbolShare` 0 exactly as before marks were added, so earlier models train again bit for
/// bit). Tries eight times, then leaves the frame empty (no pair or part could be made).
public func makeNonDigit(images: UnsafePointer<Float>, labels: [UInt8], into destination: UnsafeMutablePointer<Float>,
                         symbolShare: Float = 0, augmentation: AugmentationParameters, generator g: inout SeededGenerator) {
    let side = Dataset.side, pixels = Dataset.pixels
    var first = [Float](repeating: 0, count: pixels), second = [Float](repeating: 0, count: pixels)
    func randomIndex(_ g: inout SeededGenerator) -> Int { Int(g.next() % UInt64(labels.count)) }
    if symbolShare > 0, g.uniform() < symbolShare, makeSymbol(into: destination, augmentation: augmentation, generator: &g) { return }
    for _ in 0..<8 {
        let a = randomIndex(&g)
        augmentImage(images + a * pixels, into: &first, side: side, parameters: augmentation, generator: &g)
        if g.uniform() < touchingPairShare {
            // Two digits touching or overlapping, with a 1 more often than by chance (a 1
            // joined to its neighbour is the pair read most often as one digit).
            var b = randomIndex(&g)
            if g.uniform() < 0.2 { for _ in 0..<20 where labels[b] != 1 { b = randomIndex(&g) } }
            // Two 1s run together make a V or a Λ, the shape of a 1 with a long flag; and a 1
            // overlapping its neighbour looks like a stroke of it: a 1 only touches.
            let withOne = labels[a] == 1 || labels[b] == 1
            guard !(labels[a] == 1 && labels[b] == 1) else { continue }
            augmentImage(images + b * pixels, into: &second, side: side, parameters: augmentation, generator: &g)
            guard let left = inkBox(first, side: side), let right = inkBox(second, side: side) else { continue }
            let gap = Int((g.uniform(withOne ? 0 : -0.35, 0.08) * Float(Swift.min(left.width, right.width))).rounded())
            let dy = Int(g.uniform(-2.5, 2.5).rounded())
            let width = left.width + Swift.max(0, gap) + right.width + 2 * side, height = 3 * side
            var canvas = [Float](repeating: 0, count: width * height)
            paste(first, box: left, side: side, into: &canvas, width: width, x: side, y: side)
            paste(second, box: right, side: side, into: &canvas, width: width, x: side + left.width + gap, y: side + dy + (left.maxY - right.maxY))
            if normalizeInk(canvas, width: width, height: height, into: destination) { return }
        } else {
            // A vertical band of one digit: its left or right 30–50%, kept only when wider than
            // a 1 usually is. Not of a 1 (all stem), a 7 (a bar and a stroke much like a 1) or
            // a 3 (whose right half is a 3).
            guard ![1, 3, 7].contains(labels[a]), let box = inkBox(first, side: side) else { continue }
            let keep = Int((g.uniform(0.3, 0.5) * Float(box.width)).rounded())
            let columns = g.uniform() < 0.5 ? box.x..<(box.x + keep) : (box.maxX - keep)..<box.maxX
            var part = [Float](repeating: 0, count: pixels)
            for y in 0..<side { for x in columns { part[y * side + x] = first[y * side + x] } }
            guard let partBox = inkBox(part, side: side), Float(partBox.width) >= 0.45 * Float(partBox.height) else { continue }
            if normalizeInk(part, width: side, height: side, into: destination) { return }
        }
    }
    for i in 0..<pixels { destination[i] = 0 }   // an empty frame is not a digit either
}

/// The bounding box of the ink (> 0.1) of a `side x side` image.
struct InkBox { var x, y, width, height: Int; var maxX: Int { x + width }; var maxY: Int { y + height } }

func inkBox(_ image: [Float], side: Int) -> InkBox? { inkBox(image, width: side, height: side) }

func inkBox(_ image: [Float], width: Int, height: Int) -> InkBox? {
    var x0 = width, y0 = height, x1 = -1, y1 = -1
    for y in 0..<height { for x in 0..<width where image[y * width + x] > 0.1 { x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y) } }
    return x1 < 0 ? nil : InkBox(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
}

/// Adds (max) the ink inside `box` of a `side x side` image to `canvas` with the box's corner at (x, y).
private func paste(_ image: [Float], box: InkBox, side: Int, into canvas: inout [Float], width: Int, x: Int, y: Int) {
    let height = canvas.count / width
    for sy in box.y..<box.maxY {
        for sx in box.x..<box.maxX {
            let cx = x + sx - box.x, cy = y + sy - box.y
            guard cx >= 0, cx < width, cy >= 0, cy < height else { continue }
            canvas[cy * width + cx] = Swift.max(canvas[cy * width + cx], image[sy * side + sx])
        }
    }
}

/// MNIST's normalization of a crop, as the photo pipeline does it: the ink's box fitted into
/// 20x20 keeping its aspect (area-sampled), the centre of mass at the centre of 28x28. A
/// second home for that normalization on purpose: the pipeline's (`normalizeDigit`,
/// DigitVision) resizes through OpenCV, which the CNN library does not link, and works on the
/// crop's binary mask where this works on MNIST's grey levels.
/// False when there is too little ink to be a crop the pipeline would classify.
func normalizeInk(_ image: [Float], width: Int, height: Int, into destination: UnsafeMutablePointer<Float>) -> Bool {
    guard let box = inkBox(image, width: width, height: height), box.width * box.height >= 12 else { return false }
    let scale = 20 / Float(Swift.max(box.width, box.height))
    let nw = Swift.max(1, Int((Float(box.width) * scale).rounded())), nh = Swift.max(1, Int((Float(box.height) * scale).rounded()))
    var small = [Float](repeating: 0, count: nw * nh)
    // Each output pixel averages a 4x4 grid of bilinear samples over its footprint.
    let sub = 4
    image.withUnsafeBufferPointer { source in
        for oy in 0..<nh {
            for ox in 0..<nw {
                var sum: Float = 0
                for j in 0..<sub {
                    for i in 0..<sub {
                        let sx = Float(box.x) + (Float(ox) + (Float(i) + 0.5) / Float(sub)) / scale - 0.5
                        let sy = Float(box.y) + (Float(oy) + (Float(j) + 0.5) / Float(sub)) / scale - 0.5
                        sum += bilinear(source.baseAddress!, width: width, height: height, x: sx, y: sy)
                    }
                }
                small[oy * nw + ox] = sum / Float(sub * sub)
            }
        }
    }
    var mass: Float = 0, mx: Float = 0, my: Float = 0
    for y in 0..<nh { for x in 0..<nw { let v = small[y * nw + x]; mass += v; mx += v * Float(x); my += v * Float(y) } }
    guard mass > 0 else { return false }
    let offsetX = Int((13.5 - mx / mass).rounded()), offsetY = Int((13.5 - my / mass).rounded())
    for i in 0..<Dataset.pixels { destination[i] = 0 }
    for y in 0..<nh {
        for x in 0..<nw {
            let fx = x + offsetX, fy = y + offsetY
            if fx >= 0, fx < 28, fy >= 0, fy < 28 { destination[fy * 28 + fx] = Swift.min(1, small[y * nw + x]) }
        }
    }
    return true
}
