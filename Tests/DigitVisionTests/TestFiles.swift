import DigitNet
import Foundation
import XCTest

/// The pictures kept with the tests (Tests/DigitVisionTests/Fixtures).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The fixture `name`'s URL.
    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
}

/// Paths to ../shared (present on developer machines and CI, absent in a bare clone).
enum Shared {
    static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("../shared").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("data").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent-shared")
    }()
    static var mnist: URL { root.appendingPathComponent("data/mnist") }
    static var realDev: URL { root.appendingPathComponent("data/real-dev") }

    static func require(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is missing: this test needs ../shared/data beside the checkout (CI has it)")
        }
    }

    /// The checkout's shipped model.
    static var model: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Models/digitlens.safetensors").standardizedFileURL
    }
}

/// Writes minimal PNG files by hand (stored deflate blocks, CRC-32, Adler-32), so tests can
/// make 16-bit, RGBA and lying-header images that OpenCV's own encoder would not produce.
enum PNGWriter {
    static func png(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]]) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.append(be32(UInt32(width))); header.append(be32(UInt32(height)))
        header.append(contentsOf: [bitDepth, colorType, 0, 0, 0])
        data.append(chunk("IHDR", header))
        var raw = Data()
        for row in rows { raw.append(0); raw.append(contentsOf: row) }
        data.append(chunk("IDAT", zlibStored(raw)))
        data.append(chunk("IEND", Data()))
        return data
    }

    static func be32(_ v: UInt32) -> Data { Data([UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]) }

    static func chunk(_ type: String, _ body: Data) -> Data {
        var typed = Data(type.utf8); typed.append(body)
        var out = be32(UInt32(body.count)); out.append(typed); out.append(be32(crc32(typed)))
        return out
    }

    static func zlibStored(_ raw: Data) -> Data {
        var out = Data([0x78, 0x01])
        let bytes = [UInt8](raw)
        var offset = 0
        repeat {
            let n = Swift.min(65535, bytes.count - offset)
            let final: UInt8 = offset + n >= bytes.count ? 1 : 0
            out.append(final)
            out.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)])
            out.append(contentsOf: bytes[offset..<offset + n])
            offset += n
        } while offset < bytes.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        out.append(be32(b << 16 | a))
        return out
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// A new empty folder, inside this test run's own, which is removed when the run exits.
func temporaryDirectory() throws -> URL {
    let url = testRunFolder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private let testRunFolder: URL = {
    atexit { try? FileManager.default.removeItem(at: testRunFolder) }
    return FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-vision-tests-\(getpid())")
}()
