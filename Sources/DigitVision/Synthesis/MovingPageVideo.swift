import DigitNet
import Foundation

/// A video with known truth for the camera's tests and benchmark: a page of MNIST test digits
/// moving and turning slightly under changing light, with a few blurred frames and a moment
/// with no paper in view — what a hand-held sheet in front of a webcam looks like.
public enum MovingPageVideo {
    public static let frameCount = 120
    public static let fps = 30.0
    public static let frameSize = (width: 640, height: 480)
    /// Frames showing only the desk.
    public static let noPaper = 70..<85
    /// Frames blurred as by motion.
    public static let blurred = 40..<43

    /// Writes the video (any container OpenCV can write, e.g. .avi) and returns the page's
    /// truth, as `recognize` prints it.
    @discardableResult
    public static func write(to path: String, text: String, digits: Dataset, seed: UInt64 = 21) throws -> String {
        var synthesizer = PageSynthesizer(digits: digits, seed: seed)
        var style = PageSynthesizer.Style()
        style.width = 800; style.height = 600; style.digitHeight = 56
        let (page, truth) = try synthesizer.render(text, style: style)
        let (w, h) = frameSize
        let desk = try Image(width: w, height: h, channels: 3, pixels: [UInt8](repeating: 90, count: w * h * 3))
        let writer = try VideoWriter(path: path, fps: fps, width: w, height: h)
        for t in 0..<frameCount {
            if noPaper.contains(t) { try writer.write(desk); continue }
            let angle = 4 * sin(Double(t) / 17) * .pi / 180, dx = 25 * sin(Double(t) / 11), dy = 12 * cos(Double(t) / 13)
            let c = cos(angle), s = sin(angle)
            // Centre of the page to the centre of the frame, turned and shifted.
            let m = [c, s, 320 - c * 400 - s * 300 + dx, -s, c, 240 + s * 400 - c * 300 + dy]
            var frame = try page.warpedAffine(m, width: w, height: h, border: 90)
            if blurred.contains(t) { frame = try frame.gaussianBlurred(kernelSize: 0, sigma: 2.5) }
            let light = 0.75 + 0.25 * sin(Double(t) / 9)
            frame = try Image(width: w, height: h, channels: 3, pixels: frame.pixels.map { UInt8(Double($0) * light) })
            try writer.write(frame)
        }
        return truth
    }

    /// What frame `t` shows: the page's truth, or nothing while the paper is out of view.
    public static func truth(atFrame t: Int, pageTruth: String) -> String {
        noPaper.contains(t) ? "" : pageTruth
    }
}
