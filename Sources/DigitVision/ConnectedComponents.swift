/// Connected components of a binary picture held in memory, labelled by runs.
///
/// The pipeline labels its binary maps two to four times a page. OpenCV's labelling through
/// the bridge cost about 1 ms a call on a 640x480 page (its block-based pass visits every
/// pixel, then the labels are copied out twice), a tenth of the whole page's budget. Ink
/// covers a few percent of a page, so this labeller works on runs of ink instead: a row is
/// skipped eight bytes at a time where it is blank, runs that touch in consecutive rows are
/// joined by union-find, and only ink pixels are written. Components come out numbered in the
/// raster order of their first pixel, with OpenCV's statistics (box, area, centroid), and
/// label 0 is the background, as `Image.connectedComponents` gives them.
public func connectedComponents(_ binary: [UInt8], width w: Int, height h: Int, connectivity: Int = 8) -> ComponentLabels {
    precondition(binary.count == w * h, "connectedComponents: \(binary.count) bytes for \(w)x\(h)")
    precondition(connectivity == 4 || connectivity == 8, "connectedComponents: connectivity must be 4 or 8")
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
    // Number the components in the order of their first run (raster order), and gather
    // their statistics from the runs.
    var labelOfRoot = [Int32](repeating: 0, count: runs.count)
    var boxes = [(x0: Int, y0: Int, x1: Int, y1: Int, area: Int, sumX: Int, sumY: Int)]()
    var labels = [Int32](repeating: 0, count: w * h)
    var runLabel = [Int32](repeating: 0, count: runs.count)
    for y in 0..<h {
        for i in runs.rowStart[y]..<runs.rowStart[y + 1] {
            let r = Int(root(Int32(i)))
            if labelOfRoot[r] == 0 {
                boxes.append((Int.max, Int.max, -1, -1, 0, 0, 0))
                labelOfRoot[r] = Int32(boxes.count)
            }
            let label = labelOfRoot[r]
            runLabel[i] = label
            let span = runs.spans[i], n = span.end - span.start
            let k = Int(label) - 1
            boxes[k].x0 = Swift.min(boxes[k].x0, span.start); boxes[k].x1 = Swift.max(boxes[k].x1, span.end - 1)
            boxes[k].y0 = Swift.min(boxes[k].y0, y); boxes[k].y1 = y
            boxes[k].area += n
            boxes[k].sumX += (span.start + span.end - 1) * n / 2
            boxes[k].sumY += y * n
        }
    }
    labels.withUnsafeMutableBufferPointer { out in
        for y in 0..<h {
            for i in runs.rowStart[y]..<runs.rowStart[y + 1] {
                let span = runs.spans[i]
                let row = out.baseAddress! + y * w
                (row + span.start).update(repeating: runLabel[i], count: span.end - span.start)
            }
        }
    }
    var components = [backgroundComponent(runs, width: w, height: h)]
    for b in boxes {
        components.append(Component(x: b.x0, y: b.y0, width: b.x1 - b.x0 + 1, height: b.y1 - b.y0 + 1, area: b.area,
                                    centroidX: Double(b.sumX) / Double(b.area), centroidY: Double(b.sumY) / Double(b.area)))
    }
    return ComponentLabels(width: w, height: h, labels: labels, components: components)
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
