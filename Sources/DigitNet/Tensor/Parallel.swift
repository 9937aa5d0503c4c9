import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Sample-level parallelism: every pass of a training step (convolutions included) splits
/// the batch into one contiguous chunk per worker. Each worker calls single-threaded BLAS on
/// its own cache-sized pieces, so BLAS threads are set to 1 while training and inference run
/// (`Parallel.useSampleParallelism()`), and the two kinds of parallelism never fight.
public enum Parallel {
    /// Worker count: $DIGITLENS_THREADS, else the number of active processors.
    public static let workers: Int = {
        if let text = Environment.value("DIGITLENS_THREADS"), let n = Int(text), n > 0 { return n }
        return Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()

    /// Runs `body` over `0..<count` split into contiguous chunks, one per worker. Small
    /// loops (below `minimumPerChunk` items a worker) run inline.
    public static func forEachChunk(_ count: Int, minimumPerChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        forEachChunkWithWorker(count, minimumPerChunk: minimumPerChunk) { range, _ in body(range) }
    }

    /// Like `forEachChunk`, also passing the worker index (0..<workers) so each worker can
    /// use its own scratch buffers.
    public static func forEachChunkWithWorker(_ count: Int, minimumPerChunk: Int = 1, _ body: (Range<Int>, Int) -> Void) {
        let chunks = Swift.min(workers, Swift.max(1, count / Swift.max(minimumPerChunk, 1)))
        if chunks <= 1 { body(0..<count, 0); return }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            if start < end { body(start..<end, chunk) }
        }
    }
}

extension Parallel {
    /// Puts BLAS in single-threaded mode; layers parallelize over samples instead.
    public static func useSampleParallelism() { BLASThreads.set(1) }
}

enum Environment {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }
}
