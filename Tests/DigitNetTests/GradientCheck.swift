import XCTest
@testable import DigitNet

/// The one finite-difference helper every backward pass goes through.
///
/// Uses the scalar loss `L = Σ r ⊙ layer(x)` for a fixed random `r`, so `dL/dy = r`. Checks
/// `dL/dx` from `backward` against central differences in Double-accumulated Float, and the
/// same for every parameter. `training` selects the mode of the forward pass.
func checkGradients(_ layer: Layer, input: Tensor, training: Bool = true, epsilon: Float = 1e-2,
                    tolerance: Float = 2e-2, checksInput: Bool = true, file: StaticString = #filePath, line: UInt = #line) {
    var g = SeededGenerator(seed: 99)
    let output = layer.forward(input, training: training)
    let weights = Tensor(shape: output.shape, values: (0..<output.count).map { _ in g.uniform(-1, 1) })
    func loss() -> Double {
        let y = layer.forward(input, training: training)
        var sum = 0.0
        for i in 0..<y.count { sum += Double(y[i]) * Double(weights[i]) }
        return sum
    }
    for p in layer.parameters { p.gradient.fill(0) }
    _ = layer.forward(input, training: training)
    let analyticInput = layer.backward(weights).values
    let analyticParameters = layer.parameters.map { $0.gradient.values }

    func compare(_ analytic: Float, _ numeric: Float, _ what: String) {
        let scale = Swift.max(1, abs(analytic), abs(numeric))
        XCTAssertLessThanOrEqual(abs(analytic - numeric) / scale, tolerance,
                                 "\(what): analytic \(analytic) vs numeric \(numeric)", file: file, line: line)
    }
    func numeric(_ tensor: Tensor, _ i: Int) -> Float {
        let saved = tensor[i]
        tensor[i] = saved + epsilon; let plus = loss()
        tensor[i] = saved - epsilon; let minus = loss()
        tensor[i] = saved
        return Float((plus - minus) / Double(2 * epsilon))
    }
    if checksInput {
        for i in 0..<input.count { compare(analyticInput[i], numeric(input, i), "d/dx[\(i)]") }
    }
    for (p, analytic) in zip(layer.parameters, analyticParameters) {
        for i in 0..<p.value.count { compare(analytic[i], numeric(p.value, i), "d/d\(p.name)[\(i)]") }
    }
}

func randomTensor(_ shape: [Int], seed: UInt64 = 7) -> Tensor {
    var g = SeededGenerator(seed: seed)
    return Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in g.uniform(-1, 1) })
}
