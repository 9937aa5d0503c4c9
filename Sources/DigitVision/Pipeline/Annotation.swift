/// Drawing a recognition result over its image (kept apart from detection, so the same
/// result can be drawn on a camera frame, a photo or a canvas).
public struct AnnotationStyle: Sendable {
    /// Digits at or above this confidence are drawn green, others orange.
    public var sureConfidence = 0.9
    public var showConfidence = true
    public init() {}
}

/// A BGR copy of `image` with a box, label and confidence for every digit and a box around
/// every number.
public func drawAnnotations(_ result: RecognitionResult, on image: Image, style: AnnotationStyle = AnnotationStyle()) throws -> Image {
    let canvas = try image.bgr()
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
