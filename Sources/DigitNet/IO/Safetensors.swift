import Foundation

/// One tensor of a safetensors file, as Float values.
public struct StoredTensor: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Float]
    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

/// Why a safetensors file was refused: the file, and what is wrong with it.
public struct SafetensorsError: Error, CustomStringConvertible, LocalizedError {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
    public var errorDescription: String? { description }
}

/// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte
/// little-endian header length `N`, `N` bytes of JSON mapping each tensor name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets into the data that follows)
/// plus an optional `"__metadata__"` string map, then the little-endian tensor bytes.
/// We write F32 and pad the header with spaces to a multiple of 8, as the reference
/// implementation does; we read F32, F16, BF16 and F64.
public struct SafetensorsFile {
    public var tensors: [String: StoredTensor] = [:]
    public var metadata: [String: String] = [:]
    /// Where the file was read from (for error messages).
    public private(set) var path = "<memory>"

    public init() {}

    public init(contentsOf url: URL) throws {
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw SafetensorsError(file: url.path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        try self.init(bytes: bytes, path: url.path)
    }

    /// The header lengths read as a safetensors file's: a JSON object of 2 bytes ("{}") to 100 MB.
    static let plausibleHeaderLengths = 2...100_000_000

    /// The 8-byte little-endian header length `bytes` begin with.
    static func headerLength<Bytes: Collection>(_ bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    }

    /// Whether `start` (a file's first bytes) begins as a safetensors file does: a plausible
    /// header length, then a JSON object. Tells a weights file from another file before one
    /// is overwritten.
    public static func looksLikeStart(_ start: Data) -> Bool {
        start.count >= 9 && plausibleHeaderLengths.contains(headerLength(start)) && start[start.startIndex + 8] == UInt8(ascii: "{")
    }

    public init(bytes: Data, path: String = "<memory>") throws {
        self.path = path
        func fail(_ reason: String) -> SafetensorsError { SafetensorsError(file: path, reason: reason) }
        let data = [UInt8](bytes)
        guard data.count >= 8 else { throw fail("truncated: \(data.count) bytes, too short for the 8-byte header length") }
        let headerLength = Self.headerLength(data)
        guard Self.plausibleHeaderLengths.contains(headerLength) else { throw fail("corrupt: header length \(headerLength) is not plausible") }
        guard 8 + headerLength <= data.count else {
            throw fail("truncated: header says \(headerLength) bytes of JSON but the file has \(data.count - 8) after the length")
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: Data(data[8..<8 + headerLength])) } catch {
            throw fail("corrupt: the header is not valid JSON")
        }
        guard let header = json as? [String: Any] else { throw fail("corrupt: the header is not a JSON object") }
        let dataStart = 8 + headerLength, dataLength = data.count - dataStart
        var ranges: [(Int, Int, String)] = []
        for (name, entry) in header {
            if name == "__metadata__" {
                guard let map = entry as? [String: String] else { throw fail("corrupt: __metadata__ must map strings to strings") }
                metadata = map
                continue
            }
            guard let info = entry as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                throw fail("corrupt: tensor '\(name)' lacks dtype, shape or data_offsets")
            }
            guard let size = SafetensorsFile.elementSize[dtype] else { throw fail("tensor '\(name)' has unsupported dtype \(dtype) (F32, F16, BF16, F64 are read)") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("tensor '\(name)' has a negative dimension in \(shape)") }
            // A hostile header's dimensions can overflow Int: counted with overflow reported,
            // never trapped.
            var count = 1, bytes = 0, overflow = false
            for dimension in shape where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: dimension) }
            if !overflow { (bytes, overflow) = count.multipliedReportingOverflow(by: size) }
            guard !overflow else { throw fail("corrupt: tensor '\(name)' has shape \(shape), too large for any file") }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin, end <= dataLength else {
                throw fail("truncated or corrupt: tensor '\(name)' bytes \(begin)..<\(end) lie outside the \(dataLength) data bytes")
            }
            guard end - begin == bytes else {
                throw fail("tensor '\(name)': shape \(shape) of \(dtype) needs \(bytes) bytes, the file gives \(end - begin)")
            }
            ranges.append((begin, end, name))
            tensors[name] = StoredTensor(shape: shape, values: SafetensorsFile.decode(data, from: dataStart + begin, count: count, dtype: dtype))
        }
        ranges.sort { $0.0 < $1.0 }
        for (a, b) in zip(ranges, ranges.dropFirst()) where b.0 < a.1 {
            throw fail("corrupt: tensors '\(a.2)' and '\(b.2)' overlap")
        }
    }

    /// The values of tensor `name`, which must exist with exactly `shape`.
    public func require(_ name: String, shape: [Int]) throws -> [Float] {
        guard let tensor = tensors[name] else {
            throw SafetensorsError(file: path, reason: "missing tensor '\(name)' (the file has \(tensors.count) others; wrong model file?)")
        }
        guard tensor.shape == shape else {
            throw SafetensorsError(file: path, reason: "tensor '\(name)' has shape \(tensor.shape), expected \(shape)")
        }
        return tensor.values
    }

    /// The file's bytes: F32 tensors in name order.
    public func serialized() throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let t = tensors[name]!
            precondition(t.shape.reduce(1, *) == t.values.count, "tensor \(name): \(t.values.count) values for shape \(t.shape)")
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + 4 * t.values.count]] as [String: Any]
            offset += 4 * t.values.count
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }
        var out = Data(capacity: 8 + json.count + offset)
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(json)
        for name in names {
            tensors[name]!.values.withUnsafeBufferPointer { buffer in
                for v in buffer { var bits = v.bitPattern.littleEndian; withUnsafeBytes(of: &bits) { out.append(contentsOf: $0) } }
            }
        }
        return out
    }

    /// Writes the file atomically (a temporary file renamed into place).
    public func write(to url: URL) throws {
        do { try serialized().write(to: url, options: .atomic) } catch let error as SafetensorsError { throw error } catch {
            throw SafetensorsError(file: url.path, reason: "cannot write (\(error.localizedDescription))")
        }
    }

    static let elementSize = ["F32": 4, "F16": 2, "BF16": 2, "F64": 8]

    static func decode(_ data: [UInt8], from start: Int, count: Int, dtype: String) -> [Float] {
        func le(_ i: Int, _ bytes: Int) -> UInt64 {
            var v: UInt64 = 0
            for b in 0..<bytes { v |= UInt64(data[i + b]) << (8 * b) }
            return v
        }
        switch dtype {
        case "F32": return (0..<count).map { Float(bitPattern: UInt32(le(start + 4 * $0, 4))) }
        case "F64": return (0..<count).map { Float(Double(bitPattern: le(start + 8 * $0, 8))) }
        case "BF16": return (0..<count).map { Float(bitPattern: UInt32(le(start + 2 * $0, 2)) << 16) }
        default: return (0..<count).map { halfToFloat(UInt16(le(start + 2 * $0, 2))) }
        }
    }

    /// IEEE 754 half precision to Float (handles subnormals, infinities and NaN).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: Float = (h & 0x8000) != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1F), fraction = Float(h & 0x3FF)
        if exponent == 0 { return sign * fraction * powf(2, -24) }
        if exponent == 31 { return fraction == 0 ? sign * .infinity : .nan }
        return sign * (1 + fraction / 1024) * powf(2, Float(exponent - 15))
    }
}
