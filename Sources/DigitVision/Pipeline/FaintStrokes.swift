/// Step 8, read again: a digit whose strokes are partly fainter than the page's threshold.
///
/// One threshold serves the whole page, and a thin or light stroke of one digit can fall
/// under it in part: a small 0 drawn with a quick, light hand loses the top of its loop and
/// reads as a 6 ("6 1 2 3" for "0 1 2 3"); a 2 under a lamp's highlight keeps only its base.
/// The digit is then read with doubt, from what is left. So a doubtful digit is read again
/// from its ink and the fainter ink joined to it: pixels over a lower cut, reached from the
/// digit's own through each other, within a margin round its box, outside the boxes of the
/// other digits and away from erased rules. The second reading is kept when it is sure
/// enough and clearly surer. Lowering the threshold for the whole page instead (hysteresis)
/// joined close digits through their faint rims and lost more than it gained.

/// The measures of `readingFaintStrokes`.
enum FaintStroke {
    /// Digits read with less confidence than this are read again.
    static let doubtful: Float = 0.7
    /// The lower cut, as a fraction of the page's (never under the faint ink floor,
    /// `PipelineParameters.minimumFaintInkContrast`).
    static let lowCutFraction = 0.5
    /// How far round the digit's box fainter ink is looked for, in digit heights.
    static let margin = 0.15
    /// At most this many fainter pixels for each of the digit's own: more is a shadow, a
    /// crease or the paper's grain, not a stroke.
    static let greatestGrowth = 2.5
    /// The second reading is kept when it reaches this confidence, and `gain` more than the
    /// first.
    static let sure: Float = 0.7
    static let gain: Float = 0.2

    /// The lower cut for an ink map whose threshold is `threshold` (0…1).
    static func lowCut(threshold: Float, parameters: PipelineParameters) -> UInt8 {
        let cut = Double(InkMap.cut(forThreshold: threshold))
        return UInt8(Swift.min(255, Swift.max(cut * lowCutFraction, parameters.minimumFaintInkContrast * 255).rounded(.up)))
    }
}

/// The pixels erased from an ink map's `binary` before `kept` (dots, boxes, cells, rules the
/// segmentation took out), 255 each; empty when none were.
func erasedInk(from binary: [UInt8], kept: [UInt8]) -> [UInt8] {
    guard zip(binary, kept).contains(where: { $0 != 0 && $1 == 0 }) else { return [] }
    return zip(binary, kept).map { $0 != 0 && $1 == 0 ? 255 : 0 }
}

/// `crop` (a box of the ink map `levels`, `width` by `height`, and its ink) with the ink over
/// `lowCut` that its own reaches (8-connected), within `margin` pixels of its box, outside the
/// boxes `others` and not next to an `erased` pixel (a rule's, non-zero; empty for none); nil
/// when nothing is added, more than `greatestGrowth` times its own ink, when the
/// fuller crop has fewer holes (`holeCount`), or neither more holes nor a reach past the box
/// longer than the stroke is wide.
func grownByFaintInk(_ crop: Crop, levels: [UInt8], erased: [UInt8], width: Int, height: Int, lowCut: UInt8, margin: Int,
                     others: [Box], greatestGrowth: Double = FaintStroke.greatestGrowth) -> Crop? {
    let b = crop.box
    let x0 = Swift.max(0, b.x - margin), y0 = Swift.max(0, b.y - margin)
    let x1 = Swift.min(width, b.maxX + margin), y1 = Swift.min(height, b.maxY + margin)
    let regionWidth = x1 - x0, regionHeight = y1 - y0
    let region = Box(x: x0, y: y0, width: regionWidth, height: regionHeight)
    let nearby = others.filter { $0.sharedArea(with: region) > 0 }
    func isAllowed(_ x: Int, _ y: Int) -> Bool {
        guard levels[y * width + x] > lowCut, !nearby.contains(where: { x >= $0.x && x < $0.maxX && y >= $0.y && y < $0.maxY }) else { return false }
        guard !erased.isEmpty else { return true }
        for ey in Swift.max(0, y - 1)...Swift.min(height - 1, y + 1) {
            for ex in Swift.max(0, x - 1)...Swift.min(width - 1, x + 1) where erased[ey * width + ex] != 0 { return false }
        }
        return true
    }
    var mask = [UInt8](repeating: 0, count: regionWidth * regionHeight)
    var queue = [Int]()
    for y in 0..<b.height {
        for x in 0..<b.width where crop.mask[y * b.width + x] != 0 {
            let i = (y + b.y - y0) * regionWidth + x + b.x - x0
            mask[i] = 255; queue.append(i)
        }
    }
    let own = queue.count
    var head = 0
    while head < queue.count {
        let cx = queue[head] % regionWidth, cy = queue[head] / regionWidth
        head += 1
        for ny in Swift.max(0, cy - 1)...Swift.min(regionHeight - 1, cy + 1) {
            for nx in Swift.max(0, cx - 1)...Swift.min(regionWidth - 1, cx + 1) where mask[ny * regionWidth + nx] == 0 && isAllowed(nx + x0, ny + y0) {
                mask[ny * regionWidth + nx] = 255; queue.append(ny * regionWidth + nx)
            }
        }
    }
    let grown = queue.count - own
    guard grown > 0, Double(grown) <= greatestGrowth * Double(own),
          let fuller = trimmed(Crop(box: region, mask: mask), columns: 0..<regionWidth) else { return nil }
    // Fainter ink may close a loop, never fill one: a stroke's blurred rim fills a small loop
    // (a 9's, drawn tight, read as a 7).
    let (holesBefore, holesAfter) = (holeCount(crop), holeCount(fuller))
    guard holesAfter >= holesBefore else { return nil }
    // And it must close a loop or reach further than a stroke's width: the rim alone only
    // thickens the strokes, and a 7's stem beside an erased upright, thickened, read as a 1.
    let f = fuller.box
    let reach = Swift.max(b.x - f.x, f.maxX - b.maxX, b.y - f.y, f.maxY - b.maxY)
    guard holesAfter > holesBefore || Double(reach) > strokeWidth(crop.mask, width: b.width, height: b.height) else { return nil }
    return fuller
}

/// How many holes (`holesInInk`) of two pixels or more a crop's ink has.
func holeCount(_ crop: Crop) -> Int {
    let (regions, holes) = holesInInk(of: crop)
    return holes.filter { regions.components[$0].area >= 2 }.count
}

/// The patches of background in a crop (4-connected, labelled in `regions`) and which of them
/// are holes in its ink: those that do not reach its border (ZerosWithTails.swift looks for a
/// 0's loop among them).
func holesInInk(of crop: Crop) -> (regions: ComponentLabels, holes: [Int]) {
    let w = crop.box.width, h = crop.box.height
    let regions = connectedComponents(crop.mask.map { $0 == 0 ? 255 : 0 }, width: w, height: h, connectivity: 4)
    let holes = regions.components.indices.dropFirst().filter {
        let c = regions.components[$0]
        return c.x > 0 && c.y > 0 && c.x + c.width < w && c.y + c.height < h
    }
    return (regions, holes)
}

extension DigitRecognizer {
    /// Reads again, in one batch, each of `crops` (of `inkMap`, after `segmentation`) read with
    /// doubt (`probabilities`, ten for each) with the fainter ink joined to it
    /// (`grownByFaintInk`), and keeps the fuller crop and its reading when it is sure enough
    /// and clearly surer (`FaintStroke`). `h`: the digit height. True when a crop was kept
    /// fuller: the picture may hold fainter writing (a whole digit under the threshold beside
    /// the ones whose strokes were, in a washed-out part), which the faint reading looks for.
    func readingFaintStrokes(_ crops: inout [Crop], probabilities: inout [Float], inkMap: InkMap, segmentation: Segmentation, digitHeight h: Double) throws -> Bool {
        // Not a crop wide enough to be cut into digits (touching digits, read with doubt as
        // one): made surer whole, it would not be cut ("148" for "1480", its "80" read as an 8).
        // (It may grow that wide: a round 0 made whole is as wide as tall, and a crop read
        // surer whole is cut only where its pieces read better still.)
        let doubtful = crops.indices.filter {
            !isWideEnoughToCut(crops[$0].box, digitHeight: h, parameters: parameters) && probabilities[$0 * 10..<$0 * 10 + 10].max()! < FaintStroke.doubtful
        }
        let lowCut = FaintStroke.lowCut(threshold: inkMap.threshold, parameters: parameters)
        guard !doubtful.isEmpty, lowCut < InkMap.cut(forThreshold: inkMap.threshold) else { return false }
        // Dots, boxes and rules erased from the ink map stay erased.
        let erased = erasedInk(from: inkMap.binary, kept: segmentation.binary)
        let margin = Swift.max(2, Int((FaintStroke.margin * h).rounded()))
        let boxes = crops.map(\.box)
        var fuller = [(index: Int, crop: Crop, pixels: [Float])]()
        for i in doubtful {
            let others = boxes.indices.filter { $0 != i }.map { boxes[$0] }
            guard let crop = grownByFaintInk(crops[i], levels: inkMap.levels, erased: erased, width: inkMap.width, height: inkMap.height,
                                             lowCut: lowCut, margin: margin, others: others) else { continue }
            let pixels = try normalizedPixels(crop)
            if isDigitInkMass(pixels, maximum: parameters.maximumInkMass) { fuller.append((i, crop, pixels)) }
        }
        guard !fuller.isEmpty else { return false }
        let read = classifier.probabilities(images: fuller.flatMap(\.pixels), count: fuller.count)
        var keptBoxes = [Box]()
        for (n, again) in fuller.enumerated() {
            let i = again.index
            let first = probabilities[i * 10..<i * 10 + 10].max()!, second = read[n * 10..<n * 10 + 10].max()!
            guard second >= FaintStroke.sure, second >= first + FaintStroke.gain else { continue }
            // Two neighbours may both have reached the faint ink between them: the first keeps it.
            guard !keptBoxes.contains(where: { $0.sharedArea(with: again.crop.box) > 0 }) else { continue }
            crops[i] = again.crop
            probabilities.replaceSubrange(i * 10..<i * 10 + 10, with: read[n * 10..<n * 10 + 10])
            keptBoxes.append(again.crop.box)
        }
        return !keptBoxes.isEmpty
    }
}
