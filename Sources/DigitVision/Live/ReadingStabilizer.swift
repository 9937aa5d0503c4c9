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

/// Votes over the last `window` frames so labels do not flicker: a reading becomes the stable
/// one when at least `quorum` of those frames read exactly that text, and stays until another
/// reading reaches the quorum. A blurred frame or two cannot change it; paper leaving the view
/// does (the empty reading wins the vote).
public final class ReadingStabilizer {
    public let window: Int
    public let quorum: Int
    private var recent = [(text: String, result: RecognitionResult)]()
    public private(set) var current: StableReading?

    public init(window: Int = 9, quorum: Int = 6) {
        precondition(quorum > window / 2 && quorum <= window, "the quorum must be a majority of the window")
        self.window = window
        self.quorum = quorum
    }

    /// Adds a frame's result; returns the new stable reading when it changed.
    public func add(_ result: RecognitionResult, frame: Int, time: Double) -> StableReading? {
        recent.append((result.text, result))
        if recent.count > window { recent.removeFirst() }
        var counts = [String: Int]()
        for item in recent { counts[item.text, default: 0] += 1 }
        guard let (text, votes) = counts.max(by: { $0.value < $1.value }), votes >= quorum, text != current?.text else { return nil }
        let latest = recent.last { $0.text == text }!.result
        let numbers = latest.lines.flatMap(\.numbers).map { n in
            StableReading.Number(text: n.text, confidence: n.confidence, box: [n.box.x, n.box.y, n.box.width, n.box.height])
        }
        let reading = StableReading(frame: frame, time: time, text: text, numbers: numbers)
        current = reading
        return reading
    }
}
