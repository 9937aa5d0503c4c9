import DigitNet
import Foundation

// Temporary: training throughput on synthetic data.
if CommandLine.arguments.contains("--one-thread-blas") { Parallel.useSampleParallelism() }
let n = 2048
var g = SeededGenerator(seed: 3)
let data = Dataset(images: (0..<n * 784).map { _ in g.uniform() < 0.2 ? 1 : 0 }, labels: (0..<n).map { _ in UInt8(g.next() % 10) })
for arch in Architecture.allCases {
    let net = arch.make(seed: 1)
    var options = TrainingOptions()
    if CommandLine.arguments.contains("--no-aug") { options.augmentation = .none }
    let trainer = try Trainer(network: net, options: options)
    _ = trainer.trainEpoch(data.slice(0..<256), epoch: 0, totalSteps: 100)
    let t0 = Date()
    _ = trainer.trainEpoch(data, epoch: 1, totalSteps: 100)
    let dt = Date().timeIntervalSince(t0)
    print("\(arch.rawValue): \(Int(Double(n) / dt)) img/s, params \(net.parameterCount), fwd MFLOP \(Double(net.forwardFLOPs()) / 1e6), train GFLOP/s \(3 * Double(net.forwardFLOPs()) * Double(n) / dt / 1e9)")
}

Parallel.useSampleParallelism()
// Per-layer timing
if CommandLine.arguments.contains("--layers") {
    let net = Architecture.digitNetV1.make(seed: 1)
    let x = Tensor(shape: [128, 28, 28, 1], values: (0..<128 * 784).map { _ in g.uniform() })
    var fwd = [Double](repeating: 0, count: net.layers.count), bwd = fwd
    let layers = net.layers
    for it in 0..<6 {
        var h = x
        for (i, l) in layers.enumerated() { let t = Date(); h = l.forward(h, training: true); if it > 0 { fwd[i] += Date().timeIntervalSince(t) } }
        var gr = Tensor(shape: h.shape, values: (0..<h.count).map { _ in g.uniform(-0.01, 0.01) })
        for (i, l) in layers.enumerated().reversed() { let t = Date(); gr = l.backward(gr); if it > 0 { bwd[i] += Date().timeIntervalSince(t) } }
    }
    for (i, l) in layers.enumerated() { print(String(describing: type(of: l)), String(format: "fwd %.2f ms  bwd %.2f ms", fwd[i] * 200, bwd[i] * 200)) }
    print(String(format: "total %.1f ms/batch", (fwd.reduce(0,+) + bwd.reduce(0,+)) * 200))
}
