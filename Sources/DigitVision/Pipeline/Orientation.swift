/// The way up of a picture that carries no EXIF orientation: a page fed into a scanner
/// sideways or upside down, a screenshot of a turned photo. Read as given, its digits lie on
/// their sides (wider than tall) or stand on their heads, and read as few sure digits among
/// many doubtful ones. When the reading as given looks like that, the picture is read again
/// turned a quarter, a half and three quarters of a turn, and a turned reading is taken
/// only when it is clearly surer (`wayUp`): most pictures are upright, and a short number
/// (a cheque's "1000") can read about as surely upside down.

/// How surely a reading was made: what tells a picture's way up from its other three.
struct ReadingStrength: Equatable {
    /// Digits other than 1 read surely (a best probability of at least
    /// `PipelineParameters.sureConfidence`), and the digits read with less. A sure 1 counts for
    /// neither: any straight streak reads as one (a motion-blurred line of digits turned
    /// sideways reads as a row of sure 1s).
    var sure: Int
    var unsure: Int
    /// Digits read.
    var count: Int
    var meanConfidence: Double
    /// The median width over height of the digits' boxes: under 1 for upright writing,
    /// over 1 for digits lying on their sides.
    var medianAspect: Double
    /// Digits per line of text: a picture read the wrong way up scatters its digits over lines
    /// of one or two.
    var digitsPerLine: Double

    /// Digits read with a mean confidence of 0.7, at most half of them read less than surely
    /// (or the one digit read alone: an enlarged MNIST 5 reads 0.79): what a second reading of
    /// a picture, as its negative or with fainter ink, must be to be kept.
    var isConvincing: Bool { count > 0 && meanConfidence >= 0.7 && 2 * unsure <= count + 1 }

    init(sure: Int, unsure: Int, count: Int, meanConfidence: Double, medianAspect: Double, digitsPerLine: Double) {
        self.sure = sure; self.unsure = unsure; self.count = count; self.meanConfidence = meanConfidence; self.medianAspect = medianAspect
        self.digitsPerLine = digitsPerLine
    }

    /// The strength of `result`, a digit read with `sureConfidence` or more being read surely.
    init(_ result: RecognitionResult, sureConfidence: Double) {
        let digits = result.digits
        sure = digits.filter { $0.confidence >= sureConfidence && $0.label != 1 }.count
        unsure = digits.filter { $0.confidence < sureConfidence }.count
        count = digits.count
        meanConfidence = digits.isEmpty ? 0 : digits.map(\.confidence).reduce(0, +) / Double(digits.count)
        let aspects = digits.map { Double($0.box.width) / Double(Swift.max(1, $0.box.height)) }.sorted()
        medianAspect = aspects.isEmpty ? 0 : aspects[aspects.count / 2]
        digitsPerLine = Double(digits.count) / Double(Swift.max(1, result.lines.count))
    }

    /// Sure digits less doubtful ones: turned the wrong way, digits break into doubtful pieces.
    var net: Int { sure - unsure }
}

/// The quarter turns clockwise worth reading besides the picture as given, from the reading
/// as given: a quarter and three quarters when its digits lie on their sides (median aspect
/// over 0.9; upright writing measured 0.4–0.9, a cheque's flat digits up to 1.1) or read
/// with a mean confidence under 0.85; a half turn when six digits or more read with a mean
/// under 0.93 (real-dev's photos upright: 0.78–0.98, most over 0.93; upside down:
/// 0.62–0.91). Fewer digits than six read about as surely upside down (a short number of 0s,
/// 1s, 6s, 8s and 9s), and fewer than two tell nothing. A picture twice as wide as tall
/// (`width x height`: a cheque's amount, a form's row of boxes) is written along its length,
/// and never read a quarter turn round. Nor is a reading of noise (over 400 digits, 80% of
/// them doubtful: a noisy strip read as a thousand) read again: turned, it is noise too, and
/// reading it costs seconds. (From 100 digits, a page of 120 scanned sideways, read as 104
/// doubtful pieces, was not turned.)
/// A strip standing up (`isStandingStrip`) is tried a quarter turn round. (Not from one digit
/// read: a tall crop of one sure 8 read turned as "00".)
func turnsWorthTrying(_ asGiven: ReadingStrength, width: Int, height: Int) -> [Int] {
    let standing = isStandingStrip(asGiven, width: width, height: height)
    guard asGiven.count >= 2, !(asGiven.count > 400 && 5 * asGiven.unsure > 4 * asGiven.count) else { return [] }
    var turns = [Int]()
    if standing || (asGiven.medianAspect > 0.9 || asGiven.meanConfidence < 0.85) && width < 2 * height { turns += [1, 3] }
    if asGiven.count >= 6 && asGiven.meanConfidence < 0.93 { turns.append(2) }
    return turns
}

/// The quarter turns clockwise (0–3) after which the picture reads best, from the reading
/// strength as given and after each turn tried. A turned reading must be clearly surer than
/// the one as given: at least two more sure-less-doubtful digits (three for a half turn: a
/// tilted, shadowed "58 00 17" read "61 00 129" upside down with two more; four for a
/// `lyingStrip`, at least twice as wide as tall: a cheque's amount or a form's fields are
/// written along it and seldom given upside down, and a date in boxes, read poorly, read
/// three more upside down, its 9s as sure 6s), more sure ones,
/// and a mean confidence 0.03 higher, without reading half as many digits again (a dark
/// photo tilted 45° read turned as one line of 15 digits for 9); a quarter turn must also
/// stand the digits up (a lower median aspect) and gather them on lines at least as long (a
/// small cheque crop turned sideways reads a few sure digits, one to a line), and a half turn
/// on lines three quarters as long (a page tilted 45° read upside down broke into 30 pieces
/// on 13 lines, its sure 0s, 6s and 9s outweighing a doubtful right reading).
/// Measured on 161 pictures (real-dev's photos, generated and handwriting-font pages), each
/// given in all four ways up: all 161 upright kept upright, 81% of those turned a quarter
/// and 65% of those turned upside down put right. A reviewer's 2,084 upright pictures: none
/// read right before was read wrong; the wrong turns were of pages tilted 40–50°, already
/// misread (a quarter turn and levelling is a fair reading of a page at 45°).
///
/// A strip standing up (`standingStrip`) is a strip written along its length and given
/// sideways, unless its reading as given is the better one: a quarter turn is taken when it
/// reads more sure-less-doubtful digits, two or more to a line, and convincingly
/// (`isConvincing`). Read sideways, a cheque's amount breaks into a few pieces one to a line,
/// often fewer than its digits and as thin as upright digits, which the rule above never
/// turned (real-dev's cheques and form crops turned a quarter: 17 of 33 photos read right).
func wayUp(asGiven: ReadingStrength, turned: [Int: ReadingStrength], standingStrip: Bool = false, lyingStrip: Bool = false) -> Int {
    guard let (best, reading) = turned.max(by: { a, b in
        (a.value.net, a.value.meanConfidence, -a.key) < (b.value.net, b.value.meanConfidence, -b.key)
    }) else { return 0 }
    if standingStrip, best % 2 == 1, reading.net > asGiven.net, reading.digitsPerLine >= 2, reading.isConvincing {
        return best
    }
    guard reading.net >= asGiven.net + (best == 2 ? (lyingStrip ? 4 : 3) : 2), reading.sure > asGiven.sure,
          reading.meanConfidence > asGiven.meanConfidence + 0.03,
          Double(reading.count) <= 1.5 * Double(asGiven.count) + 1 else { return 0 }
    if best == 2 { return reading.digitsPerLine >= 0.75 * asGiven.digitsPerLine ? 2 : 0 }
    // A page of many digits read as doubtful noise, and turned as sure ones, is turned
    // whatever its lines: a page of 120 digits scanned sideways read as 140, 14 to a line,
    // and turned as 120, 10 to a line (ten or more digits, a tenth of them doubtful at most,
    // against two in five or more: a cheque crop's few digits never decide). Two in five, not
    // half: a sideways page's lying 8s split into pairs of sure 0s, as joined zeros are, and
    // a page of 24 digits read 18 of 39 doubtful sideways.
    let decisive = reading.count >= 10 && 10 * reading.unsure <= reading.count && 5 * asGiven.unsure >= 2 * asGiven.count
    return reading.medianAspect < asGiven.medianAspect && (decisive || reading.digitsPerLine >= asGiven.digitsPerLine) ? best : 0
}

/// A picture at least twice as tall as wide whose reading as given holds its digits one to
/// a line (one and a half at most): what a strip written along its length (a cheque's amount,
/// a form's row of boxes) reads as when given sideways. An upright column of digits reads so
/// too, and surely: `wayUp` keeps it.
func isStandingStrip(_ asGiven: ReadingStrength, width: Int, height: Int) -> Bool {
    height >= 2 * width && asGiven.digitsPerLine <= 1.5
}

/// Quarter turns clockwise as 0–3 (−1 is 3, 5 is 1).
func quarterTurnsModulo4(_ turns: Int) -> Int { ((turns % 4) + 4) % 4 }

extension Image {
    /// The picture turned `quarterTurns` quarter turns clockwise (0–3), pixel for pixel.
    public func turned(quarterTurns: Int) throws -> Image {
        let (w, h) = (Double(width), Double(height))
        switch quarterTurnsModulo4(quarterTurns) {
        case 1: return try warpedAffine([0, -1, h - 1, 1, 0, 0], width: height, height: width)
        case 2: return try warpedAffine([-1, 0, w - 1, 0, -1, h - 1], width: width, height: height)
        case 3: return try warpedAffine([0, 1, 0, -1, 0, w - 1], width: height, height: width)
        default: return self
        }
    }
}

extension Box {
    /// This box, found in a picture `width x height` after `quarterTurns` clockwise quarter
    /// turns, in the pixels of the picture before the turns.
    func turnedBack(quarterTurns: Int, width: Int, height: Int) -> Box {
        switch quarterTurnsModulo4(quarterTurns) {
        case 1: return Box(x: y, y: height - x - self.width, width: self.height, height: self.width)
        case 2: return Box(x: width - x - self.width, y: height - y - self.height, width: self.width, height: self.height)
        case 3: return Box(x: width - y - self.height, y: x, width: self.height, height: self.width)
        default: return self
        }
    }
}

extension RecognitionResult {
    /// This reading of the picture turned `quarterTurns` clockwise, with its boxes in the
    /// pixels of the picture as given (`width x height`).
    func turnedBack(quarterTurns: Int, width: Int, height: Int) -> RecognitionResult {
        var result = mappingBoxes { $0.turnedBack(quarterTurns: quarterTurns, width: width, height: height) }
        (result.width, result.height) = (width, height)
        result.turnedDegrees = 90 * quarterTurnsModulo4(quarterTurns)
        return result
    }
}
