/// Inverted dropout: in training each element is kept with probability `1 − rate` and
/// scaled by `1 / (1 − rate)`; at inference it is the identity. Any layout.
/// Backward: `dx = dy · mask` (the same scaled mask).
///
/// The mask is drawn in blocks of 4096 elements, each from its own generator seeded by
/// (layer seed, call number, block), so it is the same whatever the thread count and the
/// same seed gives the same training run.
public final class Dropout: Layer {
    public let rate: Float
    public let seed: UInt64
    private var calls: UInt64 = 0
    private let output = Tensor()
    private let mask = Tensor()
    private let inputGradient = Tensor()
    private var active = false
    private static let block = 4096

    public init(rate: Float, seed: UInt64) {
        precondition(rate >= 0 && rate < 1, "Dropout rate must be in [0, 1), got \(rate)")
        self.rate = rate
        self.seed = seed
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        active = training && rate > 0
        guard active else { return input }
        calls += 1
        output.resize(to: input.shape)
        mask.resize(to: input.shape)
        let keep = 1 - rate, scale = 1 / keep, count = input.count
        let x = input.data, y = output.data, m = mask.data, call = calls, seed = seed
        let blocks = (count + Dropout.block - 1) / Dropout.block
        Parallel.forEachChunk(blocks, minimumPerChunk: 4) { range in
            for block in range {
                var g = SeededGenerator(seed: seed, stream: call, index: UInt64(block))
                for i in block * Dropout.block..<Swift.min(count, (block + 1) * Dropout.block) {
                    let kept: Float = g.uniform() < keep ? scale : 0
                    m[i] = kept
                    y[i] = x[i] * kept
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard active else { return outputGradient }
        inputGradient.resize(to: outputGradient.shape)
        let dy = outputGradient.data, m = mask.data, dx = inputGradient.data
        Parallel.forEachChunk(outputGradient.count, minimumPerChunk: 1 << 15) { range in
            for i in range { dx[i] = dy[i] * m[i] }
        }
        return inputGradient
    }
}
