#if canImport(Glibc)
import Glibc
#endif

/// Step 7: renders a digit the way MNIST's digits were made — the ink fitted into a 20x20
/// box keeping its aspect ratio, anti-aliased by area resampling, and placed in a 28x28
/// frame with its centre of mass at the centre — with the stroke thickened first when it
/// would come out thinner than MNIST's.
///
/// `mask` is the digit's ink (non-zero) in a `width x height` crop. Returns 784 values,
/// ink 1.0 and background 0.0.
public func normalizeDigit(mask: [UInt8], width: Int, height: Int, targetStrokeWidth: Double = 2.3) throws -> [Float] {
    guard width > 0, height > 0, mask.contains(where: { $0 != 0 }) else { return [Float](repeating: 0, count: 784) }
    var (crop, w, h) = (mask.map { $0 != 0 ? UInt8(255) : 0 }, width, height)
    // A crop many times the 20x20 box is first reduced to at most 320 pixels a side, a cell
    // inked where any of its pixels is: thickening its strokes would otherwise cost a disc of
    // hundreds of pixels per inked pixel (seconds for a cheque scanned at 600 dpi), and the
    // box keeps 20 of those 320 pixels anyway. (Reduced to 160, the coarser cells thinned a
    // 193-pixel 9 enough to open its loop.)
    let factor = (Swift.max(w, h) + 319) / 320
    if factor > 1 { (crop, w, h) = maxPooled(crop, width: w, height: h, factor: factor) }
    let scale = 20 / Double(Swift.max(w, h))
    let stroke = strokeWidth(crop, width: w, height: h)
    let wanted = targetStrokeWidth / scale
    if stroke < 0.8 * wanted {
        let radius = Swift.min(Swift.max(1, Int(((wanted - stroke) / 2).rounded())), Swift.max(1, Swift.max(w, h) / 10))
        (crop, w, h) = dilate(crop, width: w, height: h, radius: radius)
    }
    return try frame(crop, width: w, height: h)
}

/// The same for a digit given as grey levels (ink 255): used when the crop is small enough
/// that its anti-aliasing carries information a binary mask would lose (a 16x16 scan).
public func normalizeDigit(intensity: [UInt8], width: Int, height: Int) throws -> [Float] {
    guard width > 0, height > 0, intensity.contains(where: { $0 != 0 }) else { return [Float](repeating: 0, count: 784) }
    return try frame(intensity, width: width, height: height)
}

/// Fits grey levels (ink 255) into the 20x20 box keeping the aspect ratio, then centres the
/// mass in 28x28.
func frame(_ crop: [UInt8], width w: Int, height h: Int) throws -> [Float] {
    let fit = 20 / Double(Swift.max(w, h))
    let nw = Swift.max(1, Int((Double(w) * fit).rounded())), nh = Swift.max(1, Int((Double(h) * fit).rounded()))
    let source = try Image(width: w, height: h, channels: 1, pixels: crop)
    let interpolation: Interpolation = (nw < w || nh < h) ? .area : .linear
    let small = try source.resized(width: nw, height: nh, interpolation: interpolation).pixels
    // Centre of mass to the centre of the 28x28 frame.
    var mass = 0.0, mx = 0.0, my = 0.0
    for y in 0..<nh { for x in 0..<nw { let v = Double(small[y * nw + x]); mass += v; mx += v * Double(x); my += v * Double(y) } }
    let cx = mass > 0 ? mx / mass : Double(nw - 1) / 2, cy = mass > 0 ? my / mass : Double(nh - 1) / 2
    let offsetX = Int((13.5 - cx).rounded()), offsetY = Int((13.5 - cy).rounded())
    var frame = [Float](repeating: 0, count: 784)
    for y in 0..<nh {
        for x in 0..<nw {
            let fx = x + offsetX, fy = y + offsetY
            if fx >= 0 && fx < 28 && fy >= 0 && fy < 28 { frame[fy * 28 + fx] = Float(small[y * nw + x]) / 255 }
        }
    }
    return frame
}

/// Whether a normalized digit (784 values, ink 1) holds no more ink than a digit can: the
/// mean ink of MNIST's training digits is 0.13, 99.9% are below 0.29 and the heaviest 0.40;
/// scribbles and hatched patches drawn or photographed measured 0.35–0.37, while the real
/// and drawn digits of the tests stayed below 0.27.
func isDigitInkMass(_ normalized: [Float], maximum: Double) -> Bool {
    Double(normalized.reduce(0, +)) / Double(Swift.max(1, normalized.count)) <= maximum
}

/// Mean stroke width of a binary shape: twice its area over its perimeter (a stroke of
/// length L and width s has area L·s and perimeter about 2L).
func strokeWidth(_ mask: [UInt8], width w: Int, height h: Int) -> Double {
    var area = 0, perimeter = 0
    for y in 0..<h {
        for x in 0..<w where mask[y * w + x] != 0 {
            area += 1
            let edge = x == 0 || y == 0 || x == w - 1 || y == h - 1 ||
                mask[y * w + x - 1] == 0 || mask[y * w + x + 1] == 0 || mask[(y - 1) * w + x] == 0 || mask[(y + 1) * w + x] == 0
            if edge { perimeter += 1 }
        }
    }
    return perimeter > 0 ? 2 * Double(area) / Double(perimeter) : 1
}

/// Shrinks a mask by a whole `factor`, each cell of `factor x factor` pixels inked when any of
/// them is (a thin stroke stays a stroke).
func maxPooled(_ mask: [UInt8], width w: Int, height h: Int, factor: Int) -> ([UInt8], Int, Int) {
    let nw = (w + factor - 1) / factor, nh = (h + factor - 1) / factor
    var out = [UInt8](repeating: 0, count: nw * nh)
    for y in 0..<h {
        for x in 0..<w where mask[y * w + x] != 0 { out[(y / factor) * nw + x / factor] = 255 }
    }
    return (out, nw, nh)
}

/// Dilates with a disc of `radius`, growing the canvas so nothing is clipped.
func dilate(_ mask: [UInt8], width w: Int, height h: Int, radius r: Int) -> ([UInt8], Int, Int) {
    let nw = w + 2 * r, nh = h + 2 * r
    var out = [UInt8](repeating: 0, count: nw * nh)
    var offsets = [(Int, Int)]()
    for dy in -r...r { for dx in -r...r where dx * dx + dy * dy <= r * r + r { offsets.append((dx, dy)) } }
    for y in 0..<h {
        for x in 0..<w where mask[y * w + x] != 0 {
            for (dx, dy) in offsets { out[(y + r + dy) * nw + (x + r + dx)] = 255 }
        }
    }
    return (out, nw, nh)
}
