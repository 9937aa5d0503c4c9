/// The two kinds of step an `InferenceNetwork` runs: a convolution and a dense layer, each
/// with the BatchNorm, ReLU and max pooling that follow it folded in.
///
/// Folding (inference only, running statistics): a BatchNorm after a layer with weights `W`
/// and bias `b` becomes `W'[·, c] = s[c]·W[·, c]`, `b'[c] = s[c]·(b[c] − μ[c]) + β[c]` with
/// `s = γ / sqrt(σ² + ε)`. Pooling is taken before bias and ReLU — `max(a + b) = max(a) + b`
/// and ReLU is monotonic — so those two run on a quarter of the values.

/// A convolution for one fixed input size, applied to one image at a time in bands of output
/// rows, so that the im2col piece and the GEMM's output stay in the core's cache; the band is
/// pooled, biased and rectified straight into the next step's input.
struct FusedConvolution {
    let inHeight: Int, inWidth: Int, inChannels: Int
    /// Size of the convolution's own output (before pooling).
    let convHeight: Int, convWidth: Int
    let outChannels: Int
    let kernelSize: Int, stride: Int, padY: Int, padX: Int
    /// `[KH·KW·Cin, Cout]`, BatchNorm folded in.
    let weights: [Float]
    let bias: [Float]
    let relu: Bool
    /// Max-pooling window (1: none).
    let pool: Int
    /// Convolution output rows per band: a multiple of `pool`, the im2col piece ≤ 256 K floats
    /// (1 MB; every layer of the shipped model fits one 28x28 image in one band).
    let bandRows: Int
    /// The same convolution by Winograd's F(2x2, 3x3) when its shape allows (3x3, stride 1,
    /// same padding): 2.25x fewer multiplications than im2col + GEMM.
    let winograd: WinogradConvolution?

    /// `allowWinograd: false` forces im2col + GEMM (the tests compare the two).
    init(_ conv: Conv2D, inHeight: Int, inWidth: Int, weights: [Float], bias: [Float], relu: Bool, pool: Int, allowWinograd: Bool = true) {
        self.inHeight = inHeight; self.inWidth = inWidth; inChannels = conv.inChannels
        (convHeight, padY) = conv.geometry(inHeight)
        (convWidth, padX) = conv.geometry(inWidth)
        outChannels = conv.outChannels
        kernelSize = conv.kernelSize; stride = conv.stride
        self.weights = weights; self.bias = bias; self.relu = relu; self.pool = pool
        let k = kernelSize * kernelSize * inChannels
        let rows = Swift.max(1, (1 << 18) / Swift.max(1, convWidth * k)) / pool * pool
        bandRows = Swift.min(Swift.max(pool, rows), convHeight)
        winograd = allowWinograd && WinogradConvolution.applies(to: conv, height: convHeight, width: convWidth, pool: pool)
            ? WinogradConvolution(height: convHeight, width: convWidth, inChannels: inChannels, outChannels: outChannels,
                                  weights: weights, bias: bias, relu: relu, pool: pool)
            : nil
    }

    var outHeight: Int { convHeight / pool }
    var outWidth: Int { convWidth / pool }
    var outputCount: Int { outHeight * outWidth * outChannels }
    /// Scratch floats one band needs: its im2col rows and its GEMM output.
    var scratchColumns: Int { winograd?.scratchColumns ?? bandRows * convWidth * kernelSize * kernelSize * inChannels }
    var scratchBand: Int { winograd?.scratchBand ?? bandRows * convWidth * outChannels }

    /// `x`: one image `[inHeight, inWidth, inChannels]`; `y`: `[outHeight, outWidth, outChannels]`.
    func run(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, columns: UnsafeMutablePointer<Float>, band: UnsafeMutablePointer<Float>) {
        if let winograd {
            winograd.run(x, into: y, columns: columns, band: band)
            return
        }
        let k = kernelSize * kernelSize * inChannels, co = outChannels
        weights.withUnsafeBufferPointer { wts in
            var first = 0
            while first < convHeight {
                let rows = Swift.min(bandRows, convHeight - first)
                if inChannels == 1 {
                    directSingleChannel(x, rows: first..<first + rows, weights: wts.baseAddress!, into: band)
                } else {
                    im2col(x, rows: first..<first + rows, into: columns)
                    sgemm(transA: false, transB: false, m: rows * convWidth, n: co, k: k, a: columns, lda: k,
                          b: wts.baseAddress!, ldb: co, c: band, ldc: co)
                }
                finish(band, rows: rows, firstRow: first, into: y)
                first += rows
            }
        }
    }

    /// The thin first layer (K = KH·KW, one input channel) computed directly: for each tap of
    /// the kernel, its weights (all output channels, held in registers) are multiplied by the
    /// tap's input pixel and added along a row of output pixels, which stays in L1.
    private func directSingleChannel(_ x: UnsafePointer<Float>, rows: Range<Int>, weights: UnsafePointer<Float>, into band: UnsafeMutablePointer<Float>) {
        typealias Vec8 = SIMD8<Float>
        let co = outChannels, vectorChannels = co / 8 * 8
        for oy in rows {
            let out = band + (oy - rows.lowerBound) * convWidth * co
            out.update(repeating: 0, count: convWidth * co)
            for ky in 0..<kernelSize {
                let iy = oy * stride + ky - padY
                guard iy >= 0 && iy < inHeight else { continue }
                let line = x + iy * inWidth
                for kx in 0..<kernelSize {
                    let tap = weights + (ky * kernelSize + kx) * co
                    // Output columns whose input column ox·stride + kx − padX is inside the image.
                    let first = Swift.max(0, (padX - kx + stride - 1) / stride)
                    let end = Swift.min(convWidth, (inWidth - 1 + padX - kx) / stride + 1)
                    guard first < end else { continue }
                    for block in Swift.stride(from: 0, to: vectorChannels, by: 8) {
                        let w = UnsafeRawPointer(tap + block).loadUnaligned(as: Vec8.self)
                        for ox in first..<end {
                            let o = UnsafeMutableRawPointer(out + ox * co + block)
                            let pixel = Vec8(repeating: line[ox * stride + kx - padX])
                            o.storeBytes(of: o.loadUnaligned(as: Vec8.self).addingProduct(pixel, w), as: Vec8.self)
                        }
                    }
                    for c in vectorChannels..<co {
                        for ox in first..<end { out[ox * co + c] += line[ox * stride + kx - padX] * tap[c] }
                    }
                }
            }
        }
    }

    private func im2col(_ x: UnsafePointer<Float>, rows: Range<Int>, into columns: UnsafeMutablePointer<Float>) {
        _ = im2colRows(x, height: inHeight, width: inWidth, channels: inChannels, kernelSize: kernelSize, stride: stride,
                       padY: padY, padX: padX, outputWidth: convWidth, rows: rows, into: columns)
    }

    /// Pools a band of convolution output, adds the bias and rectifies, into `y`.
    private func finish(_ band: UnsafeMutablePointer<Float>, rows: Int, firstRow: Int, into y: UnsafeMutablePointer<Float>) {
        let co = outChannels
        bias.withUnsafeBufferPointer { b in
            for py in 0..<rows / pool {
                let out = y + ((firstRow / pool + py) * outWidth) * co
                for px in 0..<outWidth {
                    let o = out + px * co
                    let corner = band + (py * pool * convWidth + px * pool) * co
                    for c in 0..<co { o[c] = corner[c] }
                    for dy in 0..<pool {
                        for dx in 0..<pool where dy + dx > 0 {
                            let p = corner + (dy * convWidth + dx) * co
                            for c in 0..<co { o[c] = Swift.max(o[c], p[c]) }
                        }
                    }
                    if relu {
                        for c in 0..<co { o[c] = Swift.max(0, o[c] + b[c]) }
                    } else {
                        for c in 0..<co { o[c] += b[c] }
                    }
                }
            }
        }
    }
}

/// A dense layer over a group of feature rows, then bias and ReLU.
///
/// A page has about ten crops, five per core. GEMM packs the whole weight matrix (3.2 MB for
/// fc1) on every call, and multiplying five rows that way took 0.74 ms of a core's 2.6 ms of
/// classifying. Here the weights are packed once, when compiling, into column panels read
/// front to back, each multiplied into four rows at a time held in registers: 0.41 ms for
/// five rows, and no slower than GEMM up to the 32 rows of a group (measured 1.30 vs 1.33 ms).
struct FusedDense {
    let inputSize: Int, outputSize: Int
    /// The weights `[in, out]` (BatchNorm folded in) as column panels: panel `p` holds, for
    /// each input `k`, the outputs `p·16 ..< p·16 + 16` (zero past `outputSize`).
    let panels: [Float]
    let bias: [Float]
    let relu: Bool
    static let panelWidth = 16

    init(inputSize: Int, outputSize: Int, weights: [Float], bias: [Float], relu: Bool) {
        (self.inputSize, self.outputSize, self.bias, self.relu) = (inputSize, outputSize, bias, relu)
        let width = FusedDense.panelWidth, count = (outputSize + width - 1) / width
        var panels = [Float](repeating: 0, count: count * inputSize * width)
        for p in 0..<count {
            for k in 0..<inputSize {
                for c in 0..<Swift.min(width, outputSize - p * width) { panels[(p * inputSize + k) * width + c] = weights[k * outputSize + p * width + c] }
            }
        }
        self.panels = panels
    }

    /// `x`: `[rows, inputSize]`; `y`: `[rows, outputSize]`.
    func run(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>) {
        // Panel by panel, so each is read from memory once and from cache for the rows
        // after the first four.
        panels.withUnsafeBufferPointer { panels in
            for p in 0..<(outputSize + FusedDense.panelWidth - 1) / FusedDense.panelWidth {
                var first = 0
                while first < rows {
                    let n = Swift.min(4, rows - first)
                    multiplyPanel(p, panels.baseAddress!, x + first * inputSize, rows: n, into: y + first * outputSize)
                    first += n
                }
            }
        }
        bias.withUnsafeBufferPointer { b in
            for r in 0..<rows {
                let o = y + r * outputSize
                if relu {
                    for j in 0..<outputSize { o[j] = Swift.max(0, o[j] + b[j]) }
                } else {
                    for j in 0..<outputSize { o[j] += b[j] }
                }
            }
        }
    }
}

/// Folds a BatchNorm (running statistics) into the weights `[fanIn, channels]` and bias of
/// the layer before it.
func foldBatchNorm(_ bn: BatchNorm, weights: inout [Float], bias: inout [Float]) {
    let c = bn.channels
    for j in 0..<c {
        let scale = bn.weight.value[j] / (bn.runningVariance.value[j] + bn.epsilon).squareRoot()
        bias[j] = scale * (bias[j] - bn.runningMean.value[j]) + bn.bias.value[j]
        var i = j
        while i < weights.count { weights[i] *= scale; i += c }
    }
}

extension FusedDense {
    /// Panel `p`'s 16 outputs of `y[r] = x[r] · weights` for up to four rows, in two SIMD8
    /// accumulators a row, summed over every input as the panel streams by.
    @inline(__always)
    func multiplyPanel(_ p: Int, _ panels: UnsafePointer<Float>, _ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>) {
        let width = FusedDense.panelWidth, k = inputSize
        let x0 = x, x1 = x + (rows > 1 ? k : 0), x2 = x + (rows > 2 ? 2 * k : 0), x3 = x + (rows > 3 ? 3 * k : 0)
        // Per row, the panel's first eight outputs and its last eight.
        var first0 = SIMD8<Float>(), last0 = SIMD8<Float>(), first1 = SIMD8<Float>(), last1 = SIMD8<Float>()
        var first2 = SIMD8<Float>(), last2 = SIMD8<Float>(), first3 = SIMD8<Float>(), last3 = SIMD8<Float>()
        let raw = UnsafeRawPointer(panels + p * k * width)
        for i in 0..<k {
            let lo = raw.loadUnaligned(fromByteOffset: i * width * 4, as: SIMD8<Float>.self)
            let hi = raw.loadUnaligned(fromByteOffset: i * width * 4 + 32, as: SIMD8<Float>.self)
            let v0 = SIMD8(repeating: x0[i]), v1 = SIMD8(repeating: x1[i]), v2 = SIMD8(repeating: x2[i]), v3 = SIMD8(repeating: x3[i])
            first0.addProduct(v0, lo); last0.addProduct(v0, hi)
            first1.addProduct(v1, lo); last1.addProduct(v1, hi)
            first2.addProduct(v2, lo); last2.addProduct(v2, hi)
            first3.addProduct(v3, lo); last3.addProduct(v3, hi)
        }
        // Rows past `rows` read row 0 again and are not stored.
        let columns = Swift.min(width, outputSize - p * width)
        func store(_ first: SIMD8<Float>, _ last: SIMD8<Float>, row r: Int) {
            guard r < rows else { return }
            let out = y + r * outputSize + p * width
            for c in 0..<columns { out[c] = c < 8 ? first[c] : last[c - 8] }
        }
        store(first0, last0, row: 0); store(first1, last1, row: 1); store(first2, last2, row: 2); store(first3, last3, row: 3)
    }
}
