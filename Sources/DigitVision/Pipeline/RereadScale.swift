/// The scale a picture is read at: finer than the working scale for small digits, enlarged
/// past its own size, and again (with fainter ink, turned) once read as given.

/// Whether a picture's reading enlarged is kept over its reading at its own size or less: when
/// it reads something, and more sure digits less doubtful ones, or as many and as many digits.
/// (On `Benchmarks/regression.sh`'s 2,504 pictures, while the rule was tried: kept only when
/// surer, 20 read better and 7 worse; kept on a tie too, 24 and 7. A reading of nothing is no
/// better: a dark, noisy crop enlarged read as nothing where its own size read "789 1" of
/// "7891".)
func readsBetterEnlarged(_ enlarged: ReadingStrength, than own: ReadingStrength) -> Bool {
    enlarged.count > 0 && (enlarged.net > own.net || (enlarged.net == own.net && enlarged.count >= own.count))
}

/// Whether a picture's reading at a finer scale, up to its own size, is kept over the coarse
/// one: when it reads more sure digits less doubtful ones, or many more sure digits (over
/// twice as many, and 3 more) with a higher mean confidence. Blurred writing read finer
/// reads more digits, a third of them surely: a reviewer's 12-megapixel photo of 62 blurred
/// 20-pixel digits read 15 sure and 30 doubtful finer, and was given the coarse reading of
/// 14 doubtful blobs and none sure.
func readsBetterFiner(_ fine: ReadingStrength, than coarse: ReadingStrength) -> Bool {
    fine.net > coarse.net || (fine.sure > 2 * coarse.sure + 2 && fine.meanConfidence > coarse.meanConfidence)
}

/// The scale a picture is read at again (with fainter ink, turned) once read as given: when
/// the reading as given compared a finer scale with the coarse one for its small digits, the
/// scale it kept and no second comparison; otherwise each reading decides for itself.
struct RereadScale {
    var shrinking = 1.0
    var mayReadFiner = true
}
