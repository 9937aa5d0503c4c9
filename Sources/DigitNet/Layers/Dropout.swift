/// Inverted dropout: in training each element is kept with probability `1 − rate` and
/// scaled by `1 / (1 − rate)`; at inference it is the identity. Any layout.
/// Backward: `dx = dy · mask` (the same scaled mask). The mask comes from the layer's own
/// seeded generator, so the same seed gives the same training run.
public final class Dropout: Layer {
    public let rate: Float
    private var generator: SeededGenerator
    private let output = Tensor()
    private let mask = Tensor()
    private let inputGradient = Tensor()
    private var active = false

    public init(rate: Float, seed: UInt64) {
        precondition(rate >= 0 && rate < 1, "Dropout rate must be in [0, 1), got \(rate)")
        self.rate = rate
        generator = SeededGenerator(seed: seed)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        active = training && rate > 0
        guard active else { return input }
        output.resize(to: input.shape)
        mask.resize(to: input.shape)
        let keep = 1 - rate, scale = 1 / keep
        for i in 0..<input.count {
            let m: Float = generator.uniform() < keep ? scale : 0
            mask[i] = m
            output[i] = input[i] * m
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard active else { return outputGradient }
        inputGradient.resize(to: outputGradient.shape)
        for i in 0..<outputGradient.count { inputGradient[i] = outputGradient[i] * mask[i] }
        return inputGradient
    }
}
