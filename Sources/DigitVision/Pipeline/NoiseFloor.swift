/// Part of step 2 (binarizing): the paper's own noise kept out of the ink.
///
/// Ink levels are darkness relative to the paper, so where the paper is dim — the corners of a
/// vignetted webcam or phone photo, a page's edge in a dark room — the sensor's noise is
/// magnified with it: there noise reaches the page's one ink threshold, and the dim parts of
/// the paper fill with specks that join into blobs and read as digits. Raising the threshold
/// there would also break faint strokes (a pencil 6 lost its top). So the threshold works
/// both ways, as in Canny's hysteresis: a mark over the threshold is ink when some pixel of it
/// stands out from the paper's noise too; marks that do not are noise, and their levels are
/// lowered to the threshold (so a map thresholded again after turning it level agrees).
/// Where the paper's noise stays under the threshold, nothing changes. How far out of the
/// noise ink must stand, and a noisy picture's threshold be raised:
/// `PipelineParameters.noiseFloorDeviations` and `noiseClearanceDeviations`.

/// The paper's level and noise in a whole picture, from the histogram of its ink levels. Ink
/// is a minority of a picture, so the median is paper; the deviation is read from the quarter
/// of pixels just below it (median − 25th percentile over 0.6745), the side strokes never
/// reach, and grows with the noise of a dim photo while smooth paper keeps both near 0.
struct PaperNoise {
    let median: Int
    let deviation: Double

    init(histogram: [Int]) {
        median = percentileIndex(histogram, 0.5)
        deviation = Double(median - percentileIndex(histogram, 0.25)) / 0.6745
    }

    /// The ink level `deviations` deviations of the noise over the paper.
    func level(deviations: Double) -> Double { Double(median) + deviations * deviation }

    /// Whether an ink threshold `cut`, once the picture is smoothed as far as `makeInkMap`
    /// allows, leaves the paper's noise under it: by `clearanceDeviations`
    /// (`PipelineParameters.noiseClearanceDeviations`).
    /// A photo in a dark room, its noise magnified with the paper's dimness, is not: Otsu's
    /// split, or the least contrast ink must have, lets a tenth to a third of the paper
    /// through, in specks that join into blobs and read as hundreds of digits (real-dev's
    /// photos at 28% of their light with noise of 14 grey levels: 13 of 33 read so). On a
    /// `smallPicture` (a cheque's amount field) the guilloche spreads the levels as noise
    /// does, but is texture, whose lines the threshold Otsu found keeps apart from the digits
    /// (raised, it broke a faint cheque's digits); there only a threshold within 1.5 deviations
    /// (`isWithinPaperNoise`) is noisy (a small crop: `PipelineParameters.smallPictureSide`).
    func isCleared(by cut: UInt8, smallPicture: Bool, clearanceDeviations: Double) -> Bool {
        Double(cut) >= level(deviations: smallPicture ? 1.5 : clearanceDeviations)
    }
}

/// Keeps the marks (8-connected pixels over `cut`) of which some pixel reaches over `floor`,
/// the hysteresis of `removingNoiseSpecks` with one floor for the whole picture: for a
/// picture that is noisy throughout (`PaperNoise`), where no block's paper is quiet enough to
/// measure by. The levels of the other marks are lowered to `cut`.
func keepingMarks(_ levels: [UInt8], width: Int, height: Int, cut: UInt8, reaching floor: Double) -> [UInt8] {
    let marks = connectedComponents(levels.map { $0 > cut ? 255 : 0 }, width: width, height: height)
    var isInk = [Bool](repeating: false, count: marks.components.count)
    for i in levels.indices where marks.labels[i] != 0 && Double(levels[i]) > floor { isInk[Int(marks.labels[i])] = true }
    var kept = levels
    for i in levels.indices where marks.labels[i] != 0 && !isInk[Int(marks.labels[i])] { kept[i] = cut }
    return kept
}

/// Lowers to `cut` the levels of the marks that are only the paper's noise. `levels` is an ink
/// map's darkness (0 = paper) of a grey picture smoothed by a 3x3 Gaussian blur, as the ink
/// map smooths pictures 300 pixels or more on their short side; a mark is a group of
/// 8-connected pixels over `cut`. Each block of the picture has a noise floor: its paper's
/// median level plus `floorDeviations` deviations of its paper's noise
/// (`PipelineParameters.noiseFloorDeviations`). A mark is noise when none of its pixels is
/// over the floor of its block and that floor is over `cut`.
///
/// - The paper of a block is its pixels at or below `cut`; a block with under a quarter of
///   them (inside a thick stroke) keeps `cut` as its floor.
/// - The noise is measured apart from the shading and from stroke edges: the median absolute
///   response of the paper pixels to the 3x3 kernel `[1,-2,1]ᵀ[1,-2,1]` (zero on any plane
///   or ramp of shading), over 0.6745, equals the deviation of white noise smoothed by the 3x3
///   Gaussian blur (measured; on unsmoothed noise it would be 6 times it, the kernel's weights
///   squared summing to 36). A block takes the least noise of its own and its 8 neighbours':
///   a stroke's edge or a texture inflates one block's measure, while a dim corner is noisy
///   throughout.
/// - Blocks are 32 pixels, or a 24th of the short side on larger pictures. Every second pixel
///   of every fourth row is plenty for the medians.
/// Smaller pictures are returned as they are: they are not smoothed, and their blocks would
/// be as tall as their digits; a cheque crop's guilloche is texture, not noise.
func removingNoiseSpecks(_ levels: [UInt8], width: Int, height: Int, cut: UInt8, floorDeviations: Double) -> [UInt8] {
    guard Swift.min(width, height) >= 300 else { return levels }
    let block = Swift.max(32, Swift.min(width, height) / 24)
    let columns = (width + block - 1) / block, rows = (height + block - 1) / block
    let cutLevel = Int(cut)
    var median = [Int](repeating: -1, count: columns * rows)   // -1: too little paper
    var noise = [Double](repeating: .infinity, count: columns * rows)
    // Levels at or under the cut, and responses up to 63: a block whose median response is 63
    // (a deviation of 93) has its floor over 255 however much noisier it is.
    var levelCounts = [Int](repeating: 0, count: cutLevel + 1), responseCounts = [Int](repeating: 0, count: 64)
    levels.withUnsafeBufferPointer { l in
        levelCounts.withUnsafeMutableBufferPointer { levelCounts in
            responseCounts.withUnsafeMutableBufferPointer { responseCounts in
                for by in 0..<rows {
                    for bx in 0..<columns {
                        // Inside the picture's 1-pixel rim, where the kernel fits.
                        let x0 = Swift.max(2, bx * block), x1 = Swift.min(width - 1, bx * block + block)
                        let y0 = Swift.max(2, by * block), y1 = Swift.min(height - 1, by * block + block)
                        guard x0 < x1, y0 < y1 else { continue }
                        levelCounts.update(repeating: 0); responseCounts.update(repeating: 0)
                        // Level and response 0 are counted in registers: a histogram bin bumped
                        // over and over waits on its own last store.
                        var paper = 0, samples = 0, zeroLevels = 0, zeroResponses = 0
                        for y in Swift.stride(from: y0, to: y1, by: 4) {
                            let above = l.baseAddress! + (y - 1) * width, here = above + width, below = here + width
                            for x in Swift.stride(from: x0, to: x1, by: 2) {
                                samples += 1
                                let level = Int(here[x])
                                guard level <= cutLevel else { continue }
                                paper += 1
                                if level == 0 { zeroLevels += 1 } else { levelCounts[level] += 1 }
                                let a = Int(above[x - 1]) - 2 * Int(above[x]) + Int(above[x + 1])
                                let m = Int(here[x - 1]) - 2 * level + Int(here[x + 1])
                                let c = Int(below[x - 1]) - 2 * Int(below[x]) + Int(below[x + 1])
                                let response = Swift.min(63, abs(a - 2 * m + c))
                                if response == 0 { zeroResponses += 1 } else { responseCounts[response] += 1 }
                            }
                        }
                        guard paper * 4 >= samples, paper > 0 else { continue }
                        levelCounts[0] = zeroLevels; responseCounts[0] = zeroResponses
                        median[by * columns + bx] = percentileIndex(levelCounts, 0.5)
                        noise[by * columns + bx] = Double(percentileIndex(responseCounts, 0.5)) / 0.6745
                    }
                }
            }
        }
    }
    // Each block's floor: its own paper level plus the least noise around it.
    var floors = [Int](repeating: cutLevel, count: columns * rows)
    var anyAbove = false
    for by in 0..<rows {
        for bx in 0..<columns where median[by * columns + bx] >= 0 {
            var least = Double.infinity
            for ny in Swift.max(0, by - 1)...Swift.min(rows - 1, by + 1) {
                for nx in Swift.max(0, bx - 1)...Swift.min(columns - 1, bx + 1) { least = Swift.min(least, noise[ny * columns + nx]) }
            }
            let floor = Double(median[by * columns + bx]) + floorDeviations * least
            if floor > Double(cutLevel) { floors[by * columns + bx] = Swift.min(255, Int(floor.rounded(.up))); anyAbove = true }
        }
    }
    guard anyAbove else { return levels }
    let marks = connectedComponents(levels.map { $0 > cut ? 255 : 0 }, width: width, height: height)
    var isInk = [Bool](repeating: false, count: marks.components.count)
    for y in 0..<height {
        let row = (y / block) * columns
        for x in 0..<width {
            let label = Int(marks.labels[y * width + x])
            if label != 0 && Int(levels[y * width + x]) > floors[row + x / block] { isInk[label] = true }
        }
    }
    var cleaned = levels
    for i in 0..<width * height {
        let label = Int(marks.labels[i])
        if label != 0 && !isInk[label] { cleaned[i] = cut }
    }
    return cleaned
}
