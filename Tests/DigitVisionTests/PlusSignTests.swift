import DigitNet
import XCTest
@testable import DigitVision

/// A plus sign written in a sum is no digit (`isPlusSign`, NonDigitShapes.swift).
extension StraightLineTests {
    func crop(_ mask: [UInt8], _ w: Int, _ h: Int) -> Crop { Crop(box: Box(x: 0, y: 0, width: w, height: h), mask: mask) }
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

    /// No MNIST test digit has the shape of a "+" (the height rule aside): 10,000 digits cut to
    /// their ink (grey level 128 and over).
    func testNoMNISTTestDigitIsAPlusSign() throws {
        try Shared.require(Shared.mnist)
        let test = try MNIST.load(directory: Shared.mnist, split: .test)
        var plusses = [Int]()
        for index in 0..<test.count {
            let pixels = test.images[(index * 784)..<((index + 1) * 784)].map { $0 >= 128 ? UInt8(255) : 0 }
            let rows = (0..<28).filter { y in (0..<28).contains { pixels[y * 28 + $0] != 0 } }
            let columns = (0..<28).filter { x in (0..<28).contains { pixels[$0 * 28 + x] != 0 } }
            guard let top = rows.first, let bottom = rows.last, let left = columns.first, let right = columns.last else { continue }
            let (w, h) = (right - left + 1, bottom - top + 1)
            let mask = (0..<(w * h)).map { pixels[($0 / w + top) * 28 + $0 % w + left] }
            if isPlusSign(crop(mask, w, h), digitHeight: 1000) { plusses.append(index) }
        }
        XCTAssertEqual(plusses, [], "MNIST test digits taken for a plus sign (labels \(plusses.map { test.labels[$0] }))")
    }
}
