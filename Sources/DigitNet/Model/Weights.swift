import Foundation

/// Why a weights file cannot be used with a network.
public struct WeightsError: Error, CustomStringConvertible, LocalizedError {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
    public var errorDescription: String? { description }
}

extension Network {
    /// The network's parameters and buffers as a safetensors file, with metadata naming the
    /// architecture and the input normalization (plus `extra`).
    public func weightsFile(metadata extra: [String: String] = [:]) -> SafetensorsFile {
        var file = SafetensorsFile()
        for p in storedTensors { file.tensors[p.name] = StoredTensor(shape: p.shape, values: p.value.values) }
        file.metadata = [
            "architecture": architecture,
            "input": "28x28x1 NHWC float, MNIST convention: ink 1.0, background 0.0",
            "input_normalization": "(x - \(MNISTStatistics.mean)) / \(MNISTStatistics.standardDeviation), inside the model",
            "layout": "conv weight [KH,KW,Cin,Cout]; dense weight [in,out]; batchnorm weight/bias/running_mean/running_var [C]",
        ].merging(extra) { _, new in new }
        return file
    }

    /// Copies every parameter and buffer from `file`, checking names and shapes. Fails if
    /// the file was made for another architecture or lacks a tensor.
    public func load(_ file: SafetensorsFile, path: String) throws {
        if let stored = file.metadata["architecture"], stored != architecture {
            throw WeightsError(file: path, reason: "weights are for architecture '\(stored)', not '\(architecture)'")
        }
        for p in storedTensors {
            let values = try file.require(p.name, shape: p.shape)
            try checkValues(values, of: p.name, path: path)
            values.withUnsafeBufferPointer { p.value.data.update(from: $0.baseAddress!, count: values.count) }
        }
    }
}

/// Refuses a tensor no training makes: a NaN or infinite value (a run that diverged), or a
/// BatchNorm variance below zero. Such weights load and then read every digit as one label,
/// or as "nan", with no error anywhere.
func checkValues(_ values: [Float], of name: String, path: String) throws {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
        throw WeightsError(file: path, reason: "tensor \(name) holds \(values[bad]) at index \(bad): these weights are broken (a training run that diverged?)")
    }
    if name.hasSuffix("running_var"), let bad = values.firstIndex(where: { $0 < 0 }) {
        throw WeightsError(file: path, reason: "tensor \(name) holds the variance \(values[bad]) at index \(bad), below zero: these weights are broken")
    }
}

extension Network {
    /// Replaces every parameter and buffer by the weighted mean `(1 − w)·own + w·file's`:
    /// a fine-tuned network averaged with the weights it started from keeps what they knew
    /// and gains part of what the fine-tune taught (weight averaging of models fine-tuned from
    /// one start, Wortsman et al. 2022, "model soups").
    public func average(with file: SafetensorsFile, weight: Float) throws {
        for p in storedTensors {
            let values = try file.require(p.name, shape: p.shape)
            for i in 0..<values.count { p.value.data[i] = (1 - weight) * p.value.data[i] + weight * values[i] }
        }
    }
}

/// Loads a network from a weights file, building the architecture its metadata names.
public func loadNetwork(contentsOf url: URL) throws -> Network {
    try loadNetwork(try SafetensorsFile(contentsOf: url), path: url.path)
}

/// The network a weights file read from `path` holds, of the architecture its metadata names
/// (`digitnet-v1` when it names none), every tensor checked by `Network.load`.
public func loadNetwork(_ file: SafetensorsFile, path: String) throws -> Network {
    let name = file.metadata["architecture"] ?? Architecture.digitNetV1.rawValue
    guard let architecture = Architecture(rawValue: name) else {
        throw WeightsError(file: path, reason: "unknown architecture '\(name)' (known: \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    let network = architecture.make(seed: 0)
    try network.load(file, path: path)
    return network
}
