/// Turns a digit image into pen strokes: the ink is thinned to a one-pixel skeleton
/// (Zhang–Suen) and the skeleton traced into polylines. The tests use it to make stroke files
/// from MNIST digits, standing in for real pen trajectories.
public enum Skeleton {
    /// Polylines (in pixels of the `width x height` image) tracing the skeleton of the pixels
    /// above `threshold`. The image is first enlarged `upsample` times (bilinear): thinning a
    /// 28x28 digit whose strokes are 3 pixels wide loses hooks and bends (the top of a 3),
    /// while the centre line of the smooth enlarged shape is what a pen would have drawn.
    public static func strokes(of pixels: [Float], width: Int, height: Int, threshold: Float = 0.4, upsample: Int = 4) -> [[StrokePoint]] {
        let f = Swift.max(1, upsample), w = width * f, h = height * f
        var on = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            // Sample positions in source pixels (pixel centres aligned).
            let sy = Swift.min(Swift.max((Double(y) + 0.5) / Double(f) - 0.5, 0), Double(height - 1))
            let y0 = Int(sy), y1 = Swift.min(y0 + 1, height - 1), ty = Float(sy - Double(y0))
            for x in 0..<w {
                let sx = Swift.min(Swift.max((Double(x) + 0.5) / Double(f) - 0.5, 0), Double(width - 1))
                let x0 = Int(sx), x1 = Swift.min(x0 + 1, width - 1), tx = Float(sx - Double(x0))
                let top = pixels[y0 * width + x0] * (1 - tx) + pixels[y0 * width + x1] * tx
                let bottom = pixels[y1 * width + x0] * (1 - tx) + pixels[y1 * width + x1] * tx
                on[y * w + x] = top * (1 - ty) + bottom * ty > threshold
            }
        }
        thin(&on, width: w, height: h)
        let scale = 1 / Double(f), offset = (Double(f) - 1) / (2 * Double(f))
        return trace(on, width: w, height: h).map { stroke in
            stroke.enumerated().filter { $0.offset % f == 0 || $0.offset == stroke.count - 1 }
                .map { StrokePoint(x: $0.element.x * scale - offset, y: $0.element.y * scale - offset) }
        }
    }

    /// Zhang–Suen thinning, in place.
    static func thin(_ on: inout [Bool], width w: Int, height h: Int) {
        func p(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < w && y < h && on[y * w + x] }
        var changed = true
        var n = [Bool](repeating: false, count: 8)
        while changed {
            changed = false
            for pass in 0..<2 {
                var remove = [Int]()
                for y in 0..<h {
                    for x in 0..<w where on[y * w + x] {
                        n[0] = p(x, y - 1); n[1] = p(x + 1, y - 1); n[2] = p(x + 1, y); n[3] = p(x + 1, y + 1)
                        n[4] = p(x, y + 1); n[5] = p(x - 1, y + 1); n[6] = p(x - 1, y); n[7] = p(x - 1, y - 1)
                        var count = 0, transitions = 0
                        for i in 0..<8 {
                            if n[i] { count += 1 }
                            if !n[i] && n[(i + 1) & 7] { transitions += 1 }
                        }
                        guard (2...6).contains(count), transitions == 1 else { continue }
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
