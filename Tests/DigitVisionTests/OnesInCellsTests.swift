import DigitNet
@testable import DigitVision
import Foundation
import XCTest

/// A 1 written in a form's cell, nearly as tall as the cell (OnesInCells.swift).
extension PipelineTests {
    /// A reviewer's generated form crop (Fixtures/boxed-date-with-ones.png: "15 09 1953",
    /// MNIST test digits in blue, one a cell of black boxes, 317x40). Each 1 is one straight
    /// stroke ending within 3 pixels of its cell's rule, and was erased as a box's side: read
    /// "5 09 953".
    func testA1WrittenInACellIsNoSide() throws {
        let read = try recognizer().recognize(try Image(contentsOf: Fixtures.url("boxed-date-with-ones.png").path)).text
        XCTAssertEqual(read.filter(\.isNumber), "15091953")
    }

    /// Generated form crops with a 1 in a cell, from rule to rule:
    /// - Fixtures/boxes-felt-661.png ("661", MNIST digits in felt pen in three black boxes,
    ///   151x107): kept as written between the sides (`strokesWrittenInCells`), the 1 was
    ///   erased all the same, as a faint line's stretch (`removeFaintLineStretches`): at half
    ///   the threshold it runs into its box's rules. Read "66".
    /// - Fixtures/cells-one-in-a-cell-0123.png ("0123" in four cells found by their shape,
    ///   247x73): the cells' sides and the 1 were each left standing between two erased rules,
    ///   and erased as slanted sides (`removeSlantedBoxSides`). Read "0 23".
    func testA1FromRuleToRuleInItsCellIsKept() throws {
        let recognizer = try recognizer()
        for (file, truth) in [("boxes-felt-661.png", "661"), ("cells-one-in-a-cell-0123.png", "0123")] {
            let read = try recognizer.recognize(try Image(contentsOf: Fixtures.url(file).path)).text
            XCTAssertEqual(read.filter(\.isNumber), truth, file)
        }
    }
}

/// `strokesWrittenInCells` on upright runs given by hand.
final class OnesInCellsTests: XCTestCase {
    /// Four cells 30 pixels wide, sides 2 pixels thick from row 5 to 35, a stroke in the
    /// second cell from row 8 to 33: only the stroke's run is written.
    func testAStrokeBetweenTwoSidesIsWritten() {
        var runs: [UprightRun] = []
        for x in [10, 40, 70, 100, 130] { runs += [(x, 5...35), (x + 1, 5...35)] }
        runs.append((56, 8...33))
        let written = strokesWrittenInCells(runs)
        XCTAssertEqual(runs.indices.filter { written[$0] }.map { runs[$0].x }, [56])
        // As long as the sides, but in the middle third of its cell: written too.
        XCTAssertEqual(strokesWrittenInCells([(10, 5...35), (40, 5...35), (56, 5...35), (70, 5...35), (100, 5...35)]), [false, false, true, false, false])
    }

    func testSidesStay() {
        // A stroke as long as the sides near a side (a side, or a 1 from rule to rule: kept a side).
        XCTAssertEqual(strokesWrittenInCells([(10, 5...35), (40, 5...35), (46, 5...35), (70, 5...35), (100, 5...35)]), [false, false, false, false, false])
        // A table's columns of unlike widths: no side stands between two a cell's width apart.
        XCTAssertEqual(strokesWrittenInCells([(10, 5...35), (40, 5...30), (50, 5...30), (80, 5...35)]), [false, false, false, false])
        // Three lines are too few to tell a cell's width.
        XCTAssertEqual(strokesWrittenInCells([(10, 5...35), (25, 8...30), (40, 5...35)]), [false, false, false])
    }
}
