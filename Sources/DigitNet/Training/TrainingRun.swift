import Foundation

/// A whole training run: epochs of `Trainer`, validation after each, a checkpoint after each
/// (so `resume` continues where a stopped run left off), and the history.
public final class TrainingRun {
    public let options: TrainingOptions
    public let architecture: Architecture
    public let checkpointURL: URL?
    public let trainer: Trainer
    public private(set) var history: [EpochRecord] = []
    public private(set) var epochsDone = 0

    /// Starts a run, or resumes it from `checkpointURL` when `resume` is set and the file
    /// exists (the checkpoint's architecture and options then win over `architecture` and
    /// `options`, except `epochs` when `epochsGiven`, which may be raised to train longer).
    public init(options: TrainingOptions, architecture: Architecture, checkpointURL: URL?, resume: Bool, epochsGiven: Bool = true) throws {
        var options = options, architecture = architecture
        var restored: (Checkpoint, SafetensorsFile)?
        if resume, let url = checkpointURL {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw WeightsError(file: url.path, reason: "--resume: no checkpoint here to resume from")
            }
            let (checkpoint, file) = try Checkpoint.read(url)
            let epochs = options.epochs
            options = checkpoint.options
            // Not given, the run's own count: the default had made a 4-epoch run go on to 20.
            options.epochs = Swift.max(epochsGiven ? epochs : checkpoint.options.epochs, checkpoint.epochsDone)
            if let named = file.metadata["architecture"] {
                guard let stored = Architecture(rawValue: named) else {
                    throw WeightsError(file: url.path, reason: "--resume: the checkpoint is for architecture '\(named)', which this version does not know")
                }
                architecture = stored
            }
            restored = (checkpoint, file)
        }
        self.options = options
        self.architecture = architecture
        self.checkpointURL = checkpointURL
        trainer = try Trainer(network: architecture.make(seed: options.seed), options: options)
        if let (checkpoint, file) = restored, let url = checkpointURL {
            try Checkpoint.restore(file, into: trainer, path: url.path)
            history = checkpoint.history
            epochsDone = checkpoint.epochsDone
        }
    }

    public var network: Network { trainer.network }

    /// Trains the remaining epochs. `onBatch(epoch, seen, total, loss, accuracy)` reports
    /// progress inside an epoch; `onEpoch` gets each finished epoch's record.
    public func run(training: Dataset, validation: Dataset?,
                    onBatch: (Int, Int, Int, Float, Float) -> Void = { _, _, _, _, _ in },
                    onEpoch: (EpochRecord) -> Void = { _ in }) throws {
        let totalSteps = trainer.stepsPerEpoch(training.count) * options.epochs
        while epochsDone < options.epochs {
            let epoch = epochsDone
            let rate = options.learningRateSchedule.rate(step: trainer.step, totalSteps: totalSteps)
            let start = Date()
            let (loss, accuracy) = trainer.trainEpoch(training, epoch: epoch, totalSteps: totalSteps) { seen, loss, accuracy in
                onBatch(epoch, seen, training.count, loss, accuracy)
            }
            let seconds = Date().timeIntervalSince(start)
            let check = validation.map { network.evaluate($0) }
            let record = EpochRecord(
                epoch: epoch + 1, trainLoss: loss, trainAccuracy: accuracy,
                validationLoss: check?.loss ?? .nan, validationAccuracy: check?.accuracy ?? .nan,
                learningRate: rate, seconds: seconds, imagesPerSecond: Double(training.count) / seconds)
            history.append(record)
            // Counted once its checkpoint is written: a run stopped in between says what is kept.
            if let url = checkpointURL {
                try Checkpoint(epochsDone: epochsDone + 1, history: history, options: options).write(trainer: trainer, to: url)
            }
            epochsDone += 1
            onEpoch(record)
        }
    }

    /// The history as CSV, one row per epoch.
    public var historyCSV: String {
        var lines = ["epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,images_per_second"]
        for r in history {
            lines.append([String(r.epoch), fmt(r.trainLoss), fmt(r.trainAccuracy), fmt(r.validationLoss), fmt(r.validationAccuracy),
                          String(format: "%.6g", r.learningRate), String(format: "%.1f", r.seconds), String(format: "%.0f", r.imagesPerSecond)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func fmt(_ v: Float) -> String { String(format: "%.5f", v) }
}
