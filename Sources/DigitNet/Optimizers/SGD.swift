/// Stochastic gradient descent with (optionally Nesterov) momentum and L2 weight decay.
///
/// `g' = g + λ·θ` (decaying parameters only), `v ← μ·v + g'`,
/// `θ ← θ − lr·(g' + μ·v)` with Nesterov, else `θ ← θ − lr·v`.
/// Defaults: μ = 0.9, λ = 0, Nesterov on.
public final class SGD: Optimizer {
    public let momentum: Float
    public let weightDecay: Float
    public let nesterov: Bool
    private var velocities: [ObjectIdentifier: [Float]] = [:]

    public init(momentum: Float = 0.9, weightDecay: Float = 0, nesterov: Bool = true) throws {
        try checkRange("momentum", momentum, 0...0.999)
        try checkRange("weightDecay", weightDecay, 0...1)
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        for parameter in parameters {
            let key = ObjectIdentifier(parameter)
            let n = parameter.value.count
            var v = velocities[key] ?? [Float](repeating: 0, count: n)
            let decay = parameter.decays ? weightDecay : 0
            let w = parameter.value.data, g = parameter.gradient.data
            let mu = momentum, nesterov = nesterov
            v.withUnsafeMutableBufferPointer { v in
                for i in 0..<n {
                    let grad = g[i] + decay * w[i]
                    v[i] = mu * v[i] + grad
                    w[i] -= learningRate * (nesterov ? grad + mu * v[i] : v[i])
                }
            }
            velocities[key] = v
        }
    }
}
