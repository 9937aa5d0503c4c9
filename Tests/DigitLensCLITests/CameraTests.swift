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
}
