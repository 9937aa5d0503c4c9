import XCTest
@testable import DigitVision

/// Dot-grid paper's dots (PrintedDots.swift): found by their lattice, not by their size.
final class PrintedDotTests: XCTestCase {
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
}
