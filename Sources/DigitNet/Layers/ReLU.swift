/// Rectified linear unit: `y = max(0, x)`, element-wise, any layout.
/// Backward: `dx = dy` where `y > 0`, else 0. No parameters.
public final class ReLU: Layer {
    private let output = Tensor()
    private let inputGradient = Tensor()

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        output.resize(to: input.shape)
        let x = input.data, y = output.data
        for i in 0..<input.count { y[i] = Swift.max(x[i], 0) }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        inputGradient.resize(to: outputGradient.shape)
        let dy = outputGradient.data, y = output.data, dx = inputGradient.data
        for i in 0..<outputGradient.count { dx[i] = y[i] > 0 ? dy[i] : 0 }
        return inputGradient
    }
}
