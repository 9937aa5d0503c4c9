/// A dense Float tensor with contiguous, row-major storage.
///
/// Layout: images are NHWC — `[batch, height, width, channels]`, channels fastest — so an
/// im2col row is a run of contiguous channel vectors and a convolution is one GEMM whose
/// output is already NHWC. Feature vectors are `[batch, features]`.
///
/// `Tensor` is a reference type on purpose: each layer owns its output and gradient tensors
/// and reuses their storage from batch to batch (`resize` only grows the allocation), so a
/// training step allocates nothing. A tensor returned by a layer stays valid until that layer
/// runs again.
public final class Tensor {
    public private(set) var shape: [Int]
    public private(set) var count: Int
    public private(set) var data: UnsafeMutablePointer<Float>
    private var capacity: Int

    /// A zero-filled tensor of the given shape.
    public init(shape: [Int] = [0]) {
        self.shape = shape
        count = shape.reduce(1, *)
        capacity = Swift.max(count, 1)
        data = .allocate(capacity: capacity)
        data.initialize(repeating: 0, count: capacity)
    }

    /// A tensor holding a copy of `values`; `values.count` must equal the shape's product.
    public convenience init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "Tensor: \(values.count) values for shape \(shape)")
        self.init(shape: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { data.deallocate() }

    /// Changes the shape, reallocating only when the storage must grow. Contents are
    /// unspecified afterwards unless the element count is unchanged.
    public func resize(to newShape: [Int]) {
        let newCount = newShape.reduce(1, *)
        if newCount > capacity {
            data.deallocate()
            capacity = newCount
            data = .allocate(capacity: capacity)
            data.initialize(repeating: 0, count: capacity)
        }
        shape = newShape
        count = newCount
    }

    /// Same storage seen with another shape of the same element count (Flatten uses it).
    public func reshape(to newShape: [Int]) {
        precondition(newShape.reduce(1, *) == count, "reshape \(shape) -> \(newShape)")
        shape = newShape
    }

    public func fill(_ value: Float) { data.update(repeating: value, count: count) }

    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: data, count: count) }

    /// A copy of the elements as an array.
    public var values: [Float] { Array(buffer) }

    public subscript(index: Int) -> Float {
        get { data[index] }
        set { data[index] = newValue }
    }

    /// Copies the contents (shape and values) of another tensor.
    public func copy(from other: Tensor) {
        resize(to: other.shape)
        data.update(from: other.data, count: other.count)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String { "Tensor\(shape)" }
}
