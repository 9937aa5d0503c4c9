/// Updates parameters from their accumulated gradients. Optimizers own their state
/// (moments, velocities), keyed by parameter, and never touch the gradients' zeroing:
/// the training loop zeroes them before each batch.
public protocol Optimizer: AnyObject {
    func step(_ parameters: [Parameter], learningRate: Float)
}

/// Errors for out-of-range optimizer settings.
public struct OptimizerSettingError: Error, CustomStringConvertible {
    public let description: String
}

func checkRange(_ name: String, _ value: Float, _ range: ClosedRange<Float>) throws {
    guard range.contains(value) else {
        throw OptimizerSettingError(description: "\(name) must be in \(range.lowerBound)...\(range.upperBound), got \(value)")
    }
}
