import Foundation

/// Step 9: groups digits into lines and numbers in reading order. The text direction is
/// estimated first (from the directions between neighbouring digits), so a page tilted by
/// up to ±35° reads line by line; lines are formed by digit centres, so long descenders of
/// 7 and 9 do not join the next line.
public struct ReadingOrder: Sendable {
    /// Digits of each line, each line split into numbers; indices into the input boxes.
    public var lines: [[[Int]]]
    public var skewDegrees: Double
}

/// The dominant direction of text, radians. A first guess is the angle from each digit to
/// its nearest neighbour that most digits agree on (`mostAgreedAngle`), over the pairs that
/// are roughly side by side (within ±50°). Steps between neighbours are noisy when a line
/// has few digits (a 7's descender tilts the step to its neighbour by 15°), so the lines that
/// guess finds are then fitted whole: the median direction between the digits of a line at
/// least 1.5 digit heights apart, over all lines. A direction steeper than `steepest` is
/// taken for none: the text is level. `maximumTextAngle`: the steepest text direction believed
/// (`PipelineParameters.maximumTextAngle`); `steepest`, when the digits' own lines are held
/// to less (`steepestRowOfBoxes`), else the same.
func estimateSkew(_ boxes: [Box], digitHeight h: Double, maximumTextAngle: Double, steepest: Double? = nil) -> Double {
    let steepest = steepest ?? maximumTextAngle
    let angles = neighbourAngles(boxes, digitHeight: h)
    guard angles.count >= 2 else { return 0 }
    let guess = mostAgreedAngle(angles)
    guard abs(guess) <= steepest else { return 0 }
    let centres = boxes.map { (x: Double($0.x) + Double($0.width) / 2, y: Double($0.y) + Double($0.height) / 2) }
    var along = [Double]()
    for line in textLines(boxes, angle: guess, digitHeight: h) where line.members.count >= 3 {
        for (k, i) in line.members.enumerated() {
            for j in line.members[(k + 1)...] {
                let dx = centres[j].x - centres[i].x, dy = centres[j].y - centres[i].y
                guard (dx * dx + dy * dy).squareRoot() >= 1.5 * h else { continue }
                along.append(atan2(dx >= 0 ? dy : -dy, abs(dx)))
            }
        }
    }
    guard along.count >= 3 else {
        // Only to level the guess: two numbers written one above the other, the upper one to
        // the right, lie on one line along their diagonal too (they read "34 12" for "12 34").
        if let direction = oneLineDirection(boxes, centres: centres, digitHeight: h, maximumTextAngle: maximumTextAngle),
           abs(direction) < abs(guess) { return direction }
        return guess
    }
    along.sort()
    let fitted = along[along.count / 2]
    // Steeper than 45° is no tilted line but a column of digits (a list written down the
    // page, itself tilted): read it as lines of one digit each, top to bottom.
    return abs(fitted) <= steepest ? fitted : 0
}

/// When the guess's lines are too short to fit (two numbers of two digits: "27 18"), the
/// steps inside a number are all there is, and a 7's descender or a 2's heavy foot tilts them
/// by 10–15°: level writing was turned, broken into two lines, and read "18 27". The median
/// direction between every two digits 1.5 digit heights apart or more (and no steeper than
/// `maximumTextAngle`), when it puts all of them on one line; nil otherwise (lines of two
/// digits, one above another). `estimateSkew` takes it only when it is nearer level than the guess.
func oneLineDirection(_ boxes: [Box], centres: [(x: Double, y: Double)], digitHeight h: Double, maximumTextAngle: Double) -> Double? {
    var angles = [Double]()
    for i in boxes.indices {
        for j in boxes.indices where j > i {
            let dx = centres[j].x - centres[i].x, dy = centres[j].y - centres[i].y
            guard (dx * dx + dy * dy).squareRoot() >= 1.5 * h else { continue }
            let angle = atan2(dx >= 0 ? dy : -dy, abs(dx))
            if abs(angle) <= maximumTextAngle { angles.append(angle) }
        }
    }
    guard angles.count >= 3 else { return nil }
    angles.sort()
    let median = angles[angles.count / 2]
    return textLines(boxes, angle: median, digitHeight: h).count == 1 ? median : nil
}

/// The direction most digits agree on: the median of the largest group of `sortedAngles`
/// lying within ±8° of one of them; of equal groups, the one whose centre is most level. A
/// plain median is swayed when few digits are found: a leftover piece of a box side and the
/// digit beside it, each other's nearest neighbours, count twice against a level line.
func mostAgreedAngle(_ sortedAngles: [Double]) -> Double {
    assert(!sortedAngles.isEmpty)
    let window = 8 * Double.pi / 180
    var best = 0..<0, bestCentre = 0.0, low = 0, high = 0
    for centre in sortedAngles {
        while sortedAngles[low] < centre - window { low += 1 }
        while high < sortedAngles.count && sortedAngles[high] <= centre + window { high += 1 }
        if high - low > best.count || (high - low == best.count && abs(centre) < abs(bestCentre)) {
            best = low..<high; bestCentre = centre
        }
    }
    return sortedAngles[best.lowerBound + best.count / 2]
}

/// The angle from each digit to its nearest roughly side-by-side neighbour, radians, sorted.
func neighbourAngles(_ boxes: [Box], digitHeight h: Double) -> [Double] {
    guard boxes.count >= 2 else { return [] }
    let centers = boxes.map { (Double($0.x) + Double($0.width) / 2, Double($0.y) + Double($0.height) / 2) }
    var angles = [Double]()
    for (i, a) in centers.enumerated() {
        var best = Double.infinity, angle = 0.0
        for (j, b) in centers.enumerated() where i != j {
            let dx = b.0 - a.0, dy = b.1 - a.1
            let d = (dx * dx + dy * dy).squareRoot()
            guard d < 3 * h, abs(dy) < abs(dx) * 1.2 else { continue }
            if d < best { best = d; angle = atan2(dx >= 0 ? dy : -dy, abs(dx)) }
        }
        if best.isFinite { angles.append(angle) }
    }
    return angles.sorted()
}

/// The digits' lines and numbers in reading order, by `parameters`' `numberGapFraction` and
/// text directions (`maximumTextAngle`; `steepestRowOfBoxes` with `levelRows`: the digits
/// stand in a form's boxes, whose rows are level).
public func readingOrder(_ boxes: [Box], digitHeight h: Double, parameters: PipelineParameters, levelRows: Bool = false) -> ReadingOrder {
    guard !boxes.isEmpty else { return ReadingOrder(lines: [], skewDegrees: 0) }
    let angle = estimateSkew(boxes, digitHeight: h, maximumTextAngle: parameters.maximumTextAngle,
                             steepest: levelRows ? parameters.steepestRowOfBoxes : nil)
    let rotated = textFrame(boxes, angle: angle)
    let lines = joiningStaggeredLines(textLines(boxes, angle: angle, digitHeight: h), boxes: boxes, angle: angle)
    // A narrow digit (a "1") takes a digit's width on the line: its box alone would leave
    // wide gaps either side of it, and a 1 at a number's end would stand apart.
    let widths = rotated.map { 2 * $0.halfWidth }.sorted()
    let typicalHalfWidth = widths[widths.count / 2] / 2
    let orderedLines = lines.map { line in line.members.sorted { rotated[$0].u < rotated[$1].u } }
    func gap(_ a: Int, _ b: Int) -> Double {
        (rotated[b].u - Swift.max(rotated[b].halfWidth, typicalHalfWidth)) - (rotated[a].u + Swift.max(rotated[a].halfWidth, typicalHalfWidth))
    }
    let gaps = orderedLines.flatMap { ordered in zip(ordered, ordered.dropFirst()).map { gap($0, $1) / h } }
    let threshold = numberGapThreshold(gaps, minimum: parameters.numberGapFraction)
    var result = [[[Int]]]()
    for ordered in orderedLines {
        var numbers = [[ordered[0]]]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            if gap(a, b) > threshold * h { numbers.append([b]) } else { numbers[numbers.count - 1].append(b) }
        }
        result.append(numbers)
    }
    // Reported counter-clockwise positive (text rising to the right), as a person sees it.
    return ReadingOrder(lines: result, skewDegrees: -angle * 180 / .pi)
}

/// The gap (in digit heights) above which digits on a line belong to separate numbers: "clearly
/// apart" for this writer. People space digits differently: one leaves 0.2 of a digit's height
/// between the digits of a number, another 0.9, evenly. So the page's gaps (`gaps`) are
/// sorted and cut at the first wide step between two of them (at least 0.3 of a digit height
/// and 40% of the gap above it) whose upper gap is over `minimum`: above it, numbers are apart
/// by more than digits are (groups of numbers further apart still, as repeated fields of a
/// strip, are numbers too). Without such a step the gaps are one kind: digits spaced evenly
/// make one number unless two digit heights apart (real-dev's photos space digits up to 0.9
/// of a digit height, its forms' boxes up to 1.9), and a lone gap on the page parts two
/// numbers from a digit height on ("4 7").
func numberGapThreshold(_ gaps: [Double], minimum: Double) -> Double {
    let sorted = gaps.map { Swift.max(0, $0) }.sorted()
    let step = zip(sorted, sorted.dropFirst()).first { low, high in high > minimum && high - low >= Swift.max(0.3, 0.4 * high) }
    return step.map { Swift.max(minimum, ($0.0 + $0.1) / 2) } ?? (sorted.count == 1 ? 1.0 : 2.0)
}

/// Box centres in the frame of text running at `angle`: u along the lines, v across them,
/// and each box's half extent along u.
func textFrame(_ boxes: [Box], angle: Double) -> [(u: Double, v: Double, halfWidth: Double)] {
    let c = cos(angle), s = sin(angle)
    return boxes.map { b in
        let x = Double(b.x) + Double(b.width) / 2, y = Double(b.y) + Double(b.height) / 2
        return (x * c + y * s, -x * s + y * c, (Double(b.width) * abs(c) + Double(b.height) * abs(s)) / 2)
    }
}

/// The lines of text running at `angle`, top to bottom: each with its mean position across
/// the lines and its digits (indices into `boxes`, in no particular order).
func textLines(_ boxes: [Box], angle: Double, digitHeight h: Double) -> [(v: Double, members: [Int])] {
    let rotated = textFrame(boxes, angle: angle)
    // Lines: chain each digit to its nearest right-hand neighbour (close across the line,
    // a step of at most 12h along it), keeping mutual best links only. Links are local, so
    // an error of a few degrees in the estimated direction cannot break a long line.
    let order = rotated.indices.sorted { rotated[$0].u < rotated[$1].u }
    var next = [Int?](repeating: nil, count: boxes.count), previous = [Int?](repeating: nil, count: boxes.count)
    var cost = [Double](repeating: .infinity, count: boxes.count)
    for i in order {
        var best: Int?, bestCost = Double.infinity
        for j in order where rotated[j].u > rotated[i].u {
            let du = rotated[j].u - rotated[i].u, dv = abs(rotated[j].v - rotated[i].v)
            guard dv < 0.55 * h, du < 12 * h else { continue }
            let c = du + 4 * dv
            if c < bestCost { bestCost = c; best = j }
        }
        if let j = best, bestCost < cost[j] {
            if let old = previous[j] { next[old] = nil }
            previous[j] = i; next[i] = j; cost[j] = bestCost
        }
    }
    var lines = [(v: Double, members: [Int])]()
    for head in order where previous[head] == nil {
        var members = [head], current = head
        while let n = next[current] { members.append(n); current = n }
        lines.append((members.map { rotated[$0].v }.reduce(0, +) / Double(members.count), members))
    }
    // Chains on the same line that did not link (far apart) are joined. A joined line lies
    // at the mean of all its digits: a lone high digit (a 6's tall loop) that starts a line
    // must not hold the line where it sits, or the rest of its line's digits start another.
    lines.sort { $0.v < $1.v }
    var merged = [(v: Double, members: [Int])]()
    for line in lines {
        if let last = merged.last, abs(last.v - line.v) < 0.4 * h {
            let count = Double(last.members.count + line.members.count)
            merged[merged.count - 1] = ((last.v * Double(last.members.count) + line.v * Double(line.members.count)) / count,
                                        last.members + line.members)
        } else {
            merged.append(line)
        }
    }
    return merged
}

/// `lines` (as `textLines` finds them in `boxes`, text running at `angle`) with those that are
/// one line written up and down joined: a row of form cells, each digit written higher or
/// lower in its box, breaks where two neighbours are over half a digit apart across the line,
/// and its pieces' mean positions are apart too ("08719597" read "71959 7 08"). Two lines are
/// joined when they lie one after the other along the text (neither reaches into the
/// other's span, with half a digit's width to spare) and their digits' extents across it
/// overlap by half of the shorter's: a line below or above another spans another stretch
/// across the text. The pair overlapping most is joined first, until no pair is left.
func joiningStaggeredLines(_ lines: [(v: Double, members: [Int])], boxes: [Box], angle: Double) -> [(v: Double, members: [Int])] {
    guard lines.count >= 2 else { return lines }
    let rotated = textFrame(boxes, angle: angle)
    let c = abs(cos(angle)), s = abs(sin(angle))
    // Each box's half extent across the text.
    let halfHeights = boxes.map { (Double($0.height) * c + Double($0.width) * s) / 2 }
    struct Extent { var along: ClosedRange<Double>, across: ClosedRange<Double>, typicalHalfWidth: Double }
    func extent(_ members: [Int]) -> Extent {
        let halfWidths = members.map { rotated[$0].halfWidth }.sorted()
        return Extent(along: members.map { rotated[$0].u - rotated[$0].halfWidth }.min()!...members.map { rotated[$0].u + rotated[$0].halfWidth }.max()!,
                      across: members.map { rotated[$0].v - halfHeights[$0] }.min()!...members.map { rotated[$0].v + halfHeights[$0] }.max()!,
                      typicalHalfWidth: halfWidths[halfWidths.count / 2])
    }
    // Whether no digit of one line reaches into any digit of the other along the text: the
    // one's digits (one or two) stand in the gaps between the other's (a digit written low in
    // its form cell, between its neighbours). Dense lines of a page, a digit of one touching
    // one of the next, interleave too, but each with more digits.
    func inTheGaps(_ first: [Int], _ second: [Int]) -> Bool {
        first.allSatisfy { a in
            second.allSatisfy { b in
                rotated[a].u + rotated[a].halfWidth <= rotated[b].u - rotated[b].halfWidth
                    || rotated[b].u + rotated[b].halfWidth <= rotated[a].u - rotated[a].halfWidth
            }
        }
    }
    var lines = lines
    var extents = lines.map { extent($0.members) }
    while true {
        var best: (i: Int, j: Int, overlap: Double)?
        for i in lines.indices {
            for j in lines.indices where j > i {
                let a = extents[i], b = extents[j]
                let spare = Swift.min(a.typicalHalfWidth, b.typicalHalfWidth)
                let oneAfterTheOther = a.along.upperBound - spare <= b.along.lowerBound || b.along.upperBound - spare <= a.along.lowerBound
                guard oneAfterTheOther || (Swift.min(lines[i].members.count, lines[j].members.count) <= 2 && inTheGaps(lines[i].members, lines[j].members))
                else { continue }
                let overlap = Swift.min(a.across.upperBound, b.across.upperBound) - Swift.max(a.across.lowerBound, b.across.lowerBound)
                let shorter = Swift.min(a.across.upperBound - a.across.lowerBound, b.across.upperBound - b.across.lowerBound)
                let share = overlap / Swift.max(shorter, 1)
                if share >= 0.5, share > (best?.overlap ?? 0) { best = (i, j, share) }
            }
        }
        guard let (i, j, _) = best else { break }
        let members = lines[i].members + lines[j].members
        lines[i] = (members.map { rotated[$0].v }.reduce(0, +) / Double(members.count), members)
        extents[i] = extent(members)
        lines.remove(at: j); extents.remove(at: j)
    }
    return lines.sorted { $0.v < $1.v }
}
