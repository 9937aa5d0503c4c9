/// Adam with decoupled weight decay (AdamW, Loshchilov & Hutter).
///
/// For each parameter θ with gradient g at step t:
/// `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`, `m̂ = m/(1−β1ᵗ)`, `v̂ = v/(1−β2ᵗ)`,
/// `θ ← θ − lr·(m̂ / (sqrt(v̂) + ε) + λ·θ)` where λ applies only to parameters that decay.
/// Defaults: β1 = 0.9, β2 = 0.999, ε = 1e-8 (Kingma & Ba), λ = 0. With λ = 0 this is Adam.
public final class Adam: Optimizer {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    /// First and second moments per parameter, keyed by parameter name (the names are
    /// unique within a network and are how checkpoints store them).
    public private(set) var firstMoments: [String: Tensor] = [:]
    public private(set) var secondMoments: [String: Tensor] = [:]
    public private(set) var stepCount = 0

    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) throws {
        try checkRange("beta1", beta1, 0...0.999999)
        try checkRange("beta2", beta2, 0...0.999999)
        try checkRange("epsilon", epsilon, 1e-12...1)
        try checkRange("weightDecay", weightDecay, 0...1)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        stepCount += 1
        let t = Float(stepCount)
        let correction1 = 1 - powf(beta1, t), correction2 = 1 - powf(beta2, t)
        for parameter in parameters {
            let (mTensor, vTensor) = moments(for: parameter)
            let decay = parameter.decays ? weightDecay : 0
            let w = parameter.value.data, g = parameter.gradient.data, m = mTensor.data, v = vTensor.data
            let (b1, b2, eps) = (beta1, beta2, epsilon)
            for i in 0..<parameter.value.count {
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                let update = (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
                w[i] -= learningRate * (update + decay * w[i])
            }
        }
    }

    /// The moment tensors of `parameter`, created as zeros on first use.
    public func moments(for parameter: Parameter) -> (first: Tensor, second: Tensor) {
        if let m = firstMoments[parameter.name], let v = secondMoments[parameter.name] { return (m, v) }
        let m = Tensor(shape: parameter.shape), v = Tensor(shape: parameter.shape)
        firstMoments[parameter.name] = m
        secondMoments[parameter.name] = v
        return (m, v)
    }

    /// Restores the step count (moments are restored through `moments(for:)`).
    public func restore(stepCount: Int) { self.stepCount = stepCount }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
