/// Light digits on a dark ground seen close: a digit drawn on a black canvas, an MNIST digit
/// enlarged. `isDarkBackground` (InkMap.swift) takes a picture for light ink when its bright
/// side is a minority and does not survive an erosion; strokes 8 pixels thick in an 84-pixel
/// picture (or a large digit shrunk to 60 pixels, `maximumDigitHeight`) survive it, as a
/// sheet of paper on a dark desk does, and the picture was read as paper on a desk: as
/// nothing. Telling the two apart by shape fails both ways (a bold 8 fills its box as well as
/// a cheque with large digits fills its own, and a 1 is as long for its width as a strip of
/// paper), so such a picture is read as its negative too when read as nothing.
extension DigitRecognizer {
    /// The negative of `image` and its reading, when the reading as given (`asGiven`) found
    /// no digit, the picture's bright side is a minority (`brightSideIsMinority`), and the
    /// negative reads convincingly: its digits with a mean confidence of 0.7, at most half of
    /// them read less than surely (`sureConfidence`; or the one digit read alone: an enlarged
    /// MNIST 5 reads 0.79). A blank sheet on a desk, reversed, reads as nothing or as doubtful
    /// specks of desk. Nil otherwise.
    func negativeReading(of image: Image, asGiven: RecognitionResult) throws -> (image: Image, result: RecognitionResult)? {
        guard asGiven.digits.isEmpty, try brightSideIsMinority(image.grayscale()).minority else { return nil }
        let negative = try image.negative()
        let reading = try recognizeAsGiven(negative, writingDebugImages: false)
        guard ReadingStrength(reading, sureConfidence: parameters.sureConfidence).isConvincing else { return nil }
        return (negative, reading)
    }
}

extension Image {
    /// The picture with every channel reversed (255 − value).
    public func negative() throws -> Image {
        try Image(width: width, height: height, channels: channels, pixels: pixels.map { 255 - $0 })
    }
}
