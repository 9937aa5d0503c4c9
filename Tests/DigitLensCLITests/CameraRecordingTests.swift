import DigitNet
import DigitVision
import Foundation
import XCTest

/// `digitlens camera --record` and snapshots: never over the input, finished on Ctrl-C, at the
/// source's frame rate.
extension CameraTests {
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
        // A webcam's settings with a video would be ignored in silence, even at their defaults;
        // an empty --video names nothing.
        for settings in [["--size", "640x480"], ["--fps", "15"], ["--device", "1"], ["--fps", "0"], ["--device", "0"]] {
            let run = try CLI.run(["camera", "--headless", "--video", pattern] + settings)
            XCTAssertEqual(run.status, 64, "\(settings): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("--size, --fps and --device set up a webcam"), run.stderr)
        }
        let empty = try CLI.run(["camera", "--headless", "--video", ""])
        XCTAssertEqual(empty.status, 64, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("--video is empty"), empty.stderr)
        // An image sequence reports no frame rate (FFmpeg's 25 is its own default), so it is
        // timed and recorded at 30.
        XCTAssertEqual(try VideoCapture(path: pattern).fps, 0)
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
