/// The small Keras network typical projects use, for side-by-side speed comparison:
/// Conv(64,3x3,same)-ReLU-MaxPool-Dropout(0.25)-Conv(32,3x3,same)-ReLU-MaxPool-Dropout(0.25)-
/// Dense(128)-ReLU-Dropout(0.5)-Dense(10).
public struct KerasReferenceNet: Network {
    public let architecture = Architecture.kerasReference.rawValue
    public let normalize = Normalize(mean: MNISTStatistics.mean, standardDeviation: MNISTStatistics.standardDeviation)
    public let conv1, conv2: Conv2D
    public let pool1 = MaxPool2D(size: 2), pool2 = MaxPool2D(size: 2)
    public let fc1, fc2: Dense
    public let dropout1, dropout2, dropout3: Dropout
    private let relus = (0..<3).map { _ in ReLU() }
    private let flatten = Flatten()

    public init(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        conv1 = Conv2D(name: "conv1", inChannels: 1, outChannels: 64, kernelSize: 3, generator: &g)
        conv1.computesInputGradient = false
        conv2 = Conv2D(name: "conv2", inChannels: 64, outChannels: 32, kernelSize: 3, generator: &g)
        fc1 = Dense(name: "fc1", inputSize: 7 * 7 * 32, outputSize: 128, generator: &g)
        fc2 = Dense(name: "fc2", inputSize: 128, outputSize: 10, gain: 0.5, generator: &g)
        dropout1 = Dropout(rate: 0.25, seed: g.next())
        dropout2 = Dropout(rate: 0.25, seed: g.next())
        dropout3 = Dropout(rate: 0.5, seed: g.next())
    }

    public var layers: [Layer] {
        [normalize, conv1, relus[0], pool1, dropout1, conv2, relus[1], pool2, dropout2,
         flatten, fc1, relus[2], dropout3, fc2]
    }
}
