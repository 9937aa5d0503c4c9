/// A feed-forward network: a model struct names its layers (`conv1`, `bn1`, … `fc2`) and
/// lists them in order in `layers`; the names of their parameters are the safetensors keys.
public protocol Network {
    /// The architecture name stored in the weights' metadata.
    var architecture: String { get }
    /// Layers in the order `forward` applies them.
    var layers: [Layer] { get }
}

extension Network {
    /// Runs the layers in order. Input `[N, 28, 28, 1]`, MNIST convention (ink 1).
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        var x = input
        for layer in layers { x = layer.forward(x, training: training) }
        return x
    }

    /// Back-propagates the loss gradient through the layers, accumulating parameter gradients.
    public func backward(_ outputGradient: Tensor) {
        var g = outputGradient
        for layer in layers.reversed() { g = layer.backward(g) }
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var buffers: [Parameter] { layers.flatMap(\.buffers) }

    /// Everything stored in a weights file, parameters and buffers.
    public var storedTensors: [Parameter] { parameters + buffers }

    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    public func zeroGradients() {
        for p in parameters { p.gradient.fill(0) }
    }

    /// Forward multiply–adds per image ×2 (FLOPs) of the convolutions and dense layers.
    public func forwardFLOPs(height: Int = 28, width: Int = 28) -> Int {
        var (h, w) = (height, width)
        var flops = 0
        for layer in layers {
            if let conv = layer as? Conv2D {
                let oh = conv.geometry(h).out, ow = conv.geometry(w).out
                flops += 2 * oh * ow * conv.kernelSize * conv.kernelSize * conv.inChannels * conv.outChannels
                (h, w) = (oh, ow)
            } else if let pool = layer as? MaxPool2D {
                (h, w) = (h / pool.size, w / pool.size)
            } else if let dense = layer as? Dense {
                flops += 2 * dense.inputSize * dense.outputSize
            }
        }
        return flops
    }
}

/// The architectures this library can build by name (as stored in weights metadata).
public enum Architecture: String, CaseIterable, Sendable {
    case digitNetV1 = "digitnet-v1"
    case digitNetV2 = "digitnet-v2"
    case kerasReference = "keras-reference"

    public func make(seed: UInt64) -> Network {
        switch self {
        case .digitNetV1: return DigitNetV1(seed: seed)
        case .digitNetV2: return DigitNetV2(seed: seed)
        case .kerasReference: return KerasReferenceNet(seed: seed)
        }
    }
}

/// MNIST's pixel mean and standard deviation (ink 1 convention), used by `Normalize`.
public enum MNISTStatistics {
    public static let mean: Float = 0.1307
    public static let standardDeviation: Float = 0.3081
}
