import Foundation

/// Step 3: a sheet of paper photographed on a darker desk, found and warped to a flat,
/// upright rectangle. `mapBack` takes boxes in the rectified image back to the photo.
public struct PageRectification {
    public let rectified: Image
    /// Page corners in the photo: top-left, top-right, bottom-right, bottom-left.
    public let corners: [(Double, Double)]
    /// Homography from rectified to photo coordinates (row-major 3x3).
    let inverse: [Double]
    /// The photo's corners in the rectified picture when the whole photo was turned onto a
    /// larger canvas (`rotatedLevel`); nil for a sheet cut out of it.
    var pictureFrame: [(Double, Double)]? = nil

    /// The corners in the pixels of the picture as given, when this sheet was found in it
    /// resized by `workingScale`.
    func cornersInPicture(workingScale scale: Double) -> [(Double, Double)] {
        corners.map { ($0.0 / scale, $0.1 / scale) }
    }

    /// The bounding box in the photo of a box in the rectified image.
    public func mapBack(_ box: Box) -> Box {
        let points = [(box.x, box.y), (box.maxX, box.y), (box.maxX, box.maxY), (box.x, box.maxY)].map { p -> (Double, Double) in
            let x = Double(p.0), y = Double(p.1), m = inverse
            let w = m[6] * x + m[7] * y + m[8]
            return ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w)
        }
        let x0 = points.map(\.0).min()!, x1 = points.map(\.0).max()!, y0 = points.map(\.1).min()!, y1 = points.map(\.1).max()!
        return Box(x: Int(x0.rounded(.down)), y: Int(y0.rounded(.down)), width: Int((x1 - x0).rounded(.up)), height: Int((y1 - y0).rounded(.up)))
    }
}

/// Where a reading takes its sheet of paper from (`DigitRecognizer.readAsGiven`).
enum SheetSource {
    /// Looked for in the picture (`findPage`).
    case lookedFor
    /// None: the picture is read as it is.
    case none
    /// The sheet found when the same picture was read at another scale, its corners in the
    /// picture's own pixels, for when it is not found again at this one: a sheet found in a
    /// 12-megapixel photo shrunk to the working scale, read again finer for its small writing,
    /// is the same sheet, though the desk's grain at full size can hide its outline. (Found
    /// again, its corners are the finer ones: the corners of the coarse scale, scaled up, can
    /// leave a sliver of the desk along the sheet's side, dark as ink, which held a faint
    /// pencil page's threshold down.)
    case foundAt([(Double, Double)])
}

/// The sheet of `gray`, the picture as given (`colour`) resized by `workingScale`, taken from
/// `source`: looked for, none, or found at another scale (and looked for again at this one).
/// `fromTheFrame`: whether the last look, from the frame (`sheetFillingTheFrame`), is taken.
func rectifiedSheet(_ gray: Image, colour: Image, from source: SheetSource, workingScale scale: Double,
                    fromTheFrame: Bool = true, parameters: PipelineParameters) throws -> PageRectification? {
    let paper = { (width: Int, height: Int) in try PaperColour(colour, width: width, height: height) }
    switch source {
    case .lookedFor: return try findPage(gray, colour: paper, fromTheFrame: fromTheFrame, parameters: parameters)
    case .none: return nil
    case .foundAt(let corners):
        return try findPage(gray, colour: paper, fromTheFrame: fromTheFrame, parameters: parameters)
            ?? rectifySheet(gray, corners: corners.map { ($0.0 * scale, $0.1 * scale) }, parameters: parameters)
    }
}

/// Looks for the paper: the largest bright region (Otsu) whose outline is close to a convex
/// quadrilateral covering between `minimumPageFraction` and 92% of the photo, seen against the
/// desk (`isSeenAgainstTheDesk`), or a smaller slip down to `smallestSheetFraction` on a far
/// darker desk (`liesOnADarkerDesk`; down to `smallestSlipFraction` inside the frame, no side
/// along it),
/// and found again across a side that is a shadow's edge (SheetInShade.swift, `shadowEdgeStep`), which a region notched or not four-sided must be
/// (`sheetOutline`); at least 40 pixels a side once flat. The bright region is the photo's one
/// Otsu level's, or, when that finds no sheet, a level that follows uneven light
/// (SheetUnderUnevenLight.swift); when neither finds one, both are looked at again in the
/// photo's whiteness (`colour`, its least channel, made only then at the size asked), for a sheet on a coloured
/// desk (SheetOnAColouredDesk.swift); when none of these finds one, and `fromTheFrame`, a sheet
/// filling most of the frame is looked for from the frame's sides (SheetFillingTheFrame.swift);
/// last, a sheet whose lit part is four-sided, a shade bitten into one side, in the grey
/// picture and then in its whiteness (`SheetWithASideInShade`).
/// A sheet under `enlargedSheetBelow` a side is flattened at twice its size.
/// Returns nil when the paper fills the frame or no such outline exists, and the photo is used
/// as is. (The fractions and the step are `parameters`'.)
public func findPage(_ gray: Image, colour: (_ width: Int, _ height: Int) throws -> PaperColour? = { _, _ in nil },
                     fromTheFrame: Bool = true, parameters: PipelineParameters) throws -> PageRectification? {
    let w = gray.width, h = gray.height
    guard Swift.min(w, h) >= 200 else { return nil }
    // The page outline is found at half resolution when the photo is large enough (a
    // quarter of the work; corners land within a pixel or two), then scaled back.
    let factor = Swift.min(w, h) >= 400 ? 2 : 1
    let opening = 9 / factor | 1
    let small = try gray.shrunk(by: factor), blurred = try small.gaussianBlurred(kernelSize: 5)
    // A sheet whose lit part is four-sided, a shade bitten into a side, is taken last.
    let sideInShade = SheetWithASideInShade(), sideInShadeOfTheWhiteness = SheetWithASideInShade()
    var found = try sheetQuad(lookingIn: small, blurred: blurred, opening: opening, parameters: parameters, sideInShade: sideInShade)
    // The colour is made at the size the outline is found at: at full size it took a
    // 12-megapixel photo 25 ms longer.
    let paper = found == nil ? try colour(w / factor, h / factor) : nil
    if found == nil, let paper,
       let onDesk = try sheetQuad(lookingIn: paper.whiteness, blurred: try paper.whiteness.gaussianBlurred(kernelSize: 5), opening: opening,
                                  parameters: parameters, sideInShade: sideInShadeOfTheWhiteness),
       liesOnAColouredDesk(onDesk, chroma: paper.chroma) {
        found = onDesk
    }
    if found == nil, fromTheFrame { found = try sheetFillingTheFrame(small, blurred: blurred, parameters: parameters) }
    if found == nil { found = sideInShade.sheet }
    if found == nil, let paper, let onDesk = sideInShadeOfTheWhiteness.sheet, liesOnAColouredDesk(onDesk, chroma: paper.chroma) { found = onDesk }
    guard let quad = found else { return nil }
    return try rectifySheet(gray, corners: orderCorners(quad.map { (Double($0.x * factor), Double($0.y * factor)) }), parameters: parameters)
}

/// The sheet whose corners in `gray` are `corners` (top-left, top-right, bottom-right,
/// bottom-left) warped flat and upright, at its size in `gray` (twice it when under
/// `enlargedSheetBelow` a side); nil when under 40 pixels a side or 10,000 in all.
func rectifySheet(_ gray: Image, corners: [(Double, Double)], parameters: PipelineParameters) throws -> PageRectification? {
    let (tl, tr, br, bl) = (corners[0], corners[1], corners[2], corners[3])
    var width = Int(Swift.max(hypot(tr.0 - tl.0, tr.1 - tl.1), hypot(br.0 - bl.0, br.1 - bl.1)))
    var height = Int(Swift.max(hypot(bl.0 - tl.0, bl.1 - tl.1), hypot(br.0 - tr.0, br.1 - tr.1)))
    guard Swift.min(width, height) >= 40, width * height >= 10_000 else { return nil }
    // A sheet small in the photo is flattened at twice its size: its digits, 10–13 pixels
    // tall, thickened into blobs at their own size (`enlargedSheetBelow`).
    if Swift.min(width, height) < parameters.enlargedSheetBelow { (width, height) = (2 * width, 2 * height) }
    let target = [(0.0, 0.0), (Double(width - 1), 0.0), (Double(width - 1), Double(height - 1)), (0.0, Double(height - 1))]
    let forward = try perspectiveTransform(from: corners, to: target)
    let inverse = try perspectiveTransform(from: target, to: corners)
    let rectified = try gray.warpedPerspective(forward, width: width, height: height, border: 255)
    return PageRectification(rectified: rectified, corners: corners, inverse: inverse)
}

/// The sheet's corners in `small` (the photo at the size the outline is found at; `blurred`,
/// the same blurred, which findPage's later looks use too): in the bright side of the photo's
/// one Otsu level first, of a level that follows uneven light when that finds none
/// (SheetUnderUnevenLight.swift); a side of it that runs through the paper is moved onto the
/// sheet's edge (`withWeakSidesOnTheEdges`).
func sheetQuad(lookingIn small: Image, blurred: Image, opening: Int, parameters: PipelineParameters,
               sideInShade: SheetWithASideInShade? = nil) throws -> [Point]? {
    let (bright, level) = try blurred.otsuThreshold(invert: false)
    if let found = try sheetQuad(bright, blurred: blurred, small: small, opening: opening, parameters: parameters, sideInShade: sideInShade) {
        return withWeakSidesOnTheEdges(found, small: small, blurred: blurred)
    }
    // A round shadow biting into the sheet: its paper in the shade is split from the desk
    // under the first split (SheetInShade.swift).
    if let withShade = try brightSideWithItsShade(blurred, under: level, leastStep: parameters.unevenLightStep),
       let found = try sheetQuad(withShade, blurred: blurred, small: small, opening: opening, parameters: parameters, sideInShade: sideInShade) {
        return withWeakSidesOnTheEdges(found, small: small, blurred: blurred)
    }
    let splits = tileSplits(blurred, tiles: parameters.unevenLightTiles)
    if let followingTheLight = try brightSideFollowingTheLight(blurred, splits: splits, leastStep: parameters.unevenLightStep),
       let found = try sheetQuad(followingTheLight, blurred: blurred, small: small, opening: opening, parameters: parameters, sideInShade: sideInShade) {
        return withWeakSidesOnTheEdges(found, small: small, blurred: blurred)
    }
    // Paper and desk closer in grey (cream paper on a grey desk, its far side in the lamp's
    // falloff): tiles whose two sides stand less far apart count too, when they add any.
    // Their outline is a sheet's only snapped to sharp edges on every side.
    let weaker = parameters.faintUnevenLightStep
    guard splits.contains(where: { $0.map { $0.step >= weaker && $0.step < parameters.unevenLightStep } ?? false }),
          let fainter = try brightSideFollowingTheLight(blurred, splits: splits, leastStep: weaker),
          let rough = try sheetQuad(fainter, blurred: blurred, small: small, opening: opening, parameters: parameters, sideInShade: sideInShade) else { return nil }
    if weakestSideStep(rough, in: small) >= sharpSideStep { return rough }
    guard let snapped = snappedToTheSheetsEdges(rough, in: blurred), weakestSideStep(snapped, in: small) >= sharpSideStep else { return nil }
    return snapped
}

/// The sheet's corners in `small` (the photo shrunk; `blurred`, the same blurred), found in
/// `bright`, its paper's side: the largest clean outline, with its shade when found across a
/// side that is a shadow's edge (SheetInShade.swift: the sheet goes on into the shade, beyond
/// one edge or both edges of a lit band), or an outline that is a sheet only as the lit part
/// of one (`sheetOutline`) when the sheet is found whole across the shadow.
func sheetQuad(_ bright: Image, blurred: Image, small: Image, opening: Int, parameters: PipelineParameters,
               sideInShade: SheetWithASideInShade? = nil) throws -> [Point]? {
    let outlines = try sheetOutlines(bright, opening: opening, in: small, parameters: parameters)
    let step = parameters.shadowEdgeStep
    if let litPart = outlines.litPart,
       let whole = try sheetFoundWhole(from: litPart, in: blurred, small: small, opening: opening, shadowEdgeStep: step) { return whole }
    if let sheet = outlines.sheet,
       let found = try sheetFoundWhole(from: sheet, in: blurred, small: small, opening: opening, shadowEdgeStep: step)
        ?? (hasSharpOutline(sheet, in: small) ? sheet : nil) { return found }
    if let sideInShade, sideInShade.sheet == nil, let lit = outlines.litPart, lit.count == 4,
       let sheet = try sheetWithCornersInShade(lit, small: small) {
        sideInShade.sheet = withWeakSidesOnTheEdges(sheet, small: small, blurred: blurred)
    }
    return try outlines.litPart.flatMap { (5...6).contains($0.count) ? try sheetWithCornersInShade($0, small: small) : nil }
}

/// The outlines in `bright` (the paper's side of a cut of `small`, blurred) of the largest
/// sheet: regions covering between `smallestSheetFraction` (`smallestSlipFraction` for a slip
/// inside the frame, no side along it) and 92% of the picture, seen against
/// the desk, under `minimumPageFraction` only on a dark desk, once specks under `opening` are
/// gone. `sheet`: the largest whose outline is a clean convex quadrilateral; `litPart`: a larger
/// one whose outline is a sheet's only as its lit part (`sheetOutline`).
func sheetOutlines(_ bright: Image, opening: Int, in small: Image, parameters: PipelineParameters) throws -> (sheet: [Point]?, litPart: [Point]?) {
    let cleaned = try bright.morphology(.open, shape: .rectangle, width: opening, height: opening)
    let imageArea = Double(small.width * small.height)
    var sheet: [Point]?, litPart: [Point]?
    var sheetArea = 0.0, litPartArea = 0.0
    let smallest = Swift.min(parameters.smallestSlipFraction, parameters.smallestSheetFraction)
    for contour in try cleaned.contours() where contour.count >= 4 {
        let area = polygonArea(contour)
        guard area > Swift.min(sheetArea, litPartArea), area >= smallest * imageArea, area <= 0.92 * imageArea,
              let (polygon, litPartOnly) = try sheetOutline(contour, area: area),
              isSeenAgainstTheDesk(polygon, width: small.width, height: small.height) else { continue }
        // Under `smallestSheetFraction`, a slip seen whole, or whose clean outline only touches
        // the frame (a corner on it, no side along it: a note at the photo's bottom edge): the
        // lit corner of a page running out of the frame into a hard shadow is no slip (a page of
        // sums read as "1"); its sides run along the frame.
        if area < parameters.smallestSheetFraction * imageArea, !liesWhollyInside(polygon, width: small.width, height: small.height),
           litPartOnly || !frameEdgesRunAlong(polygon, width: small.width, height: small.height).isEmpty { continue }
        // A sheet under `minimumPageFraction` of the photo (a slip, a sticky note, a page seen
        // from afar) only on a desk darker all round it: a lighter patch of a page that fills
        // the frame is not one.
        if area < parameters.minimumPageFraction * imageArea, try !liesOnADarkerDesk(polygon, in: small) { continue }
        if !litPartOnly, area > sheetArea {
            (sheet, sheetArea) = (polygon, area)
        } else if litPartOnly, area > litPartArea {
            (litPart, litPartArea) = (polygon, area)
        }
    }
    return (sheet, litPartArea > sheetArea ? litPart : nil)
}

/// The sheet whose lit part is `lit` found across one or two shadow's edges (for the two
/// edges of a lit band; `sheetAcrossAShadowEdge`, with `shadowEdgeStep`), when its outline is
/// sharp; nil when none is.
func sheetFoundWhole(from lit: [Point], in blurred: Image, small: Image, opening: Int, shadowEdgeStep: Double) throws -> [Point]? {
    var quad = lit
    for _ in 0..<2 {
        guard let whole = try sheetAcrossAShadowEdge(quad, in: blurred, opening: opening, shadowEdgeStep: shadowEdgeStep) else { break }
        quad = whole
    }
    return try quad != lit && hasSharpOutline(quad, in: small, tolerance: 4) ? quad : nil
}

/// The convex polygon a region's outline is close to: its polygon (Douglas-Peucker to 2% of
/// the perimeter) when four-sided and covering 85% of the region's `area` at least; or else
/// that of its convex hull, which the region fills to 90%, of three to six sides. Writing that
/// runs across the sheet's edge into a shadow or off the paper cuts notches into the bright
/// region's outline, which the polygon then follows; a shadow across the sheet aslant leaves
/// a lit part of three, five or six sides. Either is a sheet only as the lit part of one
/// (`litPartOnly`): alone, it is as likely the lit part of a page whose shade is not told
/// from the desk. So is a clean quadrilateral of no sheet's shape (`hasASheetsProportions`):
/// a shadow's edge aslant across a page can cut off a lit wedge of four sides. Nil when
/// neither outline is such a polygon.
func sheetOutline(_ contour: [Point], area: Double) throws -> (outline: [Point], litPartOnly: Bool)? {
    let polygon = try approximatePolygon(contour, epsilon: 0.02 * perimeter(contour))
    if polygon.count == 4, isConvex(polygon), polygonArea(polygon) >= 0.85 * area { return (polygon, !hasASheetsProportions(polygon)) }
    let hull = convexHull(contour)
    guard hull.count >= 3 else { return nil }
    let outline = try approximatePolygon(hull, epsilon: 0.02 * perimeter(hull))
    guard (3...6).contains(outline.count), isConvex(outline), area >= 0.9 * polygonArea(outline) else { return nil }
    return (outline, true)
}

/// Whether a convex quadrilateral can be a sheet seen in perspective: each side at least a
/// third of the side facing it. A photo taken steeply enough to shrink a page's far side
/// further leaves its writing unreadable; a lit wedge of a page, cut off by a shadow's edge
/// aslant, has a side a seventh of the one facing it.
func hasASheetsProportions(_ quad: [Point]) -> Bool {
    func side(_ i: Int) -> Double {
        let a = quad[i], b = quad[(i + 1) % 4]
        return hypot(Double(a.x - b.x), Double(a.y - b.y))
    }
    return (0..<2).allSatisfy { i in Swift.min(side(i), side(i + 2)) >= Swift.max(side(i), side(i + 2)) / 3 }
}

/// Whether a convex quadrilateral is a small sheet lying on a darker desk: the median grey
/// around it (every fourth pixel of the picture outside it) at most 0.6 of the median inside,
/// or at most 0.85 when its outline is sharp (`hasSharpOutline`) on every side
/// (`weakestSideStep`). A slip of paper on wood or a dark cloth is two to three times as bright
/// as the desk; a white page seen from afar on a grey desk a fifth brighter, with a crisp
/// edge; a brighter patch of a page, a label on a box, far less, or with a soft border; the
/// band of a lined page between two rules that split it at Otsu's level, bright again beyond
/// the rule.
func liesOnADarkerDesk(_ quad: [Point], in gray: Image) throws -> Bool {
    guard let medians = mediansWithinAndAround(quad, in: gray) else { return false }
    return try liesOnADarkerDesk(quad, in: gray, medians: medians)
}

/// `liesOnADarkerDesk`, given the medians inside and around the quadrilateral
/// (`mediansWithinAndAround`) by a caller that uses them too.
func liesOnADarkerDesk(_ quad: [Point], in gray: Image, medians: (within: Int, around: Int)) throws -> Bool {
    let (within, around) = medians
    if Double(around) <= 0.6 * Double(within) { return true }
    return try Double(around) <= 0.85 * Double(within) && hasSharpOutline(quad, in: gray) && weakestSideStep(quad, in: gray) >= sharpSideStep
}

/// The median level of `picture` inside the quadrilateral and outside it, over every fourth
/// pixel each way; nil when either side has under 16 of them.
func mediansWithinAndAround(_ quad: [Point], in picture: Image) -> (within: Int, around: Int)? {
    let pixels = picture.pixels, w = picture.width, h = picture.height
    var within = [UInt8](), around = [UInt8]()
    for y in stride(from: 0, to: h, by: 4) {
        for x in stride(from: 0, to: w, by: 4) {
            if isInside(Point(x: x, y: y), quad) { within.append(pixels[y * w + x]) } else { around.append(pixels[y * w + x]) }
        }
    }
    guard within.count >= 16, around.count >= 16 else { return nil }
    within.sort(); around.sort()
    return (Int(within[within.count / 2]), Int(around[around.count / 2]))
}

/// Whether every corner of the polygon lies at least 1% of the picture's short side (2 pixels
/// at least) inside its frame.
func liesWhollyInside(_ polygon: [Point], width: Int, height: Int) -> Bool {
    let margin = Swift.max(2, Swift.min(width, height) / 100)
    return polygon.allSatisfy { $0.x >= margin && $0.y >= margin && $0.x <= width - 1 - margin && $0.y <= height - 1 - margin }
}

/// Whether the quadrilateral can be a sheet seen against the desk, judged by which of the
/// picture's edges its sides run along (both ends within 0.5% of the short side, 2 pixels at
/// least, from that edge): none or one (a sheet running out of the frame on one side), or the
/// two opposite ones (a close-up running out at the top and bottom). The lit part of a page
/// that fills the frame, bounded by a hard shadow's edge on one side and by the frame on the
/// other three, or by an L-shaped shadow on two sides and the frame on the two others, is no
/// sheet; nor could its perspective be undone from sides that are the frame's.
func isSeenAgainstTheDesk(_ quad: [Point], width: Int, height: Int) -> Bool {
    let edges = frameEdgesRunAlong(quad, width: width, height: height)
    return edges.count <= 1 || edges == [0, 2] || edges == [1, 3]
}

/// The picture's edges (0 left, 1 top, 2 right, 3 bottom) that a side of the polygon runs
/// along: both its ends within 0.5% of the short side, 2 pixels at least, from that edge.
func frameEdgesRunAlong(_ polygon: [Point], width: Int, height: Int) -> Set<Int> {
    let margin = Swift.max(2, Swift.min(width, height) / 200)
    func onEdge(_ p: Point) -> [Bool] {   // left, top, right, bottom
        [p.x <= margin, p.y <= margin, p.x >= width - 1 - margin, p.y >= height - 1 - margin]
    }
    var edges = Set<Int>()
    for i in polygon.indices {
        let a = onEdge(polygon[i]), b = onEdge(polygon[(i + 1) % polygon.count])
        for edge in 0..<4 where a[edge] && b[edge] { edges.insert(edge) }
    }
    return edges
}

/// Whether the quadrilateral's sides are the sharp edge of a sheet against what lies around
/// it, not the soft border of a brighter patch of light on a page that fills the frame (a
/// dim photo): across the sides (sampled at 20 points each, where the outside is in the
/// picture), the grey step over 4 pixels must be at least half the step over 16, for most
/// samples, and the step over 16 at least 12 grey levels. Each sample is taken where the step
/// over 4 pixels is steepest within `tolerance` pixels of the side: a sheet found across a
/// shadow's edge has corners from a convex hull's polygon, a few pixels off the sheet's, and
/// its sides run that far off the sheet's edge in places (a sheet on wood in a diagonal
/// shadow: a median of 0.35 taken on the side, 1 within 4 pixels). A lit part's own outline
/// is judged on its sides: the soft edge of a shadow across a page that fills the frame has
/// a steeper stretch within a few pixels too.
func hasSharpOutline(_ quad: [Point], in gray: Image, tolerance: Int = 0) throws -> Bool {
    let samples = stepsAcrossSides(quad, in: gray, tolerance: tolerance).joined()
    guard samples.count >= 8 else { return true }
    let steps = samples.map(\.wide).sorted(), ratios = samples.filter { $0.wide > 12 }.map { $0.narrow / $0.wide }.sorted()
    return steps[steps.count / 2] >= 12 && ratios.count * 2 >= steps.count && ratios[ratios.count / 2] >= 0.5
}

/// The grey steps across each side of a convex quadrilateral in `gray`, inside minus outside,
/// at 16 of 20 points along it (where the outside is in the picture): the step over 4 pixels,
/// where it is steepest within `tolerance` pixels of the side, and the step over 16 there.
/// Side i runs from corner i to corner i + 1.
func stepsAcrossSides(_ quad: [Point], in gray: Image, tolerance: Int = 0) -> [[(narrow: Double, wide: Double)]] {
    let grey = greySampler(gray)
    let (cx, cy) = vertexCentre(quad)
    return quad.indices.map { i in
        let a = quad[i], b = quad[(i + 1) % quad.count]
        let dx = Double(b.x - a.x), dy = Double(b.y - a.y), length = hypot(dx, dy)
        guard length > 0 else { return [] }
        var nx = dy / length, ny = -dx / length
        let mx = Double(a.x + b.x) / 2, my = Double(a.y + b.y) / 2
        if nx * (mx - cx) + ny * (my - cy) < 0 { nx = -nx; ny = -ny }  // pointing out of the sheet
        return (2..<18).compactMap { k in
            let t = Double(k) / 20
            var edge: (x: Double, y: Double, step: Double)?
            for offset in -tolerance...tolerance {
                let px = Double(a.x) + t * dx + Double(offset) * nx, py = Double(a.y) + t * dy + Double(offset) * ny
                guard let in2 = grey(px - 2 * nx, py - 2 * ny), let out2 = grey(px + 2 * nx, py + 2 * ny) else { continue }
                if in2 - out2 > edge?.step ?? -.infinity { edge = (px, py, in2 - out2) }
            }
            guard let (px, py, narrow) = edge, let in8 = grey(px - 8 * nx, py - 8 * ny), let out8 = grey(px + 8 * nx, py + 8 * ny) else { return nil }
            return (narrow, in8 - out8)
        }
    }
}

/// A grey picture's level at the pixel nearest a point, nil outside the picture.
func greySampler(_ gray: Image) -> (Double, Double) -> Double? {
    let pixels = gray.pixels, w = gray.width, h = gray.height
    return { x, y in
        let xi = Int(x.rounded()), yi = Int(y.rounded())
        return xi >= 0 && yi >= 0 && xi < w && yi < h ? Double(pixels[yi * w + xi]) : nil
    }
}

/// Orders the four corners of a convex quadrilateral as top-left, top-right, bottom-right,
/// bottom-left: round the centre clockwise (as seen, y down), starting where the side to the
/// next corner points most nearly to the right, so that the sheet is turned by the least angle
/// (its writing, tilted up to 45°, stays upright). Taking the corners of least and greatest
/// x + y and x − y instead picked one corner twice for a sheet turned about 40°: the sheet
/// was warped from three corners into a sliver holding no writing, and a phone photo of a
/// page turned 35° with 28° of perspective read as the desk's grain.
func orderCorners(_ points: [(Double, Double)]) -> [(Double, Double)] {
    let cx = points.map(\.0).reduce(0, +) / Double(points.count), cy = points.map(\.1).reduce(0, +) / Double(points.count)
    let clockwise = points.sorted { atan2($0.1 - cy, $0.0 - cx) < atan2($1.1 - cy, $1.0 - cx) }
    let n = clockwise.count
    /// How far the side from corner `i` to the next turns away from pointing right.
    func turn(_ i: Int) -> Double {
        let (a, b) = (clockwise[i], clockwise[(i + 1) % n])
        return abs(atan2(b.1 - a.1, b.0 - a.0))
    }
    let first = (0..<n).min { turn($0) < turn($1) }!
    return (0..<n).map { clockwise[(first + $0) % n] }
}
