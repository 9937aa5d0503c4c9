import DigitNet
import DigitVision
import Foundation
import XCTest

/// `digitlens camera` on sources that end or break: streams reopened, cut-off files, image
/// sequences with gaps or pictures of other sizes, a video served over HTTP.
extension CameraTests {
    /// Serves `dir` over HTTP on a free port while `body` runs (python3's http.server).
    /// With `framesPerSecond`, a `.mjpeg` file is sent as a live camera sends it: one JPEG
    /// frame at a time at that rate, with no length, the connection closed at its end. (Sent
    /// as fast as the network goes, a reader that drops stale frames as a live one must kept
    /// a handful of the 480 frames, and which ones decided the final reading.)
    func serving(_ dir: URL, framesPerSecond: Double? = nil, _ body: (Int) throws -> Void) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is missing (CI installs it)") }
        let port = 20000 + Int.random(in: 0..<20000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        if let framesPerSecond {
            server.arguments = ["-c", Self.pacedServer, String(port), dir.path, String(framesPerSecond)]
        } else {
            server.arguments = ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir.path]
        }
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        Thread.sleep(forTimeInterval: 1)
        try body(port)
    }

    /// An HTTP server sending a requested `.mjpeg` file as an IP camera sends its feed: a
    /// multipart/x-mixed-replace response, one part a JPEG frame (frames end at the EOI
    /// marker FF D9, which JPEG's coded data never holds), at a fixed rate.
    static let pacedServer = """
        import http.server, os, sys, time
        port, folder, fps = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
        class Feed(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                data = open(os.path.join(folder, os.path.basename(self.path)), "rb").read()
                self.send_response(200)
                self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
                self.end_headers()
                for frame in data.split(b"\\xff\\xd9")[:-1]:
                    jpeg = frame + b"\\xff\\xd9"
                    part = b"--frame\\r\\nContent-Type: image/jpeg\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(jpeg)
                    self.wfile.write(part + jpeg + b"\\r\\n")
                    self.wfile.flush()
                    time.sleep(1 / fps)
            def log_message(self, *args):
                pass
        http.server.ThreadingHTTPServer(("127.0.0.1", port), Feed).serve_forever()
        """

    /// A network stream (HTTP, served by a real server on 127.0.0.1) that ends is reported and
    /// reopened a bounded number of times, then the run fails with a clear message. The stream
    /// is live: an MJPEG feed as IP cameras send it, the video's JPEG frames at 60 frames a
    /// second, with no length known to the reader.
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
        try serving(dir, framesPerSecond: 60) { port in
            let run = try CLI.run(["camera", "--headless", "--video", "http://127.0.0.1:\(port)/paper.mjpeg"])
            XCTAssertNotEqual(run.status, 0, "giving up on a stream is an error")
            for attempt in 1...3 { XCTAssertTrue(run.stderr.contains("reopening (attempt \(attempt) of 3)"), run.stderr) }
            XCTAssertTrue(run.stderr.contains("gave up after 3 reopen attempts"), run.stderr)
            let summary = self.summary(run.stdout)
            XCTAssertEqual(summary?["frames"] as? Int, 4 * MovingPageVideo.frameCount, "the feed was read four times: \(run.stdout)")
            XCTAssertEqual(summary?["final_text"] as? String, truth, run.stdout)
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
}
