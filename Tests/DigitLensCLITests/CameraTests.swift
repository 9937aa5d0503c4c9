import DigitNet
import DigitVision
import Foundation
import XCTest

/// `digitlens camera` on generated videos: a real stream that OpenCV opens and decodes.
final class CameraTests: XCTestCase {
    /// 4 s at 30 fps of paper with `text` (`MovingPageVideo`: moving, turning, changing light,
    /// a few blurred frames, frames 70–84 with no paper in view).
    func makeVideo(_ path: String, text: String) throws -> String {
        let mnist = CLI.shared.appendingPathComponent("data/mnist")
        guard FileManager.default.fileExists(atPath: mnist.path) else { throw XCTSkip("../shared/data/mnist is missing") }
        let test = try MNIST.load(directory: mnist, split: .test)
        return try MovingPageVideo.write(to: path, text: text, digits: Dataset(bytes: test.images, labels: test.labels))
    }

    func testHeadlessReadsAVideoSteadily() throws {
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("paper.avi").path
        let truth = try makeVideo(video, text: "4096 173")
        let run = try CLI.run(["camera", "--headless", "--video", video])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let readings = lines.filter { $0["text"] != nil }
        let summary = lines.last?["summary"] as? [String: Any]
        XCTAssertNotNil(summary, run.stdout)
        XCTAssertEqual(summary?["frames"] as? Int, 120)
        XCTAssertEqual(readings.first?["text"] as? String, truth, run.stdout)
        XCTAssertLessThan(readings.first?["frame"] as? Int ?? 99, 15, "settles within half a second")
        // The paper leaves at frame 70 and comes back at 85: one empty reading between.
        let texts = readings.map { $0["text"] as! String }
        XCTAssertEqual(texts, [truth, "", truth], "no flicker: \(run.stdout)")
        let emptyAt = readings[1]["frame"] as? Int ?? 0
        XCTAssertTrue((70...74).contains(emptyAt), "the empty reading comes soon after the paper leaves: \(emptyAt)")
        let backAt = readings[2]["frame"] as? Int ?? 0
        XCTAssertTrue((85...89).contains(backAt), "the page is read again soon after it returns: \(backAt)")
        XCTAssertEqual(summary?["final_text"] as? String, truth)
        XCTAssertEqual((readings.first?["numbers"] as? [[String: Any]])?.count, 2)
    }

    /// `--roi` reads only the region; boxes still come back in frame coordinates. The page's
    /// "4096" lies left of x = 343 and its "173" right of x = 364 in every frame.
    func testRegionOfInterestReadsOnlyTheRegion() throws {
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("paper.avi").path
        let truth = try makeVideo(video, text: "4096 173")
        XCTAssertEqual(truth, "4096 173")
        let run = try CLI.run(["camera", "--headless", "--video", video, "--roi", "0,0,353,480"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.first?["text"] as? String, "4096", run.stdout)
        let box = ((lines.first?["numbers"] as? [[String: Any]])?.first?["box"] as? [Int]) ?? []
        XCTAssertEqual(box.count, 4)
        XCTAssertTrue(box.count == 4 && box[0] > 100 && box[0] + box[2] <= 353 && box[1] > 150, "box in frame coordinates: \(box)")
        XCTAssertEqual((lines.last?["summary"] as? [String: Any])?["final_text"] as? String, "4096")
    }

    func testMissingDeviceAndUnreadableStreamFailClearly() throws {
        let dir = try CLI.scratch()
        let bogus = dir.appendingPathComponent("not-a-video.avi").path
        try Data("nothing".utf8).write(to: URL(fileURLWithPath: bogus))
        let run = try CLI.run(["camera", "--headless", "--video", bogus])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("not-a-video.avi: cannot be opened"), run.stderr)
        let device = try CLI.run(["camera", "--headless", "--device", "57"])
        XCTAssertNotEqual(device.status, 0)
        XCTAssertTrue(device.stderr.contains("camera 57"), device.stderr)
        XCTAssertTrue(device.stderr.contains("/dev/video57"), device.stderr)
    }

    /// A network stream (HTTP, served by a real server on 127.0.0.1) that ends is reported and
    /// reopened a bounded number of times, then the run fails with a clear message.
    /// Serves `dir` over HTTP on a free port while `body` runs (python3's http.server).
    func serving(_ dir: URL, _ body: (Int) throws -> Void) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is missing (CI installs it)") }
        let port = 20000 + Int.random(in: 0..<20000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        Thread.sleep(forTimeInterval: 1)
        try body(port)
    }

    /// A live stream (here an MJPEG feed: the video's JPEG frames one after another, with no
    /// length known to the reader) that stops sending is reopened, then given up.
    func testStreamThatStopsIsReopenedThenGivenUp() throws {
        let dir = try CLI.scratch()
        let truth = try makeVideo(dir.appendingPathComponent("paper.avi").path, text: "58")
        let avi = try Data(contentsOf: dir.appendingPathComponent("paper.avi"))
        var feed = Data(), start = avi.startIndex
        while let begin = avi[start...].firstRange(of: Data([0xFF, 0xD8, 0xFF])), let end = avi[begin.lowerBound...].firstRange(of: Data([0xFF, 0xD9])) {
            feed += avi[begin.lowerBound..<end.upperBound]
            start = end.upperBound
        }
        try feed.write(to: dir.appendingPathComponent("paper.mjpeg"))
        try serving(dir) { port in
            let run = try CLI.run(["camera", "--headless", "--video", "http://127.0.0.1:\(port)/paper.mjpeg"])
            XCTAssertNotEqual(run.status, 0, "giving up on a stream is an error")
            for attempt in 1...3 { XCTAssertTrue(run.stderr.contains("reopening (attempt \(attempt) of 3)"), run.stderr) }
            XCTAssertTrue(run.stderr.contains("gave up after 3 reopen attempts"), run.stderr)
            let summary = self.summary(run.stdout)
            XCTAssertEqual(summary?["frames"] as? Int, 4 * MovingPageVideo.frameCount, "the feed was read four times: \(run.stdout)")
            XCTAssertEqual(summary?["final_text"] as? String, truth)
        }
    }

    /// A video file cut off (a copy or a download broken off) is read to where it ends and
    /// said to be short of the length its container lists; a whole one is not.
    func testACutOffVideoFileIsReported() throws {
        let dir = try CLI.scratch()
        let whole = dir.appendingPathComponent("paper.avi")
        _ = try makeVideo(whole.path, text: "58")
        let bytes = try Data(contentsOf: whole)
        let cut = dir.appendingPathComponent("cut.avi")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        let run = try CLI.run(["camera", "--headless", "--video", cut.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("of the \(MovingPageVideo.frameCount) frames its container lists"), run.stderr)
        let full = try CLI.run(["camera", "--headless", "--video", whole.path])
        XCTAssertFalse(full.stderr.contains("cut off"), full.stderr)
    }

    /// An image sequence with a gap ends at it, and says so (not "the file may be cut off");
    /// a single picture, too short to settle on a reading, says that rather than print an
    /// empty final text alone.
    func testASequenceWithAGapAndASinglePictureSayWhyTheyEnded() throws {
        let dir = try CLI.scratch()
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/phone-number.png")
        // Frames 0–9 and 15–24: OpenCV lists 25 and stops after 10.
        for i in Array(0...9) + Array(15...24) { try FileManager.default.copyItem(at: sample, to: dir.appendingPathComponent(String(format: "f%03d.png", i))) }
        let sequence = try CLI.run(["camera", "--headless", "--video", dir.appendingPathComponent("f%03d.png").path])
        XCTAssertEqual(sequence.status, 0, sequence.stderr)
        XCTAssertTrue(sequence.stderr.contains("ended after 10 of the 25 frames"), sequence.stderr)
        XCTAssertTrue(sequence.stderr.contains("the file of the frame after them is missing"), sequence.stderr)
        let single = try CLI.run(["camera", "--headless", "--video", sample.path])
        XCTAssertEqual(single.status, 0, single.stderr)
        XCTAssertTrue(single.stdout.contains("\"final_text\":\"\""), single.stdout)
        XCTAssertTrue(single.stderr.contains("no reading settled in the 1 frame read"), single.stderr)
    }

    /// An image sequence whose pictures change size reads each at its own size: OpenCV's
    /// FFmpeg reader had pasted the second, wider page over the first one's pixels, and read
    /// "800 555 0199 365 42 8" (the notebook's last row still showing), or, the other way round,
    /// never left the first reading.
    func testASequenceOfPicturesOfTwoSizesReadsEachAsItIs() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples")
        for (first, second, truth) in [("notebook.png", "phone-number.png", ["2024 1107 365 42 8", "800 555 0199"]),
                                       ("phone-number.png", "notebook.png", ["800 555 0199", "2024 1107 365 42 8"])] {
            let dir = try CLI.scratch()
            for i in 0..<24 {
                let picture = samples.appendingPathComponent(i < 12 ? first : second)
                try FileManager.default.copyItem(at: picture, to: dir.appendingPathComponent(String(format: "f%03d.png", i)))
            }
            let run = try CLI.run(["camera", "--headless", "--video", dir.appendingPathComponent("f%03d.png").path])
            XCTAssertEqual(run.status, 0, run.stderr)
            let readings = run.stdout.split(separator: "\n").compactMap { line -> String? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                return object["text"] as? String
            }
            XCTAssertEqual(readings, truth, "\(first) then \(second): \(run.stdout)")
            // A region in the first pictures that the later, smaller ones miss: those read as
            // nothing, and the run goes on (it had stopped: "lies outside the 720x240 frame").
            if first == "notebook.png" {
                let region = try CLI.run(["camera", "--headless", "--video", dir.appendingPathComponent("f%03d.png").path, "--roi", "150,250,300,100"])
                XCTAssertEqual(region.status, 0, region.stderr)
                XCTAssertTrue(region.stdout.contains("\"frames\":24"), region.stdout)
            }
        }
    }

    /// A video file served over HTTP is a file, not a stream: read once, every frame, exit 0
    /// (before: taken for a stream that kept dropping, read four times, frames skipped).
    func testVideoFileOverHTTPIsReadOnceLikeAFile() throws {
        let dir = try CLI.scratch()
        let truth = try makeVideo(dir.appendingPathComponent("paper.avi").path, text: "58")
        try serving(dir) { port in
            let run = try CLI.run(["camera", "--headless", "--video", "http://127.0.0.1:\(port)/paper.avi"])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertFalse(run.stderr.contains("reopening"), run.stderr)
            let summary = self.summary(run.stdout)
            XCTAssertEqual(summary?["frames"] as? Int, MovingPageVideo.frameCount, run.stdout)
            XCTAssertEqual(summary?["dropped"] as? Int, 0, run.stdout)
            XCTAssertEqual(summary?["final_text"] as? String, truth)
        }
    }

    func testWindowModeRunsOffscreen() throws {
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("short.avi").path
        _ = try makeVideo(video, text: "12")
        let recorded = dir.appendingPathComponent("annotated.avi").path
        let run = try CLI.run(["camera", "--video", video, "--record", recorded], environment: ["QT_QPA_PLATFORM": "offscreen"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let size = (try? FileManager.default.attributesOfItem(atPath: recorded)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 10_000, "the annotated video was written")
    }

    /// `video`'s frames written again at `fps`, `repeats` times over (a longer or slower video).
    func copyVideo(_ video: String, to path: String, fps: Double, repeats: Int = 1) throws {
        var frames = [Image]()
        let capture = try VideoCapture(path: video)
        while let frame = try capture.read() { frames.append(frame) }
        let writer = try VideoWriter(path: path, fps: fps, width: frames[0].width, height: frames[0].height)
        for _ in 0..<repeats { for frame in frames { try writer.write(frame) } }
    }

    func summary(_ stdout: String) -> [String: Any]? {
        stdout.split(separator: "\n").last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }?["summary"] as? [String: Any]
    }

    /// Without a usable display the window mode fails with one line and status 1, never a
    /// crash: no DISPLAY at all (the capture thread used to outlive the source and abort the
    /// process), and a DISPLAY nobody serves (Qt used to abort). Headless needs no display.
    func testWindowWithoutAUsableDisplayFailsInOneLine() throws {
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(video, text: "12")
        for _ in 0..<3 {
            let run = try CLI.run(["camera", "--video", video], exactEnvironment: CLI.environmentWithoutDisplay())
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertEqual(CLI.lines(run.stderr).count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("no display"), run.stderr)
        }
        let unreachable = ":\(7000 + Int.random(in: 0..<900))"
        let run = try CLI.run(["camera", "--video", video], exactEnvironment: CLI.environmentWithoutDisplay(["DISPLAY": unreachable]))
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(CLI.lines(run.stderr).count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("display \(unreachable)"), run.stderr)
        let headless = try CLI.run(["camera", "--headless", "--video", video], exactEnvironment: CLI.environmentWithoutDisplay())
        XCTAssertEqual(headless.status, 0, headless.stderr)
        XCTAssertNotNil(summary(headless.stdout), headless.stdout)
    }

    /// An X server that takes the connection but never answers (stopped, hung) fails the
    /// window in one line after a few seconds, for the camera and the drawing window alike.
    func testWindowOnADisplayThatDoesNotAnswerFailsInOneLine() throws {
        let display = try VirtualDisplay()
        display.pause()
        defer { display.resume() }
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(video, text: "12")
        for arguments in [["camera", "--video", video], ["draw"]] {
            let run = try CLI.run(arguments, exactEnvironment: CLI.environmentWithoutDisplay(["DISPLAY": display.name]), timeout: 60)
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertEqual(CLI.lines(run.stderr).count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("display \(display.name) (DISPLAY) does not answer"), run.stderr)
        }
    }

    /// Recording onto the video being read is refused, however the path is spelled, and the
    /// video is left as it was.
    func testRecordingOverTheInputIsRefused() throws {
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(video, text: "12")
        let before = try Data(contentsOf: URL(fileURLWithPath: video))
        let link = dir.appendingPathComponent("link.avi").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: video)
        for record in [video, dir.appendingPathComponent("./paper.avi").path, link] {
            let run = try CLI.run(["camera", "--headless", "--video", video, "--record", record])
            XCTAssertNotEqual(run.status, 0, "--record \(record)")
            XCTAssertEqual(CLI.lines(run.stderr).count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("is the video being read"), run.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: video)), before, "the input is untouched")
        }
        // Nor is any other file replaced by a recording (an earlier video of the user's).
        let earlier = dir.appendingPathComponent("precious.avi").path
        try FileManager.default.copyItem(atPath: video, toPath: earlier)
        let over = try CLI.run(["camera", "--headless", "--video", video, "--record", earlier])
        XCTAssertNotEqual(over.status, 0)
        XCTAssertTrue(over.stderr.contains("precious.avi: exists; not overwriting it"), over.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: earlier)), before, "the earlier video is untouched")
        // An image sequence read through its pattern: a recording named like its frames (the
        // pattern itself, or one frame) would overwrite them, so only video names are taken.
        let frame = dir.appendingPathComponent("f000.png")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/phone-number.png"), to: frame)
        let frameBytes = try Data(contentsOf: frame)
        let pattern = dir.appendingPathComponent("f%03d.png").path
        for record in [pattern, frame.path] {
            let run = try CLI.run(["camera", "--headless", "--video", pattern, "--record", record])
            XCTAssertEqual(run.status, 64, run.stderr)
            XCTAssertTrue(run.stderr.contains("name it .mp4 or .avi"), run.stderr)
            XCTAssertEqual(try Data(contentsOf: frame), frameBytes, "the frame is untouched")
        }
        // A frame rate that is no number of frames a second (a negative one given after a
        // space too, which the parser had taken for an option: "Missing value").
        for fps in ["nan", "inf", "-5"] {
            let run = try CLI.run(["camera", "--headless", "--video", pattern, "--fps", fps])
            XCTAssertEqual(run.status, 64, "--fps \(fps): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("--fps must be a frame rate"), run.stderr)
        }
    }

    /// SIGINT (and SIGTERM) while recording a long video: the loop stops, the recording is
    /// finished into a playable file holding every frame read, and the summary is printed.
    func testInterruptFinishesTheRecordingAndPrintsTheSummary() throws {
        let dir = try CLI.scratch()
        let short = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(short, text: "58")
        let long = dir.appendingPathComponent("long.avi").path
        try copyVideo(short, to: long, fps: 30, repeats: 20)
        for (signal, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            let recording = dir.appendingPathComponent("rec-\(name).mp4").path
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["camera", "--headless", "--video", long, "--record", recording]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            // The first reading printed means the loop runs and the recording has begun.
            var printed = out.readUntilNewline()
            kill(process.processIdentifier, signal)
            printed += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "\(name) is handled, not fatal")
            XCTAssertEqual(process.terminationStatus, 0, name)
            let first = summary(printed)
            XCTAssertEqual(first?["interrupted"] as? Bool, true, printed)
            let frames = first?["frames"] as? Int ?? 0
            XCTAssertTrue(frames > 0 && frames < 20 * MovingPageVideo.frameCount, "stopped early: \(frames)")
            let replay = try CLI.run(["camera", "--headless", "--video", recording])
            XCTAssertEqual(replay.status, 0, replay.stderr)
            XCTAssertEqual(summary(replay.stdout)?["frames"] as? Int, frames, "every frame read was recorded (\(name))")
        }
    }

    /// A file that is no video (text named .png), a missing file, a truncated mp4 and a folder:
    /// one line each (no OpenCV, GStreamer or FFmpeg chatter), status 1.
    func testInputsThatAreNoVideoFailInOneLine() throws {
        let dir = try CLI.scratch()
        let text = dir.appendingPathComponent("notavideo.png").path
        try Data("hello, not an image\n".utf8).write(to: URL(fileURLWithPath: text))
        let video = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(video, text: "12")
        let mp4 = dir.appendingPathComponent("paper.mp4").path
        try copyVideo(video, to: mp4, fps: 30)
        let whole = try Data(contentsOf: URL(fileURLWithPath: mp4))
        let truncated = dir.appendingPathComponent("truncated.mp4").path
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: truncated))
        let cases = [(text, "notavideo.png: "), (dir.appendingPathComponent("nope.mp4").path, "nope.mp4: "),
                     (truncated, "truncated.mp4: "), (dir.path, dir.lastPathComponent + ": ")]
        for (path, prefix) in cases {
            let run = try CLI.run(["camera", "--headless", "--video", path])
            XCTAssertEqual(run.status, 1, "\(path): \(run.stdout)")
            XCTAssertEqual(CLI.lines(run.stderr).count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(prefix), run.stderr)
            XCTAssertEqual(run.stdout, "", "no summary for \(path)")
        }
    }

    /// A region wholly outside the frame is an error once the frame's size is known.
    func testRegionOutsideTheFrameFails() throws {
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(video, text: "12")
        let run = try CLI.run(["camera", "--headless", "--video", video, "--roi", "700,500,100,100"])
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertEqual(CLI.lines(run.stderr).count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("--roi 700,500,100,100 lies outside the 640x480 frame"), run.stderr)
    }

    /// A recording plays at the source's rate: 25 fps in, 25 fps out (it used to be 30).
    func testRecordingKeepsTheSourceFrameRate() throws {
        let dir = try CLI.scratch()
        let video = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(video, text: "12")
        let slow = dir.appendingPathComponent("pal.avi").path
        try copyVideo(video, to: slow, fps: 25)
        let recording = dir.appendingPathComponent("rec.mp4").path
        let run = try CLI.run(["camera", "--headless", "--video", slow, "--record", recording])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try VideoCapture(path: recording).fps, 25, accuracy: 0.01)
    }

    /// Snapshots taken within one second get names of their own (they used to overwrite one
    /// another): three presses of s in the window make three pairs of files.
    func testSnapshotsInTheSameSecondAreKept() throws {
        let display = try VirtualDisplay()
        let dir = try CLI.scratch()
        let short = dir.appendingPathComponent("paper.avi").path
        _ = try makeVideo(short, text: "12")
        let long = dir.appendingPathComponent("long.avi").path
        try copyVideo(short, to: long, fps: 30, repeats: 20)
        guard let (camera, window) = try display.launchWindow(["camera", "--video", long], in: dir, title: "DigitLens camera") else { return }
        defer { if camera.isRunning { camera.terminate() } }
        // highgui keeps one key per waitKey call, so keys come a loop turn apart; the first
        // frames are shown before the pause. On a loaded machine the first keys can reach the
        // window before it takes input: when the window is still open 5 s later, nothing was
        // taken, and the keys are sent again (at most three times).
        for _ in 0..<3 where camera.isRunning {
            try display.xdotool(["windowfocus", "--sync", window])
            Thread.sleep(forTimeInterval: 1)
            try display.xdotool(["key", "--delay", "250", "space", "s", "s", "s", "q"])
            let deadline = Date().addingTimeInterval(5)
            while camera.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        }
        camera.waitUntilExit()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("digitlens-snapshot-") }
        XCTAssertEqual(names.filter { !$0.hasSuffix(".annotated.png") }.count, 3, "\(names)")
        XCTAssertEqual(names.filter { $0.hasSuffix(".annotated.png") }.count, 3, "\(names)")
    }
}
