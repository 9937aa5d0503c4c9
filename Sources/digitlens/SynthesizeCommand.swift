import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct SynthesizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthesize",
        abstract: "Make a photo with known truth: MNIST test digits written on generated paper.",
        discussion: "TEXT is digits; a space separates numbers and '|' starts a new line. Prints OUT<TAB>TRUTH. Used for samples/ and tests.")

    @Argument(help: "The digits to write, e.g. \"3141 592|6535\".") var text: String
    @Option(help: "Output image (.png, .jpg, .bmp, .tif or .webp).") var out: String
    @Flag(help: "Replace --out when it exists.") var force = false
    @OptionGroup var dataOptions: DataOptions
    @Option(parsing: .unconditional, help: "Random seed (which MNIST digits, jitter, noise).") var seed: UInt64 = 1
    @Option(help: "Image size WxH.") var size = "640x480"
    @Option(name: .customLong("digit-height"), help: "Digit height in pixels.") var digitHeight = 44
    @Option(parsing: .unconditional, help: "Tilt in degrees (counter-clockwise; negative for clockwise: --tilt -10).") var tilt = 0.0
    @Option(parsing: .unconditional, help: "Shadow strength 0…1.") var shadow = 0.0
    @Option(parsing: .unconditional, help: "Gaussian blur sigma in pixels.") var blur = 0.0
    @Option(parsing: .unconditional, help: "Noise standard deviation in grey levels.") var noise = 0.0
    @Flag(help: "Draw ruled lines.") var ruled = false
    @Option(help: "Graph paper: pale grid lines this many pixels apart.") var grid: Int?
    @Option(help: "Dot-grid paper: grey dots this many pixels apart.") var dots: Int?
    @Flag(help: "A form: each digit in its own printed box.") var boxes = false
    @Option(help: "Paper colour as R,G,B.") var paper = "245,245,240"
    @Option(help: "Ink colour as R,G,B.") var ink = "20,30,120"

    func validate() throws {
        guard writableImageExtensions.contains((out as NSString).pathExtension.lowercased()) else {
            throw ValidationError("--out \(out): name a .png, .jpg, .bmp, .tif or .webp file")
        }
        // Like every other command's outputs: an existing file (a photo of the user's with the
        // same name) is replaced only when asked.
        // (A link, even to nothing, is an existing name too: `lstat`, not `fileExists`.)
        var info = stat()
        guard force || lstat(out, &info) != 0 else {
            throw ValidationError("--out \(out): exists; not overwriting it (give --force to replace it)")
        }
        guard text.allSatisfy({ $0.isNumber || $0 == " " || $0 == "|" }) else {
            throw ValidationError("TEXT must be digits, spaces and '|'")
        }
        guard text.contains(where: \.isNumber) else { throw ValidationError("TEXT holds no digit to write") }
        let (w, h) = try parsedSize()
        guard (8...Swift.min(w, h)).contains(digitHeight) else {
            throw ValidationError("--digit-height must be from 8 pixels to the page's height and width (\(Swift.min(w, h)))")
        }
        _ = try color(paper, "paper"); _ = try color(ink, "ink")
        // Out of range, the page shows no digits (a shadow of 5 blacks it out) while the truth
        // printed claims them.
        guard (0...1).contains(shadow) else { throw ValidationError("--shadow must be from 0 (none) to 1 (the darkest), not \(shadow)") }
        guard blur >= 0, blur <= 20 else { throw ValidationError("--blur must be a sigma from 0 to 20 pixels, not \(blur)") }
        guard noise >= 0, noise <= 100 else { throw ValidationError("--noise must be a deviation from 0 to 100 grey levels, not \(noise)") }
        if let grid, grid < 4 { throw ValidationError("--grid must be at least 4 pixels") }
        if let dots, dots < 8 { throw ValidationError("--dots must be at least 8 pixels") }
        if [grid != nil, dots != nil, ruled].filter({ $0 }).count > 1 { throw ValidationError("--grid, --dots and --ruled are kinds of paper: give one") }
    }

    func parsedSize() throws -> (Int, Int) {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("--size must be WxH, e.g. 640x480") }
        guard parts.allSatisfy({ (32...8000).contains($0) }) else { throw ValidationError("--size \(size): each side must be 32 to 8000 pixels") }
        return (parts[0], parts[1])
    }

    func color(_ text: String, _ name: String) throws -> Color {
        let parts = text.split(separator: ",").compactMap { Int($0) }
        guard parts.count == 3, parts.allSatisfy({ (0...255).contains($0) }) else { throw ValidationError("--\(name) must be R,G,B with values 0…255") }
        return Color(red: parts[0], green: parts[1], blue: parts[2])
    }

    func run() throws {
        let test = try MNIST.load(directory: try dataOptions.mnistDirectory(), split: .test)
        var synthesizer = PageSynthesizer(digits: Dataset(bytes: test.images, labels: test.labels), seed: seed)
        var style = PageSynthesizer.Style()
        (style.width, style.height) = try parsedSize()
        style.digitHeight = digitHeight
        style.tiltDegrees = tilt
        style.shadow = shadow
        style.blurSigma = blur
        style.noise = noise
        style.ruledLines = ruled
        style.gridSpacing = grid ?? 0
        style.dotSpacing = dots ?? 0
        style.boxes = boxes
        style.paper = try color(paper, "paper")
        style.ink = try color(ink, "ink")
        let (image, truth) = try synthesizer.render(text, style: style)
        // Its folder made, as train's --out is.
        try makeOutputFolder(URL(fileURLWithPath: out).standardizedFileURL.deletingLastPathComponent().path, option: "--out")
        try image.write(to: out)
        print("\(out)\t\(truth)")
    }
}
