import DigitNet
import Foundation

/// One picture read as one digit: `recognize --single`, and any picture no larger than
/// `singleDigitSide` (a USPS scan, an MNIST image). No segmentation; the same normalization.
extension DigitRecognizer {
    /// The largest picture (either side, pixels) read as one digit by `recognize`: a 16x16
    /// USPS scan, a 28x28 MNIST image. Its digit fills it and touches its edges, which the photo
    /// pipeline takes for a mark along the picture's edge (USPS's 2,007 digits: 210 read as
    /// nothing, 87% right). A crop this small but wider than tall may hold a number, and is
    /// read so when the photo pipeline reads two digits or more in it surely (`recognize`).
    public static let singleDigitSide = 32

    /// `recognizeSingle` as a result of one line holding one digit (none when the picture
    /// holds no ink or the digit reads under `minimumConfidence`).
    func recognizeSingleAsResult(_ image: Image) throws -> RecognitionResult {
        var lines = [RecognizedLine]()
        if let digit = try recognizeSingle(image), digit.confidence >= parameters.minimumConfidence {
            let number = RecognizedNumber(text: "\(digit.label)", box: digit.box, confidence: digit.confidence, digits: [digit])
            lines = [RecognizedLine(text: number.text, numbers: [number])]
        }
        return RecognitionResult(width: image.width, height: image.height, skewDegrees: 0, pageRectified: false, lines: lines)
    }

    /// Treats the whole image as one digit: no segmentation, but the same ink map and
    /// normalization (so dark-on-light scans like USPS and light-on-dark crops both work).
    /// Nil when the image holds no ink: its ink is less than `minimumInkContrast` of the full
    /// grey range from its background (a blank page, a black frame, a single pixel) — the
    /// model would otherwise answer some digit for nothing.
    public func recognizeSingle(_ image: Image) throws -> RecognizedDigit? {
        var gray = try image.grayscale()
        // One digit needs no more than `singleDigitWorkingSide`² pixels (it is read at 28): a
        // 100-megapixel photo of one took 9 s and 3 GB at full size. Bound by area, not by the
        // long side, so a long strip's digit keeps its size (9000x360 by its long side left a
        // 71-pixel 7 three pixels wide). The box is mapped back.
        let side = Double(DigitRecognizer.singleDigitWorkingSide)
        let scale = Swift.min(1, (side * side / (Double(gray.width) * Double(gray.height))).squareRoot())
        if scale < 1 {
            gray = try gray.resized(width: Swift.max(1, Int(Double(gray.width) * scale)), height: Swift.max(1, Int(Double(gray.height) * scale)), interpolation: .area)
        }
        let inkMap = try makeSingleDigitInk(gray)
        guard Double(inkMap.contrast) >= parameters.minimumInkContrast * 255 else { return nil }
        var x0 = inkMap.width, y0 = inkMap.height, x1 = -1, y1 = -1
        for y in 0..<inkMap.height { for x in 0..<inkMap.width where inkMap.binary[y * inkMap.width + x] != 0 {
            x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
        } }
        var crop = [Float](repeating: 0, count: 784)
        var box = Box(x: 0, y: 0, width: gray.width, height: gray.height)
        if x1 >= x0 {
            box = Box(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
            // Grey levels inside the ink's box: small scans keep their anti-aliasing.
            var levels = [UInt8](repeating: 0, count: box.width * box.height)
            for y in 0..<box.height { for x in 0..<box.width { levels[y * box.width + x] = inkMap.levels[(y + y0) * inkMap.width + x + x0] } }
            crop = try normalizeDigit(intensity: levels, width: box.width, height: box.height)
        }
        if scale < 1 {
            let x0 = Int(Double(box.x) / scale), y0 = Int(Double(box.y) / scale)
            let x1 = Swift.min(image.width, Int((Double(box.maxX) / scale).rounded(.up))), y1 = Swift.min(image.height, Int((Double(box.maxY) / scale).rounded(.up)))
            box = Box(x: x0, y: y0, width: Swift.max(1, x1 - x0), height: Swift.max(1, y1 - y0))
        }
        let p = classifier.probabilities(images: crop, count: 1)
        return makeDigit(box: box, probabilities: p[0..<10])
    }

    /// `recognizeSingle` works on at most this side squared pixels; larger pictures are shrunk.
    static let singleDigitWorkingSide = 512
}

/// Ink of a single-digit image: Otsu on the grey levels, with the polarity that makes ink
/// the minority of the image's border (even a tightly cropped bold 0 that covers most of
/// its image leaves most of the border to the background); on an evenly split border, ink
/// is the minority of the whole image. `levels` are the grey levels stretched
/// so background is 0 and the darkest ink 255.
/// `contrast`: how far the brightest ink is from the background's median, in grey levels
/// (with ink made bright), before `levels` stretches it to 255.
func makeSingleDigitInk(_ gray: Image) throws -> (width: Int, height: Int, binary: [UInt8], levels: [UInt8], contrast: Int) {
    let (dark, _) = try gray.otsuThreshold(invert: true)
    var binary = dark.pixels
    var values = gray.pixels
    if darkIsBackground(binary, width: gray.width, height: gray.height) {
        binary = binary.map { 255 - $0 }
    } else {
        values = values.map { 255 - $0 }
    }
    // Now ink is bright in `values`; stretch so the background median maps to 0.
    let background = values.enumerated().filter { binary[$0.offset] == 0 }.map { Int($0.element) }.sorted()
    let floor = background.isEmpty ? 0 : background[background.count / 2]
    let top = Swift.max(floor + 1, Int(values.max() ?? 255))
    let levels = values.map { UInt8(Swift.max(0, Swift.min(255, (Int($0) - floor) * 255 / (top - floor)))) }
    return (gray.width, gray.height, binary, levels, Int(values.max() ?? 0) - floor)
}

/// Whether the dark side of an Otsu split (`dark` non-zero) is the background of a
/// single-digit image: it holds most of the border, or, with the border split evenly,
/// most of the image.
func darkIsBackground(_ dark: [UInt8], width w: Int, height h: Int) -> Bool {
    var border = 0, darkOnBorder = 0
    for y in 0..<h {
        for x in 0..<w where y == 0 || x == 0 || y == h - 1 || x == w - 1 {
            border += 1
            if dark[y * w + x] != 0 { darkOnBorder += 1 }
        }
    }
    if darkOnBorder * 2 != border { return darkOnBorder * 2 > border }
    return countNonZero(dark) * 2 > dark.count
}
