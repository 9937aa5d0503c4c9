import XCTest
@testable import DigitNet

/// The compiled inference path (folded BatchNorm, fused passes, direct first convolution)
/// must give the layered network's probabilities.
final class InferenceTests: XCTestCase {
    /// A network with non-trivial BatchNorm statistics and biases, so folding is exercised.
    func scrambled(_ architecture: Architecture) -> Network {
        let net = architecture.make(seed: 3)
        var g = SeededGenerator(seed: 4)
        for layer in net.layers {
            if let bn = layer as? BatchNorm {
                for j in 0..<bn.channels {
                    bn.weight.value[j] = g.uniform(0.5, 1.5); bn.bias.value[j] = g.uniform(-0.3, 0.3)
                    bn.runningMean.value[j] = g.uniform(-0.5, 0.5); bn.runningVariance.value[j] = g.uniform(0.3, 2)
                }
            }
            for p in layer.parameters where p.name.hasSuffix(".bias") && !(layer is BatchNorm) {
                for j in 0..<p.value.count { p.value[j] = g.uniform(-0.2, 0.2) }
            }
        }
        return net
    }

    func testCompiledNetworkMatchesLayeredForward() throws {
        for architecture in Architecture.allCases {
            let net = scrambled(architecture)
            let compiled = try InferenceNetwork(net)
            var g = SeededGenerator(seed: 5)
            // Groups of dense rows that fill four-row passes or leave one to three over (1, 3,
            // 10 on two workers); 70 spans workers and groups of 32.
            for count in [1, 3, 10, 70] {
                let images = (0..<count * 784).map { _ in g.uniform() < 0.2 ? g.uniform(0.3, 1) : 0 }
                let expected = Tensor()
                SoftmaxCrossEntropy.softmax(net.forward(Tensor(shape: [count, 28, 28, 1], values: images), training: false), into: expected)
                let got = compiled.probabilities(images: images, count: count)
                XCTAssertEqual(got.count, count * 10)
                let worst = zip(got, expected.values).map { abs($0 - $1) }.max()!
                XCTAssertLessThan(worst, 1e-4, "\(architecture.rawValue), \(count) images")
                // Not all mass on one class: the comparison says something.
                XCTAssertLessThan(got.max()!, 0.9999, "\(architecture.rawValue)")
            }
        }
    }

    /// Calls from several threads at once (the camera's frames in flight, annotate's jobs)
    /// get the same answers as calls one at a time, to the bit: an overlapping call runs on
    /// one core, so its images are grouped differently, but each image's sums are taken in
    /// the same order whatever its group.
    func testConcurrentCallsGiveTheSameAnswers() throws {
        let compiled = try InferenceNetwork(scrambled(.digitNetV1))
        var g = SeededGenerator(seed: 6)
        let batches = (0..<6).map { b in (0..<(b + 1) * 3 * 784).map { _ in g.uniform() < 0.2 ? g.uniform(0.3, 1) : 0 } }
        let serial = batches.map { compiled.probabilities(images: $0, count: $0.count / 784) }
        var concurrent = [[Float]](repeating: [], count: batches.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: batches.count * 4) { i in
            let b = i % batches.count
            let p = compiled.probabilities(images: batches[b], count: batches[b].count / 784)
            lock.lock(); concurrent[b] = p; lock.unlock()
        }
        for (b, p) in concurrent.enumerated() {
            XCTAssertEqual(p.count, serial[b].count)
            XCTAssertEqual(p, serial[b], "batch \(b)")
        }
    }

    func testRejectsLayerSequencesItCannotCompile() {
        struct DenseFirst: Network {
            let architecture = "dense-first"
            let layers: [Layer]
            init() { var g = SeededGenerator(seed: 1); layers = [Flatten(), Dense(name: "fc", inputSize: 784, outputSize: 10, generator: &g)] }
        }
        XCTAssertThrowsError(try InferenceNetwork(DenseFirst())) { error in
            XCTAssertTrue("\(error)".contains("dense-first"), "\(error)")
        }
    }
}
