import DigitNet
import DigitVision
import Foundation
import XCTest

/// Digits on the papers people write on: notebook rules, graph paper, fine and dot grids.
extension PipelineTests {
    /// A notebook page: rules 2 pixels thick every 32, joined into one component by the
    /// margin line, and digits touching them. Before, the comb was measured as one 480-pixel
    /// "digit" and nothing was erased ("5"); it is a grid, erased by its own size.
    func testNotebookRulesJoinedByTheMarginAreErased() throws {
        try Shared.require(Shared.mnist)
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: 1)
        let (page, truth) = try synthesizer.render("3141 592|6535 8979", style: PageSynthesizer.Style())
        var pixels = page.pixels
        let rule: [Double] = [220, 190, 150], margin: [Double] = [120, 120, 230]
        for y in 0..<page.height {
            for x in 0..<page.width {
                let ink = x == 80 || x == 81 ? margin : (y >= 20 && (y - 20) % 32 < 2 ? rule : nil)
                guard let ink else { continue }
                for c in 0..<3 { pixels[(y * page.width + x) * 3 + c] = UInt8(Double(pixels[(y * page.width + x) * 3 + c]) * ink[c] / 255) }
            }
        }
        let notebook = try Image(width: page.width, height: page.height, channels: 3, pixels: pixels)
        XCTAssertEqual(try recognizer().recognize(notebook).text, truth)
    }

    /// Graph paper, printed dark enough to binarize with the writing: every digit touches the
    /// grid and is one component with it. The grid is erased where the ink is grid-pale, and
    /// the digits' own strokes along and across its lines are kept (before: the grid was read
    /// as one digit, or erased with the digits' strokes along it, 93–95% of digits).
    func testDigitsWrittenOnGraphPaperAreRead() throws {
        var styles = [PageSynthesizer.Style]()
        var grid = PageSynthesizer.Style(); grid.gridSpacing = 20; styles.append(grid)
        grid.gridSpacing = 18; grid.shadow = 0.5; styles.append(grid)
        grid = PageSynthesizer.Style(); grid.gridSpacing = 24; grid.ink = Color(red: 20, green: 20, blue: 20); styles.append(grid)
        let texts = ["6100|076", "1184", "14", "46", "3141 592|6535 8979", "1607969091", "49 4902", "271828|18284 590", "90210|73019"]
        let accuracy = try generatedPagesAccuracy(texts, styles: styles, seed: 12, label: "graph-paper")
        XCTAssertGreaterThanOrEqual(accuracy, 0.96, "digit accuracy on graph paper")
    }

    /// Graph paper printed dark (grey lines as dark as a pencil's), cropped to a strip wider
    /// than tall: its uprights run from edge to edge, shorter than a rule must be, and end on
    /// no rule, so they were left and read as rows of 1s ("1111111111111111111 71799483 …");
    /// an upright crossing two rules is the grid's.
    func testDarkGraphPaperCroppedToAStripLosesItsUprights() throws {
        let (page, truth) = try generatedPage("074769 4583", width: 640, height: 400)
        let line = try recognizer().recognize(page).lines[0].numbers.map(\.box)
        let top = line.map(\.y).min()! - 40, bottom = line.map(\.maxY).max()! + 40
        let written = try page.cropped(to: Box(x: 0, y: top, width: page.width, height: bottom - top))
        let grey = Color(red: 130, green: 130, blue: 130)
        for (spacing, thickness) in [(28, 2), (20, 1), (36, 3)] {
            let sheet = try printed(under: written) { paper in
                for x in stride(from: 5, to: paper.width, by: spacing) { try paper.fillRectangle(x: x, y: 0, width: thickness, height: paper.height, color: grey) }
                for y in stride(from: 5, to: paper.height, by: spacing) { try paper.fillRectangle(x: 0, y: y, width: paper.width, height: thickness, color: grey) }
            }
            XCTAssertEqual(try recognizer().recognize(sheet).text, truth, "grid \(spacing) px apart, lines \(thickness) px")
        }
    }

    /// Engineering paper: a fine blue grid (squares 0.3 of a digit's height) with every fifth
    /// line bold, the digits written over it (Fixtures/engineering-paper.jpg, a reviewer's:
    /// MNIST test digits 90 pixels tall, squares 27 apart). The grid's ink, a fifth of its box,
    /// was too much for a sparse grid, so the digit height was measured among its pieces (16
    /// pixels) and every line read as a 1 ("1111…").
    func testDigitsOnAFineGridWithBoldLinesAreRead() throws {
        let fixture = Fixtures.url("engineering-paper.jpg")
        XCTAssertEqual(try recognizer().recognize(try Image(contentsOf: fixture.path)).text, "0104 664 2")
    }

    /// `written` on paper on which `print` drew first: the ink over the print, the darker of
    /// the two at each pixel.
    func printed(under written: Image, _ print: (Image) throws -> Void) throws -> Image {
        let paper = try Image(width: written.width, height: written.height, channels: written.channels, pixels: written.pixels)
        try paper.fillRectangle(x: 0, y: 0, width: paper.width, height: paper.height, color: Color(red: 240, green: 240, blue: 235))
        try print(paper)
        return try Image(width: paper.width, height: paper.height, channels: paper.channels, pixels: zip(paper.pixels, written.pixels).map { Swift.min($0, $1) })
    }

    /// Dot-grid paper (a bullet journal): hundreds of printed dots, each the size of a speck,
    /// outnumber the digits. The digit height was measured from a dot, every stroke was then
    /// long enough to be erased as a rule, and dots read as 4s (0 of these 9 pages exact with
    /// dots 32 pixels apart). The dots, found by their lattice, are erased first.
    func testDigitsWrittenOnDotGridPaperAreRead() throws {
        var styles = [PageSynthesizer.Style]()
        var dots = PageSynthesizer.Style(); dots.dotSpacing = 24; styles.append(dots)
        dots.dotSpacing = 32; styles.append(dots)
        dots.shadow = 0.5; dots.tiltDegrees = -8; styles.append(dots)
        let texts = ["6100|076", "1184", "14", "46", "3141 592|6535 8979", "1607969091", "49 4902", "271828|18284 590", "90210|73019"]
        let accuracy = try generatedPagesAccuracy(texts, styles: styles, seed: 12, label: "dot-grid paper")
        XCTAssertGreaterThanOrEqual(accuracy, 0.96, "digit accuracy on dot-grid paper")
    }
}
