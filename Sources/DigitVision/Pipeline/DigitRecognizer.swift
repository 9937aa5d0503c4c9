import CBridge
import DigitNet
import Foundation

/// The photo pipeline end to end: from a decoded image to lines, numbers and digits.
/// Each file's header names the pipeline step it serves, numbered as in the README's and the
/// issue's list of nine (1 grey, 2 binarize, 3 the page, 4 rules and marks, 5 join and cut,
/// 6 reject, 7 normalize, 8 classify, 9 reading order). `readAsGiven` runs them in this order:
/// - the ink map, steps 1–2 (InkMap.swift); the sheet found and rectified, step 3
///   (PageRectification.swift, Sheet*.swift);
/// - rules, boxes and specks erased and the candidates cut out, steps 4–6 (Segmentation.swift,
///   RuledLines.swift, FormCells.swift, PrintedMarks.swift);
/// - every candidate normalized (step 7, MNISTNormalization.swift) and read in one batch (8);
/// - the pieces of one digit joined (5, BrokenDigits.swift), signs dropped by shape (6:
///   TrailingDash.swift, WrittenSigns.swift, Slashes.swift), doubtful digits read again
///   (8: ClosedOnARule.swift, ZerosWithTails.swift, FlaggedOnes.swift, FaintStrokes.swift);
/// - touching digits cut where the cut reads better (5, TouchingDigits.swift), the pieces read
///   in a second batch;
/// - commas and signs before an amount dropped by place (6: Commas.swift, LeadingMarks.swift);
/// - lines and numbers in reading order (9, ReadingOrder.swift).
/// Two readings may run side by side (`sideBySide`).
/// Thread-safe while `debugDirectory` is nil: the classifier and parameters are read-only
/// after init. The debug settings are changed between pictures, so a caller writing debug
/// images reads one picture at a time (`recognize --debug-dir` uses one worker).
public final class DigitRecognizer: @unchecked Sendable {
    public let classifier: DigitClassifier
    public let parameters: PipelineParameters
    /// When set, the intermediate images of each `recognize` call (ink map, its binary image,
    /// the binary image after line removal with the candidates) are written here as
    /// `<debugName>.*.png`.
    public var debugDirectory: String?
    public var debugName = "image"

    public init(classifier: DigitClassifier, parameters: PipelineParameters = PipelineParameters()) {
        self.classifier = classifier
        self.parameters = parameters
        // OpenCV's own thread pool would spin on the cores our batches already use.
        cb_set_opencv_threads(1)
    }

    /// Reads every digit of a photo or scan, turned the right way up first when it was given
    /// sideways or upside down (`PipelineParameters.findWayUp`, Orientation.swift). A picture
    /// no larger than `singleDigitSide` either way is one digit (`recognizeSingleAsResult`).
    public func recognize(_ image: Image) throws -> RecognitionResult {
        if image.width <= DigitRecognizer.singleDigitSide && image.height <= DigitRecognizer.singleDigitSide {
            // A tiny crop wider than tall may hold a number ("33" in 25x20 pixels, read as one
            // 3): the photo pipeline's reading is kept when it reads two digits or more, all
            // surely. USPS's and MNIST's pictures are square; under 10 rows, nothing is read so.
            if 5 * image.width >= 6 * image.height, image.height >= 10 {
                let number = try readAsGiven(image, writingDebugImages: false).result
                let digits = number.lines.flatMap(\.numbers).flatMap(\.digits)
                if digits.count >= 2, digits.allSatisfy({ $0.confidence >= parameters.sureConfidence }) { return number }
            }
            return try recognizeSingleAsResult(image)
        }
        let first = try readAsGiven(image)
        var (picture, asGiven, fainterWriting) = (image, first.result, first.fainterWriting)
        // The scale the reading as given chose (finer for small digits, or not) holds for the
        // same picture read again with fainter ink or turned: each would otherwise read it at
        // both scales again, seconds on a 12-megapixel page.
        var scale = first.rereadScale
        // Light digits on a dark ground read as nothing: read as the negative (Negative.swift).
        // (Its reading is tried with fainter ink only when not convincing.)
        if let negative = try negativeReading(of: image, asGiven: asGiven) {
            (picture, asGiven, fainterWriting) = (negative.image, negative.result, false)
            scale = RereadScale()
        }
        // Writing fainter than ink must be reads as nothing or in pieces: read again with fainter ink (FaintInk.swift).
        if let faint = try faintReading(of: picture, asGiven: asGiven, fainterWriting: fainterWriting, shrinking: scale.shrinking,
                                        mayReadFiner: scale.mayReadFiner) { asGiven = faint }
        // Paper the sheet's outline search did not take (a corner out of the frame, a notch, a
        // note too small), whose desk buries the writing: read as the paper alone (PaperRegions.swift).
        if let onPaper = try paperRegionReading(of: image, asGiven: asGiven) { return onPaper }
        let strength = ReadingStrength(asGiven, sureConfidence: parameters.sureConfidence)
        let turns = parameters.findWayUp ? turnsWorthTrying(strength, width: image.width, height: image.height) : []
        guard !turns.isEmpty else { return try addingWritingOfAnotherSize(to: asGiven, in: picture) }
        // Debug images (`debugDirectory`) stay those of the picture as given.
        var readings = [Int: RecognitionResult]()
        for k in turns {
            readings[k] = try recognizeAsGiven(try picture.turned(quarterTurns: k), writingDebugImages: false, shrinking: scale.shrinking,
                                               mayReadFiner: scale.mayReadFiner)
        }
        let best = wayUp(asGiven: strength, turned: readings.mapValues { ReadingStrength($0, sureConfidence: parameters.sureConfidence) },
                         standingStrip: isStandingStrip(strength, width: image.width, height: image.height),
                         lyingStrip: image.width >= 2 * image.height)
        guard best != 0, let turned = readings[best] else { return try addingWritingOfAnotherSize(to: asGiven, in: picture) }
        return turned.turnedBack(quarterTurns: best, width: image.width, height: image.height)
    }

    /// Reads every digit of a photo or scan the way up it is given. `shrinking`: a further
    /// factor on the processing scale, for digits over `maximumDigitHeight` (below 1) or under
    /// `minimumWorkingDigitHeight` (above 1: finer in a shrunk picture, enlarged past its own
    /// size in one read at it); not 1 only when this calls itself again.
    func recognizeAsGiven(_ image: Image, writingDebugImages: Bool = true, shrinking: Double = 1, faintInk: Bool = false,
                          mayReadFiner: Bool = true) throws -> RecognitionResult {
        try readAsGiven(image, writingDebugImages: writingDebugImages, shrinking: shrinking, faintInk: faintInk, mayReadFiner: mayReadFiner).result
    }

    /// `recognizeAsGiven`'s reading, whether its picture may hold writing fainter than the
    /// threshold (`InkMap.mayHoldFainterWriting`), and the scale to read the same picture
    /// again at (`RereadScale`). `sheet`: where the sheet of paper comes from (looked for with
    /// `findPage`, none, or found already), when `PipelineParameters.rectifyPage` allows.
    /// `mayReadFiner`: whether small digits may be read again at a finer scale
    /// (`PipelineParameters.minimumWorkingDigitHeight`); not when the scale was chosen already
    /// (`RereadScale`).
    func readAsGiven(_ image: Image, writingDebugImages: Bool = true, shrinking: Double = 1, faintInk: Bool = false,
                     sheet: SheetSource = .lookedFor, mayReadFiner: Bool = true) throws -> (result: RecognitionResult, fainterWriting: Bool, rereadScale: RereadScale) {
        // Printed lines in a colour the writing has not are made as light as the paper (ColourDropout.swift).
        var gray = try greyForReading(image, parameters: self.parameters)
        // Work at a bounded resolution; boxes are mapped back with `toOriginal`.
        let long = Double(Swift.max(gray.width, gray.height)), short = Double(Swift.min(gray.width, gray.height))
        let side = Double(self.parameters.maximumSide)
        // Above 1 only when small digits are read again enlarged (below).
        let scale = shrinking * (long > 2.5 * short ? Swift.min(1, (0.75 * side * side / (long * short)).squareRoot()) : Swift.min(1, side / long))
        // The least digit height is in the picture's pixels, the steps below measure working
        // ones: a big drawing canvas's digits, shrunk to 60 pixels, were all under it.
        var parameters = self.parameters
        if faintInk {
            parameters.minimumInkContrast = Swift.min(parameters.minimumInkContrast, parameters.minimumFaintInkContrast)
            parameters.thresholdBesideDarkRules = true
        }
        parameters.minimumDigitHeight = Int((Double(parameters.minimumDigitHeight) * Swift.min(1, scale)).rounded())
        if scale < 1 {
            gray = try gray.resized(width: Swift.max(1, Int(Double(gray.width) * scale)), height: Swift.max(1, Int(Double(gray.height) * scale)), interpolation: .area)
        } else if scale > 1 {
            gray = try gray.resized(width: Int((Double(gray.width) * scale).rounded()), height: Int((Double(gray.height) * scale).rounded()), interpolation: .cubic)
        }
        // Finding the page and the ink map, then levelling by printed lines and segmenting,
        // run side by side: most photos show no page to rectify and no line to level by. When
        // one is found, the step run beside it is done again on the turned picture, and what
        // it gave (even an error) is dropped.
        // A sheet filling the frame is looked for from the frame's sides only at the working
        // scale or coarser: found at full size, a ruled page's one tiny number was measured by
        // the paper's specks (3 pixels) and read as nothing.
        let unturned = gray
        let (pageFound, unturnedInk) = sideBySide({ parameters.rectifyPage ? try rectifiedSheet(unturned, colour: image, from: sheet, workingScale: scale, fromTheFrame: shrinking <= 1, parameters: parameters) : nil },
                                                  { try makeInkMap(unturned, parameters: parameters) })
        var page = try pageFound.get()
        // The sheet for reading the same picture again at another scale.
        let sheetAgain = page.map { SheetSource.foundAt($0.cornersInPicture(workingScale: scale)) } ?? sheet
        let sheetFound = page != nil
        var inkMap: InkMap
        if let page {
            gray = page.rectified
            inkMap = try makeInkMap(gray, parameters: parameters)
        } else {
            inkMap = try unturnedInk.get()
        }
        let inkBeforeLevelling = inkMap
        let (levelFound, levelSegmentation) = sideBySide({ parameters.rectifyPage && page == nil ? try levelByPrintedLines(unturned, ink: inkBeforeLevelling) : nil },
                                                          { try segment(inkBeforeLevelling, parameters: parameters) })
        var segmentation: Segmentation
        if let level = try levelFound.get() {
            page = level
            gray = level.rectified
            inkMap = try makeInkMap(gray, parameters: parameters)
            let levelled = level.pictureFrame.map { LevelledPhoto(frame: $0, digitHeightAsGiven: (try? levelSegmentation.get().digitHeight) ?? 0) }
            segmentation = try segment(inkMap, parameters: parameters, levelledFrom: levelled)
        } else {
            segmentation = try levelSegmentation.get()
        }
        // Digits far taller than the steps' pixel measures suit: read again, shrunk.
        if shrinking == 1, segmentation.digitHeight > parameters.maximumDigitHeight {
            return try readAsGiven(image, writingDebugImages: writingDebugImages,
                                   shrinking: parameters.shrunkDigitHeight / segmentation.digitHeight, faintInk: faintInk,
                                   sheet: sheetAgain)
        }
        // Digits too small for the scale the picture was read at: read again, finer, so that
        // they are `enlargedDigitHeight` tall, up to `maximumFinerSide` on the long side: a
        // shrunk picture up to its own size and, like a picture read at its own size, past it
        // (bicubic), where the threshold no longer runs a small 6's or 8's loop shut, nor two
        // close digits into one (`readsBetterEnlarged`). But not past its own size when printed
        // lines across it were erased (a form's boxes, a cheque's rule): their erasure is
        // measured in whole pixels, and enlarged, a form crop's box sides were left as 1s (11
        // form crops among `Benchmarks/regression.sh`'s 2,504 pictures read worse). A short line
        // erased is no such print: tiny digits run together are taken for one. Nor when the
        // paper holds faint marks that outnumber the writing (`InkMap.holdsFaintMarks`):
        // enlarged, a ruled page's smoothed lines reach the least ink contrast, hold the
        // threshold down to it and the writing runs into blobs. The finer reading is kept when
        // it reads better (`readsBetterFiner`): at full size a pencil page's grain is not
        // averaged away, and its faint strokes can drown in it. The coarse one is this reading,
        // carried on from here (`keepingSurer` chooses at its end).
        var fine: (reading: (result: RecognitionResult, fainterWriting: Bool, rereadScale: RereadScale), shrinking: Double)?
        if mayReadFiner, shrinking == 1, segmentation.digitHeight > 0, segmentation.digitHeight < parameters.minimumWorkingDigitHeight {
            var finer = Swift.min(parameters.enlargedDigitHeight / segmentation.digitHeight, parameters.maximumFinerSide / (long * scale))
            if finer * scale > 1 && (inkMap.holdsFaintMarks || printedLinesAcross(inkMap, segmentation)) { finer = Swift.min(finer, 1 / scale) }
            if finer > 1.25 {
                fine = (try readAsGiven(image, writingDebugImages: writingDebugImages, shrinking: finer, faintInk: faintInk,
                                        sheet: sheetAgain), finer)
            }
        }
        func keepingSurer(_ coarse: (result: RecognitionResult, fainterWriting: Bool, rereadScale: RereadScale))
            -> (result: RecognitionResult, fainterWriting: Bool, rereadScale: RereadScale) {
            guard let fine else { return coarse }
            let sure = parameters.sureConfidence
            let (f, c) = (ReadingStrength(fine.reading.result, sureConfidence: sure), ReadingStrength(coarse.result, sureConfidence: sure))
            return (fine.shrinking * scale > 1 ? readsBetterEnlarged(f, than: c) : readsBetterFiner(f, than: c))
                ? (fine.reading.result, fine.reading.fainterWriting, RereadScale(shrinking: fine.shrinking, mayReadFiner: false))
                : (coarse.result, coarse.fainterWriting, RereadScale(shrinking: 1, mayReadFiner: false))
        }
        // The debug images are the finer reading's when there is one.
        let writesDebugImages = writingDebugImages && fine == nil
        let sourceInk = inkMap
        // A tilted page is turned level and segmented again (see Deskew); a page with level
        // printed or ruled lines is level already.
        let deskew = segmentation.linesRemoved ? nil
            : Deskew(candidates: segmentation.candidates.map(\.box), digitHeight: segmentation.digitHeight,
                     sourceWidth: inkMap.width, sourceHeight: inkMap.height, maximumTextAngle: parameters.maximumTextAngle)
                ?? Deskew(lineOfInk: segmentation, sourceWidth: inkMap.width, sourceHeight: inkMap.height, maximumTextAngle: parameters.maximumTextAngle)
        if let deskew {
            inkMap = try deskew.rotate(inkMap)
            segmentation = try segment(inkMap, parameters: parameters, deskew: deskew)
        }
        let h = Swift.max(segmentation.digitHeight, 1)
        if let debugDirectory, writesDebugImages { try writeDebugImages(inkMap, segmentation, to: debugDirectory) }

        // First every candidate whole, in one batch; then, in a second batch, the pieces of
        // every plausible cut of the wide ones read with doubt, or wider than any one digit
        // (touching digits). Cutting costs nothing on clean pages, whose digits stand apart.
        let candidates = segmentation.candidates.map { Crop(box: $0.box, mask: candidateMask($0, labels: segmentation.labels)) }
        // The dashes a long straight line was broken into are none (`dashesOfOneLine`), nor
        // count among the strokes the writing's is measured by.
        let dashes = dashesOfOneLine(candidates, digitHeight: h)
        let wholes = candidates.indices.filter { !dashes.contains($0) }.map { candidates[$0] }
        // A stroke far thinner than the others' may be what an erased line left, or a sliver
        // (`isThinLeftover`); a solid bar with a far thicker one is printed (`isPrintedBar`).
        let strokes = wholes.map { strokeWidth($0.mask, width: $0.box.width, height: $0.box.height) }
        let typicalStroke = strokes.isEmpty ? 0 : strokes.sorted()[strokes.count / 2]
        let erasedRules = segmentation.linesRemoved ? ErasedInk(before: inkMap.binary, after: segmentation.binary, width: inkMap.width) : nil
        let thickEnough = zip(wholes, strokes).filter {
            wholes.count < 3 || (!isThinLeftover($0.0, stroke: $0.1, typicalStroke: typicalStroke, erasedLines: erasedRules, among: wholes, digitHeight: h)
                                 && !isPrintedBar($0.0, stroke: $0.1, typicalStroke: typicalStroke))
        }.map(\.0)
            // Nor is a frame drawn round a digit (`isFrame`), nor a short sliver alone.
            .filter { !isFrame($0, around: wholes) && (wholes.count < 3 || !isShortLoneSliver($0, among: wholes, digitHeight: h)) }
            // Nor a long straight line at any angle (a tilted page's edge against the desk): no
            // digit is a straight stroke half again as long as the digits are tall.
            .filter { !isLongStraightLine($0.mask, width: $0.box.width, height: $0.box.height, digitHeight: h) }
            // Nor a piece of a long faint line that goes on beyond it (a sheet's shaded edge on a
            // desk as pale as the paper: FaintLinePieces.swift).
            .filter { !continuesAsAFaintLine($0, levels: inkMap.levels, binary: inkMap.binary, width: inkMap.width, digitHeight: h) }
            // Nor is a band along the sheet's edge against the desk, however short, nor a wedge of
            // the desk the photo's frame cuts off, nor a dark surface's corner beside the paper.
            .filter { crop in
                let box = deskew?.mapBack(crop.box) ?? crop.box
                return !isPageEdge(box, in: sourceInk) && !liesAlongThePicturesEdge(box, in: sourceInk) && !isDarkSurface(box, in: sourceInk)
                    && !isBarAcrossTheCrop(box, in: sourceInk, digitHeight: h)
            }
        // Nor is a mark far fainter than the writing, standing alone (a shadowed page's edge).
        // Nor the dashes of a faint margin line, each a thin 1 (DashedLines.swift).
        let written = droppingDashedLines(droppingFaintMarks(thickEnough, levels: inkMap.levels, width: inkMap.width,
                                                             fraction: parameters.faintMarkFraction, digitHeight: h),
                                          levels: inkMap.levels, width: inkMap.width, digitHeight: h)
        // A scribble, a hatched or crossed-out patch holds more ink than any digit once
        // normalized; it is not read, nor cut into digits.
        // A bold digit blurred into a blob (its loops filled) still shows them in the grey
        // levels: such a crop is read from its darkest ink before being taken for a scribble.
        var normalized = try written.map(normalizedPixels)
        for (i, pixels) in normalized.enumerated() where !isDigitInkMass(pixels, maximum: parameters.maximumInkMass) {
            guard let core = darkestInk(written[i], levels: inkMap.levels, width: inkMap.width) else { continue }
            let tightened = try normalizedPixels(core)
            if isDigitInkMass(tightened, maximum: parameters.maximumInkMass) { normalized[i] = tightened }
        }
        let inked = normalized.map { isDigitInkMass($0, maximum: parameters.maximumInkMass) }
        var kept = zip(written, inked).filter(\.1).map(\.0)
        var wholeProbabilities = classifier.probabilities(images: zip(normalized, inked).filter(\.1).flatMap(\.0), count: kept.count)
        let digitWidth = typicalDigitWidth(kept.map(\.box), probabilities: wholeProbabilities, sureConfidence: parameters.sureConfidence)
        // A digit broken in two side by side is joined where it reads better whole (BrokenDigits.swift).
        (kept, wholeProbabilities) = try mergeBrokenDigits(kept, probabilities: wholeProbabilities, digitHeight: h, digitWidth: digitWidth,
                                                           erasedRules: erasedRules)
        // A dash written on from a number's last digit is cut off it (TrailingDash.swift).
        (kept, wholeProbabilities) = try cuttingTrailingDashes(kept, probabilities: wholeProbabilities, digitHeight: h)
        // A dash, an equals, a plus or a dollar sign is no digit, however it reads
        // (WrittenSigns.swift); judged once a 5's or 7's detached bar has been merged.
        // Leaves out of `kept` (and their probabilities) the crops `dropped` indexes.
        func dropping(_ dropped: Set<Int>) {
            guard !dropped.isEmpty else { return }
            let left = kept.indices.filter { !dropped.contains($0) }
            wholeProbabilities = left.flatMap { wholeProbabilities[$0 * 10..<$0 * 10 + 10] }
            kept = left.map { kept[$0] }
        }
        let signDashes = Set(kept.indices.filter { isDash(kept[$0], digitHeight: h) })
        let dashBoxes = signDashes.map { kept[$0].box }
        dropping(signDashes.union(kept.indices.filter {
            isEqualsSign(kept[$0], digitHeight: h) || isPlusSign(kept[$0], digitHeight: h) || isDollarSign(kept[$0])
        }))
        // The slash of a closing "/-" neither, nor a date's slashes (Slashes.swift); the
        // closing dash, too short to be a candidate, may be among the components left unread.
        let lean = writersSlant(kept, probabilities: wholeProbabilities, sureConfidence: parameters.sureConfidence)
        let labels = kept.indices.map { makeDigit(box: kept[$0].box, probabilities: wholeProbabilities[$0 * 10..<$0 * 10 + 10]).label }
        dropping(closingSlashIndices(kept, dashes: dashBoxes + dashComponents(segmentation.labels, digitHeight: h), writersSlant: lean, digitHeight: h)
            .union(dateSlashIndices(kept, labels: labels, writersSlant: lean, digitHeight: h)))
        // A digit whose strokes end on a rule or ran along it, read again with the rule's
        // stretch put back (ClosedOnARule.swift: a 9 whose loop a box's top rule closed reads
        // as a 4, a 2 whose base lay on a ruled line as a 7). A form's boxes, erased before the
        // rules were looked for, count as erased rules here.
        if let erased = erasedRules ?? (segmentation.boxesErased ? ErasedInk(before: inkMap.binary, after: segmentation.binary, width: inkMap.width) : nil) {
            (kept, wholeProbabilities) = try closingOnRules(kept, probabilities: wholeProbabilities, erased: erased, digitHeight: h)
        }
        // A 0 whose tail reads as a 2's base is read from its loop (ZerosWithTails.swift); so
        // are the pieces cut below, before the cuts are chosen.
        try readingZerosWithTails(kept, probabilities: &wholeProbabilities)
        // A doubtful 7 shaped like a 1 with a long flag is a 1 (FlaggedOnes.swift).
        readingFlaggedOnes(kept, probabilities: &wholeProbabilities)
        // A doubtful digit is read again with the fainter ink joined to it (FaintStrokes.swift);
        // then the page may hold fainter writing still, for the faint reading to look for.
        let grewFaintStrokes = try readingFaintStrokes(&kept, probabilities: &wholeProbabilities, inkMap: inkMap, segmentation: segmentation, digitHeight: h)
        var pieces = [Crop](), plans = [Int: (straight: SplitPlan, slanted: SplitPlan?)]()
        let slant = writersSlant(kept, probabilities: wholeProbabilities, sureConfidence: parameters.sureConfidence)
        for (i, whole) in kept.enumerated() {
            let wide = isWideEnoughToCut(whole.box, digitHeight: h, parameters: parameters)
            // Cut when read with doubt, or when wider than a single digit ever is: flatter than
            // any digit, or far wider than this writer's surely read digits (even when tall:
            // joined 9s with long tails).
            let veryWide = Double(whole.box.width) > 1.3 * Swift.max(Double(whole.box.height), 0.8 * h)
            let widerThanTheWriters = digitWidth.map { Double(whole.box.width) > 1.6 * $0 } ?? false
            let doubtful = Double(wholeProbabilities[i * 10..<i * 10 + 10].max()!) < parameters.splitBelowConfidence
            guard (wide && (veryWide || doubtful)) || widerThanTheWriters else { continue }
            let straight = SplitPlan(whole, firstIndex: pieces.count, digitHeight: h, digitWidth: digitWidth)
            pieces += straight.crops
            var slanted: SplitPlan?
            if -slant >= SplitPlan.slantedCutLean && Double(whole.box.width) >= SplitPlan.slantedCutAspect * Double(whole.box.height) {
                slanted = SplitPlan(whole, firstIndex: pieces.count, digitHeight: h, digitWidth: digitWidth, slant: slant)
                pieces += slanted!.crops
            }
            plans[i] = (straight, slanted)
        }
        // Each plan's first crop is the whole, already classified: only the cut pieces are new.
        let wholeOfPiece = Dictionary(uniqueKeysWithValues: plans.flatMap { i, plan in ([plan.straight] + [plan.slanted].compactMap { $0 }).map { ($0.firstIndex, i) } })
        let newPieces = pieces.indices.filter { wholeOfPiece[$0] == nil }
        let newNormalized = try newPieces.map { try normalizedPixels(pieces[$0]) }
        let newProbabilities = classifier.probabilities(images: newNormalized.flatMap { $0 }, count: newPieces.count)
        var pieceProbabilities = [Float](repeating: 0, count: pieces.count * 10)
        // A piece must pass the ink test a whole passes, and be no solid chunk: a chunk cut
        // from a thick bar (a 5's detached top drawn with a broad brush) normalizes to a blob
        // that reads as a sure 0. Such a piece keeps probability 0, so no reading goes through it.
        for (n, j) in newPieces.enumerated() where isDigitInkMass(newNormalized[n], maximum: parameters.maximumInkMass) && !isSolidChunk(pieces[j]) {
            pieceProbabilities.replaceSubrange(j * 10..<j * 10 + 10, with: newProbabilities[n * 10..<n * 10 + 10])
        }
        try readingZerosWithTails(pieces, probabilities: &pieceProbabilities, only: newPieces)
        for (j, i) in wholeOfPiece { pieceProbabilities.replaceSubrange(j * 10..<j * 10 + 10, with: wholeProbabilities[i * 10..<i * 10 + 10]) }
        var digits = [(box: Box, probabilities: ArraySlice<Float>)]()
        for (i, whole) in kept.enumerated() {
            if let plan = plans[i] {
                for j in SplitPlan.reading(straight: plan.straight, slanted: plan.slanted, probabilities: pieceProbabilities) { digits.append((pieces[j].box, pieceProbabilities[j * 10..<j * 10 + 10])) }
            } else {
                digits.append((whole.box, wholeProbabilities[i * 10..<i * 10 + 10]))
            }
        }
        digits = digits.filter { Double($0.probabilities.max()!) >= parameters.minimumConfidence }
        // A comma between two digits, too tall for a dot, is no digit however it reads (Commas.swift).
        let commas = commaIndices(digits.map(\.box))
        digits = digits.indices.filter { !commas.contains($0) }.map { digits[$0] }
        // A small printed sign before an amount is no digit either (LeadingMarks.swift); but
        // what reads as a 1 is one, written short and apart (a form's "1 27").
        let signs = leadingMarkIndices(digits.map(\.box)).filter { makeDigit(box: digits[$0].box, probabilities: digits[$0].probabilities).label != 1 }
        digits = digits.indices.filter { !signs.contains($0) }.map { digits[$0] }

        let order = readingOrder(digits.map(\.box), digitHeight: h, parameters: parameters, levelRows: segmentation.boxesErased)
        func toOriginal(_ box: Box) -> Box {
            let level = deskew?.mapBack(box) ?? box
            let mapped = page.map { $0.mapBack(level) } ?? level
            // Within the picture: a box turned back from a levelled or rectified page can
            // stick out past a corner.
            let x0 = Swift.max(0, Int((Double(mapped.x) / scale).rounded(.down))), y0 = Swift.max(0, Int((Double(mapped.y) / scale).rounded(.down)))
            let x1 = Swift.min(image.width, Int((Double(mapped.maxX) / scale).rounded(.up))), y1 = Swift.min(image.height, Int((Double(mapped.maxY) / scale).rounded(.up)))
            return Box(x: Swift.min(x0, image.width - 1), y: Swift.min(y0, image.height - 1),
                       width: Swift.max(1, x1 - x0), height: Swift.max(1, y1 - y0))
        }
        let lines = order.lines.map { numbers -> RecognizedLine in
            let recognizedNumbers = numbers.map { members -> RecognizedNumber in
                let ds = members.map { makeDigit(box: toOriginal(digits[$0].box), probabilities: digits[$0].probabilities) }
                return RecognizedNumber(text: ds.map { String($0.label) }.joined(), box: ds.dropFirst().reduce(ds[0].box) { $0.union($1.box) },
                                        confidence: ds.map(\.confidence).min() ?? 0, digits: ds)
            }
            return RecognizedLine(text: recognizedNumbers.map(\.text).joined(separator: " "), numbers: recognizedNumbers)
        }
        // A sheet found that holds no writing is not the one written on (the blank page of an
        // open notebook, a card beside the page): the photo is read as it is. Unless its writing
        // is too small to see at the scale a large photo was shrunk to: the sheet is read at the
        // picture's own size first (up to `maximumFinerSide`). A 12-megapixel photo of squared
        // paper on wood with a 23-pixel number in its middle: shrunk, the digits were 8 pixels
        // tall, the size of the paper's squares, and the photo read as it is gave the desk's
        // grain. (A sheet found already is the one: its reading is what it holds.)
        if sheetFound && lines.isEmpty, case .lookedFor = sheet {
            let ownSize = Swift.min(1 / scale, parameters.maximumFinerSide / (long * scale))
            if fine == nil, mayReadFiner, shrinking == 1, ownSize > 1.25 {
                let atOwnSize = try readAsGiven(image, writingDebugImages: writesDebugImages, shrinking: ownSize, faintInk: faintInk,
                                                sheet: sheetAgain, mayReadFiner: false)
                if !atOwnSize.result.lines.isEmpty {
                    return (atOwnSize.result, atOwnSize.fainterWriting, RereadScale(shrinking: ownSize, mayReadFiner: false))
                }
            }
            return keepingSurer(try readAsGiven(image, writingDebugImages: writesDebugImages, shrinking: shrinking, faintInk: faintInk,
                                                sheet: .none, mayReadFiner: mayReadFiner && fine == nil))
        }
        // Reported counter-clockwise positive, like the reading order's own estimate.
        let skewDegrees = order.skewDegrees - (deskew?.angle ?? 0) * 180 / .pi
        var result = RecognitionResult(width: image.width, height: image.height, skewDegrees: skewDegrees, pageRectified: page != nil, lines: lines)
        var otherSize = segmentation.writingOfAnotherSize
        otherSize.taller = otherSize.taller.map(toOriginal)
        result.writingOfAnotherSize = otherSize
        result.readWithFaintStrokes = grewFaintStrokes
        let reading = keepingSurer((result, inkMap.mayHoldFainterWriting || grewFaintStrokes, RereadScale()))
        // A slip under `smallestSheetFraction` of the photo may be something else (a patch of
        // desk, a lit corner): the photo is read as it is too, and that reading kept when it
        // reads more sure-less-doubtful digits. A slip of squared paper found and enlarged
        // showed its grid as dashes read as 1s ("41 5451107 81 52" for "15 07 81").
        if case .lookedFor = sheet, let page, page.pictureFrame == nil,
           polygonArea(page.corners.map { Point(x: Int($0.0.rounded()), y: Int($0.1.rounded())) })
            < parameters.smallestSheetFraction * Double(unturned.width * unturned.height) {
            let asItIs = try readAsGiven(image, writingDebugImages: false, shrinking: shrinking, faintInk: faintInk, sheet: .none,
                                         mayReadFiner: mayReadFiner && fine == nil)
            let sure = parameters.sureConfidence
            if ReadingStrength(asItIs.result, sureConfidence: sure).net > ReadingStrength(reading.result, sureConfidence: sure).net { return asItIs }
        }
        return reading
    }

    /// A crop normalized the MNIST way (784 values, ink 1).
    func normalizedPixels(_ crop: Crop) throws -> [Float] {
        try normalizeDigit(mask: crop.mask, width: crop.box.width, height: crop.box.height, targetStrokeWidth: parameters.targetStrokeWidth)
    }
}

/// Whether lines running half across the picture or more were erased from `inkMap` to make
/// `segmentation` (of the same size).
func printedLinesAcross(_ inkMap: InkMap, _ segmentation: Segmentation) -> Bool {
    segmentation.linesRemoved && ErasedInk(before: inkMap.binary, after: segmentation.binary, width: inkMap.width).longestRunAcross >= 0.5
}
