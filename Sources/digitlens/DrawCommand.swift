import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw digits with the mouse and see them recognized as you draw.",
        discussion: """
        Keys: c clear, u or Backspace undo the last stroke, s save the canvas PNG and the strokes \
        as JSON, + and - brush size, q or Esc quit (so do Ctrl-C and SIGTERM). --replay plays a strokes file \
        ({"canvas": [W, H], "strokes": [[[x, y], …], …]}) through the same path as the mouse, scaled \
        to the canvas keeping its proportions; with \
        --headless no window opens and the reading is printed as recognize prints it.
        """)

    @Option(help: "Canvas size WxH.") var size = "600x400"
    @Option(help: "Ink: black (black on white) or white (white on black).") var ink = "white"
    @Option(parsing: .unconditional, help: "Brush diameter in pixels (default: MNIST's stroke width for a digit 60% of the canvas high).") var brush: Int?
    @Option(help: ArgumentHelp("Play a strokes file into the canvas.", valueName: "file")) var replay: String?
    @Flag(help: "No window: replay, print FILE<TAB>TEXT and exit (needs --replay).") var headless = false
    @Flag(help: "With --headless or --quit-after, print the full result as JSON.") var json = false
    @Option(name: .customLong("quit-after"), parsing: .unconditional, help: ArgumentHelp("Close the window after this many seconds and print the reading (for scripts).", valueName: "seconds"))
    var quitAfter: Double?
    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        _ = try canvasSize()
        guard ["white", "black"].contains(ink.lowercased()) else { throw ValidationError("--ink must be white or black") }
        if let brush, !(1...200).contains(brush) { throw ValidationError("--brush must be in 1…200") }
        if headless && replay == nil { throw ValidationError("--headless needs --replay FILE") }
        // NaN never compares as past, and the window stayed open for good.
        if let quitAfter, !(quitAfter.isFinite && quitAfter > 0) { throw ValidationError("--quit-after must be a number of seconds above 0") }
    }

    func canvasSize() throws -> (Int, Int) {
        let p = size.split(separator: "x").compactMap { Int($0) }
        guard p.count == 2, (100...4000).contains(p[0]), (100...4000).contains(p[1]) else { throw ValidationError("--size must be WxH between 100 and 4000, e.g. 600x400") }
        return (p[0], p[1])
    }

    func run() throws {
        // Ctrl-C or SIGTERM closes the window as q does (with --quit-after, a script's kill
        // still gets the reading); set first, so a signal while the model loads counts too.
        let signals = StopSignals()
        let (w, h) = try canvasSize()
        let recognizer = DigitRecognizer(classifier: try modelOptions.loadClassifier(), parameters: .canvas(height: h))
        let canvas = StrokeCanvas(width: w, height: h, brush: brush)
        if let replay { canvas.replay(try StrokeFile(contentsOf: replay)) }
        if headless {
            let result = try recognizer.recognize(try canvas.renderForRecognition())
            print(json ? try jsonLine(FileResult(file: replay!, result: result)) : "\(replay!)\t\(result.text)")
            return
        }
        let session = DrawSession(canvas: canvas, recognizer: recognizer, whiteInk: ink.lowercased() == "white")
        let result = try session.run(quitAfter: quitAfter, stopSignals: signals)
        if quitAfter != nil { print(json ? try jsonLine(FileResult(file: "canvas", result: result)) : "canvas\t\(result.text)") }
    }
}
