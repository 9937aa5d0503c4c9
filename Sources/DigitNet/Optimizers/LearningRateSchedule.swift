#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Learning rate as a function of the step (0-based) out of `totalSteps`.
public enum LearningRateSchedule: Sendable {
    /// Always `rate`.
    case constant(Float)
    /// Linear warm-up from `peak / 25` to `peak` over `warmupFraction` of training, then a
    /// cosine decay to `peak / 1e4` (the one-cycle shape of Smith & Topin).
    case oneCycle(peak: Float, warmupFraction: Float)
    /// Cosine decay from `peak` to 0 with a linear warm-up of `warmupSteps`.
    case cosine(peak: Float, warmupSteps: Int)

    public func rate(step: Int, totalSteps: Int) -> Float {
        let total = Float(Swift.max(totalSteps, 1)), s = Float(step)
        switch self {
        case .constant(let rate):
            return rate
        case .oneCycle(let peak, let warmupFraction):
            let warm = Swift.max(1, warmupFraction * total)
            if s < warm { return peak / 25 + (peak - peak / 25) * s / warm }
            let progress = Swift.min(1, (s - warm) / Swift.max(1, total - warm))
            let floor = peak / 1e4
            return floor + (peak - floor) * 0.5 * (1 + cosf(Float.pi * progress))
        case .cosine(let peak, let warmupSteps):
            if s < Float(warmupSteps) { return peak * (s + 1) / Float(warmupSteps) }
            let progress = Swift.min(1, (s - Float(warmupSteps)) / Swift.max(1, total - Float(warmupSteps)))
            return peak * 0.5 * (1 + cosf(Float.pi * progress))
        }
    }
}
