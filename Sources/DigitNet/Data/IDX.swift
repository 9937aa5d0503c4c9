import CZlib
import Foundation

/// Why an IDX file was refused: the file, and what is wrong with it.
public struct IDXError: Error, CustomStringConvertible, LocalizedError {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
    public var errorDescription: String? { description }
}

/// One split of MNIST as bytes: `count` images of `rows x cols` (white ink 255 on black 0).
public struct MNISTSplit: Sendable {
    public let images: [UInt8]
    public let labels: [UInt8]
    public let count: Int
    public let rows: Int
    public let cols: Int
}

/// The MNIST files in the IDX format (big-endian header: magic 0x00000803 for images then
/// count, rows, cols; 0x00000801 for labels then count; then unsigned bytes), gzipped or not.
public enum MNIST {
    public enum Split: String, Sendable { case train, test }

    /// File names without `.gz`.
    public static func fileNames(_ split: Split) -> (images: String, labels: String) {
        switch split {
        case .train: return ("train-images-idx3-ubyte", "train-labels-idx1-ubyte")
        case .test: return ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
        }
    }

    /// Loads one split from `directory`, accepting `NAME.gz` or `NAME`.
    public static func load(directory: URL, split: Split) throws -> MNISTSplit {
        let names = fileNames(split)
        let imagesURL = try locate(names.images, in: directory)
        let labelsURL = try locate(names.labels, in: directory)
        let (imageDims, images) = try readIDX(imagesURL, magic: 0x0000_0803, dimensions: 3)
        let (labelDims, labels) = try readIDX(labelsURL, magic: 0x0000_0801, dimensions: 1)
        guard imageDims[0] == labelDims[0] else {
            throw IDXError(file: labelsURL.path, reason: "\(labelDims[0]) labels but \(imagesURL.lastPathComponent) has \(imageDims[0]) images")
        }
        if let bad = labels.firstIndex(where: { $0 > 9 }) {
            throw IDXError(file: labelsURL.path, reason: "label \(labels[bad]) at item \(bad) is not a digit 0-9")
        }
        return MNISTSplit(images: images, labels: labels, count: imageDims[0], rows: imageDims[1], cols: imageDims[2])
    }

    /// Where MNIST is: the first of `dataCandidates(explicit:)` holding all four files.
    public static func locateData(explicit: URL?) -> URL? {
        dataCandidates(explicit: explicit).first { dir in
            [Split.train, .test].allSatisfy { split in
                let n = fileNames(split)
                return [n.images, n.labels].allSatisfy { (try? locate($0, in: dir)) != nil }
            }
        }
    }

    /// The folders that may hold MNIST, in the order they are tried: `explicit`,
    /// `$DIGITLENS_DATA`, `../shared/data/mnist` from the current folder and beside the
    /// checkout whose model the tools use (so a command run from elsewhere finds the same
    /// data as from the checkout), and `~/.cache/digitlens/mnist`.
    public static func dataCandidates(explicit: URL?) -> [URL] {
        var candidates = [URL]()
        if let explicit { candidates.append(explicit) }
        if let env = ProcessInfo.processInfo.environment["DIGITLENS_DATA"], !env.isEmpty { candidates.append(URL(fileURLWithPath: env)) }
        candidates.append(URL(fileURLWithPath: "../shared/data/mnist").standardizedFileURL)
        if let model = DigitClassifier.defaultModelURL(), model.deletingLastPathComponent().lastPathComponent == "Models" {
            let checkout = model.deletingLastPathComponent().deletingLastPathComponent()
            let beside = checkout.appendingPathComponent("../shared/data/mnist").standardizedFileURL
            if !candidates.contains(beside) { candidates.append(beside) }
        }
        candidates.append(cacheDirectory)
        return candidates
    }

    /// `~/.cache/digitlens/mnist` (or `$XDG_CACHE_HOME/digitlens/mnist`), `~` being `$HOME`
    /// when set (Foundation's home directory on Linux is the password file's, whatever
    /// `$HOME` says: a job given its own HOME still filled root's cache).
    public static var cacheDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? home.appendingPathComponent(".cache")
        return base.appendingPathComponent("digitlens/mnist")
    }

    static func locate(_ name: String, in directory: URL) throws -> URL {
        for candidate in [name + ".gz", name] {
            let url = directory.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw IDXError(file: directory.appendingPathComponent(name + ".gz").path, reason: "missing (neither \(name).gz nor \(name) is in \(directory.path))")
    }

    /// Reads one IDX file of unsigned bytes, checking magic, dimensions and length.
    public static func readIDX(_ url: URL, magic: UInt32, dimensions: Int) throws -> (dims: [Int], data: [UInt8]) {
        func fail(_ reason: String) -> IDXError { IDXError(file: url.path, reason: reason) }
        guard let raw = FileManager.default.contents(atPath: url.path) else { throw fail("cannot read the file") }
        let bytes = raw.starts(with: [0x1F, 0x8B]) ? try gunzip(raw, path: url.path) : [UInt8](raw)
        let headerSize = 4 + 4 * dimensions
        guard bytes.count >= headerSize else { throw fail("truncated: \(bytes.count) bytes, shorter than the \(headerSize)-byte header") }
        func u32(_ i: Int) -> UInt32 { UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3]) }
        let found = u32(0)
        guard found == magic else {
            throw fail(String(format: "bad magic number 0x%08X, expected 0x%08X (%@)", found, magic, magic == 0x803 ? "an image file" : "a label file"))
        }
        let dims = (0..<dimensions).map { Int(u32(4 + 4 * $0)) }
        if dimensions == 3, dims[1] != 28 || dims[2] != 28 { throw fail("images are \(dims[1])x\(dims[2]), expected 28x28") }
        let expected = dims.reduce(1, *)
        guard bytes.count - headerSize == expected else {
            throw fail("\(bytes.count - headerSize) data bytes but the header's dimensions \(dims) need \(expected)\(bytes.count - headerSize < expected ? " (truncated)" : "")")
        }
        return (dims, Array(bytes[headerSize...]))
    }

    /// Inflates gzip data with zlib.
    static func gunzip(_ data: Data, path: String) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw IDXError(file: path, reason: "zlib failed to start")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress!)
            stream.avail_in = UInt32(input.count)
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw IDXError(file: path, reason: "corrupt or truncated gzip data (zlib status \(status))")
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0 {
                    throw IDXError(file: path, reason: "truncated gzip data (the stream ends early)")
                }
                // A gzip file may hold several members one after another (written in parts,
                // or by bgzip); gzip reads them all as one, and so does this.
                if status == Z_STREAM_END && stream.avail_in >= 2 && stream.next_in[0] == 0x1F && stream.next_in[1] == 0x8B {
                    guard inflateReset(&stream) == Z_OK else { throw IDXError(file: path, reason: "zlib failed to read the next gzip member") }
                    status = Z_OK
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}
