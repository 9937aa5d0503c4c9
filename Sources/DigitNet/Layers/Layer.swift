/// A trainable tensor: its value, the gradient accumulated by `backward`, and the name
/// under which it is stored in a safetensors file (`conv1.weight`).
public final class Parameter {
    public let name: String
    public let value: Tensor
    public let gradient: Tensor
    /// Whether weight decay applies (weights yes; biases and BatchNorm scales no).
    public let decays: Bool

    public init(name: String, shape: [Int], decays: Bool) {
        self.name = name
        value = Tensor(shape: shape)
        gradient = Tensor(shape: shape)
        self.decays = decays
    }

    public var shape: [Int] { value.shape }
}

/// One step of a network. `forward` caches what `backward` needs; `backward` takes the
/// gradient of the loss with respect to the output, adds the parameter gradients into
/// `Parameter.gradient`, and returns the gradient with respect to the input.
public protocol Layer: AnyObject {
    func forward(_ input: Tensor, training: Bool) -> Tensor
    func backward(_ outputGradient: Tensor) -> Tensor
    /// Trainable parameters, in a fixed order.
    var parameters: [Parameter] { get }
    /// Non-trainable state stored with the weights (BatchNorm running statistics).
    var buffers: [Parameter] { get }
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var buffers: [Parameter] { [] }
}

/// Fills every element with a normal draw of mean 0 and `standardDeviation` (He and Glorot
/// initializations use it).
func fillNormal(_ tensor: Tensor, standardDeviation: Float, generator: inout SeededGenerator) {
    for i in 0..<tensor.count { tensor[i] = generator.normal() * standardDeviation }
}
