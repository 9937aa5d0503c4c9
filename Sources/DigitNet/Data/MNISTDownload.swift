import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches the four MNIST files when no local copy exists, checking MNIST's published MD5s.
public enum MNISTDownload {
    /// Default mirror; `$DIGITLENS_MNIST_URL` or `--mirror` override it.
    public static let defaultMirror = URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!

    /// The published checksums (also in ../shared/data/README.md).
    public static let checksums = [
        "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
        "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
        "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    ]

    public struct DownloadError: Error, CustomStringConvertible, LocalizedError {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
        public var errorDescription: String? { description }
    }

    /// Downloads every missing file into `directory` (default `~/.cache/digitlens/mnist`),
    /// each written atomically and only after its checksum matched. Returns the directory.
    @discardableResult
    public static func download(mirror: URL? = nil, into directory: URL = MNIST.cacheDirectory, showProgress: Bool = true) throws -> URL {
        let base = mirror ?? ProcessInfo.processInfo.environment["DIGITLENS_MNIST_URL"].flatMap(URL.init(string:)) ?? defaultMirror
        let fm = FileManager.default
        let existed = fm.fileExists(atPath: directory.path)
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        // A download that saved nothing leaves no empty folder behind, to be taken for a copy.
        do { try downloadMissing(from: base, into: directory, showProgress: showProgress) } catch {
            if !existed, (try? fm.contentsOfDirectory(atPath: directory.path))?.isEmpty == true { try? fm.removeItem(at: directory) }
            throw error
        }
        return directory
    }

    private static func downloadMissing(from base: URL, into directory: URL, showProgress: Bool) throws {
        for name in checksums.keys.sorted() {
            let target = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: target.path) { continue }
            let source = base.appendingPathComponent(name)
            let bytes = try fetch(source, label: name, showProgress: showProgress)
            let sum = MD5.hex(bytes)
            guard sum == checksums[name] else {
                throw DownloadError(file: source.absoluteString, reason: "checksum mismatch: md5 \(sum), expected \(checksums[name]!) (corrupt download or wrong file); nothing was saved")
            }
            do { try Data(bytes).write(to: target, options: .atomic) } catch {
                throw DownloadError(file: target.path, reason: "cannot write (\(error.localizedDescription))")
            }
        }
    }

    /// GETs `url` with a progress bar on a terminal.
    static func fetch(_ url: URL, label: String, showProgress: Bool) throws -> [UInt8] {
        let receiver = Receiver(label: label, showProgress: showProgress)
        let session = URLSession(configuration: .ephemeral, delegate: receiver, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: url).resume()
        receiver.done.wait()
        if let error = receiver.error { throw DownloadError(file: url.absoluteString, reason: "download failed (\(error.localizedDescription))") }
        guard receiver.status == 200 else { throw DownloadError(file: url.absoluteString, reason: "HTTP status \(receiver.status)") }
        return receiver.bytes
    }

    private final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        let label: String
        let showProgress: Bool
        var bytes = [UInt8]()
        var status = 0
        var error: Error?
        var bar: ProgressBar?

        init(label: String, showProgress: Bool) {
            self.label = label
            self.showProgress = showProgress
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
            let total = Int(response.expectedContentLength)
            if total > 0 { bar = ProgressBar(total: total / 1024, label: "downloading \(label)", unit: "KiB", enabled: showProgress ? nil : false) }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            bytes.append(contentsOf: data)
            bar?.update(completed: bytes.count / 1024)
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            self.error = error
            bar?.finish()
            done.signal()
        }
    }
}
