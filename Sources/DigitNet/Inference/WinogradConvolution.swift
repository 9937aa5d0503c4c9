/// A 3x3, stride-1, same-padded convolution of one image by Winograd's minimal filtering
/// F(2x2, 3x3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2016).
///
/// Why: direct (im2col + GEMM) convolution spends 9 multiplications per output pixel, input
/// channel and output channel; F(2x2, 3x3) computes each 2x2 block of outputs from a 4x4 input
/// tile with 16, i.e. 2.25x fewer. The work becomes 16 independent GEMMs
/// `M[ξ] = V[ξ] · U[ξ]` (`[tiles, Cin] x [Cin, Cout]`), one per point ξ of the 4x4 transform,
/// between transforms that cost additions only:
///
///     V = Bᵀ d B    (each 4x4 input tile d, per channel)
///     U = G g Gᵀ    (each 3x3 kernel g, once, when compiling)
///     Y = Aᵀ M A    (2x2 outputs per tile)
///
/// A 2x2 output block is exactly a 2x2 max-pooling window, so pooling, bias and ReLU are
/// applied straight out of the output transform. The rounding differs from direct
/// convolution by a few units in the last place; the shipped model's probabilities agree
/// to about 1e-5.
struct WinogradConvolution {
    let height: Int, width: Int
    let inChannels: Int, outChannels: Int
    /// Transformed kernels `[16][Cin][Cout]`.
    let transformedWeights: [Float]
    let bias: [Float]
    let relu: Bool
    /// 1 or 2.
    let pool: Int

    var tilesY: Int { height / 2 }
    var tilesX: Int { width / 2 }
    var tileCount: Int { tilesY * tilesX }
    /// Floats of scratch: the zero-padded input, then the transformed input tiles `V`.
    var scratchColumns: Int { (height + 2) * (width + 2) * inChannels + 16 * tileCount * inChannels }
    /// Floats of scratch for the 16 GEMM outputs `M`.
    var scratchBand: Int { 16 * tileCount * outChannels }

    /// Whether this scheme computes a convolution of this shape: 3x3 kernel, stride 1, same
    /// padding, an even output, input channels in whole 8-float vectors and output channels
    /// in whole 16-float blocks, pooling by 1 or 2.
    static func applies(kernelSize: Int, stride: Int, padding: Conv2D.Padding, height: Int, width: Int,
                        inChannels: Int, outChannels: Int, pool: Int = 1) -> Bool {
        kernelSize == 3 && stride == 1 && padding == .same && height % 2 == 0 && width % 2 == 0
            && (pool == 1 || pool == 2) && inChannels % 8 == 0 && outChannels % 16 == 0
    }

    static func applies(to conv: Conv2D, height: Int, width: Int, pool: Int) -> Bool {
        applies(kernelSize: conv.kernelSize, stride: conv.stride, padding: conv.padding, height: height, width: width,
                inChannels: conv.inChannels, outChannels: conv.outChannels, pool: pool)
    }

    /// `weights`: `[3, 3, Cin, Cout]` with BatchNorm folded in.
    init(height: Int, width: Int, inChannels: Int, outChannels: Int, weights: [Float], bias: [Float], relu: Bool, pool: Int) {
        precondition(weights.count == 9 * inChannels * outChannels)
        let u = weights.withUnsafeBufferPointer {
            WinogradConvolution.transformKernels($0.baseAddress!, inChannels: inChannels, outChannels: outChannels, flipped: false)
        }
        self.init(height: height, width: width, inChannels: inChannels, outChannels: outChannels,
                  transformedWeights: u, bias: bias, relu: relu, pool: pool)
    }

    /// `transformedWeights`: `[16][Cin][Cout]`, from `transformKernels`.
    init(height: Int, width: Int, inChannels: Int, outChannels: Int, transformedWeights: [Float], bias: [Float], relu: Bool, pool: Int) {
        precondition(transformedWeights.count == 16 * inChannels * outChannels && bias.count == outChannels)
        self.height = height; self.width = width
        self.inChannels = inChannels; self.outChannels = outChannels
        self.transformedWeights = transformedWeights
        self.bias = bias; self.relu = relu; self.pool = pool
    }

    /// U = G g Gᵀ for every kernel of `weights` `[3, 3, Cin, Cout]`, with
    /// G = [[1, 0, 0], [½, ½, ½], [½, −½, ½], [0, 0, 1]]; returns `[16][Cin][Cout]`.
    /// `flipped`: transform instead the kernels of the convolution that carries gradients
    /// back to the input — each kernel turned by 180° and input and output channels swapped
    /// (`g'[ky][kx][co][ci] = g[2−ky][2−kx][ci][co]`); returns `[16][Cout][Cin]`.
    static func transformKernels(_ weights: UnsafePointer<Float>, inChannels: Int, outChannels: Int, flipped: Bool) -> [Float] {
        let g: [(Float, Float, Float)] = [(1, 0, 0), (0.5, 0.5, 0.5), (0.5, -0.5, 0.5), (0, 0, 1)]
        let plane = inChannels * outChannels
        var u = [Float](repeating: 0, count: 16 * plane)
        u.withUnsafeMutableBufferPointer { out in
            var tap = [Float](repeating: 0, count: 9), half = [Float](repeating: 0, count: 12)
            for ci in 0..<inChannels {
                for co in 0..<outChannels {
                    for k in 0..<9 { tap[flipped ? 8 - k : k] = weights[k * plane + ci * outChannels + co] }
                    // half = G g (4x3), then U = half Gᵀ (4x4).
                    for i in 0..<4 {
                        for b in 0..<3 { half[i * 3 + b] = g[i].0 * tap[b] + g[i].1 * tap[3 + b] + g[i].2 * tap[6 + b] }
                    }
                    let at = flipped ? co * inChannels + ci : ci * outChannels + co
                    for i in 0..<4 {
                        for j in 0..<4 {
                            out[(i * 4 + j) * plane + at] = half[i * 3] * g[j].0 + half[i * 3 + 1] * g[j].1 + half[i * 3 + 2] * g[j].2
                        }
                    }
                }
            }
        }
        return u
    }

    var outHeight: Int { height / pool }
    var outWidth: Int { width / pool }

    /// `x`: one image `[height, width, Cin]`; `y`: `[outHeight, outWidth, Cout]`.
    func run(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, columns: UnsafeMutablePointer<Float>, band: UnsafeMutablePointer<Float>) {
        let padded = columns, tiles = columns + (height + 2) * (width + 2) * inChannels
        pad(x, into: padded)
        transformInput(padded, into: tiles)
        let m = tileCount, n = outChannels, k = inChannels
        transformedWeights.withUnsafeBufferPointer { u in
            for xi in 0..<16 {
                smallMatrixProduct(tiles + xi * m * k, u.baseAddress! + xi * k * n, into: band + xi * m * n, m: m, k: k, n: n)
            }
        }
        transformOutput(band, into: y)
    }

    /// Copies the image into a frame one pixel wider on every side, the border zero.
    private func pad(_ x: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
        let c = inChannels, rowFloats = (width + 2) * c
        padded.update(repeating: 0, count: rowFloats)
        padded.advanced(by: (height + 1) * rowFloats).update(repeating: 0, count: rowFloats)
        for row in 0..<height {
            let line = padded + (row + 1) * rowFloats
            line.update(repeating: 0, count: c)
            (line + c).update(from: x + row * width * c, count: width * c)
            (line + (width + 1) * c).update(repeating: 0, count: c)
        }
    }

    /// V = Bᵀ d B for every 4x4 tile (stride 2) of the padded image, 8 channels at a time,
    /// with Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]].
    private func transformInput(_ padded: UnsafePointer<Float>, into v: UnsafeMutablePointer<Float>) {
        let c = inChannels, rowFloats = (width + 2) * c, point = tileCount * c
        for ty in 0..<tilesY {
            for tx in 0..<tilesX {
                let origin = padded + (2 * ty) * rowFloats + (2 * tx) * c
                let out = v + (ty * tilesX + tx) * c
                for block in stride(from: 0, to: c, by: 8) {
                    // Each row times B, then Bᵀ combines the rows.
                    let e0 = rowTimesB(origin + block, step: c), e1 = rowTimesB(origin + rowFloats + block, step: c)
                    let e2 = rowTimesB(origin + 2 * rowFloats + block, step: c), e3 = rowTimesB(origin + 3 * rowFloats + block, step: c)
                    storeRow((e0.0 - e2.0, e0.1 - e2.1, e0.2 - e2.2, e0.3 - e2.3), at: out + block, step: point)
                    storeRow((e1.0 + e2.0, e1.1 + e2.1, e1.2 + e2.2, e1.3 + e2.3), at: out + 4 * point + block, step: point)
                    storeRow((e2.0 - e1.0, e2.1 - e1.1, e2.2 - e1.2, e2.3 - e1.3), at: out + 8 * point + block, step: point)
                    storeRow((e1.0 - e3.0, e1.1 - e3.1, e1.2 - e3.2, e1.3 - e3.3), at: out + 12 * point + block, step: point)
                }
            }
        }
    }

    /// Y = Aᵀ M A for every tile, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]]; then the 2x2 block is
    /// pooled (or written whole), biased and rectified into `y`.
    private func transformOutput(_ m: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let c = outChannels, point = tileCount * c
        bias.withUnsafeBufferPointer { b in
            for tile in 0..<tileCount {
                let (ty, tx) = tile.quotientAndRemainder(dividingBy: tilesX)
                let source = m + tile * c
                for block in stride(from: 0, to: c, by: 8) {
                    // Each row of M times A, then Aᵀ combines the rows.
                    let s0 = rowTimesA(source + block, step: point), s1 = rowTimesA(source + 4 * point + block, step: point)
                    let s2 = rowTimesA(source + 8 * point + block, step: point), s3 = rowTimesA(source + 12 * point + block, step: point)
                    let y00 = s0.0 + s1.0 + s2.0, y01 = s0.1 + s1.1 + s2.1
                    let y10 = s1.0 - s2.0 - s3.0, y11 = s1.1 - s2.1 - s3.1
                    let bv = load(b.baseAddress! + block)
                    let zero = Vec8()
                    func finish(_ value: Vec8) -> Vec8 { relu ? larger(value + bv, zero) : value + bv }
                    if pool == 2 {
                        let top = larger(larger(y00, y01), larger(y10, y11))
                        store(finish(top), at: y + (ty * tilesX + tx) * c + block)
                    } else {
                        let base = y + ((2 * ty) * width + 2 * tx) * c + block
                        store(finish(y00), at: base)
                        store(finish(y01), at: base + c)
                        store(finish(y10), at: base + width * c)
                        store(finish(y11), at: base + width * c + c)
                    }
                }
            }
        }
    }
}

private typealias Vec8 = SIMD8<Float>

/// Four vectors `step` floats apart, times B: (d0 − d2, d1 + d2, d2 − d1, d1 − d3).
@inline(__always)
private func rowTimesB(_ p: UnsafePointer<Float>, step: Int) -> (Vec8, Vec8, Vec8, Vec8) {
    let d0 = load(p), d1 = load(p + step), d2 = load(p + 2 * step), d3 = load(p + 3 * step)
    return (d0 - d2, d1 + d2, d2 - d1, d1 - d3)
}

/// Four vectors `step` floats apart, times A: (m0 + m1 + m2, m1 − m2 − m3).
@inline(__always)
private func rowTimesA(_ p: UnsafePointer<Float>, step: Int) -> (Vec8, Vec8) {
    let m0 = load(p), m1 = load(p + step), m2 = load(p + 2 * step), m3 = load(p + 3 * step)
    return (m0 + m1 + m2, m1 - m2 - m3)
}

/// Lane-wise maximum (the standard library's generic `pointwiseMax` is not inlined here).
@inline(__always)
private func larger(_ a: Vec8, _ b: Vec8) -> Vec8 {
    a.replacing(with: b, where: a .< b)
}

/// Four vectors stored `step` floats apart.
@inline(__always)
private func storeRow(_ row: (Vec8, Vec8, Vec8, Vec8), at p: UnsafeMutablePointer<Float>, step: Int) {
    store(row.0, at: p); store(row.1, at: p + step); store(row.2, at: p + 2 * step); store(row.3, at: p + 3 * step)
}

@inline(__always)
private func load(_ pointer: UnsafePointer<Float>) -> Vec8 {
    UnsafeRawPointer(pointer).loadUnaligned(as: Vec8.self)
}

@inline(__always)
private func store(_ value: Vec8, at pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Vec8.self)
}

/// `C[m, n] = A[m, k] · B[k, n]`, all row-major and dense, `n` a multiple of 16: the small
/// products of a Winograd layer (for example 196x32 times 32x32), which a general BLAS
/// spends much of its time packing for. Six rows by sixteen columns of `C` are summed in
/// twelve vector registers while `k` runs, the classic register block for 16 AVX registers.
func smallMatrixProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int) {
    for column in stride(from: 0, to: n, by: 16) {
        var row = 0
        while row + 6 <= m {
            productBlock6x16(a + row * k, b + column, into: c + row * n + column, k: k, n: n)
            row += 6
        }
        while row < m {
            productBlock1x16(a + row * k, b + column, into: c + row * n + column, k: k, n: n)
            row += 1
        }
    }
}

@inline(__always)
private func productBlock6x16(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, k: Int, n: Int) {
    var c00 = Vec8(), c01 = Vec8(), c10 = Vec8(), c11 = Vec8(), c20 = Vec8(), c21 = Vec8()
    var c30 = Vec8(), c31 = Vec8(), c40 = Vec8(), c41 = Vec8(), c50 = Vec8(), c51 = Vec8()
    var bp = b
    for p in 0..<k {
        let b0 = load(bp), b1 = load(bp + 8)
        var s = Vec8(repeating: a[p])
        c00 = c00.addingProduct(s, b0); c01 = c01.addingProduct(s, b1)
        s = Vec8(repeating: a[k + p])
        c10 = c10.addingProduct(s, b0); c11 = c11.addingProduct(s, b1)
        s = Vec8(repeating: a[2 * k + p])
        c20 = c20.addingProduct(s, b0); c21 = c21.addingProduct(s, b1)
        s = Vec8(repeating: a[3 * k + p])
        c30 = c30.addingProduct(s, b0); c31 = c31.addingProduct(s, b1)
        s = Vec8(repeating: a[4 * k + p])
        c40 = c40.addingProduct(s, b0); c41 = c41.addingProduct(s, b1)
        s = Vec8(repeating: a[5 * k + p])
        c50 = c50.addingProduct(s, b0); c51 = c51.addingProduct(s, b1)
        bp += n
    }
    store(c00, at: c); store(c01, at: c + 8)
    store(c10, at: c + n); store(c11, at: c + n + 8)
    store(c20, at: c + 2 * n); store(c21, at: c + 2 * n + 8)
    store(c30, at: c + 3 * n); store(c31, at: c + 3 * n + 8)
    store(c40, at: c + 4 * n); store(c41, at: c + 4 * n + 8)
    store(c50, at: c + 5 * n); store(c51, at: c + 5 * n + 8)
}

@inline(__always)
private func productBlock1x16(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, k: Int, n: Int) {
    var c0 = Vec8(), c1 = Vec8()
    var bp = b
    for p in 0..<k {
        let s = Vec8(repeating: a[p])
        c0 = c0.addingProduct(s, load(bp)); c1 = c1.addingProduct(s, load(bp + 8))
        bp += n
    }
    store(c0, at: c); store(c1, at: c + 8)
}
