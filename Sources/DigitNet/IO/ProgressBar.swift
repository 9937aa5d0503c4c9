import Foundation

/// A progress bar on standard error: `label [#####.....] 1234/5000 812 img/s ETA 0:05 status`.
/// Drawn only on a terminal and outside CI (`CI` unset); otherwise silent, and the caller
/// prints its own summary lines. Redraws at most ten times a second. Thread-safe.
public final class ProgressBar: @unchecked Sendable {
    public let total: Int
    public let label: String
    public let unit: String
    public let enabled: Bool
    private let start = Date()
    private var completed = 0
    private var status = ""
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    /// When not on a terminal (a batch job's log under Slurm or nohup) and not in CI: a plain
    /// line of progress this often, in seconds, instead of the bar; nil for none.
    public let logInterval: TimeInterval?
    private var lastLog = Date()

    public init(total: Int, label: String, unit: String = "items", enabled: Bool? = nil, logEvery logInterval: TimeInterval? = nil) {
        self.total = total
        self.label = label
        self.unit = unit
        self.enabled = enabled ?? ProgressBar.terminalAttached
        self.logInterval = self.enabled || enabled == false || ProcessInfo.processInfo.environment["CI"] != nil ? nil : logInterval
    }

    /// True when standard error is a terminal and `CI` is not set.
    public static var terminalAttached: Bool {
        isatty(2) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    public func advance(by count: Int = 1, status: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        completed += count
        if let status { self.status = status }
        drawIfDue()
    }

    public func update(completed: Int, status: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        self.completed = completed
        if let status { self.status = status }
        drawIfDue()
    }

    /// Writes `text` as a line of its own on standard error. On a terminal the bar's line is
    /// cleared first (the bar ends without a newline, so a message written after it would be
    /// glued to it) and the bar is drawn again below.
    public func message(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        guard enabled else { writeToStandardError(oneLine(text) + "\n"); return }
        writeToStandardError("\r\u{1B}[K" + oneLine(text) + "\n")
        if lastDraw != .distantPast { draw() }
    }

    /// Draws the final state and ends the line.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        guard enabled else { return }
        draw()
        writeToStandardError("\n")
    }

    private func drawIfDue() {
        if let logInterval, Date().timeIntervalSince(lastLog) >= logInterval, completed < total {
            lastLog = Date()
            writeToStandardError(progressText() + "\n")
        }
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 || completed >= total else { return }
        draw()
    }

    /// "label 120/1000 img (12%) 15.0 img/s ETA 0:58", as a log line shows it.
    private func progressText() -> String {
        let elapsed = Swift.max(Date().timeIntervalSince(start), 1e-9)
        let rate = Double(completed) / elapsed
        let remaining = rate > 0 ? Double(total - completed) / rate : 0
        return String(format: "%@ %d/%d %@ (%.0f%%) %.1f %@/s ETA %@", label, completed, total, unit,
                      total > 0 ? 100 * Double(completed) / Double(total) : 100, rate, unit, ProgressBar.clock(remaining))
    }

    private func draw() {
        lastDraw = Date()
        let elapsed = Swift.max(Date().timeIntervalSince(start), 1e-9)
        let rate = Double(completed) / elapsed
        let fraction = total > 0 ? Swift.min(1, Double(completed) / Double(total)) : 1
        let width = 30, filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let remaining = rate > 0 ? Double(total - completed) / rate : 0
        let text = String(format: "%@ [%@] %d/%d %.0f %@/s ETA %@ %@", label, bar, completed, total, rate, unit,
                          ProgressBar.clock(remaining), status)
        // A line longer than the terminal wraps, and each redraw then leaves a line behind.
        let fitted = String(text.prefix(Swift.max(20, ProgressBar.terminalColumns() - 1)))
        writeToStandardError("\r" + fitted + "\u{1B}[K")
    }

    /// The width of the terminal on standard error (80 when it does not say).
    static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
