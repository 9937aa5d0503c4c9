import XCTest
@testable import DigitNet

final class BLASKernelsTests: XCTestCase {
    private let avx512: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]

    func testOlderKernelsThanTheCPUHasAreReplaced() {
        XCTAssertEqual(BLASKernels.betterCore(than: "Prescott", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(BLASKernels.betterCore(than: "Haswell", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(BLASKernels.betterCore(than: "Prescott", cpuFlags: ["sse3", "avx", "avx2", "fma"]), "Haswell")
    }

    func testKernelsThatFitTheCPUAreLeftAlone() {
        XCTAssertNil(BLASKernels.betterCore(than: "SkylakeX", cpuFlags: avx512))
        XCTAssertNil(BLASKernels.betterCore(than: "Cooperlake", cpuFlags: avx512))
        XCTAssertNil(BLASKernels.betterCore(than: "Zen", cpuFlags: ["sse3", "avx", "avx2", "fma"]))
        // A CPU without AVX2 (or another architecture, whose flags name none of these) keeps
        // what OpenBLAS chose.
        XCTAssertNil(BLASKernels.betterCore(than: "Prescott", cpuFlags: ["sse3", "avx"]))
        XCTAssertNil(BLASKernels.betterCore(than: "ARMV8", cpuFlags: ["fp", "asimd"]))
    }

    func testFlagsAreReadFromCpuinfo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t\t: fpu sse3 avx2 fma avx512f\n\nprocessor\t: 1\nflags\t\t: fpu\n"
            .write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(BLASKernels.cpuFlags(cpuinfo: file.path), ["fpu", "sse3", "avx2", "fma", "avx512f"])
        XCTAssertEqual(BLASKernels.cpuFlags(cpuinfo: "/nonexistent/cpuinfo"), [])
    }

    /// On this machine: after the first product, the kernels in use are as new as the CPU
    /// allows (OpenBLAS 0.3.21 alone runs Prescott's on the Emerald Rapids cores), and the
    /// product is still right.
    func testMatrixWorkRunsOnKernelsThatFitThisCPU() throws {
        #if canImport(Accelerate)
        throw XCTSkip("Accelerate chooses its own kernels")
        #else
        // Set before the tests began, not by the choice an earlier test's product made.
        if BLASKernels.chosen.userChose {
            throw XCTSkip("OPENBLAS_CORETYPE was set: the user's choice rules")
        }
        let (m, k, n) = (37, 53, 29)
        let a = Tensor(shape: [m, k]), b = Tensor(shape: [k, n]), c = Tensor(shape: [m, n])
        for i in 0..<m * k { a.data[i] = Float((i * 7) % 11) - 5 }
        for i in 0..<k * n { b.data[i] = Float((i * 5) % 13) - 6 }
        matrixMultiply(a, b, into: c)
        XCTAssertNil(BLASKernels.betterCore(than: BLASKernels.coreName(), cpuFlags: BLASKernels.cpuFlags()),
                     "BLAS runs \(BLASKernels.coreName()) kernels; flags: \(BLASKernels.cpuFlags().filter { $0.hasPrefix("avx") }.sorted())")
        for row in 0..<m {
            for column in 0..<n {
                let expected = (0..<k).reduce(Float(0)) { $0 + a.data[row * k + $1] * b.data[$1 * n + column] }
                XCTAssertEqual(c.data[row * n + column], expected, "c[\(row), \(column)]")
            }
        }
        #endif
    }
}
