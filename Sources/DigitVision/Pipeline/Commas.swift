/// Step 6, by place: a comma or a full stop written as a short stroke between two digits
/// (a cheque's "360,00", "3.000"), too tall to be dropped as a dot, reads as a 1. It is told
/// by where it stands against the digits either side of it: it hangs low, from under their
/// middle down to their foot or below, and is far shorter than they are. No digit is written
/// so between two others.

/// The indices of the boxes (of digits read, on a levelled page) that are commas: for each,
/// a neighbour on each side that `isComma` accepts.
func commaIndices(_ boxes: [Box]) -> Set<Int> {
    var commas = Set<Int>()
    for (i, mark) in boxes.enumerated() {
        // The nearest box on each side whose rows overlap the mark's.
        func nearest(onTheLeft: Bool) -> Box? {
            let centre = 2 * mark.x + mark.width
            return boxes.indices.filter { j in
                let other = boxes[j], otherCentre = 2 * other.x + other.width
                return j != i && (onTheLeft ? otherCentre < centre : otherCentre > centre) && other.y < mark.maxY && mark.y < other.maxY
            }.map { boxes[$0] }.min { a, b in
                onTheLeft ? a.maxX > b.maxX : a.x < b.x
            }
        }
        if let left = nearest(onTheLeft: true), let right = nearest(onTheLeft: false), isComma(mark, between: left, and: right) {
            commas.insert(i)
        }
    }
    return commas
}

/// Whether `mark` is a comma between the digits `left` and `right`, in fractions of the
/// shorter one's height: at most `Comma.tallest` tall and `Comma.widest` wide; its top
/// `Comma.highestTop` or more below each one's top; its foot at most `Comma.footAboveBaseline`
/// over the higher foot of the two; at most `Comma.widestGap` from either.
func isComma(_ mark: Box, between left: Box, and right: Box) -> Bool {
    let digit = Double(Swift.min(left.height, right.height))
    guard Double(mark.height) <= Comma.tallest * digit, Double(mark.width) <= Comma.widest * digit else { return false }
    for side in [left, right] where Double(mark.y - side.y) < Comma.highestTop * Double(side.height) { return false }
    guard Double(Swift.min(left.maxY, right.maxY) - mark.maxY) <= Comma.footAboveBaseline * digit else { return false }
    return Double(mark.x - left.maxX) <= Comma.widestGap * digit && Double(right.x - mark.maxX) <= Comma.widestGap * digit
}

/// The measures of `isComma`, as fractions of the shorter neighbour's height.
enum Comma {
    /// A comma written with a long tail hangs half a digit below the line ("34500,00"), nearly
    /// as tall as the digits, but never as wide as half of one.
    static let tallest = 0.85
    static let widest = 0.5
    static let highestTop = 0.4
    static let footAboveBaseline = 0.15
    static let widestGap = 0.8
}
