import Foundation

/// One captured frame with its position in the stream.
public struct Frame: @unchecked Sendable {
    public let image: Image
    public let index: Int
    /// Seconds into the stream: frame index / fps for files, wall-clock for live sources.
    public let time: Double
    /// When it was captured (monotonic seconds), to measure capture-to-result latency.
    public let capturedAt: Double

    public init(image: Image, index: Int, time: Double, capturedAt: Double) {
        self.image = image; self.index = index; self.time = time; self.capturedAt = capturedAt
    }
}

/// Reads frames on its own thread. A live source hands over only the newest frame (stale
/// ones are dropped, so processing never falls behind the camera); a file hands over every
/// frame in order. A live source that stops delivering is reopened, a bounded number of times.
///
/// The capture thread keeps the source alive until it ends; `stop()` ends it and waits for
/// it, so nothing reads frames (or OpenCV) while the process exits after an error.
public final class FrameSource: @unchecked Sendable {
    public let dropsStaleFrames: Bool
    public let maximumReopens: Int
    /// The frame rate the source reports when it is plausible (1…240), else nil.
    public let reportedFPS: Double?
    private let open: () throws -> VideoCapture
    private let condition = NSCondition()
    private var queue = [Frame]()
    private var finished = false
    private var stopping = false
    private var thread: Thread?
    /// Problems met while reading (a stream that stopped and was reopened), for the report.
    public private(set) var notices = [String]()
    public private(set) var droppedFrames = 0
    /// A live source stopped delivering and every reopen attempt was used up.
    public private(set) var gaveUp = false
    public private(set) var error: Error?

    /// `open` is called once now (so a source that cannot be opened fails here) and again for
    /// each reopen. Whether stale frames are dropped is the source's to say (`isLive`: a
    /// camera or a stream, not a file, even one served over HTTP).
    public init(maximumReopens: Int = 3, open: @escaping () throws -> VideoCapture) throws {
        self.maximumReopens = maximumReopens
        self.open = open
        let first = try open()
        dropsStaleFrames = first.isLive
        reportedFPS = (1...240).contains(first.fps) ? first.fps : nil
        let thread = Thread { [self] in capture(first) }
        thread.name = "digitlens capture"
        self.thread = thread
        thread.start()
    }

    deinit { stop() }

    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The next frame, waiting for it; nil when the source has ended.
    public func next() -> Frame? {
        condition.lock(); defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let frame = queue.removeFirst()
        condition.broadcast()
        return frame
    }

    /// Ends capturing and waits for the capture thread to finish (frames already queued are
    /// still handed out by `next`). Safe from any thread but the capture thread, and twice.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func capture(_ first: VideoCapture) {
        var source = first
        let fps = source.fps > 0 && source.fps < 1000 ? source.fps : 30
        let start = FrameSource.now()
        var index = 0, reopens = 0
        while true {
            condition.lock(); let stop = stopping; condition.unlock()
            if stop { break }
            let image: Image?
            do { image = try source.read() } catch { self.error = error; image = nil }
            guard let image else {
                guard source.isLive, reopens < maximumReopens else {
                    if source.isLive { condition.lock(); gaveUp = true; condition.unlock() }
                    break
                }
                reopens += 1
                note("\(source.name): frames stopped arriving; reopening (attempt \(reopens) of \(maximumReopens))")
                Thread.sleep(forTimeInterval: 0.5)
                if let again = try? open() { source = again }
                continue
            }
            let now = FrameSource.now()
            let frame = Frame(image: image, index: index, time: source.isLive ? now - start : Double(index) / fps, capturedAt: now)
            index += 1
            condition.lock()
            if dropsStaleFrames {
                droppedFrames += queue.count
                queue = [frame]
            } else {
                while queue.count >= 4 && !stopping { condition.wait() }
                queue.append(frame)
            }
            condition.broadcast()
            condition.unlock()
        }
        // A file that ends well short of the length its container gives was cut off (a copy or
        // a download broken off): said, rather than taken for its end.
        condition.lock(); let stopped = stopping; condition.unlock()
        let listed = source.frameCount
        if !source.isLive && !stopped && listed > 0 && index * 10 < listed * 9 {
            // An image sequence ("frames/%04d.png") ends at its first missing number instead.
            if source.name.contains("%") {
                note("\(source.name): ended after \(index) of the \(listed) frames: the file of the frame after them is missing or cannot be decoded (a sequence stops at its first gap or damaged picture)")
            } else {
                note("\(source.name): ended after \(index) of the \(listed) frames its container lists; the file may be cut off")
            }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func note(_ message: String) {
        condition.lock(); notices.append(message); condition.unlock()
    }
}
