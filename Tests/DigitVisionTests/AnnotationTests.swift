import XCTest
@testable import DigitVision

/// Labels drawn over a result (Annotation.swift): each digit's label and confidence stays
/// readable when neighbours are narrower than their labels.
final class AnnotationTests: XCTestCase {
    func testLabelsOfNarrowNeighboursDoNotCoverEachOther() {
        // A 1 and a 9 side by side, each 12 pixels wide, under labels 40 wide ("1 97%").
        let one = Box(x: 100, y: 60, width: 12, height: 30), nine = Box(x: 114, y: 60, width: 12, height: 30)
        let first = labelPlace(for: one, width: 40, height: 14, canvasHeight: 200, avoiding: [])
        XCTAssertEqual(first, Box(x: 100, y: 46, width: 40, height: 14), "just above its box")
        let second = labelPlace(for: nine, width: 40, height: 14, canvasHeight: 200, avoiding: [first])
        XCTAssertEqual(second, Box(x: 114, y: 92, width: 40, height: 14), "just below its box")
        // A third neighbour: a label height above the first row.
        let third = labelPlace(for: Box(x: 128, y: 60, width: 12, height: 30), width: 40, height: 14, canvasHeight: 200, avoiding: [first, second])
        XCTAssertEqual(third, Box(x: 128, y: 30, width: 40, height: 14), "a label height (and a gap) higher")
        // With no room above (the top of the picture), below the box.
        let low = labelPlace(for: Box(x: 114, y: 10, width: 12, height: 30), width: 40, height: 14, canvasHeight: 200, avoiding: [])
        XCTAssertEqual(low.y, 42, "just below the box")
    }
}
