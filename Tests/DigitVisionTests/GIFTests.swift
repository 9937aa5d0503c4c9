@testable import DigitVision
import Foundation
import XCTest

/// GIF pictures, which Debian's OpenCV cannot decode, read through giflib
/// (CBridge/gif_pictures.cpp). The fixtures are the project's sample samples/phone-number.png
/// ("800 555 0199", 720x240) made by Scripts/make-format-fixtures.sh: interlaced, with its
/// paper the transparent colour, and as the first frame of a two-frame animation.
extension PipelineTests {
    /// Each GIF decodes to the sample's size and reads as the sample reads; an animation's
    /// first frame is read, with a warning saying how many frames there are.
    func testGIFPicturesAreRead() throws {
        let recognizer = try recognizer()
        for name in ["phone-number.gif", "phone-number-on-clear.gif", "phone-number-animated.gif"] {
            let picture = try Image(contentsOf: Fixtures.url(name).path)
            XCTAssertEqual([picture.width, picture.height, picture.channels], [720, 240, 3], name)
            XCTAssertEqual(try recognizer.recognize(picture).text, "800 555 0199", name)
            let grey = try Image(contentsOf: Fixtures.url(name).path, grayscale: true)
            XCTAssertEqual([grey.width, grey.height, grey.channels], [720, 240, 1], name)
            if name.contains("animated") {
                XCTAssertEqual(picture.decodeWarning, "\(Fixtures.url(name).path): an animated GIF of 2 frames, of which only the first is read")
            } else {
                XCTAssertNil(picture.decodeWarning, name)
            }
        }
    }

    /// The interlaced GIF (rows stored in four passes) decodes to the sample's picture, not
    /// to its rows shuffled: its pixels are the PNG's within the GIF's 64 colours.
    func testAnInterlacedGIFIsDecodedInRowOrder() throws {
        let sample = Fixtures.folder.appendingPathComponent("../../../samples/phone-number.png").standardizedFileURL
        let png = try Image(contentsOf: sample.path, grayscale: true).pixels
        let gif = try Image(contentsOf: Fixtures.url("phone-number.gif").path, grayscale: true).pixels
        XCTAssertEqual(png.count, gif.count)
        let meanDifference = zip(png, gif).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / max(png.count, 1)
        XCTAssertLessThan(meanDifference, 6)
    }

    /// The transparent colour and the canvas a first frame leaves unpainted are composited as
    /// a PNG's transparency is: over a ground the ink stands out from, here white. A picture
    /// whose white was made transparent keeps a white ground too, though the grey fringes of
    /// its strokes and its paper's texture stayed opaque (by their mean, light, they had been
    /// taken for light strokes and put on black: it read "11").
    func testGIFTransparencyIsComposited() throws {
        let grey = try Image(contentsOf: Fixtures.url("phone-number-on-clear.gif").path, grayscale: true).pixels
        XCTAssertEqual(grey[0], 255)
        XCTAssertGreaterThan(grey.filter { $0 < 128 }.count, 2_000)   // the ink is kept
        let cutOut = try Image(contentsOf: Fixtures.url("phone-number-white-made-clear.gif").path)
        XCTAssertEqual(cutOut.pixels[0], 255)
        XCTAssertEqual(try recognizer().recognize(cutOut).text, "800 555 0199")
    }
}

extension BadInputTests {
    /// A GIF cut short before its picture's first row, one declaring a canvas past the pixel
    /// limit, and one with no picture are refused in one line naming the file and what is
    /// wrong. A GIF cut inside its picture is read as far as it goes, and an animation cut
    /// after its first frame is read, each with a warning.
    func testBadGIFIsRefusedClearly() throws {
        let whole = try Data(contentsOf: Fixtures.url("phone-number.gif"))
        assertReadFails(write("cut.gif", whole.prefix(300)), mentions: ["cut.gif: truncated GIF (the file ends inside its first picture)"], kind: .decode)
        // Interlaced: the first of its four passes, every eighth row, is in the first 3,000 bytes.
        let part = try Image(contentsOf: write("part.gif", whole.prefix(3000)))
        XCTAssertEqual([part.width, part.height], [720, 240])
        XCTAssertEqual(part.decodeWarning, "\(write("part.gif", whole.prefix(3000))): truncated GIF, read as far as it goes (the file ends inside its first picture)")
        assertReadFails(write("header.gif", whole.prefix(20)), mentions: ["header.gif: corrupt or truncated GIF file", "giflib"], kind: .decode)
        var huge = whole
        huge.replaceSubrange(6..<10, with: [0x50, 0xC3, 0x50, 0xC3])   // 50000x50000
        assertReadFails(write("huge.gif", huge), mentions: ["huge.gif: header declares 50000x50000 pixels"], kind: .tooLarge)
        // An empty GIF: a screen descriptor with no colour table, then the terminator.
        assertReadFails(write("empty.gif", Data("GIF89a".utf8) + Data([1, 0, 1, 0, 0, 0, 0, 0x3B])), mentions: ["empty.gif: a GIF file without a picture"], kind: .decode)
        let animation = try Data(contentsOf: Fixtures.url("phone-number-animated.gif"))
        let cut = try Image(contentsOf: write("anim-cut.gif", animation.prefix(animation.count - 8000)))
        XCTAssertEqual([cut.width, cut.height], [720, 240])
        XCTAssertTrue(cut.decodeWarning?.contains("an animated GIF of 2 or more frames") ?? false, cut.decodeWarning ?? "no warning")
    }
}
