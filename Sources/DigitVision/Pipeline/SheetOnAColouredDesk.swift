/// Step 3, a third look for the sheet: a sheet on a desk as bright as itself but coloured.
/// Light wood (pine, birch, a beech table top) is as bright as paper in grey levels: its
/// bright streaks of grain join the sheet's region in any cut of the grey picture, which is
/// then no sheet's outline, and a 1600x1200 photo of squared paper on such a desk was read as
/// the grain (550 digits of it). In colour they are far apart: paper is about as bright in
/// blue as in red, wood is not (blue 60–110 against red 130–210, the paper 170–220 in all
/// three). The picture's whiteness, its least channel at each pixel, keeps the paper bright
/// and makes the wood dark; the sheet is looked for in it as in the grey picture (the same
/// checks: a sharp outline, seen against the desk), and kept when the desk around it is
/// coloured and the sheet is not (`liesOnAColouredDesk`). Tried only when the grey picture
/// finds no sheet; its corners then rectify the grey picture.

/// A colour picture's whiteness, its least channel at each pixel, and its chroma, the spread
/// of its channels (largest less least), at the size the sheet's outline is looked for at.
public struct PaperColour {
    public let whiteness: Image
    public let chroma: Image

    /// `colour` (BGR) at `width`x`height` pixels (by area when shrunk, bicubic when enlarged);
    /// nil for a grey picture.
    public init?(_ colour: Image, width: Int, height: Int) throws {
        guard colour.channels == 3 else { return nil }
        let sized = colour.width == width && colour.height == height ? colour
            : try colour.resized(width: width, height: height, interpolation: width < colour.width ? .area : .cubic)
        let bgr = sized.pixels
        var least = [UInt8](repeating: 0, count: width * height), spread = least
        bgr.withUnsafeBufferPointer { p in
            least.withUnsafeMutableBufferPointer { white in
                spread.withUnsafeMutableBufferPointer { chroma in
                    for i in 0..<white.count {
                        let (b, g, r) = (p[3 * i], p[3 * i + 1], p[3 * i + 2])
                        let low = Swift.min(b, g, r)
                        white[i] = low
                        chroma[i] = Swift.max(b, g, r) - low
                    }
                }
            }
        }
        whiteness = try Image(width: width, height: height, channels: 1, pixels: least)
        chroma = try Image(width: width, height: height, channels: 1, pixels: spread)
    }
}

/// Whether the quadrilateral found in the whiteness is a sheet on a coloured desk: the median
/// chroma around it (every fourth pixel of `chroma` outside it) at least 40 and twice the
/// median within, or 40 more than it (a pale yellow sheet, 75, on orange wood, 120–150, is
/// not twice less coloured than the wood, but far less). Without a coloured desk the whiteness is the grey picture with more noise,
/// and its outlines are those the grey looks turned down: the lit part of a page that fills
/// the frame, a shadow across it (3 of `Benchmarks/regression.sh`'s pictures read worse).
func liesOnAColouredDesk(_ quad: [Point], chroma: Image) -> Bool {
    guard let (sheet, desk) = mediansWithinAndAround(quad, in: chroma) else { return false }
    return desk >= 40 && (desk >= 2 * sheet || desk >= sheet + 40)
}
