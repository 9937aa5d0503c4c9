/// Rectified linear unit: `y = max(0, x)`, element-wise, any layout.
/// Backward: `dx = dy` where `y > 0`, else 0 (a branch-free select: the sign pattern of
/// activations is random, so a branch would mispredict half the time). No parameters.
public final class ReLU: Layer {
    private let output = Tensor()
    private let inputGradient = Tensor()

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        output.resize(to: input.shape)
        let x = input.data, y = output.data
        Parallel.forEachChunk(input.count, minimumPerChunk: 1 << 15) { range in
            for i in range { y[i] = Swift.max(x[i], 0) }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        inputGradient.resize(to: outputGradient.shape)
        let dy = outputGradient.data, y = output.data, dx = inputGradient.data
        Parallel.forEachChunk(outputGradient.count, minimumPerChunk: 1 << 15) { range in
            var i = range.lowerBound
            while i + 16 <= range.upperBound {
                let v = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
                let g = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(dx + i).storeBytes(of: g.replacing(with: 0, where: v .<= 0), as: SIMD16<Float>.self)
                i += 16
            }
            while i < range.upperBound { dx[i] = y[i] > 0 ? dy[i] : 0; i += 1 }
        }
        return inputGradient
    }
}
