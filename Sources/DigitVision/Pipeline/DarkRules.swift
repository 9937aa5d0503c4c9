/// Step 2's threshold on a form or ruled page printed darker than the writing on it.
///
/// Otsu's split of the ink levels puts a form's black rules on one side and the paper, with
/// all its writing, on the other when the writing is far fainter than the print: pencil in a
/// field of black boxes, a comb printed bold. Its digits fall under the threshold and the
/// field reads as nothing (a reviewer's grids and combs: "5667" and "4630" read as nothing,
/// every stroke of the pencil gone). Rules are long level runs of ink, far longer than any
/// stroke; where they are most of the ink, the threshold is chosen again without them.

/// A level run of ink this long, at least, is a rule: half the picture's width (32 pixels at
/// least), longer than a digit's bar in the tightest crop of one; in a strip, 1.2 times its
/// height, longer than any bar of a digit the strip can hold (a form's field of two or three
/// boxes, 60 pixels wide in a strip 171 by 42, is no half of it).
func leastRuleLength(width w: Int, height h: Int) -> Int { Swift.max(32, Swift.min(w / 2, 6 * h / 5)) }

/// The histogram of `levels` without the pixels of rules (level runs over `cut` of
/// `leastRuleLength` or more) and of the ink joined to them, nor those within 2 pixels of
/// these (their blurred rims, as dark as the writing). Nil unless the rules are at least 30%
/// of the ink: on a page of writing with a rule or two, the writing chose the threshold and
/// keeps choosing it.
func histogramWithoutRules(_ levels: [UInt8], width w: Int, height h: Int, cut: UInt8) throws -> [Int]? {
    let least = leastRuleLength(width: w, height: h)
    guard w >= least else { return nil }
    var onRule = [UInt8](repeating: 0, count: w * h)
    var ruled = 0, ink = 0
    levels.withUnsafeBufferPointer { l in
        onRule.withUnsafeMutableBufferPointer { rule in
            for y in 0..<h {
                var x = 0
                while x < w {
                    guard l[y * w + x] > cut else { x += 1; continue }
                    var end = x + 1
                    while end < w && l[y * w + end] > cut { end += 1 }
                    ink += end - x
                    if end - x >= least {
                        ruled += end - x
                        for i in x..<end { rule[y * w + i] = 255 }
                    }
                    x = end
                }
            }
        }
    }
    guard ruled > 0, ruled * 10 >= 3 * ink else { return nil }
    // With everything joined to them: a grid's dividers, a comb's teeth (as dark, and as
    // many pixels as the writing: left in, they held the threshold over it).
    let binary = levels.map { $0 > cut ? UInt8(255) : 0 }
    let components = connectedComponents(binary, width: w, height: h)
    var joined = Set<Int32>()
    for i in 0..<w * h where onRule[i] != 0 { joined.insert(components.labels[i]) }
    var printed = [UInt8](repeating: 0, count: w * h)
    for i in 0..<w * h where binary[i] != 0 && joined.contains(components.labels[i]) { printed[i] = 255 }
    let rims = try Image(width: w, height: h, channels: 1, pixels: printed).morphology(.dilate, width: 5, height: 5).pixels
    var histogram = [Int](repeating: 0, count: 256)
    levels.withUnsafeBufferPointer { l in
        rims.withUnsafeBufferPointer { r in for i in 0..<w * h where r[i] == 0 { histogram[Int(l[i])] += 1 } }
    }
    return histogram
}
