import XCTest
@testable import DigitNet

final class LayerTests: XCTestCase {
    // MARK: Hand-computed forward values

    func testConvolutionOnHandComputedImage() {
        var g = SeededGenerator(seed: 1)
        let conv = Conv2D(name: "c", inChannels: 1, outChannels: 1, kernelSize: 3, padding: .same, generator: &g)
        // A kernel that sums the 3x3 neighbourhood, bias 1.
        conv.weight.value.fill(1)
        conv.bias!.value.fill(1)
        let x = Tensor(shape: [1, 3, 3, 1], values: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let y = conv.forward(x, training: false)
        XCTAssertEqual(y.shape, [1, 3, 3, 1])
        // Corner (0,0): 1+2+4+5 = 12, +1 bias; centre: 45 + 1.
        XCTAssertEqual(y.values, [13, 22, 17, 28, 46, 34, 25, 40, 29])
    }

    func testValidStridedConvolutionShapeAndValues() {
        var g = SeededGenerator(seed: 1)
        let conv = Conv2D(name: "c", inChannels: 1, outChannels: 2, kernelSize: 2, stride: 2, padding: .valid, useBias: false, generator: &g)
        // Output channel 0 picks the top-left pixel, channel 1 sums the window.
        conv.weight.value.fill(0)
        conv.weight.value[0 * 2 + 0] = 1
        for i in 0..<4 { conv.weight.value[i * 2 + 1] = 1 }
        let x = Tensor(shape: [1, 4, 4, 1], values: (1...16).map(Float.init))
        let y = conv.forward(x, training: false)
        XCTAssertEqual(y.shape, [1, 2, 2, 2])
        XCTAssertEqual(y.values, [1, 14, 3, 22, 9, 46, 11, 54])
    }

    func testSameStridedConvolutionShape() {
        var g = SeededGenerator(seed: 1)
        let conv = Conv2D(name: "c", inChannels: 2, outChannels: 3, kernelSize: 5, stride: 2, padding: .same, generator: &g)
        XCTAssertEqual(conv.forward(randomTensor([2, 7, 7, 2]), training: false).shape, [2, 4, 4, 3])
    }

    func testMaxPoolPicksMaximum() {
        let pool = MaxPool2D(size: 2)
        let x = Tensor(shape: [1, 2, 4, 1], values: [1, 5, 2, 0, 3, 4, 8, 7])
        XCTAssertEqual(pool.forward(x, training: false).values, [5, 8])
    }

    func testDenseHandComputed() {
        var g = SeededGenerator(seed: 1)
        let dense = Dense(name: "fc", inputSize: 2, outputSize: 2, generator: &g)
        // W = [[1, 2], [3, 4]] (in x out), b = [0.5, -1].
        for (i, v) in [Float(1), 2, 3, 4].enumerated() { dense.weight.value[i] = v }
        dense.bias.value[0] = 0.5; dense.bias.value[1] = -1
        let y = dense.forward(Tensor(shape: [1, 2], values: [1, 1]), training: false)
        XCTAssertEqual(y.values, [4.5, 5])
    }

    func testBatchNormNormalizesInTrainingAndUsesRunningStatsInInference() {
        let bn = BatchNorm(name: "bn", channels: 1, momentum: 1)
        let x = Tensor(shape: [4, 1], values: [1, 2, 3, 4])
        let y = bn.forward(x, training: true).values
        XCTAssertEqual(y.reduce(0, +), 0, accuracy: 1e-5)
        XCTAssertEqual(y[3], Float(1.5 / 1.25.squareRoot()), accuracy: 1e-3)
        // With momentum 1 the running stats are the batch's: mean 2.5, unbiased var 5/3.
        XCTAssertEqual(bn.runningMean.value[0], 2.5, accuracy: 1e-6)
        XCTAssertEqual(bn.runningVariance.value[0], 5.0 / 3.0, accuracy: 1e-5)
        let inference = bn.forward(Tensor(shape: [1, 1], values: [2.5]), training: false)
        XCTAssertEqual(inference[0], 0, accuracy: 1e-6)
    }

    func testDropoutScalesKeptValuesAndIsIdentityAtInference() {
        let dropout = Dropout(rate: 0.5, seed: 3)
        let x = Tensor(shape: [1000], values: [Float](repeating: 1, count: 1000))
        let y = dropout.forward(x, training: true).values
        XCTAssertTrue(y.allSatisfy { $0 == 0 || $0 == 2 })
        XCTAssertEqual(Float(y.filter { $0 == 0 }.count) / 1000, 0.5, accuracy: 0.06)
        XCTAssertEqual(dropout.forward(x, training: false).values, x.values)
    }

    func testSoftmaxCrossEntropyValueAndGradient() {
        let loss = SoftmaxCrossEntropy()
        let logits = Tensor(shape: [1, 3], values: [0, 0, 0])
        XCTAssertEqual(loss.loss(logits: logits, labels: [1]), logf(3), accuracy: 1e-6)
        let g = loss.gradient(labels: [1]).values
        XCTAssertEqual(g[0], 1.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(g[1], 1.0 / 3 - 1, accuracy: 1e-6)
        // An image that is no digit is trained toward the uniform distribution: at uniform
        // probabilities its loss is log K and its gradient zero; a sure answer is pushed down.
        let smoothed = SoftmaxCrossEntropy(labelSmoothing: 0.05)
        XCTAssertEqual(smoothed.loss(logits: logits, labels: [nonDigitLabel]), logf(3), accuracy: 1e-6)
        for v in smoothed.gradient(labels: [nonDigitLabel]).values { XCTAssertEqual(v, 0, accuracy: 1e-7) }
        let sure = Tensor(shape: [2, 3], values: [4, 0, 0, 0, 4, 0])
        _ = smoothed.loss(logits: sure, labels: [0, nonDigitLabel])
        let gs = smoothed.gradient(labels: [0, nonDigitLabel]).values
        let p = expf(4) / (expf(4) + 2)
        XCTAssertEqual(gs[4], (p - 1.0 / 3) / 2, accuracy: 1e-6, "the sure answer of the non-digit is pushed down")
        XCTAssertEqual(gs[0], (p - (0.95 + 0.05 / 3)) / 2, accuracy: 1e-6, "the digit keeps its smoothed one-hot target")
    }

    // MARK: Backward against finite differences

    func testConv2DGradients() {
        var g = SeededGenerator(seed: 2)
        for (k, s, pad) in [(3, 1, Conv2D.Padding.same), (5, 1, .same), (3, 2, .same), (3, 2, .valid), (5, 2, .valid)] {
            let conv = Conv2D(name: "c", inChannels: 2, outChannels: 3, kernelSize: k, stride: s, padding: pad, generator: &g)
            checkGradients(conv, input: randomTensor([2, 6, 6, 2]))
        }
        // 16 channels in and out: the Winograd path (forward and input gradient).
        let wide = Conv2D(name: "c", inChannels: 16, outChannels: 16, kernelSize: 3, padding: .same, generator: &g)
        checkGradients(wide, input: randomTensor([2, 4, 6, 16]))
    }

    func testDenseGradients() {
        var g = SeededGenerator(seed: 2)
        checkGradients(Dense(name: "fc", inputSize: 5, outputSize: 4, generator: &g), input: randomTensor([3, 5]))
    }

    func testBatchNormGradients() {
        let bn = BatchNorm(name: "bn", channels: 3)
        for i in 0..<3 { bn.weight.value[i] = 0.5 + Float(i); bn.bias.value[i] = Float(i) - 1 }
        checkGradients(bn, input: randomTensor([2, 3, 3, 3]), epsilon: 1e-2, tolerance: 3e-2)
    }

    func testReLUGradients() {
        // Values kept away from 0, where ReLU has no derivative.
        let x = randomTensor([2, 3, 3, 2])
        for i in 0..<x.count where abs(x[i]) < 0.05 { x[i] = 0.3 }
        checkGradients(ReLU(), input: x)
    }

    func testMaxPoolGradients() {
        // Distinct values so the arg-max is stable under the ±ε probe.
        let x = Tensor(shape: [1, 4, 4, 2], values: (0..<32).map { Float(($0 * 37) % 32) * 0.1 })
        checkGradients(MaxPool2D(size: 2), input: x)
    }

    func testDropoutFlattenNormalizeGradients() {
        checkGradients(Flatten(), input: randomTensor([2, 2, 2, 3]))
        checkGradients(Normalize(mean: 0.1, standardDeviation: 0.3), input: randomTensor([2, 4]))
        // Dropout redraws its mask each forward; its backward is checked at inference
        // (identity) and through the mask directly.
        checkGradients(Dropout(rate: 0.3, seed: 1), input: randomTensor([2, 5]), training: false)
        let dropout = Dropout(rate: 0.5, seed: 1)
        let x = randomTensor([50])
        let y = dropout.forward(x, training: true).values
        let dx = dropout.backward(Tensor(shape: [50], values: [Float](repeating: 1, count: 50))).values
        for i in 0..<50 { XCTAssertEqual(dx[i] * x[i], y[i], accuracy: 1e-6) }
    }

    func testSoftmaxCrossEntropyGradientMatchesFiniteDifferences() {
        let loss = SoftmaxCrossEntropy(labelSmoothing: 0.1)
        let logits = randomTensor([3, 4])
        let labels = [0, 3, 1]
        _ = loss.loss(logits: logits, labels: labels)
        let analytic = loss.gradient(labels: labels).values
        checkGradient(analytic, of: { Double(loss.loss(logits: logits, labels: labels)) }, at: logits, name: "logits", tolerance: 2e-3)
    }
}
