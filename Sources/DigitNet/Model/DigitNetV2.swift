/// A wider and deeper sibling of `DigitNetV1`, tried for reading digits unlike MNIST's
/// (USPS scans) better: three VGG-style stages instead of two, half again as many channels.
///
///     input [N,28,28,1] → normalize
///     conv1 3x3 1→48  → bn1 → relu → conv2 3x3 48→48 → bn2 → relu → pool1 2x2   [N,14,14,48]
///     conv3 3x3 48→96 → bn3 → relu → conv4 3x3 96→96 → bn4 → relu → pool2 2x2   [N,7,7,96]
///     conv5 3x3 96→128 → bn5 → relu                                              [N,7,7,128]
///     flatten → fc1 6272→256 → bn6 → relu → dropout 0.4 → fc2 256→10 (logits)
public struct DigitNetV2: Network {
    public let architecture = Architecture.digitNetV2.rawValue
    public let normalize = Normalize(mean: MNISTStatistics.mean, standardDeviation: MNISTStatistics.standardDeviation)
    public let conv1, conv2, conv3, conv4, conv5: Conv2D
    public let bn1, bn2, bn3, bn4, bn5, bn6: BatchNorm
    public let pool1 = MaxPool2D(size: 2), pool2 = MaxPool2D(size: 2)
    public let fc1, fc2: Dense
    public let dropout: Dropout
    private let relus = (0..<6).map { _ in ReLU() }
    private let flatten = Flatten()

    public init(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        conv1 = Conv2D(name: "conv1", inChannels: 1, outChannels: 48, kernelSize: 3, useBias: false, generator: &g)
        conv1.computesInputGradient = false
        conv2 = Conv2D(name: "conv2", inChannels: 48, outChannels: 48, kernelSize: 3, useBias: false, generator: &g)
        conv3 = Conv2D(name: "conv3", inChannels: 48, outChannels: 96, kernelSize: 3, useBias: false, generator: &g)
        conv4 = Conv2D(name: "conv4", inChannels: 96, outChannels: 96, kernelSize: 3, useBias: false, generator: &g)
        conv5 = Conv2D(name: "conv5", inChannels: 96, outChannels: 128, kernelSize: 3, useBias: false, generator: &g)
        bn1 = BatchNorm(name: "bn1", channels: 48)
        bn2 = BatchNorm(name: "bn2", channels: 48)
        bn3 = BatchNorm(name: "bn3", channels: 96)
        bn4 = BatchNorm(name: "bn4", channels: 96)
        bn5 = BatchNorm(name: "bn5", channels: 128)
        fc1 = Dense(name: "fc1", inputSize: 7 * 7 * 128, outputSize: 256, generator: &g)
        bn6 = BatchNorm(name: "bn6", channels: 256)
        fc2 = Dense(name: "fc2", inputSize: 256, outputSize: 10, gain: 0.5, generator: &g)
        dropout = Dropout(rate: 0.4, seed: g.next())
    }

    public var layers: [Layer] {
        [normalize,
         conv1, bn1, relus[0], conv2, bn2, relus[1], pool1,
         conv3, bn3, relus[2], conv4, bn4, relus[3], pool2,
         conv5, bn5, relus[4],
         flatten, fc1, bn6, relus[5], dropout, fc2]
    }
}
