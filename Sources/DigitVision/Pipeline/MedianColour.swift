/// The paper's colour where something is painted out with it: the desk around a sheet
/// (PaperRegions.swift), the digits read already (SecondSize.swift).

/// The median of each channel over the pixels `at` (indices of pixels, not of bytes) of
/// `pixels`, `channels` bytes a pixel; nil when `at` is empty. By a histogram a channel: the
/// pixels may be a whole sheet's millions.
func medianColour<Indices: Sequence<Int>>(_ pixels: [UInt8], channels: Int, at indices: Indices) -> [UInt8]? {
    var histograms = [[Int]](repeating: [Int](repeating: 0, count: 256), count: channels)
    var count = 0
    for i in indices {
        for c in 0..<channels { histograms[c][Int(pixels[i * channels + c])] += 1 }
        count += 1
    }
    guard count > 0 else { return nil }
    return histograms.map { UInt8(percentileIndex($0, 0.5)) }
}
