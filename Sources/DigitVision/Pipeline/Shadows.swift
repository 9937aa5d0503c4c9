/// Part of step 1 (flattening the light): hard-edged shadows narrower than the paper's
/// estimate follows.
///
/// `estimateBackground` closes the picture with a kernel a sixth of its short side (at most
/// 41 pixels of the picture shrunk 4 times: a seventh of a 1600x1200 one's), so that
/// no stroke, however bold, is taken for paper. A shadow with a sharp edge that is narrower
/// than that — a pen's or a finger's laid across the page, a phone's edge — is then not
/// paper either, but a band of "ink" that joins the digits it crosses (real-dev's photos with
/// a pen's shadow band across: 23 of 33 read exactly, against 31 as taken). Here the paper is
/// estimated again with a kernel half as wide, which follows such a band, and the wide
/// estimate is lowered where the two differ over a region broad enough to hold that kernel,
/// and the narrow estimate is still paper-bright (over `shadowDepth` of the wide one: a
/// shadow dims paper, ink is far darker), and the region reaches `shadowReach` of the way
/// across the picture (a shadow is cast across the page; a marker's bold 8, as bright as a
/// shadow in blue, is a blob). Only when the writing's strokes are narrow enough that the
/// half-width kernel still wipes them out (a quarter of it at most; a marker's strokes, or a
/// table's bold rules, would be taken for shadow), and only on pictures of
/// `smallPictureSide` or more (a cheque's guilloche is no shadow). The three are
/// `PipelineParameters`' (`shadowDepth`, `shadowReach`, `smallPictureSide`).

/// The levels of `gray` flattened against a paper estimate that follows narrow shadows, or nil
/// when there is none (or the strokes are too bold to tell from one). `flat` and `cut`: the
/// levels flattened as usual (by `estimateBackground`), and the ink threshold found on them.
func flattenedFollowingNarrowShadows(_ gray: Image, flat: FlattenedLevels, cut: UInt8, parameters: PipelineParameters) throws -> FlattenedLevels? {
    let w = gray.width, h = gray.height
    guard Swift.min(w, h) >= parameters.smallPictureSide else { return nil }
    let (factor, kernel) = backgroundKernel(width: w, height: h)
    let narrow = Swift.max(5, kernel / 2) | 1
    guard narrow < kernel else { return nil }
    let small = flat.paper.shrunk
    let wide = flat.paper.closed.pixels
    let followed = try small.morphology(.close, shape: .ellipse, width: narrow, height: narrow).pixels
    let difference = zip(wide, followed).map { $0 > $1 && Double($1) >= parameters.shadowDepth * Double($0) ? $0 - $1 : 0 }
    var shadow = try Image(width: small.width, height: small.height, channels: 1, pixels: difference)
        .morphology(.open, shape: .ellipse, width: narrow, height: narrow).pixels
    // A shadow cast across the page reaches far; a bold digit's blob does not.
    let regions = connectedComponents(shadow.map { $0 > 0 ? 255 : 0 }, width: small.width, height: small.height)
    let reach = parameters.shadowReach
    let across = regions.components.map { Double($0.width) >= reach * Double(small.width) || Double($0.height) >= reach * Double(small.height) }
    for i in shadow.indices where !across[Int(regions.labels[i])] { shadow[i] = 0 }
    // A shadow dims the paper by a sixteenth at least (paper's own unevenness is gentler).
    guard zip(wide, shadow).contains(where: { Int($1) * 16 >= Int($0) && $1 > 0 }) else { return nil }
    // Measured last, as most pictures have no shadow to follow.
    guard Double(narrow * factor) >= 4 * typicalInkRun(flat.levels, width: w, height: h, cut: cut) else { return nil }
    let lowered = try Image(width: small.width, height: small.height, channels: 1, pixels: zip(wide, shadow).map { $0 - Swift.min($0, $1) })
    let paper = PaperEstimate(background: try smoothedBackground(lowered, width: w, height: h, factor: factor), shrunk: small, closed: lowered)
    return try flattenedLevels(gray, paper: paper, parameters: parameters)
}

/// The median length of the runs of ink (levels over `cut`) along the rows and the columns
/// of every fourth line: about the strokes' width, as most runs cross a stroke.
func typicalInkRun(_ levels: [UInt8], width w: Int, height h: Int, cut: UInt8) -> Double {
    var counts = [Int](repeating: 0, count: 65)
    func count(_ start: Int, _ n: Int, _ step: Int) {
        var run = 0
        for i in 0..<n {
            if levels[start + i * step] > cut { run += 1 } else if run > 0 { counts[Swift.min(run, 64)] += 1; run = 0 }
        }
        if run > 0 { counts[Swift.min(run, 64)] += 1 }
    }
    for y in Swift.stride(from: 0, to: h, by: 4) { count(y * w, w, 1) }
    for x in Swift.stride(from: 0, to: w, by: 4) { count(x, h, w) }
    return Double(percentileIndex(counts, 0.5))
}
