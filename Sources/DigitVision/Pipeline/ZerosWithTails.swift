/// Step 8, read again: a 0 with a tail. A cheque's cursive zeros are joined by their
/// strokes, and the cut between two of them leaves each a stub of the joining stroke; a last
/// 0 ends in a flourish, or touches the full stop after it. The tail at the loop's foot reads
/// as a 2's base, and "3.000" read "3 020", "1480." read "1482". Such a crop holds one large
/// loop, almost its whole height and width; a 2's loop (a cursive 2 looped at its foot) is
/// small. The loop's ring is read alone, and taken as the digit when it reads as a 0.
/// The pieces of a cut are read so before the cuts are chosen: a middle zero with a stub each
/// side read as a 2 at 0.44, and the joined "000" of a cheque turned 10° was cut in four
/// ("30652").

/// The crop's loop: the ink around its largest hole (by area: a patch of background no path
/// along the background's rows and columns joins to the crop's border), within a square
/// reaching as far from the hole as the stroke is wide and a pixel more. Nil when that hole is
/// under `ZeroWithATail.leastHoleHeight` of the crop's height or `ZeroWithATail.leastHoleWidth`
/// of its width, when the ring is narrower than `ZeroWithATail.narrowestLoop` of the crop, when
/// it leaves no ink out (no tail), or more than `ZeroWithATail.mostTail` of it (no tail, but a
/// digit of its own).
func loopOfAZeroWithATail(_ crop: Crop) -> Crop? {
    let w = crop.box.width, h = crop.box.height
    guard w >= 3, h >= 3 else { return nil }
    let (regions, holes) = holesInInk(of: crop)
    guard let hole = holes.max(by: { regions.components[$0].area < regions.components[$1].area }) else { return nil }
    let box = regions.components[hole]
    guard Double(box.height) >= ZeroWithATail.leastHoleHeight * Double(h), Double(box.width) >= ZeroWithATail.leastHoleWidth * Double(w) else { return nil }
    // The ring: ink within a square `reach` (stroke width and a pixel) either way of the hole.
    let reach = Int(strokeWidth(crop.mask, width: w, height: h).rounded(.up)) + 1
    var near = [Bool](repeating: false, count: w * h)
    for y in box.y..<(box.y + box.height) {
        for x in box.x..<(box.x + box.width) where regions.labels[y * w + x] == Int32(hole) {
            for yy in Swift.max(0, y - reach)...Swift.min(h - 1, y + reach) {
                for xx in Swift.max(0, x - reach)...Swift.min(w - 1, x + reach) { near[yy * w + xx] = true }
            }
        }
    }
    guard let ring = trimmed(crop, where: { x, y in near[y * w + x] }) else { return nil }
    let inkCount = countNonZero(crop.mask), ringCount = countNonZero(ring.mask)
    guard ringCount < inkCount, Double(inkCount - ringCount) <= ZeroWithATail.mostTail * Double(inkCount),
          Double(ring.box.width) >= ZeroWithATail.narrowestLoop * Double(w) else { return nil }
    return ring
}

/// The measures of `loopOfAZeroWithATail`, as fractions of the crop's.
enum ZeroWithATail {
    /// A 0 with a full stop touching its foot, or a stub each side, keeps its loop over 0.6
    /// of its height; a cursive 2's loop at its foot is under half of it.
    static let leastHoleHeight = 0.5
    static let leastHoleWidth = 0.3
    /// A tail is a stub: with 0.4 of the ink, a 7 joined to the 0 after it passed for one, and
    /// "70000" read "0000".
    static let mostTail = 0.25
    /// The ring spans most of the crop: a whole "730", its 7 and 3 joined to the 0, had a ring
    /// 0.4 as wide as it and read as a sure 0 whole.
    static let narrowestLoop = 0.6
    /// The loop alone must read as a 0 at least this surely. A cursive 0 whose closing stroke
    /// runs down inside its loop reads so at 0.64 (at 0.7, "3.000" shrunk to 70% read
    /// "3 020"); no `Benchmarks/regression.sh` picture read worse at 0.5.
    static let sureZero: Float = 0.5
    /// A crop read as a 2 this surely is one, whatever its loop reads.
    static let sureTwo: Float = 0.9
}

extension DigitRecognizer {
    /// `probabilities` (10 for each of `crops`) with those of the crops read as a doubtful 2
    /// (under `ZeroWithATail.sureTwo`; of `only` when given) replaced by their loop's reading
    /// (`loopOfAZeroWithATail`) when it is a 0 at least `ZeroWithATail.sureZero`. Other
    /// digits are left alone: a 6's or a 9's loop is as tall, and their stems as short as a
    /// tail (read as a 0 when doubtful, "818" read "810" and "877" "077" on a reviewer's forms).
    func readingZerosWithTails(_ crops: [Crop], probabilities: inout [Float], only: [Int]? = nil) throws {
        var loops = [(index: Int, pixels: [Float])]()
        for i in only ?? Array(crops.indices) {
            let p = probabilities[i * 10..<i * 10 + 10]
            // (A piece never read, `isSolidChunk`, has every probability 0: its top is no 2.)
            guard p.indices.max(by: { p[$0] < p[$1] }) == p.startIndex + 2, p[p.startIndex + 2] < ZeroWithATail.sureTwo,
                  let loop = loopOfAZeroWithATail(crops[i]) else { continue }
            loops.append((i, try normalizedPixels(loop)))
        }
        guard !loops.isEmpty else { return }
        let read = classifier.probabilities(images: loops.flatMap(\.pixels), count: loops.count)
        for (n, loop) in loops.enumerated() where read[n * 10] >= ZeroWithATail.sureZero {
            probabilities.replaceSubrange(loop.index * 10..<loop.index * 10 + 10, with: read[n * 10..<n * 10 + 10])
        }
    }
}
