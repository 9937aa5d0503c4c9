/// Connected components of a binary picture held in memory, labelled by runs.
///
/// The pipeline labels its binary maps two to four times a page. OpenCV's labelling through
/// the bridge cost about 1 ms a call on a 640x480 page (its block-based pass visits every
/// pixel, then the labels are copied out twice), a tenth of the whole page's budget. Ink
/// covers a few percent of a page, so this labeller works on runs of ink instead: a row is
/// skipped eight bytes at a time where it is blank, runs that touch in consecutive rows are
/// joined by union-find, and the labels, zero-filled, are written run by run. It gives what
/// `Image.connectedComponents` gives: the same labels, numbered the same way (see
/// `openCVOrder`), with OpenCV's statistics (box, area, centroid), and label 0 the background.
public func connectedComponents(_ binary: [UInt8], width w: Int, height h: Int, connectivity: Int = 8) -> ComponentLabels {
    precondition(binary.count == w * h, "connectedComponents: \(binary.count) bytes for \(w)x\(h)")
    precondition(connectivity == 4 || connectivity == 8, "connectedComponents: connectivity must be 4 or 8")
    guard w > 0, h > 0 else {
        return ComponentLabels(width: w, height: h, labels: [], components: [Component(x: 0, y: 0, width: 0, height: 0, area: 0, centroidX: 0, centroidY: 0)])
    }
    let runs = inkRuns(binary, width: w, height: h)
    // Runs of consecutive rows touch when they overlap, or (8-connectivity) meet at a corner.
    let reach = connectivity == 8 ? 1 : 0
    var parent = Array(0..<Int32(runs.count))
    func root(_ i: Int32) -> Int32 {
        var r = i
        while parent[Int(r)] != r { r = parent[Int(r)] }
        var j = i
        while parent[Int(j)] != r { let next = parent[Int(j)]; parent[Int(j)] = r; j = next }
        return r
    }
    for y in 1..<Swift.max(h, 1) {
        var above = runs.rowStart[y - 1], here = runs.rowStart[y]
        let aboveEnd = runs.rowStart[y], hereEnd = runs.rowStart[y + 1]
        while above < aboveEnd && here < hereEnd {
            let a = runs.spans[above], b = runs.spans[here]
            if a.end + reach > b.start && b.end + reach > a.start {
                let ra = root(Int32(above)), rb = root(Int32(here))
                // The earlier run stays the root, so a component's root is its first run.
                if ra < rb { parent[Int(rb)] = ra } else if rb < ra { parent[Int(ra)] = rb }
            }
            // Move past whichever run ends first; the other may still touch the next one.
            if a.end < b.end { above += 1 } else { here += 1 }
        }
    }
    // Each component's statistics, gathered from its runs, in the order of its first run.
    var indexOfRoot = [Int](repeating: -1, count: runs.count)
    var stats = [RunStatistics]()
    var runComponent = [Int](repeating: 0, count: runs.count)
    for y in 0..<h {
        for i in runs.rowStart[y]..<runs.rowStart[y + 1] {
            let r = Int(root(Int32(i)))
            if indexOfRoot[r] < 0 { indexOfRoot[r] = stats.count; stats.append(RunStatistics()) }
            runComponent[i] = indexOfRoot[r]
            stats[indexOfRoot[r]].add(runs.spans[i], row: y, imageWidth: w)
        }
    }
    let label = openCVOrder(stats, connectivity: connectivity)
    var labels = [Int32](repeating: 0, count: w * h)
    labels.withUnsafeMutableBufferPointer { out in
        for y in 0..<h {
            for i in runs.rowStart[y]..<runs.rowStart[y + 1] {
                let span = runs.spans[i]
                (out.baseAddress! + y * w + span.start).update(repeating: label[runComponent[i]], count: span.end - span.start)
            }
        }
    }
    var components = [Component](repeating: backgroundComponent(runs, width: w, height: h), count: stats.count + 1)
    for (k, s) in stats.enumerated() {
        components[Int(label[k])] = Component(x: s.x0, y: s.y0, width: s.x1 - s.x0 + 1, height: s.y1 - s.y0 + 1, area: s.area,
                                              centroidX: Double(s.sumX) / Double(s.area), centroidY: Double(s.sumY) / Double(s.area))
    }
    return ComponentLabels(width: w, height: h, labels: labels, components: components)
}

/// A component's box, pixel count and coordinate sums, and the first 2x2 block of the
/// picture it touches (in raster order of blocks), gathered run by run.
struct RunStatistics {
    var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1, area = 0, sumX = 0, sumY = 0
    var firstBlock = Int.max

    mutating func add(_ span: (start: Int, end: Int), row y: Int, imageWidth w: Int) {
        let n = span.end - span.start
        x0 = Swift.min(x0, span.start); x1 = Swift.max(x1, span.end - 1)
        y0 = Swift.min(y0, y); y1 = y
        area += n
        sumX += (span.start + span.end - 1) * n / 2   // start + … + (end − 1)
        sumY += y * n
        firstBlock = Swift.min(firstBlock, (y / 2) * ((w + 1) / 2) + span.start / 2)
    }
}

/// The label (1…n) of each component (given in the order of its first pixel), numbered as
/// OpenCV numbers them: for 4-connectivity in the order of their first pixels; for
/// 8-connectivity (Grana's algorithm, which labels 2x2 blocks) in the order of the first
/// block they touch, so a component starting a block's second row comes before one met
/// earlier on its first row. (Any two pixels of a block are 8-connected, so no two
/// components share a first block.) Steps that sort components and keep ties in label
/// order then decide as they did on OpenCV's labels.
func openCVOrder(_ stats: [RunStatistics], connectivity: Int) -> [Int32] {
    var order = Array(stats.indices)
    if connectivity == 8 { order.sort { stats[$0].firstBlock < stats[$1].firstBlock } }
    var label = [Int32](repeating: 0, count: stats.count)
    for (n, k) in order.enumerated() { label[k] = Int32(n + 1) }
    return label
}

/// The runs of non-zero pixels, row by row: row `y`'s are `spans[rowStart[y]..<rowStart[y + 1]]`.
struct InkRuns {
    var spans: [(start: Int, end: Int)]
    var rowStart: [Int]
    var count: Int { spans.count }
}

func inkRuns(_ binary: [UInt8], width w: Int, height h: Int) -> InkRuns {
    var spans = [(start: Int, end: Int)]()
    var rowStart = [Int](repeating: 0, count: h + 1)
    binary.withUnsafeBytes { raw in
        for y in 0..<h {
            rowStart[y] = spans.count
            let row = raw.baseAddress! + y * w
            var x = 0
            while x < w {
                // Blank stretches go eight bytes at a time.
                if x + 8 <= w && (row + x).loadUnaligned(as: UInt64.self) == 0 { x += 8; continue }
                if row.load(fromByteOffset: x, as: UInt8.self) == 0 { x += 1; continue }
                let start = x
                while x < w && row.load(fromByteOffset: x, as: UInt8.self) != 0 { x += 1 }
                spans.append((start, x))
            }
        }
        rowStart[h] = spans.count
    }
    return InkRuns(spans: spans, rowStart: rowStart)
}

/// Label 0's statistics, as OpenCV gives them: the box and centroid of the blank pixels.
private func backgroundComponent(_ runs: InkRuns, width w: Int, height h: Int) -> Component {
    var inkArea = 0, inkSumX = 0, inkSumY = 0
    var inkInColumn = [Int](repeating: 0, count: w + 1)   // a difference array over the runs
    var blankRows = [Int]()
    for y in 0..<h {
        var inRow = 0
        for i in runs.rowStart[y]..<runs.rowStart[y + 1] {
            let s = runs.spans[i], n = s.end - s.start
            inRow += n; inkSumX += (s.start + s.end - 1) * n / 2; inkSumY += y * n
            inkInColumn[s.start] += 1; inkInColumn[s.end] -= 1
        }
        inkArea += inRow
        if inRow < w { blankRows.append(y) }
    }
    let area = w * h - inkArea
    guard area > 0, let firstRow = blankRows.first, let lastRow = blankRows.last else {
        return Component(x: 0, y: 0, width: 0, height: 0, area: 0, centroidX: 0, centroidY: 0)
    }
    var firstColumn = w, lastColumn = -1, covered = 0
    for x in 0..<w {
        covered += inkInColumn[x]
        if covered < h { firstColumn = Swift.min(firstColumn, x); lastColumn = x }
    }
    let allSumX = w * (w - 1) / 2 * h, allSumY = h * (h - 1) / 2 * w
    return Component(x: firstColumn, y: firstRow, width: lastColumn - firstColumn + 1, height: lastRow - firstRow + 1, area: area,
                     centroidX: Double(allSumX - inkSumX) / Double(area), centroidY: Double(allSumY - inkSumY) / Double(area))
}

extension ComponentLabels {
    /// Each row of component `index` that holds its ink, top to bottom, with the mean column of
    /// that ink: the centre line of an upright stroke.
    func rowCentres(of index: Int) -> [(y: Double, x: Double)] {
        let c = components[index], label = Int32(index)
        var centres = [(y: Double, x: Double)]()
        for y in c.y..<(c.y + c.height) {
            var sum = 0, count = 0
            for x in c.x..<(c.x + c.width) where labels[y * width + x] == label { sum += x; count += 1 }
            if count > 0 { centres.append((Double(y), Double(sum) / Double(count))) }
        }
        return centres
    }
}
