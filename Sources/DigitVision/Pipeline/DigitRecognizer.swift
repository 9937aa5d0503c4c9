import DigitNet
import Foundation

/// The photo pipeline end to end: from a decoded image to lines, numbers and digits.
/// Each step is a function of its own (InkMap, PageRectification, Segmentation,
/// MNISTNormalization, ReadingOrder); this type only runs them in order and classifies all
/// crops of an image in one batch. Thread-safe: state is read-only after init.
public final class DigitRecognizer: @unchecked Sendable {
    public let classifier: DigitClassifier
    public let parameters: PipelineParameters

    public init(classifier: DigitClassifier, parameters: PipelineParameters = PipelineParameters()) {
        self.classifier = classifier
        self.parameters = parameters
    }

    /// Reads every digit of a photo or scan.
    public func recognize(_ image: Image) throws -> RecognitionResult {
        var gray = try image.grayscale()
        // Work at a bounded resolution; boxes are mapped back with `toOriginal`.
        let long = Swift.max(gray.width, gray.height)
        var scale = 1.0
        if long > parameters.maximumSide {
            scale = Double(parameters.maximumSide) / Double(long)
            gray = try gray.resized(width: Swift.max(1, Int(Double(gray.width) * scale)), height: Swift.max(1, Int(Double(gray.height) * scale)), interpolation: .area)
        }
        var page: PageRectification?
        if parameters.rectifyPage, let found = try findPage(gray, parameters: parameters) {
            page = found
            gray = found.rectified
        }
        let inkMap = try makeInkMap(gray, parameters: parameters)
        let segmentation = try segment(inkMap, parameters: parameters)
        let h = Swift.max(segmentation.digitHeight, 1)

        // Crops: each candidate whole, plus split alternatives for wide ones, all in one batch.
        var crops = [Float]()
        var layout = [[Range<Int>]](), flat = [Crop]()
        for candidate in segmentation.candidates.indices {
            let mask = candidateMask(segmentation.candidates[candidate], labels: segmentation.labels)
            let whole = Crop(box: segmentation.candidates[candidate].box, mask: mask)
            var options = [[whole]]
            let box = whole.box
            if Double(box.width) > parameters.splitWidthFraction * h, Double(box.width) > 0.9 * Double(box.height) {
                options += splitOptions(whole, digitHeight: h)
            }
            var ranges = [Range<Int>]()
            for option in options { ranges.append(flat.count..<flat.count + option.count); flat += option }
            layout.append(ranges)
        }
        for crop in flat {
            crops += try normalizeDigit(mask: crop.mask, width: crop.box.width, height: crop.box.height, targetStrokeWidth: parameters.targetStrokeWidth)
        }
        let probabilities = classifier.probabilities(images: crops, count: flat.count)

        // Choose per candidate: the whole, or the split whose weakest digit is surest.
        var digits = [(box: Box, probabilities: ArraySlice<Float>)]()
        for ranges in layout {
            func confidence(_ r: Range<Int>) -> Float { r.map { probabilities[$0 * 10..<$0 * 10 + 10].max()! }.min() ?? 0 }
            var best = ranges[0]
            for option in ranges.dropFirst() where confidence(option) > Swift.max(confidence(best) + 0.15, 0.8) { best = option }
            for i in best { digits.append((flat[i].box, probabilities[i * 10..<i * 10 + 10])) }
        }
        digits = digits.filter { Double($0.probabilities.max()!) >= parameters.minimumConfidence }

        let order = readingOrder(digits.map(\.box), digitHeight: h, numberGap: parameters.numberGapFraction)
        func toOriginal(_ box: Box) -> Box {
            let mapped = page.map { $0.mapBack(box) } ?? box
            return Box(x: Int((Double(mapped.x) / scale).rounded(.down)), y: Int((Double(mapped.y) / scale).rounded(.down)),
                       width: Int((Double(mapped.width) / scale).rounded(.up)), height: Int((Double(mapped.height) / scale).rounded(.up)))
        }
        let lines = order.lines.map { numbers -> RecognizedLine in
            let recognizedNumbers = numbers.map { members -> RecognizedNumber in
                let ds = members.map { makeDigit(box: toOriginal(digits[$0].box), probabilities: digits[$0].probabilities) }
                return RecognizedNumber(text: ds.map { String($0.label) }.joined(), box: ds.dropFirst().reduce(ds[0].box) { $0.union($1.box) },
                                        confidence: ds.map(\.confidence).min() ?? 0, digits: ds)
            }
            return RecognizedLine(text: recognizedNumbers.map(\.text).joined(separator: " "), numbers: recognizedNumbers)
        }
        return RecognitionResult(width: image.width, height: image.height, skewDegrees: order.skewDegrees,
                                 pageRectified: page != nil, lines: lines)
    }

    /// Treats the whole image as one digit: no segmentation, but the same ink map and
    /// normalization (so dark-on-light scans like USPS and light-on-dark crops both work).
    public func recognizeSingle(_ image: Image) throws -> RecognizedDigit {
        let gray = try image.grayscale()
        let inkMap = try makeSingleDigitInk(gray)
        var x0 = inkMap.width, y0 = inkMap.height, x1 = -1, y1 = -1
        for y in 0..<inkMap.height { for x in 0..<inkMap.width where inkMap.binary[y * inkMap.width + x] != 0 {
            x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
        } }
        var crop = [Float](repeating: 0, count: 784)
        var box = Box(x: 0, y: 0, width: image.width, height: image.height)
        if x1 >= x0 {
            box = Box(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
            var mask = [UInt8](repeating: 0, count: box.width * box.height)
            for y in 0..<box.height { for x in 0..<box.width { mask[y * box.width + x] = inkMap.binary[(y + y0) * inkMap.width + x + x0] } }
            crop = try normalizeDigit(mask: mask, width: box.width, height: box.height, targetStrokeWidth: parameters.targetStrokeWidth)
        }
        let p = classifier.probabilities(images: crop, count: 1)
        return makeDigit(box: box, probabilities: p[0..<10])
    }
}

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

/// Ways to cut a wide crop into two (or three) digits at the columns with least ink.
func splitOptions(_ crop: Crop, digitHeight h: Double) -> [[Crop]] {
    let w = crop.box.width, ht = crop.box.height
    var column = [Int](repeating: 0, count: w)
    for y in 0..<ht { for x in 0..<w where crop.mask[y * w + x] != 0 { column[x] += 1 } }
    func cut(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        return range.min { column[$0] < column[$1] }
    }
    func pieces(_ cuts: [Int]) -> [Crop] {
        let edges = [0] + cuts + [w]
        return zip(edges, edges.dropFirst()).compactMap { a, b in trimmed(crop, columns: a..<b) }
    }
    var options = [[Crop]]()
    if let c = cut(in: (w / 4)..<(3 * w / 4)) { options.append(pieces([c])) }
    if Double(w) > 1.7 * h, let c1 = cut(in: (w / 5)..<(w / 2)), let c2 = cut(in: (w / 2)..<(4 * w / 5)) { options.append(pieces([c1, c2])) }
    return options.filter { option in option.count >= 2 && option.allSatisfy { Double($0.box.height) >= 0.4 * h } }
}

/// The columns `range` of a crop, trimmed to their ink; nil when empty.
func trimmed(_ crop: Crop, columns range: Range<Int>) -> Crop? {
    let w = crop.box.width, h = crop.box.height
    var x0 = Int.max, x1 = -1, y0 = Int.max, y1 = -1
    for y in 0..<h { for x in range where crop.mask[y * w + x] != 0 {
        x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
    } }
    guard x1 >= 0 else { return nil }
    let nw = x1 - x0 + 1, nh = y1 - y0 + 1
    var mask = [UInt8](repeating: 0, count: nw * nh)
    for y in 0..<nh { for x in 0..<nw { mask[y * nw + x] = crop.mask[(y + y0) * w + x + x0] } }
    return Crop(box: Box(x: crop.box.x + x0, y: crop.box.y + y0, width: nw, height: nh), mask: mask)
}

func makeDigit(box: Box, probabilities: ArraySlice<Float>) -> RecognizedDigit {
    let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
    let base = probabilities.startIndex
    let top = ranked.prefix(3).map { RecognizedDigit.Candidate(label: $0 - base, probability: Double(probabilities[$0])) }
    return RecognizedDigit(box: box, label: top[0].label, confidence: top[0].probability, top3: top)
}

/// Ink of a single-digit image: Otsu on the grey levels, with the polarity that makes ink
/// the minority (a digit covers less of its image than the background does).
func makeSingleDigitInk(_ gray: Image) throws -> InkMap {
    let (dark, _) = try gray.otsuThreshold(invert: true)
    var binary = dark.pixels
    let inkCount = binary.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    if inkCount * 2 > binary.count { binary = binary.map { 255 - $0 } }
    return InkMap(width: gray.width, height: gray.height, ink: binary.map { Float($0) / 255 }, binary: binary, threshold: 0.5)
}
