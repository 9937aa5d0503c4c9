#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random distortions applied to each training image, drawn anew per sample and epoch.
/// Ranges are symmetric: a rotation is uniform in ±`rotationDegrees`, and so on.
public struct AugmentationParameters: Sendable, Codable, Equatable {
    /// Maximum rotation, degrees.
    public var rotationDegrees: Float = 10
    /// Maximum relative zoom: scale uniform in [1 − zoom, 1 + zoom].
    public var zoom: Float = 0.12
    /// Maximum horizontal shear factor (x += shear·y).
    public var shear: Float = 0.15
    /// Maximum shift as a fraction of the image side.
    public var shift: Float = 0.12
    /// Probability of an elastic distortion (Simard et al. 2003) on top of the affine.
    public var elasticProbability: Float = 0.25
    /// Elastic displacement scale α (pixels) and smoothing σ (pixels).
    public var elasticAlpha: Float = 30
    public var elasticSigma: Float = 4.5
    /// Probabilities of thickening (3x3 cross dilation) or thinning (erosion) the strokes,
    /// so the classifier tolerates pens and normalizations that differ from MNIST's.
    public var thickenProbability: Float = 0.12
    public var thinProbability: Float = 0.08
    /// Probability of losing resolution: the image shrunk to a side drawn from
    /// `lowResolutionSides` by area averaging and enlarged back, as a digit scanned or
    /// photographed only a dozen pixels high (a 16x16 USPS scan, a tiny crop) reaches the
    /// classifier: blurred edges and merged strokes.
    public var lowResolutionProbability: Float = 0.2
    public var lowResolutionSides: ClosedRange<Int> = 12...22

    public init() {}

    /// No distortion at all.
    public static let none: AugmentationParameters = {
        var p = AugmentationParameters()
        p.rotationDegrees = 0; p.zoom = 0; p.shear = 0; p.shift = 0
        p.elasticProbability = 0; p.thickenProbability = 0; p.thinProbability = 0
        p.lowResolutionProbability = 0
        return p
    }()
}

/// Writes a randomly distorted copy of the `side x side` image `source` into `destination`.
/// The affine part maps each output pixel back into the source (inverse mapping) and samples
/// it bilinearly; pixels from outside the source are background (0).
public func augmentImage(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>,
                         side: Int = 28, parameters p: AugmentationParameters, generator g: inout SeededGenerator) {
    let angle = g.uniform(-p.rotationDegrees, p.rotationDegrees) * Float.pi / 180
    let scale = 1 + g.uniform(-p.zoom, p.zoom)
    let shear = g.uniform(-p.shear, p.shear)
    let tx = g.uniform(-p.shift, p.shift) * Float(side), ty = g.uniform(-p.shift, p.shift) * Float(side)
    // Forward map A = scale · R(angle) · Shear; we need A⁻¹ to sample the source.
    let c = cosf(angle), s = sinf(angle)
    let a00 = scale * c, a01 = scale * (c * shear - s)
    let a10 = scale * s, a11 = scale * (s * shear + c)
    let det = a00 * a11 - a01 * a10
    let i00 = a11 / det, i01 = -a01 / det, i10 = -a10 / det, i11 = a00 / det
    let centre = Float(side - 1) / 2

    var dx: [Float] = [], dy: [Float] = []
    if p.elasticProbability > 0 && g.uniform() < p.elasticProbability {
        (dx, dy) = elasticField(side: side, alpha: p.elasticAlpha, sigma: p.elasticSigma, generator: &g)
    }
    for y in 0..<side {
        for x in 0..<side {
            var ox = Float(x) - centre - tx, oy = Float(y) - centre - ty
            if !dx.isEmpty { ox += dx[y * side + x]; oy += dy[y * side + x] }
            let sx = i00 * ox + i01 * oy + centre, sy = i10 * ox + i11 * oy + centre
            destination[y * side + x] = bilinear(source, width: side, height: side, x: sx, y: sy)
        }
    }
    let roll = g.uniform()
    if roll < p.thickenProbability {
        morphology(destination, side: side, dilate: true)
    } else if roll < p.thickenProbability + p.thinProbability {
        morphology(destination, side: side, dilate: false)
    }
    if p.lowResolutionProbability > 0 && g.uniform() < p.lowResolutionProbability {
        let sides = p.lowResolutionSides
        let small = Swift.min(sides.upperBound, sides.lowerBound + Int(g.uniform() * Float(sides.count)))
        loseResolution(destination, side: side, to: small)
    }
}

/// Shrinks the image to `small x small` by area averaging, then enlarges it back bilinearly
/// (pixel centres aligned), in place.
private func loseResolution(_ image: UnsafeMutablePointer<Float>, side: Int, to small: Int) {
    guard small > 0, small < side else { return }
    // weights[i * side + x]: the share of source column x in target column i (rows alike).
    let step = Float(side) / Float(small)
    var weights = [Float](repeating: 0, count: small * side)
    for i in 0..<small {
        let from = Float(i) * step, to = Float(i + 1) * step
        for x in Int(from)..<Swift.min(side, Int(to.rounded(.up))) {
            let overlap = Swift.min(to, Float(x + 1)) - Swift.max(from, Float(x))
            if overlap > 0 { weights[i * side + x] = overlap / step }
        }
    }
    var rows = [Float](repeating: 0, count: side * small)   // side rows x small columns
    for y in 0..<side { for i in 0..<small {
        var sum: Float = 0
        for x in 0..<side { sum += weights[i * side + x] * image[y * side + x] }
        rows[y * small + i] = sum
    } }
    var shrunk = [Float](repeating: 0, count: small * small)
    for j in 0..<small { for i in 0..<small {
        var sum: Float = 0
        for y in 0..<side { sum += weights[j * side + y] * rows[y * small + i] }
        shrunk[j * small + i] = sum
    } }
    let ratio = Float(small) / Float(side)
    for y in 0..<side {
        for x in 0..<side {
            let u = Swift.min(Swift.max((Float(x) + 0.5) * ratio - 0.5, 0), Float(small - 1))
            let v = Swift.min(Swift.max((Float(y) + 0.5) * ratio - 0.5, 0), Float(small - 1))
            let x0 = Int(u), y0 = Int(v), x1 = Swift.min(x0 + 1, small - 1), y1 = Swift.min(y0 + 1, small - 1)
            let fx = u - Float(x0), fy = v - Float(y0)
            let top = shrunk[y0 * small + x0] * (1 - fx) + shrunk[y0 * small + x1] * fx
            let bottom = shrunk[y1 * small + x0] * (1 - fx) + shrunk[y1 * small + x1] * fx
            image[y * side + x] = top * (1 - fy) + bottom * fy
        }
    }
}

/// The bilinear sample at (x, y) of a `width x height` image; outside it, background (0).
@inline(__always)
func bilinear(_ image: UnsafePointer<Float>, width: Int, height: Int, x: Float, y: Float) -> Float {
    let x0 = Int(floorf(x)), y0 = Int(floorf(y))
    let fx = x - Float(x0), fy = y - Float(y0)
    @inline(__always) func pixel(_ px: Int, _ py: Int) -> Float {
        (px >= 0 && px < width && py >= 0 && py < height) ? image[py * width + px] : 0
    }
    let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
    let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
    return top * (1 - fy) + bottom * fy
}

/// A smooth random displacement field: uniform noise in [−1, 1], Gaussian-blurred with σ,
/// scaled by α.
private func elasticField(side: Int, alpha: Float, sigma: Float, generator g: inout SeededGenerator) -> ([Float], [Float]) {
    let radius = Int(ceilf(2 * sigma))
    let kernel = (-radius...radius).map { expf(-Float($0 * $0) / (2 * sigma * sigma)) }
    let norm = kernel.reduce(0, +)
    func field() -> [Float] {
        var noise = (0..<side * side).map { _ in g.uniform(-1, 1) }
        var temp = [Float](repeating: 0, count: side * side)
        for y in 0..<side { for x in 0..<side {
            var sum: Float = 0
            for k in -radius...radius { let xx = Swift.min(Swift.max(x + k, 0), side - 1); sum += kernel[k + radius] * noise[y * side + xx] }
            temp[y * side + x] = sum / norm
        } }
        for y in 0..<side { for x in 0..<side {
            var sum: Float = 0
            for k in -radius...radius { let yy = Swift.min(Swift.max(y + k, 0), side - 1); sum += kernel[k + radius] * temp[yy * side + x] }
            noise[y * side + x] = alpha * sum / norm
        } }
        return noise
    }
    return (field(), field())
}

/// Grey-level 3x3 cross dilation (max) or erosion (min), in place. Erosion is undone when
/// it would remove more than half of the ink, so thin digits are never erased.
private func morphology(_ image: UnsafeMutablePointer<Float>, side: Int, dilate: Bool) {
    let original = Array(UnsafeBufferPointer(start: image, count: side * side))
    for y in 0..<side {
        for x in 0..<side {
            var v = original[y * side + x]
            for (ddx, ddy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                let xx = x + ddx, yy = y + ddy
                let n: Float = (xx >= 0 && xx < side && yy >= 0 && yy < side) ? original[yy * side + xx] : 0
                v = dilate ? Swift.max(v, n) : Swift.min(v, n)
            }
            image[y * side + x] = v
        }
    }
    if !dilate {
        let before = original.reduce(0, +)
        var after: Float = 0
        for i in 0..<side * side { after += image[i] }
        if after < 0.5 * before { for i in 0..<side * side { image[i] = original[i] } }
    }
}
