/// Max pooling over NHWC tensors with a square window and equal stride (no padding).
///
/// Formula: `y[n, oy, ox, c] = max_{ky,kx < k} x[n, oy·k + ky, ox·k + kx, c]`,
/// output `[N, H / k, W / k, C]` (floor). Backward routes `dy` to the first window position
/// whose input equals the maximum (found again from the kept input, which costs less than
/// writing an arg-max index in forward); other inputs get zero. No parameters.
public final class MaxPool2D: Layer {
    public let size: Int
    private let output = Tensor()
    private let inputGradient = Tensor()
    private var input: Tensor?

    public init(size: Int = 2) { self.size = size }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.shape.count == 4, "MaxPool2D expects NHWC, got \(input.shape)")
        self.input = input
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = h / size, ow = w / size, k = size
        output.resize(to: [n, oh, ow, c])
        let x = input.data, y = output.data
        Parallel.forEachChunk(n, minimumPerChunk: 4) { samples in
            for b in samples {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        let out = y + ((b * oh + oy) * ow + ox) * c
                        let corner = x + ((b * h + oy * k) * w + ox * k) * c
                        out.update(from: corner, count: c)
                        for ky in 0..<k {
                            for kx in 0..<k where ky != 0 || kx != 0 {
                                let p = corner + (ky * w + kx) * c
                                for j in 0..<c { out[j] = Swift.max(out[j], p[j]) }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input else { preconditionFailure("MaxPool2D.backward before forward") }
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = h / size, ow = w / size, k = size
        inputGradient.resize(to: input.shape)
        let x = input.data, y = output.data, dy = outputGradient.data, dx = inputGradient.data
        Parallel.forEachChunk(n, minimumPerChunk: 4) { samples in
            // `free[j]` is 1 until channel j's gradient has been routed; arithmetic instead of
            // branches so the channel loop vectorizes.
            var free = [Float](repeating: 1, count: c)
            free.withUnsafeMutableBufferPointer { free in
                for b in samples {
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            let o = ((b * oh + oy) * ow + ox) * c
                            let corner = ((b * h + oy * k) * w + ox * k) * c
                            for j in 0..<c { free[j] = 1 }
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let p = corner + (ky * w + kx) * c
                                    for j in 0..<c {
                                        let hit: Float = (x[p + j] == y[o + j] ? 1 : 0) * free[j]
                                        dx[p + j] = dy[o + j] * hit
                                        free[j] -= hit
                                    }
                                }
                            }
                        }
                    }
                    // Rows and columns beyond the last full window get no gradient.
                    if h % k != 0 || w % k != 0 {
                        for iy in 0..<h { for ix in 0..<w where iy >= oh * k || ix >= ow * k {
                            (dx + ((b * h + iy) * w + ix) * c).update(repeating: 0, count: c)
                        } }
                    }
                }
            }
        }
        return inputGradient
    }
}
