import DigitNet
import Foundation

// Temporary: training throughput on synthetic data.
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
