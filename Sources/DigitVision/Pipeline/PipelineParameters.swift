/// The photo pipeline's settings a caller may change, with the defaults used by the tools (the
/// measures of single shapes, such as `LeadingMark`'s or `Slash`'s, are kept beside the
/// step that uses them).
/// Sizes given as fractions are relative to the estimated digit height `h`, so the same
/// settings work for a 40-pixel cheque crop and a 12-megapixel photo.
public struct PipelineParameters: Sendable, Codable, Equatable {
    /// Images are processed with their long side at most this many pixels (boxes are mapped
    /// back to the original image) — except long strips, over 2.5 times as long as wide, which
    /// are bound by area instead, to `maximumSide`² · 3/4 pixels: the long side's bound would
    /// shrink a 10000x240 scan of a row of form boxes until its digits were 6 pixels high.
    public var maximumSide = 1600
    /// Digits taller than this many processing pixels are read again from the picture shrunk
    /// until they are `shrunkDigitHeight` tall. The steps' few measures in whole pixels (how
    /// thin a rule is, how far a box's side stands from other ink, the gap bridged in a dashed
    /// line) hold for digits as tall as real photos' and scans' (16–134 pixels in real-dev),
    /// not for a cheque blown up or scanned at 600 dpi: its underline, 16 pixels thick, is no
    /// thin rule and holds the digits together. (Read shrunk, real-dev's photos enlarged to
    /// 4000 pixels read 30 of 33 exact, against 28 at full size and 31 as taken.)
    public var maximumDigitHeight = 160.0
    /// …and shrunk to this height, in the middle of real photos' (see `maximumDigitHeight`).
    public var shrunkDigitHeight = 60.0
    /// A picture shrunk to `maximumSide` whose digits come out shorter than this many
    /// processing pixels is read again at a finer scale (up to its own), so that they are
    /// `enlargedDigitHeight` tall: a whole page photographed at 12 megapixels, its writing 30–50
    /// pixels tall, shrunk 2.5 times to 12–20, had its 8s read as 0s and 2s where the same
    /// pixels cropped out read right. Past the picture's own size too, enlarged: digits this
    /// small at its own size ran a 6's or 8's loop shut (real-dev's photos shrunk to 70%: 29 of
    /// 33 read exactly, against 28; handwriting-font pages 594 of 680, against 591).
    public var minimumWorkingDigitHeight = 24.0
    /// …and read at a scale where they are this tall…
    public var enlargedDigitHeight = 40.0
    /// …and at most this many pixels on the long side (a 12-megapixel photo whole; twice the
    /// working side read its 24-pixel writing worse, 15 of 24 pages exact against 17): a
    /// 100-megapixel scan is not read whole.
    public var maximumFinerSide = 4000.0
    /// Detect a sheet of paper on a darker desk and rectify its perspective.
    public var rectifyPage = true
    /// Read a picture turned sideways or upside down (no EXIF tag says so) the right way up,
    /// when its reading as given looks turned (Orientation.swift).
    public var findWayUp = true
    /// Paper must cover at least this fraction of the photo to be rectified, unless it lies
    /// on a dark desk: then down to `smallestSheetFraction` (a slip, a sticky note;
    /// PageRectification.swift).
    public var minimumPageFraction = 0.25
    /// Ink must be at least this much darker than the local paper (fraction of the paper's
    /// brightness) to count, whatever Otsu's threshold says.
    public var minimumInkContrast = 0.12
    /// …or this much, for a picture that reads as nothing or only doubtfully with
    /// `minimumInkContrast`, when it then reads convincingly and surer (`faintReading`: faint
    /// pencil on a small crop).
    public var minimumFaintInkContrast = 0.06
    /// Whether the ink threshold is chosen without a form's dark rules when they are most of
    /// the ink (DarkRules.swift). Set for the faint reading only (`faintReading`): writing as
    /// dark as the rules reads as it is.
    var thresholdBesideDarkRules = false
    /// Remove long straight ruled lines and printed box borders.
    public var removeLines = true
    /// A component is a digit candidate when its height is at least this fraction of `h`.
    public var minimumHeightFraction = 0.42
    /// …unless it is very small in both directions (dots, commas, specks).
    public var maximumDotFraction = 0.35
    /// Components wider than this many `h` or taller than this many `h` are not digits.
    public var maximumWidthFraction = 4.0
    public var maximumHeightFraction = 2.6
    /// Pieces overlapping horizontally by this fraction of the narrower one are one digit.
    public var mergeOverlap = 0.55
    /// A digit read with a best probability of at least this is read surely. The pipeline
    /// counts and measures by it: the writer's digit width is that of the digits read surely
    /// (`typicalDigitWidth`), a broken digit's pieces are tried together only when one is read
    /// with less (`BrokenDigitMerge.candidatePairs`), and a reading's sure and doubtful digits
    /// tell its way up and whether a second reading is kept (`ReadingStrength`, `wayUp`,
    /// `faintReading`, `negativeReading`, the finer re-read). `AnnotationStyle` draws digits
    /// read so green, by default.
    public var sureConfidence = 0.9
    /// Try splitting a component into touching digits when wider than this many `h`.
    public var splitWidthFraction = 0.75
    /// …and read with a best probability below this. A digit read surely is still tried for
    /// cuts when it is flatter than any digit or far wider than the writer's surely read
    /// digits (`DigitRecognizer.readAsGiven`); `SplitPlan.bestReading` decides. Equal to
    /// `sureConfidence` by default, but a knob of its own: when to try cuts is another decision.
    public var splitBelowConfidence = 0.9
    /// A candidate whose normalized 28x28 image is inked more than this fraction on average
    /// is a scribble, not a digit (MNIST: mean 0.13, 99.9% below 0.29).
    public var maximumInkMass = 0.32
    /// Digits whose best probability is below this are dropped as non-digits.
    public var minimumConfidence = 0.30
    /// No gap narrower than this many `h` inside a line starts a new number; a wider one does
    /// when the page's gaps show two kinds, digits' and numbers' (`numberGapThreshold`).
    public var numberGapFraction = 0.62
    /// A candidate whose darkest ink is under this fraction of the page's typical candidate's,
    /// with no darker one near it, is a mark beside the writing, not writing (`droppingFaintMarks`).
    public var faintMarkFraction = 0.4
    /// Target stroke width of a normalized digit, in pixels of the 20x20 box (MNIST's is
    /// about 2–2.5).
    public var targetStrokeWidth = 2.3

    /// Digits shorter than this many pixels of the picture as given are ignored (the drawing
    /// canvas sets it so a stray dot is not read; 0 for photos, whose scale is unknown). The
    /// pipeline scales it with the picture when it works on it shrunk.
    public var minimumDigitHeight = 0

    // MARK: - Small crops

    /// A picture under this many pixels on its short side is a small crop: real-dev's cheque
    /// amount fields and form boxes are 36–121, its smallest page photos 254. Its digits may
    /// fill it edge to edge and its guilloche spreads the levels as noise does, so several steps
    /// leave it alone: the narrow-shadow estimate (Shadows.swift), the edge slivers
    /// (EdgeSlivers.swift), the noise threshold's clearance (`PaperNoise.isCleared`, `makeInkMap`)
    /// and the giants among small components (`giantsAmongSmall`).
    public var smallPictureSide = 200

    // MARK: - Step 1, flattening the light: glare (Glare.swift)

    /// The least gain `liftGlare` applies to a washed-out stroke: the paper's usual brightness
    /// varies this much anyway.
    public var glareLeastGain: Float = 1.25
    /// No stroke is raised more than this: near white, the gain's estimate is all noise.
    public var glareGreatestGain: Float = 4

    // MARK: - Step 1: shadows narrower than the paper's estimate (Shadows.swift)

    /// How dark a shadow may be, as a fraction of the paper's brightness beside it: a shadow
    /// dims paper, ink is far darker.
    public var shadowDepth = 0.35
    /// How far across the picture a shadow reaches, at least, as a fraction of its width or
    /// height: a shadow is cast across the page, a marker's bold 8 is a blob.
    public var shadowReach = 0.6

    // MARK: - Step 2, binarizing: the paper's noise (NoiseFloor.swift)

    /// How far (in deviations of the paper's noise) above the paper's median level a mark must
    /// reach somewhere to be ink (`removingNoiseSpecks`, `keepingMarks`).
    public var noiseFloorDeviations = 5.0
    /// How far (in deviations of the paper's noise) over the paper's median level the ink
    /// threshold of a noisy picture is raised (`PaperNoise.isCleared`). Two deviations leave a
    /// few percent of the noise over it, in specks too small to join into digit-sized blobs.
    public var noiseClearanceDeviations = 2.0

    // MARK: - Step 2: slivers of desk along the picture's edge (EdgeSlivers.swift)

    /// A component touching one edge of the picture over at least this fraction of that edge's
    /// length is a sliver of something else than the paper. A digit touches the frame over a
    /// stroke's width or, a "1" cut by a crop, over its own height: seldom a quarter of a page's
    /// side.
    public var edgeSliverContactFraction = 0.25
    /// A sliver covers at most this fraction of the picture. More desk than that is a page on a
    /// desk, whose threshold must keep the desk's grain apart from the paper: with the desk left
    /// out of the histogram, the grain at its rim turned to ink and read as digits.
    public var edgeSliverLargestFraction = 0.1
    /// How far beyond a sliver's ink its blurred rim reaches, in pixels, left out with it.
    public var edgeSliverRim = 2

    // MARK: - Step 3, finding the sheet (PageRectification.swift, SheetInShade.swift)

    /// The smallest sheet looked for, as a fraction of the photo: a slip of paper on a desk
    /// (under `minimumPageFraction`, only on a dark desk).
    public var smallestSheetFraction = 0.04
    /// …and the smallest slip, lying wholly inside the frame: a note photographed from afar
    /// (1.1% and 0.7% of photos of a dark desk read nothing). A sheet under
    /// `smallestSheetFraction` may be something else (a patch of desk, the lit part of a
    /// page), so the photo is also read as it is, and the surer reading kept.
    public var smallestSlipFraction = 0.005
    /// When the photo's one level finds no sheet, it is looked for again with a level that
    /// follows uneven light (SheetUnderUnevenLight.swift): Otsu's level in each tile of a grid
    /// this many tiles a side…
    public var unevenLightTiles = 4
    /// …where the tile's two sides stand this many grey levels apart (paper and desk; the
    /// grain of a desk or of paper spreads less).
    public var unevenLightStep = 25.0
    /// When that finds no sheet either, the tiles whose two sides stand this many grey levels
    /// apart count too (cream paper on a grey desk, its far side in a lamp's falloff), and the
    /// outline is kept only snapped to sharp edges on every side (`snappedToTheSheetsEdges`).
    public var faintUnevenLightStep = 18.0
    /// A sheet found less than this many pixels wide or high (at the working scale) is
    /// flattened at twice its size: a notebook page a third of a 1018x572 photo, its digits 13
    /// pixels tall, read "969471 72 4 0 9126" at its own size ("00 969471 42 4 402126"), the
    /// thresholded strokes of its 0s run into blobs; at twice, two digits misread.
    public var enlargedSheetBelow = 600
    /// The least grey step across a shadow's edge on the desk (0–255), for a side of the lit
    /// part of a sheet to be taken for a shadow's edge (`continuesAsAShadowEdge`).
    public var shadowEdgeStep = 10.0

    // MARK: - Text direction: deskew and step 9 (Deskew.swift, ReadingOrder.swift)

    /// The steepest text direction believed, radians: pages are read tilted up to ±35°, and a
    /// writer's own upward slope adds a few degrees more (a page turned 35° runs at 38°).
    public var maximumTextAngle = 45 * Double.pi / 180
    /// The steepest direction believed for digits written in a form's boxes, radians: each sits
    /// in its box, so the rows run as the boxes do, level but for a scan or photo a few degrees
    /// askew. Digits written high in one box and low in the next tilted the direction found from
    /// them by 7° ("897755" in six boxes read "5 51 8 9 77").
    public var steepestRowOfBoxes = 6 * Double.pi / 180

    public init() {}

    /// Settings written by an earlier version (an `annotate` sidecar) lack the knobs added
    /// since: those take their defaults, so a rerun compares settings instead of refusing the
    /// sidecar as not its own.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, into value: inout T) throws {
            if let found = try c.decodeIfPresent(T.self, forKey: key) { value = found }
        }
        try read(.maximumSide, into: &maximumSide)
        try read(.maximumDigitHeight, into: &maximumDigitHeight)
        try read(.shrunkDigitHeight, into: &shrunkDigitHeight)
        try read(.minimumWorkingDigitHeight, into: &minimumWorkingDigitHeight)
        try read(.enlargedDigitHeight, into: &enlargedDigitHeight)
        try read(.maximumFinerSide, into: &maximumFinerSide)
        try read(.rectifyPage, into: &rectifyPage)
        try read(.findWayUp, into: &findWayUp)
        try read(.minimumPageFraction, into: &minimumPageFraction)
        try read(.minimumInkContrast, into: &minimumInkContrast)
        try read(.minimumFaintInkContrast, into: &minimumFaintInkContrast)
        try read(.removeLines, into: &removeLines)
        try read(.minimumHeightFraction, into: &minimumHeightFraction)
        try read(.maximumDotFraction, into: &maximumDotFraction)
        try read(.maximumWidthFraction, into: &maximumWidthFraction)
        try read(.maximumHeightFraction, into: &maximumHeightFraction)
        try read(.mergeOverlap, into: &mergeOverlap)
        try read(.sureConfidence, into: &sureConfidence)
        try read(.splitWidthFraction, into: &splitWidthFraction)
        try read(.splitBelowConfidence, into: &splitBelowConfidence)
        try read(.maximumInkMass, into: &maximumInkMass)
        try read(.minimumConfidence, into: &minimumConfidence)
        try read(.numberGapFraction, into: &numberGapFraction)
        try read(.targetStrokeWidth, into: &targetStrokeWidth)
        try read(.faintMarkFraction, into: &faintMarkFraction)
        try read(.minimumDigitHeight, into: &minimumDigitHeight)
        try read(.smallPictureSide, into: &smallPictureSide)
        try read(.glareLeastGain, into: &glareLeastGain)
        try read(.glareGreatestGain, into: &glareGreatestGain)
        try read(.shadowDepth, into: &shadowDepth)
        try read(.shadowReach, into: &shadowReach)
        try read(.noiseFloorDeviations, into: &noiseFloorDeviations)
        try read(.noiseClearanceDeviations, into: &noiseClearanceDeviations)
        try read(.edgeSliverContactFraction, into: &edgeSliverContactFraction)
        try read(.edgeSliverLargestFraction, into: &edgeSliverLargestFraction)
        try read(.edgeSliverRim, into: &edgeSliverRim)
        try read(.smallestSheetFraction, into: &smallestSheetFraction)
        try read(.smallestSlipFraction, into: &smallestSlipFraction)
        try read(.shadowEdgeStep, into: &shadowEdgeStep)
        try read(.enlargedSheetBelow, into: &enlargedSheetBelow)
        try read(.unevenLightTiles, into: &unevenLightTiles)
        try read(.unevenLightStep, into: &unevenLightStep)
        try read(.faintUnevenLightStep, into: &faintUnevenLightStep)
        try read(.maximumTextAngle, into: &maximumTextAngle)
        try read(.steepestRowOfBoxes, into: &steepestRowOfBoxes)
    }

    /// The settings for a drawing canvas `canvasHeight` pixels high (`digitlens draw`): no
    /// page to find, digits under a twelfth of the canvas high are stray marks (a dot, a slip
    /// of the mouse), and a digit read with less than even odds is not shown.
    public static func canvas(height canvasHeight: Int) -> PipelineParameters {
        var parameters = PipelineParameters()
        // Under 12 pixels on a tiny canvas a digit is too small to read: better unread than misread.
        parameters.minimumDigitHeight = Swift.max(12, canvasHeight / 12)
        parameters.minimumConfidence = 0.5
        parameters.rectifyPage = false
        parameters.findWayUp = false
        return parameters
    }
}
