/// A reading shown to the user: the text that held steady over the last frames.
public struct StableReading: Codable, Equatable, Sendable {
    public struct Number: Codable, Equatable, Sendable {
        public var text: String
        public var confidence: Double
        public var box: [Int]
    }
    public var frame: Int
    public var time: Double
    public var text: String
    public var numbers: [Number]
}

/// Votes over the last `window` frames so labels do not flicker, and follows real changes
/// within a few frames.
///
/// A reading becomes the stable one when at least `quorum` of the voting frames in the window
/// read exactly that text, or when the last `run` voting frames all read it. Blurred frames
/// (motion, focus hunting) do not vote: a frame that reads digits while its focus measure is
/// below half the median of the recent sharp frames' is recorded but ignored, so a burst of
/// blurred misreads cannot change the reading. Blur that holds steady is no blur: another
/// page, or the same one farther away, can measure far less sharp than the last one did, and
/// once `steadyFrames` of the last `window` frames held back agree (within 1.5 times of their
/// median, a hand's motion-blurred frames among them or not) they become the measure of
/// sharpness and vote (a second page stayed unread behind the first one's reading).
/// Paper leaving the view reads as the empty text, which always votes.
public final class ReadingStabilizer {
    public let window: Int
    public let quorum: Int
    /// Consecutive agreeing voting frames that switch the reading without waiting for the quorum.
    public let run: Int
    private var recent = [(text: String, result: RecognitionResult, votes: Bool)]()
    private var sharpFocus = [Double]()
    /// The focus of the last `window` frames held back as blurred since the last sharp one.
    private var heldBack = [Double]()
    /// Frames of steady, lower focus after which it is the new measure of sharpness.
    public let steadyFrames = 5
    public private(set) var current: StableReading?

    public init(window: Int = 9, quorum: Int = 6, run: Int = 3) {
        precondition(quorum > window / 2 && quorum <= window, "the quorum must be a majority of the window")
        precondition(run >= 2 && run <= window, "the run must be 2…window frames")
        self.window = window
        self.quorum = quorum
        self.run = run
    }

    /// Adds a frame's result and, when known, its focus measure (`Image.focusMeasure`);
    /// returns the new stable reading when it changed.
    public func add(_ result: RecognitionResult, frame: Int, time: Double, focus: Double? = nil) -> StableReading? {
        let blurred = isBlurred(result, focus: focus)
        recent.append((result.text, result, !blurred))
        if recent.count > window { recent.removeFirst() }
        let voting = recent.filter(\.votes)
        var counts = [String: Int]()
        for item in voting { counts[item.text, default: 0] += 1 }
        // A run of agreeing frames is a real change (paper moved in or out); otherwise the
        // window's majority decides, if the latest voting frame agrees with it.
        var winner: String?
        let last = voting.suffix(run)
        if last.count == run, let text = last.first?.text, last.allSatisfy({ $0.text == text }), text != current?.text {
            winner = text
        } else if let (text, votes) = counts.max(by: { $0.value < $1.value }), votes >= quorum, voting.last?.text == text {
            winner = text
        }
        guard let text = winner, text != current?.text else { return nil }
        let latest = recent.last { $0.text == text && $0.votes }!.result
        let numbers = latest.lines.flatMap(\.numbers).map { n in
            StableReading.Number(text: n.text, confidence: n.confidence, box: [n.box.x, n.box.y, n.box.width, n.box.height])
        }
        let reading = StableReading(frame: frame, time: time, text: text, numbers: numbers)
        current = reading
        return reading
    }

    /// Whether a frame is too blurred to vote, judged against the last sharp frames that
    /// read digits; remembers the frame's focus when it is sharp.
    private func isBlurred(_ result: RecognitionResult, focus: Double?) -> Bool {
        guard let focus, !result.text.isEmpty else { return false }
        let typical = sharpFocus.sorted().dropFirst(sharpFocus.count / 2).first
        if sharpFocus.count >= 5, let typical, focus < 0.5 * typical {
            // Of the last `window` frames held back, `steadyFrames` within 1.5 times of their
            // median are a steady new sharpness, even with a hand's motion-blurred frames among them.
            heldBack.append(focus)
            if heldBack.count > window { heldBack.removeFirst() }
            let median = heldBack.sorted()[heldBack.count / 2]
            let steady = heldBack.filter { $0 >= median / 1.5 && $0 <= 1.5 * median }
            guard steady.count >= steadyFrames else { return true }
            sharpFocus = steady
            heldBack = []
            return focus < median / 1.5
        }
        heldBack = []
        sharpFocus.append(focus)
        if sharpFocus.count > 15 { sharpFocus.removeFirst() }
        return false
    }
}
