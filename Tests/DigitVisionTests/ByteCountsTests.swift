import XCTest
@testable import DigitVision

/// The fast byte counts (ByteCounts.swift) against the plain count, over lengths that are and
/// are not multiples of their strides, mostly one value as a page is, and every value.
final class ByteCountsTests: XCTestCase {
    func testTheFastCountsMatchThePlainOnes() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 3, 7, 8, 9, 63, 64, 65, 1_000, 4_099] {
            // Three in four bytes 0 (paper), the rest any value, 128 and 255 among them.
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...3, using: &generator) == 0 ? UInt8.random(in: 0...255, using: &generator) : 0 }
            var plain = [Int](repeating: 0, count: 256)
            for b in bytes { plain[Int(b)] += 1 }
            XCTAssertEqual(histogram256(count: bytes.count) { Int(bytes[$0]) }, plain, "\(length) bytes")
            XCTAssertEqual(countNonZero(bytes), bytes.count - plain[0], "\(length) bytes")
        }
        let every = (0..<256).map { UInt8($0) }
        XCTAssertEqual(countNonZero(every), 255)
        XCTAssertEqual(histogram256(count: 256) { Int(every[$0]) }, [Int](repeating: 1, count: 256))
    }
}
