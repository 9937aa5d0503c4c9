// The one place DigitNet talks to CBLAS: OpenBLAS on Linux, Accelerate on macOS.
#if canImport(Accelerate)
import Accelerate
#else
import COpenBLAS
#endif

/// Row-major single-precision matrix multiply: C = alpha * op(A) * op(B) + beta * C,
/// with op(A) of shape m x k and op(B) of shape k x n; lda/ldb/ldc are row strides.
@inline(__always)
func sgemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
) {
    _ = BLASKernels.chosen
    cblas_sgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// Threads BLAS may use. Work that is parallel over samples sets this to 1 so that
/// the two kinds of parallelism never fight over the cores.
public enum BLASThreads {
    public static func set(_ count: Int) {
        #if !canImport(Accelerate)
        _ = BLASKernels.chosen
        openblas_set_num_threads(Int32(count))
        #endif
    }
    public static var current: Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }
}

/// `c = a · b` for row-major matrices `a [m, k]`, `b [k, n]`, `c [m, n]`.
public func matrixMultiply(_ a: Tensor, _ b: Tensor, into c: Tensor) {
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    precondition(b.shape[0] == k && c.shape == [m, n], "matrixMultiply: \(a.shape) x \(b.shape) -> \(c.shape)")
    sgemm(transA: false, transB: false, m: m, n: n, k: k, a: a.data, lda: k, b: b.data, ldb: n, c: c.data, ldc: n)
}
