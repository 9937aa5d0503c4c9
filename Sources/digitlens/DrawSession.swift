import DigitNet
import DigitVision
import Foundation

/// The drawing window: mouse strokes on the canvas, a prediction refreshed while drawing
/// (at most every 40 ms, and at once when a stroke ends), and a side panel with the reading,
/// the probabilities of the digit under the cursor (or the last one) and the 28x28 image the
/// model saw.
final class DrawSession {
    let canvas: StrokeCanvas
    let recognizer: DigitRecognizer
    let whiteInk: Bool
    static let panelWidth = 260
    private var result: RecognitionResult?
    /// The canvas as shown, and as the recognizer read it (`renderForRecognition`) at the last prediction.
    private var rendered: Image?
    private var read: Image?
    private var cursor: Point?
    private var dirty = true
    private var lastPrediction = 0.0
    /// What the last save did, shown in the window for a few seconds: until then.
    private var notice: (text: String, until: Double)?

    init(canvas: StrokeCanvas, recognizer: DigitRecognizer, whiteInk: Bool) {
        self.canvas = canvas
        self.recognizer = recognizer
        self.whiteInk = whiteInk
    }

    /// Runs until q/Esc, the window closing, `quitAfter` seconds or a signal; returns the last reading.
    func run(quitAfter: Double?, stopSignals: StopSignals) throws -> RecognitionResult {
        try warmUp()
        let window = try Window(title: "DigitLens draw")
        let started = FrameSource.now()
        // The window is drawn again only when something in it may have changed (an event, a
        // prediction, a notice coming or going): drawn every turn, an idle window kept a
        // tenth of a core busy.
        var shown = -Double.infinity
        loop: while !window.isClosed && stopSignals.received == nil {
            let events = window.takeMouseEvents()
            var changed = !events.isEmpty
            for event in events where event.x < canvas.width {
                let point = StrokePoint(x: Double(event.x), y: Double(Swift.max(0, Swift.min(canvas.height - 1, event.y))))
                cursor = Point(x: event.x, y: event.y)
                switch event.kind {
                case .down: canvas.beginStroke(at: point); dirty = true
                case .move where event.leftButtonDown && canvas.isDrawing: canvas.extendStroke(to: point); dirty = true
                case .up: canvas.endStroke(); dirty = true; lastPrediction = 0
                default: break
                }
            }
            if dirty && FrameSource.now() - lastPrediction > 0.04 { try predict(); changed = true }
            if changed || FrameSource.now() - shown > 0.5 {
                try window.show(try compose())
                shown = FrameSource.now()
            }
            if let quitAfter, FrameSource.now() - started > quitAfter { break }
            guard let key = window.waitKey(milliseconds: 10) else { continue }
            shown = -Double.infinity
            switch key & 0xFF {
            case Int(UInt8(ascii: "q")), 27: break loop
            case Int(UInt8(ascii: "c")): canvas.clear(); dirty = true
            case Int(UInt8(ascii: "u")), 8: canvas.undo(); dirty = true
            case Int(UInt8(ascii: "+")), Int(UInt8(ascii: "=")): canvas.brush = Swift.min(200, canvas.brush + 2)
            case Int(UInt8(ascii: "-")): canvas.brush = Swift.max(2, canvas.brush - 2)
            case Int(UInt8(ascii: "s")): saveKeepingTheSession()
            default: break
            }
        }
        if dirty || result == nil { try predict() }
        return result!
    }

    /// Reads a "1" on a canvas of this size once before the window opens. The first reading
    /// of a session sets up the classifier's buffers and threads and takes many times a later
    /// one; made in the middle of the first stroke, it held the window's events back, and Qt,
    /// which keeps only the last of the mouse moves waiting, dropped most of the stroke's
    /// points (a 7 kept 3 of its 13 and read as a 1).
    func warmUp() throws {
        let trial = StrokeCanvas(width: canvas.width, height: canvas.height)
        trial.beginStroke(at: StrokePoint(x: Double(canvas.width) / 2, y: Double(canvas.height) / 4))
        trial.extendStroke(to: StrokePoint(x: Double(canvas.width) / 2, y: Double(canvas.height) * 3 / 4))
        trial.endStroke()
        _ = try recognizer.recognize(try trial.renderForRecognition())
    }

    func predict() throws {
        rendered = try canvas.render()
        let image = try canvas.renderForRecognition()
        read = image
        result = try recognizer.recognize(image)
        dirty = false
        lastPrediction = FrameSource.now()
    }

    /// `save`, said on stderr and in the window; a save that fails (a folder that cannot be
    /// written) is said the same way, and the drawing stays to be saved elsewhere (it had
    /// ended the session and lost the drawing).
    func saveKeepingTheSession() {
        do {
            let name = try save()
            notice = ("saved \(name).png", FrameSource.now() + 3)
        } catch {
            writeToStandardError("digitlens: \(error); the drawing was not saved in \(FileManager.default.currentDirectoryPath) (the window stays open)\n")
            // The reason, without the file's long name, fits the window: "cannot write (…)".
            let described = "\(error)", reason = described.range(of: ": ").map { String(described[$0.upperBound...]) } ?? described
            notice = ("not saved: \(reason)", FrameSource.now() + 6)
        }
    }

    /// Writes the drawing as `digitlens-drawing-<milliseconds>[-N].png` and `.json` in the current folder;
    /// returns the name without its suffix.
    @discardableResult
    func save() throws -> String {
        let name = unusedName("digitlens-drawing", suffixes: [".png", ".json"])
        try inChosenInk(rendered ?? canvas.render()).write(to: name + ".png")
        try canvas.file.write(to: name + ".json")
        writeToStandardError("saved \(name).png and .json\n")
        return name
    }

    /// A rendering of the canvas (black on white) in the ink the window shows: the picture a
    /// save writes and the window draws.
    func inChosenInk(_ drawing: Image) throws -> Image {
        whiteInk ? try Image(width: drawing.width, height: drawing.height, channels: 1, pixels: drawing.pixels.map { 255 - $0 }) : drawing
    }

    /// Canvas (in the chosen ink) with boxes and labels, and the side panel.
    func compose() throws -> Image {
        let panel = DrawSession.panelWidth
        let out = try Image(width: canvas.width + panel, height: Swift.max(canvas.height, 420), channels: 3)
        var shownCanvas = try (rendered ?? canvas.render())
        if !canvas.strokes.isEmpty && dirty { shownCanvas = try canvas.render() }
        shownCanvas = try inChosenInk(shownCanvas)
        try out.paste(try shownCanvas.bgr(), x: 0, y: 0)
        try out.fillRectangle(x: canvas.width, y: 0, width: panel, height: out.height, color: Color(red: 40, green: 40, blue: 48))
        let digits = result?.digits ?? []
        for d in digits {
            let color: Color = d.confidence >= 0.8 ? .green : .orange
            try out.drawRectangle(x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height, color: color, thickness: 2)
            try out.drawText("\(d.label)\(d.confidence < 0.8 ? "?" : "")", x: d.box.x, y: Swift.max(14, d.box.y - 4), scale: 0.6, color: color, thickness: 2)
        }
        let x0 = canvas.width + 12
        let text = (result?.text).map { $0.isEmpty ? "-" : $0 } ?? "-"
        try out.drawText("reading", x: x0, y: 24, scale: 0.5, color: .white)
        try out.drawText(text, x: x0, y: 66, scale: text.count > 6 ? 0.9 : 1.4, color: .white, thickness: 2)
        if let unsure = digits.first(where: { $0.confidence < 0.8 }) {
            try out.drawText("unsure: \(unsure.label) (\(Int(unsure.confidence * 100))%)", x: x0, y: 88, scale: 0.45, color: .orange)
        }
        // The digit under the cursor, else the last one.
        let focus = digits.first { d in cursor.map { $0.x >= d.box.x && $0.x < d.box.maxX && $0.y >= d.box.y && $0.y < d.box.maxY } ?? false } ?? digits.last
        if let focus {
            let probabilities = try probabilities(of: focus)
            for k in 0..<10 {
                let y = 106 + k * 16
                try out.drawText("\(k)", x: x0, y: y + 11, scale: 0.4, color: .white)
                let length = Int(Double(panel - 60) * Double(probabilities.values[k]))
                try out.fillRectangle(x: x0 + 16, y: y + 2, width: Swift.max(1, length), height: 11, color: k == focus.label ? .green : Color(red: 120, green: 120, blue: 140))
            }
            let seen = try Image(width: 28, height: 28, channels: 1, pixels: probabilities.input.map { UInt8(Swift.min(255, $0 * 255)) })
            try out.drawText("what the model sees", x: x0, y: 282, scale: 0.4, color: .white)
            try out.paste(try seen.resized(width: 112, height: 112, interpolation: .nearest).bgr(), x: x0, y: 290)
        }
        if let notice, FrameSource.now() < notice.until {
            try out.drawText(String(notice.text.prefix(80)), x: 8, y: out.height - 28, scale: 0.42, color: notice.text.hasPrefix("not saved") ? .red : .green)
        }
        try out.drawText("c clear  u undo  s save  +/- brush  q quit", x: 8, y: out.height - 8, scale: 0.42, color: .orange)
        return out
    }

    /// The 28x28 input of a digit and the model's probabilities for it.
    func probabilities(of digit: RecognizedDigit) throws -> (input: [Float], values: [Float]) {
        guard let image = read else { return ([Float](repeating: 0, count: 784), [Float](repeating: 0, count: 10)) }
        let crop = try image.cropped(to: digit.box)
        let mask = crop.pixels.map { $0 < 128 ? UInt8(255) : 0 }
        let input = try normalizeDigit(mask: mask, width: crop.width, height: crop.height)
        return (input, recognizer.classifier.probabilities(images: input, count: 1))
    }
}
