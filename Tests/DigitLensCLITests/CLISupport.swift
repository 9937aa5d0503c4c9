import Foundation
import XCTest

/// Runs the built `digitlens` binary as a user would.
enum CLI {
    static let binary: URL = {
        // The test bundle sits beside the products in .build/<configuration>/ (on Linux the
        // bundle URL is that folder itself).
        let bundle = Bundle(for: CLITests.self).bundleURL
        let candidates = [bundle.appendingPathComponent("digitlens"), bundle.deletingLastPathComponent().appendingPathComponent("digitlens")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    static let shared: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared").standardizedFileURL

    typealias Run = Subprocess.Result

    /// Runs `digitlens` with `arguments`; a run that outlives `timeout` seconds is killed and
    /// fails the test, so no test can hang CI.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300,
                    file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: CLI.binary.path) else {
            throw XCTSkip("\(CLI.binary.path) is not built (run Scripts/test.sh, which builds it)")
        }
        var env = environment
        env["CI"] = env["CI"] ?? "true"
        return try Subprocess.run(CLI.binary.path, arguments, environment: env, timeout: timeout, file: file, line: line)
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

}

/// Runs a program to its end with a deadline. Output is read on two threads while the program
/// runs (a full pipe never blocks it), and a program still running at the deadline is killed
/// and fails the test. A daemon that forks and keeps our pipes open would make reading until
/// end-of-file wait forever, so reading stops a few seconds after the program itself exits.
enum Subprocess {
    struct Result { var status: Int32; var stdout: String; var stderr: String; var timedOut: Bool }

    /// Collects everything written to one pipe, on its own thread.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        let finished = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.lock(); data.append(chunk); lock.unlock()
                }
                finished.signal()
            }
        }

        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    @discardableResult
    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:], inheritEnvironment: Bool = true,
                    timeout: TimeInterval = 300, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = inheritEnvironment ? ProcessInfo.processInfo.environment.merging(environment) { $1 } : environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let stdout = Collector(out.fileHandleForReading), stderr = Collector(err.fileHandleForReading)
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = exited.wait(timeout: .now() + 5)
            }
        }
        _ = stdout.finished.wait(timeout: .now() + 5)
        _ = stderr.finished.wait(timeout: .now() + 5)
        let result = Result(status: timedOut ? -1 : process.terminationStatus, stdout: stdout.text, stderr: stderr.text, timedOut: timedOut)
        if timedOut {
            XCTFail("\((path as NSString).lastPathComponent) \(arguments.joined(separator: " ")) still ran after \(Int(timeout)) s and was killed; it printed: \(result.stdout.suffix(400)) \(result.stderr.suffix(400))",
                    file: file, line: line)
        }
        return result
    }

    /// Starts a program that puts itself in the background (a daemon) and waits, at most
    /// `timeout` seconds, for the starting process to return its status (-1 on timeout).
    /// Foundation's Process is not used here: it can take a daemon that keeps an inherited
    /// descriptor for still running (munged does), so this spawns and reaps the process itself.
    /// The daemon's output goes to /dev/null.
    static func startDaemon(_ path: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 30) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw NSError(domain: NSPOSIXErrorDomain, code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot start \(path)"]) }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return -1
    }
}
