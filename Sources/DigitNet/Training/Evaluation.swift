/// Inference over a whole data set in batches, with no augmentation.
public struct Evaluation: Sendable {
    /// Predicted class per item.
    public var predictions: [Int]
    /// Probabilities, `count * 10` row-major.
    public var probabilities: [Float]
    public var loss: Float
    public var labels: [Int]

    public var accuracy: Float {
        guard !labels.isEmpty else { return 0 }
        return Float(zip(predictions, labels).filter { $0 == $1 }.count) / Float(labels.count)
    }

    /// confusion[truth][predicted]
    public var confusion: [[Int]] {
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 10)
        for (p, t) in zip(predictions, labels) { matrix[t][p] += 1 }
        return matrix
    }
}

extension Network {
    /// Class probabilities for `count` images (`count * 784` pixels, ink 1).
    public func predict(images: UnsafeBufferPointer<Float>, count: Int, batchSize: Int = 256) -> [Float] {
        let input = Tensor()
        var result = [Float](); result.reserveCapacity(count * 10)
        let probabilities = Tensor()
        var start = 0
        while start < count {
            let n = Swift.min(batchSize, count - start)
            input.resize(to: [n, Dataset.side, Dataset.side, 1])
            input.data.update(from: images.baseAddress! + start * Dataset.pixels, count: n * Dataset.pixels)
            SoftmaxCrossEntropy.softmax(forward(input, training: false), into: probabilities)
            result.append(contentsOf: probabilities.buffer)
            start += n
        }
        return result
    }

    /// Accuracy, loss and confusion on labelled data.
    public func evaluate(_ data: Dataset, batchSize: Int = 256) -> Evaluation {
        let probabilities = data.images.withUnsafeBufferPointer { predict(images: $0, count: data.count, batchSize: batchSize) }
        var predictions = [Int](), lossSum: Float = 0
        probabilities.withUnsafeBufferPointer { p in
            for r in 0..<data.count {
                predictions.append(argmax(p.baseAddress! + r * 10, count: 10))
                lossSum -= logf(Swift.max(p[r * 10 + Int(data.labels[r])], 1e-12))
            }
        }
        return Evaluation(predictions: predictions, probabilities: probabilities,
                          loss: lossSum / Float(Swift.max(data.count, 1)), labels: data.labels.map(Int.init))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
