import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct CameraCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "camera",
        abstract: "Read handwritten digits live from a webcam, a video file or a stream.",
        discussion: """
        A window shows boxes, labels, confidences, the stable reading and the frame rate. Keys: \
        q/Esc quit, space pause, s save a snapshot (annotated and raw PNG), r draw a region of \
        interest with the mouse (r again clears it), h help. With --headless no window opens; one \
        JSON object per line is printed whenever the stable reading changes, and a summary at the \
        end of a file: {"frame": N, "time": seconds, "text": "...", "numbers": [{"text", "confidence", "box": [x, y, w, h]}]}.

        Steadiness: a reading becomes the stable one when it wins --quorum of the last 9 frames \
        or the last 3 frames agree on it; a burst of blurred frames (a shake, focus hunting) does \
        not vote, while blur that holds for 5 frames is taken for the picture (another page, or the \
        page farther away) and votes. Frames are \
        read on every core at once and taken in order. A stream that stops is reopened up to 3 \
        times, then the command fails. Ctrl-C or SIGTERM stops a run cleanly: the recording is \
        finished and, with --headless, the summary printed (with "interrupted": true); exit \
        status 0.
        """)

    @Option(parsing: .unconditional, help: "V4L2 camera index (default 0).") var device: Int?
    @Option(help: ArgumentHelp("Video file, image-sequence pattern (frames/%04d.png) or stream URL instead of a camera.", valueName: "path|url"))
    var video: String?
    @Option(help: "Requested camera size WxH.") var size: String?
    @Option(parsing: .unconditional, help: "Requested camera frame rate; 0, the default, keeps the camera's own.") var fps: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("Read only this region: x,y,w,h in frame pixels.", valueName: "x,y,w,h")) var roi: String?
    @Flag(help: "No window: print stable readings as JSON lines.") var headless = false
    @Option(help: ArgumentHelp("Write the annotated video here (.mp4 or .avi), at the source's frame rate (30 when it reports none).", valueName: "file")) var record: String?
    @Option(parsing: .unconditional, help: "Frames a reading must win out of the last 9 to become stable (5…9).") var quorum = 6
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        if let size { _ = try parseSize(size) }
        if let roi { _ = try parseBox(roi) }
        guard (5...9).contains(quorum) else { throw ValidationError("--quorum must be in 5…9") }
        guard (device ?? 0) >= 0 else { throw ValidationError("--device must be >= 0") }
        let rate = fps ?? 0
        guard rate.isFinite && rate >= 0 else { throw ValidationError("--fps must be a frame rate of 0 (the camera's own) or more") }
        if let video {
            guard !video.isEmpty else { throw ValidationError("--video is empty: give a video file, an image-sequence pattern or a stream URL") }
            // They would be ignored in silence: a file or stream has its own size and rate.
            if size != nil || fps != nil || device != nil {
                throw ValidationError("--size, --fps and --device set up a webcam; a --video has its own size and frame rate: leave them out")
            }
        }
        // A recording is one video file: a name of an image (or an image sequence's pattern,
        // which may be the --video being read) would be overwritten with an MPEG-4 stream.
        if let record, !["mp4", "avi"].contains((record as NSString).pathExtension.lowercased()) {
            throw ValidationError("--record \(record): the recording is a video file; name it .mp4 or .avi")
        }
        try pipelineOptions.check()
    }

    func parseSize(_ text: String) throws -> (Int, Int) {
        let p = text.split(separator: "x").compactMap { Int($0) }
        guard p.count == 2, p[0] > 0, p[1] > 0 else { throw ValidationError("--size must be WxH, e.g. 1280x720") }
        return (p[0], p[1])
    }

    func parseBox(_ text: String) throws -> Box {
        let p = text.split(separator: ",").compactMap { Int($0) }
        guard p.count == 4 else { throw ValidationError("--roi must be x,y,w,h (four whole numbers)") }
        guard p[2] > 0, p[3] > 0 else { throw ValidationError("--roi \(text): the width and height must be positive") }
        guard p[0] >= 0, p[1] >= 0 else { throw ValidationError("--roi \(text): x and y must be 0 or more (the frame's top-left corner is 0,0)") }
        return Box(x: p[0], y: p[1], width: p[2], height: p[3])
    }

    /// --record must not name the video being read, which it would overwrite while reading:
    /// the same device and inode is the same file however it is spelled (links, `./`).
    func checkRecordingIsNotTheVideo(_ record: String, _ video: String) throws {
        var a = stat(), b = stat()
        guard stat(record, &a) == 0, stat(video, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino else { return }
        throw VisionError(kind: .argument, file: record, operation: "record",
                          reason: "is the video being read (--video \(video)); record to another file")
    }

    func run() throws {
        // Before any thread starts or highgui is touched: without a display, one line.
        if !headless { try Window.checkDisplay() }
        if let record, let video { try checkRecordingIsNotTheVideo(record, video) }
        // A recording never replaces a file, as snapshots and drawings never do.
        if let record, FileManager.default.fileExists(atPath: record) {
            throw VisionError(kind: .argument, file: record, operation: "record", reason: "exists; not overwriting it: name a new file for the recording")
        }
        // A camera is held the right way up, and a frame read four ways would cost a
        // doubtful frame four times the time.
        var parameters = pipelineOptions.parameters
        parameters.findWayUp = false
        let recognizer = DigitRecognizer(classifier: try modelOptions.loadClassifier(), parameters: parameters)
        let (w, h) = try size.map(parseSize) ?? (0, 0)
        let source = try FrameSource {
            if let video { return try VideoCapture(path: video) }
            return try VideoCapture(device: device ?? 0, width: w, height: h, fps: fps ?? 0)
        }
        // The capture thread ends before any error reaches the exit.
        defer { source.stop() }
        let session = LiveSession(recognizer: recognizer, stabilizer: ReadingStabilizer(window: 9, quorum: quorum),
                                  region: try roi.map(parseBox))
        // Ctrl-C or SIGTERM ends the source; the frames already read are taken, the recording
        // finished and the summary printed, and the run exits with status 0.
        let signals = StopSignals { name in session.stopSignal = name; source.stop() }
        defer { withExtendedLifetime(signals) {} }
        if headless {
            try session.runHeadless(source, record: record)
        } else {
            // A file plays at its own rate; a camera or a stream as its frames come.
            let isFile = video != nil && !source.dropsStaleFrames
            try session.runWindow(source, record: record, playbackFPS: isFile ? session.recordingRate(source) : nil)
        }
    }
}
