import ArgumentParser
import DigitNet
import DigitVision
import Foundation

/// The camera loop: frames from a `FrameSource` through the photo pipeline and the
/// stabilizer, shown in a window or printed as JSON lines.
final class LiveSession {
    let recognizer: DigitRecognizer
    let stabilizer: ReadingStabilizer
    /// The region of interest; the window thread sets it while pipeline workers read it.
    var region: Box? {
        get { regionLock.lock(); defer { regionLock.unlock() }; return storedRegion }
        set { regionLock.lock(); storedRegion = newValue; regionLock.unlock() }
    }
    private var storedRegion: Box?
    private let regionLock = NSLock()
    private var processed = 0
    private var latencies = [Double]()
    private var started = FrameSource.now()
    private var readings = [StableReading]()
    /// The signal that asked the run to stop (SIGINT, SIGTERM), set from the signal handler.
    var stopSignal: String? {
        get { regionLock.lock(); defer { regionLock.unlock() }; return storedStopSignal }
        set { regionLock.lock(); storedStopSignal = newValue; regionLock.unlock() }
    }
    private var storedStopSignal: String?

    init(recognizer: DigitRecognizer, stabilizer: ReadingStabilizer, region: Box?) {
        self.recognizer = recognizer
        self.stabilizer = stabilizer
        storedRegion = region
    }

    /// A frame's result and its focus measure (blurred frames do not vote).
    typealias Reading = (result: RecognitionResult, focus: Double)

    /// Frames read two (or as many as there are cores) at a time, results in frame order.
    func pipeline(_ source: FrameSource) -> FramePipeline<Reading> {
        FramePipeline(workers: Parallel.workers, next: { source.next() }, work: { [self] in try recognize($0) })
    }

    /// Reads one frame (any thread); boxes come back in frame coordinates even with a region.
    func recognize(_ frame: Frame) throws -> Reading {
        guard let region else { return (try recognizer.recognize(frame.image), try frame.image.focusMeasure()) }
        let image = frame.image
        guard region.x < image.width && region.y < image.height else {
            // A later frame of another size (an image sequence of pictures of two sizes) that
            // the region misses reads as nothing; the first one says the region is wrong.
            guard frame.index == 0 else {
                return (RecognitionResult(width: image.width, height: image.height, skewDegrees: 0, pageRectified: false, lines: []), 0)
            }
            throw VisionError(kind: .argument, operation: "read region",
                              reason: "--roi \(region.x),\(region.y),\(region.width),\(region.height) lies outside the \(image.width)x\(image.height) frame")
        }
        let crop = try frame.image.cropped(to: region)
        let result = try recognizer.recognize(crop)
        return (result.shifted(by: region, frameWidth: frame.image.width, frameHeight: frame.image.height), try crop.focusMeasure())
    }

    /// Takes a frame's result, in frame order: latency, and the stabilizer's vote.
    func accept(_ frame: Frame, _ reading: Reading) -> StableReading? {
        processed += 1
        latencies.append(FrameSource.now() - frame.capturedAt)
        let change = stabilizer.add(reading.result, frame: frame.index, time: frame.time, focus: reading.focus)
        if let change { readings.append(change) }
        return change
    }

    /// The rate a recording plays at: the source's own when it reports one, else 30.
    func recordingRate(_ source: FrameSource) -> Double { source.reportedFPS ?? 30 }

    func runHeadless(_ source: FrameSource, record: String?) throws {
        var writer: VideoWriter?
        var lastIndex = -1
        let frames = pipeline(source)
        // However the loop ends (the end, an error), no capture or pipeline thread outlives it.
        defer { source.stop(); frames.stop() }
        // A stop signal ends the source; the frames already read are still taken in order.
        while let (frame, outcome) = frames.next() {
            lastIndex = frame.index
            let reading = try outcome.get(), result = reading.result
            if let change = accept(frame, reading) { print(try jsonLine(change)); fflush(stdout) }
            if let record {
                if writer == nil { writer = try VideoWriter(path: record, fps: recordingRate(source), width: frame.image.width, height: frame.image.height) }
                try writer?.write(try overlay(frame.image, result: result, fps: nil))
            }
        }
        writer = nil  // finishes the file before the summary reports the run
        var notices = source.notices
        // Too short a file to settle on a reading (a single picture): said, rather than an
        // empty final text that looks like nothing written.
        if stopSignal == nil, source.error == nil, lastIndex >= 0, stabilizer.current == nil {
            notices.append("no reading settled in the \(lastIndex + 1) frame\(lastIndex == 0 ? "" : "s") read (a reading settles when 3 frames in a row agree, or it wins the quorum of 9); `digitlens recognize` reads a single picture")
        }
        for notice in notices { writeToStandardError("digitlens: \(notice)\n") }
        if let error = source.error { throw error }
        let elapsed = FrameSource.now() - started
        let sorted = latencies.sorted()
        let summary: [String: Any] = ["summary": [
            "frames": lastIndex + 1, "processed": processed, "dropped": source.droppedFrames,
            "processing_fps": elapsed > 0 ? Double(processed) / elapsed : 0,
            "median_latency_ms": sorted.isEmpty ? 0 : sorted[sorted.count / 2] * 1000,
            "final_text": stabilizer.current?.text ?? "",
            "interrupted": stopSignal != nil,
            "readings": readings.map { ["frame": $0.frame, "time": $0.time, "text": $0.text] as [String: Any] },
        ] as [String: Any]]
        print(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self))
        try checkNotGivenUp(source)
    }

    /// A live stream that died and could not be reopened ends the run with an error.
    func checkNotGivenUp(_ source: FrameSource) throws {
        guard source.gaveUp else { return }
        writeToStandardError("digitlens: the stream kept stopping; gave up after \(source.maximumReopens) reopen attempts\n")
        throw ExitCode(1)
    }

    /// `playbackFPS`: for a video file, the rate to show it at (read as fast as it decodes,
    /// it would flash by); nil for a live camera or stream, shown as frames come. A file's last
    /// frame stays up for `endHoldSeconds` (or until a key) so its reading can be seen.
    func runWindow(_ source: FrameSource, record: String?, playbackFPS: Double? = nil, endHoldSeconds: Double = 5) throws {
        // Also when the window cannot open: the capture thread ends before the error leaves.
        defer { source.stop() }
        let window = try Window(title: "DigitLens camera")
        var writer: VideoWriter?
        var paused = false, help = false, selecting = false
        var dragStart: Point?, pointer: Point?
        var shown: (Image, RecognitionResult)?
        var frameTimes = [Double]()
        let frames = pipeline(source)
        defer { source.stop(); frames.stop() }
        // Playback clock of a file: frame n is due `n / playbackFPS` seconds after the start
        // (moved on by the time spent paused).
        var clockStart = FrameSource.now(), framesPlayed = 0, endedAt: Double?
        loop: while !window.isClosed && stopSignal == nil {
            if let endedAt, FrameSource.now() - endedAt >= endHoldSeconds { break }
            if !paused && endedAt == nil {
                guard let (frame, outcome) = frames.next() else {
                    if playbackFPS != nil && shown != nil { endedAt = FrameSource.now(); continue }
                    break
                }
                framesPlayed += 1
                let reading = try outcome.get(), result = reading.result
                _ = accept(frame, reading)
                frameTimes.append(FrameSource.now()); if frameTimes.count > 30 { frameTimes.removeFirst() }
                shown = (frame.image, result)
                if let record {
                    if writer == nil { writer = try VideoWriter(path: record, fps: recordingRate(source), width: frame.image.width, height: frame.image.height) }
                    try writer?.write(try overlay(frame.image, result: result, fps: nil))
                }
            }
            if let (image, result) = shown {
                let fps = frameTimes.count > 1 ? Double(frameTimes.count - 1) / (frameTimes.last! - frameTimes.first!) : nil
                let canvas = try overlay(image, result: result, fps: fps)
                if help { try drawHelp(on: canvas) }
                if selecting {
                    try canvas.drawText("drag to select the region (r cancels)", x: 10, y: canvas.height - 12, scale: 0.5, color: .orange)
                    if let start = dragStart, let end = pointer {
                        try canvas.drawRectangle(x: Swift.min(start.x, end.x), y: Swift.min(start.y, end.y),
                                                 width: abs(end.x - start.x), height: abs(end.y - start.y), color: .orange, thickness: 2)
                    }
                }
                if endedAt != nil { try canvas.drawText("end of the video (q quits)", x: 10, y: canvas.height - 12, scale: 0.5, color: .orange) }
                try window.show(canvas)
            }
            for event in window.takeMouseEvents() where selecting {
                pointer = Point(x: event.x, y: event.y)
                if event.kind == .down { dragStart = Point(x: event.x, y: event.y) }
                if event.kind == .up, let start = dragStart {
                    let box = Box(x: Swift.min(start.x, event.x), y: Swift.min(start.y, event.y), width: abs(event.x - start.x), height: abs(event.y - start.y))
                    if box.width > 10 && box.height > 10 { region = box }
                    selecting = false; dragStart = nil
                }
            }
            var wait = paused || endedAt != nil ? 30 : 1
            if let fps = playbackFPS, !paused, endedAt == nil {
                let due = clockStart + Double(framesPlayed) / fps
                wait = Swift.max(1, Int(((due - FrameSource.now()) * 1000).rounded()))
            }
            guard let key = window.waitKey(milliseconds: wait) else { continue }
            switch key & 0xFF {
            case Int(UInt8(ascii: "q")), 27: break loop
            case Int(UInt8(ascii: " ")):
                paused.toggle()
                if !paused, let fps = playbackFPS { clockStart = FrameSource.now() - Double(framesPlayed) / fps }
            case Int(UInt8(ascii: "h")): help.toggle()
            case Int(UInt8(ascii: "r")):
                if selecting { selecting = false; dragStart = nil } else if region != nil { region = nil } else { selecting = true }
            case Int(UInt8(ascii: "s")):
                if let (image, result) = shown {
                    let name = unusedName("digitlens-snapshot", suffixes: [".png", annotatedImageSuffix])
                    try image.write(to: name + ".png")
                    try overlay(image, result: result, fps: nil).write(to: name + annotatedImageSuffix)
                    writeToStandardError("saved \(name).png and .annotated.png\n")
                }
            default: break
            }
        }
        source.stop()
        writer = nil
        for notice in source.notices { writeToStandardError("digitlens: \(notice)\n") }
        try checkNotGivenUp(source)
    }

    /// The frame with each number's box, labelled with its stable reading (tracked from frame
    /// to frame by overlap, so labels do not flicker with single-frame misreads), the region,
    /// the stable reading and the frame rate.
    func overlay(_ image: Image, result: RecognitionResult, fps: Double?) throws -> Image {
        let canvas = try image.bgr()
        let stable = stabilizer.current?.numbers ?? []
        let scale = Swift.max(0.5, Double(canvas.height) / 900)
        for number in result.lines.flatMap(\.numbers) {
            let b = number.box
            // The stable number this box overlaps most (intersection over union above 0.3).
            let match = stable.max { iou($0.box, b) < iou($1.box, b) }.flatMap { iou($0.box, b) > 0.3 ? $0 : nil }
            let label = match.map { "\($0.text) \(Int(($0.confidence * 100).rounded()))%" } ?? "\(number.text)?"
            let color: Color = match != nil ? .green : .orange
            try canvas.drawRectangle(x: b.x - 3, y: b.y - 3, width: b.width + 6, height: b.height + 6, color: color, thickness: 2)
            let size = try Image.textSize(label, scale: scale, thickness: 2)
            try canvas.fillRectangle(x: b.x - 3, y: Swift.max(0, b.y - size.height - 12), width: size.width + 8, height: size.height + 8, color: color, alpha: 0.75)
            try canvas.drawText(label, x: b.x + 1, y: Swift.max(size.height, b.y - 8), scale: scale, color: .white, thickness: 2)
        }
        if let region { try canvas.drawRectangle(x: region.x, y: region.y, width: region.width, height: region.height, color: .orange, thickness: 2) }
        let reading = stabilizer.current.map { $0.text.isEmpty ? "(nothing)" : $0.text } ?? "..."
        try canvas.fillRectangle(x: 0, y: 0, width: canvas.width, height: 34, color: .black, alpha: 0.55)
        try canvas.drawText("read: \(reading)", x: 10, y: 24, scale: 0.7, color: .white, thickness: 2)
        if let fps { try canvas.drawText(String(format: "%.0f fps", fps), x: canvas.width - 90, y: 24, scale: 0.6, color: .white, thickness: 1) }
        return canvas
    }

    func iou(_ a: [Int], _ b: Box) -> Double {
        guard a.count == 4 else { return 0 }
        let x0 = Swift.max(a[0], b.x), y0 = Swift.max(a[1], b.y), x1 = Swift.min(a[0] + a[2], b.maxX), y1 = Swift.min(a[1] + a[3], b.maxY)
        let inter = Double(Swift.max(0, x1 - x0) * Swift.max(0, y1 - y0))
        let union = Double(a[2] * a[3] + b.width * b.height) - inter
        return union > 0 ? inter / union : 0
    }

    func drawHelp(on canvas: Image) throws {
        let lines = ["q/Esc quit   space pause   s snapshot", "r select region (r again: whole frame)   h help"]
        try canvas.fillRectangle(x: 0, y: canvas.height - 56, width: canvas.width, height: 56, color: .black, alpha: 0.6)
        for (i, line) in lines.enumerated() { try canvas.drawText(line, x: 10, y: canvas.height - 34 + 22 * i, scale: 0.5, color: .white) }
    }
}

extension RecognitionResult {
    /// The result of a region, moved into the frame's coordinates.
    func shifted(by region: Box, frameWidth: Int, frameHeight: Int) -> RecognitionResult {
        func move(_ b: Box) -> Box { Box(x: b.x + region.x, y: b.y + region.y, width: b.width, height: b.height) }
        let moved = lines.map { line in
            RecognizedLine(text: line.text, numbers: line.numbers.map { n in
                RecognizedNumber(text: n.text, box: move(n.box), confidence: n.confidence,
                                 digits: n.digits.map { d in var d = d; d.box = move(d.box); return d })
            })
        }
        return RecognitionResult(width: frameWidth, height: frameHeight, skewDegrees: skewDegrees, pageRectified: pageRectified, lines: moved)
    }
}
