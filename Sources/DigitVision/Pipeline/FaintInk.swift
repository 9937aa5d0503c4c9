/// Writing fainter than ink must be: light pencil on a small crop, a washed-out or
/// motion-blurred photo, its strokes 6–12% darker than the paper, under
/// `PipelineParameters.minimumInkContrast`, which keeps paper grain, cloth and guilloche out of
/// the ink. Such a picture reads as nothing, or as doubtful pieces of its strokes, so it is
/// read again with the floor lowered to `minimumFaintInkContrast`, and that reading is kept
/// only when it is convincing and surer than the first. Lowering the floor for every picture
/// filled a reviewer's cloth and wood-grain backgrounds with 3s. The faint reading also
/// chooses the threshold beside a form's dark rules (DarkRules.swift): pencil in black boxes.
extension DigitRecognizer {
    /// The reading of `image` with the faint floor, when the reading as given (`asGiven`) is
    /// not convincing (`isConvincing`: no digit, or doubtful ones) and the faint one is, with a
    /// higher mean confidence and as many sure digits. Nil otherwise.
    func faintReading(of image: Image, asGiven: RecognitionResult) throws -> RecognitionResult? {
        let first = ReadingStrength(asGiven)
        guard !first.isConvincing, parameters.minimumFaintInkContrast < parameters.minimumInkContrast else { return nil }
        let reading = try recognizeAsGiven(image, writingDebugImages: false, faintInk: true)
        let faint = ReadingStrength(reading)
        guard faint.isConvincing, faint.meanConfidence > first.meanConfidence, faint.sure >= first.sure else { return nil }
        return reading
    }
}
