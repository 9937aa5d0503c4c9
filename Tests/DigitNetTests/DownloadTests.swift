import Foundation
import XCTest
@testable import DigitNet

final class DownloadTests: XCTestCase {
    func testMD5KnownVectors() {
        XCTAssertEqual(MD5.hex([]), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(MD5.hex(Array("abc".utf8)), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(MD5.hex(Array("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8)),
                       "57edf4a22be3c955ac49da2e2107b67a")
    }

    /// Serves `directory` over HTTP on 127.0.0.1 with Python's http.server; returns the
    /// process and the base URL.
    func serve(_ directory: URL) throws -> (Process, URL) {
        let port = 18000 + Int.random(in: 0..<2000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        do { try server.run() } catch { throw XCTSkip("python3 is needed to serve files for this test: \(error)") }
        let base = URL(string: "http://127.0.0.1:\(port)/")!
        for _ in 0..<50 {
            if (try? Data(contentsOf: base)) != nil { return (server, base) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        server.terminate()
        throw XCTSkip("the local HTTP server did not start")
    }

    func testDownloadFromLocalMirrorVerifiesChecksums() throws {
        try SharedData.requireMNIST()
        let (server, base) = try serve(SharedData.mnist)
        defer { server.terminate() }
        let target = try scratchDirectory()
        try MNISTDownload.download(mirror: base, into: target, showProgress: false)
        let test = try MNIST.load(directory: target, split: .test)
        XCTAssertEqual(test.count, 10000)
    }

    func testWrongChecksumIsRejectedAndNothingSaved() throws {
        try SharedData.requireMNIST()
        let served = try scratchDirectory()
        for name in MNISTDownload.checksums.keys {
            var bytes = try Data(contentsOf: SharedData.mnist.appendingPathComponent(name))
            if name.hasPrefix("t10k-labels") { bytes[bytes.count / 2] ^= 0xFF }
            try bytes.write(to: served.appendingPathComponent(name))
        }
        let (server, base) = try serve(served)
        defer { server.terminate() }
        let target = try scratchDirectory()
        XCTAssertThrowsError(try MNISTDownload.download(mirror: base, into: target, showProgress: false)) { error in
            XCTAssertTrue("\(error)".contains("t10k-labels-idx1-ubyte.gz"), "\(error)")
            XCTAssertTrue("\(error)".contains("checksum"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path))
        // A mirror that has none of the files leaves no empty cache folder behind.
        let fresh = target.appendingPathComponent("cache/digitlens/mnist")
        XCTAssertThrowsError(try MNISTDownload.download(mirror: base.appendingPathComponent("nothing-here"), into: fresh, showProgress: false))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path))
    }
}

/// Where a download goes when no folder is named: under `$HOME`, as the user's shell has it.
final class CacheDirectoryTests: XCTestCase {
    /// Foundation's home directory on Linux is the password file's: a job run with its own
    /// `HOME` had filled root's cache.
    func testTheCacheFollowsHomeAndXDGCacheHome() {
        let saved = (ProcessInfo.processInfo.environment["HOME"], ProcessInfo.processInfo.environment["XDG_CACHE_HOME"])
        defer {
            if let home = saved.0 { setenv("HOME", home, 1) } else { unsetenv("HOME") }
            if let cache = saved.1 { setenv("XDG_CACHE_HOME", cache, 1) } else { unsetenv("XDG_CACHE_HOME") }
        }
        unsetenv("XDG_CACHE_HOME")
        setenv("HOME", "/tmp/digitlens-home-test", 1)
        XCTAssertEqual(MNIST.cacheDirectory.path, "/tmp/digitlens-home-test/.cache/digitlens/mnist")
        setenv("XDG_CACHE_HOME", "/tmp/digitlens-xdg-test", 1)
        XCTAssertEqual(MNIST.cacheDirectory.path, "/tmp/digitlens-xdg-test/digitlens/mnist")
    }
}
