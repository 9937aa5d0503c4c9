/// Labelled 28x28 images in memory, MNIST convention: pixels in [0, 1], ink 1.
public struct Dataset: Sendable {
    public static let side = 28
    public static let pixels = side * side
    /// `count * 784` pixels, row-major per image.
    public var images: [Float]
    public var labels: [UInt8]
    public var count: Int { labels.count }

    public init(images: [Float], labels: [UInt8]) {
        precondition(images.count == labels.count * Dataset.pixels, "Dataset: \(images.count) pixels for \(labels.count) labels")
        self.images = images
        self.labels = labels
    }

    /// Converts bytes (0…255) to pixels in [0, 1].
    public init(bytes: [UInt8], labels: [UInt8]) {
        self.init(images: bytes.map { Float($0) / 255 }, labels: labels)
    }

    /// The items at `range`, in order.
    public func slice(_ range: Range<Int>) -> Dataset {
        Dataset(images: Array(images[range.lowerBound * Dataset.pixels..<range.upperBound * Dataset.pixels]),
                labels: Array(labels[range]))
    }

    /// Splits off a validation set of `validationCount` items chosen by a seeded shuffle, so
    /// the split is the same for every run with the same seed.
    public func splitValidation(count validationCount: Int, seed: UInt64) -> (training: Dataset, validation: Dataset) {
        var g = SeededGenerator(seed: seed ^ 0x5EED_5A11)
        var order = Array(0..<count)
        order.shuffle(using: &g)
        let validationIndices = Array(order.prefix(validationCount)).sorted()
        let trainingIndices = Array(order.dropFirst(validationCount)).sorted()
        return (gather(trainingIndices), gather(validationIndices))
    }

    public func gather(_ indices: [Int]) -> Dataset {
        var pixels = [Float](); pixels.reserveCapacity(indices.count * Dataset.pixels)
        for i in indices { pixels.append(contentsOf: images[i * Dataset.pixels..<(i + 1) * Dataset.pixels]) }
        return Dataset(images: pixels, labels: indices.map { labels[$0] })
    }
}
