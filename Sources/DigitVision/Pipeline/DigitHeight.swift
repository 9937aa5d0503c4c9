/// Step 5's measure: the typical digit height of a picture, from its connected components,
/// leaving out what is no digit's size (rules, frames, edge bands, a shadow's giant wedge).
/// Segmentation.swift takes every other size from it.

/// The typical digit height: the median height of the substantial components — those with
/// at least 15% of the area of a reference component, taken near the top of the area
/// ranking (the 5th percentile from the largest, but no lower than the 5th largest), so that
/// hundreds of specks cannot drag the estimate down and one huge blob cannot push it up (the
/// 5th percentile alone of a dim photo's nine digits among 300 blobs of noise is a blob).
/// Frames and rules (a form's boxes,
/// a table grid: large, sparse or very elongated components) are not digits and are left out,
/// and so are thin outlines whose box is a twentieth of the picture, inked under 5% (a small
/// sheet's shaded edge on a desk as light as the paper: its 685 rows, taken for the digits'
/// size, shrank a 5-megapixel photo to 140 pixels across and it read as nothing),
/// as are the components `leftOut` (indices into `components`: frames, edge bands) and the
/// giants at the edge above a crowd of far smaller components (`giantsAmongSmall`, on a
/// picture of `smallPictureSide` or more).
/// When nothing else is left, the rest counts after all (a lone "1" is as elongated as a rule;
/// a digit in a tight crop lies along its edges; a "7" drawn with straight strokes is
/// frame-like), except the `grids`: digits written on graph paper all
/// touch its lines and are one component with them, and the grid's height is no digit's.
/// The estimate is then 0.
/// The reference is never a speck (under `minimumSpeckHeight` rows) but the next larger
/// component: on a small cheque on a grainy desk, three real components among dozens of
/// specks, the 5th percentile is a speck, and the estimate would be a speck's height (every
/// stroke then long enough to be erased as a rule).
func estimateDigitHeight(_ components: ArraySlice<Component>, imageWidth: Int, imageHeight: Int, smallPictureSide: Int,
                         leftOut: Set<Int> = [], grids: Set<Int> = []) -> Double {
    let imageArea = Double(imageWidth * imageHeight)
    let giants = giantsAmongSmall(components, imageWidth: imageWidth, imageHeight: imageHeight, smallPictureSide: smallPictureSide)
    let plausible = components.indices.filter { !leftOut.contains($0) && !giants.contains($0) }.map { components[$0] }.filter { c in
        let box = Double(c.width * c.height)
        let sparseFrame = (box > 0.25 * imageArea && Double(c.area) < 0.2 * box) || (box > 0.05 * imageArea && Double(c.area) < 0.05 * box)
        let elongated = Double(c.width) > 8 * Double(c.height) || Double(c.height) > 8 * Double(c.width)
        return !sparseFrame && !elongated
    }
    if plausible.isEmpty, let height = heightOfDigitsOnRules(components, leftOut: grids) { return height }
    let rest = plausible.isEmpty ? components.indices.filter { !grids.contains($0) }.map { components[$0] } : plausible
    let byArea = rest.sorted { $0.area > $1.area }
    guard !byArea.isEmpty else { return 0 }
    // No digit is read from fewer rows than this; a speck of noise or a dash of a rule is.
    let minimumSpeckHeight = 4
    var rank = Swift.min(byArea.count - 1, byArea.count / 20, 4)
    while rank > 0 && byArea[rank].height < minimumSpeckHeight { rank -= 1 }
    let reference = byArea[rank].area
    let heights = byArea.filter { Double($0.area) >= 0.15 * Double(reference) }.map(\.height).sorted()
    return heights.isEmpty ? 0 : Double(heights[heights.count / 2])
}

/// The components that frame others: sparse (ink under a third of the box), their ink
/// mostly along their box's border (under a third of it in the middle three fifths each way),
/// and at least two components of some size wholly inside the box (a fifteenth of its height,
/// 6 pixels at least, no flatter than 2:1: a dash is no measure). A small sheet's edge and
/// shadow on a desk, inked as one ragged outline round the writing, or a box drawn round a
/// number: no digit holds others. Left in, a sticky note's outline on a wooden desk (160
/// pixels tall, its three digits 33) was the digits' height, the digits were read as specks
/// and the reading with fainter ink, their loops filled, was kept ("136" for "836"); a
/// reviewer's 150 generated desk photos 74 → 84 exact. A box the digits touch holds them in
/// its middle (a cheque's "9000" joined to its box: 41% of its ink): it is measured as before,
/// and its lines are erased by that height. Indices into `labels.components`.
func framingOthers(_ labels: ComponentLabels) -> Set<Int> {
    let components = labels.components
    var framing = Set<Int>()
    for (index, c) in components.enumerated().dropFirst() where c.width >= 12 && c.height >= 12 && 3 * c.area < c.width * c.height {
        let least = Swift.max(6, c.height / 15)
        let inside = components.dropFirst().lazy.filter { other in
            other.height >= least && 2 * other.height >= other.width && other.x > c.x && other.y > c.y
                && other.x + other.width < c.x + c.width && other.y + other.height < c.y + c.height
        }.prefix(2).count
        guard inside == 2 else { continue }
        let label = Int32(index)
        var middle = 0
        for y in (c.y + c.height / 5)..<(c.y + c.height - c.height / 5) {
            for x in (c.x + c.width / 5)..<(c.x + c.width - c.width / 5) where labels.labels[y * labels.width + x] == label { middle += 1 }
        }
        if 3 * middle < c.area { framing.insert(index) }
    }
    return framing
}

/// The height of the digits on a ruled page where every component is a rule, the digits
/// joined to the rules they touch: the rules that stand three times as tall as the bare ones
/// (and 8 pixels at least) carry digits, and their height is about a digit's. Nil when no
/// rule stands out so. Without this the estimate was the bare rules' thickness (a lone 9
/// touching a rule of a notebook page: 3 pixels), and the lines erased by that height took
/// the 9 with them. Indices in `leftOut` (grids) are not rules.
func heightOfDigitsOnRules(_ components: ArraySlice<Component>, leftOut: Set<Int>) -> Double? {
    let rules = components.indices.filter { !leftOut.contains($0) && components[$0].width > 8 * components[$0].height }.map { components[$0] }
    guard let thickness = rules.map(\.height).min() else { return nil }
    let carrying = rules.filter { $0.height >= Swift.max(3 * thickness, 8) }.map(\.height).sorted()
    return carrying.isEmpty ? nil : Double(carrying[carrying.count / 2])
}

/// The components that reach the picture's edge (within 0.5% of its short side, 3 pixels at
/// least), are over a third of its short side tall and have a crowd of at least `crowd`
/// components between a thirtieth and a third of their height (and 8 pixels tall at least,
/// no speck): a shadow's dark wedge or a piece of the desk at the side of a page of many
/// digits, not a digit. The digits of one picture are alike in size, and a close-up's large
/// digit has no crowd of far smaller ones. Two such blobs among 36 digits outranked the
/// digits in `estimateDigitHeight` (whose reference, the 5th percentile by area, stands one
/// blob off only from 20 components on): the estimate was the wedge's height, and every digit
/// was then read as a speck. Pictures under `smallPictureSide` (`PipelineParameters`: a
/// cheque's field, whose digits fill it and touch its edges among bits of guilloche) have
/// none. Indices into `components`.
func giantsAmongSmall(_ components: ArraySlice<Component>, imageWidth w: Int, imageHeight h: Int, smallPictureSide: Int, crowd: Int = 8) -> Set<Int> {
    let shortSide = Swift.min(w, h), margin = Swift.max(3, shortSide / 200)
    guard shortSide >= smallPictureSide, components.count > crowd else { return [] }
    let giants = components.indices.filter { index in
        let c = components[index]
        let atEdge = c.x <= margin || c.y <= margin || c.x + c.width >= w - margin || c.y + c.height >= h - margin
        return atEdge && 3 * c.height > shortSide
    }
    return Set(giants.filter { index in
        let tall = components[index].height
        return components.lazy.filter { $0.height >= 8 && 30 * $0.height >= tall && 3 * $0.height <= tall }.count >= crowd
    })
}

/// The components that are long straight lines at any angle: a sheet's edge against a desk
/// of much its grey, seen aslant, is inked as one thin stroke, and its box is no rule's (a
/// line at 70° from level spans a box a third as wide as tall). Each reaches a quarter of the
/// picture's short side along its axis (40 pixels at least) and is 15 times as long as it is
/// thick (the spread of its pixels along and across their main axis). Left in, the one edge
/// outweighed the nine digits of a photo of a white sheet on a light grey desk: the digit
/// height was measured as the edge's (404 pixels), and the digits were read as specks of a
/// picture shrunk to a tenth ("1 18 15" for "2015 01 10"). Indices into `labels.components`.
func longStraightLines(_ labels: ComponentLabels) -> Set<Int> {
    let least = Swift.max(40, Swift.min(labels.width, labels.height) / 4)
    var lines = Set<Int>()
    for (index, c) in labels.components.enumerated().dropFirst() where c.width * c.width + c.height * c.height >= least * least {
        // The component's own pixels in its box.
        let label = Int32(index)
        var mask = [UInt8](repeating: 0, count: c.width * c.height)
        for y in 0..<c.height { for x in 0..<c.width where labels.labels[(y + c.y) * labels.width + x + c.x] == label { mask[y * c.width + x] = 1 } }
        // A line a pixel wide has no spread across it: it counts a pixel thick.
        guard let line = lengthAndThickness(mask, width: c.width, height: c.height) else { continue }
        if line.length >= Double(least), line.length >= 15 * Swift.max(line.thickness, 1) { lines.insert(index) }
    }
    return lines
}

/// The components lying along the picture's edge: the desk or a shadow in a corner, a
/// wedge of fill where a photo was turned or its perspective corrected. Each covers a third
/// of its own extent along one edge of the picture (8 pixels at least), where a digit that
/// the crop cuts touches it with a stroke's end. Indices into `labels.components`.
func edgeBands(_ labels: ComponentLabels) -> Set<Int> {
    let (w, h) = (labels.width, labels.height)
    guard w > 0, h > 0 else { return [] }
    var left = [Int: Int](), right = [Int: Int](), top = [Int: Int](), bottom = [Int: Int]()
    for y in 0..<h {
        let l = Int(labels.labels[y * w]), r = Int(labels.labels[y * w + w - 1])
        if l != 0 { left[l, default: 0] += 1 }
        if r != 0 { right[r, default: 0] += 1 }
    }
    for x in 0..<w {
        let t = Int(labels.labels[x]), b = Int(labels.labels[(h - 1) * w + x])
        if t != 0 { top[t, default: 0] += 1 }
        if b != 0 { bottom[b, default: 0] += 1 }
    }
    var bands = Set<Int>()
    for (alongHeight, counts) in [(true, left), (true, right), (false, top), (false, bottom)] {
        for (index, count) in counts {
            let c = labels.components[index]
            if count >= Swift.max(8, (alongHeight ? c.height : c.width) / 3) { bands.insert(index) }
        }
    }
    return bands
}
