import Foundation

/// Writing of two sizes on one page: a heading number four or five times the height of the
/// numbers written under it. The steps take every size from one digit height
/// (DigitHeight.swift), the writing's that outweighs: read at the small writing's height, the
/// heading's digits are over `PipelineParameters.maximumHeightFraction` of it and dropped, and
/// their long strokes erased as rules (their pieces read as stray 1s and 5s); read at a
/// heading's height (a heading of five digits outranks the writing by area), the small digits
/// are specks and clumps. So a reading whose segmentation saw ink of the other size
/// (`writingOfAnotherSize`) is followed by a second reading of the picture with the digits
/// read painted out (`paintedOut`): what is left is the other size's writing, measured by its
/// own height. Its digits far from the first reading's height are added when they read
/// convincingly (`ReadingStrength.isConvincing`), and the first reading's digits on them (the
/// heading's pieces, the clumps of small digits) dropped (`mergingWritingOfAnotherSize`).
/// When the first reading lost the writing of its own height beside a heading, the heading is
/// painted out instead, and its digits added to that reading.

/// What a segmentation saw of writing of another size than its digit height, in its own
/// (working) pixels.
struct WritingOfAnotherSize: Sendable, Equatable {
    /// Digit-like components taller than any digit read at this height: a heading's digits.
    var taller: [Box] = []
    /// A crowd of digit-like components far shorter than the digit height, outnumbering those
    /// of the digit height: small writing under a heading that set the height.
    var smaller = false
    /// Digit-like components of the digit height: what a reading of it should come near.
    var ofTheHeight = 0

    var isEmpty: Bool { taller.isEmpty && !smaller }
}

/// The writing of another size among `components` (indices in `leftOut` are frames, grids and
/// edge bands) than `digitHeight`, in a picture `width x height`. Digit-like: inside the
/// picture (not within 1% of its short side of the edge), no flatter than four to one (a
/// heading's digits run together), no thinner than one to ten (a heading's 1), its ink 5–60%
/// of its box (strokes, not a solid blot or a sparse frame). Taller: over
/// `maximumHeightFraction` digit heights, at most 8 (taken up to 12, a circle drawn above the
/// writing read as a 0), and under a third of the picture's short side. Smaller: at least
/// ten components no flatter than two to one, between 5 pixels and a
/// `maximumHeightFraction`-th of the digit height, at least twice as many as those of the
/// digit height (0.6 to `maximumHeightFraction` of it), which are at most 12 (a heading,
/// not a page of writing with its specks and detached bars). Nothing in a picture under
/// `smallPictureSide` on its short side (a cheque's field, a form's cell: one size).
func writingOfAnotherSize(_ components: ArraySlice<Component>, digitHeight: Double, imageWidth w: Int, imageHeight h: Int,
                          leftOut: Set<Int>, maximumHeightFraction: Double, smallPictureSide: Int) -> WritingOfAnotherSize {
    let shortSide = Swift.min(w, h)
    guard digitHeight > 0, shortSide >= smallPictureSide else { return WritingOfAnotherSize() }
    let margin = Swift.max(3, shortSide / 100)
    let digitLike = components.indices.filter { !leftOut.contains($0) }.map { components[$0] }.filter { c in
        let box = Double(c.width * c.height)
        let inside = c.x > margin && c.y > margin && c.x + c.width < w - margin && c.y + c.height < h - margin
        return inside && c.width <= 4 * c.height && 10 * c.width >= c.height
            && Double(c.area) >= 0.05 * box && Double(c.area) <= 0.6 * box
    }
    let tallest = maximumHeightFraction * digitHeight
    let taller = digitLike.filter { Double($0.height) > tallest && Double($0.height) <= 8 * digitHeight && 3 * $0.height < shortSide }
    let upright = digitLike.filter { $0.width <= 2 * $0.height }
    let ofTheHeight = upright.filter { Double($0.height) >= 0.6 * digitHeight && Double($0.height) <= tallest }.count
    let shorter = upright.filter { $0.height >= 5 && Double($0.height) * maximumHeightFraction <= digitHeight }.count
    return WritingOfAnotherSize(taller: taller.map { Box(x: $0.x, y: $0.y, width: $0.width, height: $0.height) },
                                smaller: shorter >= 10 && shorter >= 2 * ofTheHeight && ofTheHeight <= 12, ofTheHeight: ofTheHeight)
}

extension DigitRecognizer {
    /// `first` (the reading of `picture` as given) with the writing of another size added,
    /// when its segmentation saw some (`RecognitionResult.writingOfAnotherSize`); `first`
    /// itself when there is none or it does not read convincingly.
    /// (The result no longer carries what the segmentation saw, nor `readWithFaintStrokes`.)
    func addingWritingOfAnotherSize(to reading: RecognitionResult, in picture: Image) throws -> RecognitionResult {
        var first = reading
        first.writingOfAnotherSize = nil
        first.readWithFaintStrokes = false
        guard let seen = reading.writingOfAnotherSize, !seen.isEmpty, !first.digits.isEmpty else { return first }
        let height = medianHeight(of: first)
        func readingWith(paintedOut boxes: [Box], margin: Int) throws -> RecognitionResult {
            try readAsGiven(try paintedOut(boxes, in: picture, margin: margin), writingDebugImages: false).result
        }
        // The writing of the digit height lost beside a heading (read as a few of its pieces,
        // under half the components of that height the segmentation saw): read again with the
        // heading painted out, and the heading's digits of the first reading added to that.
        if !seen.taller.isEmpty, 2 * first.digits.count < seen.ofTheHeight {
            let writing = try readingWith(paintedOut: seen.taller, margin: Int(0.15 * Double(seen.taller.map(\.height).min() ?? 0)))
            if 2 * writing.digits.count >= seen.ofTheHeight {
                return mergingWritingOfAnotherSize(writing, first, height: medianHeight(of: writing), sureConfidence: parameters.sureConfidence)
            }
        }
        // The digits of the first reading's size are painted out (not the clumps of smaller
        // digits a heading's height makes), but not those on the taller ink or in line with
        // it: pieces of a heading read as digits (of a digit joined to a rule, too) would take
        // bites out of it.
        func nearby(_ tall: Box, _ box: Box) -> Bool {
            let (gx, gy) = tall.gaps(to: box)
            return gy < 0 && gx < 2 * tall.height
        }
        let painted = first.digits.filter { $0.confidence >= parameters.sureConfidence }.map(\.box).filter { box in
            Double(box.height) >= 0.7 * height && Double(box.height) <= 1.5 * height && !seen.taller.contains { nearby($0, box) }
        }
        var rest = try painted.isEmpty ? nil : readingWith(paintedOut: painted, margin: Int(0.25 * height))
        // Small writing under a heading read with doubt (its digits 0.5-0.9 sure, a 7's bar
        // read apart at half its height) is still under the heading's unpainted digits, which
        // keep setting the height: read again with every digit of about the heading's height
        // painted out.
        if seen.smaller, rest.map({ medianHeight(of: $0) >= 0.7 * height }) ?? true {
            let all = first.digits.map(\.box).filter { Double($0.height) >= 0.5 * height && Double($0.height) <= 2 * height }
            if all.count > painted.count { rest = try readingWith(paintedOut: all, margin: Int(0.25 * height)) }
        }
        guard let rest else { return first }
        return mergingWritingOfAnotherSize(first, rest, height: height, sureConfidence: parameters.sureConfidence)
    }
}

/// The median height of the digits of `reading` (0 when it has none).
func medianHeight(of reading: RecognitionResult) -> Double {
    let heights = reading.digits.map(\.box.height).sorted()
    return heights.isEmpty ? 0 : Double(heights[heights.count / 2])
}

/// A copy of `image` with each box (grown by `margin` on every side) filled with the median
/// colour of the pixels just round it: the paper there.
func paintedOut(_ boxes: [Box], in image: Image, margin: Int) throws -> Image {
    let (w, h, channels) = (image.width, image.height, image.channels)
    var pixels = image.pixels
    for box in boxes {
        let x0 = Swift.max(0, box.x - margin), y0 = Swift.max(0, box.y - margin)
        let x1 = Swift.min(w, box.maxX + margin), y1 = Swift.min(h, box.maxY + margin)
        guard x1 > x0, y1 > y0 else { continue }
        // The ring one pixel outside the grown box, where it lies in the picture.
        var ring = [Int]()
        for x in (x0 - 1)...x1 where x >= 0 && x < w {
            if y0 > 0 { ring.append((y0 - 1) * w + x) }
            if y1 < h { ring.append(y1 * w + x) }
        }
        for y in y0..<y1 {
            if x0 > 0 { ring.append(y * w + x0 - 1) }
            if x1 < w { ring.append(y * w + x1) }
        }
        guard let paper = medianColour(pixels, channels: channels, at: ring) else { continue }
        for y in y0..<y1 {
            for x in x0..<x1 { for c in 0..<channels { pixels[(y * w + x) * channels + c] = paper[c] } }
        }
    }
    return try Image(width: w, height: h, channels: channels, pixels: pixels)
}

/// `first` with the digits of `rest` (a reading of the same picture with `first`'s digits
/// painted out) whose height is under half or over twice `height` (`first`'s median digit
/// height), when they read surely: a sure digit other than 1 (any streak reads as a 1),
/// convincingly (`ReadingStrength.isConvincing`) and with a mean confidence of 0.85; or, for
/// smaller digits, when they read over twice as many sure digits (other than 1), and with a
/// higher mean confidence, as `first`'s digits they replace (a heading's height had made
/// clumps of them, read as doubtful 1s and 3s: a cursive hand on squared paper reads less
/// surely, and still far better). `first`'s digits
/// sharing ink with them (a quarter of the smaller box) are dropped. Lines in reading order:
/// by their middles across the text direction of the reading with more digits.
func mergingWritingOfAnotherSize(_ first: RecognitionResult, _ rest: RecognitionResult, height: Double, sureConfidence: Double) -> RecognitionResult {
    func ofAnotherSize(_ d: RecognizedDigit) -> Bool { Double(d.box.height) > 2 * height || 2 * Double(d.box.height) < height }
    func strength(_ lines: [RecognizedLine]) -> ReadingStrength {
        ReadingStrength(RecognitionResult(width: rest.width, height: rest.height, skewDegrees: 0, pageRectified: false, lines: lines),
                        sureConfidence: sureConfidence)
    }
    let added = keeping(rest.lines, where: ofAnotherSize)
    let addedDigits = added.flatMap { $0.numbers.flatMap(\.digits) }
    func replaced(_ d: RecognizedDigit) -> Bool {
        addedDigits.contains { 4 * $0.box.sharedArea(with: d.box) > Swift.min($0.box.width * $0.box.height, d.box.width * d.box.height) }
    }
    let kept = keeping(first.lines) { !replaced($0) }, dropped = keeping(first.lines, where: replaced)
    let (gained, lost) = (strength(added), strength(dropped))
    let sure = gained.sure >= 1 && gained.isConvincing && gained.meanConfidence >= 0.85
    let smaller = addedDigits.allSatisfy { Double($0.box.height) < height }
    guard sure || (smaller && lost.count > 0 && gained.sure >= 3 && gained.sure > 2 * lost.sure + 2
                        && gained.meanConfidence > lost.meanConfidence) else { return first }
    let angle = (gained.count > first.digits.count - lost.count ? rest.skewDegrees : first.skewDegrees) * .pi / 180
    // Down the page, across a line rising to the right by `angle`.
    func across(_ line: RecognizedLine) -> Double {
        let box = line.numbers.dropFirst().reduce(line.numbers[0].box) { $0.union($1.box) }
        let (x, y) = (Double(box.x) + Double(box.width) / 2, Double(box.y) + Double(box.height) / 2)
        return y * cos(angle) + x * sin(angle)
    }
    var merged = first
    merged.lines = (kept + added).sorted { across($0) < across($1) }
    return merged
}

/// `lines` with only the digits `keep` holds, the numbers and lines left empty dropped.
func keeping(_ lines: [RecognizedLine], where keep: (RecognizedDigit) -> Bool) -> [RecognizedLine] {
    lines.compactMap { line in
        let numbers = line.numbers.compactMap { number -> RecognizedNumber? in
            let digits = number.digits.filter(keep)
            guard !digits.isEmpty else { return nil }
            return RecognizedNumber(text: digits.map { String($0.label) }.joined(), box: digits.dropFirst().reduce(digits[0].box) { $0.union($1.box) },
                                    confidence: digits.map(\.confidence).min() ?? 0, digits: digits)
        }
        return numbers.isEmpty ? nil : RecognizedLine(text: numbers.map(\.text).joined(separator: " "), numbers: numbers)
    }
}
