/// Batch normalization over the last (channel) axis of an NHWC or `[N, features]` tensor.
///
/// Formula (training): `x̂ = (x − μ_B) / sqrt(σ²_B + ε)`, `y = γ·x̂ + β`, with `μ_B`, `σ²_B`
/// (biased) taken per channel over all other axes of the batch; running statistics are
/// updated as `r ← (1 − m)·r + m·batch` (momentum `m` = 0.1, unbiased variance, as PyTorch).
/// Inference uses the running statistics instead of the batch's.
/// Layout: `weight` (γ) and `bias` (β) are `[C]`; buffers `running_mean`, `running_var` `[C]`.
/// Initialization: γ = 1, β = 0, running mean 0, running variance 1.
///
/// Backward (training mode): with `M` values per channel,
/// `dγ = Σ dy·x̂`, `dβ = Σ dy`, `dx = γ / (M·sqrt(σ² + ε)) · (M·dy − dβ − x̂·dγ)`.
public final class BatchNorm: Layer {
    public let weight: Parameter
    public let bias: Parameter
    public let runningMean: Parameter
    public let runningVariance: Parameter
    public let channels: Int
    public let momentum: Float
    public let epsilon: Float

    private let output = Tensor()
    private let normalized = Tensor()
    private let inputGradient = Tensor()
    private var inverseStd: [Float]
    private var usedBatchStatistics = false

    public init(name: String, channels: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        self.channels = channels
        self.momentum = momentum
        self.epsilon = epsilon
        weight = Parameter(name: "\(name).weight", shape: [channels], decays: false)
        bias = Parameter(name: "\(name).bias", shape: [channels], decays: false)
        runningMean = Parameter(name: "\(name).running_mean", shape: [channels], decays: false)
        runningVariance = Parameter(name: "\(name).running_var", shape: [channels], decays: false)
        weight.value.fill(1)
        runningVariance.value.fill(1)
        inverseStd = [Float](repeating: 1, count: channels)
    }

    public var parameters: [Parameter] { [weight, bias] }
    public var buffers: [Parameter] { [runningMean, runningVariance] }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let c = channels
        precondition(input.shape.last == c, "BatchNorm expects \(c) channels last, got \(input.shape)")
        let m = input.count / c
        output.resize(to: input.shape)
        normalized.resize(to: input.shape)
        let x = input.data, xhat = normalized.data, y = output.data
        let gamma = weight.value.data, beta = bias.value.data
        var mean = [Float](repeating: 0, count: c)
        var variance = [Float](repeating: 0, count: c)
        usedBatchStatistics = training
        if training {
            // Two passes (the mean, then the centred squares), each split over workers.
            mean = channelSums(rows: m, width: c) { rows, acc in
                for r in rows { let o = r * c; for j in 0..<c { acc[j] += x[o + j] } }
            }.map { $0 / Float(m) }
            variance = mean.withUnsafeBufferPointer { mu in
                channelSums(rows: m, width: c) { rows, acc in
                    for r in rows { let o = r * c; for j in 0..<c { let d = x[o + j] - mu[j]; acc[j] += d * d } }
                }
            }.map { $0 / Float(m) }
            let unbias = m > 1 ? Float(m) / Float(m - 1) : 1
            for j in 0..<c {
                runningMean.value[j] = (1 - momentum) * runningMean.value[j] + momentum * mean[j]
                runningVariance.value[j] = (1 - momentum) * runningVariance.value[j] + momentum * variance[j] * unbias
            }
        } else {
            for j in 0..<c { mean[j] = runningMean.value[j]; variance[j] = runningVariance.value[j] }
        }
        for j in 0..<c { inverseStd[j] = 1 / (variance[j] + epsilon).squareRoot() }
        inverseStd.withUnsafeBufferPointer { inv in
            mean.withUnsafeBufferPointer { mu in
                Parallel.forEachChunk(m, minimumPerChunk: 512) { rows in
                    for r in rows {
                        let o = r * c
                        for j in 0..<c {
                            let n = (x[o + j] - mu[j]) * inv[j]
                            xhat[o + j] = n
                            y[o + j] = gamma[j] * n + beta[j]
                        }
                    }
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(usedBatchStatistics, "BatchNorm.backward needs a training-mode forward")
        let c = channels, m = outputGradient.count / c
        let dy = outputGradient.data, xhat = normalized.data
        // Per-channel Σ dy·x̂ and Σ dy, each worker over its own rows.
        let sums = channelSums(rows: m, width: 2 * c) { rows, acc in
            for r in rows {
                let o = r * c
                for j in 0..<c { acc[j] += dy[o + j] * xhat[o + j]; acc[c + j] += dy[o + j] }
            }
        }
        let dGamma = Array(sums[0..<c]), dBeta = Array(sums[c..<2 * c])
        for j in 0..<c { weight.gradient[j] += dGamma[j]; bias.gradient[j] += dBeta[j] }
        inputGradient.resize(to: outputGradient.shape)
        let dx = inputGradient.data
        var scale = [Float](repeating: 0, count: c)
        for j in 0..<c { scale[j] = weight.value[j] * inverseStd[j] / Float(m) }
        let fm = Float(m)
        scale.withUnsafeBufferPointer { scale in
            dGamma.withUnsafeBufferPointer { dGamma in
                dBeta.withUnsafeBufferPointer { dBeta in
                    Parallel.forEachChunk(m, minimumPerChunk: 512) { rows in
                        for r in rows {
                            let o = r * c
                            for j in 0..<c { dx[o + j] = scale[j] * (fm * dy[o + j] - dBeta[j] - xhat[o + j] * dGamma[j]) }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}

/// Sums of `width` accumulators over `rows`, each worker filling its own accumulator for its
/// own rows; the partial sums are added at the end.
func channelSums(rows: Int, width: Int, _ body: (Range<Int>, UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    var partial = [Float](repeating: 0, count: Parallel.workers * width)
    partial.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!
        Parallel.forEachChunkWithWorker(rows, minimumPerChunk: 512) { range, worker in body(range, base + worker * width) }
    }
    var total = [Float](repeating: 0, count: width)
    for w in 0..<Parallel.workers { for j in 0..<width { total[j] += partial[w * width + j] } }
    return total
}
