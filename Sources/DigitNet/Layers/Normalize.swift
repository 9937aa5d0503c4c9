/// Fixed input standardization: `y = (x − mean) / std`, element-wise. Part of the model so
/// callers always pass MNIST-convention pixels (ink 1, background 0) and the weights file
/// records how inputs are scaled. No parameters.
public final class Normalize: Layer {
    public let mean: Float
    public let standardDeviation: Float
    private let output = Tensor()
    private let inputGradient = Tensor()

    public init(mean: Float, standardDeviation: Float) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        output.resize(to: input.shape)
        let scale = 1 / standardDeviation
        for i in 0..<input.count { output[i] = (input[i] - mean) * scale }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        inputGradient.resize(to: outputGradient.shape)
        let scale = 1 / standardDeviation
        for i in 0..<outputGradient.count { inputGradient[i] = outputGradient[i] * scale }
        return inputGradient
    }
}
