import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a request to stop, so a run that can only be ended by a
/// signal (a live camera without a window) still finishes its recording and prints its
/// summary. The default actions are ignored while this lives; after the first signal they
/// come back, so a second Ctrl-C quits at once.
final class StopSignals {
    private static let handled: [(Int32, String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]
    private var sources = [DispatchSourceSignal]()
    private let lock = NSLock()
    private var fired: String?

    /// The first signal received (SIGINT, SIGTERM), or nil; safe to read from any thread.
    var received: String? { lock.lock(); defer { lock.unlock() }; return fired }

    /// `stop` runs once, on a dispatch queue, with the signal's name.
    init(stop: @escaping (String) -> Void = { _ in }) {
        for (number, name) in StopSignals.handled {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                lock.lock(); let first = fired == nil; fired = fired ?? name; lock.unlock()
                guard first else { return }
                StopSignals.restoreDefaults()
                stop(name)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        StopSignals.restoreDefaults()
    }

    private static func restoreDefaults() {
        for (number, _) in handled { signal(number, SIG_DFL) }
    }
}
