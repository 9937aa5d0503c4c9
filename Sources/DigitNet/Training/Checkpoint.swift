import Foundation

/// A training checkpoint: the weights, Adam's moments and step, the options, the history
/// so far and the epochs done, in one safetensors file (moments as `adam.m.<name>` and
/// `adam.v.<name>`, the rest as metadata), so `train --resume` continues exactly.
public struct Checkpoint {
    public var epochsDone: Int
    public var history: [EpochRecord]
    public var options: TrainingOptions

    public init(epochsDone: Int, history: [EpochRecord], options: TrainingOptions) {
        self.epochsDone = epochsDone
        self.history = history
        self.options = options
    }

    public func write(trainer: Trainer, to url: URL) throws {
        var file = trainer.network.weightsFile(metadata: [
            "checkpoint_epochs_done": String(epochsDone),
            "checkpoint_step": String(trainer.step),
            "checkpoint_adam_step": String(trainer.optimizer.stepCount),
            "checkpoint_options": String(decoding: try JSONEncoder().encode(options), as: UTF8.self),
            "checkpoint_history": String(decoding: try historyEncoder.encode(history), as: UTF8.self),
        ])
        for p in trainer.network.parameters {
            let (m, v) = trainer.optimizer.moments(for: p)
            file.tensors["adam.m.\(p.name)"] = StoredTensor(shape: p.shape, values: m.values)
            file.tensors["adam.v.\(p.name)"] = StoredTensor(shape: p.shape, values: v.values)
        }
        try file.write(to: url)
    }

    /// Reads a checkpoint's options and progress, without building a trainer.
    public static func read(_ url: URL) throws -> (Checkpoint, SafetensorsFile) {
        let file = try SafetensorsFile(contentsOf: url)
        func field(_ key: String) throws -> String {
            guard let value = file.metadata[key] else {
                throw WeightsError(file: url.path, reason: "not a training checkpoint (no '\(key)' in its metadata)")
            }
            return value
        }
        guard let epochs = Int(try field("checkpoint_epochs_done")) else {
            throw WeightsError(file: url.path, reason: "bad checkpoint_epochs_done")
        }
        let options = try JSONDecoder().decode(TrainingOptions.self, from: Data(try field("checkpoint_options").utf8))
        let history = try historyDecoder.decode([EpochRecord].self, from: Data(try field("checkpoint_history").utf8))
        return (Checkpoint(epochsDone: epochs, history: history, options: options), file)
    }

    /// Restores weights, moments and steps into `trainer` from `file`.
    public static func restore(_ file: SafetensorsFile, into trainer: Trainer, path: String) throws {
        try trainer.network.load(file, path: path)
        for p in trainer.network.parameters {
            let (m, v) = trainer.optimizer.moments(for: p)
            let mv = try file.require("adam.m.\(p.name)", shape: p.shape)
            let vv = try file.require("adam.v.\(p.name)", shape: p.shape)
            try checkValues(mv, of: "adam.m.\(p.name)", path: path)
            try checkValues(vv, of: "adam.v.\(p.name)", path: path)
            for i in 0..<mv.count { m[i] = mv[i]; v[i] = vv[i] }
        }
        trainer.step = Int(file.metadata["checkpoint_step"] ?? "") ?? 0
        trainer.optimizer.restore(stepCount: Int(file.metadata["checkpoint_adam_step"] ?? "") ?? trainer.step)
    }
}

/// The history's JSON in a checkpoint: an epoch trained with no validation images (--validation
/// 0) has NaN for their loss and accuracy, which plain JSON cannot hold.
private let historyEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
}()

private let historyDecoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
}()
