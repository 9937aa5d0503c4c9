import Foundation
import XCTest
@testable import DigitNet

enum SharedData {
    static let mnist: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("../shared/data/mnist").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent-shared/data/mnist")
    }()
    static let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Models/digitlens.safetensors").standardizedFileURL

    static func requireMNIST() throws {
        guard FileManager.default.fileExists(atPath: mnist.path) else {
            throw XCTSkip("\(mnist.path) is missing: this test needs ../shared/data/mnist beside the checkout (CI has it)")
        }
    }
}

/// A new empty folder, inside this test run's own, which is removed when the run exits.
func scratchDirectory() throws -> URL {
    let url = testRunFolder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private let testRunFolder: URL = {
    atexit { try? FileManager.default.removeItem(at: testRunFolder) }
    return FileManager.default.temporaryDirectory.appendingPathComponent("digitnet-tests-\(getpid())")
}()

final class IDXTests: XCTestCase {
    func testReadsRealMNIST() throws {
        try SharedData.requireMNIST()
        let train = try MNIST.load(directory: SharedData.mnist, split: .train)
        let test = try MNIST.load(directory: SharedData.mnist, split: .test)
        XCTAssertEqual(train.count, 60000); XCTAssertEqual(test.count, 10000)
        XCTAssertEqual(train.rows, 28); XCTAssertEqual(train.images.count, 60000 * 784)
        XCTAssertEqual(Array(train.labels.prefix(5)), [5, 0, 4, 1, 9])
        XCTAssertEqual(Array(test.labels.prefix(5)), [7, 2, 1, 0, 4])
    }

    /// Writes a raw IDX pair of `count` images; `mutate` may damage the bytes.
    func writeIDX(_ dir: URL, count: Int, labels labelCount: Int? = nil, imageMagic: UInt32 = 0x803, truncate: Int = 0) throws {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        var images = be(imageMagic) + be(UInt32(count)) + be(28) + be(28) + [UInt8](repeating: 7, count: count * 784)
        images.removeLast(truncate)
        let n = labelCount ?? count
        let labels = be(0x801) + be(UInt32(n)) + [UInt8](repeating: 3, count: n)
        try Data(images).write(to: dir.appendingPathComponent("t10k-images-idx3-ubyte"))
        try Data(labels).write(to: dir.appendingPathComponent("t10k-labels-idx1-ubyte"))
    }

    func testRejectsDamagedFilesNamingThem() throws {
        let dir = try scratchDirectory()
        try writeIDX(dir, count: 3)
        XCTAssertEqual(try MNIST.load(directory: dir, split: .test).count, 3)
        let cases: [(String, () throws -> Void)] = [
            ("bad magic", { try self.writeIDX(dir, count: 3, imageMagic: 0x801) }),
            ("truncated", { try self.writeIDX(dir, count: 3, truncate: 100) }),
            ("labels but", { try self.writeIDX(dir, count: 3, labels: 2) }),
        ]
        for (words, damage) in cases {
            try damage()
            XCTAssertThrowsError(try MNIST.load(directory: dir, split: .test)) { error in
                XCTAssertTrue("\(error)".contains("t10k-"), "names the file: \(error)")
                XCTAssertTrue("\(error)".contains(words), "'\(words)' in: \(error)")
            }
        }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("t10k-labels-idx1-ubyte"))
        XCTAssertThrowsError(try MNIST.load(directory: dir, split: .test)) { XCTAssertTrue("\($0)".contains("missing"), "\($0)") }
    }

    /// A gzip file of several members (written in parts, or by bgzip) reads whole, as gzip
    /// reads it; it had been "truncated" after its first member.
    func testReadsAGzipFileOfSeveralMembers() throws {
        let dir = try scratchDirectory()
        let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 10] + (0..<10).map { UInt8($0) }
        func gzipped(_ bytes: [UInt8]) throws -> Data {
            let plain = dir.appendingPathComponent("part")
            try Data(bytes).write(to: plain)
            let gzip = Process(), pipe = Pipe()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-c", plain.path]
            gzip.standardOutput = pipe
            try gzip.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            gzip.waitUntilExit()
            return data
        }
        let file = dir.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
        try (try gzipped(Array(labels[0..<11])) + (try gzipped(Array(labels[11...])))).write(to: file)
        let read = try MNIST.readIDX(file, magic: 0x801, dimensions: 1)
        XCTAssertEqual(read.dims, [10])
        XCTAssertEqual(read.data, (0..<10).map { UInt8($0) })
    }

    func testRejectsCorruptGzip() throws {
        let dir = try scratchDirectory()
        try Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]).write(to: dir.appendingPathComponent("t10k-images-idx3-ubyte.gz"))
        XCTAssertThrowsError(try MNIST.readIDX(dir.appendingPathComponent("t10k-images-idx3-ubyte.gz"), magic: 0x803, dimensions: 3)) { error in
            XCTAssertTrue("\(error)".contains("gzip"), "\(error)")
        }
    }
}

final class SafetensorsTests: XCTestCase {
    func testRoundTripKeepsValuesShapesAndMetadata() throws {
        var file = SafetensorsFile()
        file.tensors["a.weight"] = StoredTensor(shape: [2, 3], values: [1, -2, 3.5, 0, 1e-8, -7])
        file.tensors["b"] = StoredTensor(shape: [1], values: [42])
        file.metadata = ["architecture": "x"]
        let url = try scratchDirectory().appendingPathComponent("w.safetensors")
        try file.write(to: url)
        let back = try SafetensorsFile(contentsOf: url)
        XCTAssertEqual(back.tensors, file.tensors)
        XCTAssertEqual(back.metadata, file.metadata)
        let bytes = try Data(contentsOf: url)
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual(headerLength % 8, 0, "header padded to 8 bytes")
        XCTAssertEqual(bytes.count, 8 + headerLength + 7 * 4)
    }

    func testRejectsTruncatedCorruptAndMismatchedFiles() throws {
        let dir = try scratchDirectory()
        var file = SafetensorsFile()
        file.tensors["w"] = StoredTensor(shape: [4], values: [1, 2, 3, 4])
        let good = try file.serialized()
        func expectError(_ data: Data, _ words: String) {
            let url = dir.appendingPathComponent("bad.safetensors")
            try? data.write(to: url)
            XCTAssertThrowsError(try SafetensorsFile(contentsOf: url)) { error in
                XCTAssertTrue("\(error)".contains("bad.safetensors"), "names the file: \(error)")
                XCTAssertTrue("\(error)".contains(words), "'\(words)' in: \(error)")
            }
        }
        expectError(good.prefix(good.count - 3), "truncated")
        expectError(good.prefix(5), "truncated")
        var corrupt = good; corrupt[10] = 0x7B; corrupt[11] = 0x7B
        expectError(corrupt, "JSON")
        let lying = good.prefix(8) + Data(String(decoding: good[8..<(good.count - 16)], as: UTF8.self).replacingOccurrences(of: "[4]", with: "[5]").utf8) + good.suffix(16)
        expectError(lying, "needs")
        // Dimensions whose product overflows (2^62 x 4 floats wrap to 0 bytes): refused, not
        // taken for an empty tensor or trapped on.
        let huge = Data(#"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}}"#.utf8)
        var length = Data(count: 8); length[0] = UInt8(huge.count)
        expectError(length + huge, "too large")
        XCTAssertThrowsError(try file.require("w", shape: [2, 2])) { XCTAssertTrue("\($0)".contains("shape"), "\($0)") }
        XCTAssertThrowsError(try file.require("missing", shape: [4])) { XCTAssertTrue("\($0)".contains("missing"), "\($0)") }
    }

    func testNetworkWeightsRoundTripAndArchitectureMismatch() throws {
        let net = Architecture.digitNetV1.make(seed: 3)
        let url = try scratchDirectory().appendingPathComponent("net.safetensors")
        try net.weightsFile().write(to: url)
        let loaded = try loadNetwork(contentsOf: url)
        XCTAssertEqual(loaded.parameters.flatMap { $0.value.values }, net.parameters.flatMap { $0.value.values })
        let other = Architecture.kerasReference.make(seed: 1)
        XCTAssertThrowsError(try other.load(SafetensorsFile(contentsOf: url), path: url.path)) { error in
            XCTAssertTrue("\(error)".contains("architecture"), "\(error)")
        }
    }

    /// Weights no training makes (a NaN from a run that diverged, a BatchNorm variance below
    /// zero) are refused when loaded, naming the file and the tensor: they had loaded and read
    /// every digit as 0, or with confidence "nan", exit status 0.
    func testBrokenWeightsAreRefusedNamingTheTensor() throws {
        let net = Architecture.digitNetV1.make(seed: 3)
        let url = try scratchDirectory().appendingPathComponent("broken.safetensors")
        for (name, index, value, message) in [("conv2.weight", 3, Float.nan, "tensor conv2.weight holds nan at index 3"),
                                              ("fc1.bias", 0, Float.infinity, "tensor fc1.bias holds inf at index 0"),
                                              ("bn1.running_var", 2, Float(-1), "tensor bn1.running_var holds the variance -1.0 at index 2, below zero")] {
            var file = net.weightsFile()
            file.tensors[name]!.values[index] = value
            try file.write(to: url)
            XCTAssertThrowsError(try loadNetwork(contentsOf: url), name) { error in
                XCTAssertEqual("\(error)".components(separatedBy: ": ").first, url.path)
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
        var healthy = net.weightsFile()
        healthy.tensors["bn1.running_var"]!.values[2] = 0      // a channel that never fired: legal
        try healthy.write(to: url)
        XCTAssertNoThrow(try loadNetwork(contentsOf: url))
    }

    func testShippedModelScoresOnFullMNISTTestSet() throws {
        try SharedData.requireMNIST()
        let classifier = try DigitClassifier(contentsOf: SharedData.model)
        let test = try MNIST.load(directory: SharedData.mnist, split: .test)
        let data = Dataset(bytes: test.images, labels: test.labels)
        let result = classifier.network.evaluate(data)
        XCTAssertGreaterThanOrEqual(result.accuracy, 0.995, "shipped model accuracy on the 10,000 test images")
        // The compiled path the tools use gives the same answers.
        let compiled = classifier.probabilities(images: data.images, count: data.count)
        let agree = (0..<data.count).filter { argmax(compiled, row: $0) == result.predictions[$0] }.count
        XCTAssertGreaterThanOrEqual(agree, data.count - 2, "compiled and layered predictions agree")
    }

    func argmax(_ p: [Float], row: Int) -> Int {
        (0..<10).max { p[row * 10 + $0] < p[row * 10 + $1] }!
    }

    func testShortTrainingRunOnRealDigitsLearns() throws {
        try SharedData.requireMNIST()
        let train = try MNIST.load(directory: SharedData.mnist, split: .train)
        let data = Dataset(bytes: Array(train.images.prefix(4000 * 784)), labels: Array(train.labels.prefix(4000)))
        let (training, validation) = data.splitValidation(count: 1000, seed: 1)
        var options = TrainingOptions()
        options.epochs = 2
        options.augmentation = .none
        let dir = try scratchDirectory()
        let run = try TrainingRun(options: options, architecture: .kerasReference, checkpointURL: dir.appendingPathComponent("c.safetensors"), resume: false)
        try run.run(training: training, validation: validation)
        XCTAssertGreaterThan(run.history.last!.validationAccuracy, 0.85, "3,000 images, 2 epochs")
        // --resume continues from the checkpoint where it stopped.
        options.epochs = 3
        let resumed = try TrainingRun(options: options, architecture: .kerasReference, checkpointURL: dir.appendingPathComponent("c.safetensors"), resume: true)
        XCTAssertEqual(resumed.epochsDone, 2)
        XCTAssertEqual(resumed.history.count, 2)
        XCTAssertEqual(resumed.network.parameters.flatMap { $0.value.values }, run.network.parameters.flatMap { $0.value.values })
        try resumed.run(training: training, validation: validation)
        XCTAssertEqual(resumed.history.count, 3)
        // A checkpoint whose optimizer state went bad (a NaN in Adam's moments) is refused,
        // naming the tensor: resumed, it had trained to NaN weights and written them.
        let checkpoint = dir.appendingPathComponent("c.safetensors")
        var file = try SafetensorsFile(contentsOf: checkpoint)
        let moment = try XCTUnwrap(file.tensors.keys.first { $0.hasPrefix("adam.v.") })
        file.tensors[moment]!.values[0] = .nan
        try file.write(to: checkpoint)
        options.epochs = 4
        XCTAssertThrowsError(try TrainingRun(options: options, architecture: .kerasReference, checkpointURL: checkpoint, resume: true)) { error in
            XCTAssertTrue("\(error)".contains("tensor \(moment) holds nan at index 0"), "\(error)")
        }
    }
}
