import Foundation

/// Step 6: a piece of a long faint line. A sheet on a desk as pale as itself shows its edge as
/// a thin grey line, its shade; where it is darkest (near a corner, or where the light falls
/// off) a stretch of it binarizes, a thin straight piece that reads as a sure 1 (a reviewer's
/// photos of sheets on pale desks: "1 91 580" for "91 580", "1 4431 520 2947 1" for "4431 520
/// 2947"). Against a darker desk the edge is told by the paper beside it (`isPageEdge`); on a
/// pale desk both sides are alike, but the line goes on, fainter, where a written 1 ends.

/// How a piece of a faint line is told from a stroke (`continuesAsAFaintLine`).
enum FaintLinePiece {
    /// The piece is thin and straight: this many times as long as thick, or more, and this
    /// many pixels long (a speck's few pixels in a row are no line's piece).
    static let elongation = 3.0
    static let shortest = 8.0
    /// How far beyond its end the line is followed, in digit heights.
    static let followed = 2.0
    /// How far across the piece's axis the line is looked for, in pixels (a line a few
    /// degrees off the piece's own axis drifts away from it).
    static let drift = 2
    /// How dark the line must stay, as a fraction of the piece's median ink (the edge's shade
    /// grows fainter away from where it binarized, under the threshold; a grid's pale line under
    /// a written 1 is far fainter than the pen).
    static let darkness = 0.5
    /// On how much of the way beyond the end the line must be found.
    static let coverage = 0.85
}

/// Whether a thin straight crop (`FaintLinePiece.elongation`, `shortest`) goes on beyond one
/// of its ends as a line of fainter ink: along its axis for `FaintLinePiece.followed` digit
/// heights, ink at least `FaintLinePiece.darkness` of the crop's median (in the ink map's
/// `levels`, `width` wide) but too faint to be inked in its `binary` lies within
/// `FaintLinePiece.drift` pixels of the axis on `FaintLinePiece.coverage` of the steps. A
/// written 1 has paper beyond both ends, or the next line's digits, or a printed line it was
/// written along (a box's side), all inked; the line must run inside the picture, and is not
/// followed past its edge.
func continuesAsAFaintLine(_ crop: Crop, levels: [UInt8], binary: [UInt8], width: Int, digitHeight h: Double) -> Bool {
    let b = crop.box, height = levels.count / Swift.max(width, 1)
    guard let axes = principalAxes(of: crop.mask, width: b.width, height: b.height, in: Box(x: 0, y: 0, width: b.width, height: b.height)) else { return false }
    let length = (12 * axes.along).squareRoot(), thickness = Swift.max(1, (12 * axes.across).squareRoot())
    guard length >= FaintLinePiece.shortest, length >= FaintLinePiece.elongation * thickness else { return false }
    var own = [UInt8]()
    for y in 0..<b.height { for x in 0..<b.width where crop.mask[y * b.width + x] != 0 { own.append(levels[(y + b.y) * width + x + b.x]) } }
    guard !own.isEmpty else { return false }
    let dark = Swift.max(1, Int(FaintLinePiece.darkness * Double(own.sorted()[own.count / 2])))
    let (ux, uy) = (cos(axes.angle), sin(axes.angle)), (nx, ny) = (-sin(axes.angle), cos(axes.angle))
    let centre = (Double(b.x) + axes.centreX, Double(b.y) + axes.centreY)
    let steps = Swift.max(1, Int(FaintLinePiece.followed * h))
    for side in [-1.0, 1.0] {
        let end = (centre.0 + side * length / 2 * ux, centre.1 + side * length / 2 * uy)
        var found = 0
        for t in 1...steps {
            let p = (end.0 + side * Double(t) * ux, end.1 + side * Double(t) * uy)
            let inked = (-FaintLinePiece.drift...FaintLinePiece.drift).contains { k in
                let x = Int((p.0 + Double(k) * nx).rounded()), y = Int((p.1 + Double(k) * ny).rounded())
                return x >= 0 && y >= 0 && x < width && y < height && Int(levels[y * width + x]) >= dark && binary[y * width + x] == 0
            }
            if inked { found += 1 }
        }
        if Double(found) >= FaintLinePiece.coverage * Double(steps) { return true }
    }
    return false
}
