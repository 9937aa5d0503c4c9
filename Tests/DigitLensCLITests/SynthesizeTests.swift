import Foundation
import XCTest

/// `synthesize` prints the truth of what it drew, so a page must hold all of it.
final class SynthesizeTests: XCTestCase {
    /// Text of separators alone is said to hold no digit (it was told to be digits, spaces and
    /// '|', which it is); --out in a folder not made yet gets its folder, as train's does; and
    /// a --data that is a file is said to be one, not missing.
    func testNoDigitsAMissingFolderAndDataThatIsAFile() throws {
        let mnist = CLI.shared.appendingPathComponent("data/mnist")
        guard FileManager.default.fileExists(atPath: mnist.path) else {
            throw XCTSkip("../shared/data is missing: this test needs MNIST beside the checkout (CI has it)")
        }
        let dir = try CLI.scratch()
        let separators = try CLI.run(["synthesize", "| |", "--out", dir.appendingPathComponent("x.png").path, "--data", mnist.path])
        XCTAssertEqual(separators.status, 64, separators.stderr)
        XCTAssertTrue(separators.stderr.contains("TEXT holds no digit to write"), separators.stderr)
        let nested = dir.appendingPathComponent("new/deeper/page.png").path
        let made = try CLI.run(["synthesize", "42", "--out", nested, "--data", mnist.path, "--size", "200x120"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: nested))
        let file = try CLI.run(["evaluate", "--data", nested])
        XCTAssertEqual(file.status, 1, file.stderr)
        XCTAssertTrue(file.stderr.contains("\(nested): is a file, not a folder (--data must name the folder holding the MNIST files)"), file.stderr)
    }

    func testTextThatDoesNotFitIsRefused() throws {
        guard FileManager.default.fileExists(atPath: CLI.shared.appendingPathComponent("data/mnist").path) else {
            throw XCTSkip("../shared/data is missing: this test needs MNIST beside the checkout (CI has it)")
        }
        let dir = try CLI.scratch()
        let data = ["--data", CLI.shared.appendingPathComponent("data/mnist").path]
        let long = dir.appendingPathComponent("long.png").path
        let refused = try CLI.run(["synthesize", String(repeating: "1234567890", count: 4), "--out", long] + data)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("does not fit on a 640x480 page"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: long))
        // Lines that fit level, but whose ends a 30° tilt turns off the page's corners.
        let tilted = try CLI.run(["synthesize", Array(repeating: "1234567890", count: 6).joined(separator: "|"), "--tilt", "30", "--out", long] + data)
        XCTAssertEqual(tilted.status, 1, tilted.stdout)
        XCTAssertTrue(tilted.stderr.contains("does not fit"), tilted.stderr)
        // The same digits on four lines fit, and are read back whole.
        let fits = dir.appendingPathComponent("fits.png").path
        let made = try CLI.run(["synthesize", "1234567890|1234567890|1234567890|1234567890", "--out", fits, "--digit-height", "36"] + data)
        XCTAssertEqual(made.status, 0, made.stderr)
        let read = try CLI.run(["recognize", fits])
        XCTAssertEqual(read.stdout.split(separator: "\t").last.map { $0.filter(\.isNumber) }, String(repeating: "1234567890", count: 4))
    }

    /// Settings out of range are refused in one line: a shadow of 5 made a black page whose
    /// printed truth still claimed its digits.
    func testSettingsOutOfRangeAreRefused() throws {
        let dir = try CLI.scratch()
        for (option, value, message) in [("--shadow", "5", "--shadow must be from 0"), ("--shadow", "-2", "--shadow must be from 0"),
                                         ("--blur", "-1", "--blur must be a sigma"), ("--noise", "-5", "--noise must be a deviation")] {
            let out = dir.appendingPathComponent("p.png").path
            let run = try CLI.run(["synthesize", "123", "--out", out, option, value])
            XCTAssertEqual(run.status, 64, "\(option) \(value): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(message), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
    }

    /// An existing file is not replaced unless asked (it had been, without a word), and a
    /// format no image is written in is named as such, not with OpenCV's "could not find
    /// encoder".
    func testAnExistingFileIsKeptAndAnUnknownFormatIsNamed() throws {
        guard FileManager.default.fileExists(atPath: CLI.shared.appendingPathComponent("data/mnist").path) else {
            throw XCTSkip("../shared/data is missing: this test needs MNIST beside the checkout (CI has it)")
        }
        let dir = try CLI.scratch()
        let data = ["--data", CLI.shared.appendingPathComponent("data/mnist").path]
        let photo = dir.appendingPathComponent("mine.png")
        let mine = Data("a photo of the user's".utf8)
        try mine.write(to: photo)
        let kept = try CLI.run(["synthesize", "123", "--out", photo.path] + data)
        XCTAssertEqual(kept.status, 64, kept.stderr)
        XCTAssertTrue(kept.stderr.contains("\(photo.path): exists; not overwriting it (give --force to replace it)"), kept.stderr)
        XCTAssertEqual(try Data(contentsOf: photo), mine)
        let replaced = try CLI.run(["synthesize", "123", "--out", photo.path, "--force"] + data)
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        XCTAssertNotEqual(try Data(contentsOf: photo), mine)
        let gif = dir.appendingPathComponent("page.gif").path
        let refused = try CLI.run(["synthesize", "123", "--out", gif] + data)
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--out \(gif): name a .png, .jpg, .bmp, .tif or .webp file"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: gif))
    }
}
