/// Step 4, printed marks that are neither rules nor digits, erased before the digit height is
/// measured: the dots of dot-grid paper and the closed boxes of a form.

/// The dots of dot-grid paper (a bullet journal's page): hundreds of small round specks of
/// one size, each as far from its nearest neighbours as every other, in two directions.
/// Left in, they outnumber the digits' components, so the digit height is measured from a
/// dot and every digit's stroke is then long enough to be erased as a rule; the dots that
/// remain read as 4s and 1s.
///
/// The test is the lattice and the dots' likeness, not the size alone: specks of noise or dust
/// are scattered at random distances, the digits of a number, however small, stand closer
/// together than a dot's spacing is to its size, and the digits of a table's cells differ. Returns indices into `labels.components`: the dots that sit on
/// the lattice (a dot a digit's stroke touches is part of the digit's component and stays).
func printedDots(_ labels: ComponentLabels) -> Set<Int> {
    // Small round solid discs, a few pixels across (printed dots 0.5–1 mm wide, on a page
    // seen at the pipeline's working size; binarized that small, a disc may be a diamond,
    // half its box): no digit is as round and full. A bold digit in a small table cell is as
    // small, but taller than wide, or hollow.
    let maximumDotSide = 10, minimumDots = 24
    var dots = labels.components.indices.dropFirst().filter { index in
        let c = labels.components[index]
        let long = Swift.max(c.width, c.height), short = Swift.min(c.width, c.height)
        return long <= maximumDotSide && short * 4 >= long * 3 && c.area * 2 >= c.width * c.height
    }
    guard dots.count >= minimumDots else { return [] }
    // Of one size: printed dots are alike; specks and digits of a table vary.
    let areas = dots.map { labels.components[$0].area }.sorted()
    let typicalArea = Double(areas[areas.count / 2])
    let alike = dots.filter { Double(labels.components[$0].area) >= 0.6 * typicalArea && Double(labels.components[$0].area) <= 1.6 * typicalArea }
    guard alike.count >= minimumDots, alike.count * 4 >= dots.count * 3 else { return [] }
    dots = alike

    let neighbours = nearestDistances(dots.map { (labels.components[$0].centroidX, labels.components[$0].centroidY) },
                                      width: labels.width, height: labels.height)
    let nearest = neighbours.compactMap(\.nearest).sorted()
    guard nearest.count >= minimumDots else { return [] }
    let spacing = nearest[nearest.count / 2]
    // Apart: a dot is small beside its spacing, under 0.35 of it (the digits of a number
    // touch or nearly do; a bold grid's dots, 5 pixels 18 apart, are 0.28).
    let typicalSide = Double(dots.map { Swift.max(labels.components[$0].width, labels.components[$0].height) }.sorted()[dots.count / 2])
    guard typicalSide <= 0.35 * spacing else { return [] }
    // On a lattice: the nearest neighbour at the common spacing, and others about as near
    // (four on a square grid, two or three along its edges).
    func onLattice(_ i: Int, around least: Int) -> Bool {
        guard let d = neighbours[i].nearest else { return false }
        return d >= 0.8 * spacing && d <= 1.25 * spacing && neighbours[i].withinReach >= least
    }
    let inside = dots.indices.filter { onLattice($0, around: 3) }.count
    // Most dots have three or more neighbours at the spacing: a grid in two directions, not a
    // row of specks along a scratch.
    guard inside >= minimumDots, Double(inside) >= 0.5 * Double(dots.count) else { return [] }
    return Set(dots.indices.filter { onLattice($0, around: 2) }.map { dots[$0] })
}

/// For each point, the distance to its nearest other point and how many others lie within
/// 1.2 times that distance. Points are binned in square cells about as wide as the spacing
/// of the points were they spread evenly over the picture; neighbours are searched two cells
/// around (farther neighbours mean the point is no part of a lattice anyway: nil).
func nearestDistances(_ points: [(x: Double, y: Double)], width: Int, height: Int) -> [(nearest: Double?, withinReach: Int)] {
    let cell = Swift.max(8, (Double(width * height) / Double(Swift.max(points.count, 1))).squareRoot())
    let columns = Int(Double(width) / cell) + 1
    var bins = [Int: [Int]]()
    for (i, p) in points.enumerated() { bins[Int(p.y / cell) * columns + Int(p.x / cell), default: []].append(i) }
    return points.enumerated().map { i, p in
        let cx = Int(p.x / cell), cy = Int(p.y / cell)
        var distances = [Double]()
        for by in (cy - 2)...(cy + 2) where by >= 0 {
            for bx in (cx - 2)...(cx + 2) where bx >= 0 && bx < columns {
                for j in bins[by * columns + bx] ?? [] where j != i {
                    let dx = points[j].x - p.x, dy = points[j].y - p.y
                    distances.append((dx * dx + dy * dy).squareRoot())
                }
            }
        }
        guard let nearest = distances.min(), nearest <= 2 * cell else { return (nil, 0) }
        return (nearest, distances.filter { $0 <= 1.2 * nearest }.count)
    }
}

/// The sides of closed boxes: a form's box for one digit, a rectangle round a field. Each side
/// is a straight line along 80% of the box; inside, the box is mostly empty (a digit written
/// in it may touch it and be one component with it), and no divider crosses it. Left, a box
/// reads as a sure "0", and it is too short to be erased as a rule (a rule is over twice as
/// long as a digit is tall). A "0" drawn round is no box: its sides are arcs, and one drawn
/// square still has round corners. Returns the pixels of the sides' bands, indices into the
/// picture.
func closedBoxSides(_ labels: ComponentLabels) -> [Int] {
    let w = labels.width
    var sides = [Int]()
    labels.labels.withUnsafeBufferPointer { l in
        for (index, c) in labels.components.enumerated().dropFirst() where c.width >= 12 && c.height >= 12 {
            let label = Int32(index)
            // Bands a seventh of the box deep (3 to 8 pixels): the side of a box turned 5° still
            // lies within its band.
            let band = Swift.min(8, Swift.max(3, Swift.min(c.width, c.height) / 7))
            func inked(_ x: Int, _ y: Int) -> Bool { l[(c.y + y) * w + c.x + x] == label }
            // Each side's depths, measured only while the sides before it were straight (most
            // components fail at the first).
            func straightSides(_ depths: Range<Int>) -> (top: SideLine, bottom: SideLine, left: SideLine, right: SideLine)? {
                guard let top = straightSide((0..<c.width).map { x in depths.first { inked(x, $0) } }),
                      let bottom = straightSide((0..<c.width).map { x in depths.first { inked(x, c.height - 1 - $0) } }),
                      let left = straightSide((0..<c.height).map { y in depths.first { inked($0, y) } }),
                      let right = straightSide((0..<c.height).map { y in depths.first { inked(c.width - 1 - $0, y) } }) else { return nil }
                return (top, bottom, left, right)
            }
            guard let (topLine, bottomLine, leftLine, rightLine) = straightSides(0..<band) else { continue }
            // A band of 3 pixels cannot tell: any depths within it lie within 1.5 of a line, and
            // a bold 8 or 0 a dozen pixels wide has ink that near its box's edges all round (a
            // handwriting font's "518" lost its 8's outline, read "51"). Its sides must be
            // straight looked for 5 pixels deep too, where a digit's rounded ends stand out.
            if band < 5 && straightSides(0..<5) == nil { continue }
            // Sharp corners: ink where each two sides' lines meet (within 2 pixels), as a printed
            // box has; a "0" drawn square still rounds its corners off.
            let (wx, hy) = (Double(c.width - 1), Double(c.height - 1))
            // Each side as a line in the box's own pixels: y = f(x) for top and bottom, x = g(y)
            // for left and right.
            let across = [{ (x: Double) in topLine.at(x) }, { (x: Double) in hy - bottomLine.at(x) }]
            let down = [{ (y: Double) in leftLine.at(y) }, { (y: Double) in wx - rightLine.at(y) }]
            let sharp = across.allSatisfy { f in
                down.allSatisfy { g in
                    // Where y = f(x) meets x = g(y): a few rounds of substitution settle it, the
                    // sides being near level and near upright.
                    var (x, y) = (g(f(0)), 0.0)
                    for _ in 0..<4 { y = f(x); x = g(y) }
                    return inkNear(x: x, y: y, radius: 2, width: c.width, height: c.height, inked: inked)
                }
            }
            guard sharp else { continue }
            // A comb of boxes or a table (dividers inside, from side to side) has long rules,
            // and line removal takes it whole, dividers with the rules they meet. A divider is
            // one unbroken line over 85% of the box (a 5's bar joined to one side does not reach
            // the other; a bold 0 touching the box top and bottom leaves gaps down any column).
            // Looked for two bands in from the sides, which may be thicker than a band.
            let dividedDown = (2 * band..<Swift.max(2 * band, c.width - 2 * band)).contains { x in
                longestRun((0..<c.height).map { y in inked(x, y) || inked(x + 1, y) }) * 100 >= 85 * c.height
            }
            let dividedAcross = (2 * band..<Swift.max(2 * band, c.height - 2 * band)).contains { y in
                longestRun((0..<c.width).map { x in inked(x, y) || inked(x, y + 1) }) * 100 >= 85 * c.width
            }
            if dividedDown || dividedAcross { continue }
            var inBands = [Int]()
            for y in 0..<c.height {
                let rowInBand = y < band || y >= c.height - band
                for x in 0..<c.width where (rowInBand || x < band || x >= c.width - band) && inked(x, y) {
                    inBands.append((c.y + y) * w + c.x + x)
                }
            }
            // Not solid inside: a dark desk round the page is no box (a bold digit joined to its
            // box fills up to half of it).
            let inside = (c.width - 2 * band) * (c.height - 2 * band)
            if (c.area - inBands.count) * 10 <= 7 * inside { sides += inBands }
        }
    }
    return sides
}

/// Whether any pixel within `radius` of (x, y) is inked, inside a `width x height` box (a point
/// far outside it, or not a number, has none).
func inkNear(x: Double, y: Double, radius: Int, width: Int, height: Int, inked: (Int, Int) -> Bool) -> Bool {
    guard x.isFinite, y.isFinite, x > Double(-radius - 1), y > Double(-radius - 1), x < Double(width + radius), y < Double(height + radius) else { return false }
    let cx = Int(x.rounded()), cy = Int(y.rounded())
    let x0 = Swift.max(0, cx - radius), x1 = Swift.min(width - 1, cx + radius)
    let y0 = Swift.max(0, cy - radius), y1 = Swift.min(height - 1, cy + radius)
    guard x0 <= x1, y0 <= y1 else { return false }
    for yy in y0...y1 { for xx in x0...x1 where inked(xx, yy) { return true } }
    return false
}

/// The longest run of `true`, across gaps of one.
func longestRun(_ values: [Bool]) -> Int {
    var longest = 0, start: Int?, lastTrue = -2
    for (i, v) in values.enumerated() where v {
        if start == nil || i - lastTrue > 2 { start = i }
        lastTrue = i
        longest = Swift.max(longest, i - start! + 1)
    }
    return longest
}

/// A straight line: value = intercept + slope · position.
struct SideLine {
    let intercept, slope: Double
    func at(_ position: Double) -> Double { intercept + slope * position }
}

/// A side of a box, given as the depth of the first ink in from the box's edge at each point
/// along it (nil: none within the band), as a line (depth along position), when it is
/// straight along 80% of the side: 90% of the depths within 1.5 pixels of the line fitted to
/// them (then fitted again to those). A box turned a few degrees gives depths along a slope;
/// the arc of a round "0" bends away from any line.
func straightSide(_ depths: [Int?]) -> SideLine? {
    let points = depths.enumerated().compactMap { i, d in d.map { (Double(i), Double($0)) } }
    guard Double(points.count) >= 0.8 * Double(depths.count), points.count >= 2, let line = fitLine(points) else { return nil }
    let near = points.filter { abs($0.1 - line.at($0.0)) <= 1.5 }
    guard Double(near.count) >= 0.9 * Double(points.count) else { return nil }
    return fitLine(near) ?? line
}

/// The least-squares line through `points` (position, value).
func fitLine(_ points: [(Double, Double)]) -> SideLine? {
    guard !points.isEmpty else { return nil }
    let n = Double(points.count)
    let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
    let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }, sxy = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let slope = sxx > 0 ? sxy / sxx : 0
    return SideLine(intercept: my - slope * mx, slope: slope)
}

/// The ink map without the given components' pixels and the given `pixels`, and the
/// components found again.
func erasing(_ erased: Set<Int>, pixels: [Int], from inkMap: InkMap, labels: ComponentLabels) -> (inkMap: InkMap, labels: ComponentLabels) {
    var inkMap = inkMap
    for i in labels.labels.indices where labels.labels[i] != 0 && erased.contains(Int(labels.labels[i])) { inkMap.binary[i] = 0 }
    for i in pixels { inkMap.binary[i] = 0 }
    return (inkMap, connectedComponents(inkMap.binary, width: inkMap.width, height: inkMap.height))
}
