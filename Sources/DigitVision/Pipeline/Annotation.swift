/// Drawing a recognition result over its image (kept apart from detection, so the same
/// result can be drawn on a camera frame, a photo or a canvas).
public struct AnnotationStyle: Sendable {
    /// Digits at or above this confidence are drawn green, others orange: by default, those
    /// the pipeline reads surely (`PipelineParameters.sureConfidence`).
    public var sureConfidence = PipelineParameters().sureConfidence
    public var showConfidence = true
    public init() {}
}

/// A BGR copy of `image` with a box, label and confidence for every digit and a box around
/// every number. A picture under `readableSide` pixels on its short side (a 16x16 scan, a
/// cheque's amount field) is first enlarged a whole number of times, pixels kept square and
/// sharp (up to 4096 pixels on the long side), so that labels fit beside the digits instead
/// of covering them.
public func drawAnnotations(_ result: RecognitionResult, on image: Image, style: AnnotationStyle = AnnotationStyle(), readableSide: Int = 240) throws -> Image {
    let short = Swift.min(image.width, image.height), long = Swift.max(image.width, image.height)
    let factor = Swift.max(1, Swift.min((readableSide + short - 1) / short, 4096 / long))
    let canvas = factor == 1 ? try image.bgr() : try image.bgr().resized(width: image.width * factor, height: image.height * factor, interpolation: .nearest)
    let result = factor == 1 ? result : result.scaled(by: factor)
    // Labels grow with the picture, but no taller than half the digits they name: on a page
    // scanned at 300 dpi, labels sized by the page were three times the digits' height and
    // hid them and each other. Never under 0.35, OpenCV's smallest legible scale.
    let heights = result.digits.map(\.box.height).sorted()
    let digitHeight = heights.isEmpty ? Int.max : heights[heights.count / 2]
    let textHeight = Double(Swift.max(1, try Image.textSize("0", scale: 1, thickness: 1).height))
    let scale = Swift.max(0.35, Swift.min(Double(Swift.min(canvas.width, canvas.height)) / 1400, 0.5 * Double(digitHeight) / textHeight))
    let thickness = Swift.max(1, Swift.min(Swift.min(canvas.width, canvas.height) / 400, Int((2 * scale).rounded(.down))))
    var placedLabels = [Box]()
    for line in result.lines {
        for number in line.numbers {
            let b = number.box
            try canvas.drawRectangle(x: b.x - 2 * thickness, y: b.y - 2 * thickness, width: b.width + 4 * thickness, height: b.height + 4 * thickness,
                                     color: .blue, thickness: thickness)
            for digit in number.digits {
                let d = digit.box
                let color: Color = digit.confidence >= style.sureConfidence ? .green : .orange
                try canvas.drawRectangle(x: d.x, y: d.y, width: d.width, height: d.height, color: color, thickness: thickness)
                let label = style.showConfidence ? "\(digit.label) \(Int((digit.confidence * 100).rounded()))%" : "\(digit.label)"
                let size = try Image.textSize(label, scale: scale, thickness: thickness)
                let tag = labelPlace(for: d, width: size.width + 4, height: size.height + size.baseline + 2, canvasHeight: canvas.height, avoiding: placedLabels)
                placedLabels.append(tag)
                try canvas.fillRectangle(x: tag.x, y: tag.y, width: tag.width, height: tag.height, color: color, alpha: 0.75)
                try canvas.drawText(label, x: tag.x + 2, y: tag.y + size.height + 1, scale: scale, color: .white, thickness: thickness)
            }
        }
    }
    return canvas
}

/// Where a digit's label goes: just above its box, or, when a label already drawn is there
/// (narrow neighbours, a 1 beside a 9, whose labels are wider than they are), just below it,
/// then a label height further up or down, keeping close to the box; just above it
/// regardless when all are taken.
func labelPlace(for digit: Box, width: Int, height: Int, canvasHeight: Int, avoiding placed: [Box]) -> Box {
    let above = (0..<2).map { digit.y - (height + 2) * ($0 + 1) + 2 }, below = (0..<2).map { digit.maxY + 2 + (height + 2) * $0 }
    let tops = [above[0], below[0], above[1], below[1]].filter { $0 >= 0 && $0 + height <= canvasHeight }
    func overlaps(_ a: Box, _ b: Box) -> Bool { a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY }
    let free = tops.map { Box(x: digit.x, y: $0, width: width, height: height) }.first { tag in !placed.contains { overlaps(tag, $0) } }
    return free ?? Box(x: digit.x, y: Swift.max(0, above[0]), width: width, height: height)
}

extension RecognitionResult {
    /// The same result with every box `factor` times larger (for drawing on an enlarged picture).
    func scaled(by factor: Int) -> RecognitionResult {
        func scale(_ b: Box) -> Box { Box(x: b.x * factor, y: b.y * factor, width: b.width * factor, height: b.height * factor) }
        var scaled = self
        scaled.width *= factor
        scaled.height *= factor
        for l in scaled.lines.indices {
            for n in scaled.lines[l].numbers.indices {
                scaled.lines[l].numbers[n].box = scale(scaled.lines[l].numbers[n].box)
                for d in scaled.lines[l].numbers[n].digits.indices {
                    scaled.lines[l].numbers[n].digits[d].box = scale(scaled.lines[l].numbers[n].digits[d].box)
                }
            }
        }
        return scaled
    }
}
