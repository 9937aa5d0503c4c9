// swift-tools-version:6.0
import PackageDescription

// OpenCV 4 from Debian's libopencv-dev. Only the modules the bridge uses are linked,
// not the 55 libraries pkg-config lists.
let openCVModules = ["opencv_core", "opencv_imgproc", "opencv_imgcodecs", "opencv_videoio", "opencv_highgui"]

// Release builds of the two libraries target x86-64 CPUs with AVX2 and FMA (Intel Haswell,
// 2013, and every AMD Zen): their own loops (the CNN's direct first convolution, pooling,
// bias and ReLU; the ink map) then use 8-wide fused multiply-adds, which made inference
// 25–30% faster on this project's 2-core machine. The executables check the CPU before
// anything else runs and say clearly when it lacks them (cb_cpu_supports_build). Other
// architectures build without the flag.
#if arch(x86_64)
let vectorFlags = ["-target-cpu", "haswell"]
#else
let vectorFlags: [String] = []
#endif

let package = Package(
    name: "DigitLens",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "digitlens", targets: ["digitlens"]),
        .library(name: "DigitNet", targets: ["DigitNet"]),
        .library(name: "DigitVision", targets: ["DigitVision"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // CBLAS: OpenBLAS on Linux (a system library); Accelerate on macOS (see BLAS.swift).
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        // zlib, for gzipped IDX files.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // C++ over OpenCV behind a plain C header (CBridge/include/cbridge.h).
        .target(
            name: "CBridge",
            path: "CBridge",
            cxxSettings: [.unsafeFlags(["-I/usr/include/opencv4", "-O2"])],
            // libheif (Debian's libheif-dev) reads HEIC and AVIF, Poppler (libpoppler-cpp-dev)
            // PDF and giflib (libgif-dev) GIF, which this OpenCV cannot.
            linkerSettings: openCVModules.map { .linkedLibrary($0) } + [.linkedLibrary("heif"), .linkedLibrary("poppler-cpp"), .linkedLibrary("gif"), .linkedLibrary("stdc++"), .linkedLibrary("z"),
                // The two decoder constructors CBridge/codec_messages.cpp stands in front of, so
                // that OpenCV's calls bind to them (only symbols in the dynamic table can).
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=jpeg_std_error",
                              "-Xlinker", "--export-dynamic-symbol=png_create_read_struct"], .when(platforms: [.linux]))]
        ),
        .target(
            name: "DigitNet",
            dependencies: [
                .target(name: "COpenBLAS", condition: .when(platforms: [.linux])),
                "CZlib",
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"] + vectorFlags, .when(configuration: .release))]
        ),
        .target(name: "DigitVision", dependencies: ["CBridge", "DigitNet"],
                swiftSettings: [.unsafeFlags(vectorFlags, .when(configuration: .release))]),
        .executableTarget(
            name: "digitlens",
            dependencies: [
                "CBridge", "DigitNet", "DigitVision",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "digitlens-bench", dependencies: ["CBridge", "DigitNet", "DigitVision"], path: "Benchmarks/digitlens-bench"),
        .testTarget(name: "DigitNetTests", dependencies: ["DigitNet"]),
        // Fixtures/ holds images the tests read by path (#filePath), not bundled resources.
        .testTarget(name: "DigitVisionTests", dependencies: ["DigitVision", "DigitNet"], exclude: ["Fixtures"]),
        .testTarget(name: "DigitLensCLITests", dependencies: ["digitlens", "DigitVision", "DigitNet"]),
    ],
    swiftLanguageModes: [.v5],
    cxxLanguageStandard: .cxx17
)
