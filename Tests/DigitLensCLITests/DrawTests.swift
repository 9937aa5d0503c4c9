import DigitNet
import DigitVision
import Foundation
import XCTest

/// `digitlens draw`: strokes replayed through the mouse path, headless and in a real window.
final class DrawTests: XCTestCase {
    /// Stroke file of MNIST digits traced along their skeletons, each scaled ×`scale` and
    /// placed side by side on a 600x400 canvas.
    static func strokes(ofDigits indices: [Int], from data: Dataset, scale: Double = 10, top: Double = 60) -> StrokeFile {
        var strokes = [[[Double]]]()
        let step = 28 * scale * 0.75
        let left = (600 - step * Double(indices.count)) / 2 - 28 * scale * 0.1
        for (slot, index) in indices.enumerated() {
            let pixels = Array(data.images[index * 784..<(index + 1) * 784])
            for stroke in Skeleton.strokes(of: pixels, width: 28, height: 28) {
                strokes.append(stroke.map { [left + Double(slot) * step + $0.x * scale, top + $0.y * scale] })
            }
        }
        return StrokeFile(canvas: [600, 400], strokes: strokes)
    }

    static func testDigits() throws -> Dataset {
        let mnist = CLI.shared.appendingPathComponent("data/mnist")
        guard FileManager.default.fileExists(atPath: mnist.path) else { throw XCTSkip("../shared/data/mnist is missing") }
        let test = try MNIST.load(directory: mnist, split: .test)
        return Dataset(bytes: test.images, labels: test.labels)
    }

    func recognizer() throws -> DigitRecognizer {
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Models/digitlens.safetensors").standardizedFileURL
        return DigitRecognizer(classifier: try DigitClassifier(contentsOf: model), parameters: .canvas(height: 400))
    }

    /// Replays the first `count` MNIST test digits one at a time, each scaled ×`scale`, and
    /// reads the canvas as `render` draws it for the recognizer. Returns the accuracy and
    /// the misses as `index:truth→reading`.
    func replayAccuracy(scale: Double, count: Int = 1000, render: (StrokeCanvas) throws -> Image = { try $0.renderForRecognition() }) throws -> (Double, [String]) {
        let data = try DrawTests.testDigits()
        let recognizer = try recognizer()
        var correct = 0, misses = [String]()
        for index in 0..<count {
            let canvas = StrokeCanvas(width: 600, height: 400)
            canvas.replay(DrawTests.strokes(ofDigits: [index], from: data, scale: scale))
            let text = try recognizer.recognize(try render(canvas)).text
            if text == String(data.labels[index]) { correct += 1 } else { misses.append("\(index):\(data.labels[index])→\(text.isEmpty ? "nothing" : text)") }
        }
        return (Double(correct) / Double(count), misses)
    }

    func testReplayedSkeletonDigitsAreRead() throws {
        let (accuracy, misses) = try replayAccuracy(scale: 10)
        print("draw: skeleton-traced MNIST test digits (about half the canvas high) read \(Int(accuracy * 1000))/1000; missed (index:truth→reading) \(misses.joined(separator: " "))")
        // Issue 5 targets 98% on real pen trajectories; skeletons of MNIST digits are a
        // stand-in (measured 98.0% on these 1,000; the misses are mostly MNIST's own
        // ambiguous digits and loops the thinning filled). The floor guards against regressions.
        XCTAssertGreaterThanOrEqual(accuracy, 0.97)
    }

    /// Digits drawn a sixth of the canvas high: with the visible brush (sized for digits
    /// filling 60% of it) they are blots and half are misread; the recognizer's pen, scaled
    /// to the drawing, reads them as well as large ones (measured 99.0% vs 50.8% of 400).
    func testSmallDigitsAreReadWithAPenScaledToThem() throws {
        let (accuracy, misses) = try replayAccuracy(scale: 3, count: 400)
        let (withBrush, _) = try replayAccuracy(scale: 3, count: 400) { try $0.render() }
        print("draw: small digits read \(accuracy) with the scaled pen, \(withBrush) with the brush; missed \(misses.joined(separator: " "))")
        XCTAssertGreaterThanOrEqual(accuracy, 0.93)
        XCTAssertGreaterThan(accuracy, withBrush + 0.2)
    }

    /// Two lines of digits: each read, and the pen sized to a line, not to the whole drawing
    /// (two lines tall, it would make blots of them).
    func testTwoLinesOfDigits() throws {
        let data = try DrawTests.testDigits()
        let canvas = StrokeCanvas(width: 600, height: 400)
        canvas.replay(DrawTests.strokes(ofDigits: [0, 1, 2], from: data, scale: 6, top: 10))
        canvas.replay(DrawTests.strokes(ofDigits: [3, 4, 5], from: data, scale: 6, top: 200))
        XCTAssertEqual(Array(data.labels[0..<6]), [7, 2, 1, 0, 4, 1])
        XCTAssertEqual(try recognizer().recognize(try canvas.renderForRecognition()).text, "721 041")
        XCTAssertLessThan(canvas.lineHeight, 200)
    }

    /// Points far off the canvas (any finite number is valid JSON) draw nothing and crash
    /// nothing; the file reads as the digit on the canvas.
    func testFarOffPointsAreHarmless() throws {
        let canvas = StrokeCanvas(width: 600, height: 400)
        canvas.replay(StrokeFile(canvas: [600, 400], strokes: [[[1e308, 1e308], [-1e308, 5]], [[300, 100], [300, 300]]]))
        XCTAssertEqual(try recognizer().recognize(try canvas.renderForRecognition()).text, "1")
    }

    /// A strokes file from a square tablet keeps its proportions on the wide canvas: scaled
    /// by the smaller ratio and centred, not stretched.
    func testReplayKeepsProportions() {
        let canvas = StrokeCanvas(width: 600, height: 400)
        canvas.replay(StrokeFile(canvas: [500, 500], strokes: [[[0, 0], [500, 0], [500, 500], [0, 500]]]))
        XCTAssertEqual(canvas.strokes, [[StrokePoint(x: 100, y: 0), StrokePoint(x: 500, y: 0), StrokePoint(x: 500, y: 400), StrokePoint(x: 100, y: 400)]])
    }

    /// MNIST test digits 59 and 856 are 5s whose top bar, traced and drawn with the broad
    /// brush, is a flat blob of its own: cut as touching digits, its chunks normalized to
    /// solid discs read as sure 0s ("000 7", "60"). Pieces now pass the same ink test as
    /// whole candidates.
    func testBroadBarIsNotCutIntoZeros() throws {
        let data = try DrawTests.testDigits()
        let recognizer = try recognizer()
        for index in [59, 856] {
            let canvas = StrokeCanvas(width: 600, height: 400)
            canvas.replay(DrawTests.strokes(ofDigits: [index], from: data))
            XCTAssertEqual(data.labels[index], 5)
            XCTAssertEqual(try recognizer.recognize(try canvas.renderForRecognition()).text, "5", "test digit \(index)")
        }
    }

    /// A canvas over about 730 pixels high read nothing: its digits, over 160 pixels tall, are
    /// read shrunk to 60, and the least digit height (a twelfth of the canvas) was still taken
    /// in the canvas's own pixels. The same strokes on canvases from 600x400 to 4000x4000.
    func testBigCanvasesAreReadLikeSmallOnes() throws {
        let data = try DrawTests.testDigits()
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Models/digitlens.safetensors").standardizedFileURL
        let classifier = try DigitClassifier(contentsOf: model)
        // Test digits 0, 1, 2 are a 7, a 2 and a 1.
        let strokes = DrawTests.strokes(ofDigits: [0, 1, 2], from: data)
        for (width, height) in [(600, 400), (960, 720), (1000, 1000), (1920, 1080), (4000, 4000)] {
            let canvas = StrokeCanvas(width: width, height: height)
            canvas.replay(strokes)
            let recognizer = DigitRecognizer(classifier: classifier, parameters: .canvas(height: height))
            XCTAssertEqual(try recognizer.recognize(try canvas.renderForRecognition()).text, "721", "\(width)x\(height)")
        }
    }

    func testSeveralDigitsUndoAndEmptyCanvas() throws {
        let data = try DrawTests.testDigits()
        let recognizer = try recognizer()
        // Test digits 0, 1, 2 are a 7, a 2 and a 1.
        let canvas = StrokeCanvas(width: 600, height: 400)
        XCTAssertEqual(try recognizer.recognize(try canvas.renderForRecognition()).text, "", "an empty canvas reads as nothing")
        canvas.beginStroke(at: StrokePoint(x: 300, y: 200)); canvas.endStroke()
        XCTAssertEqual(try recognizer.recognize(try canvas.renderForRecognition()).text, "", "a stray dot reads as nothing")
        canvas.clear()
        canvas.replay(DrawTests.strokes(ofDigits: [0, 1, 2], from: data, scale: 7))
        XCTAssertEqual(try recognizer.recognize(try canvas.renderForRecognition()).text, "721")
        let last = DrawTests.strokes(ofDigits: [2], from: data).strokes.count
        for _ in 0..<last { canvas.undo() }
        XCTAssertEqual(try recognizer.recognize(try canvas.renderForRecognition()).text, "72", "undo removed the 1")
    }

    /// Scribbles are no digits: a hatched patch, a tangle of loops, a spiral, a wavy line,
    /// a dash and a cross read as nothing (a typical canvas app names a digit for each).
    func testScribblesReadAsNothing() throws {
        let recognizer = try recognizer()
        func path(_ count: Int, _ point: (Double) -> (Double, Double)) -> [StrokePoint] {
            (0..<count).map { let p = point(Double($0)); return StrokePoint(x: p.0, y: p.1) }
        }
        let scribbles: [(String, [[StrokePoint]])] = [
            ("hatching", [path(14) { i in (250 + i.truncatingRemainder(dividingBy: 2) * 120, 120 + i * 12) }]),
            ("tangle", [path(200) { i in (300 + 60 * cos(i / 10) + 30 * cos(0.33 * i), 200 + 60 * sin(0.13 * i) + 20 * sin(0.41 * i)) }]),
            ("spiral", [path(150) { i in (300 + i / 2 * cos(i / 8), 200 + i / 2 * sin(i / 8)) }]),
            ("wavy line", [path(60) { i in (100 + i * 7, 200 + 25 * sin(i / 2)) }]),
            ("dash", [path(2) { i in (200 + 200 * i, 200 + 5 * i) }]),
            ("cross", [path(2) { i in (250 + 100 * i, 120 + 160 * i) }, path(2) { i in (350 - 100 * i, 120 + 160 * i) }]),
        ]
        for (name, strokes) in scribbles {
            let canvas = StrokeCanvas(width: 600, height: 400)
            for stroke in strokes {
                canvas.beginStroke(at: stroke[0])
                for point in stroke.dropFirst() { canvas.extendStroke(to: point) }
                canvas.endStroke()
            }
            XCTAssertEqual(try recognizer.recognize(try canvas.renderForRecognition()).text, "", "a \(name) reads as nothing")
        }
    }

    func testHeadlessReplayCommandAndBadFile() throws {
        let data = try DrawTests.testDigits()
        let dir = try CLI.scratch()
        let path = dir.appendingPathComponent("strokes.json").path
        // Strokes recorded on a bigger canvas are scaled to the window's.
        var file = DrawTests.strokes(ofDigits: [3, 4], from: data, scale: 7)
        file.strokes = file.strokes.map { $0.map { [$0[0] * 2, $0[1] * 2] } }
        file.canvas = [1200, 800]
        try file.write(to: path)
        let run = try CLI.run(["draw", "--replay", path, "--headless"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "\(path)\t\(data.labels[3])\(data.labels[4])\n")
        let bad = dir.appendingPathComponent("bad.json").path
        try Data("{\"canvas\": [0, 5], \"strokes\": []}".utf8).write(to: URL(fileURLWithPath: bad))
        let failed = try CLI.run(["draw", "--replay", bad, "--headless"])
        XCTAssertNotEqual(failed.status, 0)
        XCTAssertTrue(failed.stderr.contains("bad.json: \"canvas\" must be"), failed.stderr)
        // A strokes file that is not there, or a folder, says which.
        for (missing, why) in [(dir.appendingPathComponent("none.json").path, "no such file"), (dir.path, "a folder, not a file")] {
            let run = try CLI.run(["draw", "--replay", missing, "--headless"])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("\(missing): cannot read the strokes file (\(why))"), run.stderr)
        }
        // --ink in capitals is the same ink; a --quit-after that never comes (NaN, 0) is refused.
        let capitals = try CLI.run(["draw", "--replay", path, "--headless", "--ink", "BLACK"])
        XCTAssertEqual(capitals.status, 0, capitals.stderr)
        for never in ["nan", "0"] {
            let refused = try CLI.run(["draw", "--replay", path, "--quit-after", never])
            XCTAssertEqual(refused.status, 64, refused.stderr)
            XCTAssertTrue(refused.stderr.contains("--quit-after must be a number of seconds above 0"), refused.stderr)
        }
    }

    func testWindowRunsOffscreen() throws {
        let data = try DrawTests.testDigits()
        let dir = try CLI.scratch()
        let path = dir.appendingPathComponent("one.json").path
        try DrawTests.strokes(ofDigits: [2], from: data).write(to: path)
        let run = try CLI.run(["draw", "--replay", path, "--quit-after", "1"], environment: ["QT_QPA_PLATFORM": "offscreen"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "canvas\t1\n")
    }

    /// A script that kills a --quit-after window early (SIGTERM) still gets the reading, and
    /// status 0, as when the time is up (it got nothing, killed).
    func testSIGTERMClosesTheWindowWithItsReading() throws {
        let data = try DrawTests.testDigits()
        let dir = try CLI.scratch()
        let path = dir.appendingPathComponent("one.json").path
        try DrawTests.strokes(ofDigits: [2], from: data).write(to: path)
        let process = Process(), out = Pipe()
        process.executableURL = CLI.binary
        process.arguments = ["draw", "--replay", path, "--quit-after", "120"]
        process.environment = ProcessInfo.processInfo.environment.merging(["QT_QPA_PLATFORM": "offscreen", "CI": "true"]) { $1 }
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else { process.terminate(); return XCTFail("draw did not close within a minute of SIGTERM") }
        XCTAssertEqual(process.terminationReason, .exit, "it exits, not killed by the signal")
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "canvas\t1\n")
    }

    /// --quit-after with --json prints the result as JSON, as --headless --json does.
    func testQuitAfterPrintsJSON() throws {
        let data = try DrawTests.testDigits()
        let dir = try CLI.scratch()
        let path = dir.appendingPathComponent("one.json").path
        try DrawTests.strokes(ofDigits: [2], from: data).write(to: path)
        let run = try CLI.run(["draw", "--replay", path, "--quit-after", "1", "--json"], environment: ["QT_QPA_PLATFORM": "offscreen"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["file"] as? String, "canvas", run.stdout)
        XCTAssertEqual(object?["text"] as? String, "1", run.stdout)
        XCTAssertNotNil(object?["lines"], run.stdout)
    }

    /// A DISPLAY nobody serves (Qt used to abort with SIGABRT) and no display at all: one line, status 1.
    func testDrawWithoutAUsableDisplayFailsInOneLine() throws {
        let unreachable = ":\(7000 + Int.random(in: 0..<900))"
        let run = try CLI.run(["draw"], exactEnvironment: CLI.environmentWithoutDisplay(["DISPLAY": unreachable]))
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(CLI.lines(run.stderr).count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("display \(unreachable)"), run.stderr)
        let none = try CLI.run(["draw"], exactEnvironment: CLI.environmentWithoutDisplay())
        XCTAssertEqual(none.status, 1, none.stderr)
        XCTAssertEqual(CLI.lines(none.stderr).count, 1, none.stderr)
        XCTAssertTrue(none.stderr.contains("no display"), none.stderr)
    }

    /// Three saves within one second keep three drawings (names from whole seconds used to
    /// overwrite one another).
    func testSavesInTheSameSecondAreKept() throws {
        let display = try VirtualDisplay()
        let dir = try CLI.scratch()
        guard let (draw, window) = try display.launchWindow(["draw"], in: dir, title: "DigitLens draw") else { return }
        defer { if draw.isRunning { draw.terminate() } }
        try display.xdotool(["windowfocus", "--sync", window])
        // highgui keeps one key per waitKey call, and on a busy machine a loop turn can take
        // longer than any fixed delay between keys: each "s" is sent once the save before it
        // is on disk (a save takes a fraction of a second, so the three still share a second).
        func saved() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("digitlens-drawing-") && $0.hasSuffix(".json") }
        }
        // Under Xvfb on a loaded machine a key now and then never reaches the window (a CI
        // run saved twice for three keys): a key that brought no save within 3 seconds, many
        // times what a save takes, is sent again.
        for count in 1...3 {
            for _ in 0..<4 where try saved().count < count {
                try display.xdotool(["windowfocus", "--sync", window])
                try display.xdotool(["key", "s"])
                let deadline = Date().addingTimeInterval(3)
                while try saved().count < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            }
        }
        try display.xdotool(["key", "q"])
        draw.waitUntilExit()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("digitlens-drawing-") }
        XCTAssertEqual(names.filter { $0.hasSuffix(".png") }.count, 3, "\(names)")
        XCTAssertEqual(names.filter { $0.hasSuffix(".json") }.count, 3, "\(names)")
        // Saved in the window's ink (white on black by default), not the black on white it is drawn in.
        let png = try Image(contentsOf: dir.appendingPathComponent(names.first { $0.hasSuffix(".png") }!).path, grayscale: true)
        XCTAssertLessThan(png.pixels.reduce(0) { $0 + Int($1) } / png.pixels.count, 128, "a black canvas")
    }

    /// A save into a folder that cannot be written (the session started in /proc) is said, and
    /// the window stays open with its drawing (the session had ended, losing the drawing).
    func testASaveThatFailsKeepsTheSession() throws {
        let display = try VirtualDisplay()
        guard let (draw, window) = try display.launchWindow(["draw"], in: URL(fileURLWithPath: "/proc"), title: "DigitLens draw") else { return }
        defer { if draw.isRunning { draw.terminate() } }
        func said() -> String { (try? String(contentsOf: display.stderrFile, encoding: .utf8)) ?? "" }
        // A key now and then never reaches the window under Xvfb: sent again after 3 seconds.
        for _ in 0..<4 where !said().contains("not saved") {
            try display.xdotool(["windowfocus", "--sync", window])
            try display.xdotool(["key", "s"])
            let deadline = Date().addingTimeInterval(3)
            while !said().contains("not saved") && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        }
        XCTAssertTrue(said().contains("the drawing was not saved in /proc (the window stays open)"), said())
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertTrue(draw.isRunning, "the session goes on: \(said())")
        try display.xdotool(["key", "q"])
        let deadline = Date().addingTimeInterval(20)
        while draw.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertFalse(draw.isRunning)
        XCTAssertEqual(draw.terminationStatus, 0, said())
    }

    /// A real X server, a real window and the real pointer: xdotool drags a "1".
    func testDrawingWithTheRealPointerUnderXvfb() throws {
        // The shared private display and launch (a display number picked by Xvfb itself, a
        // second start when the window does not come up): a fixed guess at a free display
        // and one start made this test fail now and then in full runs.
        let display = try VirtualDisplay()
        let dir = try CLI.scratch()
        let printedFile = dir.appendingPathComponent("stdout.txt")
        // Time enough for the window to come up on a loaded machine (seen: over 8 s in CI-like load).
        guard let (draw, window) = try display.launchWindow(["draw", "--quit-after", "15"], in: dir, title: "DigitLens draw",
                                                            stdoutFile: printedFile) else { return }
        defer { if draw.isRunning { draw.terminate() } }
        Thread.sleep(forTimeInterval: 0.5)
        // A "1": press, move down in small steps (as a hand does), release.
        try display.xdotool(["mousemove", "--window", window, "300", "90", "mousedown", "1"])
        for y in stride(from: 95, through: 330, by: 15) { try display.xdotool(["mousemove", "--window", window, "300", String(y)]) }
        try display.xdotool(["mouseup", "1"])
        let deadline = Date().addingTimeInterval(60)
        while draw.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        guard !draw.isRunning else { XCTFail("the draw window did not quit within a minute (--quit-after 15)"); return }
        XCTAssertEqual(try String(contentsOf: printedFile, encoding: .utf8), "canvas\t1\n")
    }
}

/// Stroke files written by hand, point by point, as a person would draw on the canvas.
final class HandWrittenStrokeTests: XCTestCase {
    static let year = """
    {"canvas": [600, 400], "strokes": [
      [[100,140],[120,115],[150,105],[180,115],[190,140],[180,170],[150,205],[115,245],[100,265],[150,262],[200,262]],
      [[275,105],[245,130],[235,185],[245,240],[275,265],[305,240],[315,185],[305,130],[275,105]],
      [[350,140],[370,115],[400,105],[430,115],[440,140],[430,170],[400,205],[365,245],[350,265],[400,262],[450,262]],
      [[520,105],[490,200],[560,200]], [[540,150],[540,270]]]}
    """
    static let sevenOne = """
    {"canvas": [300, 200], "strokes": [
      [[60,50],[120,50],[110,80],[95,115],[85,150]],
      [[190,55],[195,100],[198,150]]]}
    """

    func testHandWrittenStrokesAreRead() throws {
        let dir = try CLI.scratch()
        for (name, json, expected) in [("year.json", HandWrittenStrokeTests.year, "2024"), ("seven-one.json", HandWrittenStrokeTests.sevenOne, "71")] {
            let path = dir.appendingPathComponent(name).path
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            let run = try CLI.run(["draw", "--replay", path, "--headless"])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stdout, "\(path)\t\(expected)\n")
        }
    }
}

/// The strokes file the README shows being replayed.
final class SampleStrokesTests: XCTestCase {
    func testTheSampleStrokesReadAsTheirNumber() throws {
        let strokes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/strokes-42.json").standardizedFileURL.path
        let run = try CLI.run(["draw", "--replay", strokes, "--headless"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "\(strokes)\t42\n")
    }
}
