@testable import DigitVision
import Foundation
import XCTest

/// HEIF pictures, which Debian's OpenCV cannot decode, read through libheif
/// (CBridge/heif_pictures.cpp): an iPhone's HEIC photos and AVIF. The fixtures are the
/// project's sample samples/phone-number.png ("800 555 0199", 720x240) made by
/// Scripts/make-format-fixtures.sh.
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

    /// White ink on a transparent ground (a drawing app's export, Fixtures/
    /// phone-number-white-on-clear.heic) keeps its transparency, composited over a ground the
    /// ink stands out from as a PNG's is: read as the sample reads (dropped, it read as nothing).
    func testHEICTransparencyIsKept() throws {
        let picture = try Image(contentsOf: Fixtures.url("phone-number-white-on-clear.heic").path)
        XCTAssertEqual(try recognizer().recognize(picture).text, "800 555 0199")
    }

    /// A photo stored on its side with HEIF's rotation box (how an iPhone held upright
    /// records it) is decoded turned upright, as a JPEG's EXIF orientation is applied: it
    /// reads right with the search for the way up turned off.
    func testHEICRotationIsApplied() throws {
        let picture = try Image(contentsOf: Fixtures.url("phone-number-held-upright.heic").path)
        XCTAssertEqual([picture.width, picture.height], [720, 240])
        XCTAssertEqual(try readingTheWayItIsGiven(picture), "800 555 0199")
    }

    /// The reading of `picture` with the search for the way up turned off: what the decoder
    /// turned is read as it turned it.
    func readingTheWayItIsGiven(_ picture: Image) throws -> String {
        var parameters = PipelineParameters()
        parameters.findWayUp = false
        return try DigitRecognizer(classifier: try recognizer().classifier, parameters: parameters).recognize(picture).text
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

/// PDF, what a scanner writes, rendered page by page by Poppler (CBridge/pdf_pages.cpp):
/// Fixtures/two-page-scan.pdf holds the samples phone-number.png and notebook.png at 150
/// dots an inch, Fixtures/page-turned-by-its-pdf.pdf phone-number.png stored on its side with
/// the page's /Rotate turning it upright (Scripts/make-format-fixtures.sh).
extension PipelineTests {
    /// Each page is an image of its own, rendered at 300 dots an inch (the samples' 720x240
    /// at 150 is 1440x480), read as the picture it holds reads.
    func testPDFPagesAreRead() throws {
        let recognizer = try recognizer()
        let samples = Fixtures.folder.appendingPathComponent("../../../samples").standardizedFileURL
        let pdf = Fixtures.url("two-page-scan.pdf").path
        XCTAssertEqual(Image.pageCount(ofFile: pdf), 2)
        for (page, sample) in [(1, "phone-number.png"), (2, "notebook.png")] {
            let picture = try Image(contentsOf: pdf, page: page)
            let original = try Image(contentsOf: samples.appendingPathComponent(sample).path)
            XCTAssertEqual([picture.width, picture.height], [2 * original.width, 2 * original.height], sample)
            XCTAssertEqual(try recognizer.recognize(picture).text, try recognizer.recognize(original).text, sample)
        }
        // The file read as one image is its first page.
        XCTAssertEqual(try Image(contentsOf: pdf).pixels, try Image(contentsOf: pdf, page: 1).pixels)
    }

    /// A page the PDF turns (/Rotate) is rendered turned, and reads right with the search for
    /// the way up turned off.
    func testAPDFPagesRotationIsApplied() throws {
        let pdf = Fixtures.url("page-turned-by-its-pdf.pdf").path
        XCTAssertEqual(Image.pageCount(ofFile: pdf), 1)
        let picture = try Image(contentsOf: pdf)
        XCTAssertEqual([picture.width, picture.height], [1440, 480])
        XCTAssertEqual(try readingTheWayItIsGiven(picture), "800 555 0199")
    }
}

extension BadInputTests {
    /// A PDF whose pictures are damaged is drawn as far as it goes, with a warning naming the
    /// page (as a damaged JPEG is read); a page so long that at 300 dots an inch it would be
    /// 41 million pixels wide is drawn under 30,000, with a warning; a PDF whose "%PDF-"
    /// header comes after a few bytes (the format allows 1,024) is a PDF.
    func testDamagedOrOddPDFsAreReadWithWarnings() throws {
        var bytes = [UInt8](try Data(contentsOf: Fixtures.url("two-page-scan.pdf")))
        let stream = try XCTUnwrap(bytes.indices.first { Array(bytes[$0..<($0 + 6)]) == Array("stream".utf8) })
        for i in (stream + 400)..<(stream + 3400) { bytes[i] = 0 }
        let damaged = try Image(contentsOf: write("damaged.pdf", Data(bytes)))
        XCTAssertTrue(damaged.decodeWarning?.contains("damaged.pdf: page 1: damaged PDF data") ?? false, damaged.decodeWarning ?? "no warning")
        let strip = try Image(contentsOf: Fixtures.url("strip-page.pdf").path)
        XCTAssertLessThanOrEqual(Swift.max(strip.width, strip.height), 30000)
        XCTAssertTrue(strip.decodeWarning?.contains("dots an inch") ?? false, strip.decodeWarning ?? "no warning")
        let late = write("late-header.pdf", Data("\r\n".utf8) + (try Data(contentsOf: Fixtures.url("two-page-scan.pdf"))))
        XCTAssertEqual(Image.pageCount(ofFile: late), 2)
        XCTAssertNoThrow(try Image(contentsOf: late, page: 2))
    }

    /// A PDF cut short, one locked by a password, or one asked for a page it does not have,
    /// is refused in one line naming the file.
    func testBadPDFIsRefusedClearly() throws {
        let whole = try Data(contentsOf: Fixtures.url("two-page-scan.pdf"))
        let cut = write("scan.pdf", whole.prefix(whole.count / 3))
        XCTAssertEqual(Image.pageCount(ofFile: cut), 1)
        assertReadFails(cut, mentions: ["corrupt or truncated PDF"], kind: .decode)
        assertReadFails(Fixtures.url("scan-with-a-password.pdf").path, mentions: ["password-protected PDF"], kind: .decode)
        XCTAssertThrowsError(try Image(contentsOf: Fixtures.url("two-page-scan.pdf").path, page: 3)) { error in
            XCTAssertTrue("\(error)".contains("two-page-scan.pdf: page 3: no such page (the PDF has 2)"), "\(error)")
        }
    }
}
