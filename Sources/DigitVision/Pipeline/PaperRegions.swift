/// Step 3, a last look for the paper: its bright region on a darker desk, whatever its outline.
///
/// `findPage` takes a sheet only by a clean outline: a quadrilateral, or a lit part it can
/// follow across a shadow's edge. A sheet with a corner out of the frame (five or six sides),
/// a slip notched by a pen lying across it, a slip touching the frame, or a note under
/// `smallestSlipFraction` of a 12-megapixel photo is not taken, and the photo is read as it
/// is: the desk's grain then holds the threshold up and buries the writing (a pencil number
/// on a sheet running out of the frame over wood read as nothing), or the paper, brighter
/// than the desk around it, reads as a dark blob in the negative. Such a photo is read again
/// as its paper alone: the region's box, cut from the picture at full size, with the desk
/// around the paper painted the paper's own colour.
enum PaperRegion {
    /// The look is made on the picture shrunk by a whole factor to this long side or more
    /// (under twice it), blurred.
    static let lookingSide = 600
    /// Bright regions covering this fraction of the picture or more (a note of about 16x16
    /// pixels in a picture shrunk to 600x450)…
    static let smallestFraction = 0.001
    /// …and at most this fraction: over it the paper fills the frame, and the photo as it is
    /// is the paper's reading.
    static let largestFraction = 0.6
}

/// A region of bright paper found by `paperRegion`: its box in the picture's pixels and, over
/// the box, which pixels are paper (non-zero) at the picture's own size.
struct PaperPatch {
    var box: Box
    var paper: [UInt8]
}

/// The bright region of `gray` (the picture in grey at its own size) that is paper on a darker
/// desk and stands out most from it (`brightestPaper`), or, when none is, of the whiteness of
/// `colour` (the picture as given, when in colour). Its pixels are those of its outline's
/// convex hull (a pen across a slip notches it; the polygon would cut chords off a curled
/// corner). Nil when none is.
func paperRegion(_ gray: Image, colour: Image? = nil, parameters: PipelineParameters) throws -> PaperPatch? {
    let factor = Swift.max(1, Swift.max(gray.width, gray.height) / PaperRegion.lookingSide)
    let small = try gray.shrunk(by: factor), w = small.width, h = small.height
    guard Swift.min(w, h) >= 40 else { return nil }
    // White paper on a coloured desk as bright in grey (yellow, pale wood) stands out in the
    // picture's whiteness, its least channel (SheetOnAColouredDesk.swift).
    var best = try brightestPaper(in: small, parameters: parameters)
    if best == nil, let colour, let whiteness = try PaperColour(colour, width: w, height: h)?.whiteness {
        best = try brightestPaper(in: whiteness, parameters: parameters)
    }
    guard let contour = best else { return nil }
    let outline = convexHull(contour)
    guard outline.count >= 3 else { return nil }
    // The hull two shrunk pixels in from its rim, past the blurred step from the desk (one
    // pixel in, the desk's dark rim along a slip's edges read as rows of 1s).
    var region = [UInt8](repeating: 0, count: w * h)
    let xs = outline.map(\.x), ys = outline.map(\.y)
    let x0 = Swift.max(0, xs.min()!), x1 = Swift.min(w - 1, xs.max()!), y0 = Swift.max(0, ys.min()!), y1 = Swift.min(h - 1, ys.max()!)
    guard x1 > x0, y1 > y0 else { return nil }
    for y in y0...y1 { for x in x0...x1 where isInside(Point(x: x, y: y), outline) { region[y * w + x] = 255 } }
    let inner = try Image(width: w, height: h, channels: 1, pixels: region).morphology(.erode, shape: .rectangle, width: 5, height: 5).pixels
    let box = Box(x: x0 * factor, y: y0 * factor,
                  width: Swift.min(gray.width, (x1 + 1) * factor) - x0 * factor, height: Swift.min(gray.height, (y1 + 1) * factor) - y0 * factor)
    var paper = [UInt8](repeating: 0, count: box.width * box.height)
    for y in 0..<box.height {
        let sy = Swift.min(h - 1, (box.y + y) / factor)
        for x in 0..<box.width where inner[sy * w + Swift.min(w - 1, (box.x + x) / factor)] != 0 { paper[y * box.width + x] = 255 }
    }
    return PaperPatch(box: box, paper: paper)
}

/// The contour, in `small` (a picture shrunk for the look), of the bright region that is paper
/// on a far darker desk and stands out most from it: a region of the bright side of Otsu's
/// level or of a level following the light, blurred as `findPage` looks, whose outline is a
/// convex polygon of three to six sides (`sheetOutline`, lit part or not), that lies on a far
/// darker desk (`liesOnADarkerDesk`), covering `PaperRegion`'s fractions of the picture; nil
/// when none is.
func brightestPaper(in small: Image, parameters: PipelineParameters) throws -> [Point]? {
    let blurred = try small.gaussianBlurred(kernelSize: 5)
    // The bright side of the picture's one level, and of a level that follows uneven light
    // (SheetUnderUnevenLight.swift): a lamp's pool of light joins a slip to the desk lit
    // around it under the one level.
    var brightSides = [try blurred.otsuThreshold(invert: false).image]
    if let followingTheLight = try brightSideFollowingTheLight(blurred, splits: tileSplits(blurred, tiles: parameters.unevenLightTiles),
                                                               leastStep: parameters.unevenLightStep) { brightSides.append(followingTheLight) }
    let area = Double(small.width * small.height)
    // Of several, the one standing out most from what lies around it: a lamp's pool of light
    // on the desk is a region too, as large as a slip or larger, but far less bright than paper.
    var best: (contour: [Point], contrast: Double)?
    // Thin bridges to the desk's lit grain are cut, as `findPage` cuts them.
    for bright in brightSides { for contour in try bright.morphology(.open, shape: .rectangle, width: 5, height: 5).contours() where contour.count >= 4 {
        let regionArea = polygonArea(contour)
        guard regionArea >= PaperRegion.smallestFraction * area, regionArea <= PaperRegion.largestFraction * area,
              let (outline, _) = try sheetOutline(contour, area: regionArea),
              let medians = mediansWithinAndAround(outline, in: small), try liesOnADarkerDesk(outline, in: small, medians: medians) else { continue }
        let contrast = Double(medians.within) / Double(Swift.max(1, medians.around))
        if contrast > best?.contrast ?? 0 { best = (contour, contrast) }
    } }
    return best?.contour
}

/// The picture's part in `patch.box`, with every pixel that is not paper painted the paper's
/// median colour (channel by channel), so that no desk is left to read; nil when the patch
/// holds no paper or does not fit the picture.
func paperAlone(_ image: Image, patch: PaperPatch) throws -> Image? {
    let crop = try image.cropped(to: patch.box)
    guard crop.width * crop.height == patch.paper.count else { return nil }
    let channels = crop.channels
    var pixels = crop.pixels
    guard let paper = medianColour(pixels, channels: channels, at: patch.paper.indices.lazy.filter { patch.paper[$0] != 0 }) else { return nil }
    for i in patch.paper.indices where patch.paper[i] == 0 {
        for c in 0..<channels { pixels[i * channels + c] = paper[c] }
    }
    return try Image(width: crop.width, height: crop.height, channels: channels, pixels: pixels)
}

extension DigitRecognizer {
    /// The reading of the picture's paper alone (`paperRegion`, `paperAlone`), its boxes in
    /// the picture's pixels, when pages are looked for (`rectifyPage`), the reading as given
    /// (`asGiven`) rectified no sheet and is not convincing, and the paper alone reads
    /// convincingly and with more sure-less-doubtful digits; nil otherwise. The paper alone is
    /// read with no sheet looked for in it (it fills the crop, its outline found already), with
    /// fainter ink when weak, and in a second size; the way it is given (a slip photographed
    /// sideways is not turned).
    /// (Looked for only when the reading as given is weak: when a region is found, reading it
    /// costs about what the photo did, and a page read well needs none.)
    func paperRegionReading(of image: Image, asGiven: RecognitionResult) throws -> RecognitionResult? {
        let given = ReadingStrength(asGiven, sureConfidence: parameters.sureConfidence)
        guard parameters.rectifyPage, !asGiven.pageRectified, !given.isConvincing,
              let patch = try paperRegion(try image.grayscale(), colour: image, parameters: parameters),
              let paper = try paperAlone(image, patch: patch) else { return nil }
        let first = try readAsGiven(paper, writingDebugImages: false, sheet: .none)
        var reading = first.result
        if let faint = try faintReading(of: paper, asGiven: reading, fainterWriting: first.fainterWriting,
                                        shrinking: first.rereadScale.shrinking, mayReadFiner: first.rereadScale.mayReadFiner) { reading = faint }
        reading = try addingWritingOfAnotherSize(to: reading, in: paper)
        let strength = ReadingStrength(reading, sureConfidence: parameters.sureConfidence)
        guard strength.isConvincing, strength.net > given.net else { return nil }
        var whole = reading.mappingBoxes { Box(x: $0.x + patch.box.x, y: $0.y + patch.box.y, width: $0.width, height: $0.height) }
        (whole.width, whole.height) = (image.width, image.height)
        return whole
    }
}
