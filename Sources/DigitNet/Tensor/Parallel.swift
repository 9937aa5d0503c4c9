import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Sample-level parallelism for the element-wise passes (im2col, pooling, augmentation).
/// BLAS parallelizes the GEMMs itself; these loops run between GEMMs, never during one,
/// so the two never compete for the cores.
public enum Parallel {
    /// Worker count: $DIGITLENS_THREADS, else the number of active processors.
    public static let workers: Int = {
        if let text = ProcessInfo.environmentValue("DIGITLENS_THREADS"), let n = Int(text), n > 0 { return n }
        return Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()

    /// Runs `body` over `0..<count` split into contiguous chunks, one per worker. Small
    /// loops (below `minimumPerChunk` items a worker) run inline.
    public static func forEachChunk(_ count: Int, minimumPerChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(workers, Swift.max(1, count / Swift.max(minimumPerChunk, 1)))
        if chunks <= 1 { body(0..<count); return }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            if start < end { body(start..<end) }
        }
    }
}

enum ProcessInfo {
    static func environmentValue(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }
}
