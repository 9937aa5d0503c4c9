import Foundation
import XCTest
@testable import DigitVision

/// The camera's parts that need no camera: the reading stabilizer, the frame pipeline's
/// ordering, and the focus measure that tells blurred frames apart.
final class LiveTests: XCTestCase {
    func result(_ text: String) -> RecognitionResult {
        let lines = text.isEmpty ? [] : [RecognizedLine(text: text, numbers: [RecognizedNumber(text: text, box: Box(x: 0, y: 0, width: 10, height: 10), confidence: 0.9, digits: [])])]
        return RecognitionResult(width: 640, height: 480, skewDegrees: 0, pageRectified: false, lines: lines)
    }

    func testStableReadingIgnoresBlurredMisreadsAndFollowsRealChanges() {
        let stabilizer = ReadingStabilizer(window: 9, quorum: 6, run: 3)
        var changes = [(Int, String)]()
        var counter = 0
        func feed(_ text: String, focus: Double, frames: Int) {
            for _ in 0..<frames {
                if let change = stabilizer.add(result(text), frame: counter, time: Double(counter) / 30, focus: focus) { changes.append((change.frame, change.text)) }
                counter += 1
            }
        }
        feed("4096", focus: 7, frames: 10)
        // Three blurred frames misread alike: they do not vote.
        feed("446", focus: 1.3, frames: 3)
        feed("4096", focus: 7, frames: 5)
        // The paper leaves (an empty, featureless frame), then comes back.
        feed("", focus: 0, frames: 10)
        feed("4096", focus: 7, frames: 6)
        XCTAssertEqual(changes.map(\.1), ["4096", "", "4096"])
        XCTAssertEqual(changes.map(\.0), [2, 20, 30], "each change follows within three frames")
    }

    /// Another page measuring far less sharp than the first (finer strokes, farther away) is
    /// read once its focus holds steady: its frames had all been taken for blurred, and the
    /// first page's reading stayed on the screen over it.
    func testALessSharpNewPageIsReadOnceItHoldsSteady() {
        let stabilizer = ReadingStabilizer(window: 9, quorum: 6, run: 3)
        var changes = [(Int, String)]()
        for frame in 0..<30 {
            let (text, focus) = frame < 10 ? ("05221859", 6.5) : ("0123456789", 2.0 + 0.1 * Double(frame % 3))
            if let change = stabilizer.add(result(text), frame: frame, time: Double(frame) / 30, focus: focus) { changes.append((change.frame, change.text)) }
        }
        XCTAssertEqual(changes.map(\.1), ["05221859", "0123456789"])
        XCTAssertLessThanOrEqual(changes.last!.0, 10 + 5 + 3, "within the frames that show the blur is steady, and a run")

        // Held in a hand: every fourth frame of the new page motion-blurred (and misread).
        let handheld = ReadingStabilizer(window: 9, quorum: 6, run: 3)
        var read = [(Int, String)]()
        for frame in 0..<40 {
            let blurred = frame >= 10 && frame % 4 == 0
            let (text, focus) = frame < 10 ? ("05221859", 6.5) : blurred ? ("0723", 0.7) : ("0123456789", 2.0 + 0.1 * Double(frame % 3))
            if let change = handheld.add(result(text), frame: frame, time: Double(frame) / 30, focus: focus) { read.append((change.frame, change.text)) }
        }
        XCTAssertEqual(read.map(\.1), ["05221859", "0123456789"])
        XCTAssertLessThanOrEqual(read.last!.0, 22)
    }

    func testStableReadingWithoutFocusStillNeedsAgreement() {
        let stabilizer = ReadingStabilizer()
        var texts = [String]()
        for (i, text) in ["12", "12", "13", "12", "12", "17", "12", "12"].enumerated() {
            if let change = stabilizer.add(result(text), frame: i, time: 0) { texts.append(change.text) }
        }
        XCTAssertEqual(texts, ["12"], "single-frame misreads never show")
    }

    func testFocusMeasureDropsWithBlurWhateverTheLight() throws {
        var pixels = [UInt8](repeating: 230, count: 320 * 240)
        for y in 60..<180 { for x in stride(from: 40, to: 280, by: 12) where (y / 20) % 2 == 0 { for d in 0..<4 { pixels[y * 320 + x + d] = 30 } } }
        let sharp = try Image(width: 320, height: 240, channels: 1, pixels: pixels)
        let dim = try Image(width: 320, height: 240, channels: 1, pixels: pixels.map { $0 / 2 })
        let blurred = try sharp.gaussianBlurred(kernelSize: 0, sigma: 2.5)
        let (s, d, b) = (try sharp.focusMeasure(), try dim.focusMeasure(), try blurred.focusMeasure())
        XCTAssertEqual(d, s, accuracy: 0.1 * s, "lighting does not change it")
        XCTAssertLessThan(b, 0.4 * s, "blur lowers it")
        XCTAssertEqual(try Image(width: 64, height: 64, channels: 1, pixels: [UInt8](repeating: 90, count: 4096)).focusMeasure(), 0)
    }

    func testFramePipelineHandsBackResultsInFrameOrder() throws {
        let image = try Image(width: 8, height: 8, channels: 1)
        let lock = NSLock()
        var next = 0
        let pipeline = FramePipeline<Int>(workers: 3, next: {
            lock.lock(); defer { lock.unlock() }
            guard next < 40 else { return nil }
            next += 1
            return Frame(image: image, index: next - 1, time: 0, capturedAt: 0)
        }, work: { frame in
            // Later frames finish first: ordering must not depend on who is done first.
            Thread.sleep(forTimeInterval: Double((40 - frame.index) % 5) / 1000)
            return frame.index * 10
        })
        var seen = [Int]()
        while let item = pipeline.next() { seen.append(try item.result.get()) }
        XCTAssertEqual(seen, (0..<40).map { $0 * 10 })
    }
}
