import Foundation

/// Between steps 5 and 6 for a tilted page: the ink map turned so the text runs level.
///
/// Tilt hurts twice. The classifier learned digits upright (±10°), and a tilted line puts
/// each digit above or below its neighbour's neighbour in the next line, so pieces of
/// different digits get merged. So when the digit candidates of a first segmentation say the
/// text runs at more than `minimumDegrees` (the same estimate reading order uses), the ink
/// map around the digits is rotated, on a canvas grown to hold all of it, and segmented
/// again. Boxes found in the rotated map are mapped back with `mapBack`.
public struct Deskew: Sendable {
    /// Direction of the text in the source, radians (image coordinates, y down).
    public let angle: Double
    public let sourceWidth: Int, sourceHeight: Int
    /// The part of the source that is turned: around the digits, not the whole picture
    /// (a 720p frame's few digits cost a tenth of the frame).
    public let region: Box
    /// Size of the rotated canvas.
    public let width: Int, height: Int

    /// Tilts smaller than this are left alone: the classifier reads them upright and lines
    /// stay apart.
    public static let minimumDegrees = 5.0

    /// The deskew that the digit candidates `boxes` call for (the direction `estimateSkew`
    /// fits to their lines), or nil when the page is level or the evidence is thin: at least
    /// three digits must have a neighbour beside them, and the middle half of their
    /// directions must agree within 12° (turning a level picture costs accuracy).
    /// `maximumTextAngle`: the steepest text direction believed (`PipelineParameters`).
    public init?(candidates boxes: [Box], digitHeight: Double, sourceWidth: Int, sourceHeight: Int, maximumTextAngle: Double) {
        let angles = neighbourAngles(boxes, digitHeight: digitHeight)
        guard angles.count >= 3 else { return nil }
        let quarter = angles.count / 4
        guard angles[angles.count - 1 - quarter] - angles[quarter] <= 12 * .pi / 180 else { return nil }
        self.init(angle: estimateSkew(boxes, digitHeight: digitHeight, maximumTextAngle: maximumTextAngle), sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                  region: Deskew.region(around: boxes, digitHeight: digitHeight, sourceWidth: sourceWidth, sourceHeight: sourceHeight))
    }

    /// The deskew one line of joined digits calls for, when too few separate digits have a
    /// neighbour to give a direction (a cheque's amount written in two or three blobs), or
    /// just three do and disagree by more than 12° (on a cheque turned 25°, "2.500" is a 2, a
    /// 5 and joined zeros: the 2 sits below the line, its neighbour 15° steeper than the
    /// 5's, and `init(candidates:)` gives none): the major axis of the candidates' ink,
    /// provided that ink lies along a line (spread along the axis at least 2.5 times its
    /// spread across) tilted by 10° to `maximumTextAngle` (`PipelineParameters`: a page turned
    /// 35° whose writer slopes upward runs at 38°). More digits with neighbours, or three that
    /// agree, have decided already: a keystoned photo's fill wedges tilt the ink's axis on a
    /// level line.
    public init?(lineOfInk segmentation: Segmentation, sourceWidth: Int, sourceHeight: Int, maximumTextAngle: Double) {
        let candidates = segmentation.candidates
        let angles = neighbourAngles(candidates.map(\.box), digitHeight: segmentation.digitHeight)
        guard !candidates.isEmpty, angles.count < 3 || (angles.count == 3 && angles[2] - angles[0] > 12 * .pi / 180) else { return nil }
        var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        let labels = segmentation.labels
        for c in candidates {
            let wanted = Set(c.labels)
            for y in c.box.y..<c.box.maxY {
                for x in c.box.x..<c.box.maxX where wanted.contains(labels.labels[y * labels.width + x]) {
                    let fx = Double(x), fy = Double(y)
                    n += 1; sx += fx; sy += fy; sxx += fx * fx; syy += fy * fy; sxy += fx * fy
                }
            }
        }
        guard n > 0 else { return nil }
        let cxx = sxx / n - (sx / n) * (sx / n), cyy = syy / n - (sy / n) * (sy / n), cxy = sxy / n - (sx / n) * (sy / n)
        let angle = 0.5 * atan2(2 * cxy, cxx - cyy)
        let root = (((cxx - cyy) / 2) * ((cxx - cyy) / 2) + cxy * cxy).squareRoot()
        let along = (cxx + cyy) / 2 + root, across = (cxx + cyy) / 2 - root
        // One line cannot run into the next, and the classifier reads digits tilted by up to
        // 10°: turning (resampling a small crop) is worth it only beyond that.
        guard across > 0, along >= 2.5 * 2.5 * across, abs(angle) >= 10 * .pi / 180, abs(angle) <= maximumTextAngle else { return nil }
        self.init(angle: angle, sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                  region: Deskew.region(around: candidates.map(\.box), digitHeight: segmentation.digitHeight, sourceWidth: sourceWidth, sourceHeight: sourceHeight))
    }

    /// The digits' area with two digit heights to spare, inside the picture: what is turned.
    static func region(around boxes: [Box], digitHeight: Double, sourceWidth: Int, sourceHeight: Int) -> Box {
        let margin = Int(2 * digitHeight)
        let around = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
        let x0 = Swift.max(0, around.x - margin), y0 = Swift.max(0, around.y - margin)
        return Box(x: x0, y: y0, width: Swift.min(sourceWidth, around.maxX + margin) - x0, height: Swift.min(sourceHeight, around.maxY + margin) - y0)
    }

    /// A deskew for text at `angle` in a `sourceWidth x sourceHeight` picture, or nil when the
    /// tilt is too small to matter. `region` (default: all of it) is the part turned.
    public init?(angle: Double, sourceWidth: Int, sourceHeight: Int, region: Box? = nil) {
        guard abs(angle) * 180 / .pi >= Deskew.minimumDegrees else { return nil }
        self.angle = angle
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        let region = region ?? Box(x: 0, y: 0, width: sourceWidth, height: sourceHeight)
        self.region = region
        let c = abs(cos(angle)), s = abs(sin(angle))
        width = Int((Double(region.width) * c + Double(region.height) * s).rounded(.up))
        height = Int((Double(region.width) * s + Double(region.height) * c).rounded(.up))
    }

    /// Centre of the region, in source pixels.
    private var regionCentre: (x: Double, y: Double) {
        (Double(region.x) + Double(region.width) / 2, Double(region.y) + Double(region.height) / 2)
    }

    /// Source to canvas: rotate by −angle about the region's centre, to the canvas's centre.
    var matrix: [Double] {
        let c = cos(angle), s = sin(angle)
        let (sx, sy) = regionCentre, dx = Double(width) / 2, dy = Double(height) / 2
        return [c, s, dx - (c * sx + s * sy),
                -s, c, dy - (-s * sx + c * sy)]
    }

    /// The ink map turned level. Grey ink levels are resampled (paper outside the picture
    /// is 0, no ink) and thresholded again at the map's own threshold.
    public func rotate(_ inkMap: InkMap) throws -> InkMap {
        let levels = try Image(width: inkMap.width, height: inkMap.height, channels: 1, pixels: inkMap.levels)
            .warpedAffine(matrix, width: width, height: height, border: 0).pixels
        let cut = InkMap.cut(forThreshold: inkMap.threshold)
        return InkMap(width: width, height: height, levels: levels, binary: levels.map { $0 > cut ? 255 : 0 }, threshold: inkMap.threshold,
                      mayHoldFainterWriting: inkMap.mayHoldFainterWriting, holdsFaintMarks: inkMap.holdsFaintMarks)
    }

    /// A box of the rotated canvas as the upright box around it in the source.
    public func mapBack(_ box: Box) -> Box {
        let c = cos(angle), s = sin(angle)
        let (sx, sy) = regionCentre, dx = Double(width) / 2, dy = Double(height) / 2
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
