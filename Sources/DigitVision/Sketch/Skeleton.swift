/// Turns a digit image into pen strokes: the ink is thinned to a one-pixel skeleton
/// (Zhang–Suen) and the skeleton traced into polylines. The tests use it to make stroke files
/// from MNIST digits, standing in for real pen trajectories.
public enum Skeleton {
    /// Polylines (in pixels of the `width x height` image) tracing the skeleton of the pixels
    /// above `threshold`.
    public static func strokes(of pixels: [Float], width: Int, height: Int, threshold: Float = 0.4) -> [[StrokePoint]] {
        var on = pixels.map { $0 > threshold }
        thin(&on, width: width, height: height)
        return trace(on, width: width, height: height)
    }

    static func thin(_ on: inout [Bool], width w: Int, height h: Int) {
        func p(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < w && y < h && on[y * w + x] }
        var changed = true
        while changed {
            changed = false
            for pass in 0..<2 {
                var remove = [Int]()
                for y in 0..<h {
                    for x in 0..<w where on[y * w + x] {
                        let n = [p(x, y - 1), p(x + 1, y - 1), p(x + 1, y), p(x + 1, y + 1), p(x, y + 1), p(x - 1, y + 1), p(x - 1, y), p(x - 1, y - 1)]
                        let count = n.filter { $0 }.count
                        guard (2...6).contains(count) else { continue }
                        var transitions = 0
                        for i in 0..<8 where !n[i] && n[(i + 1) % 8] { transitions += 1 }
                        guard transitions == 1 else { continue }
                        if pass == 0 {
                            guard !(n[0] && n[2] && n[4]), !(n[2] && n[4] && n[6]) else { continue }
                        } else {
                            guard !(n[0] && n[2] && n[6]), !(n[0] && n[4] && n[6]) else { continue }
                        }
                        remove.append(y * w + x)
                    }
                }
                for i in remove { on[i] = false }
                if !remove.isEmpty { changed = true }
            }
        }
    }

    /// Walks the skeleton from its end points (then from any pixel left, for loops), one
    /// polyline per walk.
    static func trace(_ skeleton: [Bool], width w: Int, height h: Int) -> [[StrokePoint]] {
        var left = skeleton
        func neighbours(_ x: Int, _ y: Int) -> [(Int, Int)] {
            var result = [(Int, Int)]()
            for (dx, dy) in [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (-1, -1), (1, -1)] {
                let nx = x + dx, ny = y + dy
                if nx >= 0, ny >= 0, nx < w, ny < h, left[ny * w + nx] { result.append((nx, ny)) }
            }
            return result
        }
        var strokes = [[StrokePoint]]()
        func walk(from start: (Int, Int)) {
            var stroke = [StrokePoint(x: Double(start.0), y: Double(start.1))]
            var current = start
            left[start.1 * w + start.0] = false
            while let next = neighbours(current.0, current.1).first {
                left[next.1 * w + next.0] = false
                stroke.append(StrokePoint(x: Double(next.0), y: Double(next.1)))
                current = next
            }
            if stroke.count >= 2 { strokes.append(stroke) }
        }
        // End points first (one neighbour), so open strokes are traced end to end.
        for y in 0..<h { for x in 0..<w where left[y * w + x] && neighbours(x, y).count == 1 { walk(from: (x, y)) } }
        for y in 0..<h { for x in 0..<w where left[y * w + x] { walk(from: (x, y)) } }
        return strokes
    }
}
