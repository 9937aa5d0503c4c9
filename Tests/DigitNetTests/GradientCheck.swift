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
    if checksInput {
        checkGradient(analyticInput, of: loss, at: input, name: "x", epsilon: epsilon, tolerance: tolerance, file: file, line: line)
    }
    for (p, analytic) in zip(layer.parameters, analyticParameters) {
        checkGradient(analytic, of: loss, at: p.value, name: p.name, epsilon: epsilon, tolerance: tolerance, file: file, line: line)
    }
}

/// The comparison under `checkGradients`, also used alone for a scalar loss that is no layer
/// (softmax cross-entropy): each element of `analytic`, the gradient of `loss` with respect
/// to `tensor`, against the central difference of `loss` as that element moves by ±`epsilon`.
func checkGradient(_ analytic: [Float], of loss: () -> Double, at tensor: Tensor, name: String, epsilon: Float = 1e-2,
                   tolerance: Float = 2e-2, file: StaticString = #filePath, line: UInt = #line) {
    for i in 0..<tensor.count {
        let saved = tensor[i]
        tensor[i] = saved + epsilon; let plus = loss()
        tensor[i] = saved - epsilon; let minus = loss()
        tensor[i] = saved
        let numeric = Float((plus - minus) / Double(2 * epsilon))
        let scale = Swift.max(1, abs(analytic[i]), abs(numeric))
        XCTAssertLessThanOrEqual(abs(analytic[i] - numeric) / scale, tolerance,
                                 "d/d\(name)[\(i)]: analytic \(analytic[i]) vs numeric \(numeric)", file: file, line: line)
    }
}

func randomTensor(_ shape: [Int], seed: UInt64 = 7) -> Tensor {
    var g = SeededGenerator(seed: seed)
    return Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in g.uniform(-1, 1) })
}
