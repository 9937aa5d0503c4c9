import CBridge

/// A BGR colour.
public struct Color: Equatable, Sendable {
    public var blue, green, red: Int
    public init(red: Int, green: Int, blue: Int) { self.red = red; self.green = green; self.blue = blue }
    public static let white = Color(red: 255, green: 255, blue: 255)
    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let green = Color(red: 30, green: 180, blue: 60)
    public static let orange = Color(red: 255, green: 140, blue: 0)
    public static let red = Color(red: 220, green: 30, blue: 30)
    public static let blue = Color(red: 30, green: 90, blue: 220)
}

/// Drawing changes the image in place.
extension Image {
    public func drawRectangle(x: Int, y: Int, width: Int, height: Int, color: Color, thickness: Int = 2) throws {
        try check("draw_rectangle") { cb_draw_rectangle(handle, Int32(x), Int32(y), Int32(width), Int32(height), Int32(color.blue), Int32(color.green), Int32(color.red), Int32(thickness), $0) }
    }

    /// A filled rectangle blended over the image with opacity `alpha` (1 = opaque).
    public func fillRectangle(x: Int, y: Int, width: Int, height: Int, color: Color, alpha: Double = 1) throws {
        try check("fill_rectangle") { cb_fill_rectangle(handle, Int32(x), Int32(y), Int32(width), Int32(height), Int32(color.blue), Int32(color.green), Int32(color.red), alpha, $0) }
    }

    public func drawLine(from a: Point, to b: Point, color: Color, thickness: Int = 1) throws {
        try check("draw_line") { cb_draw_line(handle, Int32(a.x), Int32(a.y), Int32(b.x), Int32(b.y), Int32(color.blue), Int32(color.green), Int32(color.red), Int32(thickness), $0) }
    }

    /// A circle; negative `thickness` fills it.
    public func drawCircle(center: Point, radius: Int, color: Color, thickness: Int = 1) throws {
        try check("draw_circle") { cb_draw_circle(handle, Int32(center.x), Int32(center.y), Int32(radius), Int32(color.blue), Int32(color.green), Int32(color.red), Int32(thickness), $0) }
    }

    /// Text whose baseline starts at (x, y).
    public func drawText(_ text: String, x: Int, y: Int, scale: Double, color: Color, thickness: Int = 1) throws {
        try check("draw_text") { cb_draw_text(handle, text, Int32(x), Int32(y), scale, Int32(color.blue), Int32(color.green), Int32(color.red), Int32(thickness), $0) }
    }

    /// Size of `text` as drawn at `scale` and `thickness`: width, height above the baseline, and the baseline depth.
    public static func textSize(_ text: String, scale: Double, thickness: Int = 1) throws -> (width: Int, height: Int, baseline: Int) {
        var w: Int32 = 0, h: Int32 = 0, b: Int32 = 0
        try check("text_size") { cb_text_size(text, scale, Int32(thickness), &w, &h, &b, $0) }
        return (Int(w), Int(h), Int(b))
    }

    /// Copies `image` in with its top-left corner at (x, y), clipped to this image.
    public func paste(_ image: Image, x: Int, y: Int) throws {
        try check("paste") { cb_paste(handle, image.handle, Int32(x), Int32(y), $0) }
    }
}
