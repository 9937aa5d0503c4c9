import Foundation

/// The trained digit classifier the tools use: a network loaded from a weights file.
/// Safe to call from several threads at once (see `InferenceNetwork`).
public final class DigitClassifier: @unchecked Sendable {
    public static let defaultFileName = "digitlens.safetensors"
    public let network: Network
    /// The network compiled for inference (BatchNorm folded, passes fused); every
    /// architecture of this library compiles.
    public let inference: InferenceNetwork
    public let url: URL
    /// The weights file's metadata (architecture, test accuracy, training command).
    public let metadata: [String: String]

    public init(contentsOf url: URL) throws {
        let file = try SafetensorsFile(contentsOf: url)
        network = try loadNetwork(file, path: url.path)
        do {
            inference = try InferenceNetwork(network)
        } catch {
            throw WeightsError(file: url.path, reason: "\(error)")
        }
        self.url = url
        metadata = file.metadata
        Parallel.useSampleParallelism()
    }

    /// Loads the default weights, found as described by `defaultModelURL()`.
    public static func loadDefault() throws -> DigitClassifier {
        guard let url = defaultModelURL() else {
            throw WeightsError(file: defaultFileName, reason: "no default model found: set DIGITLENS_MODEL=/path/to/\(defaultFileName), pass --model, or run from the DigitLens checkout (Models/\(defaultFileName))")
        }
        // A $DIGITLENS_MODEL naming nothing says where the name came from.
        if let path = ProcessInfo.processInfo.environment["DIGITLENS_MODEL"], !path.isEmpty, !FileManager.default.fileExists(atPath: path) {
            throw WeightsError(file: path, reason: "no such weights file (named by $DIGITLENS_MODEL)")
        }
        return try DigitClassifier(contentsOf: url)
    }

    /// Where the default weights are: `$DIGITLENS_MODEL`; else `Models/digitlens.safetensors`
    /// in the current directory or any parent of it or of the executable (so a binary under
    /// `.build/release` finds the checkout's Models/); else `<prefix>/share/digitlens/` next
    /// to an installed binary (`<prefix>/bin/digitlens`).
    public static func defaultModelURL() -> URL? {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["DIGITLENS_MODEL"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath), executable.deletingLastPathComponent()]
        if let bundled = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() { starts.append(bundled) }
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent("Models").appendingPathComponent(defaultFileName)
                if fm.fileExists(atPath: candidate.path) { return candidate }
                let shared = dir.appendingPathComponent("share/digitlens").appendingPathComponent(defaultFileName)
                if fm.fileExists(atPath: shared.path) { return shared }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// `images`: `count * 784` floats, row-major 28x28, ink 1.0, background 0.0. Returns
    /// `count * 10` softmax probabilities, row-major.
    public func probabilities(images: [Float], count: Int) -> [Float] {
        precondition(images.count == count * Dataset.pixels, "probabilities: \(images.count) floats for \(count) images")
        guard count > 0 else { return [] }
        return inference.probabilities(images: images, count: count)
    }
}
