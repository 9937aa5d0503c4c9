/// Step 6: a notebook's margin line photographed small or faint binarizes into dashes, each a
/// thin upright piece that reads as a sure 1 (a reviewer's notebook pages: "00 969471" read
/// "1 1 00 969411 1 …", a 1 for each dash down the page). Straight-line removal
/// (RuledLines.swift) bridges gaps of two pixels only, in one column; these gaps are as long as
/// the dashes, and a margin photographed a degree askew runs over several columns.

/// The candidates but the pieces of a dashed upright line: at least `leastDashes` thin upright
/// candidates (twice as tall as wide, no taller than `digitHeight` and a half) whose centres
/// lie within 2 pixels of one straight line within 20° of upright, spanning five digit
/// heights, every one of them fainter than the writing: its darkest ink (`peakInk`) under 0.75
/// of the median of the candidates that are not thin and upright. A margin ruled in red or
/// blue is far lighter than the writing (0.5 of it in grey); a column of 1s, each starting a
/// number of a list, is as dark as the rest.
func droppingDashedLines(_ crops: [Crop], levels: [UInt8], width: Int, digitHeight: Double, leastDashes: Int = 5) -> [Crop] {
    guard crops.count >= leastDashes else { return crops }
    let peaks = crops.map { Double(peakInk($0, levels: levels, width: width)) }
    func isThinUpright(_ box: Box) -> Bool { box.height >= 2 * box.width && Double(box.height) <= 1.5 * digitHeight }
    // The writing's darkness from the candidates of other shapes: a short number beside a long
    // margin has fewer digits than the margin has dashes.
    let others = crops.indices.filter { !isThinUpright(crops[$0].box) }.map { peaks[$0] }.sorted()
    guard !others.isEmpty else { return crops }
    let typical = others[others.count / 2]
    let dashes = crops.indices.filter { isThinUpright(crops[$0].box) && peaks[$0] < 0.75 * typical }
    // Checked pair by pair (the line through two centres, each pair's members counted: cubic
    // in the pieces); a page holds few faint thin pieces, a noisy one may hold hundreds.
    guard dashes.count >= leastDashes, dashes.count <= 200 else { return crops }
    let centres = dashes.map { i -> (x: Double, y: Double) in
        let box = crops[i].box
        return (Double(box.x) + Double(box.width) / 2, Double(box.y) + Double(box.height) / 2)
    }
    var onALine = Set<Int>()
    for a in centres.indices where !onALine.contains(dashes[a]) {
        for b in centres.indices where centres[b].y - centres[a].y >= digitHeight {
            // x = x₀ + slope · y through both centres; 20° off upright is a slope of 0.36.
            let slope = (centres[b].x - centres[a].x) / (centres[b].y - centres[a].y)
            guard abs(slope) <= 0.36 else { continue }
            let members = centres.indices.filter { abs(centres[$0].x - (centres[a].x + slope * (centres[$0].y - centres[a].y))) <= 2 }
            guard members.count >= leastDashes else { continue }
            let ys = members.map { centres[$0].y }
            if ys.max()! - ys.min()! >= 5 * digitHeight { onALine.formUnion(members.map { dashes[$0] }) }
        }
    }
    return crops.indices.filter { !onALine.contains($0) }.map { crops[$0] }
}
