@testable import DigitVision
import Foundation
import XCTest

/// HEIF pictures, which Debian's OpenCV cannot decode, read through libheif
/// (CBridge/heif_pictures.cpp): an iPhone's HEIC photos and AVIF. The fixtures are the
/// project's sample samples/phone-number.png ("800 555 0199", 720x240) made by
/// Scripts/make-heif-fixtures.sh.
extension PipelineTests {
    /// A HEIC and an AVIF copy of the sample decode to its size and read as it reads.
    func testHEICAndAVIFPicturesAreRead() throws {
        let recognizer = try recognizer()
        let sample = Fixtures.folder.appendingPathComponent("../../../samples/phone-number.png").standardizedFileURL
        let png = try recognizer.recognize(try Image(contentsOf: sample.path)).text
        XCTAssertEqual(png, "800 555 0199")
        for name in ["phone-number.heic", "phone-number.avif"] {
            let picture = try Image(contentsOf: Fixtures.url(name).path)
            XCTAssertEqual([picture.width, picture.height, picture.channels], [720, 240, 3], name)
            XCTAssertEqual(try recognizer.recognize(picture).text, png, name)
            let grey = try Image(contentsOf: Fixtures.url(name).path, grayscale: true)
            XCTAssertEqual([grey.width, grey.height, grey.channels], [720, 240, 1], name)
        }
    }

    /// A photo stored on its side with HEIF's rotation box (how an iPhone held upright
    /// records it) is decoded turned upright, as a JPEG's EXIF orientation is applied: it
    /// reads right with the search for the way up turned off.
    func testHEICRotationIsApplied() throws {
        let picture = try Image(contentsOf: Fixtures.url("phone-number-held-upright.heic").path)
        XCTAssertEqual([picture.width, picture.height], [720, 240])
        var parameters = PipelineParameters()
        parameters.findWayUp = false
        let recognizer = DigitRecognizer(classifier: try recognizer().classifier, parameters: parameters)
        XCTAssertEqual(try recognizer.recognize(picture).text, "800 555 0199")
    }
}

extension BadInputTests {
    /// A HEIC cut short (a download broken off) or holding no picture is refused in one line
    /// naming the file and what is wrong, as a truncated JPEG is.
    func testBadHEICIsRefusedClearly() throws {
        let whole = try Data(contentsOf: Fixtures.url("phone-number.heic"))
        assertReadFails(write("IMG_2.heic", whole.prefix(3000)), mentions: ["truncated HEIC", "libheif"], kind: .decode)
        assertReadFails(write("IMG_3.heic", whole.prefix(60)), mentions: ["HEIC", "libheif"], kind: .decode)
        let avif = try Data(contentsOf: Fixtures.url("phone-number.avif"))
        assertReadFails(write("cut.avif", avif.prefix(avif.count / 2)), mentions: ["AVIF"], kind: .decode)
    }
}
