/// Step 4, the dots of dot-grid paper (a bullet journal's page, a dotted form): hundreds of
/// small solid specks of one size, each as far from its nearest neighbours as every other.
/// Left in, they outnumber the digits' components, so the digit height is measured from a
/// dot and every digit's stroke is then long enough to be erased as a rule; the dots that
/// remain read as 4s and 1s.
///
/// The test is the lattice, not the size: specks of noise or dust are scattered at random
/// distances, and the digits of a number, however small, stand closer together than a dot's
/// spacing is to its size. Returns indices into `labels.components`: the dots that sit on
/// the lattice (a dot a digit's stroke touches is part of the digit's component and stays).
func printedDots(_ labels: ComponentLabels) -> Set<Int> {
    // Small, roughly round and solid: a disc a few pixels across.
    let maximumDotSide = 16, minimumDots = 24
    var dots = labels.components.indices.dropFirst().filter { index in
        let c = labels.components[index]
        let long = Swift.max(c.width, c.height), short = Swift.min(c.width, c.height)
        return long <= maximumDotSide && short * 2 >= long && c.area * 2 >= c.width * c.height
    }
    guard dots.count >= minimumDots else { return [] }
    // Of one size: printed dots are alike; ink specks and digit fragments vary.
    let areas = dots.map { labels.components[$0].area }.sorted()
    let typicalArea = Double(areas[areas.count / 2])
    dots = dots.filter { Double(labels.components[$0].area) >= 0.4 * typicalArea && Double(labels.components[$0].area) <= 2.5 * typicalArea }
    guard dots.count >= minimumDots else { return [] }

    let neighbours = nearestDistances(dots.map { (labels.components[$0].centroidX, labels.components[$0].centroidY) },
                                      width: labels.width, height: labels.height)
    let nearest = neighbours.compactMap(\.nearest).sorted()
    guard nearest.count >= minimumDots else { return [] }
    let spacing = nearest[nearest.count / 2]
    // Apart: a dot is small beside its spacing (the digits of a number touch or nearly do).
    let typicalSide = Double(dots.map { Swift.max(labels.components[$0].width, labels.components[$0].height) }.sorted()[dots.count / 2])
    guard typicalSide <= 0.4 * spacing else { return [] }
    // On a lattice: the nearest neighbour at the common spacing, and others about as near
    // (four on a square grid, two at a row's end or along a dotted line).
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

/// The ink map without the given components' pixels, and the components found again.
func erasing(_ erased: Set<Int>, from inkMap: InkMap, labels: ComponentLabels) -> (inkMap: InkMap, labels: ComponentLabels) {
    var inkMap = inkMap
    for i in labels.labels.indices where labels.labels[i] != 0 && erased.contains(Int(labels.labels[i])) { inkMap.binary[i] = 0 }
    return (inkMap, connectedComponents(inkMap.binary, width: inkMap.width, height: inkMap.height))
}
