import DigitNet
import Foundation
import XCTest
@testable import DigitVision

/// The run-based labeller (`connectedComponents(_:width:height:)`) against OpenCV's, through
/// the bridge: the same components with the same statistics, numbered in raster order.
final class ConnectedComponentsTests: XCTestCase {
    /// Asserts that both labellings split the pixels alike (the labels equal up to a
    /// renumbering), that the components' statistics agree, and that ours are numbered in the
    /// raster order of their first pixel.
    func assertSameAsOpenCV(_ binary: [UInt8], width w: Int, height h: Int, connectivity: Int, _ what: String) throws {
        let ours = connectedComponents(binary, width: w, height: h, connectivity: connectivity)
        let theirs = try Image(width: w, height: h, channels: 1, pixels: binary).connectedComponents(connectivity: connectivity)
        XCTAssertEqual(ours.components.count, theirs.components.count, "\(what): component count")
        guard ours.components.count == theirs.components.count else { return }
        var ourOfTheirs = [Int32: Int32](), seen = Set<Int32>()
        var nextFirst: Int32 = 1
        for i in 0..<w * h {
            let a = ours.labels[i], b = theirs.labels[i]
            XCTAssertEqual(a == 0, b == 0, "\(what): pixel \(i) is ink in one labelling only")
            guard a != 0 else { continue }
            if let mapped = ourOfTheirs[b] {
                guard mapped == a else { return XCTFail("\(what): pixel \(i) splits OpenCV's component \(b)") }
            } else {
                guard !seen.contains(a) else { return XCTFail("\(what): pixel \(i) joins two of OpenCV's components") }
                ourOfTheirs[b] = a; seen.insert(a)
                XCTAssertEqual(a, nextFirst, "\(what): components are numbered in raster order")
                nextFirst += 1
            }
        }
        for (b, a) in ourOfTheirs {
            let o = ours.components[Int(a)], t = theirs.components[Int(b)]
            XCTAssertEqual([o.x, o.y, o.width, o.height, o.area], [t.x, t.y, t.width, t.height, t.area], "\(what): component \(a)")
            XCTAssertEqual(o.centroidX, t.centroidX, accuracy: 1e-6); XCTAssertEqual(o.centroidY, t.centroidY, accuracy: 1e-6)
        }
        // With no blank pixel, OpenCV's background box is left uninitialized; ours is empty.
        let o = ours.components[0], t = theirs.components[0]
        guard t.area > 0 else { return XCTAssertEqual([o.x, o.y, o.width, o.height, o.area], [0, 0, 0, 0, 0], "\(what): empty background") }
        XCTAssertEqual([o.x, o.y, o.width, o.height, o.area], [t.x, t.y, t.width, t.height, t.area], "\(what): background")
        XCTAssertEqual(o.centroidX, t.centroidX, accuracy: 1e-6); XCTAssertEqual(o.centroidY, t.centroidY, accuracy: 1e-6)
    }

    func testRandomInkOfEveryDensityMatchesOpenCV() throws {
        var generator = SeededGenerator(seed: 7)
        // Widths that are and are not multiples of the eight-byte skip; densities from specks
        // to ink almost everywhere (joined at corners, which only 8-connectivity joins).
        for (w, h) in [(1, 1), (7, 5), (64, 48), (203, 117)] {
            for density in [0.0, 0.02, 0.3, 0.6, 1.0] {
                let binary = (0..<w * h).map { _ in Double.random(in: 0..<1, using: &generator) < density ? UInt8(255) : 0 }
                for connectivity in [4, 8] {
                    try assertSameAsOpenCV(binary, width: w, height: h, connectivity: connectivity, "\(w)x\(h) density \(density) \(connectivity)-connected")
                }
            }
        }
    }

    func testShapesThatJoinLateMatchOpenCV() throws {
        // A "U" and a "W" join their arms only at the bottom: runs met first as separate
        // components become one, and a spiral winds back on itself.
        let w = 60, h = 40
        var binary = [UInt8](repeating: 0, count: w * h)
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) { for y in y0..<y1 { for x in x0..<x1 { binary[y * w + x] = 255 } } }
        fill(2, 2, 4, 30); fill(10, 2, 12, 30); fill(2, 30, 12, 32)                        // U
        fill(20, 2, 22, 30); fill(28, 10, 30, 30); fill(36, 2, 38, 30); fill(20, 30, 38, 32) // W
        fill(44, 2, 58, 4); fill(56, 2, 58, 20); fill(44, 18, 58, 20); fill(44, 8, 46, 20); fill(44, 8, 52, 10) // spiral
        binary[35 * w + 5] = 255; binary[36 * w + 6] = 255                                   // a diagonal pair
        for connectivity in [4, 8] {
            try assertSameAsOpenCV(binary, width: w, height: h, connectivity: connectivity, "shapes \(connectivity)-connected")
        }
        let labels = connectedComponents(binary, width: w, height: h)
        XCTAssertEqual(labels.components.count - 1, 4, "U, W, spiral and the diagonal pair")
        XCTAssertEqual(connectedComponents(binary, width: w, height: h, connectivity: 4).components.count - 1, 5, "the pair is two 4-connected pieces")
    }

    func testRealPhotoInkMapsMatchOpenCV() throws {
        try Shared.require(Shared.realDev)
        let photos = try FileManager.default.contentsOfDirectory(atPath: Shared.realDev.appendingPathComponent("photos").path).sorted()
        for name in photos.prefix(6) {
            let gray = try Image(contentsOf: Shared.realDev.appendingPathComponent("photos/\(name)").path).grayscale()
            let ink = try makeInkMap(gray, parameters: PipelineParameters())
            try assertSameAsOpenCV(ink.binary, width: ink.width, height: ink.height, connectivity: 8, name)
        }
    }
}
