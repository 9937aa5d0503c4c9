import Foundation

/// A trained network compiled for fast inference: what the tools call to classify crops.
///
/// The layered `Network.forward` runs each layer over the whole batch, so every
/// intermediate tensor (12.8 MB for 128 images after a 32-channel convolution) goes to
/// memory and back, and BatchNorm, ReLU and pooling each cost a pass of their own. Here
/// BatchNorm is folded into the weights, ReLU and pooling are applied to each band of a
/// convolution's output while it is in cache (`FusedConvolution`), each worker runs its own
/// images through all convolutions one image at a time, and the dense layers run over each
/// group of images with their weights packed in panels (`FusedDense`). The thin first
/// convolution (one input channel) is computed directly instead of through a K = 9 GEMM; 3x3
/// convolutions with whole vectors of channels run by Winograd's F(2x2, 3x3)
/// (`WinogradConvolution`). Nothing is allocated per call after the first.
///
/// The weights are copied when compiling: a network trained further must be compiled again.
/// Safe to call from several threads at once: a call alone uses every core, calls that overlap
/// use one each. The results equal `Network.forward` followed by softmax up to float rounding.
public final class InferenceNetwork: @unchecked Sendable {
    /// A layer sequence this compiler does not handle (the layered path still runs it).
    public struct UnsupportedNetwork: Error, CustomStringConvertible {
        public let description: String
    }

    let inputSide: Int
    let inputMean: Float, inputScale: Float
    let convolutions: [FusedConvolution]
    let denses: [FusedDense]
    let featureCount: Int
    public let classCount: Int
    /// Images per pass of the dense layers: rows enough to reuse each weight panel while it is
    /// in cache, few enough that the features stay there too.
    static let groupSize = 32
    /// Scratch sizes, fixed at compile time.
    private let workspaceSizes: (image: Int, columns: Int, band: Int, features: Int)
    /// Idle workspaces; a call takes what it uses and gives it back.
    private var idle = [Workspace]()
    private var callsRunning = 0
    private let lock = NSLock()

    /// One worker's scratch, sized at compile time.
    private final class Workspace {
        let imageA: UnsafeMutablePointer<Float>, imageB: UnsafeMutablePointer<Float>
        let columns: UnsafeMutablePointer<Float>, band: UnsafeMutablePointer<Float>
        let featuresA: UnsafeMutablePointer<Float>, featuresB: UnsafeMutablePointer<Float>
        private let all: [UnsafeMutablePointer<Float>]

        init(image: Int, columns c: Int, band b: Int, features: Int) {
            imageA = .allocate(capacity: image); imageB = .allocate(capacity: image)
            columns = .allocate(capacity: c); band = .allocate(capacity: b)
            featuresA = .allocate(capacity: features); featuresB = .allocate(capacity: features)
            all = [imageA, imageB, columns, band, featuresA, featuresB]
        }
        deinit { for p in all { p.deallocate() } }
    }

    /// Compiles `network` for `side x side` single-channel inputs. Accepts the layer patterns
    /// of this library's architectures: Normalize first; then Conv2D [BatchNorm] [ReLU]
    /// [MaxPool2D] blocks; Flatten; Dense [BatchNorm] [ReLU] blocks; Dropout anywhere.
    public init(_ network: Network, side: Int = Dataset.side) throws {
        let layers = network.layers
        var i = 0
        if let normalize = layers.first as? Normalize {
            inputMean = normalize.mean; inputScale = 1 / normalize.standardDeviation
            i = 1
        } else {
            inputMean = 0; inputScale = 1
        }
        var (h, w, c) = (side, side, 1)
        var convolutions = [FusedConvolution](), denses = [FusedDense]()
        var features = 0
        func take<T>(_ type: T.Type) -> T? {
            guard i < layers.count, let layer = layers[i] as? T else { return nil }
            i += 1
            return layer
        }
        while i < layers.count {
            if take(Dropout.self) != nil { continue }
            if take(Flatten.self) != nil { features = h * w * c; continue }
            if denses.isEmpty, features == 0, let conv = take(Conv2D.self) {
                var weights = Array(conv.weight.value.buffer)
                var bias = conv.bias.map { Array($0.value.buffer) } ?? [Float](repeating: 0, count: conv.outChannels)
                if let bn = take(BatchNorm.self) { foldBatchNorm(bn, weights: &weights, bias: &bias) }
                let relu = take(ReLU.self) != nil
                let pool = take(MaxPool2D.self)?.size ?? 1
                let fused = FusedConvolution(conv, inHeight: h, inWidth: w, weights: weights, bias: bias, relu: relu, pool: pool)
                convolutions.append(fused)
                (h, w, c) = (fused.outHeight, fused.outWidth, fused.outChannels)
                continue
            }
            if features > 0, let dense = take(Dense.self) {
                guard dense.inputSize == (denses.last?.outputSize ?? features) else {
                    throw UnsupportedNetwork(description: "dense layer of \(dense.inputSize) inputs after \(denses.last?.outputSize ?? features) features")
                }
                var weights = Array(dense.weight.value.buffer), bias = Array(dense.bias.value.buffer)
                if let bn = take(BatchNorm.self) { foldBatchNorm(bn, weights: &weights, bias: &bias) }
                let relu = take(ReLU.self) != nil
                denses.append(FusedDense(inputSize: dense.inputSize, outputSize: dense.outputSize, weights: weights, bias: bias, relu: relu))
                continue
            }
            throw UnsupportedNetwork(description: "cannot compile \(type(of: layers[i])) at layer \(i) of \(network.architecture)")
        }
        guard let last = denses.last, !convolutions.isEmpty else {
            throw UnsupportedNetwork(description: "\(network.architecture) does not end in convolutions then dense layers")
        }
        inputSide = side
        self.convolutions = convolutions
        self.denses = denses
        featureCount = features
        classCount = last.outputSize
        let image = ([side * side] + convolutions.map(\.outputCount)).max()!
        let columns = convolutions.map(\.scratchColumns).max()!, band = convolutions.map(\.scratchBand).max()!
        let widest = ([features] + denses.map(\.outputSize)).max()!
        workspaceSizes = (image, columns, band, InferenceNetwork.groupSize * widest)
    }

    /// Workspaces for a call: one per core when it is the only call running, else one (two
    /// frames or images read at once each keep a core busy, rather than fighting for both).
    private func checkOut(images count: Int) -> [Workspace] {
        lock.lock(); defer { lock.unlock() }
        let wanted = callsRunning == 0 ? Swift.max(1, Swift.min(Parallel.workers, count)) : 1
        callsRunning += 1
        var taken = [Workspace]()
        while taken.count < wanted {
            let (image, columns, band, features) = workspaceSizes
            taken.append(idle.popLast() ?? Workspace(image: image, columns: columns, band: band, features: features))
        }
        return taken
    }

    private func checkIn(_ spaces: [Workspace]) {
        lock.lock(); idle += spaces; callsRunning -= 1; lock.unlock()
    }

    /// Softmax class probabilities (`count * classCount`, row-major) of `count` images of
    /// `side * side` pixels (MNIST convention: ink 1, background 0).
    public func probabilities(images: UnsafeBufferPointer<Float>, count: Int) -> [Float] {
        precondition(images.count >= count * inputSide * inputSide, "probabilities: \(images.count) floats for \(count) images")
        guard count > 0 else { return [] }
        let spaces = checkOut(images: count)
        defer { checkIn(spaces) }
        var result = [Float](repeating: 0, count: count * classCount)
        result.withUnsafeMutableBufferPointer { out in
            let output = out.baseAddress!, input = images.baseAddress!
            func chunk(_ index: Int) {
                var first = count * index / spaces.count
                let end = count * (index + 1) / spaces.count
                while first < end {
                    let n = Swift.min(InferenceNetwork.groupSize, end - first)
                    run(input + first * inputSide * inputSide, count: n, into: output + first * classCount, workspace: spaces[index])
                    first += n
                }
            }
            if spaces.count == 1 { chunk(0) } else { DispatchQueue.concurrentPerform(iterations: spaces.count, execute: chunk) }
        }
        return result
    }

    public func probabilities(images: [Float], count: Int) -> [Float] {
        images.withUnsafeBufferPointer { probabilities(images: $0, count: count) }
    }

    /// Up to `groupSize` images: each through the convolutions into a feature row, then the
    /// dense layers over all rows, then softmax.
    private func run(_ images: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>, workspace ws: Workspace) {
        let pixels = inputSide * inputSide
        for s in 0..<count {
            let image = images + s * pixels
            for p in 0..<pixels { ws.imageA[p] = (image[p] - inputMean) * inputScale }
            var source = ws.imageA, spare = ws.imageB
            for (index, conv) in convolutions.enumerated() {
                let destination = index == convolutions.count - 1 ? ws.featuresA + s * featureCount : spare
                conv.run(source, into: destination, columns: ws.columns, band: ws.band)
                (source, spare) = (destination, source)
            }
        }
        var x = ws.featuresA, y = ws.featuresB
        for (index, dense) in denses.enumerated() {
            let destination = index == denses.count - 1 ? output : y
            dense.run(x, rows: count, into: destination)
            (x, y) = (destination, x)
        }
        for r in 0..<count { softmaxInPlace(output + r * classCount, count: classCount) }
    }
}

func softmaxInPlace(_ z: UnsafeMutablePointer<Float>, count k: Int) {
    var top = z[0]
    for j in 1..<k { top = Swift.max(top, z[j]) }
    var sum: Float = 0
    for j in 0..<k { z[j] = expf(z[j] - top); sum += z[j] }
    for j in 0..<k { z[j] /= sum }
}
