// Which of OpenBLAS's kernels run our matrix work.
//
// Debian's OpenBLAS is built for every x86 core and picks its kernels at load time from the
// CPU's family and model numbers. A CPU newer than the library (Debian 12's 0.3.21 does not
// know Emerald Rapids, model 207, which cloud machines report as a bare "Intel Xeon
// Processor") is not recognised, and OpenBLAS falls back to its Prescott kernels: SSE3 code
// from 2004, five times slower on these AVX-512 cores (sgemm 13 against 70 GFLOP/s on one
// core, `digitlens-bench sgemm`). OpenBLAS reads OPENBLAS_CORETYPE to be told the core, but
// only while it loads, before our code runs. So, once, before the first BLAS call, we ask
// which kernels it chose, and when they are older than the instructions this CPU has (its
// flags in /proc/cpuinfo, which list only what the kernel has enabled), we set that variable
// and run OpenBLAS's own core selection again. A user's OPENBLAS_CORETYPE is left to rule.
import Foundation
#if !canImport(Accelerate)
import COpenBLAS
#endif

public enum BLASKernels {
    /// What was found and done, for benchmarks to print: the kernels in use and, when we
    /// changed them, the ones OpenBLAS chose by itself.
    public static var summary: String { chosen.summary }

    /// Runs the choice once, the first time any BLAS call is about to happen. `userChose`:
    /// OPENBLAS_CORETYPE was set before (ours is set in the process once we choose).
    static let chosen: (summary: String, userChose: Bool) = choose()

    private static func choose() -> (summary: String, userChose: Bool) {
        #if canImport(Accelerate)
        return ("Accelerate", false)
        #else
        let before = coreName()
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else {
            return ("\(before) (OPENBLAS_CORETYPE)", true)
        }
        guard let better = betterCore(than: before, cpuFlags: cpuFlags()) else { return (before, false) }
        guard let handle = dlopen(nil, RTLD_NOW),
              let quit = dlsym(handle, "gotoblas_dynamic_quit"),
              let initialise = dlsym(handle, "gotoblas_dynamic_init")
        else {
            return ("\(before) (this OpenBLAS picks its kernels once; OPENBLAS_CORETYPE=\(better) would be faster)", false)
        }
        typealias Step = @convention(c) () -> Void
        setenv("OPENBLAS_CORETYPE", better, 1)
        unsafeBitCast(quit, to: Step.self)()
        unsafeBitCast(initialise, to: Step.self)()
        return ("\(coreName()) (OpenBLAS chose \(before) for this CPU)", false)
        #endif
    }

    /// The name of the kernels OpenBLAS runs now ("SkylakeX", "Prescott", …).
    static func coreName() -> String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
        #endif
    }

    /// The OpenBLAS core to ask for when `current` does not use what the CPU has, else nil.
    /// Names as OPENBLAS_CORETYPE spells them; a core counts as good enough when its name
    /// is among those that use the same instructions or newer ones.
    static func betterCore(than current: String, cpuFlags flags: Set<String>) -> String? {
        let avx512Cores: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]
        let avx2Cores = avx512Cores.union(["haswell", "zen"])
        let current = current.lowercased()
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"].allSatisfy(flags.contains) {
            return avx512Cores.contains(current) ? nil : "SkylakeX"
        }
        if ["avx2", "fma"].allSatisfy(flags.contains) {
            return avx2Cores.contains(current) ? nil : "Haswell"
        }
        return nil
    }

    /// The instruction-set flags of the first CPU in /proc/cpuinfo; empty elsewhere.
    static func cpuFlags(cpuinfo path: String = "/proc/cpuinfo") -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":")
        else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
