/// Flattens `[N, H, W, C]` to `[N, H·W·C]` in NHWC order (channels fastest); backward
/// restores the shape. A copy, since each tensor has one shape.
public final class Flatten: Layer {
    private let output = Tensor()
    private let inputGradient = Tensor()
    private var inputShape: [Int] = []

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        inputShape = input.shape
        output.resize(to: [input.shape[0], input.count / Swift.max(input.shape[0], 1)])
        output.data.update(from: input.data, count: input.count)
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        inputGradient.resize(to: inputShape)
        inputGradient.data.update(from: outputGradient.data, count: outputGradient.count)
        return inputGradient
    }
}
