import Foundation

/// A whole photo turned level by its printed lines onto a larger canvas (`rotatedLevel`,
/// LineLeveling.swift): where its own frame lies on the canvas, and the digits' height
/// measured in the photo as given, at the same scale. The photo's dark corners and the desk's
/// shade along its sides touch its frame, no longer the canvas's edge, and `edgeBands` does
/// not leave them out of the digits' height.
public struct LevelledPhoto {
    /// The photo's corners on the canvas: top-left, top-right, bottom-right, bottom-left.
    let frame: [(Double, Double)]
    let digitHeightAsGiven: Double

    /// The digits' height `estimate` measured on the canvas (`estimateDigitHeight` of the
    /// components of `labels`, leaving out `leftOut` and `grids`), or measured again leaving
    /// out the components along the frame (`alongTheFrame`) when they made it: when it is
    /// over twice the height as given and, without them, no longer is. (A reviewer's photo of a small
    /// ruled sheet turned 31°: six such blobs outranked its 26 digits, the height was measured
    /// as theirs, 111 pixels against 18 as given, and the digits were read as a few merged
    /// columns, "352" for "5881 2028 06 08 34 7638 60".) The height as given alone is no
    /// better judge: a page filling the frame, its rules aslant and joined to its digits, was
    /// measured by the rules' bits as given (4 pixels, for 40), and a pencil page by a shade's
    /// (744 for 33). Under 8 pixels, it is taken for such bits.
    func digitHeight(_ estimate: Double, labels: ComponentLabels, leftOut: Set<Int>, grids: Set<Int>, smallPictureSide: Int) -> Double {
        guard digitHeightAsGiven >= 8, estimate > 2 * digitHeightAsGiven else { return estimate }
        let along = alongTheFrame(labels, frame: frame)
        guard !along.isSubset(of: leftOut) else { return estimate }
        let without = estimateDigitHeight(labels.components.dropFirst(), imageWidth: labels.width, imageHeight: labels.height,
                                          smallPictureSide: smallPictureSide, leftOut: leftOut.union(along), grids: grids)
        return without > 0 && without <= 2 * digitHeightAsGiven ? without : estimate
    }
}

/// The components that lie along a side of `frame` (a convex quadrilateral in `labels`'
/// pixels) over a third of their extent along that side (8 pixels at least), as `edgeBands`
/// takes them along the picture's edges. They are looked for on the line 2 pixels inside
/// the side: the warp blends the photo's edge pixel with the fill. Sides outside the
/// picture count nothing. Indices into `labels.components`.
func alongTheFrame(_ labels: ComponentLabels, frame: [(Double, Double)]) -> Set<Int> {
    let (w, h) = (labels.width, labels.height)
    let inset = 2.0
    let centre = (frame.map(\.0).reduce(0, +) / Double(frame.count), frame.map(\.1).reduce(0, +) / Double(frame.count))
    var bands = Set<Int>()
    for k in frame.indices {
        let (p, q) = (frame[k], frame[(k + 1) % frame.count])
        let length = hypot(q.0 - p.0, q.1 - p.1)
        guard length >= 8 else { continue }
        let (ux, uy) = ((q.0 - p.0) / length, (q.1 - p.1) / length)
        // The normal pointing into the photo.
        var (nx, ny) = (-uy, ux)
        if nx * (centre.0 - p.0) + ny * (centre.1 - p.1) < 0 { (nx, ny) = (-nx, -ny) }
        var counts = [Int: Int]()
        for step in 0...Int(length) {
            let x = Int((p.0 + Double(step) * ux + inset * nx).rounded()), y = Int((p.1 + Double(step) * uy + inset * ny).rounded())
            guard x >= 0, y >= 0, x < w, y < h else { continue }
            let label = Int(labels.labels[y * w + x])
            if label != 0 { counts[label, default: 0] += 1 }
        }
        for (index, count) in counts {
            let c = labels.components[index]
            let extent = Double(c.width) * abs(ux) + Double(c.height) * abs(uy)
            if Double(count) >= Swift.max(8, extent / 3) { bands.insert(index) }
        }
    }
    return bands
}
