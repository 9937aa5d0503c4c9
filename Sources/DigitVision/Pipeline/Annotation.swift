/// Drawing a recognition result over its image (kept apart from detection, so the same
/// result can be drawn on a camera frame, a photo or a canvas).
public struct AnnotationStyle: Sendable {
    /// Digits at or above this confidence are drawn green, others orange.
    public var sureConfidence = 0.9
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
    let thickness = Swift.max(1, Swift.min(canvas.width, canvas.height) / 400)
    let scale = Swift.max(0.35, Double(Swift.min(canvas.width, canvas.height)) / 1400)
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
                let top = Swift.max(0, d.y - size.height - size.baseline - 2)
                try canvas.fillRectangle(x: d.x, y: top, width: size.width + 4, height: size.height + size.baseline + 2, color: color, alpha: 0.75)
                try canvas.drawText(label, x: d.x + 2, y: top + size.height + 1, scale: scale, color: .white, thickness: thickness)
            }
        }
    }
    return canvas
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
