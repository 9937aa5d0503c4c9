/// Step 6, by place: a printed sign before an amount, in the print's small size (a cheque's
/// "$" before its field, a price's currency sign), reads as a sure 5 or 8 when its shape is
/// too small to tell (`isDollarSign` needs the bar's stubs, lost at a dozen pixels: a
/// reviewer's generated cheques read "575500" for "$ 75500"). It is told by where it stands
/// and by its size: first in its row, a little apart before the digits, narrow, and far
/// shorter than they are. A writer's first digit written small runs on close to the next;
/// a short 1 written apart has the place and size of a sign (real-dev's form field "1 27"),
/// so a mark read as a 1 is kept (`DigitRecognizer`).
enum LeadingMark {
    /// At most this fraction of the median height of the digits after it…
    /// (The "$" measured 0.48–0.60 of its amount's digits; a writer's first digits read wrongly
    /// as signs by this measure alone, 0.46–0.62.)
    static let tallest = 0.62
    /// …measured on up to this many digits after it, two at least (the median height; of
    /// two, the taller).
    static let digitsMeasured = 3
    /// Apart from the first of them by this many of their heights at least: printed, the sign
    /// stands apart (0.43–0.66 of a reviewer's generated cheques' "$"); a handwritten digit
    /// written small runs close to the next (0–0.21: a form's short 7, a slip's 2)…
    static let narrowestGap = 0.35
    /// …and at most this many (a sign stands close before its amount).
    static let widestGap = 1.5
    /// Under this fraction of their height wide: a "$" is narrow (0.16–0.38 of the generated
    /// cheques' amounts); a small digit written first, a 7 or a 2, is half as wide as the digits
    /// after it are tall or more (0.52–0.86 of those read wrongly so before this measure).
    static let widest = 0.45
    /// Its middle between this fraction of the first digit's height below its top and the
    /// digit's foot: beside the digits, not raised like an apostrophe or a superscript.
    static let highestMiddle = 0.25
}

/// The indices of the boxes (of digits read, on a levelled page) that are small signs before
/// an amount (`isLeadingMark`).
func leadingMarkIndices(_ boxes: [Box]) -> Set<Int> {
    var marks = Set<Int>()
    for (i, mark) in boxes.enumerated() {
        let centre = 2 * mark.x + mark.width
        let inRow = boxes.indices.filter { j in j != i && boxes[j].y < mark.maxY && mark.y < boxes[j].maxY }
        // First in its row: nothing read before it.
        guard !inRow.contains(where: { 2 * boxes[$0].x + boxes[$0].width < centre }) else { continue }
        let after = inRow.map { boxes[$0] }.sorted { $0.x < $1.x }.prefix(LeadingMark.digitsMeasured)
        if isLeadingMark(mark, before: Array(after)) { marks.insert(i) }
    }
    return marks
}

/// Whether `mark`, first in its row, is a small sign before `after` (the digits right of it
/// in its row, nearest first): at least two of them, and the mark within `LeadingMark`'s
/// measures of them.
func isLeadingMark(_ mark: Box, before after: [Box]) -> Bool {
    guard after.count >= 2, let first = after.first else { return false }
    let heights = after.map(\.height).sorted()
    let digit = Double(heights[heights.count / 2])
    let gap = Double(first.x - mark.maxX)
    guard Double(mark.height) <= LeadingMark.tallest * digit, Double(mark.width) < LeadingMark.widest * digit,
          gap >= LeadingMark.narrowestGap * digit, gap <= LeadingMark.widestGap * digit else { return false }
    let middle = Double(mark.y) + Double(mark.height) / 2
    return middle >= Double(first.y) + LeadingMark.highestMiddle * Double(first.height) && middle <= Double(first.maxY)
}
