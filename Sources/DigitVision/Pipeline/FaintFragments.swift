/// Step 5, before the candidates too short for digits are dropped: a light digit the
/// threshold left in fragments.
///
/// A digit drawn with a lighter hand than the rest of the page (the first digits of a page, a
/// pen starting dry, a stretch under glare) can fall under the page's threshold but for a
/// fragment or two, each too short for a digit, and dropped: "2 3 4" for "0 1 2 3 4".
/// Such a fragment is grown with the fainter ink joined to it (`grownByFaintInk`, the lower
/// cut of FaintStrokes.swift) and kept, whole, when it then stands a digit's height. Only in
/// pictures of `PipelineParameters.smallPictureSide` or more on their short side: in a
/// cheque's small crop the guilloche's fainter lines join a full stop or a dash's fragments
/// into digit-high marks ("10006" for "1000"), and a photo's page is where a light hand shows.

/// The measures of `joiningFaintFragments`.
enum FaintFragment {
    /// How far round a fragment fainter ink is looked for, in digit heights: a fragment of a
    /// 1 may be a fifth of it.
    static let margin = 0.6
    /// At most this many fainter pixels for each of the fragment's own, and at most
    /// `mostInk` digit heights squared in all (a 1's stroke, a 0's ring; not a shadow).
    static let greatestGrowth = 12.0
    static let mostInk = 0.25
    /// At most this many digit heights tall, grown.
    static let tallest = 1.3
    /// Not when the digits are shorter than this (pixels): their fragments are a few pixels,
    /// as the paper's grain is.
    static let leastDigitHeight = 8.0
}

/// Grows into `binary` (the segmentation's: dots, boxes, cells and rules erased from
/// `inkMap.binary`, the ink map as given to `segment`) each of
/// `candidates` (labelled in `labels`) too short to be a digit and no dot (`isDigitShaped`,
/// `isDot` at the digit height `hh`) with the fainter ink joined to it, when it then is digit-
/// shaped and within `FaintFragment`'s measures, reaching into no digit-shaped candidate's
/// box. `pictureSide`: the short side of the
/// picture as given (a turned page's canvas is larger). True when any was.
func joiningFaintFragments(_ binary: inout [UInt8], inkMap: InkMap, candidates: [Candidate], labels: ComponentLabels, digitHeight hh: Double,
                           pictureSide: Int, parameters: PipelineParameters) -> Bool {
    let (w, h) = (inkMap.width, inkMap.height)
    guard hh >= FaintFragment.leastDigitHeight, pictureSide >= parameters.smallPictureSide else { return false }
    let lowCut = FaintStroke.lowCut(threshold: inkMap.threshold, parameters: parameters)
    let fragments = candidates.filter {
        !isDigitShaped($0.box, digitHeight: hh, parameters: parameters) && !isDot($0.box, digitHeight: hh, parameters: parameters)
    }
    guard lowCut < InkMap.cut(forThreshold: inkMap.threshold), !fragments.isEmpty else { return false }
    // Dots, boxes and rules erased stay erased.
    let erased = erasedInk(from: inkMap.binary, kept: binary)
    // Up to a digit's box, not into it: a fragment that reaches it joins it once relabelled, as
    // the light left half of a 0 joins its darker right half (kept apart, they read "17").
    let digits = candidates.filter { isDigitShaped($0.box, digitHeight: hh, parameters: parameters) }.map(\.box)
    var joined = false
    for fragment in fragments {
        let crop = Crop(box: fragment.box, mask: candidateMask(fragment, labels: labels))
        guard let grown = grownByFaintInk(crop, levels: inkMap.levels, erased: erased, width: w, height: h, lowCut: lowCut,
                                          margin: Int((FaintFragment.margin * hh).rounded()), others: digits,
                                          greatestGrowth: FaintFragment.greatestGrowth),
              isDigitShaped(grown.box, digitHeight: hh, parameters: parameters), Double(grown.box.height) <= FaintFragment.tallest * hh,
              Double(countNonZero(grown.mask)) <= FaintFragment.mostInk * hh * hh else { continue }
        let b = grown.box
        for y in 0..<b.height { for x in 0..<b.width where grown.mask[y * b.width + x] != 0 { binary[(y + b.y) * w + x + b.x] = 255 } }
        joined = true
    }
    return joined
}
