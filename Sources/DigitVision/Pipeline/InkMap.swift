/// Steps 1–2 of the pipeline: grey levels, uneven lighting flattened, and ink separated
/// from paper.
///
/// `levels[i]` is how much darker pixel i is than the paper around it, as a fraction of the
/// paper's brightness scaled to 0…255 (0 = paper, 255 = black): dividing by the local background makes a
/// shadowed corner and a lit one look alike, and tinted paper (grey, yellow, pink) drops out.
/// `binary[i]` is 255 for ink.
public struct InkMap: Sendable {
    public let width: Int
    public let height: Int
    public let levels: [UInt8]
    public var binary: [UInt8]
    /// The ink fraction chosen as threshold (0…1): `binary` is `levels > threshold·255`.
    public let threshold: Float
    /// The estimated paper brightness at each pixel (empty when not known, as after Deskew).
    public let paper: [UInt8]
    /// Whether writing fainter than the threshold may be there (`faintReading`): the threshold
    /// is the least contrast ink must have (`minimumInkContrast`), Otsu's split lying under it
    /// with much ink between them, or a form's dark rules hold it up (DarkRules.swift).
    public let mayHoldFainterWriting: Bool
    /// Whether Otsu's split fell under the least ink contrast: the paper holds faint marks
    /// that far outnumber the writing's pixels (a ruled page's pale lines; `inkThresholdAboveFloor`).
    public let holdsFaintMarks: Bool

    public init(width: Int, height: Int, levels: [UInt8], binary: [UInt8], threshold: Float, paper: [UInt8] = [], mayHoldFainterWriting: Bool = false,
                holdsFaintMarks: Bool = false) {
        self.width = width; self.height = height; self.levels = levels; self.binary = binary; self.threshold = threshold
        self.paper = paper; self.mayHoldFainterWriting = mayHoldFainterWriting; self.holdsFaintMarks = holdsFaintMarks
    }

    /// The ink level a fraction `threshold` (0…1) cuts at: ink is a level above it.
    static func cut(forThreshold threshold: Float) -> UInt8 {
        UInt8(Swift.min(255, (threshold * 255).rounded(.down)))
    }
}

/// Estimates the paper's brightness at every pixel: a grey-level closing (a max filter then
/// a min filter) wipes out strokes thinner than the kernel, computed shrunk for speed (4
/// times, or 2 or not at all for pictures under 160 and 80 pixels on their short side;
/// `backgroundKernel`) and smoothed.
func estimateBackground(_ gray: Image) throws -> PaperEstimate {
    let w = gray.width, h = gray.height
    let (factor, k) = backgroundKernel(width: w, height: h)
    let shrunk = try gray.shrunk(by: factor)
    let closed = try shrunk.morphology(.close, shape: .ellipse, width: k, height: k)
    return PaperEstimate(background: try smoothedBackground(closed, width: w, height: h, factor: factor), shrunk: shrunk, closed: closed)
}

/// The paper's brightness at every pixel, with what it was made from at `backgroundKernel`'s
/// scale (Shadows.swift starts from them).
struct PaperEstimate {
    var background: Image
    /// The grey picture shrunk to that scale, and its grey-level closing there.
    var shrunk: Image
    var closed: Image
}

/// How far `estimateBackground` shrinks a picture, and its kernel there. The kernel must be
/// wider than a stroke; strokes scale with the image's short side.
func backgroundKernel(width w: Int, height h: Int) -> (factor: Int, kernel: Int) {
    let factor = Swift.min(w, h) >= 160 ? 4 : (Swift.min(w, h) >= 80 ? 2 : 1)
    let shortSide = Swift.min(w / factor, h / factor)
    return (factor, Swift.min(Swift.max(5, shortSide / 6) | 1, 41))
}

/// A paper estimate made at `1/factor` of the picture's size, smoothed and enlarged to it.
func smoothedBackground(_ closed: Image, width w: Int, height h: Int, factor: Int) throws -> Image {
    let smooth = try closed.medianBlurred(kernelSize: 5)
    return factor > 1 ? try smooth.resized(width: w, height: h, interpolation: .linear) : smooth
}

/// Whether the picture is light ink on a dark ground (a chalkboard, an MNIST-style image):
/// then the grey levels are inverted before anything else. Ink is the minority class, so
/// the first test is whether the bright side of Otsu's split covers less than a third of the
/// picture — not whether the picture is dark, since a dim photo of paper is dark too. A small
/// sheet of paper on a dark desk, white margins around a rotated scan, or the lit half of a
/// page pass that test too; but their bright side is solid, while light strokes are thin:
/// so the bright side must also mostly vanish when eroded (`brightSideIsSolid`). Failing that
/// (a board's own shading is split), light marks on a darker ground are looked for
/// (`hasMostlyBrightMarks`).
func isDarkBackground(_ gray: Image) throws -> Bool {
    let (mostlyDark, level) = brightSideIsMinority(gray)
    if try mostlyDark && !brightSideIsSolid(gray, level: level) { return true }
    return try hasMostlyBrightMarks(gray)
}

/// Whether the bright side of Otsu's split (above `level`) covers less than a third of the
/// picture (sampled on a grid about 128 pixels across).
func brightSideIsMinority(_ gray: Image) -> (minority: Bool, level: Int) {
    gray.withPixels { base, stride in
        var histogram = [Int](repeating: 0, count: 256)
        let step = Swift.max(1, Swift.min(gray.width, gray.height) / 128)
        for y in Swift.stride(from: 0, to: gray.height, by: step) {
            for x in Swift.stride(from: 0, to: gray.width, by: step) { histogram[Int(base[y * stride + x])] += 1 }
        }
        let level = otsuLevel(histogram)
        let total = histogram.reduce(0, +), bright = histogram[(level + 1)...].reduce(0, +)
        return (total > 0 && Double(bright) < 0.33 * Double(total), level)
    }
}

/// Whether the marks that stand out from their surroundings are mostly lighter than them, and
/// thin: chalk on a grey board, white ink photographed on grey paper. Otsu's split cannot
/// tell these: the ground's own shading is split, and the bright side covers half the
/// picture. Marks are pixels 3.5 deviations (at least 12 grey levels) off their surroundings
/// (a median over an eighth of the picture, taken on a copy 64 pixels across and enlarged),
/// on a copy about 256 pixels across; bright marks standing alone, within a quarter of the
/// picture (not a sheet's corner on a dark desk), must outnumber dark ones three to one, and
/// mostly vanish when eroded (glare is broad).
func hasMostlyBrightMarks(_ gray: Image) throws -> Bool {
    // A small crop has no surroundings to speak of: the paper inside a bold 0 filling a
    // 24-pixel picture would be a light mark.
    guard Swift.min(gray.width, gray.height) >= 64 else { return false }
    let small = try gray.shrunk(by: Swift.max(1, Int((Double(Swift.min(gray.width, gray.height)) / 256).rounded())))
    let tiny = try small.shrunk(by: Swift.max(1, Swift.min(small.width, small.height) / 64))
    let surroundings = try tiny.medianBlurred(kernelSize: Swift.max(3, Swift.min(tiny.width, tiny.height) / 8) | 1)
        .resized(width: small.width, height: small.height, interpolation: .linear).pixels
    let grey = small.pixels, n = grey.count
    let histogram = grey.withUnsafeBufferPointer { g in
        surroundings.withUnsafeBufferPointer { b in histogram256(count: n) { abs(Int(g[$0]) - Int(b[$0])) } }
    }
    var below = 0, median = 0
    while median < 255 && below + histogram[median] <= n / 2 { below += histogram[median]; median += 1 }
    let cut = Swift.max(12, Int(3.5 * 1.4826 * Double(median)))
    var bright = [UInt8](repeating: 0, count: n)
    var brightCount = 0, darkCount = 0
    grey.withUnsafeBufferPointer { g in
        surroundings.withUnsafeBufferPointer { b in
            bright.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    let r = Int(g[i]) - Int(b[i])
                    if r > cut { out[i] = 255; brightCount &+= 1 } else if r < -cut { darkCount &+= 1 }
                }
            }
        }
    }
    guard brightCount * 1000 >= n, brightCount >= 3 * darkCount else { return false }
    // Only marks standing alone count, within a quarter of the picture: the corners of a sheet
    // on a desk, cut off by the median, are bright too, but part of the sheet, all of it
    // lighter than the desk (the pixels half the cut above their surroundings hold them).
    var lighter = [UInt8](repeating: 0, count: n)
    for i in 0..<n where Int(grey[i]) - Int(surroundings[i]) > cut / 2 { lighter[i] = 255 }
    let labels = connectedComponents(lighter, width: small.width, height: small.height)
    let markSide = Swift.min(small.width, small.height) / 4
    let large = Set(labels.components.indices.dropFirst().filter { labels.components[$0].width > markSide || labels.components[$0].height > markSide })
    if !large.isEmpty {
        for i in 0..<n where bright[i] != 0 && large.contains(Int(labels.labels[i])) { bright[i] = 0; brightCount -= 1 }
        guard brightCount * 1000 >= n, brightCount >= 3 * darkCount else { return false }
    }
    let marks = try Image(width: small.width, height: small.height, channels: 1, pixels: bright)
    let cores = try marks.morphology(.erode, width: 5, height: 5)
    return countNonZero(cores.pixels) * 4 < brightCount
}

/// Whether more than a quarter of the pixels brighter than `level` survive an erosion by a
/// square a sixteenth of the picture's short side (at least 5 pixels), on a copy about 256
/// pixels across, after the holes dark ink leaves in them are closed: true of paper, false
/// of strokes.
func brightSideIsSolid(_ gray: Image, level: Int) throws -> Bool {
    let small = try gray.shrunk(by: Swift.min(gray.width, gray.height) / 256)
    let bright = try small.thresholded(at: Double(level), invert: false)
    let k = Swift.max(5, Swift.min(small.width, small.height) / 16) | 1
    // Ink strokes punch holes in the paper; close them first (strokes are far thinner).
    let closed = try bright.morphology(.close, width: k / 2 | 1, height: k / 2 | 1)
    let core = try closed.morphology(.erode, width: k, height: k)
    return countNonZero(core.pixels) * 4 > countNonZero(bright.pixels)
}

/// Builds the ink map of a grey image (dark ink on light paper, or the reverse).
public func makeInkMap(_ grayInput: Image, parameters: PipelineParameters) throws -> InkMap {
    // A light blur first: sensor noise in dim photos would otherwise become specks of "ink".
    func lightlyBlurred(_ gray: Image) throws -> Image {
        Swift.min(gray.width, gray.height) >= 300 ? try gray.gaussianBlurred(kernelSize: 3) : gray
    }
    // Whether the ground is dark is found beside the levels against the picture as given
    // (most pictures are dark ink on light paper); when it is, they are made again from the
    // inverted picture.
    func blurredAndFlattened(_ gray: Image) throws -> (Image, FlattenedLevels) {
        let blurred = try lightlyBlurred(gray)
        return (blurred, try flattenedLevels(blurred, parameters: parameters))
    }
    let (darkGround, asGiven) = sideBySide({ try isDarkBackground(grayInput) }, { try blurredAndFlattened(grayInput) })
    let (gray, firstLevels) = try darkGround.get()
        ? blurredAndFlattened(try Image(width: grayInput.width, height: grayInput.height, channels: 1, pixels: grayInput.pixels.map { 255 - $0 }))
        : asGiven.get()
    // Otsu's threshold, but never under the least contrast ink must have.
    func inkThreshold(of histogram: [Int]) -> Float {
        inkThresholdAboveFloor(histogram, floor: parameters.minimumInkContrast)
    }
    // The histogram leaves out slivers of desk along the picture's edge (EdgeSlivers.swift),
    // unless the threshold it gives falls among the paper's noise (a dark room's photo, whose
    // higher threshold kept the noise out).
    func withoutEdgeSlivers(_ flat: FlattenedLevels) throws -> FlattenedLevels {
        var flat = flat
        let cut = InkMap.cut(forThreshold: inkThreshold(of: flat.histogram))
        if let histogram = try histogramWithoutEdgeSlivers(flat.levels, width: gray.width, height: gray.height, cut: cut, parameters: parameters),
           PaperNoise(histogram: histogram).isCleared(by: InkMap.cut(forThreshold: inkThreshold(of: histogram)), smallPicture: false,
                                                      clearanceDeviations: parameters.noiseClearanceDeviations) {
            flat.histogram = histogram
        }
        return flat
    }
    var flat = try withoutEdgeSlivers(firstLevels)
    var threshold = inkThreshold(of: flat.histogram)
    // A dark room's noise can swamp faint strokes (see `isWithinPaperNoise`): the picture is
    // smoothed more, a Gaussian of 1, 2, then 3 pixels, until the threshold clears the noise.
    // Never more than a hundredth of the short side: a 120-pixel crop's strokes are 2 wide.
    let strongestSmoothing = Swift.min(3, Swift.max(1, Swift.min(gray.width, gray.height) / 100))
    var smoothing = 0, smoothed = gray
    while smoothing < strongestSmoothing && isWithinPaperNoise(InkMap.cut(forThreshold: threshold), histogram: flat.histogram) {
        smoothing += 1
        smoothed = try gray.gaussianBlurred(kernelSize: 0, sigma: Double(smoothing))
        flat = try withoutEdgeSlivers(try flattenedLevels(smoothed, parameters: parameters))
        threshold = inkThreshold(of: flat.histogram)
    }
    // A hard-edged shadow narrower than the paper estimate follows (Shadows.swift).
    if let followed = try flattenedFollowingNarrowShadows(smoothed, flat: flat, cut: InkMap.cut(forThreshold: threshold), parameters: parameters) {
        flat = try withoutEdgeSlivers(followed)
        threshold = inkThreshold(of: flat.histogram)
    }
    let w = gray.width, h = gray.height
    let small = Swift.min(w, h) < parameters.smallPictureSide
    // Writing fainter than a form's dark rules: in the faint reading, the threshold is chosen
    // without the rules (DarkRules.swift) when that lowers it and still clears the paper's noise.
    // In the first reading, that it would is noted (`mayHoldFainterWriting`).
    var heldUpByRules = false
    if let histogram = try histogramWithoutRules(flat.levels, width: w, height: h, cut: InkMap.cut(forThreshold: threshold)),
       case let fainter = inkThreshold(of: histogram), fainter < threshold,
       PaperNoise(histogram: histogram).isCleared(by: InkMap.cut(forThreshold: fainter), smallPicture: small,
                                                  clearanceDeviations: parameters.noiseClearanceDeviations) {
        if parameters.thresholdBesideDarkRules {
            flat.histogram = histogram
            threshold = fainter
        } else {
            heldUpByRules = true
        }
    }
    // Smoothed as far as allowed and still not clear of the noise (a dark room's photo): the
    // threshold is raised over it (`PaperNoise.isCleared`). Then, but for a small crop whose
    // threshold cleared the noise, only the marks that stand out of the noise somewhere are
    // kept: the hysteresis of `removingNoiseSpecks` with one floor for the whole picture, for
    // noise that leaves no block's paper quiet enough to measure by.
    let noise = PaperNoise(histogram: flat.histogram)
    let noisy = !noise.isCleared(by: InkMap.cut(forThreshold: threshold), smallPicture: small, clearanceDeviations: parameters.noiseClearanceDeviations)
    if noisy { threshold = Swift.max(threshold, Float(noise.level(deviations: parameters.noiseClearanceDeviations) / 255)) }
    let cut = InkMap.cut(forThreshold: threshold)
    var levels = removingNoiseSpecks(flat.levels, width: w, height: h, cut: cut, floorDeviations: parameters.noiseFloorDeviations)
    let floor = noise.level(deviations: parameters.noiseFloorDeviations)
    if noisy || !small, floor > Double(cut) { levels = keepingMarks(levels, width: w, height: h, cut: cut, reaching: floor) }
    var binary = [UInt8](repeating: 0, count: w * h)
    levels.withUnsafeBufferPointer { l in
        binary.withUnsafeMutableBufferPointer { out in
            for i in 0..<w * h { out[i] = l[i] > cut ? 255 : 0 }
        }
    }
    // Otsu's split under the floor with much ink between them: a sixth as much as above the
    // floor or more. The rims of clear strokes add a few percent; writing fainter than the
    // floor adds whole strokes.
    let split = otsuLevel(flat.histogram), floorCut = Int(InkMap.cut(forThreshold: Float(parameters.minimumInkContrast)))
    let faintInkUnderFloor = threshold == inkThreshold(of: flat.histogram) && split < floorCut
        && 6 * flat.histogram[(split + 1)...floorCut].reduce(0, +) >= flat.histogram[(floorCut + 1)...].reduce(0, +)
    return InkMap(width: w, height: h, levels: levels, binary: binary, threshold: threshold, paper: flat.paper.background.pixels,
                  mayHoldFainterWriting: faintInkUnderFloor || heldUpByRules, holdsFaintMarks: split < floorCut)
}

/// A picture's ink levels against the paper's estimate (`flattenedLevels`).
struct FlattenedLevels {
    var paper: PaperEstimate
    var levels: [UInt8]
    var histogram: [Int]
}

/// Steps 1–2 up to the threshold: the paper's brightness estimated (`estimateBackground`),
/// each pixel's ink level against it (`darkness`), the contrast glare took restored
/// (`liftGlare`, with `parameters`' gains), and the histogram of the levels.
/// `paper`: the paper's estimate to use instead of `estimateBackground`'s.
func flattenedLevels(_ gray: Image, paper given: PaperEstimate? = nil, parameters: PipelineParameters) throws -> FlattenedLevels {
    let paper = try given ?? estimateBackground(gray)
    let background = paper.background
    let w = gray.width, h = gray.height
    // ink = (paper − grey) / paper as a level 0…255 (a paper darker than 24 counts as 24,
    // so black borders do not turn into ink), then Otsu's histogram of the levels.
    var levels = [UInt8](repeating: 0, count: w * h)
    gray.withPixels { g, gStride in
        background.withPixels { b, bStride in
            levels.withUnsafeMutableBufferPointer { out in
                for y in 0..<h { darkness(grey: g + y * gStride, paper: b + y * bStride, into: out.baseAddress! + y * w, count: w) }
            }
        }
    }
    var histogram = levels.withUnsafeBufferPointer { l in histogram256(count: l.count) { Int(l[$0]) } }
    liftGlare(&levels, paper: background.pixels, width: w, height: h, histogram: &histogram, parameters: parameters)
    return FlattenedLevels(paper: paper, levels: levels, histogram: histogram)
}

/// Whether the ink threshold `cut` lies within the paper's own noise: under the median level
/// plus 1.5 deviations of the paper's noise (`PaperNoise`). Otsu's split lands there when
/// faint, thin strokes are too few to weigh against the noise: then a third of the paper is
/// "ink". (A cheque's guilloche widens the spread too, but its dark strokes hold the split
/// above it.)
func isWithinPaperNoise(_ cut: UInt8, histogram: [Int]) -> Bool {
    Double(cut) < PaperNoise(histogram: histogram).level(deviations: 1.5)
}

/// The least index at which a histogram passes `fraction` of its total (0 when empty).
func percentileIndex<Counts: Collection<Int>>(_ counts: Counts, _ fraction: Double) -> Int {
    let total = counts.reduce(0, +)
    var seen = 0
    for (index, c) in counts.enumerated() {
        seen += c
        if Double(seen) > fraction * Double(total) { return index }
    }
    return 0
}

/// One row of ink levels: `255·(paper − grey) / paper`, truncated, 0 where the pixel is
/// lighter than the paper; paper darker than 24 counts as 24. Sixteen pixels at a time in
/// SIMD registers (Swift's Float-to-integer conversions are checked, one lane at a time).
@inline(__always)
func darkness(grey: UnsafePointer<UInt8>, paper: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, count: Int) {
    var x = 0
    while x + 16 <= count {
        let g = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: UnsafeRawPointer(grey + x).loadUnaligned(as: SIMD16<UInt8>.self)))
        var p = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: UnsafeRawPointer(paper + x).loadUnaligned(as: SIMD16<UInt8>.self)))
        p = p.replacing(with: 24, where: p .< 24)
        var level = (p - g) * 255 / p
        level = level.replacing(with: 0, where: level .< 0).replacing(with: 255, where: level .> 255)
        // Truncation without a conversion instruction: adding 2^23 rounds to an integer held
        // in the low mantissa bits; one less where that rounded up.
        let magic = SIMD16<Float>(repeating: 8_388_608)
        var whole = (level + magic) - magic
        whole = whole.replacing(with: whole - 1, where: whole .> level)
        let bits = unsafeBitCast(whole + magic, to: SIMD16<UInt32>.self)
        let bytes = SIMD16<UInt8>(truncatingIfNeeded: bits)
        UnsafeMutableRawPointer(out + x).storeBytes(of: bytes, as: SIMD16<UInt8>.self)
        x += 16
    }
    while x < count {
        let p = Swift.max(Float(paper[x]), 24)
        out[x] = UInt8(Swift.min(255, Swift.max(0, (p - Float(grey[x])) * 255 / p)))
        x += 1
    }
}

/// Otsu's threshold of a 256-bin histogram (the level maximizing between-class variance).
func otsuLevel(_ histogram: [Int]) -> Int {
    let total = histogram.reduce(0, +)
    guard total > 0 else { return 128 }
    var sum = 0.0
    for (i, c) in histogram.enumerated() { sum += Double(i * c) }
    var sumBelow = 0.0, weightBelow = 0.0, best = 0.0, level = 0
    for t in 0..<256 {
        weightBelow += Double(histogram[t])
        if weightBelow == 0 { continue }
        let weightAbove = Double(total) - weightBelow
        if weightAbove == 0 { break }
        sumBelow += Double(t * histogram[t])
        let meanBelow = sumBelow / weightBelow, meanAbove = (sum - sumBelow) / weightAbove
        let between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove)
        if between > best { best = between; level = t }
    }
    return level
}

/// Otsu's split of an ink-level histogram, never under `floor` (0…1, the least contrast ink
/// must have). When the split falls under the floor, it fell among the paper's own faint
/// marks: a ruled page's pale lines, which far outnumber the writing's pixels, pull it down
/// to them, and the floor alone then cut the writing at its blurred rim, strokes twice as
/// bold as on plain paper (a 12-megapixel page's small digits ran into blobs). The split is
/// then taken again with every level under the floor counted as paper, as it is on plain
/// paper.
func inkThresholdAboveFloor(_ histogram: [Int], floor: Double) -> Float {
    let split = otsuLevel(histogram), floorCut = Int(InkMap.cut(forThreshold: Float(floor)))
    guard split < floorCut, floorCut < 255 else { return Swift.max(Float(split) / 255, Float(floor)) }
    var asPaper = histogram
    asPaper[0] = histogram[0...floorCut].reduce(0, +)
    for level in 1...floorCut { asPaper[level] = 0 }
    let paperSplit = otsuLevel(asPaper)
    guard paperSplit <= floorCut + 1 else { return Swift.max(Float(paperSplit) / 255, Float(floor)) }
    // Split again at the floor itself: the faint marks' tail over the floor can outnumber the
    // writing (a squared page at full size, one small number on it: its grid lines' cores at
    // 32–46 of 255, eight times the writing's pixels, were cut into dashes that read as
    // digits). The split is then taken among the levels over the floor alone, between that
    // tail and the writing, when the two are told apart: the 16 levels over the floor hold
    // four times the pixels of all levels above them, and the split falls 40 levels over the
    // floor at least, the writing far darker than the tail. Faint writing, washed out or
    // blurred, has most of its pixels near the floor too, but it fades on from there, and
    // split among its own levels it lost its strokes (of the benchmark's and a reviewer's
    // pictures, 15 with 0.6–3 times the pixels there, and 5 split 2–26 levels over the floor).
    var marks = histogram
    for level in 0...floorCut { marks[level] = 0 }
    let marksSplit = otsuLevel(marks)
    let tail = histogram[(floorCut + 1)...Swift.min(255, floorCut + 16)].reduce(0, +)
    let overTail = floorCut + 17 <= 255 ? histogram[(floorCut + 17)...].reduce(0, +) : 0
    if overTail > 0, tail >= 4 * overTail, marksSplit >= floorCut + 40 { return Float(marksSplit) / 255 }
    return Swift.max(Float(paperSplit) / 255, Float(floor))
}
