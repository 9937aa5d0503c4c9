import Foundation

/// Reads several frames at once and hands back the results in frame order.
///
/// Most of the photo pipeline (ink map, segmentation, normalization) runs on one core; only
/// the CNN batch uses all of them. One frame at a time therefore leaves a core idle for most
/// of each frame. Here each worker takes the newest frame the source offers, recognizes it,
/// and the consumer receives `(frame, result)` pairs strictly in frame order: a result waits
/// until every older frame still being processed is done. Throughput grows with the
/// workers; the latency of each frame stays that of one pipeline run.
public final class FramePipeline<Output>: @unchecked Sendable {
    public typealias Item = (frame: Frame, result: Result<Output, Error>)

    private let takeNext: () -> Frame?
    private let work: (Frame) throws -> Output
    /// Serializes taking a frame with registering it as in flight, so order is never lost.
    private let takeLock = NSLock()
    private let condition = NSCondition()
    private var inFlight = Set<Int>()
    private var ready = [Int: Item]()
    private var runningWorkers: Int
    private var stopping = false
    /// Finished results waiting for the consumer, at most (workers pause beyond it).
    private let maximumReady = 8

    /// `next` gives the frames (blocking; nil at the end), `work` reads one frame and must be
    /// safe to call from several threads at once.
    public init(workers: Int, next: @escaping () -> Frame?, work: @escaping (Frame) throws -> Output) {
        takeNext = next
        self.work = work
        runningWorkers = Swift.max(1, workers)
        for index in 0..<runningWorkers {
            let thread = Thread { [self] in runWorker() }
            thread.name = "digitlens pipeline \(index)"
            thread.start()
        }
    }

    /// The oldest finished frame with its result, waiting for it; nil when the frames have
    /// ended and every result was taken.
    public func next() -> Item? {
        condition.lock(); defer { condition.unlock() }
        while true {
            if let oldest = ready.keys.min(), oldest < (inFlight.min() ?? Int.max) {
                let item = ready.removeValue(forKey: oldest)!
                condition.broadcast()
                return item
            }
            if runningWorkers == 0 && inFlight.isEmpty { return nil }
            condition.wait()
        }
    }

    /// Asks the workers to finish and waits for them; frames already taken are completed
    /// (their results are dropped unless taken with `next`). A worker may be waiting for the
    /// next frame, so end the frames first (`FrameSource.stop`).
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    private func runWorker() {
        while true {
            takeLock.lock()
            condition.lock()
            while ready.count >= maximumReady && !stopping { condition.wait() }
            let stop = stopping
            condition.unlock()
            guard !stop, let frame = takeNext() else { takeLock.unlock(); break }
            condition.lock(); inFlight.insert(frame.index); condition.unlock()
            takeLock.unlock()

            let result = Result { try work(frame) }
            condition.lock()
            inFlight.remove(frame.index)
            ready[frame.index] = (frame, result)
            condition.broadcast()
            condition.unlock()
        }
        condition.lock(); runningWorkers -= 1; condition.broadcast(); condition.unlock()
    }
}
