import Foundation
import XCTest

/// The README's examples, run as written: what it shows must stay true.
final class ReadmeTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    /// The README's lines, and the code blocks among them (the lines between two ``` fences).
    func readmeCodeBlocks() throws -> [[String]] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks = [[String]](), current: [String]? = nil
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let block = current { blocks.append(block); current = nil } else { current = [] }
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The example at the top (`$ digitlens recognize samples/…` and the lines it prints):
    /// the samples read exactly as shown.
    func testTheRecognizeExamplePrintsWhatTheREADMEShows() throws {
        let example = try XCTUnwrap(try readmeCodeBlocks().first { $0.first?.hasPrefix("$ digitlens recognize ") == true },
                                    "the README's recognize example")
        let files = example[0].dropFirst("$ digitlens recognize ".count).split(separator: " ").map(String.init)
        XCTAssertGreaterThanOrEqual(files.count, 2)
        let shown = example.dropFirst().filter { !$0.isEmpty }
        XCTAssertEqual(shown.count, files.count, "one printed line per file")
        let run = try CLI.run(["recognize"] + files.map { root.appendingPathComponent($0).path })
        XCTAssertEqual(run.status, 0, run.stderr)
        let printed = run.stdout.split(separator: "\n").map { String($0).replacingOccurrences(of: root.path + "/", with: "") }
        XCTAssertEqual(printed, Array(shown))
    }

    /// The install command's run (`recognize … --annotate annotated/`): every sample it names
    /// is read and gets its annotated image.
    func testTheInstallCommandsRunAnnotatesEverySampleItNames() throws {
        let install = try XCTUnwrap(try readmeCodeBlocks().first { $0.first?.contains("swift build -c release &&") == true },
                                    "the README's install command")
        let command = try XCTUnwrap(install[0].components(separatedBy: ".build/release/digitlens ").last)
        var arguments = command.split(separator: " ").map(String.init)
        XCTAssertEqual(arguments.first, "recognize")
        let annotate = try XCTUnwrap(arguments.firstIndex(of: "--annotate"))
        let out = try CLI.scratch().appendingPathComponent("annotated")
        arguments[annotate + 1] = out.path + "/"
        let files = arguments[1..<annotate]
        for i in files.indices { arguments[i] = root.appendingPathComponent(arguments[i]).path }
        let run = try CLI.run(arguments)
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, files.count)
        for line in lines { XCTAssertFalse(line.split(separator: "\t", omittingEmptySubsequences: false).last!.isEmpty, "\(line): nothing read") }
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(written, files.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension + ".annotated.png" }.sorted())
    }
}
