import CBridge
import Foundation

/// An 8-bit image with 1 (grey) or 3 (BGR) interleaved channels, owning a bridge handle
/// that it frees in `deinit`. Processing calls return new images; drawing calls change this one.
public final class Image: @unchecked Sendable {
    let handle: OpaquePointer

    /// What reading the file warned of: a TIFF whose picture data is corrupt, read as far as
    /// it decodes (its failed strips blank). Nil for a picture read whole.
    public private(set) var decodeWarning: String?

    init(handle: OpaquePointer) { self.handle = handle }

    /// Takes the bridge's warning of the read just made on this thread.
    private func takeDecodeWarning() {
        guard let warning = cb_take_decode_warning() else { return }
        decodeWarning = String(cString: warning)
        cb_string_free(warning)
    }
    deinit { cb_image_free(handle) }

    /// Reads an image file (every format OpenCV decodes; EXIF orientation applied; 16-bit
    /// scaled to 8-bit; alpha composited over white, or over black under light strokes on a
    /// clear ground), as BGR or grey.
    public convenience init(contentsOf path: String, grayscale: Bool = false) throws {
        var out: OpaquePointer?
        try check("read", file: path) { cb_image_read(path, grayscale ? 1 : 0, &out, $0) }
        self.init(handle: out!)
        takeDecodeWarning()
    }

    /// Reads page `page` (from 1) of an image file: a multi-page TIFF's or PDF's pages one by one
    /// (`pageCount`); page 1 of any file is the file as `init(contentsOf:)` reads it.
    public convenience init(contentsOf path: String, page: Int, grayscale: Bool = false) throws {
        var out: OpaquePointer?
        try check("read", file: path) { cb_image_read_page(path, Int32(page - 1), grayscale ? 1 : 0, &out, $0) }
        self.init(handle: out!)
        takeDecodeWarning()
    }

    /// How many pages the file holds: more than 1 only for a multi-page TIFF or PDF (a
    /// scanner's stack of sheets), else 1 (also for a file that cannot be read; reading it says why).
    public static func pageCount(ofFile path: String) -> Int { Int(cb_image_page_count(path)) }

    /// Decodes an encoded image (PNG, JPEG, …) from memory.
    public convenience init(encoded: Data, name: String = "<memory>", grayscale: Bool = false) throws {
        var out: OpaquePointer?
        try encoded.withUnsafeBytes { raw in
            try check("decode", file: name) {
                cb_image_decode(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, name, grayscale ? 1 : 0, &out, $0)
            }
        }
        self.init(handle: out!)
        takeDecodeWarning()
    }

    /// The picture piped in on standard input (`recognize -`), named "-" in messages; read as
    /// a pipe is (the first page of a multi-page TIFF or PDF), up to the bridge's limit for a stream.
    public static func fromStandardInput(grayscale: Bool = false) throws -> Image {
        var bytes = [UInt8](), chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw VisionError(kind: .io, file: "-", operation: "read", reason: "-: cannot read standard input (\(String(cString: strerror(errno))))") }
            if got == 0 { break }
            bytes += chunk[0..<got]
            if UInt64(bytes.count) > CB_MAX_STREAM_BYTES {
                throw VisionError(kind: .tooLarge, file: "-", operation: "read", reason: "-: more than \(CB_MAX_STREAM_BYTES >> 20) MiB on standard input, over the limit for an image read from a pipe")
            }
        }
        return try Image(encoded: Data(bytes), name: "-", grayscale: grayscale)
    }

    /// A new image from tightly packed pixels (`width * height * channels` bytes), or black.
    public convenience init(width: Int, height: Int, channels: Int, pixels: [UInt8]? = nil) throws {
        var out: OpaquePointer?
        if let pixels {
            guard pixels.count == width * height * channels else {
                throw VisionError(kind: .argument, operation: "create", reason: "\(pixels.count) bytes for a \(width)x\(height)x\(channels) image")
            }
            try pixels.withUnsafeBufferPointer { buffer in
                try check("create") { cb_image_create(Int32(width), Int32(height), Int32(channels), buffer.baseAddress, width * channels, &out, $0) }
            }
        } else {
            try check("create") { cb_image_create(Int32(width), Int32(height), Int32(channels), nil, 0, &out, $0) }
        }
        self.init(handle: out!)
    }

    public var width: Int { Int(cb_image_width(handle)) }
    public var height: Int { Int(cb_image_height(handle)) }
    public var channels: Int { Int(cb_image_channels(handle)) }
    /// Bytes from one row to the next.
    public var stride: Int { cb_image_stride(handle) }

    /// Calls `body` with the first pixel and the row stride; the pointer is valid only inside.
    public func withPixels<R>(_ body: (UnsafeMutablePointer<UInt8>, Int) throws -> R) rethrows -> R {
        try body(cb_image_data(handle), stride)
    }

    /// The pixels tightly packed (row after row, no padding).
    public var pixels: [UInt8] {
        withPixels { base, stride in
            let rowBytes = width * channels
            var result = [UInt8](repeating: 0, count: rowBytes * height)
            result.withUnsafeMutableBufferPointer { out in
                for y in 0..<height { (out.baseAddress! + y * rowBytes).update(from: base + y * stride, count: rowBytes) }
            }
            return result
        }
    }

    /// The pixel at (x, y), channel `c`.
    public func pixel(x: Int, y: Int, channel c: Int = 0) -> UInt8 {
        withPixels { base, stride in base[y * stride + x * channels + c] }
    }

    /// Writes the image (format from the extension), atomically.
    public func write(to path: String, jpegQuality: Int = 92) throws {
        try check("write", file: path) { cb_image_write(handle, path, Int32(jpegQuality), $0) }
    }

    /// Encodes to memory, e.g. `.png`.
    public func encoded(as fileExtension: String = ".png") throws -> Data {
        var bytes: UnsafeMutablePointer<UInt8>?
        var length = 0
        try check("encode") { cb_image_encode(handle, fileExtension, &bytes, &length, $0) }
        defer { cb_bytes_free(bytes) }
        return Data(bytes: bytes!, count: length)
    }

    /// Runs a bridge call that produces a new image.
    func derive(_ operation: String, _ call: (UnsafeMutablePointer<OpaquePointer?>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> cb_status) throws -> Image {
        var out: OpaquePointer?
        try check(operation) { call(&out, $0) }
        return Image(handle: out!)
    }
}
