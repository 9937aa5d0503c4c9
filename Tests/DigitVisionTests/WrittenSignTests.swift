import DigitNet
import XCTest
@testable import DigitVision

/// A plus sign written in a sum is no digit (`isPlusSign`, WrittenSigns.swift).
extension StraightLineTests {
    func crop(_ mask: [UInt8], _ w: Int, _ h: Int) -> Crop { Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: mask) }
    /// A crop drawn as rows of "#" (ink) and "." (paper).
    func crop(_ rows: [String]) -> Crop { crop(rows.flatMap { $0.map { $0 == "#" ? UInt8(255) : 0 } }, rows[0].count, rows.count) }
    func union(_ masks: [UInt8]...) -> [UInt8] { masks.dropFirst().reduce(masks[0]) { zip($0, $1).map { Swift.max($0, $1) } } }

    /// Pen "+"s beside 40-pixel digits: even arms, a long foot, a bar a little aslant, a thick
    /// pen. Not: a "T" (no arm above the bar), a crossed 7 (its top bar off the two bars), an
    /// open 4 (its left upright off them), a "+" as tall as the digits.
    func testAPlusSignIsTwoCrossingBarsAndAnOpenFourIsNot() {
        let (w, h) = (22, 22)
        let plusses = [
            union(stroke(w, h, from: (1, 11), to: (20, 11), width: 3), stroke(w, h, from: (11, 1), to: (11, 20), width: 3)),
            union(stroke(w, h, from: (1, 8), to: (20, 8), width: 2.5), stroke(w, h, from: (10, 1), to: (11, 20), width: 2.5)),
            union(stroke(w, h, from: (1, 12), to: (20, 10), width: 3), stroke(w, h, from: (12, 1), to: (11, 20), width: 3)),
            union(stroke(w, h, from: (2, 11), to: (19, 11), width: 5), stroke(w, h, from: (11, 2), to: (11, 19), width: 5)),
        ]
        for (i, plus) in plusses.enumerated() { XCTAssertTrue(isPlusSign(crop(plus, w, h), digitHeight: 40), "plus \(i)") }
        let tee = union(stroke(w, h, from: (1, 1), to: (20, 1), width: 3), stroke(w, h, from: (11, 1), to: (11, 20), width: 3))
        XCTAssertFalse(isPlusSign(crop(tee, w, h), digitHeight: 40), "a T")
        let crossedSeven = union(stroke(w, h, from: (2, 1), to: (20, 1), width: 3), stroke(w, h, from: (20, 1), to: (11, 20), width: 3),
                                 stroke(w, h, from: (8, 11), to: (20, 11), width: 3))
        XCTAssertFalse(isPlusSign(crop(crossedSeven, w, h), digitHeight: 40), "a crossed 7")
        let openFour = union(stroke(w, h, from: (3, 1), to: (3, 13), width: 3), stroke(w, h, from: (3, 13), to: (20, 13), width: 3),
                             stroke(w, h, from: (14, 1), to: (14, 20), width: 3))
        XCTAssertFalse(isPlusSign(crop(openFour, w, h), digitHeight: 40), "an open 4")
        XCTAssertFalse(isPlusSign(crop(plusses[0], w, h), digitHeight: 26), "as tall as the digits")
    }

    /// MNIST's 10,000 test digits, each cut to its ink (grey level 128 and over), with their
    /// labels; the test skips without ../shared.
    func mnistTestDigitsCutToTheirInk() throws -> [(crop: Crop, label: UInt8)] {
        try Shared.require(Shared.mnist)
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        return (0..<test.count).compactMap { index in
            let pixels = test.images[(index * 784)..<((index + 1) * 784)].map { $0 >= 128 ? UInt8(255) : 0 }
            let rows = (0..<28).filter { y in (0..<28).contains { pixels[y * 28 + $0] != 0 } }
            let columns = (0..<28).filter { x in (0..<28).contains { pixels[$0 * 28 + x] != 0 } }
            guard let top = rows.first, let bottom = rows.last, let left = columns.first, let right = columns.last else { return nil }
            let (w, h) = (right - left + 1, bottom - top + 1)
            return (crop((0..<(w * h)).map { pixels[($0 / w + top) * 28 + $0 % w + left] }, w, h), test.labels[index])
        }
    }

    /// No MNIST test digit has the shape of a "+" (the height rule aside).
    func testNoMNISTTestDigitIsAPlusSign() throws {
        let plusses = try mnistTestDigitsCutToTheirInk().filter { isPlusSign($0.crop, digitHeight: 1000) }
        XCTAssertEqual(plusses.count, 0, "MNIST test digits taken for a plus sign (labels \(plusses.map(\.label)))")
    }
}

/// A dollar sign printed before a cheque's amount is no digit (`isDollarSign`, WrittenSigns.swift).
extension StraightLineTests {
    /// A "$" as a bold font prints it: an S with the stubs of an upright bar standing out above
    /// and below it (the bar hidden in the S). Not: the S without them, a 5 (a bar across its
    /// top), an 8.
    func testADollarSignIsAnSCrossedByABarAndAFiveIsNot() {
        let (w, h) = (20, 30)
        let s = union(stroke(w, h, from: (16, 6), to: (4, 6), width: 3), stroke(w, h, from: (4, 6), to: (3, 12), width: 3),
                      stroke(w, h, from: (3, 12), to: (16, 17), width: 3), stroke(w, h, from: (16, 17), to: (15, 23), width: 3),
                      stroke(w, h, from: (15, 23), to: (3, 23), width: 3))
        let bar = (0..<(w * h)).map { i -> UInt8 in (i / w < 6 || i / w >= 24) && (9...11).contains(i % w) ? 255 : 0 }
        XCTAssertTrue(isDollarSign(crop(union(s, bar), w, h)), "$")
        XCTAssertFalse(isDollarSign(crop(s, w, h)), "an S without its bar")
        let five = union(stroke(w, h, from: (17, 2), to: (4, 2), width: 3), stroke(w, h, from: (4, 2), to: (3, 13), width: 3),
                         stroke(w, h, from: (3, 13), to: (16, 16), width: 3), stroke(w, h, from: (16, 16), to: (15, 25), width: 3),
                         stroke(w, h, from: (15, 25), to: (3, 27), width: 3))
        XCTAssertFalse(isDollarSign(crop(five, w, h)), "a 5")
        let eight = union(stroke(w, h, from: (10, 1), to: (3, 7), width: 3), stroke(w, h, from: (10, 1), to: (17, 7), width: 3),
                          stroke(w, h, from: (3, 7), to: (17, 22), width: 3), stroke(w, h, from: (17, 7), to: (3, 22), width: 3),
                          stroke(w, h, from: (3, 22), to: (10, 28), width: 3), stroke(w, h, from: (17, 22), to: (10, 28), width: 3))
        XCTAssertFalse(isDollarSign(crop(eight, w, h)), "an 8")
    }

    /// A "$" printed small before a generated cheque's amount (20 pixels tall), as it binarized:
    /// its stubs' ends a pixel narrower than the rest (1 then 3 pixels wide at the top), which
    /// ended each stub after one row, under the two a stub needs; read as a 5 ("5168" for "168").
    func testASmallPrintedDollarSignWithTaperedStubsIsOne() {
        let rows = ["......#.....", ".....###....", "....####....", "..########..", ".##########.", ".###.....###", ".##.......##",
                    ".###........", ".####.......", "..######....", "....#######.", ".......#####", ".........###", ".#.......###",
                    "###.......##", ".###.....###", "..#########.", "...#######..", ".....###....", ".....##....."]
        let mask = rows.flatMap { $0.map { $0 == "#" ? UInt8(255) : 0 } }
        XCTAssertTrue(isDollarSign(Crop(box: Box(x: 3, y: 20, width: 12, height: 20), mask: mask)))
    }

    /// A "$" of a bold sans font, its bar drawn through the S (a reviewer's generated cheques,
    /// as they binarized, 19 and 31 pixels tall): the S's rows hold the bar's ink in their
    /// middle, and no row was inked on one side only; read as a 5 ("5346" for "$ 346"),
    /// 15 of 17 such cheques, until the S was looked at beside the bar. Not a bold 4.
    func testABoldDollarSignWithItsBarThroughTheSIsOne() {
        let small = [".....##.....", ".....##.....", ".....##.....", "..#########.", ".##########.", ".###.##...#.", ".###.##.....",
                     ".######.....", ".########...", "..#########.", ".....#######", ".....##.####", ".....##.####", "####.#######",
                     "###########.", ".#########..", ".....##.....", ".....##.....", ".....##....."]
        let large = [".........##........", "........###........", "........###........", "........####.......", ".....############..",
                     "....##############.", "...###############.", "..################.", "..#########...####.", ".#####...##........",
                     ".#####...##........", ".#####..###........", ".###########.......", "..#############....", "...##############..",
                     ".....############..", ".......###########.", "........##########.", "........###..######", "........###...#####",
                     "........###...#####", ".####...####.#####.", "##################.", "#################..", ".###############...",
                     "..###########......", ".......#####.......", "........###........", "........###........", "........###........",
                     "........###........"]
        // Another, 29 pixels tall, binarized with a 1-pixel tip at one edge of its top stub
        // (read "5 12" for "$ 12-").
        let tipped = [".......#.........", ".......###.......", ".......###.......", ".......###.......",
                      "....##########...", "..##############.", ".###############.", "##########.#####.",
                      "#####..###.......", "#####..###.......", "#####..###.......", "##########.......",
                      ".############....", ".##############..", "..##############.", "....#############",
                      ".......##########", ".......###..#####", ".......###..#####", "#......###..#####",
                      "######.#########.", "################.", "###############..", "...##########....",
                      ".......###.......", ".......###.......", ".......###.......", ".......###.......",
                      ".......##........"]
        // And one 17 pixels tall whose 2-pixel stubs widen to 4 and 3 pixels in the next row,
        // where the S begins: the stub is the 2 pixels.
        let shortStubs = [".....##.....", "....####....", "..########..", ".##########.", ".#######....", "#######.....",
                          ".#######....", ".########...", "..#########.", "....########", ".....#######", ".....#######",
                          "###.########", ".##########.", "...######...", ".....###....", ".....##....."]
        // A bold 4 of a generated page (30 pixels): a stem from top to bottom, its bar's stub
        // beside it no bowl.
        let four = ["......####.........", "......####.........", ".....#####.........", ".....#####.........", ".....#####.........",
                    "....######.........", "...#######.........", "...########........", "...########........", "...#########.......",
                    "..##########.......", "..##########.......", ".###########.......", ".################..", ".##################",
                    "###################", "###################", "###################", "#################..", ".#############.....",
                    "........######.....", ".........####......", "........#####......", ".......######......", "......#######......",
                    ".......######......", ".......#####.......", "........####.......", "........####.......", ".........##........"]
        for rows in [small, large, tipped, shortStubs] { XCTAssertTrue(isDollarSign(crop(rows)), "\(rows.count) rows tall") }
        XCTAssertFalse(isDollarSign(crop(four)), "a bold 4")
    }

    /// Serif "$"s printed before generated cheques' amounts, as they binarized (18 and 34
    /// pixels tall): the first's bar broken in the S's upper bowl, the second's standing left
    /// of the S's middle. Neither has a row inked on one side only with the bar counted, nor a
    /// bar through every row; both read as a 5 ("53850" for "$ 3.850-", "5900" for "$ 900")
    /// until the S was looked at beside the bar's columns in any case.
    func testASerifDollarSignWithItsBarBrokenOrOffTheMiddleIsOne() {
        let broken = [".....#.....", "....###....", ".#########.", ".##..#..##.", "###......#.", "###.##.....", "######.....",
                      ".#######...", "..########.", "....#######", ".....######", "#....#..###", "##...#..###", "######.###.",
                      "#########..", "...####....", "....##.....", ".....#....."]
        let offMiddle = [".........###.........", ".........###.........", ".........###.........", ".......######........",
                         "......########.......", "..##################.", "..##################.", ".######..####..#####.",
                         ".#####..........####.", ".#####..........###..", ".#####...........#...", "######...##..........",
                         "#######.###..........", "############.........", ".############........", ".###############.....",
                         "..################...", ".....##############..", ".......#############.", "........#############",
                         ".........###########.", ".........############", "..........#...#######", ".##............######",
                         "####...........#####.", "#####....#.....#####.", "############..#####..", ".#################...",
                         "..##############.....", "........#####........", "........#####........", ".........####........",
                         ".........####........", "..........##........."]
        for rows in [broken, offMiddle] {
            let crop = Crop(box: Box(x: 3, y: 20, width: rows[0].count, height: rows.count), mask: rows.flatMap { $0.map { $0 == "#" ? UInt8(255) : 0 } })
            XCTAssertTrue(isDollarSign(crop), "\(rows.count) rows tall")
        }
    }

    /// A bold "$" printed small (15–19 pixels) on a reviewer's cheques photographed with a little
    /// blur, as they binarized: the bottom stub whole, the top one only a tip of one row, one
    /// or two pixels wide, above the S; read as a 5 ("5820" for "$ 820-", "594700" for
    /// "$ 947.00"), 10 of 110 cheques.
    func testASmallBlurredDollarSignWithOnlyTheTipOfItsTopStubIsOne() {
        let shapes = [
            ["......#.....", ".....####...", "..##########", ".###########", ".###########", ".######.....", ".######.....",
             ".########...", "..#########.", ".....#######", "......######", "......######", ".##...######", "############",
             ".##########.", "...######...", ".....###....", ".....###....", ".....###...."],
            ["...##....", "..#####..", "########.", "########.", "#####....", "######...", "#######..", ".########",
             "...######", "...######", "#########", "########.", ".#####...", "...##....", "...##...."],
            ["....#.....", "...####...", "..########", ".#########", "######....", "######....", "######....", "########..",
             ".#########", "....#####.", "....######", "...#######", "#########.", "#######...", "....##....", "....#....."],
        ]
        for rows in shapes { XCTAssertTrue(isDollarSign(crop(rows)), "\(rows.count) rows tall") }
        // A handwritten 5 of a reviewer's photo, a speck at the end of its bar above the
        // bowl's narrow end: no tip of a stub, the whole bar lies under it.
        let five = ["...........#......", ".##############...", "###############...", "##############....", "###########.......",
                    ".####.............", ".####.............", ".####.............", ".####.............", ".####.............",
                    ".#############....", "..#############...", "..##############..", "..########.######.", "..######.....####.",
                    "..#####......#####", "...###........####", "..............####", "..............####", "..............####",
                    ".............#####", ".............#####", ".............####.", "............#####.", ".......#########..",
                    "........#######...", ".........#####...."]
        XCTAssertFalse(isDollarSign(crop(five)), "a 5")
    }

    /// A narrow printed "$" (10x26, from a reviewer's generated cheque where it read as a 5
    /// before "90000"): its S lies mostly right of the bar and reaches 2 columns left of it.
    /// It is one with its bar unbroken; with one row of the bar gone, it is not.
    func testANarrowDollarSignWithItsBarUnbrokenIsOne() {
        let narrow = ["..##......", "..##......", "..##......", "..##......", "########..", "#########.", "..##..####", "..##...###",
                      "..##....#.", "..##......", "####......", "#######...", "#########.", "#########.", "##########", "..########",
                      "..##..####", "..##..####", "..##..####", "..##..####", "..#######.", "#######...", "..##......", "..##......",
                      "..##......", "..##......"]
        XCTAssertTrue(isDollarSign(crop(narrow)), "a narrow dollar sign")
        var broken = narrow
        broken[9] = ".........."
        XCTAssertFalse(isDollarSign(crop(broken)), "its bar broken")
    }

    /// Handwritten "$"s before generated cheques' amounts, as they binarized (a helper's
    /// generator; 37 and 38 pixels tall): the bar leans, so its stubs' columns drift a pixel
    /// every few rows, the second's top and bottom stubs 3.5 pixels apart, and the S is narrow
    /// in the middle of its height; read as a 5 and an 8 ("5291050", "870000") while the
    /// stubs had to stand on the columns of their first row. Not a handwritten 4 of a
    /// generated page (54 pixels) whose stem stands out above its arm and below its bar: its
    /// arm lies on one side of the stem only, where an S's top arc crosses the bar.
    func testAHandwrittenDollarSignWithALeaningBarIsOneAndAFourIsNot() {
        let upright = [
                ".........#.......", "........##.......", "........##.......", "........###......",
                "......#######....", "....###########..", "...#############.", "..#####.###.#####",
                ".####...##....###", ".###....##.......", ".###....##.......", ".###....##.......",
                "..###...##.......", "..###...##.......", "...###..##.......", "....######.......",
                "....######.......", ".....######......", ".......######....", "........######...",
                "........###.###..", "........##..####.", "........##...###.", "........##....###",
                "........##....###", "........##.....##", ".......###....###", "###....###....###",
                "####...###...###.", ".#####.###..####.", "..#############..", "....#########....",
                "......#####......", ".......###.......", ".......###.......", ".......###.......",
                "........#........"
        ]
        let leaning = [
                "...........##.......", "..........###.......", "..........###.......", "..........###.......",
                ".........#####......", ".......#########....", ".....#############..", "....#########.#####.",
                "...####...##....####", "..#####...##.....###", "..####...###........", "..###....###........",
                "..###....###........", "..####...###........", "...###...###........", "...####..###........",
                "...#####.##.........", "....########........", "......######........", ".......########.....",
                ".........######.....", ".........###.####...", "........###..####...", "........###...###...",
                "........###....###..", "........###.....##..", "........###.....###.", "........###.....###.",
                ".##.....###.....###.", "#####...###....###..", ".##########..#####..", "..###############...",
                "....###########.....", ".....########.......", ".......####.........", ".......###..........",
                ".......###..........", ".......###.........."
        ]
        let four = [
                "....................##...........", "...................####..........", "...................####..........",
                "...................####..........", "...................####..........", "...................####..........",
                "...................####..........", "...................###...........", "..................####...........",
                "..................####...........", "..................####...........", ".................#####...........",
                ".................#####...........", ".................#####...........", "................#####............",
                "................#####............", ".....###........#####............", "....#####.......#####............",
                "....#####.......#####............", "....#####......######............", "...######......######............",
                "...######......#####.............", "...#####.......#####.............", "...#####.......#####.............",
                "...#####......######.............", "..#######....#######.............", "..##################.............",
                ".###################.............", "####################.............", "#####################............",
                "######..###############..........", "####.......###############...###.", ".#..........#####################",
                ".............####################", ".............###################.", ".............######.....#######..",
                ".............#####...............", ".............#####...............", ".............#####...............",
                ".............#####...............", ".............#####...............", ".............#####...............",
                ".............####................", ".............####................", "............#####................",
                "............#####................", "............#####................", ".............####................",
                ".............####................", ".............####................", ".............####................",
                ".............####................", ".............####................", "..............##................."
        ]
        XCTAssertTrue(isDollarSign(crop(upright)), "a handwritten dollar sign")
        XCTAssertTrue(isDollarSign(crop(leaning)), "a handwritten dollar sign, its bar leaning")
        XCTAssertFalse(isDollarSign(crop(four)), "a handwritten 4")
    }

    /// Of MNIST's 10,000 test digits cut to their ink, at most the one bold 4 drawn like an
    /// arrow (index 4738) has the dollar sign's shape.
    func testAlmostNoMNISTTestDigitIsADollarSign() throws {
        let digits = try mnistTestDigitsCutToTheirInk()
        let dollars = digits.filter { isDollarSign($0.crop) }
        XCTAssertLessThanOrEqual(dollars.count, 1, "MNIST test digits taken for a dollar sign (labels \(dollars.map(\.label)))")
        // Enlarged two and three times (each pixel a 2x2 or 3x3 block), as a photo's digits
        // 40–60 pixels tall are: the stubs' least length grows with the height.
        for factor in [2, 3] {
            let enlarged = digits.filter { digit in
                let (w, h) = (digit.crop.box.width, digit.crop.box.height)
                let mask = (0..<(w * factor * h * factor)).map { digit.crop.mask[($0 / (w * factor) / factor) * w + ($0 % (w * factor)) / factor] }
                return isDollarSign(Crop(box: Box(x: 0, y: 0, width: w * factor, height: h * factor), mask: mask))
            }
            XCTAssertLessThanOrEqual(enlarged.count, 1, "MNIST test digits enlarged \(factor) times taken for a dollar sign (labels \(enlarged.map(\.label)))")
        }
    }
}
