/// Counting byte values, the first measure of most steps (Otsu's split, the paper's noise).

/// How many of the `count` values `value(0)`, …, `value(count - 1)` (each 0…255) take each of
/// the 256 values. Counted into four tables, a value in four to each, then summed: a page's
/// values are mostly one (its paper's level, 0), and counting them into one table makes every
/// count wait for the one before it to be stored (2.3 ns a pixel, against 0.6 with four).
@inline(__always)
func histogram256(count: Int, _ value: (Int) -> Int) -> [Int] {
    var tables = [UInt32](repeating: 0, count: 4 * 256)
    tables.withUnsafeMutableBufferPointer { t in
        var i = 0
        while i + 4 <= count {
            t[value(i)] &+= 1
            t[256 + value(i + 1)] &+= 1
            t[512 + value(i + 2)] &+= 1
            t[768 + value(i + 3)] &+= 1
            i += 4
        }
        while i < count {
            t[value(i)] &+= 1
            i += 1
        }
    }
    return (0..<256).map { Int(tables[$0]) + Int(tables[256 + $0]) + Int(tables[512 + $0]) + Int(tables[768 + $0]) }
}

/// How many of the bytes are non-zero (ink in a binary image), eight at a time: each byte's
/// top bit is set when the byte is, or when adding 0x7F to its low seven bits carries into it.
func countNonZero(_ pixels: UnsafeBufferPointer<UInt8>) -> Int {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, top: UInt64 = 0x8080_8080_8080_8080
    var count = 0, i = 0
    while i + 8 <= pixels.count {
        let x = UnsafeRawPointer(pixels.baseAddress! + i).loadUnaligned(as: UInt64.self)
        count &+= ((((x & low) &+ low) | x) & top).nonzeroBitCount
        i += 8
    }
    while i < pixels.count {
        if pixels[i] != 0 { count &+= 1 }
        i += 1
    }
    return count
}

/// How many of the bytes are non-zero.
func countNonZero(_ pixels: [UInt8]) -> Int {
    pixels.withUnsafeBufferPointer { countNonZero($0) }
}
