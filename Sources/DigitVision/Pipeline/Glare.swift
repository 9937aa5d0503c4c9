/// Part of step 1 (flattening the light): glare.
///
/// Dividing by the paper's brightness evens out light that multiplies (shading, a dim corner),
/// but glare — a lamp's reflection on glossy paper, a highlight the camera's tone curve washes
/// toward white — adds light: under it the ink is lifted toward white with the paper, and a
/// stroke's darkness against the paper shrinks to a fraction of what it is elsewhere, under
/// the page's one threshold (a lamp-lit corner's faint 0 read as 6). A highlight that blends a
/// share `a` of white into the picture turns the paper's brightness P into P' = P + a(255 − P)
/// and shrinks ink levels by (1 − a)·P / P'; against the paper's usual brightness R, the
/// contrast lost is `(P' / R) · (255 − R) / (255 − P')`. Light that only multiplies makes
/// paper as bright without losing any (the middle of a vignetted photo, a lit patch, a white
/// table beside the sheet), and the paper cannot tell the two apart: so the levels are raised
/// by the square root of that ratio — halfway between the two kinds of light, in ratio — and
/// only as far as the ink nearby confirms: where the strongest ink around is fainter than the
/// page's strong ink, and by no more than the difference. The gains allowed lie between
/// `PipelineParameters.glareLeastGain` and `glareGreatestGain`.

/// Restores in `levels` (ink levels of a picture, see `InkMap`) the contrast glare took, and
/// keeps `histogram` (theirs) up to date; false when no part of the paper is washed out and
/// nothing changed. `paper` is the estimated paper brightness at each pixel; ink is a level
/// over Otsu's threshold. `parameters`: the least and greatest gains.
/// - The paper's usual brightness is the 75th percentile of `paper` under the ink (ink is
///   written on the paper, never on the desk around it; a hand's shadow over most of the sheet
///   must not make the lit rest look washed out) or the median over the picture, whichever is
///   brighter (a sheet's edge on a grey desk counts as ink). A highlight covers less of either.
/// - Nothing is raised when under 1% of the picture is bright enough for the least gain, when
///   the usual paper is within 25 levels of white (a scan's white varies by a few levels near
///   255: no room for a highlight to show, nor for the estimate to be right), or when the
///   picture is under 100 pixels on its short side (a field cut from a scan, whose brighter
///   parts are the paper's own: a form's box, a cheque's print).
/// - The page's strong ink is the 90th percentile of the ink's levels; the strongest ink
///   around a pixel is the highest level in its block and the 8 blocks round it (blocks a
///   16th of the short side, 8 pixels at least, so that a stroke is always near). Where even
///   that is under a third of the threshold, there is no ink to confirm anything; and only
///   levels half the threshold at least are raised: faint strokes, never the paper's noise or
///   grain, which would cross the threshold in their thousands.
@discardableResult
func liftGlare(_ levels: inout [UInt8], paper: [UInt8], width: Int, height: Int, histogram: inout [Int], parameters: PipelineParameters) -> Bool {
    guard Swift.min(width, height) >= 100 else { return false }
    let count = width * height
    var brightness = [Int](repeating: 0, count: 256)
    for i in Swift.stride(from: 0, to: count, by: 7) { brightness[Int(paper[i])] += 1 }
    // The usual brightness is at least the picture's median, and a brighter one allows less:
    // most pictures are done here, before the pass over the ink.
    let overall = percentileIndex(brightness, 0.5)
    let (least, greatest) = (parameters.glareLeastGain, parameters.glareGreatestGain)
    guard overall < 230, isWashedOut(allowedGains(above: overall, least: least, greatest: greatest), brightness: brightness) else { return false }
    let cut = otsuLevel(histogram)
    var underInk = [Int](repeating: 0, count: 256)
    for i in 0..<count where levels[i] > cut { underInk[Int(paper[i])] += 1 }
    let usual = Swift.max(percentileIndex(underInk, 0.75), overall)
    let allowed = allowedGains(above: usual, least: least, greatest: greatest)
    guard usual >= 24, usual < 230, isWashedOut(allowed, brightness: brightness) else { return false }
    let strong = Float(percentileIndex(Array(histogram[(cut + 1)...]), 0.9) + cut + 1)
    let block = Swift.max(8, Swift.min(width, height) / 16)
    let columns = (width + block - 1) / block, rows = (height + block - 1) / block
    var blockPeak = [UInt8](repeating: 0, count: columns * rows)
    for y in 0..<height {
        for x in 0..<width { blockPeak[(y / block) * columns + x / block] = Swift.max(blockPeak[(y / block) * columns + x / block], levels[y * width + x]) }
    }
    var nearbyPeak = [Float](repeating: 0, count: columns * rows)
    for by in 0..<rows {
        for bx in 0..<columns {
            var peak: UInt8 = 0
            for ny in Swift.max(0, by - 1)...Swift.min(rows - 1, by + 1) {
                for nx in Swift.max(0, bx - 1)...Swift.min(columns - 1, bx + 1) { peak = Swift.max(peak, blockPeak[ny * columns + nx]) }
            }
            nearbyPeak[by * columns + bx] = Swift.max(1, Float(peak))
        }
    }
    var changed = false
    for y in 0..<height {
        for x in 0..<width {
            let i = y * width + x
            let bound = allowed[Int(paper[i])]
            guard bound > 1, Int(levels[i]) * 2 >= cut else { continue }
            let peak = nearbyPeak[(y / block) * columns + x / block]
            guard peak * 3 >= Float(cut) else { continue }
            let gain = Swift.min(bound, strong / peak)
            guard gain > 1 else { continue }
            let raised = UInt8(Swift.min(255, (Float(levels[i]) * gain).rounded()))
            histogram[Int(levels[i])] -= 1; histogram[Int(raised)] += 1
            levels[i] = raised
            changed = true
        }
    }
    return changed
}

/// The gain glare may have cost paper of each brightness, when the paper's usual brightness is
/// `usual`: the square root of `(P' / R) · (255 − R) / (255 − P')`; 1 (none) under the `least`
/// gain, and at most the `greatest` (`PipelineParameters.glareLeastGain`, `glareGreatestGain`),
/// which white gets.
func allowedGains(above usual: Int, least: Float, greatest: Float) -> [Float] {
    var allowed = [Float](repeating: 1, count: 256)
    for level in Swift.min(255, usual + 1)..<256 {
        let gain = level == 255 ? greatest
            : Swift.min(greatest, (Float(level) / Float(usual) * Float(255 - usual) / Float(255 - level)).squareRoot())
        if gain >= least { allowed[level] = gain }
    }
    return allowed
}

/// Whether 1% of the picture at least (`brightness`, a histogram of its paper) is bright enough
/// for some gain: fewer are a few glints on a stroke or the paper's grain.
func isWashedOut(_ allowed: [Float], brightness: [Int]) -> Bool {
    let washed = zip(allowed, brightness).reduce(0) { $0 + ($1.0 > 1 ? $1.1 : 0) }
    return washed * 100 >= brightness.reduce(0, +)
}
