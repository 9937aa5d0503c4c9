import Foundation

/// Step 3, the last look for the sheet: a page photographed close, filling most of the frame
/// with a band of desk round it, under light strong enough that the desk at one end is
/// brighter than the paper at the other. No level, one or one a tile, cuts the paper from the
/// desk then: the tiles of a grid are nearly all paper, and the few that hold both sides hold
/// too little of one. But every side of the page is an edge, brighter inside than out.
///
/// The outline is looked for from the frame itself: the picture's rectangle, a twentieth in
/// from each side, snapped to the sheet's edges (`snappedToTheSheetsEdges`, up to 15% of a
/// side's length either way), kept when every side is then sharp (`weakestSideStep`,
/// `hasSharpOutline`), has a sheet's proportions, and covers `minimumPageFraction` of the
/// picture or more while leaving desk round it (`isSeenAgainstTheDesk`).

/// The corners, in `small` (the photo shrunk; `blurred`, the same blurred), of a sheet that
/// fills most of the frame; nil when its sides are not all sharp edges.
func sheetFillingTheFrame(_ small: Image, blurred: Image, parameters: PipelineParameters) throws -> [Point]? {
    let (w, h) = (small.width, small.height)
    let (dx, dy) = (w / 20, h / 20)
    let frame = [Point(x: dx, y: dy), Point(x: w - 1 - dx, y: dy), Point(x: w - 1 - dx, y: h - 1 - dy), Point(x: dx, y: h - 1 - dy)]
    guard let sheet = snappedToTheSheetsEdges(frame, in: blurred), weakestSideStep(sheet, in: small) >= sharpSideStep,
          try hasSharpOutline(sheet, in: small), hasASheetsProportions(sheet), isSeenAgainstTheDesk(sheet, width: w, height: h),
          polygonArea(sheet) >= parameters.minimumPageFraction * Double(w * h), polygonArea(sheet) <= 0.92 * Double(w * h) else { return nil }
    return sheet
}
