import DigitNet
import XCTest
@testable import DigitVision

/// A picture cropped close to its writing: digits at the frame are read when they lie in line
/// with the rest (`keepingThoseInLine`), while a wedge of desk at the frame beside the writing
/// is still no digit.
final class CloseCropTests: XCTestCase {
    func candidate(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> Candidate {
        Candidate(box: Box(x: x, y: y, width: w, height: h), labels: [], area: w * h / 3)
    }

    func testDigitsAtTheFrameInLineWithTheWritingAreKept() {
        // Digits 30 pixels high, strokes 3 wide: two inside, "1" and "2" at the left frame one
        // after the other, a blob at the frame below the line, one far taller than the digits,
        // a digit at the frame two digit heights from the nearest one, and a solid wedge in line.
        let inside = [candidate(70, 100, 20, 30), candidate(100, 102, 22, 29)]
        let chain = [candidate(0, 101, 8, 31), candidate(35, 99, 20, 30)]
        let belowTheLine = candidate(0, 140, 15, 28)
        let giant = candidate(0, 60, 25, 95)
        let apart = candidate(400, 100, 20, 30)
        let wedge = candidate(0, 98, 16, 30)
        let all = inside + chain + [belowTheLine, giant, apart, wedge]
        let atEdge = [false, false, true, true, true, true, true, true]
        let strokes = [3, 3.2, 3.5, 2.8, 3, 3, 3, 6.5]
        let kept = keepingThoseInLine(all, atEdge: atEdge, strokes: strokes, digitHeight: 30).map(\.box)
        XCTAssertEqual(kept, (inside + chain).map(\.box))
    }

    /// A whole row along the bottom of the frame has no digit inside to join: three marks of a
    /// digit's full height in line with each other are a row of writing (bikz05_photo_2
    /// cropped at its last row lost "77777"); a row the frame cuts to half its height is not.
    func testARowAlongTheFrameIsKeptWholeAndACutOneIsNot() {
        let inside = [candidate(10, 20, 20, 30), candidate(40, 21, 20, 30)]
        let row = [candidate(10, 170, 20, 30), candidate(40, 171, 20, 29), candidate(70, 170, 20, 30)]
        let cut = [candidate(10, 0, 20, 14), candidate(40, 0, 20, 15), candidate(70, 0, 20, 14)]
        let all = inside + row + cut
        let atEdge = [false, false] + Array(repeating: true, count: 6)
        let kept = keepingThoseInLine(all, atEdge: atEdge, strokes: Array(repeating: 3, count: 8), digitHeight: 30).map(\.box)
        XCTAssertEqual(kept, (inside + row).map(\.box))
    }

    /// real-dev photos cropped so that the digits at one side touch the frame: before, what
    /// touched the frame of a picture over six digits high was dropped as desk ("12345" read
    /// "2345", "23456" read "3456").
    func testAPhotoCroppedCloseToItsWritingReadsWhole() throws {
        try Shared.require(Shared.realDev)
        let recognizer = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        for (file, truth) in [("sparshasaha_img.jpg", "12345 67891 23456 19773"),
                              ("chengluyu_realphoto.jpg", "0123456789 012345678910 012345678910")] {
            let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/" + file).path)
            let boxes = try recognizer.recognize(photo).digits.map { $0.box }
            guard var writing = boxes.first else { return XCTFail("\(file) read nothing whole") }
            for box in boxes { writing = writing.union(box) }
            let margin = writing.height / 3
            let top = Swift.max(0, writing.y - margin), bottom = Swift.min(photo.height, writing.maxY + margin)
            let left = try photo.cropped(to: Box(x: writing.x, y: top, width: Swift.min(photo.width, writing.maxX + margin) - writing.x, height: bottom - top))
            let right = try photo.cropped(to: Box(x: Swift.max(0, writing.x - margin), y: top, width: writing.maxX - Swift.max(0, writing.x - margin), height: bottom - top))
            XCTAssertEqual(try recognizer.recognize(left).text, truth, "\(file) cropped at its left digits")
            XCTAssertEqual(try recognizer.recognize(right).text, truth, "\(file) cropped at its right digits")
        }
    }
}
