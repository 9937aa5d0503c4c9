/// Step 2's threshold on a photo whose frame cuts a sliver of the desk (or of a shadow's wedge)
/// along an edge: a sheet that fills the picture but for a dark strip at one side.
///
/// Otsu's split of the ink levels puts such a strip, nearly black against the paper, on one
/// side and the paper with all its writing on the other: pencil or a faint pen falls under the
/// threshold and the page reads as nothing (a pencilled page with a strip of desk 1% of its
/// width at the left: no digit; the same photo cropped to the paper: every digit). The strip's
/// pixels, and the few pixels of its blurred rim, are left out of the histogram the threshold is
/// chosen from. They stay ink: the steps after treat a band along the edge (`edgeBands`).

/// A component touching one edge of the picture over at least this fraction of that edge's
/// length is a sliver of something else than the paper. A digit touches the frame over a
/// stroke's width or, a "1" cut by a crop, over its own height: seldom a quarter of a page's side.
let edgeSliverContactFraction = 0.25

/// A sliver covers at most this fraction of the picture. More desk than that is a page on a
/// desk, whose threshold must keep the desk's grain apart from the paper: with the desk left
/// out of the histogram, the grain at its rim turned to ink and read as digits.
let edgeSliverLargestFraction = 0.1

/// How far beyond a sliver's ink its blurred rim reaches, in pixels, left out with it.
let edgeSliverRim = 2

/// The histogram of `levels` without the pixels of the ink components (levels above `cut`,
/// 8-connected) that touch an edge of the picture over `edgeSliverContactFraction` of it and
/// cover at most `edgeSliverLargestFraction` of the picture, nor the pixels within
/// `edgeSliverRim` of them. Nil when there is no such component, or on a
/// picture under `smallPictureSide`, a crop whose digits may fill it edge to edge.
func histogramWithoutEdgeSlivers(_ levels: [UInt8], width w: Int, height h: Int, cut: UInt8) -> [Int]? {
    guard Swift.min(w, h) >= smallPictureSide else { return nil }
    var edgePixels = [Int]()
    edgePixels.reserveCapacity(2 * (w + h))
    for x in 0..<w { edgePixels.append(x); edgePixels.append((h - 1) * w + x) }
    for y in 0..<h { edgePixels.append(y * w); edgePixels.append(y * w + w - 1) }
    guard edgePixels.contains(where: { levels[$0] > cut }) else { return nil }
    var seen = [Bool](repeating: false, count: w * h)
    var sliver = [Bool](repeating: false, count: w * h)
    var found = false
    var stack = [Int](), pixels = [Int]()
    for start in edgePixels where levels[start] > cut && !seen[start] {
        // Flood the component, counting its pixels on each edge.
        var contact = (left: 0, right: 0, top: 0, bottom: 0)
        stack.append(start); seen[start] = true; pixels.removeAll(keepingCapacity: true)
        while let p = stack.popLast() {
            pixels.append(p)
            let x = p % w, y = p / w
            if x == 0 { contact.left += 1 }
            if x == w - 1 { contact.right += 1 }
            if y == 0 { contact.top += 1 }
            if y == h - 1 { contact.bottom += 1 }
            for ny in Swift.max(0, y - 1)...Swift.min(h - 1, y + 1) {
                for nx in Swift.max(0, x - 1)...Swift.min(w - 1, x + 1) {
                    let q = ny * w + nx
                    if !seen[q] && levels[q] > cut { seen[q] = true; stack.append(q) }
                }
            }
        }
        let alongHeight = Double(Swift.max(contact.left, contact.right)), alongWidth = Double(Swift.max(contact.top, contact.bottom))
        let least = { (side: Int) in Swift.max(8, edgeSliverContactFraction * Double(side)) }
        guard alongHeight >= least(h) || alongWidth >= least(w),
              Double(pixels.count) <= edgeSliverLargestFraction * Double(w * h) else { continue }
        found = true
        for p in pixels { sliver[p] = true }
    }
    guard found else { return nil }
    sliver = dilated(sliver, width: w, height: h, radius: edgeSliverRim)
    var histogram = [Int](repeating: 0, count: 256)
    for i in 0..<w * h where !sliver[i] { histogram[Int(levels[i])] += 1 }
    return histogram
}

/// `mask` grown by `radius` pixels each way (a square), in two passes of running counts.
func dilated(_ mask: [Bool], width w: Int, height h: Int, radius r: Int) -> [Bool] {
    var rows = [Bool](repeating: false, count: w * h)
    for y in 0..<h {
        var count = 0
        for x in 0..<Swift.min(r, w) where mask[y * w + x] { count += 1 }
        for x in 0..<w {
            if x + r < w, mask[y * w + x + r] { count += 1 }
            if x - r - 1 >= 0, mask[y * w + x - r - 1] { count -= 1 }
            rows[y * w + x] = count > 0
        }
    }
    var out = [Bool](repeating: false, count: w * h)
    for x in 0..<w {
        var count = 0
        for y in 0..<Swift.min(r, h) where rows[y * w + x] { count += 1 }
        for y in 0..<h {
            if y + r < h, rows[(y + r) * w + x] { count += 1 }
            if y - r - 1 >= 0, rows[(y - r - 1) * w + x] { count -= 1 }
            out[y * w + x] = count > 0
        }
    }
    return out
}
