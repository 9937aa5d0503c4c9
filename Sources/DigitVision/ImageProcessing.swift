import CBridge

public enum Interpolation: Sendable { case nearest, linear, area, cubic }
public enum MorphologyOperation: Sendable { case erode, dilate, open, close }
public enum KernelShape: Sendable { case rectangle, cross, ellipse }

/// A connected component: bounding box, pixel count and centroid.
public struct Component: Equatable, Sendable {
    public var x, y, width, height, area: Int
    public var centroidX, centroidY: Double
}

/// The labels of every pixel (row-major; 0 = background) and the components 1…n
/// (`components[0]` is the background).
public struct ComponentLabels: Sendable {
    public let width, height: Int
    public let labels: [Int32]
    public let components: [Component]
}

public struct Point: Equatable, Sendable {
    public var x, y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

extension Image {
    public func grayscale() throws -> Image { try derive("to_gray") { cb_to_gray(handle, $0, $1) } }
    public func bgr() throws -> Image { try derive("to_bgr") { cb_to_bgr(handle, $0, $1) } }
    /// One channel of a BGR image (0 = blue, 1 = green, 2 = red).
    public func channel(_ index: Int) throws -> Image { try derive("extract_channel") { cb_extract_channel(handle, Int32(index), $0, $1) } }

    /// This image with each side divided by `factor` (area averaging); itself when `factor` ≤ 1.
    public func shrunk(by factor: Int) throws -> Image {
        factor > 1 ? try resized(width: Swift.max(1, width / factor), height: Swift.max(1, height / factor), interpolation: .area) : self
    }

    public func resized(width: Int, height: Int, interpolation: Interpolation = .area) throws -> Image {
        let mode: cb_interpolation
        switch interpolation {
        case .nearest: mode = CB_INTER_NEAREST
        case .linear: mode = CB_INTER_LINEAR
        case .area: mode = CB_INTER_AREA
        case .cubic: mode = CB_INTER_CUBIC
        }
        return try derive("resize") { cb_resize(handle, Int32(width), Int32(height), mode, $0, $1) }
    }

    /// Affine warp by the 2x3 row-major `matrix` (destination = matrix · source).
    public func warpedAffine(_ matrix: [Double], width: Int, height: Int, border: UInt8 = 0) throws -> Image {
        precondition(matrix.count == 6)
        return try derive("warp_affine") { out, error in matrix.withUnsafeBufferPointer { cb_warp_affine(handle, $0.baseAddress, Int32(width), Int32(height), Int32(border), out, error) } }
    }

    /// Perspective warp by the 3x3 row-major `matrix`.
    public func warpedPerspective(_ matrix: [Double], width: Int, height: Int, border: UInt8 = 0) throws -> Image {
        precondition(matrix.count == 9)
        return try derive("warp_perspective") { out, error in matrix.withUnsafeBufferPointer { cb_warp_perspective(handle, $0.baseAddress, Int32(width), Int32(height), Int32(border), out, error) } }
    }

    public func gaussianBlurred(kernelSize: Int, sigma: Double = 0) throws -> Image {
        try derive("gaussian_blur") { cb_gaussian_blur(handle, Int32(kernelSize), sigma, $0, $1) }
    }

    public func medianBlurred(kernelSize: Int) throws -> Image {
        try derive("median_blur") { cb_median_blur(handle, Int32(kernelSize), $0, $1) }
    }

    /// How sharp the picture is, whatever its brightness: Laplacian variance over grey-level
    /// variance (blur lowers it many times; 0 for a uniform picture).
    public func focusMeasure() throws -> Double {
        var focus = 0.0
        try check("focus_measure") { cb_focus_measure(handle, &focus, $0) }
        return focus
    }

    /// Otsu's threshold of a grey image; with `invert`, dark pixels become 255.
    public func otsuThreshold(invert: Bool) throws -> (image: Image, level: Double) {
        var level = 0.0
        let image = try derive("threshold_otsu") { cb_threshold_otsu(handle, invert ? 1 : 0, $0, &level, $1) }
        return (image, level)
    }

    public func thresholded(at level: Double, invert: Bool) throws -> Image {
        try derive("threshold") { cb_threshold(handle, level, invert ? 1 : 0, $0, $1) }
    }

    public func adaptiveThreshold(blockSize: Int, offset: Double, invert: Bool) throws -> Image {
        try derive("threshold_adaptive") { cb_threshold_adaptive(handle, Int32(blockSize), offset, invert ? 1 : 0, $0, $1) }
    }

    public func morphology(_ operation: MorphologyOperation, shape: KernelShape = .rectangle, width: Int, height: Int, iterations: Int = 1) throws -> Image {
        let op: cb_morph_op
        switch operation { case .erode: op = CB_MORPH_ERODE; case .dilate: op = CB_MORPH_DILATE; case .open: op = CB_MORPH_OPEN; case .close: op = CB_MORPH_CLOSE }
        let s: cb_morph_shape
        switch shape { case .rectangle: s = CB_SHAPE_RECT; case .cross: s = CB_SHAPE_CROSS; case .ellipse: s = CB_SHAPE_ELLIPSE }
        return try derive("morphology") { cb_morphology(handle, op, s, Int32(width), Int32(height), Int32(iterations), $0, $1) }
    }

    /// Connected components of the non-zero pixels.
    public func connectedComponents(connectivity: Int = 8) throws -> ComponentLabels {
        var labels: UnsafeMutablePointer<Int32>?
        var raw: UnsafeMutablePointer<cb_component>?
        var count: Int32 = 0
        try check("connected_components") { cb_connected_components(handle, Int32(connectivity), &labels, &raw, &count, $0) }
        defer { cb_components_free(labels, raw) }
        let components = (0..<Int(count)).map { i -> Component in
            let c = raw![i]
            return Component(x: Int(c.x), y: Int(c.y), width: Int(c.width), height: Int(c.height), area: Int(c.area), centroidX: c.cx, centroidY: c.cy)
        }
        return ComponentLabels(width: width, height: height, labels: Array(UnsafeBufferPointer(start: labels, count: width * height)), components: components)
    }

    /// Outer contours of the non-zero pixels.
    public func contours() throws -> [[Point]] {
        var points: UnsafeMutablePointer<Int32>?
        var lengths: UnsafeMutablePointer<Int32>?
        var count: Int32 = 0
        try check("find_contours") { cb_find_contours(handle, &points, &lengths, &count, $0) }
        defer { cb_contours_free(points, lengths) }
        var result = [[Point]](), k = 0
        for i in 0..<Int(count) {
            var contour = [Point]()
            for _ in 0..<Int(lengths![i]) { contour.append(Point(x: Int(points![k]), y: Int(points![k + 1]))); k += 2 }
            result.append(contour)
        }
        return result
    }
}

/// Douglas–Peucker polygon approximation of a closed contour.
public func approximatePolygon(_ contour: [Point], epsilon: Double) throws -> [Point] {
    let flat = contour.flatMap { [Int32($0.x), Int32($0.y)] }
    var out = [Int32](repeating: 0, count: flat.count + 2)
    var count: Int32 = 0
    try check("approx_polygon") { error in
        flat.withUnsafeBufferPointer { f in out.withUnsafeMutableBufferPointer { o in
            cb_approx_polygon(f.baseAddress, Int32(contour.count), epsilon, o.baseAddress, Int32(contour.count + 1), &count, error)
        } }
    }
    return (0..<Int(count)).map { Point(x: Int(out[2 * $0]), y: Int(out[2 * $0 + 1])) }
}

/// The 3x3 perspective matrix (row-major) taking 4 source points to 4 destination points.
public func perspectiveTransform(from source: [(Double, Double)], to destination: [(Double, Double)]) throws -> [Double] {
    precondition(source.count == 4 && destination.count == 4)
    let s = source.flatMap { [$0.0, $0.1] }, d = destination.flatMap { [$0.0, $0.1] }
    var m = [Double](repeating: 0, count: 9)
    try check("perspective_transform") { error in m.withUnsafeMutableBufferPointer { cb_perspective_transform(s, d, $0.baseAddress, error) } }
    return m
}

extension Image {
    /// The part of the image inside the box (clipped to the image).
    public func cropped(to box: Box) throws -> Image {
        let x = Swift.max(0, box.x), y = Swift.max(0, box.y)
        let w = Swift.max(1, Swift.min(box.maxX, width) - x), h = Swift.max(1, Swift.min(box.maxY, height) - y)
        return try warpedAffine([1, 0, Double(-x), 0, 1, Double(-y)], width: w, height: h)
    }
}
