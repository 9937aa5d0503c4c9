import Foundation

/// Settings of one training run. Defaults are the ones the shipped model was trained with.
public struct TrainingOptions: Sendable, Codable, Equatable {
    public var epochs = 20
    public var batchSize = 128
    public var seed: UInt64 = 1
    public var peakLearningRate: Float = 3e-3
    /// Decoupled (AdamW) weight decay, relative to the learning rate.
    public var weightDecay: Float = 1e-2
    public var labelSmoothing: Float = 0.05
    public var augmentation = AugmentationParameters()
    /// Images that are no digit (NonDigitSamples.swift) added to each batch, as a fraction of
    /// its digits; nil or 0: none.
    public var nonDigitFraction: Float?
    /// Of those, the share that are marks beside numbers ("$", "+", SymbolSamples.swift) and
    /// not digits run together or cut; nil or 0: none.
    public var symbolShare: Float?
    /// The images trained on: the first `limit` of the training set (nil: all), of which
    /// `validationCount` are held out (split by `seed`). Kept in a checkpoint so that a resumed
    /// run trains on the same images; nil in checkpoints made before they were kept.
    public var limit: Int?
    public var validationCount: Int?
    public init() {}
}

/// Per-epoch figures of a training run.
public struct EpochRecord: Sendable, Codable, Equatable {
    public var epoch: Int
    public var trainLoss: Float
    public var trainAccuracy: Float
    public var validationLoss: Float
    public var validationAccuracy: Float
    public var learningRate: Float
    public var seconds: Double
    public var imagesPerSecond: Double
}

/// Mini-batch training of a `Network` with Adam(W), a one-cycle learning-rate schedule,
/// per-sample augmentation and softmax cross-entropy.
public final class Trainer {
    public let network: Network
    public let options: TrainingOptions
    public let optimizer: Adam
    public let loss: SoftmaxCrossEntropy
    /// Optimizer steps taken so far (the schedule's position; restored by `--resume`).
    public var step = 0
    private let batch = Tensor()

    public init(network: Network, options: TrainingOptions) throws {
        self.network = network
        self.options = options
        optimizer = try Adam(weightDecay: options.weightDecay)
        loss = SoftmaxCrossEntropy(labelSmoothing: options.labelSmoothing)
        Parallel.useSampleParallelism()
    }

    public func stepsPerEpoch(_ count: Int) -> Int { (count + options.batchSize - 1) / options.batchSize }

    /// One pass over `data` in a seeded order. `progress(done, loss, accuracy)` is called after
    /// each batch with running means.
    public func trainEpoch(_ data: Dataset, epoch: Int, totalSteps: Int,
                           progress: (Int, Float, Float) -> Void = { _, _, _ in }) -> (loss: Float, accuracy: Float) {
        var order = Array(0..<data.count)
        var shuffler = SeededGenerator(seed: options.seed, stream: 1, index: UInt64(epoch))
        order.shuffle(using: &shuffler)
        var lossSum: Double = 0, correct = 0, seen = 0
        var start = 0
        while start < data.count {
            let indices = Array(order[start..<Swift.min(start + options.batchSize, data.count)])
            let nonDigits = Int((Float(indices.count) * (options.nonDigitFraction ?? 0)).rounded())
            fillBatch(data, indices: indices, nonDigits: nonDigits, epoch: epoch)
            let labels = indices.map { Int(data.labels[$0]) } + Array(repeating: nonDigitLabel, count: nonDigits)
            network.zeroGradients()
            let logits = network.forward(batch, training: true)
            let batchLoss = loss.loss(logits: logits, labels: labels)
            correct += countCorrect(loss.probabilities, labels: labels)
            network.backward(loss.gradient(labels: labels))
            let rate = options.learningRateSchedule.rate(step: step, totalSteps: totalSteps)
            optimizer.step(network.parameters, learningRate: rate)
            step += 1
            lossSum += Double(batchLoss) * Double(indices.count)
            seen += indices.count
            start += indices.count
            progress(seen, Float(lossSum / Double(seen)), Float(correct) / Float(seen))
        }
        return (Float(lossSum / Double(Swift.max(seen, 1))), Float(correct) / Float(Swift.max(seen, 1)))
    }

    /// Augments the chosen samples into the batch tensor, then `nonDigits` images that are no
    /// digit after them, in parallel; each sample draws from its own generator (seed, epoch,
    /// index), so results do not depend on thread count.
    private func fillBatch(_ data: Dataset, indices: [Int], nonDigits: Int, epoch: Int) {
        batch.resize(to: [indices.count + nonDigits, Dataset.side, Dataset.side, 1])
        let destination = batch.data, parameters = options.augmentation, seed = options.seed, labels = data.labels
        let symbolShare = options.symbolShare ?? 0
        let firstNonDigit = UInt64(step) &* 4096
        data.images.withUnsafeBufferPointer { images in
            Parallel.forEachChunk(indices.count + nonDigits, minimumPerChunk: 16) { range in
                for slot in range {
                    if slot >= indices.count {
                        var g = SeededGenerator(seed: seed, stream: UInt64(epoch) &+ 5000, index: firstNonDigit &+ UInt64(slot))
                        makeNonDigit(images: images.baseAddress!, labels: labels, into: destination + slot * Dataset.pixels,
                                     symbolShare: symbolShare, augmentation: parameters, generator: &g)
                        continue
                    }
                    let index = indices[slot]
                    var g = SeededGenerator(seed: seed, stream: UInt64(epoch) &+ 1000, index: UInt64(index))
                    augmentImage(images.baseAddress! + index * Dataset.pixels, into: destination + slot * Dataset.pixels,
                                 parameters: parameters, generator: &g)
                }
            }
        }
    }
}

extension TrainingOptions {
    public var learningRateSchedule: LearningRateSchedule { .oneCycle(peak: peakLearningRate, warmupFraction: 0.15) }
}

func countCorrect(_ probabilities: Tensor, labels: [Int]) -> Int {
    let k = probabilities.shape[1]
    var correct = 0
    for (r, label) in labels.enumerated() where label != nonDigitLabel && argmax(probabilities.data + r * k, count: k) == label { correct += 1 }
    return correct
}

func argmax(_ values: UnsafePointer<Float>, count: Int) -> Int {
    var best = 0
    for j in 1..<count where values[j] > values[best] { best = j }
    return best
}
