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

/// The dominant direction of text, radians: the median angle from each digit to its nearest
/// neighbour, over the pairs that are roughly side by side (within ±50°).
func estimateSkew(_ boxes: [Box], digitHeight h: Double) -> Double {
    guard boxes.count >= 2 else { return 0 }
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
    guard angles.count >= 2 else { return 0 }
    angles.sort()
    return angles[angles.count / 2]
}

public func readingOrder(_ boxes: [Box], digitHeight h: Double, numberGap: Double) -> ReadingOrder {
    guard !boxes.isEmpty else { return ReadingOrder(lines: [], skewDegrees: 0) }
    let angle = estimateSkew(boxes, digitHeight: h)
    let c = cos(angle), s = sin(angle)
    // Coordinates in the text's frame: u along the lines, v across them.
    let rotated = boxes.map { b -> (u: Double, v: Double, halfWidth: Double) in
        let x = Double(b.x) + Double(b.width) / 2, y = Double(b.y) + Double(b.height) / 2
        return (x * c + y * s, -x * s + y * c, (Double(b.width) * abs(c) + Double(b.height) * abs(s)) / 2)
    }
    // Lines: sweep digits by v; a digit joins the line whose mean v is nearest, if within 0.6h.
    var lines = [(v: Double, members: [Int])]()
    for i in rotated.indices.sorted(by: { rotated[$0].v < rotated[$1].v }) {
        if let best = lines.indices.min(by: { abs(lines[$0].v - rotated[i].v) < abs(lines[$1].v - rotated[i].v) }),
           abs(lines[best].v - rotated[i].v) < 0.6 * h {
            let n = Double(lines[best].members.count)
            lines[best].v = (lines[best].v * n + rotated[i].v) / (n + 1)
            lines[best].members.append(i)
        } else {
            lines.append((rotated[i].v, [i]))
        }
    }
    lines.sort { $0.v < $1.v }
    var result = [[[Int]]]()
    for line in lines {
        let ordered = line.members.sorted { rotated[$0].u < rotated[$1].u }
        var numbers = [[ordered[0]]]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            let gap = (rotated[b].u - rotated[b].halfWidth) - (rotated[a].u + rotated[a].halfWidth)
            if gap > numberGap * h { numbers.append([b]) } else { numbers[numbers.count - 1].append(b) }
        }
        result.append(numbers)
    }
    return ReadingOrder(lines: result, skewDegrees: angle * 180 / .pi)
}
