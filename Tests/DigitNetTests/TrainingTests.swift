import XCTest
@testable import DigitNet

final class TrainingTests: XCTestCase {
    /// Synthetic digits: class k is a bar at row 2+2k (so tests need no data files).
    func syntheticData(count: Int, seed: UInt64) -> Dataset {
        var g = SeededGenerator(seed: seed)
        var images = [Float](), labels = [UInt8]()
        for _ in 0..<count {
            let label = Int(g.next() % 10)
            var image = [Float](repeating: 0, count: 784)
            let row = 3 + 2 * label, start = Int(g.next() % 8)
            for x in start..<(start + 14) { image[row * 28 + x] = 1; image[(row + 1) * 28 + x] = 0.6 }
            for i in 0..<784 { image[i] = Swift.min(1, image[i] + g.uniform(0, 0.2)) }
            images += image; labels.append(UInt8(label))
        }
        return Dataset(images: images, labels: labels)
    }

    func testAdamOverfitsSmallBatchAndSameSeedGivesSameModel() throws {
        let data = syntheticData(count: 256, seed: 4)
        func train() throws -> [Float] {
            var options = TrainingOptions()
            options.augmentation = .none
            options.batchSize = 64
            options.labelSmoothing = 0
            let net = Architecture.kerasReference.make(seed: 5)
            let trainer = try Trainer(network: net, options: options)
            for epoch in 0..<8 { _ = trainer.trainEpoch(data, epoch: epoch, totalSteps: 32) }
            XCTAssertEqual(net.evaluate(data).accuracy, 1, "a network must fit 256 samples exactly")
            return net.parameters.flatMap { $0.value.values }
        }
        XCTAssertEqual(try train(), try train(), "the same seed must give the same weights")
    }

    func testOptimizersRejectOutOfRangeSettings() {
        XCTAssertThrowsError(try Adam(beta1: 1.5))
        XCTAssertThrowsError(try SGD(momentum: -0.1))
        XCTAssertNoThrow(try SGD(momentum: 0.9, weightDecay: 1e-4))
    }

    func testSGDMinimizesQuadratic() throws {
        let p = Parameter(name: "w", shape: [1], decays: false)
        p.value[0] = 5
        let sgd = try SGD(momentum: 0.9)
        for _ in 0..<200 { p.gradient[0] = 2 * p.value[0]; sgd.step([p], learningRate: 0.05) }
        XCTAssertEqual(p.value[0], 0, accuracy: 1e-3)
    }

    func testScheduleWarmsUpAndDecays() {
        let s = LearningRateSchedule.oneCycle(peak: 1, warmupFraction: 0.2)
        XCTAssertLessThan(s.rate(step: 0, totalSteps: 100), 0.1)
        XCTAssertEqual(s.rate(step: 20, totalSteps: 100), 1, accuracy: 1e-3)
        XCTAssertLessThan(s.rate(step: 99, totalSteps: 100), 0.01)
    }

    func testAugmentationKeepsInkAndChangesPixels() {
        let data = syntheticData(count: 1, seed: 9)
        var out = [Float](repeating: 0, count: 784)
        var g = SeededGenerator(seed: 1)
        data.images.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { augmentImage(src.baseAddress!, into: $0.baseAddress!, parameters: AugmentationParameters(), generator: &g) }
        }
        XCTAssertNotEqual(out, data.images)
        let before = data.images.reduce(0, +), after = out.reduce(0, +)
        XCTAssertEqual(after / before, 1, accuracy: 0.6)
        var identity = [Float](repeating: 0, count: 784)
        data.images.withUnsafeBufferPointer { src in
            identity.withUnsafeMutableBufferPointer { augmentImage(src.baseAddress!, into: $0.baseAddress!, parameters: .none, generator: &g) }
        }
        for i in 0..<784 { XCTAssertEqual(identity[i], data.images[i], accuracy: 1e-5) }
    }

    func testLostResolutionBlursButKeepsTheInk() {
        // A crisp "1" and crossbar, two pixels thick.
        var image = [Float](repeating: 0, count: 784)
        for y in 4..<24 { image[y * 28 + 13] = 1; image[y * 28 + 14] = 1 }
        for x in 8..<20 { image[20 * 28 + x] = 1; image[21 * 28 + x] = 1 }
        var lowResolution = AugmentationParameters.none
        lowResolution.lowResolutionProbability = 1
        lowResolution.lowResolutionSides = 14...14
        var out = [Float](repeating: 0, count: 784)
        var g = SeededGenerator(seed: 1)
        image.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { augmentImage(src.baseAddress!, into: $0.baseAddress!, parameters: lowResolution, generator: &g) }
        }
        // Area averaging keeps the ink; enlarging back spreads it: fewer pixels stay fully
        // inked and more are grey.
        XCTAssertEqual(out.reduce(0, +) / image.reduce(0, +), 1, accuracy: 0.1)
        let full = { (image: [Float]) in image.filter { $0 > 0.9 }.count }
        let grey = { (image: [Float]) in image.filter { $0 > 0.05 && $0 <= 0.9 }.count }
        XCTAssertLessThan(full(out), full(image) / 2)
        XCTAssertGreaterThan(grey(out), full(image))
    }
}


/// Images that are no digit, for training the classifier to doubt them (NonDigitSamples.swift).
final class NonDigitSampleTests: XCTestCase {
    /// Clean drawn digits: a ring (0), a stem (1) and a box with a bar (8-like, label 8).
    func drawnDigits() -> Dataset {
        var images = [Float](), labels = [UInt8]()
        for label in [0, 1, 8] as [UInt8] {
            var image = [Float](repeating: 0, count: 784)
            for y in 4..<24 {
                for x in 7..<21 {
                    let dx = Float(x) - 13.5, dy = (Float(y) - 13.5) * 0.7
                    let ring = abs((dx * dx + dy * dy).squareRoot() - 6) < 1.2
                    let stem = x == 13 || x == 14
                    let box = x <= 8 || x >= 19 || y <= 5 || y >= 22 || y == 13
                    if (label == 0 && ring) || (label == 1 && stem) || (label == 8 && box) { image[y * 28 + x] = 1 }
                }
            }
            images += image; labels.append(label)
        }
        return Dataset(images: images, labels: labels)
    }

    func testNonDigitsAreNormalizedPairsAndPartsLikeTheCropsThePipelineCuts() {
        let data = drawnDigits()
        var wide = 0, narrow = 0
        var out = [Float](repeating: 0, count: 784)
        for n in 0..<60 {
            var g = SeededGenerator(seed: 3, stream: 1, index: UInt64(n))
            data.images.withUnsafeBufferPointer { images in
                makeNonDigit(images: images.baseAddress!, labels: data.labels, into: &out, augmentation: .none, generator: &g)
            }
            guard let box = inkBox(out, side: 28) else { XCTFail("sample \(n) is empty"); continue }
            // MNIST's frame: the longer side fills 20 pixels, the centre of mass at the centre.
            XCTAssertEqual(Swift.max(box.width, box.height), 20, accuracy: 1, "sample \(n): \(box)")
            var mass: Float = 0, mx: Float = 0, my: Float = 0
            for y in 0..<28 { for x in 0..<28 { mass += out[y * 28 + x]; mx += out[y * 28 + x] * Float(x); my += out[y * 28 + x] * Float(y) } }
            XCTAssertEqual(mx / mass, 13.5, accuracy: 1); XCTAssertEqual(my / mass, 13.5, accuracy: 1)
            if box.width > box.height { wide += 1 } else { narrow += 1 }
        }
        // Two digits side by side are wider than tall; a digit's left or right part is not.
        XCTAssertGreaterThan(wide, 12)
        XCTAssertGreaterThan(narrow, 10)
    }

    func testOnesAloneGiveNoNonDigit() {
        // Two 1s run together look like a 1 with a flag, and a 1 has no part that is not a 1:
        // from 1s alone no non-digit can be made, and the frame is left empty.
        let ones = drawnDigits().gather([1, 1, 1])
        var out = [Float](repeating: 0.5, count: 784)
        var g = SeededGenerator(seed: 5)
        ones.images.withUnsafeBufferPointer { images in
            makeNonDigit(images: images.baseAddress!, labels: ones.labels, into: &out, augmentation: AugmentationParameters(), generator: &g)
        }
        XCTAssertEqual(out, [Float](repeating: 0, count: 784))
    }
}
