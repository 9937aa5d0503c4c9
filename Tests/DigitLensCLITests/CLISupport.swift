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

    /// Runs the binary as a user whom file permissions stop: as user nobody when the tests run
    /// as root (whom they do not stop), else as is. `folders` are opened to all (nobody must
    /// reach the scratch folder and write --out in it); skipped when a folder above them is
    /// closed to other users.
    static func runAsUserWhomPermissionsStop(_ arguments: [String], openingToAll folders: [URL]) throws -> Run {
        guard geteuid() == 0 else { return try run(arguments) }
        for url in folders { try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: url.path) }
        var ancestor = folders[0].deletingLastPathComponent()
        while ancestor.path != "/" {
            let mode = (try FileManager.default.attributesOfItem(atPath: ancestor.path)[.posixPermissions] as? Int) ?? 0
            if mode & 0o001 == 0 { throw XCTSkip("\(ancestor.path) is closed to other users: cannot run as nobody") }
            ancestor.deleteLastPathComponent()
        }
        return try Subprocess.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments,
                                  environment: ["CI": "true"])
    }

    /// A new empty folder, inside this test run's own, which is removed when the run exits.
    static func scratch() throws -> URL {
        let url = scratchRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static let scratchRoot: URL = {
        atexit { try? FileManager.default.removeItem(at: CLI.scratchRoot) }
        return FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-cli-tests-\(getpid())")
    }()

    /// The repository's sample pictures (samples/), which the CLI tests read.
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples").standardizedFileURL

    /// Copies sample `name` to `destination`, creating its folder.
    static func placeSample(_ name: String, at destination: URL) throws {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: destination)
    }

    /// Starts `digitlens arguments` and returns once it has written `images` PNG files into
    /// `folder` (at most a minute): a batch under way, for a test to signal mid-run. Its
    /// stderr goes to `stderr`, or nowhere.
    static func startBatch(_ arguments: [String], writingInto folder: URL, images: Int, stderr: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["CI": "true"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".png") }.count ?? 0) < images {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process
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

/// A private X server (Xvfb) for window tests. Xvfb picks a free display number itself
/// (-displayfd), so tests run by several developers on one machine never share a screen.
final class VirtualDisplay {
    let name: String
    private let server: Process

    /// Skips the test when Xvfb or xdotool is missing.
    init() throws {
        for tool in ["/usr/bin/Xvfb", "/usr/bin/xdotool"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is missing (CI installs xvfb and xdotool)")
        }
        server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/Xvfb")
        server.arguments = ["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        // Xvfb writes the display number once it accepts connections.
        let trimmed = out.readUntilNewline().trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { server.terminate(); throw XCTSkip("Xvfb did not start") }
        name = ":" + trimmed
    }

    deinit { resume(); server.terminate(); server.waitUntilExit(); try? FileManager.default.removeItem(at: stderrFile) }

    /// Stops the server (SIGSTOP): it still takes connections, but answers none, as a hung
    /// server does. `resume` lets it go on.
    func pause() { kill(server.processIdentifier, SIGSTOP) }
    func resume() { kill(server.processIdentifier, SIGCONT) }

    @discardableResult
    func xdotool(_ arguments: [String]) throws -> String {
        try Subprocess.run("/usr/bin/xdotool", arguments, environment: ["DISPLAY": name], inheritEnvironment: false, timeout: 30).stdout
    }

    /// The id of the first window titled `title`, waiting up to 20 s for it to appear.
    func window(named title: String) throws -> String? {
        for _ in 0..<100 {
            if let id = try xdotool(["search", "--name", title]).split(separator: "\n").first { return String(id) }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return nil
    }

    /// Starts `digitlens arguments` on this display, in `folder` (where it saves), its stderr
    /// kept in `stderrFile` for a failure's message; the caller waits for it to end.
    /// Its standard output goes to `stdoutFile` when given (emptied first), else nowhere.
    func launch(_ arguments: [String], in folder: URL, stdoutFile: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        if let stdoutFile {
            _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        }
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        return process
    }

    let stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("digitlens-window-\(UUID().uuidString).log")

    /// Starts `digitlens arguments` and waits for its window `title`. A program that ended
    /// without showing it (seen once in a full CI-like run, with no message kept) is started
    /// once more; nil, with the reason recorded as a test failure, when that fails too.
    func launchWindow(_ arguments: [String], in folder: URL, title: String, stdoutFile: URL? = nil,
                      file: StaticString = #filePath, line: UInt = #line) throws -> (Process, String)? {
        for attempt in 1...2 {
            let process = try launch(arguments, in: folder, stdoutFile: stdoutFile)
            if let window = try window(named: title) { return (process, window) }
            let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            if attempt == 2 {
                XCTFail("the \(title) window did not appear (exit \(process.terminationStatus)): \(log)", file: file, line: line)
            }
        }
        return nil
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["DISPLAY"] = name; env["QT_QPA_PLATFORM"] = "xcb"; env["CI"] = "true"
        env["WAYLAND_DISPLAY"] = nil
        return env
    }
}

extension CLI {
    /// The test process's environment without any display (no X, no Wayland, no Qt platform),
    /// plus `extra`.
    static func environmentWithoutDisplay(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"] { env[key] = nil }
        env["CI"] = "true"
        return env.merging(extra) { $1 }
    }

    /// Runs `digitlens` with exactly `environment` (nothing inherited).
    static func run(_ arguments: [String], exactEnvironment environment: [String: String], timeout: TimeInterval = 300,
                    file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: CLI.binary.path) else {
            throw XCTSkip("\(CLI.binary.path) is not built (run Scripts/test.sh, which builds it)")
        }
        return try Subprocess.run(CLI.binary.path, arguments, environment: environment, inheritEnvironment: false, timeout: timeout, file: file, line: line)
    }

    /// The lines of `text` that are not empty.
    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }
}

extension Pipe {
    /// What the writer has sent up to and including its first newline (or all of it, when it
    /// closes first), waiting for it.
    func readUntilNewline() -> String {
        var text = ""
        while !text.contains("\n") {
            let chunk = fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }
}
