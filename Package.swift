// swift-tools-version:6.0
import PackageDescription

// OpenCV 4 from Debian's libopencv-dev. Only the modules the bridge uses are linked,
// not the 55 libraries pkg-config lists.
let openCVModules = ["opencv_core", "opencv_imgproc", "opencv_imgcodecs", "opencv_videoio", "opencv_highgui"]

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
            linkerSettings: openCVModules.map { .linkedLibrary($0) } + [.linkedLibrary("stdc++")]
        ),
        .target(
            name: "DigitNet",
            dependencies: [
                .target(name: "COpenBLAS", condition: .when(platforms: [.linux])),
                "CZlib",
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .target(name: "DigitVision", dependencies: ["CBridge", "DigitNet"]),
        .executableTarget(
            name: "digitlens",
            dependencies: [
                "DigitNet", "DigitVision",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "digitlens-bench", dependencies: ["DigitNet", "DigitVision"], path: "Benchmarks/digitlens-bench"),
        .testTarget(name: "DigitNetTests", dependencies: ["DigitNet"]),
        .testTarget(name: "DigitVisionTests", dependencies: ["DigitVision", "DigitNet"]),
        .testTarget(name: "DigitLensCLITests", dependencies: ["digitlens", "DigitVision", "DigitNet"]),
    ],
    swiftLanguageModes: [.v5],
    cxxLanguageStandard: .cxx17
)
