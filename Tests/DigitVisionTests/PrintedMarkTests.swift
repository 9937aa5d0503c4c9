import XCTest
@testable import DigitVision

/// Printed marks erased before segmenting (PrintedMarks.swift).
final class PrintedMarkTests: XCTestCase {
    let (w, h) = (400, 300)

    func blobs(at centres: [(Int, Int)], side: Int) -> ComponentLabels {
        var binary = [UInt8](repeating: 0, count: w * h)
        for (cx, cy) in centres {
            for y in cy..<(cy + side) where y < h { for x in cx..<(cx + side) where x < w { binary[y * w + x] = 255 } }
        }
        return connectedComponents(binary, width: w, height: h)
    }

    func testADotGridIsFoundWholeEvenTurned() {
        let grid = stride(from: 10, to: h - 5, by: 22).flatMap { y in stride(from: 10, to: w - 5, by: 22).map { x in (x, y) } }
        var labels = blobs(at: grid, side: 3)
        XCTAssertEqual(printedDots(labels).count, grid.count, "every dot of the lattice")
        // A tilted lattice is a lattice too (a photo of the page, turned).
        let turned = grid.map { (x, y) in (Int(Double(x) * 0.96 + Double(y) * 0.26) / 2 + 60, Int(Double(y) * 0.96 - Double(x) * 0.26) / 2 + 140) }
        labels = blobs(at: turned, side: 2)
        XCTAssertGreaterThan(printedDots(labels).count, turned.count * 3 / 4, "the turned lattice")
    }

    func testBoldDiamondDotsCloseTogetherAreALattice() {
        // Dots 5 pixels wide binarized as diamonds (13 pixels, half their box), 18 apart: a
        // dot grid printed bold, seen small (a reviewer's page of them read as rows of 4s).
        var binary = [UInt8](repeating: 0, count: w * h)
        for cy in stride(from: 9, to: h - 3, by: 18) {
            for cx in stride(from: 9, to: w - 3, by: 18) {
                for (dy, half) in [(-2, 0), (-1, 1), (0, 2), (1, 1), (2, 0)] { for dx in -half...half { binary[(cy + dy) * w + cx + dx] = 255 } }
            }
        }
        let labels = connectedComponents(binary, width: w, height: h)
        XCTAssertEqual(printedDots(labels).count, labels.components.count - 1, "every dot")
    }

    func testScatteredSpecksAreNoLattice() {
        // As many specks of the same size, scattered at random (dust, sensor noise, toner).
        var state: UInt64 = 12345
        func next(_ bound: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(bound)) }
        let specks = (0..<220).map { _ in (next(w - 4), next(h - 4)) }
        XCTAssertEqual(printedDots(blobs(at: specks, side: 3)), [])
    }

    func testARowOfSmallSolidDigitsIsNoLattice() {
        // Tiny bold digits in rows (a low-resolution crop): close together beside their size.
        let rows = stride(from: 20, to: 280, by: 20).flatMap { y in stride(from: 20, to: 380, by: 12).map { x in (x, y) } }
        XCTAssertEqual(printedDots(blobs(at: rows, side: 9)), [])
    }

    func binary(_ draw: (inout [UInt8]) -> Void) -> ComponentLabels {
        var pixels = [UInt8](repeating: 0, count: w * h)
        draw(&pixels)
        return connectedComponents(pixels, width: w, height: h)
    }

    func rectangle(_ pixels: inout [UInt8], x: Int, y: Int, width: Int, height: Int, thickness: Int = 2) {
        for yy in y..<(y + height) {
            for xx in x..<(x + width) where xx < x + thickness || xx >= x + width - thickness || yy < y + thickness || yy >= y + height - thickness {
                pixels[yy * w + xx] = 255
            }
        }
    }

    func ring(_ pixels: inout [UInt8], cx: Double, cy: Double, rx: Double, ry: Double, stroke: Double) {
        for y in 0..<h {
            for x in 0..<w {
                let d = (((Double(x) - cx) / rx) * ((Double(x) - cx) / rx) + ((Double(y) - cy) / ry) * ((Double(y) - cy) / ry)).squareRoot()
                if abs(d - 1) * Swift.min(rx, ry) <= stroke / 2 { pixels[y * w + x] = 255 }
            }
        }
    }

    func testABoxIsErasedWithItsSidesOnlyAndARoundZeroIsNoBox() {
        // A box with a bold 0 touching its top and bottom: one component. Only the box's sides go.
        let labels = binary { p in
            rectangle(&p, x: 20, y: 20, width: 40, height: 50)
            ring(&p, cx: 40, cy: 45, rx: 11, ry: 20, stroke: 5)
            // A round 0 alone, as large.
            ring(&p, cx: 140, cy: 45, rx: 18, ry: 24, stroke: 3)
        }
        let sides = Set(closedBoxSides(labels))
        XCTAssertFalse(sides.isEmpty, "the box is found")
        XCTAssertTrue(sides.allSatisfy { $0 % w < 100 }, "nothing of the lone 0")
        XCTAssertTrue(sides.contains(20 * w + 40) && sides.contains(45 * w + 20), "top and left sides")
        XCTAssertFalse(sides.contains(45 * w + 30), "the 0's left stroke inside stays")
    }

    func testACombOfBoxesAndASolidPatchAreNoBoxes() {
        // A comb (a row of cells sharing sides) is left to line removal; a solid dark patch is no box.
        let labels = binary { p in
            rectangle(&p, x: 20, y: 20, width: 160, height: 40)
            for x in [60, 100, 140] { for y in 20..<60 { p[y * w + x] = 255; p[y * w + x + 1] = 255 } }
            for y in 120..<200 { for x in 20..<120 { p[y * w + x] = 255 } }
        }
        XCTAssertEqual(closedBoxSides(labels), [])
    }

    func testATurnedBoxIsStillABox() {
        // A box turned 4° (a photo of a form): its sides slope across their bands.
        let t = 4 * Double.pi / 180
        let labels = binary { p in
            for y in 0..<h {
                for x in 0..<w {
                    let u = cos(t) * Double(x - 100) + sin(t) * Double(y - 100), v = -sin(t) * Double(x - 100) + cos(t) * Double(y - 100)
                    let onSide = (abs(u) <= 24 && abs(abs(v) - 29) <= 1) || (abs(v) <= 30 && abs(abs(u) - 23) <= 1)
                    if onSide { p[y * w + x] = 255 }
                }
            }
        }
        XCTAssertGreaterThan(closedBoxSides(labels).count, 150)
    }

    func testABoldPrintedEightIsNoBoxAtAnySize() {
        // A handwriting font's 8 as binarized in a photo, 12x23: ink within 3 pixels of its box's
        // edges nearly all round. It read as a box, and "518" lost its 8. Drawn as seen and
        // enlarged two and three times.
        let eight = [
            "...######...", ".##########.", "###########.", "###.....###.", "###......###", "###......###",
            "###......##.", "###.....###.", ".###...####.", ".#########..", "..#######...", "...#####....",
            "..########..", ".####..####.", ".###....###.", "###......###", "###......###", "###......###",
            "###......###", "####.....###", ".##########.", "..########..", "...######...",
        ].map { Array($0) }
        for scale in 1...3 {
            var binary = [UInt8](repeating: 0, count: w * h)
            for (y, row) in eight.enumerated() {
                for (x, mark) in row.enumerated() where mark == "#" {
                    for dy in 0..<scale { for dx in 0..<scale { binary[(20 + y * scale + dy) * w + 20 + x * scale + dx] = 255 } }
                }
            }
            XCTAssertEqual(closedBoxSides(connectedComponents(binary, width: w, height: h)), [], "the 8 enlarged \(scale) times")
        }
    }

    func testASmallFormBoxWithADigitTouchingItIsABox() {
        // A form's box 18x22 with 1-pixel sides, a 3 written in it touching its right side
        // (a generated form seen small): its sides go, however small (a size limit that kept
        // the bold 8 above from being a box left this one to read as a 0).
        let cell = [
            "##################", "#................#", "#................#", "#.....####.......#", "#....######......#",
            "#........###.....#", "#........###.....#", "#......####......#", "#......#####.....#", "#......######....#",
            "#.........####...#", "#..........###...#", "#..........###...#", "#..........###...#", "#.......#.###....#",
            "#......######....#", "#.......###......#", "#................#", "#................#", "#................#",
            "#................#", "##################",
        ].map { Array($0) }
        var binary = [UInt8](repeating: 0, count: w * h)
        for (y, row) in cell.enumerated() { for (x, mark) in row.enumerated() where mark == "#" { binary[(40 + y) * w + 40 + x] = 255 } }
        let sides = Set(closedBoxSides(connectedComponents(binary, width: w, height: h)))
        XCTAssertTrue(sides.contains(40 * w + 48) && sides.contains(50 * w + 40), "its top and left sides")
        XCTAssertFalse(sides.contains(50 * w + 50), "the 3's stroke inside stays")
    }

    func testATableOfSmallPrintedDigitsIsNoDotGrid() {
        // A sudoku's digits, 9x13 and bold, one in each 50-pixel cell: a lattice of small solid
        // blobs, but taller than wide and far from round (read as nothing when taken for dots).
        let cells = stride(from: 20, to: h - 20, by: 50).flatMap { y in stride(from: 20, to: w - 20, by: 50).map { x in (x, y) } }
        let labels = binary { p in
            for (x0, y0) in cells { for y in y0..<(y0 + 13) { for x in x0..<(x0 + 9) where (x + y) % 5 != 0 { p[y * w + x] = 255 } } }
        }
        XCTAssertEqual(printedDots(labels), [])
    }

    func testAZeroDrawnSquareWithRoundCornersIsNoBox() {
        // A 0 drawn as a rectangle whose corners are rounded (radius 8 of a 60x90 digit).
        let labels = binary { p in
            for y in 20..<110 {
                for x in 20..<80 {
                    let dx = Double(Swift.max(28 - x, 0, x - 71)), dy = Double(Swift.max(28 - y, 0, y - 101))
                    let out = (dx * dx + dy * dy).squareRoot()
                    let inner = x >= 23 && x < 77 && y >= 23 && y < 107 && out == 0
                    if out <= 8 && !(inner) && (dx > 0 || dy > 0 ? out >= 5 : true) { p[y * w + x] = 255 }
                }
            }
        }
        XCTAssertEqual(closedBoxSides(labels), [], "round corners: a digit")
    }

    func testInkNearAPointFarOffOrNotANumberIsNone() {
        // Two sides' lines may meet far outside a box, or nowhere; that is no sharp corner.
        let inked: (Int, Int) -> Bool = { _, _ in true }
        XCTAssertTrue(inkNear(x: 0, y: 0, radius: 2, width: 12, height: 12, inked: inked))
        XCTAssertTrue(inkNear(x: 13, y: -2, radius: 2, width: 12, height: 12, inked: inked), "within reach of the corner pixel")
        for (x, y) in [(200.0, 5.0), (-50.0, 5.0), (5.0, 1e300), (Double.nan, 3.0), (Double.infinity, 0.0)] {
            XCTAssertFalse(inkNear(x: x, y: y, radius: 2, width: 12, height: 12, inked: inked), "(\(x), \(y))")
        }
    }
}
