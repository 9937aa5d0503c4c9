import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the CNN on MNIST (validation split held out of the training set).",
        discussion: """
        Writes the weights to --out, a checkpoint after every epoch (<out>.checkpoint.safetensors, \
        continued by --resume), the history as <out>.history.csv and its chart <out>.history.png. \
        At the end the model is evaluated once on the 10,000 test images and the accuracy is stored \
        in the weights' metadata.
        """)

    @OptionGroup var dataOptions: DataOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Epochs to train (default \(TrainingOptions().epochs); with --resume, the checkpoint's).", valueName: "epochs")) var epochs: Int?
    // Optional, so that a resumed run can tell the options given from their defaults (its
    // note of what it ignores had named options no one gave).
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Images per batch (default \(TrainingOptions().batchSize)).") var givenBatchSize: Int?
    @Option(name: .customLong("seed"), parsing: .unconditional, help: "Random seed: the same seed trains the same model (a run stopped and resumed comes close, not bit for bit) (default \(TrainingOptions().seed)).") var givenSeed: UInt64?
    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "Peak learning rate of the one-cycle schedule (Adam) (default \(TrainingOptions().peakLearningRate)).") var givenLearningRate: Float?
    @Option(help: ArgumentHelp("Architecture: \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")). Default: that of the --from weights, else \(Architecture.digitNetV1.rawValue).")) var architecture: String?
    @Option(name: .customLong("validation"), parsing: .unconditional, help: "Training images held out for validation (default 5000).") var givenValidation: Int?
    @Option(parsing: .unconditional, help: "Use only the first N training images (quick runs); the validation images are held out of them, at most half.") var limit: Int?
    @Flag(name: .customLong("no-augment"), help: "Turn off random affine/elastic augmentation.") var noAugment = false
    @Option(help: "Where to write the trained weights.") var out = "digitlens.safetensors"
    @Flag(help: "Continue from <out>.checkpoint.safetensors, in its architecture and with its settings, to the epoch count it was started with (--epochs may change it, not below the epochs done).") var resume = false
    @Option(name: .customLong("from"), help: "Start from these weights instead of random ones (fine-tuning).") var initialWeights: String?
    @Option(name: .customLong("average-with-start"), parsing: .unconditional, help: "With --from: write the weighted mean of the trained weights and the starting ones, the starting ones weighted by this (0…1).") var averageWithStart: Float?
    @Option(name: .customLong("non-digit-fraction"), parsing: .unconditional, help: "Images that are no digit (two digits run together, part of one) added to each batch, as a fraction of its digits, trained toward doubt.") var nonDigitFraction: Float = 0
    @Option(name: .customLong("symbol-share"), parsing: .unconditional, help: "Of the images that are no digit, the share that are marks written beside numbers ($ + # % = * × €) instead of digits run together or cut.") var symbolShare: Float = 0

    var batchSize: Int { givenBatchSize ?? TrainingOptions().batchSize }
    var seed: UInt64 { givenSeed ?? TrainingOptions().seed }
    var learningRate: Float { givenLearningRate ?? TrainingOptions().peakLearningRate }
    var validation: Int { givenValidation ?? 5000 }

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        guard (1...4096).contains(batchSize) else { throw ValidationError("--batch-size must be in 1...4096") }
        guard learningRate > 0 && learningRate < 1 else { throw ValidationError("--learning-rate must be in (0, 1)") }
        if let architecture, Architecture(rawValue: architecture) == nil { throw ValidationError("unknown --architecture '\(architecture)'") }
        guard validation >= 0 else { throw ValidationError("--validation must be >= 0") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard (0...1).contains(nonDigitFraction) else { throw ValidationError("--non-digit-fraction must be in 0...1") }
        guard (0...1).contains(symbolShare) else { throw ValidationError("--symbol-share must be in 0...1") }
        if symbolShare > 0, nonDigitFraction == 0 { throw ValidationError("--symbol-share needs --non-digit-fraction (the images it shares out)") }
        if let averageWithStart {
            guard initialWeights != nil else { throw ValidationError("--average-with-start needs --from (the weights to average with)") }
            guard (0...1).contains(averageWithStart) else { throw ValidationError("--average-with-start must be in 0...1") }
        }
    }

    /// `--out` is checked before the minutes of training, not when the weights are written.
    func checkOutput() throws {
        if isFolder(out) { throw CommandError("--out \(out)", cannot: "write the weights", "is a folder; name the weights file (e.g. \((out as NSString).appendingPathComponent("digitlens.safetensors")))") }
        let folder = (URL(fileURLWithPath: out).standardizedFileURL.deletingLastPathComponent().path)
        try makeOutputFolder(folder, option: "--out")
        // Tried, not asked: root may "write" anywhere by its permissions, yet not in /proc.
        let probe = (folder as NSString).appendingPathComponent(".digitlens-probe-\(getpid())")
        let made = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard made >= 0 else { throw CommandError("--out \(out)", cannot: "write the weights", "cannot write in \(folder) (\(String(cString: strerror(errno))))") }
        close(made)
        unlink(probe)
        // Weights and histories of an earlier run are replaced; anything else is the user's.
        if FileManager.default.fileExists(atPath: out), !fileStarts(out, satisfying: SafetensorsFile.looksLikeStart) {
            throw CommandError("--out \(out)", cannot: "write the weights", "exists and is not a weights (.safetensors) file; not overwriting it")
        }
        let history = out + ".history.csv"
        if FileManager.default.fileExists(atPath: history), !fileStarts(history, satisfying: { $0.starts(with: Data("epoch,train_loss,".utf8)) }) {
            throw CommandError("--out \(out)", cannot: "write the training history", "\(history) exists and is not a training history; not overwriting it")
        }
        let checkpoint = out + ".checkpoint.safetensors"
        if FileManager.default.fileExists(atPath: checkpoint), !fileStarts(checkpoint, satisfying: SafetensorsFile.looksLikeStart) {
            throw CommandError("--out \(out)", cannot: "write the checkpoint", "\(checkpoint) exists and is not a checkpoint; not overwriting it")
        }
        // A run stopped part way is not started again over its checkpoint unasked: its first
        // epoch would replace the epochs done.
        if !resume, FileManager.default.fileExists(atPath: checkpoint),
           let (unfinished, _) = try? Checkpoint.read(URL(fileURLWithPath: checkpoint)), unfinished.epochsDone < unfinished.options.epochs {
            throw CommandError("--out \(out)", cannot: "train", "\(checkpoint) holds a run stopped after epoch \(unfinished.epochsDone) of \(unfinished.options.epochs): add --resume to finish it, or delete the checkpoint to start again")
        }
        // The chart is written with the history: one without it beside is someone else's picture.
        let chart = out + ".history.png"
        if FileManager.default.fileExists(atPath: chart), !FileManager.default.fileExists(atPath: history) {
            throw CommandError("--out \(out)", cannot: "write the training chart", "\(chart) exists, and no training history beside it; not overwriting it")
        }
    }

    func run() throws {
        try checkOutput()
        // Read before the training set, so a bad file fails at once.
        let startingWeights = try initialWeights.map { try SafetensorsFile(contentsOf: URL(fileURLWithPath: $0)) }
        var options = TrainingOptions()
        options.epochs = epochs ?? TrainingOptions().epochs
        options.batchSize = batchSize
        options.seed = seed
        options.peakLearningRate = learningRate
        if noAugment { options.augmentation = .none }
        if nonDigitFraction > 0 { options.nonDigitFraction = nonDigitFraction }
        if symbolShare > 0 { options.symbolShare = symbolShare }
        (options.limit, options.validationCount) = (limit, validation)
        let outURL = URL(fileURLWithPath: out)
        let checkpointURL = URL(fileURLWithPath: out + ".checkpoint.safetensors")
        // Fine-tuning goes on in the architecture of the weights it starts from.
        let named = architecture ?? startingWeights?.metadata["architecture"] ?? Architecture.digitNetV1.rawValue
        guard let chosen = Architecture(rawValue: named) else {
            throw CommandError("--from \(initialWeights ?? "")", cannot: "fine-tune", "its weights are for architecture '\(named)', which this version does not know")
        }
        let run = try TrainingRun(options: options, architecture: chosen,
                                  checkpointURL: checkpointURL, resume: resume, epochsGiven: epochs != nil)
        if let startingWeights, let initialWeights, !(resume && run.epochsDone > 0) {
            try run.network.load(startingWeights, path: initialWeights)
        }
        // A resumed run trains on the images it started with: its checkpoint's limit, held-out
        // count and seed, not those given now (the split had followed a --seed given on resuming).
        // (A checkpoint that keeps them has a held-out count; its limit may be nil: every image.)
        let kept = run.options.validationCount != nil
        let (usedLimit, usedValidation) = (kept ? run.options.limit : limit, run.options.validationCount ?? validation)
        if resume, run.epochsDone > 0 {
            // The options given that differ from the checkpoint's (those not given are no one's wish).
            var given = [String]()
            if let epochs, epochs != run.options.epochs { given.append("--epochs \(epochs)") }
            if let givenSeed, givenSeed != run.options.seed { given.append("--seed \(givenSeed)") }
            if let givenBatchSize, givenBatchSize != run.options.batchSize { given.append("--batch-size \(givenBatchSize)") }
            if let givenLearningRate, givenLearningRate != run.options.peakLearningRate { given.append("--learning-rate \(givenLearningRate)") }
            if let limit, limit != usedLimit { given.append("--limit \(limit)") }
            if let givenValidation, givenValidation != usedValidation { given.append("--validation \(givenValidation)") }
            if let architecture, architecture != run.architecture.rawValue { given.append("--architecture \(architecture)") }
            let images = "\(usedLimit.map { "the first \($0) images" } ?? "every image"), \(usedValidation) held out"
            if !given.isEmpty { note("resuming: the checkpoint's settings are kept (\(run.architecture.rawValue), \(run.options.epochs) epochs, seed \(run.options.seed), batch \(run.options.batchSize), learning rate \(run.options.peakLearningRate), \(images)); ignored: \(given.joined(separator: ", "))") }
        }
        let directory = try dataOptions.mnistDirectory()
        let train = try MNIST.load(directory: directory, split: .train)
        let test = try MNIST.load(directory: directory, split: .test)
        var all = Dataset(bytes: train.images, labels: train.labels)
        if let usedLimit, usedLimit < all.count { all = all.slice(0..<usedLimit) }
        let (training, held) = all.splitValidation(count: Swift.min(usedValidation, all.count / 2), seed: run.options.seed)
        if held.count < usedValidation { note("validation: \(held.count) images held out, half of the \(all.count) used (--validation \(usedValidation) asks for more)") }
        print("training \(run.architecture.rawValue) (\(run.network.parameterCount) parameters) on \(training.count) images from \(directory.path), validating on \(held.count) held out of the training set; \(run.options.epochs) \(run.options.epochs == 1 ? "epoch" : "epochs"), batch \(run.options.batchSize), seed \(run.options.seed)\(resume ? ", resuming after epoch \(run.epochsDone)" : "")")
        let started = Date()
        var bar: ProgressBar?
        // Ctrl-C or SIGTERM: each finished epoch is in the checkpoint, so the run stops at once
        // and says how to go on (it had ended without a word).
        // (Read on the signal's thread: `epochsDone` counts an epoch once its checkpoint is
        // written, and the last one done, the weights are being tested and written.)
        let signals = StopSignals { signal in
            let done = run.epochsDone, total = run.options.epochs
            let state = done >= total
                ? "after its last epoch, before \(out) was written; \(checkpointURL.path) holds every epoch of the run (\(total)): run the same command with --resume to write it\n"
                : "during epoch \(done + 1) of \(total); " + (done > 0 ? "\(checkpointURL.path) holds the \(done) done: run the same command with --resume to finish\n" : "no epoch was finished, so nothing was kept\n")
            writeToStandardError("\ndigitlens: training stopped by \(signal) " + state)
            // At once, without the exit handlers, which would tear the BLAS threads' memory
            // down under them (a crash after the message).
            fflush(stdout)
            _exit(signal == "SIGINT" ? 130 : 143)
        }
        defer { withExtendedLifetime(signals) {} }
        try run.run(training: training, validation: held.count > 0 ? held : nil, onBatch: { epoch, seen, total, loss, accuracy in
            if bar == nil { bar = ProgressBar(total: total, label: "epoch \(epoch + 1)/\(run.options.epochs)", unit: "img") }
            bar?.update(completed: seen, status: String(format: "loss %.4f acc %.2f%%", loss, accuracy * 100))
        }, onEpoch: { r in
            bar?.finish(); bar = nil
            let validated = held.count == 0 ? "no validation images"
                : String(format: "validation (held-out train) loss %.4f acc %.2f%%", r.validationLoss, r.validationAccuracy * 100)
            print(String(format: "epoch %d/%d  loss %.4f  train acc %.2f%%  ", r.epoch, run.options.epochs, r.trainLoss, r.trainAccuracy * 100)
                  + validated + String(format: "  lr %.2e  %.0f s  %.0f img/s", r.learningRate, r.seconds, r.imagesPerSecond))
            fflush(stdout)
            try? writeAtomically(Data(run.historyCSV.utf8), to: out + ".history.csv")
        })
        if let averageWithStart, let startingWeights {
            try run.network.average(with: startingWeights, weight: averageWithStart)
        }
        // Averaged weights are a new model: validated again.
        let validationAccuracy = averageWithStart != nil && held.count > 0 ? run.network.evaluate(held).accuracy : run.history.last?.validationAccuracy ?? .nan
        // A run that diverged leaves weights no one can use: said, and nothing written over the
        // last good ones (the checkpoint of the last epoch stays for a look).
        if let broken = run.network.storedTensors.first(where: { !$0.value.values.allSatisfy(\.isFinite) }) {
            throw CommandError(nil, cannot: "train", "training diverged: \(broken.name) holds values that are not finite (NaN or infinite); \(out) was not written (try a lower --learning-rate)")
        }
        let minutes = Date().timeIntervalSince(started) / 60
        let testResult = run.network.evaluate(Dataset(bytes: test.images, labels: test.labels))
        let file = run.network.weightsFile(metadata: [
            "test_accuracy": String(format: "%.4f", testResult.accuracy),
            "validation_accuracy": held.count == 0 ? "none (no validation images)" : String(format: "%.4f", validationAccuracy),
            "training": "digitlens train\(architecture != nil || run.architecture != .digitNetV1 ? " --architecture \(run.architecture.rawValue)" : "")\(initialWeights.map { " --from \($0)" } ?? "")\(run.options.nonDigitFraction.map { " --non-digit-fraction \($0)" } ?? "")\(run.options.symbolShare.map { " --symbol-share \($0)" } ?? "")\(averageWithStart.map { " --average-with-start \($0)" } ?? "") --epochs \(run.options.epochs) --batch-size \(run.options.batchSize) --seed \(run.options.seed) --learning-rate \(run.options.peakLearningRate)\(run.options.augmentation == .none ? " --no-augment" : "")\(usedLimit.map { " --limit \($0)" } ?? "") --validation \(usedValidation)",
            "training_minutes": String(format: "%.1f", minutes),
            "training_images": String(training.count),
        ])
        try file.write(to: outURL)
        try writeAtomically(Data(run.historyCSV.utf8), to: out + ".history.csv")
        try Charts.writeTrainingHistory(run.history, to: URL(fileURLWithPath: out + ".history.png"))
        print(String(format: "test accuracy %.2f%% on %d MNIST test images; wrote %@ (+ .history.csv, .history.png)", testResult.accuracy * 100, testResult.labels.count, out))
    }
}
