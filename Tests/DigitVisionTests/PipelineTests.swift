import DigitNet
import DigitVision
import Foundation
import XCTest

/// Levenshtein distance between digit strings (spaces ignored), as ../shared/tools/score.py.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.filter(\.isNumber)), y = Array(b.filter(\.isNumber))
    var previous = Array(0...y.count)
    for i in 1...Swift.max(x.count, 1) where !x.isEmpty {
        var current = [i]
        for j in 1...Swift.max(y.count, 1) where !y.isEmpty {
            current.append(Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)))
        }
        if y.isEmpty { current = [i] }
        previous = current
    }
    return x.isEmpty ? y.count : previous.last!
}

final class NormalizationTests: XCTestCase {
    func testDigitIsFittedInto20x20AndCentredByMass() throws {
        // A tall, thin, off-centre bar with a blob at its top: mass is not at the box centre.
        let w = 30, h = 90
        var mask = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 10..<16 { mask[y * w + x] = 255 } }
        for y in 0..<20 { for x in 0..<30 { mask[y * w + x] = 255 } }
        let frame = try normalizeDigit(mask: mask, width: w, height: h)
        XCTAssertEqual(frame.count, 784)
        var rows = Set<Int>(), columns = Set<Int>(), mass = 0.0, mx = 0.0, my = 0.0
        for y in 0..<28 { for x in 0..<28 where frame[y * 28 + x] > 0.05 {
            rows.insert(y); columns.insert(x)
            let v = Double(frame[y * 28 + x]); mass += v; mx += v * Double(x); my += v * Double(y)
        } }
        XCTAssertLessThanOrEqual(rows.count, 21, "height fits the 20-pixel box")
        XCTAssertGreaterThanOrEqual(rows.count, 19, "the long side fills the box")
        XCTAssertLessThanOrEqual(columns.count, 9, "aspect ratio kept (30:90 → about 7 wide)")
        XCTAssertEqual(mx / mass, 13.5, accuracy: 0.6, "centre of mass at the centre, x")
        XCTAssertEqual(my / mass, 13.5, accuracy: 0.6, "centre of mass at the centre, y")
    }

    func testThinStrokesAreThickenedToMNISTWidth() throws {
        // A 1-pixel outline of a 100-pixel tall ring would vanish when scaled by 0.2.
        let s = 100
        var mask = [UInt8](repeating: 0, count: s * s)
        for a in 0..<720 {
            let t = Double(a) * .pi / 360
            let x = Int(49.5 + 45 * cos(t)), y = Int(49.5 + 49 * sin(t))
            mask[y * s + x] = 255
        }
        let frame = try normalizeDigit(mask: mask, width: s, height: s)
        let strong = frame.filter { $0 > 0.5 }.count
        XCTAssertGreaterThan(strong, 40, "the ring is drawn with a visible stroke")
    }

    /// A crop many times the 20x20 box (reduced first, a cell inked where any pixel is) comes
    /// out as the same digit drawn small does.
    func testAHugeThinCropIsNormalizedLikeASmallOne() throws {
        // A 2 drawn with a line a twentieth of its height thick: a hook, a diagonal, a base.
        func two(height h: Int) -> (mask: [UInt8], width: Int) {
            let w = h * 3 / 4, half = Swift.max(1, h / 40)
            var mask = [UInt8](repeating: 0, count: w * h)
            func dot(_ x: Double, _ y: Double) {
                for dy in -half...half { for dx in -half...half {
                    let px = Int(x * Double(w - 1)) + dx, py = Int(y * Double(h - 1)) + dy
                    if px >= 0, px < w, py >= 0, py < h { mask[py * w + px] = 255 }
                } }
            }
            for k in 0...2000 {
                let t = Double(k) / 2000
                let a = Double.pi * (1 + 1.2 * t)   // the hook, from the left round to the lower right
                dot(0.5 + 0.45 * cos(a), 0.3 + 0.28 * sin(a))
                dot(0.85 - 0.8 * t, 0.5 + 0.45 * t)   // the diagonal
                dot(0.05 + 0.9 * t, 0.95)   // the base
            }
            return (mask, w)
        }
        let small = two(height: 80), huge = two(height: 1600)
        let a = try normalizeDigit(mask: small.mask, width: small.width, height: 80)
        let b = try normalizeDigit(mask: huge.mask, width: huge.width, height: 1600)
        let difference = zip(a, b).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / 784
        let ink = a.reduce(0.0) { $0 + Double($1) } / 784
        XCTAssertLessThan(difference, 0.25 * ink, "mean difference \(difference) against mean ink \(ink)")
    }
}

final class PipelineTests: XCTestCase {
    static var recognizer: DigitRecognizer?

    func recognizer() throws -> DigitRecognizer {
        if let r = PipelineTests.recognizer { return r }
        guard FileManager.default.fileExists(atPath: Shared.model.path) else { throw XCTSkip("no shipped model at \(Shared.model.path)") }
        let r = DigitRecognizer(classifier: try DigitClassifier(contentsOf: Shared.model))
        PipelineTests.recognizer = r
        return r
    }

    static var mnistTest: Dataset?

    /// A page synthesizer drawing MNIST's test digits (the test skips without ../shared).
    func mnistTestPages(seed: UInt64) throws -> PageSynthesizer {
        try Shared.require(Shared.mnist)
        if PipelineTests.mnistTest == nil {
            let test = try MNIST.load(directory: Shared.mnist, split: .test)
            PipelineTests.mnistTest = Dataset(bytes: test.images, labels: test.labels)
        }
        return PageSynthesizer(digits: PipelineTests.mnistTest!, seed: seed)
    }

    /// Digit accuracy on generated pages of `texts`, drawn in `styles` in turn (MNIST's test
    /// digits, `seed`); each page's reading is printed, and a misread page is kept in the
    /// temporary folder as evidence for whoever investigates.
    func generatedPagesAccuracy(_ texts: [String], styles: [PageSynthesizer.Style], seed: UInt64, label: String) throws -> Double {
        try Shared.require(Shared.mnist)
        let recognizer = try recognizer()
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: seed)
        var distance = 0, digits = 0
        for (index, text) in texts.enumerated() {
            let (image, truth) = try synthesizer.render(text, style: styles[index % styles.count])
            let result = try recognizer.recognize(image)
            distance += editDistance(truth, result.text)
            digits += truth.filter(\.isNumber).count
            print("\(label): truth \(truth)  read \(result.text)")
            if result.text != truth {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-\(label)-\(index).png").path
                try drawAnnotations(result, on: image).write(to: path)
                print("\(label): misread page written to \(path)")
            }
        }
        let accuracy = 1 - Double(distance) / Double(digits)
        print("\(label): digit accuracy \(accuracy)")
        return accuracy
    }

    func testSyntheticPhotosAreReadWithHighDigitAccuracy() throws {
        var styles = [PageSynthesizer.Style]()
        var plain = PageSynthesizer.Style(); styles.append(plain)
        plain.tiltDegrees = 18; plain.ink = Color(red: 20, green: 20, blue: 20); styles.append(plain)
        var shadowed = PageSynthesizer.Style(); shadowed.shadow = 0.6; shadowed.paper = Color(red: 250, green: 225, blue: 225); styles.append(shadowed)
        var blurred = PageSynthesizer.Style(); blurred.blurSigma = 1.2; blurred.noise = 6; blurred.ink = Color(red: 90, green: 30, blue: 130); styles.append(blurred)
        var ruled = PageSynthesizer.Style(); ruled.ruledLines = true; ruled.paper = Color(red: 250, green: 245, blue: 200); ruled.tiltDegrees = -12; styles.append(ruled)
        var small = PageSynthesizer.Style(); small.digitHeight = 30; small.tiltDegrees = 30; styles.append(small)
        let texts = ["3141 592|6535 8979", "271828|18284 590", "1234567890", "8675 309|4242", "11 22 33|44 55 66", "90210|73019",
                     "4711 0815|2024", "99 88 77|66 55", "123 456|789 012", "5060 7080|3344", "161803|398874", "2357 1113|1719"]
        let accuracy = try generatedPagesAccuracy(texts, styles: styles, seed: 11, label: "synthetic")
        // Issue 3 targets 98%; measured 97.9% with the shipped model (misses: a 9 read as 7,
        // an 8 touching a 2 read as 5, a 5 with its bar apart read as 7); on 240 random pages of
        // the same six styles `Benchmarks/synthetic.sh` measures 97.9% too.
        // The floor guards against regressions, a page's worth below the figure so that BLAS
        // rounding on another CPU cannot fail it.
        XCTAssertGreaterThanOrEqual(accuracy, 0.96, "digit accuracy on generated photos")
    }

    /// A time written "hh:mm": the colon's two dots, one above the other, had been joined as
    /// the pieces of one broken digit and read as a 1 ("23107"). Two solid round dots of like
    /// size are a colon; each alone is a dot, no digit. Several times, in two inks and sizes.
    func testAColonBetweenHoursAndMinutesIsNoDigit() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 5)
        var misread = [String]()
        for (index, time) in ["23 07", "10 45", "08 30", "19 59", "12 00", "06 18"].enumerated() {
            var style = PageSynthesizer.Style()
            style.digitHeight = index % 2 == 0 ? 44 : 64
            style.ink = index % 2 == 0 ? Color(red: 20, green: 30, blue: 120) : Color(red: 25, green: 25, blue: 25)
            let (image, truth) = try synthesizer.render(time, style: style)
            let plain = try recognizer.recognize(image)
            XCTAssertEqual(plain.text.filter(\.isNumber), truth.filter(\.isNumber), "\(time) without its colon")
            let digits = plain.lines.flatMap(\.numbers).flatMap(\.digits).map(\.box).sorted { $0.x < $1.x }
            guard digits.count == 4 else { misread.append("\(time) without its colon: \(plain.text)"); continue }
            // The dots midway between the hours and the minutes, at a third and two thirds of the digits' height.
            let x = (digits[1].maxX + digits[2].x) / 2, top = digits[1].y, h = digits[1].height, r = Swift.max(2, style.digitHeight / 14)
            for y in [top + h / 3, top + 2 * h / 3] { try image.drawCircle(center: Point(x: x, y: y), radius: r, color: style.ink, thickness: -1) }
            let read = try recognizer.recognize(image).text.filter(\.isNumber)
            if read != truth.filter(\.isNumber) { misread.append("\(time) read as \(read)") }
        }
        XCTAssertEqual(misread, [])
    }

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

    /// A form with a printed box round each digit. Each box read as a sure "0", too short to be
    /// erased as a rule (before: 11% of digits). Closed boxes are erased first, also where a
    /// bold digit touches its box and is one component with it.
    func testDigitsInAFormsPrintedBoxesAreRead() throws {
        var styles = [PageSynthesizer.Style]()
        var form = PageSynthesizer.Style(); form.boxes = true; styles.append(form)
        form.tiltDegrees = 4; styles.append(form)
        form = PageSynthesizer.Style(); form.boxes = true; form.blurSigma = 1; form.noise = 5; form.shadow = 0.4; styles.append(form)
        let texts = ["5831 2907", "4460|172", "09053", "1184", "36 775", "90210|73"]
        let accuracy = try generatedPagesAccuracy(texts, styles: styles, seed: 21, label: "form boxes")
        XCTAssertGreaterThanOrEqual(accuracy, 0.96, "digit accuracy in a form's boxes")
    }

    /// A bold table drawn over pages of numbers: its columns start a third into the first digit
    /// of each number of the first line and run down through the others (crossing what digits
    /// lie there), and rules lie above and below each line; the table's lines are 3, 6 or 9
    /// pixels thick. The lines go and the strokes crossing them stay (before, a line with its
    /// band wider than 8 pixels cut every digit across it in two: a 6 read "1 5"; a reviewer's
    /// 84 such tables, 16 read exactly, now 41).
    func testDigitsWrittenAcrossABoldTablesLinesAreRead() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 23)
        var style = PageSynthesizer.Style(); style.digitHeight = 50
        let texts = ["47 305|62 819", "9 28|506|36 71", "804 25|5163", "20 94|7 318|66", "752 40|1 9|863"]
        var distance = 0, digits = 0
        for (index, text) in texts.enumerated() {
            let (page, truth) = try synthesizer.render(text, style: style)
            let clean = try recognizer.recognize(page)
            XCTAssertEqual(clean.text, truth, "the page without its table")
            let thickness = [3, 6, 9][index % 3], ink = Color(red: 40, green: 40, blue: 40)
            let rows = clean.lines.map { line in (top: line.numbers.map(\.box.y).min()!, bottom: line.numbers.map(\.box.maxY).max()!) }
            let rules = [rows[0].top - 12 - thickness] + rows.map { $0.bottom + 12 }
            for y in rules { try page.fillRectangle(x: 0, y: y, width: page.width, height: thickness, color: ink) }
            for number in clean.lines[0].numbers {
                let first = number.digits[0].box
                try page.fillRectangle(x: first.x + first.width / 3 - thickness / 2, y: rules.first!, width: thickness,
                                       height: rules.last! + thickness - rules.first!, color: ink)
            }
            let result = try recognizer.recognize(page), read = result.text
            print("table \(thickness) px: truth \(truth)  read \(read)")
            if read != truth {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-table-\(index).png").path
                try drawAnnotations(result, on: page).write(to: path)
                print("table: misread page written to \(path)")
            }
            distance += editDistance(truth, read)
            digits += truth.filter(\.isNumber).count
        }
        XCTAssertGreaterThanOrEqual(1 - Double(distance) / Double(digits), 0.85, "digit accuracy with the table")
    }

    /// Real-dev's crop of a scanned form, 121x66, enlarged 10 and 20 times (a high-resolution
    /// scan): its box's dashed, blotchy upright leaves the blots' fringes on both sides of the
    /// erased band, which are no strokes crossing it (joined through it: "17", "1 115 1 2 1 7").
    func testAFormsDashedUprightEnlargedLeavesNoDigits() throws {
        let file = Shared.realDev.appendingPathComponent("photos/c1form_test1_02.png")
        try Shared.require(file)
        let form = try Image(contentsOf: file.path)
        for factor in [10, 20] {
            let enlarged = try form.resized(width: form.width * factor, height: form.height * factor, interpolation: .cubic)
            XCTAssertEqual(try recognizer().recognize(enlarged).text, "1 15", "enlarged \(factor) times")
        }
    }

    /// A sheet filling a sixth of a photo of a dark desk: the dark side of the picture is the
    /// larger, yet the light side is paper (solid), not strokes, so nothing is inverted and
    /// the digits are read (before: the whole picture was inverted and read as noise).
    func testSmallPageOnADarkDeskIsRead() throws {
        let (page, truth) = try generatedPage("4096|1357", width: 400, height: 300)
        XCTAssertEqual(try recognizer().recognize(onDesk(page, width: 1000, height: 750)).text, truth)
    }

    /// A small photo of paper on a dark desk whose first digit stands a few pixels from the
    /// sheet's edge (real-dev's lucksoft_7891 set on a desk, as `Benchmarks/robustness.sh`
    /// does): the 7, tall and thin with desk beyond, was taken for the edge's band ("891").
    func testADigitBesideTheSheetsEdgeIsRead() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/lucksoft_7891.jpg").path)
        let read = try recognizer().recognize(try onDesk(photo, width: photo.width * 5 / 2, height: photo.height * 5 / 2)).text
        XCTAssertEqual(read.filter(\.isNumber), "7891", "read \(read)")
    }

    /// A form's bold printed bar beside handwritten digits, too short to be a ruled line (a
    /// scanned form's thick border, cut off by the crop): its stroke is far thicker than the
    /// pen's and its ink fills its box, so it is no digit (it read as a sure 1).
    func testABoldPrintedBarIsNotReadAsADigit() throws {
        let (page, truth) = try generatedPage("4096", width: 400, height: 200)
        var pixels = page.pixels
        let c = page.channels, barTop = page.height / 2 - 20
        for y in barTop..<barTop + 40 { for x in 8..<24 { for k in 0..<c { pixels[(y * page.width + x) * c + k] = 0 } } }
        let withBar = try Image(width: page.width, height: page.height, channels: c, pixels: pixels)
        XCTAssertEqual(try recognizer().recognize(page).text, truth, "the page alone")
        XCTAssertEqual(try recognizer().recognize(withBar).text, truth)
    }

    /// A scanned form's boxes turned 3° counter-clockwise (real-dev's c1form_test1_01, as the
    /// `tilt-3` copy of `Benchmarks/robustness.sh`): turned level again, the thin box sides come out faint
    /// and binarize into dashes, which read as 1s ("1 0 1 2 1") until they are found
    /// with the lines they belong to (`removeFaintLineStretches`).
    func testAFormTurnedAFewDegreesLosesItsBoxSides() throws {
        try Shared.require(Shared.realDev)
        let form = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/c1form_test1_01.png").path).grayscale()
        XCTAssertEqual(try recognizer().recognize(form).text, "012", "the form as scanned")
        XCTAssertEqual(try recognizer().recognize(try rotated(form, degrees: 3)).text, "012")
    }

    /// The same kind of form turned 25° counter-clockwise (`tilt-25`): levelled by its printed lines, its boxes' lines step
    /// a row here and there, and unless the box grid is still known for a frame, the digit
    /// height is taken from the boxes and their sides are read as 1s ("1 210 1 1 19 1").
    func testAFormTurned25DegreesIsReadWithoutItsBoxes() throws {
        try Shared.require(Shared.realDev)
        let form = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/c1form_test1_tahun.png").path).grayscale()
        XCTAssertEqual(try recognizer().recognize(form).text, "2019", "the form as scanned")
        let turned = try rotated(form, degrees: 25)
        let result = try recognizer().recognize(turned)
        XCTAssertEqual(result.text, "2019")
        // Boxes turned back from the levelled page stay within the picture.
        for digit in result.lines.flatMap(\.numbers).flatMap(\.digits) {
            XCTAssertTrue(digit.box.x >= 0 && digit.box.y >= 0 && digit.box.maxX <= turned.width && digit.box.maxY <= turned.height, "\(digit.box)")
        }
    }

    /// Cheques turned far (`tilt-25`, `tilt+35`): each amount is three candidates ("2.500" a
    /// 2, a 5 and joined zeros; "1.990" a 1, a 9 and a joined 90) whose three neighbour
    /// directions disagree by more than 12°, because the first digit sits off the line.
    /// The line of their ink gives the direction then (`Deskew(lineOfInk:)`); unturned, the
    /// first digit was read as a line of its own, after the rest ("500 2", "80 1").
    func testACheckTurnedFarIsTurnedByTheLineOfItsInk() throws {
        try Shared.require(Shared.realDev)
        for (name, degrees, truth) in [("orandcar_a_car_007013", 25.0, "2500"), ("orandcar_a_car_007015", -35.0, "1990")] {
            let cheque = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/\(name).jpg").path).grayscale()
            XCTAssertEqual(try recognizer().recognize(cheque).text, truth, "\(name) as scanned")
            XCTAssertEqual(try recognizer().recognize(try rotated(cheque, degrees: degrees)).text, truth, "\(name) turned \(degrees)°")
        }
    }

    /// A page photo turned 15° counter-clockwise (`tilt-15`; real-dev's chengluyu_realphoto,
    /// three rows of 30 px digits): the shadow at the page's right, against the lighter fill,
    /// is ink, in a wedge 463 px tall and an arm along the bottom. The two outweighed the
    /// 36 digits, set the digit height, and the page was read shrunk as one digit ("2") until
    /// a giant at the edge above a crowd of far smaller components was left out of the estimate
    /// (`giantsAmongSmall`).
    func testAShadowsWedgeBesideManyDigitsDoesNotSetTheirHeight() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/chengluyu_realphoto.jpg").path).grayscale()
        let text = try recognizer().recognize(try rotated(photo, degrees: 15)).text
        // Its first row's flagged 1 reads as a 7 as taken too: the check is on the digit count
        // and the two other rows.
        XCTAssertEqual(text.filter(\.isNumber).count, 34, text)
        XCTAssertTrue(text.hasSuffix("012345678910 012345678910"), text)
    }

    /// The same page turned ±3° and −5° (as robustness.sh's `tilt±3`, `tilt-8`): its shadowed right edge,
    /// against the lighter fill, leaves a band 5 pixels wide whose darkest ink is a third of the
    /// digits', read as a "1" or "2" of its own ("0123456789 1 012345678910 …") until marks that
    /// faint beside the writing, and alone, were dropped (`droppingFaintMarks`).
    func testAFaintBandAlongAShadowedPagesEdgeIsNoDigit() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/chengluyu_realphoto.jpg").path).grayscale()
        for degrees in [3.0, -3, -5] {
            let text = try recognizer().recognize(try rotated(photo, degrees: degrees)).text
            // The first row's flagged 1 reads as a 7 in some turns, as in the photo as taken.
            XCTAssertEqual(text.split(separator: " ").count, 3, "turned \(degrees)°: \(text)")
            XCTAssertTrue(text.hasSuffix("456789 012345678910 012345678910"), "turned \(degrees)°: \(text)")
        }
    }

    /// `gray` turned by `degrees` (counter-clockwise) onto a canvas holding all of it, the
    /// corners filled with its mean grey.
    func rotated(_ gray: Image, degrees: Double) throws -> Image {
        let t = degrees * .pi / 180, c = cos(t), s = sin(t)
        let (w, h) = (Double(gray.width), Double(gray.height))
        let nw = Int((abs(w * c) + abs(h * s)).rounded(.up)), nh = Int((abs(w * s) + abs(h * c)).rounded(.up))
        // Destination = R·(source − centre) + new centre, R turning counter-clockwise on screen.
        let (cx, cy, ncx, ncy) = ((w - 1) / 2, (h - 1) / 2, Double(nw - 1) / 2, Double(nh - 1) / 2)
        let matrix = [c, s, ncx - c * cx - s * cy, -s, c, ncy + s * cx - c * cy]
        let mean = UInt8(gray.pixels.reduce(0) { $0 + Int($1) } / gray.pixels.count)
        return try gray.warpedAffine(matrix, width: nw, height: nh, border: mean)
    }

    /// A photo taken from below (the page's top narrower than its bottom by a quarter of its
    /// width, far more than the benchmark's keystone), the corners it leaves filled with the
    /// photo's mean grey (real-dev's vinay0410_numbers1): each wedge of fill outweighs the
    /// thin-penned digits, and taken for the digits' size it made every digit too small to be
    /// read ("1 1"). Nor is the wedge itself a digit: solid, and along the picture's edge for
    /// its whole height, it was read as a trailing 1 (`liesAlongThePicturesEdge`).
    func testTheWedgesOfAKeystonedPhotoDoNotHideTheDigits() throws {
        try Shared.require(Shared.realDev)
        let photo = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/vinay0410_numbers1.jpg").path).grayscale()
        for inset in [0.12, 0.15] {
            let read = try recognizer().recognize(try keystoned(photo, inset: inset * Double(photo.width))).text
            XCTAssertEqual(read, "135790", "keystoned by \(inset) of its width")
        }
    }

    /// `photo` seen from below: its top edge pulled in by `inset` pixels at each end (as
    /// ImageMagick's -distort Perspective), the corners left filled with its mean grey.
    func keystoned(_ photo: Image, inset: Double) throws -> Image {
        let (w, h) = (Double(photo.width), Double(photo.height))
        let keystone = try perspectiveTransform(from: [(0, 0), (w, 0), (w, h), (0, h)], to: [(inset, 0), (w - inset, 0), (w, h), (0, h)])
        let mean = UInt8(photo.pixels.reduce(0) { $0 + Int($1) } / photo.pixels.count)
        return try photo.warpedPerspective(keystone, width: photo.width, height: photo.height, border: mean)
    }

    /// MNIST test digits written as `text` ("|" starts a line) on a plain generated page of
    /// `width x height` with digits 40 pixels high, and the text it shows.
    func generatedPage(_ text: String, width: Int, height: Int) throws -> (Image, String) {
        try Shared.require(Shared.mnist)
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: 17)
        var style = PageSynthesizer.Style(); style.width = width; style.height = height; style.digitHeight = 40
        return try synthesizer.render(text, style: style)
    }

    /// `page` pasted in the middle of a dark, slightly noisy desk of `width x height`.
    func onDesk(_ page: Image, width w: Int, height h: Int) throws -> Image {
        let c = page.channels
        var desk = [UInt8](repeating: 0, count: w * h * c)
        var g = SeededGenerator(seed: 3)
        for i in 0..<w * h { for k in 0..<c { desk[i * c + k] = UInt8(clamping: [46, 59, 74][k % 3] + Int(g.next() % 13) - 6) } }
        let source = page.pixels, (x0, y0) = ((w - page.width) / 2, (h - page.height) / 2)
        for y in 0..<page.height { for x in 0..<page.width * c { desk[((y + y0) * w + x0) * c + x] = source[y * page.width * c + x] } }
        return try Image(width: w, height: h, channels: c, pixels: desk)
    }

    /// MNIST's own pictures enlarged, light digits on black as they come (a digit drawn on a
    /// black canvas looks the same): their thick strokes survive the erosion that tells light
    /// ink from a sheet on a desk, and at 84–336 pixels a reviewer's 20 digits read as nothing
    /// 5–19 times of 20 (Negative.swift). The same pictures reversed, dark on white, read too.
    func testEnlargedLightDigitsOnBlackAreRead() throws {
        try Shared.require(Shared.mnist)
        let recognizer = try recognizer()
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        for side in [84, 140, 280] {
            var right = (light: 0, dark: 0)
            for i in 0..<20 {
                let small = try Image(width: 28, height: 28, channels: 1, pixels: Array(test.images[i * 784..<(i + 1) * 784]))
                let light = try small.resized(width: side, height: side, interpolation: .cubic)
                if try recognizer.recognize(light).text == "\(test.labels[i])" { right.light += 1 }
                if try recognizer.recognize(try light.negative()).text == "\(test.labels[i])" { right.dark += 1 }
            }
            print("\(side) px: light on black \(right.light) of 20, dark on white \(right.dark)")
            XCTAssertGreaterThanOrEqual(right.light, 17, "light on black at \(side) pixels")
            XCTAssertGreaterThanOrEqual(right.dark, 18, "dark on white at \(side) pixels")
        }
    }

    func testLinesAndNumbersAreInReadingOrder() throws {
        let recognizer = try recognizer()
        var synthesizer = try mnistTestPages(seed: 5)
        var style = PageSynthesizer.Style(); style.tiltDegrees = -25
        let (image, truth) = try synthesizer.render("12 345|6789 0", style: style)
        let result = try recognizer.recognize(image)
        XCTAssertEqual(result.lines.count, 2, "two lines: \(result.text)")
        XCTAssertEqual(result.text, truth)
        XCTAssertEqual(result.skewDegrees, -25, accuracy: 8)
        for digit in result.digits {
            XCTAssertTrue(digit.box.x >= 0 && digit.box.maxX <= image.width && digit.box.y >= 0 && digit.box.maxY <= image.height)
            XCTAssertEqual(digit.top3.count, 3)
            XCTAssertEqual(digit.top3[0].label, digit.label)
        }
    }

    /// Turning a tilted ink map level and mapping what is found back: a square of ink found in
    /// the turned map comes back around the same place in the source.
    func testDeskewTurnsInkLevelAndMapsBoxesBack() throws {
        let w = 240, h = 160
        var levels = [UInt8](repeating: 0, count: w * h)
        for y in 100..<112 { for x in 150..<162 { levels[y * w + x] = 255 } }
        let ink = InkMap(width: w, height: h, levels: levels, binary: levels, threshold: 0.5)
        let deskew = try XCTUnwrap(Deskew(angle: 28 * .pi / 180, sourceWidth: w, sourceHeight: h, region: Box(x: 100, y: 60, width: 120, height: 80)))
        XCTAssertNil(Deskew(angle: 2 * .pi / 180, sourceWidth: w, sourceHeight: h), "a nearly level page is left alone")
        let turned = try deskew.rotate(ink)
        XCTAssertEqual(turned.width, deskew.width)
        let found = try Image(width: turned.width, height: turned.height, channels: 1, pixels: turned.binary).connectedComponents(connectivity: 8)
        XCTAssertEqual(found.components.count, 2, "one square of ink, besides the background")
        let c = found.components[1]
        let back = deskew.mapBack(Box(x: c.x, y: c.y, width: c.width, height: c.height))
        // The upright box around a turned square is larger than the square; it must hold it
        // and stay near it.
        XCTAssertLessThanOrEqual(back.x, 151); XCTAssertLessThanOrEqual(back.y, 101)
        XCTAssertGreaterThanOrEqual(back.maxX, 161); XCTAssertGreaterThanOrEqual(back.maxY, 111)
        XCTAssertGreaterThanOrEqual(back.x, 140); XCTAssertGreaterThanOrEqual(back.y, 90)
        XCTAssertLessThanOrEqual(back.maxX, 172); XCTAssertLessThanOrEqual(back.maxY, 122)
    }

    func testBlankAndTinyImagesReadAsNothing() throws {
        let recognizer = try recognizer()
        let blank = try Image(width: 300, height: 200, channels: 3, pixels: [UInt8](repeating: 235, count: 300 * 200 * 3))
        XCTAssertEqual(try recognizer.recognize(blank).text, "")
        let one = try Image(width: 1, height: 1, channels: 1, pixels: [0])
        XCTAssertNoThrow(try recognizer.recognize(one))
    }

    /// The floor is set below the figures measured on real-dev (digit accuracy 99.0%, exact 90.9%,
    /// 30 of 33 images) so a regression fails; judgement is on other photos.
    func testRealDevPhotosScoreAboveFloor() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        let labels = try String(contentsOf: Shared.realDev.appendingPathComponent("labels.csv"), encoding: .utf8)
        var distance = 0, digits = 0, exact = 0, images = 0
        for line in labels.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[2] != "single" else { continue }
            let image = try Image(contentsOf: Shared.realDev.appendingPathComponent(fields[0]).path)
            let read = try recognizer.recognize(image).text
            let d = editDistance(fields[1], read)
            distance += d; digits += fields[1].filter(\.isNumber).count; exact += d == 0 ? 1 : 0; images += 1
        }
        let accuracy = 1 - Double(distance) / Double(digits)
        print("real-dev photos: digit accuracy \(accuracy), exact \(Double(exact) / Double(images)) over \(images) images")
        XCTAssertGreaterThanOrEqual(accuracy, 0.97)
        XCTAssertGreaterThanOrEqual(Double(exact) / Double(images), 0.8)
    }

    func testUSPSSinglesAboveFloor() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        let root = Shared.realDev.appendingPathComponent("singles/usps")
        var correct = 0, asPicture = 0, total = 0
        for digit in 0..<10 {
            let folder = root.appendingPathComponent(String(digit))
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".png") {
                let image = try Image(contentsOf: folder.appendingPathComponent(name).path)
                let read = try recognizer.recognizeSingle(image)
                correct += read?.label == digit ? 1 : 0
                // Given to the photo pipeline (recognize without --single), a picture this
                // small is one digit too, under the same confidence floor: 210 of them had
                // read as nothing, the digit touching the picture's edges.
                asPicture += try recognizer.recognize(image).text == String(digit) ? 1 : 0
                total += 1
            }
        }
        print("USPS singles: \(correct)/\(total), as pictures \(asPicture)")
        XCTAssertGreaterThan(total, 2000)
        XCTAssertGreaterThanOrEqual(Double(correct) / Double(total), 0.975)
        XCTAssertGreaterThanOrEqual(Double(asPicture) / Double(total), 0.975)
    }

    /// A single digit in a large picture is read shrunk (`singleDigitWorkingSide`): as at its
    /// own size, its box in the picture's pixels. (At full size a 100-megapixel one took 9 s
    /// and 3 GB.)
    func testASingleDigitInALargePictureReadsAsSmall() throws {
        try Shared.require(Shared.realDev)
        let recognizer = try recognizer()
        let folder = Shared.realDev.appendingPathComponent("singles/usps/3")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted().prefix(5)
        for name in names {
            let small = try Image(contentsOf: folder.appendingPathComponent(name).path)
            let large = try small.resized(width: small.width * 100, height: small.height * 100, interpolation: .cubic)
            let (a, b) = (try XCTUnwrap(recognizer.recognizeSingle(small)), try XCTUnwrap(recognizer.recognizeSingle(large)))
            XCTAssertEqual(b.label, a.label, name)
            for (x, y) in [(a.box.x, b.box.x), (a.box.y, b.box.y), (a.box.maxX, b.box.maxX), (a.box.maxY, b.box.maxY)] {
                XCTAssertEqual(Double(y), Double(x * 100), accuracy: 120, "\(name): \(a.box) \(b.box)")
            }
            // In a long strip (10000 pixels by 320) the digit keeps enough pixels to be read.
            let strip = try Image(width: 10_000, height: 320, channels: 1, pixels: [UInt8](repeating: 255, count: 10_000 * 320))
            let digit = try small.grayscale().resized(width: small.width * 16, height: small.height * 16, interpolation: .cubic)
            try strip.paste(digit, x: 5_000, y: 32)
            let inStrip = try XCTUnwrap(recognizer.recognizeSingle(strip))
            XCTAssertEqual(inStrip.label, a.label, name)
            XCTAssertEqual(Double(inStrip.box.x), Double(5_000 + a.box.x * 16), accuracy: 40, "\(name): \(inStrip.box)")
        }
    }
}
