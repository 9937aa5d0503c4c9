import Foundation

/// `--debug-dir`: the pipeline's intermediate pictures of each image read.
extension DigitRecognizer {
    /// The files `--debug-dir` gets for each image: `<debugName>` and one of these.
    public static let debugImageSuffixes = [".ink.png", ".binary.png", ".candidates.png"]

    func writeDebugImages(_ inkMap: InkMap, _ segmentation: Segmentation, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let base = (directory as NSString).appendingPathComponent(debugName)
        let (w, h) = (inkMap.width, inkMap.height)
        try Image(width: w, height: h, channels: 1, pixels: inkMap.levels.map { 255 - $0 }).write(to: base + DigitRecognizer.debugImageSuffixes[0])
        try Image(width: w, height: h, channels: 1, pixels: inkMap.binary.map { 255 - $0 }).write(to: base + DigitRecognizer.debugImageSuffixes[1])
        let binary = try Image(width: w, height: h, channels: 1, pixels: segmentation.binary.map { 255 - $0 }).bgr()
        for c in segmentation.candidates {
            try binary.drawRectangle(x: c.box.x, y: c.box.y, width: c.box.width, height: c.box.height, color: .red, thickness: 1)
        }
        try binary.write(to: base + DigitRecognizer.debugImageSuffixes[2])
    }
}
