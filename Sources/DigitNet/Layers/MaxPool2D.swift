/// Max pooling over NHWC tensors with a square window and equal stride (no padding).
///
/// Formula: `y[n, oy, ox, c] = max_{ky,kx < k} x[n, oy·k + ky, ox·k + kx, c]`,
/// output `[N, H / k, W / k, C]` (floor). Backward routes `dy` to the arg-max position
/// found in forward (the first one on ties); other inputs get zero. No parameters.
public final class MaxPool2D: Layer {
    public let size: Int
    private let output = Tensor()
    private let inputGradient = Tensor()
    private var argmax: [Int32] = []
    private var inputShape: [Int] = []

    public init(size: Int = 2) { self.size = size }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.shape.count == 4, "MaxPool2D expects NHWC, got \(input.shape)")
        inputShape = input.shape
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = h / size, ow = w / size, k = size
        output.resize(to: [n, oh, ow, c])
        if argmax.count < output.count { argmax = [Int32](repeating: 0, count: output.count) }
        let x = input.data, y = output.data
        argmax.withUnsafeMutableBufferPointer { arg in
            let index = arg.baseAddress!
            Parallel.forEachChunk(n, minimumPerChunk: 16) { samples in
                for b in samples {
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            let o = ((b * oh + oy) * ow + ox) * c
                            let first = ((b * h + oy * k) * w + ox * k) * c
                            for j in 0..<c { y[o + j] = x[first + j]; index[o + j] = Int32(first + j) }
                            for ky in 0..<k {
                                for kx in 0..<k where ky != 0 || kx != 0 {
                                    let p = ((b * h + oy * k + ky) * w + ox * k + kx) * c
                                    // Branch-free update (the comparison outcome is random).
                                    for j in 0..<c {
                                        let better = x[p + j] > y[o + j]
                                        y[o + j] = better ? x[p + j] : y[o + j]
                                        index[o + j] = better ? Int32(p + j) : index[o + j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        inputGradient.resize(to: inputShape)
        inputGradient.fill(0)
        let dy = outputGradient.data, dx = inputGradient.data
        argmax.withUnsafeBufferPointer { index in
            for i in 0..<outputGradient.count { dx[Int(index[i])] += dy[i] }
        }
        return inputGradient
    }
}
