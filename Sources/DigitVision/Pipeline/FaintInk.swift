/// Writing fainter than ink must be: light pencil on a small crop, a washed-out or
/// motion-blurred photo, its strokes 6–12% darker than the paper, under
/// `PipelineParameters.minimumInkContrast`, which keeps paper grain, cloth and guilloche out of
/// the ink. Such a picture reads as nothing, or as doubtful pieces of its strokes, so it is
/// read again with the floor lowered to `minimumFaintInkContrast`, and that reading is kept
/// only when it is convincing and surer than the first. So is a picture that may hold
/// writing fainter than its threshold (`InkMap.mayHoldFainterWriting`: much ink under the
/// floor, or a form's dark rules holding the threshold up) even when it reads convincingly:
/// part of a row fainter than the rest (washed out by glare, blurred by motion) leaves the
/// clear digits sure and the faint ones lost or broken ("943" read "43"). Lowering the floor
/// for every picture filled a reviewer's cloth and wood-grain backgrounds with 3s. The faint
/// reading also chooses the threshold beside a form's dark rules (DarkRules.swift): pencil in
/// black boxes.
extension DigitRecognizer {
    /// The reading of `image` with the faint floor, when the reading as given (`asGiven`) is
    /// not convincing (`isConvincing`: no digit, or doubtful ones) or may hold fainter writing
    /// (`fainterWriting`), and the faint one is convincing, with a higher mean confidence
    /// and as many sure digits, or, when the first joined fainter ink to some digits
    /// (`RecognitionResult.readWithFaintStrokes`), with more sure digits and none lost. Nil
    /// otherwise.
    func faintReading(of image: Image, asGiven: RecognitionResult, fainterWriting: Bool, shrinking: Double = 1,
                      mayReadFiner: Bool = true) throws -> RecognitionResult? {
        let first = ReadingStrength(asGiven, sureConfidence: parameters.sureConfidence)
        guard !first.isConvincing || fainterWriting, parameters.minimumFaintInkContrast < parameters.minimumInkContrast else { return nil }
        let reading = try recognizeAsGiven(image, writingDebugImages: false, shrinking: shrinking, faintInk: true, mayReadFiner: mayReadFiner)
        let faint = ReadingStrength(reading, sureConfidence: parameters.sureConfidence)
        // A first reading that joined fainter ink to some of its digits (FaintStrokes.swift) is
        // surer for it than the faint reading's digits found anew, under glare or on a faint
        // stretch of a row: a faint reading that reads more sure digits, losing none, is better.
        let lost = sureDigitsLost(from: asGiven, in: reading, sureConfidence: parameters.sureConfidence)
        let surer = faint.meanConfidence > first.meanConfidence && faint.sure >= first.sure
        let more = asGiven.readWithFaintStrokes && faint.sure > first.sure && lost == 0
        guard faint.isConvincing, surer || more else { return nil }
        // A convincing first reading is bettered, not robbed: the fainter ink may fill a heavy
        // digit's loops until it reads as a scribble (an 8 traced twice, in glare). Sure digits
        // it loses must be outweighed by more sure digits gained.
        if first.isConvincing, lost > 0, faint.sure - first.sure <= lost { return nil }
        return reading
    }
}

/// How many digits `first` read surely (with `sureConfidence` or more,
/// `PipelineParameters.sureConfidence`) `second` does not read, by a digit covering half its
/// box or more. Sure 1s count too: a streak reads as a sure 1, but a faint reading that only
/// drops one is no surer, and one that dropped a printed form's 1 (its threshold beside the
/// box's dark rules joined the 1 to a side) read "515862" as "5 5862".
func sureDigitsLost(from first: RecognitionResult, in second: RecognitionResult, sureConfidence: Double) -> Int {
    let sure = first.digits.filter { $0.confidence >= sureConfidence }
    return sure.filter { digit in
        !second.digits.contains { 2 * digit.box.sharedArea(with: $0.box) >= digit.box.width * digit.box.height }
    }.count
}
