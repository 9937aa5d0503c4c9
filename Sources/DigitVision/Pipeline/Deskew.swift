import Foundation

/// Between steps 5 and 6 for a tilted page: the ink map turned so the text runs level.
///
/// Tilt hurts twice. The classifier learned digits upright (±10°), and a tilted line puts
/// each digit above or below its neighbour's neighbour in the next line, so pieces of
/// different digits get merged. So when the digit candidates of a first segmentation say the
/// text runs at more than `minimumDegrees` (the same estimate reading order uses), the ink
/// map is rotated, on a canvas grown to hold all of it, and segmented again. Boxes found in
/// the rotated map are mapped back with `mapBack`.
public struct Deskew: Sendable {
    /// Direction of the text in the source, radians (image coordinates, y down).
    public let angle: Double
    public let sourceWidth: Int, sourceHeight: Int
    /// Size of the rotated canvas.
    public let width: Int, height: Int

    /// Tilts smaller than this are left alone: the classifier reads them upright and lines
    /// stay apart.
    public static let minimumDegrees = 5.0

    /// The deskew that the digit candidates `boxes` call for, or nil when the page is level or
    /// the evidence is thin: at least three digits must have a neighbour beside them, and the
    /// middle half of their directions must agree within 12° (turning a level picture costs
    /// accuracy).
    public init?(candidates boxes: [Box], digitHeight: Double, sourceWidth: Int, sourceHeight: Int) {
        let angles = neighbourAngles(boxes, digitHeight: digitHeight)
        guard angles.count >= 3 else { return nil }
        let quarter = angles.count / 4
        guard angles[angles.count - 1 - quarter] - angles[quarter] <= 12 * .pi / 180 else { return nil }
        self.init(angle: angles[angles.count / 2], sourceWidth: sourceWidth, sourceHeight: sourceHeight)
    }

    /// A deskew for text at `angle` in a `sourceWidth x sourceHeight` picture, or nil when the
    /// tilt is too small to matter.
    public init?(angle: Double, sourceWidth: Int, sourceHeight: Int) {
        guard abs(angle) * 180 / .pi >= Deskew.minimumDegrees else { return nil }
        self.angle = angle
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        let c = abs(cos(angle)), s = abs(sin(angle))
        width = Int((Double(sourceWidth) * c + Double(sourceHeight) * s).rounded(.up))
        height = Int((Double(sourceWidth) * s + Double(sourceHeight) * c).rounded(.up))
    }

    /// Source to canvas: rotate by −angle about the source's centre, to the canvas's centre.
    var matrix: [Double] {
        let c = cos(angle), s = sin(angle)
        let sx = Double(sourceWidth) / 2, sy = Double(sourceHeight) / 2, dx = Double(width) / 2, dy = Double(height) / 2
        return [c, s, dx - (c * sx + s * sy),
                -s, c, dy - (-s * sx + c * sy)]
    }

    /// The ink map turned level. Grey ink levels are resampled (paper outside the picture
    /// is 0, no ink) and thresholded again at the map's own threshold.
    public func rotate(_ inkMap: InkMap) throws -> InkMap {
        let levels = try Image(width: inkMap.width, height: inkMap.height, channels: 1, pixels: inkMap.levels)
            .warpedAffine(matrix, width: width, height: height, border: 0).pixels
        let cut = UInt8(Swift.min(255, (inkMap.threshold * 255).rounded(.down)))
        return InkMap(width: width, height: height, levels: levels, binary: levels.map { $0 > cut ? 255 : 0 }, threshold: inkMap.threshold)
    }

    /// A box of the rotated canvas as the upright box around it in the source.
    public func mapBack(_ box: Box) -> Box {
        let c = cos(angle), s = sin(angle)
        let sx = Double(sourceWidth) / 2, sy = Double(sourceHeight) / 2, dx = Double(width) / 2, dy = Double(height) / 2
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for (u, v) in [(box.x, box.y), (box.maxX, box.y), (box.x, box.maxY), (box.maxX, box.maxY)] {
            let a = Double(u) - dx, b = Double(v) - dy
            let x = c * a - s * b + sx, y = s * a + c * b + sy
            x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
        }
        let left = Swift.max(0, Int(x0.rounded(.down))), top = Swift.max(0, Int(y0.rounded(.down)))
        let right = Swift.min(sourceWidth, Int(x1.rounded(.up))), bottom = Swift.min(sourceHeight, Int(y1.rounded(.up)))
        return Box(x: left, y: top, width: Swift.max(1, right - left), height: Swift.max(1, bottom - top))
    }
}
