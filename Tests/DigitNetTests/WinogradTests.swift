import XCTest
@testable import DigitNet

/// Winograd's F(2x2, 3x3) convolution and its small matrix product must compute what the
/// im2col + BLAS path computes, for every shape the compiler hands them.
final class WinogradTests: XCTestCase {
    func testSmallMatrixProductMatchesBLAS() {
        var g = SeededGenerator(seed: 11)
        // Row counts with and without a tail after blocks of six; 16, 32 and 64 columns.
        for (m, k, n) in [(196, 32, 32), (49, 64, 64), (49, 32, 64), (7, 9, 16), (1, 5, 16), (6, 1, 48)] {
            let a = (0..<m * k).map { _ in g.uniform(-1, 1) }, b = (0..<k * n).map { _ in g.uniform(-1, 1) }
            var ours = [Float](repeating: .nan, count: m * n), blas = ours
            smallMatrixProduct(a, b, into: &ours, m: m, k: k, n: n)
            sgemm(transA: false, transB: false, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &blas, ldc: n)
            let worst = zip(ours, blas).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(worst, 1e-4 * Float(k), "\(m)x\(k)x\(n)")
        }
    }

    func testWinogradConvolutionMatchesDirect() {
        var g = SeededGenerator(seed: 12)
        for (side, cin, cout, pool, relu) in [(28, 32, 32, 2, true), (14, 32, 64, 1, true), (14, 64, 64, 2, false), (6, 8, 16, 1, false)] {
            let conv = Conv2D(name: "c", inChannels: cin, outChannels: cout, kernelSize: 3, padding: .same, generator: &g)
            let weights = Array(conv.weight.value.buffer), bias = (0..<cout).map { _ in g.uniform(-0.5, 0.5) }
            let winograd = FusedConvolution(conv, inHeight: side, inWidth: side, weights: weights, bias: bias, relu: relu, pool: pool)
            XCTAssertNotNil(winograd.winograd, "\(side)x\(side)x\(cin)→\(cout) should run by Winograd")
            let direct = FusedConvolution(conv, inHeight: side, inWidth: side, weights: weights, bias: bias, relu: relu, pool: pool, allowWinograd: false)
            XCTAssertNil(direct.winograd)
            let x = (0..<side * side * cin).map { _ in g.uniform() < 0.3 ? g.uniform(-2, 2) : 0 }
            func run(_ f: FusedConvolution) -> [Float] {
                var y = [Float](repeating: .nan, count: f.outputCount)
                var columns = [Float](repeating: 0, count: f.scratchColumns), band = [Float](repeating: 0, count: f.scratchBand)
                f.run(x, into: &y, columns: &columns, band: &band)
                return y
            }
            let expected = run(direct), got = run(winograd)
            XCTAssertEqual(got.count, (side / pool) * (side / pool) * cout)
            XCTAssertFalse(got.contains { $0.isNaN }, "every output written")
            let scale = expected.map(abs).max()!
            XCTAssertGreaterThan(scale, 0.1)
            let worst = zip(got, expected).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(worst, 1e-5 * scale * Float(cin), "\(side)x\(side)x\(cin)→\(cout) pool \(pool)")
        }
    }

    /// The training layer's Winograd forward against the convolution's formula, summed naively.
    func testConv2DLayerByWinogradMatchesTheFormula() {
        var g = SeededGenerator(seed: 13)
        let (n, h, w, cin, cout) = (2, 6, 8, 16, 32)
        let conv = Conv2D(name: "c", inChannels: cin, outChannels: cout, kernelSize: 3, padding: .same, generator: &g)
        for j in 0..<cout { conv.bias!.value[j] = g.uniform(-0.5, 0.5) }
        let x = randomTensor([n, h, w, cin], seed: 14)
        let y = conv.forward(x, training: true)
        XCTAssertEqual(y.shape, [n, h, w, cout])
        var worst: Float = 0
        for s in 0..<n { for oy in 0..<h { for ox in 0..<w { for co in 0..<cout {
            var sum = conv.bias!.value[co]
            for ky in 0..<3 { for kx in 0..<3 {
                let iy = oy + ky - 1, ix = ox + kx - 1
                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                for ci in 0..<cin { sum += x[((s * h + iy) * w + ix) * cin + ci] * conv.weight.value[((ky * 3 + kx) * cin + ci) * cout + co] }
            } }
            worst = Swift.max(worst, abs(sum - y[((s * h + oy) * w + ox) * cout + co]))
        } } } }
        XCTAssertLessThan(worst, 1e-4)
    }
}
