import Foundation

/// A point of a pen stroke, in canvas pixels.
public struct StrokePoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// Strokes drawn with the mouse (or replayed from a file) and their rendering: dark ink on a
/// light ground, so the photo pipeline reads a canvas exactly as it reads paper. Consecutive
/// points are joined by round-capped segments, so fast mouse moves still give smooth strokes.
public final class StrokeCanvas {
    public let width: Int
    public let height: Int
    /// Brush diameter in pixels.
    public var brush: Int
    public private(set) var strokes: [[StrokePoint]] = []
    private var drawing = false

    /// The default brush: about a ninth of a digit that fills 60% of the canvas height, which is
    /// MNIST's stroke width relative to its digits once normalized.
    public init(width: Int, height: Int, brush: Int? = nil) {
        self.width = width
        self.height = height
        self.brush = brush ?? Swift.max(4, Int(Double(height) * 0.6 / 9))
    }

    public func beginStroke(at point: StrokePoint) {
        strokes.append([point])
        drawing = true
    }

    public func extendStroke(to point: StrokePoint) {
        guard drawing, var last = strokes.popLast() else { return }
        if last.last != point { last.append(point) }
        strokes.append(last)
    }

    public func endStroke() { drawing = false }
    public var isDrawing: Bool { drawing }

    public func undo() {
        if !strokes.isEmpty { strokes.removeLast() }
        drawing = false
    }

    public func clear() {
        strokes.removeAll()
        drawing = false
    }

    /// The canvas as a grey image: ink 0 on 255, drawn with `brush` (default: the canvas's).
    public func render(brush: Int? = nil) throws -> Image {
        let brush = brush ?? self.brush
        let image = try Image(width: width, height: height, channels: 1, pixels: [UInt8](repeating: 255, count: width * height))
        // Points far off the canvas (a replayed file may hold any finite number) are pulled in
        // to a few canvas sizes away, where they draw the same nothing and convert to Int.
        let reach = Double(4 * Swift.max(width, height))
        func pixel(_ p: StrokePoint) -> Point {
            Point(x: Int(Swift.min(reach, Swift.max(-reach, p.x)).rounded()), y: Int(Swift.min(reach, Swift.max(-reach, p.y)).rounded()))
        }
        for stroke in strokes {
            guard let first = stroke.first else { continue }
            try image.drawCircle(center: pixel(first), radius: brush / 2, color: .black, thickness: -1)
            for (a, b) in zip(stroke, stroke.dropFirst()) {
                try image.drawLine(from: pixel(a), to: pixel(b), color: .black, thickness: brush)
                try image.drawCircle(center: pixel(b), radius: brush / 2, color: .black, thickness: -1)
            }
        }
        return image
    }

    /// The canvas as the recognizer reads it: the same strokes drawn with a pen a sixth of
    /// the height of a line of the drawing (about MNIST's stroke width relative to its
    /// digits). The visible brush is sized for a digit filling 60% of the canvas and makes a
    /// digit drawn small as bold as a blot (skeleton-traced MNIST digits a sixth of the canvas
    /// high: 48% read with the brush, 97.6% with this pen), and one filling the canvas thin.
    public func renderForRecognition() throws -> Image {
        let ys = strokes.joined().map(\.y)
        let drawingHeight = (ys.max() ?? 0) - (ys.min() ?? 0)
        // Several lines of digits make the drawing tall: then no wider than the brush, or than
        // a sixth of its tallest line. Lines written close together join into one line, but
        // no digit is much taller than its tallest connected piece of ink.
        let ink = try render(brush: 3).thresholded(at: 127, invert: true)
        let tallestPiece = Double(try ink.connectedComponents(connectivity: 8).components.dropFirst().map(\.height).max() ?? 0)
        let pen = Swift.min(200, Swift.max(3, Swift.min(drawingHeight / 6, Swift.max(Double(brush), lineHeight / 6), 1.5 * tallestPiece / 6)))
        return try render(brush: Int(pen.rounded()))
    }

    /// The height of the tallest line of the drawing: the strokes' vertical extents, joined
    /// where they overlap or nearly (within 3% of the canvas and 5% of the drawing's height:
    /// a 5's bar lifted off its body), the longest run.
    public var lineHeight: Double {
        let spans = strokes.compactMap { stroke -> (Double, Double)? in
            let ys = stroke.map(\.y)
            guard let top = ys.min(), let bottom = ys.max() else { return nil }
            return (top, bottom)
        }.sorted { $0.0 < $1.0 }
        let slack = 0.03 * Double(height) + 0.05 * ((spans.map(\.1).max() ?? 0) - (spans.first?.0 ?? 0))
        var tallest = 0.0, run: (Double, Double)?
        for span in spans {
            if let current = run, span.0 <= current.1 + slack {
                run = (current.0, Swift.max(current.1, span.1))
            } else {
                run = span
            }
            tallest = Swift.max(tallest, run!.1 - run!.0)
        }
        return tallest
    }

    /// Plays recorded strokes in through the same calls the mouse uses, scaled to this canvas
    /// keeping their proportions (a square tablet's digits are not squashed onto a wide
    /// canvas) and centred.
    public func replay(_ file: StrokeFile) {
        let scale = Swift.min(Double(width) / Double(file.canvas[0]), Double(height) / Double(file.canvas[1]))
        let dx = (Double(width) - Double(file.canvas[0]) * scale) / 2, dy = (Double(height) - Double(file.canvas[1]) * scale) / 2
        for stroke in file.strokes where !stroke.isEmpty {
            beginStroke(at: StrokePoint(x: stroke[0][0] * scale + dx, y: stroke[0][1] * scale + dy))
            for p in stroke.dropFirst() { extendStroke(to: StrokePoint(x: p[0] * scale + dx, y: p[1] * scale + dy)) }
            endStroke()
        }
    }

    /// The strokes as a file.
    public var file: StrokeFile {
        StrokeFile(canvas: [width, height], strokes: strokes.map { $0.map { [$0.x, $0.y] } })
    }
}

/// Strokes on disk: `{"canvas": [W, H], "strokes": [[[x, y], [x, y], …], …]}` in canvas pixels.
public struct StrokeFile: Codable, Equatable, Sendable {
    public var canvas: [Int]
    public var strokes: [[[Double]]]

    public init(canvas: [Int], strokes: [[[Double]]]) {
        self.canvas = canvas
        self.strokes = strokes
    }

    /// Reads and checks a strokes file; errors name the file and the problem.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isFolder: ObjCBool = false
            let why = !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) ? "no such file"
                : isFolder.boolValue ? "a folder, not a file" : "permission denied"
            throw VisionError(kind: .io, file: path, operation: "replay", reason: "\(path): cannot read the strokes file (\(why))")
        }
        do { self = try JSONDecoder().decode(StrokeFile.self, from: data) } catch {
            throw VisionError(kind: .decode, file: path, operation: "replay", reason: "\(path): not a strokes file ({\"canvas\": [W, H], \"strokes\": [[[x, y], …], …]})")
        }
        guard canvas.count == 2, canvas.allSatisfy({ $0 > 0 && $0 <= 10000 }) else {
            throw VisionError(kind: .decode, file: path, operation: "replay", reason: "\(path): \"canvas\" must be [width, height], each from 1 to 10000")
        }
        guard strokes.allSatisfy({ $0.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isFinite) } }) else {
            throw VisionError(kind: .decode, file: path, operation: "replay", reason: "\(path): every point must be [x, y]")
        }
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
