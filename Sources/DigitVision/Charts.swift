import DigitNet
import Foundation

/// PNG charts for `train` and `evaluate`, drawn with the bridge's drawing calls.
public enum Charts {
    /// Loss (left) and accuracy (right) per epoch, training and validation.
    public static func writeTrainingHistory(_ history: [EpochRecord], to url: URL) throws {
        let panelWidth = 480, height = 360
        let canvas = try Image(width: 2 * panelWidth, height: height, channels: 3)
        try canvas.fillRectangle(x: 0, y: 0, width: 2 * panelWidth, height: height, color: .white)
        let epochs = history.map { Double($0.epoch) }
        // A run with nothing held out (`train --validation 0`) has no validation curve to show.
        let validated = history.contains { !$0.validationLoss.isNaN }
        let loss = [("train", history.map { Double($0.trainLoss) }, Color.blue), ("validation", history.map { Double($0.validationLoss) }, Color.orange)]
        let accuracy = [("train", history.map { Double($0.trainAccuracy) * 100 }, Color.blue), ("validation", history.map { Double($0.validationAccuracy) * 100 }, Color.orange)]
        // A loss is never under 0 nor an accuracy over 100%: the axes' margins stop there.
        try drawPanel(on: canvas, x: 0, width: panelWidth, height: height, title: "loss", xs: epochs, series: validated ? loss : [loss[0]], bounds: 0...Double.infinity)
        try drawPanel(on: canvas, x: panelWidth, width: panelWidth, height: height, title: "accuracy %", xs: epochs, series: validated ? accuracy : [accuracy[0]], bounds: 0...100)
        try canvas.write(to: url.path)
    }

    /// The 10x10 confusion matrix as a heat map (rows: truth, columns: predicted), counts
    /// printed in each cell; the colour is the row's fraction on a log scale so errors show.
    public static func writeConfusionHeatMap(_ confusion: [[Int]], to url: URL) throws {
        let cell = 52, margin = 60
        let size = margin + 10 * cell + 20
        let canvas = try Image(width: size, height: size, channels: 3)
        try canvas.fillRectangle(x: 0, y: 0, width: size, height: size, color: .white)
        for t in 0..<10 {
            let total = Swift.max(1, confusion[t].reduce(0, +))
            for p in 0..<10 {
                let fraction = Double(confusion[t][p]) / Double(total)
                let heat = confusion[t][p] == 0 ? 0 : Swift.min(1, (log10(fraction) + 4) / 4)
                let color = Color(red: 255 - Int(heat * 200), green: 255 - Int(heat * 160), blue: 255 - Int(heat * 40))
                let x = margin + p * cell, y = margin + t * cell
                try canvas.fillRectangle(x: x, y: y, width: cell - 1, height: cell - 1, color: color)
                try canvas.drawText("\(confusion[t][p])", x: x + 4, y: y + cell / 2 + 5, scale: 0.42, color: heat > 0.6 ? .white : .black)
            }
            try canvas.drawText("\(t)", x: margin - 20, y: margin + t * cell + cell / 2 + 6, scale: 0.6, color: .black)
            try canvas.drawText("\(t)", x: margin + t * cell + cell / 2 - 6, y: margin - 10, scale: 0.6, color: .black)
        }
        try canvas.drawText("predicted", x: margin + 4 * cell, y: 18, scale: 0.5, color: .black)
        try canvas.drawText("truth", x: 4, y: margin + 10 * cell + 14, scale: 0.5, color: .black)
        try canvas.write(to: url.path)
    }

    /// A grid of misclassified test digits (up to 100), each labelled "truth>predicted".
    public static func writeDigitGrid(data: Dataset, evaluation: Evaluation, to url: URL) throws {
        let wrong = zip(evaluation.predictions, evaluation.labels).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(100)
        let columns = 10, scale = 3, tile = 28 * scale, label = 18
        let rows = Swift.max(1, (wrong.count + columns - 1) / columns)
        let canvas = try Image(width: columns * tile, height: rows * (tile + label), channels: 3)
        try canvas.fillRectangle(x: 0, y: 0, width: canvas.width, height: canvas.height, color: .white)
        for (slot, item) in wrong.enumerated() {
            let start = item.offset * Dataset.pixels
            let pixels = data.images[start..<start + Dataset.pixels].map { UInt8(255 - Swift.min(255, $0 * 255)) }
            let digit = try Image(width: 28, height: 28, channels: 1, pixels: pixels).resized(width: tile, height: tile, interpolation: .nearest)
            let x = (slot % columns) * tile, y = (slot / columns) * (tile + label)
            try canvas.paste(digit, x: x, y: y)
            try canvas.drawText("\(item.element.1)>\(item.element.0)", x: x + 4, y: y + tile + 14, scale: 0.45, color: .red)
        }
        try canvas.write(to: url.path)
    }

    private static func drawPanel(on canvas: Image, x left: Int, width: Int, height: Int, title: String, xs: [Double],
                                  series: [(String, [Double], Color)], bounds: ClosedRange<Double> = -Double.infinity...Double.infinity) throws {
        let plot = (x: left + 60, y: 40, w: width - 80, h: height - 90)
        let values = series.flatMap { $0.1 }.filter { $0.isFinite }
        guard let low = values.min(), let high = values.max(), let x0 = xs.first, let x1 = xs.last else { return }
        let pad = Swift.max((high - low) * 0.08, 1e-6)
        let (ymin, ymax) = (Swift.max(bounds.lowerBound, low - pad), Swift.min(bounds.upperBound, high + pad))
        func point(_ xv: Double, _ yv: Double) -> Point {
            let fx = x1 > x0 ? (xv - x0) / (x1 - x0) : 0.5
            return Point(x: plot.x + Int(fx * Double(plot.w)), y: plot.y + plot.h - Int((yv - ymin) / (ymax - ymin) * Double(plot.h)))
        }
        try canvas.drawRectangle(x: plot.x, y: plot.y, width: plot.w, height: plot.h, color: Color(red: 180, green: 180, blue: 180), thickness: 1)
        for k in 0...4 {
            let v = ymin + (ymax - ymin) * Double(k) / 4
            let p = point(x0, v)
            try canvas.drawText(String(format: v >= 10 ? "%.1f" : "%.3f", v), x: left + 4, y: p.y + 4, scale: 0.38, color: .black)
        }
        try canvas.drawText(title, x: plot.x, y: 26, scale: 0.6, color: .black)
        try canvas.drawText("epoch \(Int(x0))-\(Int(x1))", x: plot.x + plot.w / 2 - 40, y: plot.y + plot.h + 24, scale: 0.45, color: .black)
        for (i, (name, ys, color)) in series.enumerated() {
            let points = zip(xs, ys).filter { $0.1.isFinite }.map { point($0.0, $0.1) }
            for (a, b) in zip(points, points.dropFirst()) { try canvas.drawLine(from: a, to: b, color: color, thickness: 2) }
            for p in points { try canvas.drawCircle(center: p, radius: 3, color: color, thickness: -1) }
            try canvas.drawText(name, x: plot.x + 10 + i * 110, y: plot.y + plot.h + 44, scale: 0.45, color: color)
        }
    }
}
