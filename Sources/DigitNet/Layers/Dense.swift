/// Fully connected layer: `y = x · W + b`.
/// Layout: input `[N, in]`, output `[N, out]`, weight `[in, out]` (Keras layout), bias `[out]`.
/// Initialization: He normal, `std = sqrt(2 / in)` (`gain` scales it; the last layer uses a
/// smaller gain so the first logits are near zero); bias zero.
/// Backward: `dW = xᵀ · dy`, `db = Σ_n dy`, `dx = dy · Wᵀ`.
public final class Dense: Layer {
    public let weight: Parameter
    public let bias: Parameter
    public let inputSize: Int
    public let outputSize: Int

    private let output = Tensor()
    private let inputGradient = Tensor()
    private var input: Tensor?

    public init(name: String, inputSize: Int, outputSize: Int, gain: Float = 1, generator: inout SeededGenerator) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(name: "\(name).weight", shape: [inputSize, outputSize], decays: true)
        bias = Parameter(name: "\(name).bias", shape: [outputSize], decays: false)
        fillNormal(weight.value, standardDeviation: gain * (2 / Float(inputSize)).squareRoot(), generator: &generator)
    }

    public var parameters: [Parameter] { [weight, bias] }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.shape.count == 2 && input.shape[1] == inputSize, "Dense expects [N,\(inputSize)], got \(input.shape)")
        self.input = input
        let n = input.shape[0]
        output.resize(to: [n, outputSize])
        for r in 0..<n { (output.data + r * outputSize).update(from: bias.value.data, count: outputSize) }
        sgemm(transA: false, transB: false, m: n, n: outputSize, k: inputSize,
              a: input.data, lda: inputSize, b: weight.value.data, ldb: outputSize,
              beta: 1, c: output.data, ldc: outputSize)
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input else { preconditionFailure("Dense.backward before forward") }
        let n = input.shape[0]
        sgemm(transA: true, transB: false, m: inputSize, n: outputSize, k: n,
              a: input.data, lda: inputSize, b: outputGradient.data, ldb: outputSize,
              beta: 1, c: weight.gradient.data, ldc: outputSize)
        sumRows(outputGradient.data, rows: n, columns: outputSize, into: bias.gradient.data)
        inputGradient.resize(to: [n, inputSize])
        sgemm(transA: false, transB: true, m: n, n: inputSize, k: outputSize,
              a: outputGradient.data, lda: outputSize, b: weight.value.data, ldb: outputSize,
              c: inputGradient.data, ldc: inputSize)
        return inputGradient
    }
}
