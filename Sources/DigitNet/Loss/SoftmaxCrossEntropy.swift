#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax followed by cross-entropy against integer labels, averaged over the batch.
///
/// Formula: `p = softmax(z)`, target `t = (1 − ε)·onehot(label) + ε / K` (label smoothing ε),
/// `loss = −(1/N) Σ_n Σ_k t[n,k]·log p[n,k]`. Gradient: `dz = (p − t) / N`.
/// A row labelled `nonDigitLabel` (a training image that is no digit) has the uniform target
/// `1 / K`. Layout: logits `[N, K]`.
public final class SoftmaxCrossEntropy {
    public let labelSmoothing: Float
    public let probabilities = Tensor()
    private let logitGradient = Tensor()

    public init(labelSmoothing: Float = 0) { self.labelSmoothing = labelSmoothing }

    /// Computes probabilities into `probabilities` (row-major `[N, K]`).
    public static func softmax(_ logits: Tensor, into probabilities: Tensor) {
        let n = logits.shape[0], k = logits.shape[1]
        probabilities.resize(to: [n, k])
        for r in 0..<n {
            let z = logits.data + r * k, p = probabilities.data + r * k
            var top = z[0]
            for j in 1..<k { top = Swift.max(top, z[j]) }
            var sum: Float = 0
            for j in 0..<k { p[j] = expf(z[j] - top); sum += p[j] }
            for j in 0..<k { p[j] /= sum }
        }
    }

    /// Mean loss over the batch; also computes the probabilities for `gradient`.
    public func loss(logits: Tensor, labels: [Int]) -> Float {
        SoftmaxCrossEntropy.softmax(logits, into: probabilities)
        let n = logits.shape[0], k = logits.shape[1]
        precondition(labels.count == n, "\(labels.count) labels for \(n) rows")
        let off = labelSmoothing / Float(k), on = 1 - labelSmoothing + off
        var total: Float = 0
        for r in 0..<n {
            let p = probabilities.data + r * k
            for j in 0..<k {
                let t = labels[r] == nonDigitLabel ? 1 / Float(k) : j == labels[r] ? on : off
                if t > 0 { total -= t * logf(Swift.max(p[j], 1e-12)) }
            }
        }
        return total / Float(n)
    }

    /// Gradient with respect to the logits of the last `loss` call.
    public func gradient(labels: [Int]) -> Tensor {
        let n = probabilities.shape[0], k = probabilities.shape[1]
        logitGradient.resize(to: [n, k])
        let off = labelSmoothing / Float(k), on = 1 - labelSmoothing + off
        for r in 0..<n {
            for j in 0..<k {
                let t = labels[r] == nonDigitLabel ? 1 / Float(k) : j == labels[r] ? on : off
                logitGradient[r * k + j] = (probabilities[r * k + j] - t) / Float(n)
            }
        }
        return logitGradient
    }
}
