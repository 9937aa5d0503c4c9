/// 2-D convolution over NHWC tensors, computed as im2col + GEMM on cache-sized pieces.
///
/// Formula: `y[n, oy, ox, co] = b[co] + Σ_{ky,kx,ci} x[n, oy·s + ky − p, ox·s + kx − p, ci] · w[ky, kx, ci, co]`
/// with stride `s` and top/left padding `p` (zero outside the image).
/// Layout: input `[N, H, W, Cin]`, output `[N, Ho, Wo, Cout]`, weight `[KH, KW, Cin, Cout]`
/// (Keras/TensorFlow HWIO), bias `[Cout]`.
/// Padding: `.same` gives `Ho = ceil(H / s)`; `.valid` gives `Ho = (H − KH) / s + 1`.
/// Initialization: He normal, `std = sqrt(2 / (KH·KW·Cin))`; bias zero.
///
/// Forward: for a few samples at a time, build `col [rows, KH·KW·Cin]` (im2col) and compute
/// `y = col · W`. Backward rebuilds the same `col` (cheaper than keeping a batch-sized one
/// in memory, which would not fit in cache) and computes `dW += colᵀ · dy`, `db += Σ dy`,
/// `dcol = dy · Wᵀ`, then scatters `dcol` into `dx` (col2im). Each worker thread handles its
/// own samples with its own scratch and weight-gradient buffers, summed at the end.
///
/// 3x3, stride-1, same-padded layers whose channel counts fill whole vectors (all but the
/// first of the shipped model) run the forward pass and the input gradient by Winograd's
/// F(2x2, 3x3) instead (`WinogradConvolution`, 2.25x fewer multiplications): the input
/// gradient of such a layer is itself such a convolution of `dy`, by the kernels turned
/// 180° with input and output channels swapped. The weight gradient stays im2col + GEMM.
public final class Conv2D: Layer {
    public enum Padding: String, Sendable { case same, valid }

    public let weight: Parameter
    public let bias: Parameter?
    public let kernelSize: Int
    public let stride: Int
    public let padding: Padding
    public let inChannels: Int
    public let outChannels: Int
    /// The first layer of a network needs no input gradient; skipping it saves a GEMM.
    public var computesInputGradient = true

    private let output = Tensor()
    private let inputGradient = Tensor()
    private var input: Tensor?
    private let workspaces = (0..<Parallel.workers).map { _ in Workspace() }

    /// Scratch of one worker: the im2col piece, its gradient, and a private dW / db; the
    /// Winograd path's transformed tiles and products.
    private final class Workspace {
        let columns = Tensor()
        let columnGradient = Tensor()
        let tiles = Tensor()
        let products = Tensor()
        let weightGradient = Tensor()
        let biasGradient = Tensor()
    }

    public init(name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
                padding: Padding = .same, useBias: Bool = true, generator: inout SeededGenerator) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        weight = Parameter(name: "\(name).weight", shape: [kernelSize, kernelSize, inChannels, outChannels], decays: true)
        bias = useBias ? Parameter(name: "\(name).bias", shape: [outChannels], decays: false) : nil
        fillNormal(weight.value, standardDeviation: (2 / Float(kernelSize * kernelSize * inChannels)).squareRoot(), generator: &generator)
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    /// Output size and top/left padding along one axis.
    func geometry(_ size: Int) -> (out: Int, pad: Int) {
        switch padding {
        case .valid:
            return ((size - kernelSize) / stride + 1, 0)
        case .same:
            let out = (size + stride - 1) / stride
            let total = Swift.max((out - 1) * stride + kernelSize - size, 0)
            return (out, total / 2)
        }
    }

    /// Whether the forward pass and the input gradient run by Winograd on `h x w` inputs
    /// (both directions must qualify: the input gradient swaps the channel counts).
    private func usesWinograd(h: Int, w: Int) -> Bool {
        WinogradConvolution.applies(kernelSize: kernelSize, stride: stride, padding: padding, height: h, width: w,
                                    inChannels: inChannels, outChannels: outChannels)
            && WinogradConvolution.applies(kernelSize: kernelSize, stride: stride, padding: padding, height: h, width: w,
                                           inChannels: outChannels, outChannels: inChannels)
    }

    /// Runs `plan` on each sample of `x` into `y` (`[N, H, W, ·]` both), samples spread over the workers.
    private func runWinograd(_ plan: WinogradConvolution, samples n: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let inFloats = plan.height * plan.width * plan.inChannels, outFloats = plan.height * plan.width * plan.outChannels
        Parallel.forEachChunkWithWorker(n, minimumPerChunk: 1) { samples, worker in
            let space = workspaces[worker]
            space.tiles.resize(to: [plan.scratchColumns]); space.products.resize(to: [plan.scratchBand])
            for s in samples {
                plan.run(x + s * inFloats, into: y + s * outFloats, columns: space.tiles.data, band: space.products.data)
            }
        }
    }

    /// Samples per GEMM: enough rows to keep BLAS efficient, few enough that `col` stays
    /// in the core's cache (about 1 MB).
    private func samplesPerPiece(outputPixels: Int) -> Int {
        let k = kernelSize * kernelSize * inChannels
        return Swift.max(1, Swift.min(16, (1 << 18) / Swift.max(1, outputPixels * k)))
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.shape.count == 4 && input.shape[3] == inChannels, "Conv2D expects [N,H,W,\(inChannels)], got \(input.shape)")
        self.input = input
        let (n, h, w) = (input.shape[0], input.shape[1], input.shape[2])
        let (oh, ow) = (geometry(h).out, geometry(w).out)
        let k = kernelSize * kernelSize * inChannels, co = outChannels
        output.resize(to: [n, oh, ow, co])
        let piece = samplesPerPiece(outputPixels: oh * ow)
        let y = output.data, wts = weight.value.data, b = bias?.value.data
        if usesWinograd(h: h, w: w) {
            let plan = WinogradConvolution(
                height: h, width: w, inChannels: inChannels, outChannels: co,
                transformedWeights: WinogradConvolution.transformKernels(wts, inChannels: inChannels, outChannels: co, flipped: false),
                bias: bias.map { Array($0.value.buffer) } ?? [Float](repeating: 0, count: co), relu: false, pool: 1)
            runWinograd(plan, samples: n, input.data, into: y)
            return output
        }
        if n == 1 && Parallel.workers > 1 {
            // One image (a live crop): split its output rows over the workers instead.
            Parallel.forEachChunkWithWorker(oh, minimumPerChunk: 4) { outputRows, worker in
                let columns = workspaces[worker].columns
                let rows = outputRows.count * ow
                columns.resize(to: [rows, k])
                im2col(input.data, samples: 0..<1, outputRows: outputRows, h: h, w: w, into: columns.data)
                let out = y + outputRows.lowerBound * ow * co
                if let b { for r in 0..<rows { (out + r * co).update(from: b, count: co) } }
                sgemm(transA: false, transB: false, m: rows, n: co, k: k, a: columns.data, lda: k,
                      b: wts, ldb: co, beta: b == nil ? 0 : 1, c: out, ldc: co)
            }
            return output
        }
        Parallel.forEachChunkWithWorker(n, minimumPerChunk: 2) { samples, worker in
            let columns = workspaces[worker].columns
            var first = samples.lowerBound
            while first < samples.upperBound {
                let count = Swift.min(piece, samples.upperBound - first), rows = count * oh * ow
                columns.resize(to: [rows, k])
                im2col(input.data, samples: first..<first + count, h: h, w: w, into: columns.data)
                let out = y + first * oh * ow * co
                if let b { for r in 0..<rows { (out + r * co).update(from: b, count: co) } }
                sgemm(transA: false, transB: false, m: rows, n: co, k: k, a: columns.data, lda: k,
                      b: wts, ldb: co, beta: b == nil ? 0 : 1, c: out, ldc: co)
                first += count
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input else { preconditionFailure("Conv2D.backward before forward") }
        let (n, h, w) = (input.shape[0], input.shape[1], input.shape[2])
        let (oh, ow) = (geometry(h).out, geometry(w).out)
        let k = kernelSize * kernelSize * inChannels, co = outChannels
        let piece = samplesPerPiece(outputPixels: oh * ow)
        inputGradient.resize(to: input.shape)
        let dy = outputGradient.data, dx = inputGradient.data, wts = weight.value.data
        let needsInputGradient = computesInputGradient
        // By Winograd: the input gradient after the weight gradient, over all samples at once.
        let winogradInputGradient = needsInputGradient && usesWinograd(h: h, w: w)
        for space in workspaces {
            space.weightGradient.resize(to: weight.shape); space.weightGradient.fill(0)
            space.biasGradient.resize(to: [co]); space.biasGradient.fill(0)
        }
        Parallel.forEachChunkWithWorker(n, minimumPerChunk: 2) { samples, worker in
            let space = workspaces[worker]
            var first = samples.lowerBound
            while first < samples.upperBound {
                let count = Swift.min(piece, samples.upperBound - first), rows = count * oh * ow
                space.columns.resize(to: [rows, k])
                im2col(input.data, samples: first..<first + count, h: h, w: w, into: space.columns.data)
                let g = dy + first * oh * ow * co
                sgemm(transA: true, transB: false, m: k, n: co, k: rows, a: space.columns.data, lda: k,
                      b: g, ldb: co, beta: 1, c: space.weightGradient.data, ldc: co)
                if bias != nil { sumRows(g, rows: rows, columns: co, into: space.biasGradient.data) }
                if needsInputGradient && !winogradInputGradient {
                    space.columnGradient.resize(to: [rows, k])
                    sgemm(transA: false, transB: true, m: rows, n: k, k: co, a: g, lda: co,
                          b: wts, ldb: co, c: space.columnGradient.data, ldc: k)
                    col2im(space.columnGradient.data, samples: first..<first + count, h: h, w: w, into: dx)
                }
                first += count
            }
        }
        if winogradInputGradient {
            let plan = WinogradConvolution(
                height: h, width: w, inChannels: co, outChannels: inChannels,
                transformedWeights: WinogradConvolution.transformKernels(wts, inChannels: inChannels, outChannels: co, flipped: true),
                bias: [Float](repeating: 0, count: inChannels), relu: false, pool: 1)
            runWinograd(plan, samples: n, dy, into: dx)
        }
        for space in workspaces {
            add(space.weightGradient, into: weight.gradient)
            if let bias { add(space.biasGradient, into: bias.gradient) }
        }
        if !needsInputGradient { inputGradient.fill(0) }
        return inputGradient
    }

    /// Writes the im2col rows of `samples` (one row per output pixel, KH·KW runs of Cin),
    /// for all output rows or only `outputRows`.
    private func im2col(_ source: UnsafePointer<Float>, samples: Range<Int>, outputRows: Range<Int>? = nil, h: Int, w: Int, into dst: UnsafeMutablePointer<Float>) {
        let c = inChannels
        let (oh, padY) = geometry(h), (ow, padX) = geometry(w)
        var row = dst
        for b in samples {
            row = im2colRows(source + b * h * w * c, height: h, width: w, channels: c, kernelSize: kernelSize, stride: stride,
                             padY: padY, padX: padX, outputWidth: ow, rows: outputRows ?? 0..<oh, into: row)
        }
    }

    /// Adds the im2col-shaped gradient of `samples` back onto their input positions.
    private func col2im(_ source: UnsafePointer<Float>, samples: Range<Int>, h: Int, w: Int, into dst: UnsafeMutablePointer<Float>) {
        let c = inChannels, ks = kernelSize, s = stride
        let (oh, padY) = geometry(h), (ow, padX) = geometry(w)
        var row = source
        for b in samples {
            let image = dst + b * h * w * c
            image.update(repeating: 0, count: h * w * c)
            for oy in 0..<oh {
                for ox in 0..<ow {
                    for ky in 0..<ks {
                        let iy = oy * s + ky - padY
                        for kx in 0..<ks {
                            let ix = ox * s + kx - padX
                            if iy >= 0 && iy < h && ix >= 0 && ix < w {
                                let target = image + (iy * w + ix) * c
                                for ci in 0..<c { target[ci] += row[ci] }
                            }
                            row += c
                        }
                    }
                }
            }
        }
    }
}

/// `into[j] += Σ_i matrix[i, j]` for a row-major `rows x columns` matrix.
func sumRows(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let row = matrix + r * columns
        for j in 0..<columns { into[j] += row[j] }
    }
}

/// `into += tensor`, element-wise.
func add(_ tensor: Tensor, into: Tensor) {
    let a = tensor.data, b = into.data
    for i in 0..<tensor.count { b[i] += a[i] }
}

/// im2col of one image `[height, width, channels]`: for each output pixel of the output rows
/// `rows` (all `outputWidth` columns), one row of KH·KW runs of `channels` input values, zero
/// outside the image. Returns the position after the last row written.
@inline(__always)
func im2colRows(_ image: UnsafePointer<Float>, height h: Int, width w: Int, channels c: Int, kernelSize ks: Int, stride s: Int,
                padY: Int, padX: Int, outputWidth ow: Int, rows: Range<Int>, into dst: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
    var row = dst
    for oy in rows {
        for ox in 0..<ow {
            for ky in 0..<ks {
                let iy = oy * s + ky - padY
                for kx in 0..<ks {
                    let ix = ox * s + kx - padX
                    if iy >= 0 && iy < h && ix >= 0 && ix < w {
                        row.update(from: image + (iy * w + ix) * c, count: c)
                    } else {
                        row.update(repeating: 0, count: c)
                    }
                    row += c
                }
            }
        }
    }
    return row
}
