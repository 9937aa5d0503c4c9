import DigitNet
import Foundation
import XCTest
@testable import DigitVision

/// The run-based labeller (`connectedComponents(_:width:height:)`) against OpenCV's, through
/// the bridge: the same labels, numbered alike, with the same statistics.
final class ConnectedComponentsTests: XCTestCase {
    /// Asserts that both labellings are the same, label for label (OpenCV numbers
    /// 8-connected components by the first 2x2 block they touch, 4-connected ones by their
    /// first pixel), with the same statistics for every component and the background.
    func assertSameAsOpenCV(_ binary: [UInt8], width w: Int, height h: Int, connectivity: Int, _ what: String) throws {
        let ours = connectedComponents(binary, width: w, height: h, connectivity: connectivity)
        let theirs = try Image(width: w, height: h, channels: 1, pixels: binary).connectedComponents(connectivity: connectivity)
        XCTAssertEqual(ours.components.count, theirs.components.count, "\(what): component count")
        XCTAssertTrue(ours.labels == theirs.labels, "\(what): labels differ at \((0..<w * h).filter { ours.labels[$0] != theirs.labels[$0] }.prefix(5))")
        guard ours.components.count == theirs.components.count else { return }
        for (i, (o, t)) in zip(ours.components, theirs.components).enumerated() {
            // With no blank pixel, OpenCV fills the background's box with sentinels (its
            // centroid is 0/0); ours is an empty box.
            if i == 0 && t.area == 0 {
                XCTAssertEqual([o.x, o.y, o.width, o.height, o.area], [0, 0, 0, 0, 0], "\(what): empty background")
                continue
            }
            XCTAssertEqual([o.x, o.y, o.width, o.height, o.area], [t.x, t.y, t.width, t.height, t.area], "\(what): component \(i)")
            XCTAssertEqual(o.centroidX, t.centroidX, accuracy: 1e-6, "\(what): component \(i)")
            XCTAssertEqual(o.centroidY, t.centroidY, accuracy: 1e-6, "\(what): component \(i)")
        }
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
        // A speck starting a 2x2 block's second row (row 37, column 0) and one earlier on
        // the block row's first row (row 36, column 20): OpenCV's 8-connected labels take
        // the first first.
        binary[37 * w + 0] = 255; binary[36 * w + 20] = 255
        for connectivity in [4, 8] {
            try assertSameAsOpenCV(binary, width: w, height: h, connectivity: connectivity, "shapes \(connectivity)-connected")
        }
        let labels = connectedComponents(binary, width: w, height: h)
        XCTAssertEqual(labels.components.count - 1, 6, "U, W, spiral, the diagonal pair and two specks")
        XCTAssertEqual(connectedComponents(binary, width: w, height: h, connectivity: 4).components.count - 1, 7, "the pair is two 4-connected pieces")
        XCTAssertLessThan(labels.labels[37 * w], labels.labels[36 * w + 20], "8-connected: numbered by 2x2 blocks")
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
