/// A box in original image pixels.
public struct Box: Codable, Equatable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func union(_ o: Box) -> Box {
        let x0 = Swift.min(x, o.x), y0 = Swift.min(y, o.y)
        return Box(x: x0, y: y0, width: Swift.max(maxX, o.maxX) - x0, height: Swift.max(maxY, o.maxY) - y0)
    }
    /// How far apart the two boxes stand across and down, in pixels (negative where they overlap).
    public func gaps(to o: Box) -> (x: Int, y: Int) {
        (Swift.max(x, o.x) - Swift.min(maxX, o.maxX), Swift.max(y, o.y) - Swift.min(maxY, o.maxY))
    }
    /// The area the two boxes share (0 when they do not overlap).
    public func sharedArea(with o: Box) -> Int {
        let (gx, gy) = gaps(to: o)
        return Swift.max(0, -gx) * Swift.max(0, -gy)
    }
}

/// One recognized digit.
public struct RecognizedDigit: Codable, Equatable, Sendable {
    public var box: Box
    public var label: Int
    public var confidence: Double
    /// The three most likely labels with their probabilities, best first.
    public var top3: [Candidate]

    public struct Candidate: Codable, Equatable, Sendable {
        public var label: Int
        public var probability: Double
    }
}

/// Digits that stand together on a line.
public struct RecognizedNumber: Codable, Equatable, Sendable {
    public var text: String
    public var box: Box
    /// The lowest digit confidence of the number.
    public var confidence: Double
    public var digits: [RecognizedDigit]

    public init(text: String, box: Box, confidence: Double, digits: [RecognizedDigit]) {
        self.text = text; self.box = box; self.confidence = confidence; self.digits = digits
    }
}

/// One line of text, numbers left to right.
public struct RecognizedLine: Codable, Equatable, Sendable {
    public var text: String
    public var numbers: [RecognizedNumber]

    public init(text: String, numbers: [RecognizedNumber]) {
        self.text = text; self.numbers = numbers
    }
}

/// Everything read from one image: lines top to bottom.
public struct RecognitionResult: Codable, Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// Text direction found, degrees, counter-clockwise positive (text rising to the right).
    public var skewDegrees: Double
    /// Whether a sheet of paper was found and rectified.
    public var pageRectified: Bool
    /// How far the picture was turned, clockwise, to be read the right way up (0, 90, 180 or
    /// 270): a scan fed sideways or upside down without an EXIF tag (Orientation.swift).
    public var turnedDegrees = 0
    public var lines: [RecognizedLine]
    /// What the segmentation saw of writing of another size, its boxes in the picture's
    /// pixels, for a second reading (SecondSize.swift); cleared once that is done, and not
    /// part of the result's JSON.
    var writingOfAnotherSize: WritingOfAnotherSize?
    /// Whether some digit was read with fainter ink joined to it (FaintStrokes.swift): the
    /// picture may hold fainter writing still (`faintReading`); cleared with
    /// `writingOfAnotherSize`, and not part of the JSON.
    var readWithFaintStrokes = false
    /// Lines joined by single spaces; numbers inside a line separated by a space.
    public var text: String { lines.map(\.text).joined(separator: " ") }
    public var digits: [RecognizedDigit] { lines.flatMap { $0.numbers.flatMap(\.digits) } }

    enum CodingKeys: String, CodingKey {
        case width, height, skewDegrees = "skew_degrees", pageRectified = "page_rectified", turnedDegrees = "turned_degrees", lines, text
    }

    public init(width: Int, height: Int, skewDegrees: Double, pageRectified: Bool, lines: [RecognizedLine]) {
        self.width = width; self.height = height; self.skewDegrees = skewDegrees; self.pageRectified = pageRectified; self.lines = lines
    }

    /// The result of reading a whole image as one digit (`recognizeSingle`): one line holding
    /// that digit, or no line when there is none.
    public init(singleDigit digit: RecognizedDigit?, width: Int, height: Int) {
        let lines = digit.map { [RecognizedLine(text: "\($0.label)", numbers: [RecognizedNumber(text: "\($0.label)", box: $0.box, confidence: $0.confidence, digits: [$0])])] } ?? []
        self.init(width: width, height: height, skewDegrees: 0, pageRectified: false, lines: lines)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        skewDegrees = try c.decode(Double.self, forKey: .skewDegrees)
        pageRectified = try c.decode(Bool.self, forKey: .pageRectified)
        turnedDegrees = try c.decodeIfPresent(Int.self, forKey: .turnedDegrees) ?? 0
        lines = try c.decode([RecognizedLine].self, forKey: .lines)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(skewDegrees, forKey: .skewDegrees)
        try c.encode(pageRectified, forKey: .pageRectified)
        try c.encode(turnedDegrees, forKey: .turnedDegrees)
        try c.encode(text, forKey: .text)
        try c.encode(lines, forKey: .lines)
    }
}

extension RecognitionResult {
    /// This reading with every box, digits' and numbers', mapped by `map` into another
    /// picture's pixels (the picture turned back, the whole of which this read a part). The
    /// pipeline's internal notes (`writingOfAnotherSize`, `readWithFaintStrokes`) are left
    /// behind: they belong to the picture read.
    func mappingBoxes(_ map: (Box) -> Box) -> RecognitionResult {
        let lines = self.lines.map { line in
            RecognizedLine(text: line.text, numbers: line.numbers.map { number in
                var digits = number.digits
                for i in digits.indices { digits[i].box = map(digits[i].box) }
                return RecognizedNumber(text: number.text, box: map(number.box), confidence: number.confidence, digits: digits)
            })
        }
        var result = RecognitionResult(width: width, height: height, skewDegrees: skewDegrees, pageRectified: pageRectified, lines: lines)
        result.turnedDegrees = turnedDegrees
        return result
    }
}

/// The digit a crop in `box` is read as from its ten probabilities: the likeliest label, its
/// probability as the confidence, and the three likeliest.
func makeDigit(box: Box, probabilities: ArraySlice<Float>) -> RecognizedDigit {
    let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
    let base = probabilities.startIndex
    let top = ranked.prefix(3).map { RecognizedDigit.Candidate(label: $0 - base, probability: Double(probabilities[$0])) }
    return RecognizedDigit(box: box, label: top[0].label, confidence: top[0].probability, top3: top)
}
