import Foundation
import XCTest
@testable import DigitNet

/// Marks that are no digit, drawn for training (SymbolSamples.swift).
final class SymbolSampleTests: XCTestCase {
    /// `count` marks drawn from `seed`, 28x28 each, one after another.
    func drawnMarks(count: Int, seed: UInt64, augmentation: AugmentationParameters) -> [Float] {
        var images = [Float](repeating: 0, count: count * Dataset.pixels)
        images.withUnsafeMutableBufferPointer { buffer in
            for k in 0..<count {
                var g = SeededGenerator(seed: seed, stream: 7, index: UInt64(k))
                XCTAssertTrue(makeSymbol(into: buffer.baseAddress! + k * Dataset.pixels, augmentation: augmentation, generator: &g))
            }
        }
        return images
    }

    func testMarksAreNormalizedAsTheMNISTDigitsAre() {
        let images = drawnMarks(count: 200, seed: 1, augmentation: .none)
        for k in 0..<200 {
            let image = Array(images[(k * Dataset.pixels)..<((k + 1) * Dataset.pixels)])
            var mass: Float = 0, mx: Float = 0, my: Float = 0
            for y in 0..<28 { for x in 0..<28 { let v = image[y * 28 + x]; mass += v; mx += v * Float(x); my += v * Float(y) } }
            // Centred by mass in the frame, the ink's box 20 pixels on its long side.
            XCTAssertEqual(mx / mass, 13.5, accuracy: 0.75, "mark \(k)")
            XCTAssertEqual(my / mass, 13.5, accuracy: 0.75, "mark \(k)")
            guard let box = inkBox(image, side: 28) else { return XCTFail("mark \(k) has no ink") }
            XCTAssertTrue((19...21).contains(Swift.max(box.width, box.height)), "mark \(k): box \(box.width)x\(box.height)")
            // Pen strokes, not blobs: MNIST's mean ink is 0.13 of the frame.
            XCTAssertTrue((0.04...0.3).contains(mass / Float(Dataset.pixels)), "mark \(k): ink \(mass / Float(Dataset.pixels))")
        }
        // The same seed draws the same marks (training runs are repeatable).
        XCTAssertEqual(drawnMarks(count: 5, seed: 1, augmentation: AugmentationParameters()),
                       drawnMarks(count: 5, seed: 1, augmentation: AugmentationParameters()))
    }
}
