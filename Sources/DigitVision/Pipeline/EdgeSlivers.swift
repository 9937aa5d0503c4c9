/// Step 2's threshold on a photo whose frame cuts a sliver of the desk (or of a shadow's wedge)
/// along an edge: a sheet that fills the picture but for a dark strip at one side.
///
/// Otsu's split of the ink levels puts such a strip, nearly black against the paper, on one
/// side and the paper with all its writing on the other: pencil or a faint pen falls under the
/// threshold and the page reads as nothing (a pencilled page with a strip of desk 1% of its
/// width at the left: no digit; the same photo cropped to the paper: every digit). The strip's
/// pixels, and the few pixels of its blurred rim, are left out of the histogram the threshold is
/// chosen from. They stay ink: the steps after treat a band along the edge (`edgeBands`).
/// What a sliver is: `PipelineParameters.edgeSliverContactFraction`, `edgeSliverLargestFraction`
/// and `edgeSliverRim`.

/// The histogram of `levels` without the pixels of the ink components (levels above `cut`,
/// 8-connected) that touch an edge of the picture over `edgeSliverContactFraction` of it and
/// cover at most `edgeSliverLargestFraction` of the picture, nor the pixels within
/// `edgeSliverRim` of them (`parameters`). Nil when there is no such component, or on a
/// picture under `smallPictureSide`, a crop whose digits may fill it edge to edge.
func histogramWithoutEdgeSlivers(_ levels: [UInt8], width w: Int, height h: Int, cut: UInt8, parameters: PipelineParameters) throws -> [Int]? {
    guard Swift.min(w, h) >= parameters.smallPictureSide else { return nil }
    let onEdge = (0..<w).contains { levels[$0] > cut || levels[(h - 1) * w + $0] > cut }
        || (0..<h).contains { levels[$0 * w] > cut || levels[$0 * w + w - 1] > cut }
    guard onEdge else { return nil }
    // Labelled by runs (`connectedComponents`): a desk is long runs, not a flood pixel by pixel.
    var binary = [UInt8](repeating: 0, count: w * h)
    levels.withUnsafeBufferPointer { l in
        binary.withUnsafeMutableBufferPointer { out in for i in 0..<w * h where l[i] > cut { out[i] = 255 } }
    }
    let labelled = connectedComponents(binary, width: w, height: h)
    let labels = labelled.labels, components = labelled.components
    // Each component's pixels on each of the four edges (a corner counts on both of its edges).
    let none = [Int](repeating: 0, count: components.count)
    var left = none, right = none, top = none, bottom = none
    for y in 0..<h { left[Int(labels[y * w])] += 1; right[Int(labels[y * w + w - 1])] += 1 }
    for x in 0..<w { top[Int(labels[x])] += 1; bottom[Int(labels[(h - 1) * w + x])] += 1 }
    let least = { (side: Int) in Swift.max(8, parameters.edgeSliverContactFraction * Double(side)) }
    let isSliver = components.indices.map { label in
        label > 0 && (Double(Swift.max(left[label], right[label])) >= least(h) || Double(Swift.max(top[label], bottom[label])) >= least(w))
            && Double(components[label].area) <= parameters.edgeSliverLargestFraction * Double(w * h)
    }
    guard isSliver.contains(true) else { return nil }
    var mask = [UInt8](repeating: 0, count: w * h)
    labels.withUnsafeBufferPointer { l in
        mask.withUnsafeMutableBufferPointer { out in for i in 0..<w * h where l[i] > 0 && isSliver[Int(l[i])] { out[i] = 255 } }
    }
    let rim = 2 * parameters.edgeSliverRim + 1
    let sliver = try Image(width: w, height: h, channels: 1, pixels: mask).morphology(.dilate, width: rim, height: rim).pixels
    var histogram = [Int](repeating: 0, count: 256)
    levels.withUnsafeBufferPointer { l in
        sliver.withUnsafeBufferPointer { s in for i in 0..<w * h where s[i] == 0 { histogram[Int(l[i])] += 1 } }
    }
    return histogram
}
