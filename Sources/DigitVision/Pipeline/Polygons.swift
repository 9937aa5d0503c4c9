import Foundation

/// Plane geometry of the outlines the pipeline finds (a sheet's, a region's): polygons of
/// pixel points, closed (the last corner joins the first).

/// The length of a closed polygon's outline.
func perimeter(_ points: [Point]) -> Double {
    zip(points, points.dropFirst() + points.prefix(1)).reduce(0.0) { $0 + hypot(Double($1.0.x - $1.1.x), Double($1.0.y - $1.1.y)) }
}

/// The area a closed polygon encloses (the shoelace formula).
func polygonArea(_ points: [Point]) -> Double {
    var sum = 0.0
    for (a, b) in zip(points, points.dropFirst() + [points[0]]) { sum += Double(a.x * b.y - b.x * a.y) }
    return abs(sum) / 2
}

/// Whether the polygon turns the same way at every corner.
func isConvex(_ p: [Point]) -> Bool {
    var sign = 0
    for i in 0..<p.count {
        let a = p[i], b = p[(i + 1) % p.count], c = p[(i + 2) % p.count]
        let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)
        if cross != 0 {
            if sign == 0 { sign = cross > 0 ? 1 : -1 } else if (cross > 0 ? 1 : -1) != sign { return false }
        }
    }
    return true
}

/// The mean of a polygon's corners: a point inside it when it is convex.
func vertexCentre(_ polygon: [Point]) -> (x: Double, y: Double) {
    let n = Double(polygon.count)
    return (polygon.reduce(0.0) { $0 + Double($1.x) } / n, polygon.reduce(0.0) { $0 + Double($1.y) } / n)
}

/// Whether `p` lies inside (or on) the convex polygon `quad`.
func isInside(_ p: Point, _ quad: [Point]) -> Bool {
    var sign = 0
    for i in quad.indices {
        let a = quad[i], b = quad[(i + 1) % quad.count]
        let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
        if cross != 0 {
            if sign == 0 { sign = cross > 0 ? 1 : -1 } else if (cross > 0 ? 1 : -1) != sign { return false }
        }
    }
    return true
}

/// The convex hull of `points` (Andrew's monotone chain): its corners in order, clockwise as
/// seen on screen (y down), each once; fewer than three points when they are all on one line.
func convexHull(_ points: [Point]) -> [Point] {
    let sorted = Set(points.map { $0.y * 1_000_003 + $0.x }).map { Point(x: $0 % 1_000_003, y: $0 / 1_000_003) }
        .sorted { ($0.x, $0.y) < ($1.x, $1.y) }
    guard sorted.count >= 3 else { return sorted }
    func cross(_ o: Point, _ a: Point, _ b: Point) -> Int { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
    var lower = [Point](), upper = [Point]()
    for p in sorted {
        while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
        lower.append(p)
    }
    for p in sorted.reversed() {
        while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
        upper.append(p)
    }
    return Array(lower.dropLast() + upper.dropLast())
}
