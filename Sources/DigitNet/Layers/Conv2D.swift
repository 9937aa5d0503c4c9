/// 2-D convolution over NHWC tensors, computed as im2col + one GEMM.
///
/// Formula: `y[n, oy, ox, co] = b[co] + Σ_{ky,kx,ci} x[n, oy·s + ky − p, ox·s + kx − p, ci] · w[ky, kx, ci, co]`
/// with stride `s` and top/left padding `p` (zero outside the image).
/// Layout: input `[N, H, W, Cin]`, output `[N, Ho, Wo, Cout]`, weight `[KH, KW, Cin, Cout]`
/// (Keras/TensorFlow HWIO), bias `[Cout]`.
/// Padding: `.same` gives `Ho = ceil(H / s)`; `.valid` gives `Ho = (H − KH) / s + 1`.
/// Initialization: He normal, `std = sqrt(2 / (KH·KW·Cin))`; bias zero.
///
/// Forward builds the im2col matrix `col [N·Ho·Wo, KH·KW·Cin]` and computes `y = col · W`.
/// Backward: `dW = colᵀ · dy`, `db = Σ dy`, `dcol = dy · Wᵀ`, and `dx` is `dcol` scattered
/// back (col2im). The im2col matrix is kept from forward for backward.
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

    private let columns = Tensor()
    private let output = Tensor()
    private let columnGradient = Tensor()
    private let inputGradient = Tensor()
    private var inputShape: [Int] = []

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

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.shape.count == 4 && input.shape[3] == inChannels, "Conv2D expects [N,H,W,\(inChannels)], got \(input.shape)")
        inputShape = input.shape
        let (n, h, w) = (input.shape[0], input.shape[1], input.shape[2])
        let (oh, padY) = geometry(h), (ow, padX) = geometry(w)
        let k = kernelSize * kernelSize * inChannels
        let rows = n * oh * ow
        columns.resize(to: [rows, k])
        im2col(input, n: n, h: h, w: w, oh: oh, ow: ow, padY: padY, padX: padX)
        output.resize(to: [n, oh, ow, outChannels])
        if let bias {
            for r in 0..<rows { (output.data + r * outChannels).update(from: bias.value.data, count: outChannels) }
        }
        sgemm(transA: false, transB: false, m: rows, n: outChannels, k: k,
              a: columns.data, lda: k, b: weight.value.data, ldb: outChannels,
              beta: bias == nil ? 0 : 1, c: output.data, ldc: outChannels)
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        let rows = columns.shape[0], k = columns.shape[1]
        sgemm(transA: true, transB: false, m: k, n: outChannels, k: rows,
              a: columns.data, lda: k, b: outputGradient.data, ldb: outChannels,
              beta: 1, c: weight.gradient.data, ldc: outChannels)
        if let bias { sumRows(outputGradient.data, rows: rows, columns: outChannels, into: bias.gradient.data) }
        inputGradient.resize(to: inputShape)
        guard computesInputGradient else { inputGradient.fill(0); return inputGradient }
        columnGradient.resize(to: [rows, k])
        sgemm(transA: false, transB: true, m: rows, n: k, k: outChannels,
              a: outputGradient.data, lda: outChannels, b: weight.value.data, ldb: outChannels,
              c: columnGradient.data, ldc: k)
        let (n, h, w) = (inputShape[0], inputShape[1], inputShape[2])
        let (oh, padY) = geometry(h), (ow, padX) = geometry(w)
        col2im(n: n, h: h, w: w, oh: oh, ow: ow, padY: padY, padX: padX)
        return inputGradient
    }

    private func im2col(_ input: Tensor, n: Int, h: Int, w: Int, oh: Int, ow: Int, padY: Int, padX: Int) {
        let c = inChannels, ks = kernelSize, k = ks * ks * c, s = stride
        let src = input.data, dst = columns.data
        Parallel.forEachChunk(n, minimumPerChunk: 8) { samples in
            for b in samples {
                let image = src + b * h * w * c
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var row = dst + ((b * oh + oy) * ow + ox) * k
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
            }
        }
    }

    private func col2im(n: Int, h: Int, w: Int, oh: Int, ow: Int, padY: Int, padX: Int) {
        let c = inChannels, ks = kernelSize, k = ks * ks * c, s = stride
        let src = columnGradient.data, dst = inputGradient.data
        Parallel.forEachChunk(n, minimumPerChunk: 8) { samples in
            for b in samples {
                let image = dst + b * h * w * c
                image.update(repeating: 0, count: h * w * c)
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var row = src + ((b * oh + oy) * ow + ox) * k
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
}

/// `into[j] += Σ_i matrix[i, j]` for a row-major `rows x columns` matrix.
func sumRows(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let row = matrix + r * columns
        for j in 0..<columns { into[j] += row[j] }
    }
}
