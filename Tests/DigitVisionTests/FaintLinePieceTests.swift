@testable import DigitVision
import XCTest

/// Pieces of a sheet's shaded edge on a desk as pale as the paper (FaintLinePieces.swift).
extension PipelineTests {
    /// A reviewer's generated photo (Fixtures/sheet-edge-on-pale-desk.jpg: "4431 520 2947",
    /// MNIST test digits in pencil on a ruled white sheet filling most of a 480x640 frame, a
    /// light desk beside its left edge). Two stretches of the edge's shade were read as 1s:
    /// "1 4431 520 2947 1".
    func testPiecesOfASheetsEdgeAreNoOnes() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("sheet-edge-on-pale-desk.jpg").path)).text
        XCTAssertEqual(read, "4431 520 2947")
    }

    /// Another (Fixtures/squared-sheet-on-pale-desk.jpg: "838786 715 255 1936", purple ink on
    /// yellow squared paper, 600x800, in low light): the sheet's edge gave "5 1" after the
    /// number; the squared paper's pale lines under the digits are no such line.
    func testPiecesOfASquaredSheetsEdgeAreNoDigits() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("squared-sheet-on-pale-desk.jpg").path)).text
        XCTAssertEqual(read, "838786 715 255 1936")
    }
}

/// `continuesAsAFaintLine` on ink levels drawn by hand: 60 x 100 pixels of paper (level 0),
/// binarized at level 60 as the ink map would.
final class FaintLinePieceTests: XCTestCase {
    let (width, height) = (60, 100)

    /// The levels with `level` along columns `x` and `x + 1` over `rows`.
    func drawing(_ strokes: [(x: Int, rows: ClosedRange<Int>, level: UInt8)]) -> [UInt8] {
        var levels = [UInt8](repeating: 0, count: width * height)
        for stroke in strokes { for y in stroke.rows { levels[y * width + stroke.x] = stroke.level; levels[y * width + stroke.x + 1] = stroke.level } }
        return levels
    }

    /// The binarized piece, columns 20–21, rows 40–60, goes on as a faint line in `levels`.
    func goesOn(_ levels: [UInt8], crop: Crop? = nil) -> Bool {
        let piece = crop ?? Crop(box: Box(x: 20, y: 40, width: 2, height: 21), mask: [UInt8](repeating: 255, count: 42))
        return continuesAsAFaintLine(piece, levels: levels, binary: levels.map { $0 > 60 ? 255 : 0 }, width: width, digitHeight: 20)
    }

    func testAPieceOfALineGoingOnIsFound() {
        // A sheet's edge: a line of shade (level 50, under the threshold) down the picture,
        // darkest (90) where it binarized. It goes on below the piece only, as a line ending
        // at a corner does.
        XCTAssertTrue(goesOn(drawing([(20, 61...99, 50), (20, 40...60, 90)])))
    }

    func testAWrittenOneIsNoPiece() {
        // Paper beyond both ends.
        XCTAssertFalse(goesOn(drawing([(20, 40...60, 90)])))
        // A 1 written over a squared page's pale line (level 20 against the pen's 90).
        XCTAssertFalse(goesOn(drawing([(20, 0...99, 20), (20, 40...60, 90)])))
        // The line broken off a short way beyond the end: under 85% of two digit heights.
        XCTAssertFalse(goesOn(drawing([(20, 61...85, 50), (20, 40...60, 90)])))
        // Inked ink beyond the end (the next line's digit under the 1, a box's side the 1 was
        // written along) is no faint line.
        XCTAssertFalse(goesOn(drawing([(20, 64...99, 90), (20, 40...60, 90)])))
        XCTAssertFalse(goesOn(drawing([(22, 0...99, 90), (20, 40...60, 90)])))
        // A solid chunk is no thin piece, whatever goes on beyond it.
        var levels = drawing([(20, 0...99, 50)])
        for y in 40...60 { for x in 16..<26 { levels[y * width + x] = 90 } }
        XCTAssertFalse(goesOn(levels, crop: Crop(box: Box(x: 16, y: 40, width: 10, height: 21), mask: [UInt8](repeating: 255, count: 210))))
    }
}
