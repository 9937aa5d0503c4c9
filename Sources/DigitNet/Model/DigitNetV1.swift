/// The shipped classifier: two VGG-style blocks of two 3x3 convolutions with BatchNorm,
/// then a BatchNorm'd hidden layer with dropout.
///
///     input [N,28,28,1] → normalize
///     conv1 3x3 1→32  → bn1 → relu → conv2 3x3 32→32 → bn2 → relu → pool1 2x2   [N,14,14,32]
///     conv3 3x3 32→64 → bn3 → relu → conv4 3x3 64→64 → bn4 → relu → pool2 2x2   [N,7,7,64]
///     flatten → fc1 3136→256 → bn5 → relu → dropout 0.4 → fc2 256→10 (logits)
public struct DigitNetV1: Network {
    public let architecture = Architecture.digitNetV1.rawValue
    public let normalize = Normalize(mean: MNISTStatistics.mean, standardDeviation: MNISTStatistics.standardDeviation)
    public let conv1, conv2, conv3, conv4: Conv2D
    public let bn1, bn2, bn3, bn4, bn5: BatchNorm
    public let pool1 = MaxPool2D(size: 2), pool2 = MaxPool2D(size: 2)
    public let fc1, fc2: Dense
    public let dropout: Dropout
    private let relus = (0..<5).map { _ in ReLU() }
    private let flatten = Flatten()

    public init(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        conv1 = Conv2D(name: "conv1", inChannels: 1, outChannels: 32, kernelSize: 3, useBias: false, generator: &g)
        conv1.computesInputGradient = false
        conv2 = Conv2D(name: "conv2", inChannels: 32, outChannels: 32, kernelSize: 3, useBias: false, generator: &g)
        conv3 = Conv2D(name: "conv3", inChannels: 32, outChannels: 64, kernelSize: 3, useBias: false, generator: &g)
        conv4 = Conv2D(name: "conv4", inChannels: 64, outChannels: 64, kernelSize: 3, useBias: false, generator: &g)
        bn1 = BatchNorm(name: "bn1", channels: 32)
        bn2 = BatchNorm(name: "bn2", channels: 32)
        bn3 = BatchNorm(name: "bn3", channels: 64)
        bn4 = BatchNorm(name: "bn4", channels: 64)
        fc1 = Dense(name: "fc1", inputSize: 7 * 7 * 64, outputSize: 256, generator: &g)
        bn5 = BatchNorm(name: "bn5", channels: 256)
        fc2 = Dense(name: "fc2", inputSize: 256, outputSize: 10, gain: 0.5, generator: &g)
        dropout = Dropout(rate: 0.4, seed: g.next())
    }

    public var layers: [Layer] {
        [normalize,
         conv1, bn1, relus[0], conv2, bn2, relus[1], pool1,
         conv3, bn3, relus[2], conv4, bn4, relus[3], pool2,
         flatten, fc1, bn5, relus[4], dropout, fc2]
    }
}
