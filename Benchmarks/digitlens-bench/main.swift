// digitlens-bench: speed figures of DigitNet, printed as key=value lines so scripts can
// compare them (Benchmarks/compare-keras.sh runs Keras on the same architecture beside it).
//
//   digitlens-bench keras-compare [--data DIR]   the Keras reference network: train/predict speed
//   digitlens-bench model [--data DIR]           the shipped architecture: train speed, GFLOP/s,
//                                                inference crops/s and single-crop latency
//   digitlens-bench page-loop                    the 640x480 page recognized in a loop (to profile)
//   digitlens-bench single                       single-crop inference in a loop (to profile)
//   digitlens-bench batches                      inference time for batches of 1 to 256 crops
//   digitlens-bench sgemm                        this machine's sgemm GFLOP/s on conv shapes
//   digitlens-bench layers [--architecture A]    time of each layer's forward and backward
//   digitlens-bench pipeline [--data DIR]        photo pipeline: decoded image to result, median ms
//   digitlens-bench files FILE...                the same for each picture given (to compare two builds)
//   digitlens-bench camera [--data DIR]          camera on its test video: latency, steadiness of the reading
//   digitlens-bench annotate [--data DIR]        annotate throughput with 1 job and one per core
//   digitlens-bench draw [--data DIR]            drawing window: last mouse event to new prediction, median ms
import CBridge
import DigitNet
import DigitVision
import Foundation

// The libraries' release build uses AVX2 and FMA on x86-64 (Package.swift).
guard cb_cpu_supports_build() != 0 else {
    FileHandle.standardError.write(Data("digitlens-bench: this build needs an x86-64 CPU with AVX2 and FMA\n".utf8))
    exit(1)
}

setvbuf(stdout, nil, _IOLBF, 0)
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let command = arguments.first ?? "model"

/// The usage is the header above: the benchmarks and their options.
let usage = """
    usage: digitlens-bench BENCHMARK [--data DIR]
      keras-compare   the Keras reference network: train/predict speed (Benchmarks/compare-keras.sh runs Keras beside it)
      model           the shipped architecture: train speed, GFLOP/s, inference crops/s and single-crop latency
      page-loop       the 640x480 page recognized in a loop (to profile)
      single          single-crop inference in a loop (to profile)
      batches         inference time for batches of 1 to 256 crops
      sgemm           this machine's sgemm GFLOP/s on conv shapes
      layers          time of each layer's forward and backward [--architecture A]
      pipeline        photo pipeline: decoded image to result, median ms
      files FILE...   photo pipeline on each picture given: decoded image to result, median ms
      camera          camera on its test video: latency, steadiness of the reading
      annotate        annotate throughput with 1 job and one per core
      draw            drawing window: last mouse event to new prediction, median ms
    Figures print as key=value lines. --data DIR: the MNIST folder (default: as digitlens finds it).
    """
if ["-h", "--help", "help"].contains(command) || arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}

// Which BLAS kernels run the matrix work; every figure below depends on it.
print("blas_kernels=\(BLASKernels.summary)")

/// MNIST from --data or the usual places; random digits-shaped data when none is found,
/// which is enough for speed alone. A benchmark that reads pages of digits (`readsDigits`)
/// stops instead: its readings and timings on pages of noise would mean nothing.
func benchmarkData(readsDigits: Bool = false) -> (train: Dataset, test: Dataset) {
    if let dir = option("--data").map(URL.init(fileURLWithPath:)) ?? MNIST.locateData(explicit: nil),
       let train = try? MNIST.load(directory: dir, split: .train), let test = try? MNIST.load(directory: dir, split: .test) {
        print("data=\(dir.path)")
        return (Dataset(bytes: train.images, labels: train.labels), Dataset(bytes: test.images, labels: test.labels))
    }
    if readsDigits {
        FileHandle.standardError.write(Data("digitlens-bench \(command): no MNIST found for its pages of digits; give --data DIR, or run it from the checkout beside ../shared\n".utf8))
        exit(2)
    }
    print("data=random (no MNIST found)")
    var g = SeededGenerator(seed: 1)
    func random(_ n: Int) -> Dataset {
        Dataset(images: (0..<n * 784).map { _ in g.uniform() < 0.19 ? g.uniform(0.5, 1) : 0 }, labels: (0..<n).map { _ in UInt8(g.next() % 10) })
    }
    return (random(60000), random(10000))
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The median time of `runs` readings of `image` after 2 warm-up runs, in milliseconds, and
/// what was read.
func medianMilliseconds(_ recognizer: DigitRecognizer, _ image: Image, runs: Int) throws -> (Double, String) {
    var times = [Double](), text = ""
    for _ in 0..<2 { text = try recognizer.recognize(image).text }
    for _ in 0..<runs { times.append(time { text = (try? recognizer.recognize(image).text) ?? "" }) }
    times.sort()
    return (times[times.count / 2] * 1000, text)
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Training images/s over `images` images (after a warm-up of two batches).
func trainingSpeed(_ architecture: Architecture, data: Dataset, images: Int, augment: Bool) throws -> Double {
    var options = TrainingOptions()
    options.batchSize = Int(option("--batch-size") ?? "128")!
    if !augment { options.augmentation = .none }
    let trainer = try Trainer(network: architecture.make(seed: 1), options: options)
    _ = trainer.trainEpoch(data.slice(0..<2 * options.batchSize), epoch: 0, totalSteps: 1000)
    let slice = data.slice(0..<Swift.min(images, data.count))
    let seconds = time { _ = trainer.trainEpoch(slice, epoch: 1, totalSteps: 1000) }
    return Double(slice.count) / seconds
}

/// Batched inference images/s, and the median latency of one image, in ms.
/// Measured on the network compiled for inference, as the tools run it.
func inferenceSpeed(_ layered: Network, data: Dataset) throws -> (perSecond: Double, singleMilliseconds: Double) {
    Parallel.useSampleParallelism()
    let network = try InferenceNetwork(layered)
    let batched = data.images.withUnsafeBufferPointer { images in
        _ = network.probabilities(images: images, count: 512)
        // Best of three passes over the test set: the machine's other work only slows a pass.
        let best = (0..<3).map { _ in time { _ = network.probabilities(images: images, count: data.count) } }.min()!
        return Double(data.count) / best
    }
    var latencies = [Double]()
    data.images.withUnsafeBufferPointer { images in
        let one = UnsafeBufferPointer(rebasing: images[0..<784])
        for _ in 0..<20 { _ = network.probabilities(images: one, count: 1) }
        for _ in 0..<300 { latencies.append(time { _ = network.probabilities(images: one, count: 1) }) }
    }
    latencies.sort()
    return (batched, latencies[latencies.count / 2] * 1000)
}

/// Best of 20 sgemm calls of a conv-shaped product, on `threads` BLAS threads.
func sgemmGFLOPs(threads: Int, m: Int = 6272, n: Int = 64, k: Int = 576) -> Double {
    let before = BLASThreads.current
    BLASThreads.set(threads)
    defer { BLASThreads.set(before) }
    let a = Tensor(shape: [m, k]), b = Tensor(shape: [k, n]), c = Tensor(shape: [m, n])
    a.fill(0.5); b.fill(0.25)
    var best = Double.infinity
    for _ in 0..<20 { best = Swift.min(best, time { matrixMultiply(a, b, into: c) }) }
    return 2 * Double(m * n * k) / best / 1e9
}

switch command {
case "keras-compare":
    let (train, test) = benchmarkData()
    let images = Int(option("--train-images") ?? "30000")!
    let speed = try trainingSpeed(.kerasReference, data: train, images: images, augment: false)
    print(String(format: "swift_train_images_per_second=%.0f", speed))
    print(String(format: "swift_epoch_seconds=%.1f", 60000 / speed))
    let net = Architecture.kerasReference.make(seed: 1)
    let (batched, single) = try inferenceSpeed(net, data: test)
    print(String(format: "swift_predict_images_per_second=%.0f", batched))
    print(String(format: "swift_single_image_ms=%.3f", single))
    print(String(format: "swift_peak_rss_mb=%.0f", peakRSSMegabytes()))

case "model":
    let (train, test) = benchmarkData()
    let architecture = Architecture(rawValue: option("--architecture") ?? "digitnet-v1")!
    let net = architecture.make(seed: 1)
    let flops = Double(net.forwardFLOPs())
    let speed = try trainingSpeed(architecture, data: train, images: Int(option("--train-images") ?? "12800")!, augment: true)
    print("architecture=\(architecture.rawValue) parameters=\(net.parameterCount) forward_mflop_per_image=\(String(format: "%.1f", flops / 1e6))")
    print(String(format: "train_images_per_second=%.0f", speed))
    print(String(format: "train_effective_gflops=%.1f", 3 * flops * speed / 1e9))
    print(String(format: "train_epoch_seconds_55000=%.1f", 55000 / speed))
    let (batched, single) = try inferenceSpeed(net, data: test)
    print(String(format: "inference_crops_per_second=%.0f", batched))
    print(String(format: "inference_effective_gflops=%.1f", flops * batched / 1e9))
    print(String(format: "inference_single_crop_ms=%.3f", single))
    // Effective GFLOP/s count a direct convolution's FLOPs; the 3x3 convolutions run by
    // Winograd F(2x2, 3x3), which needs 2.25x fewer multiplications, so they can pass sgemm's.
    print(String(format: "machine_sgemm_gflops=%.1f  (both cores, %dx%dx%d)", sgemmGFLOPs(threads: Parallel.workers), 6272, 64, 576))
    print(String(format: "peak_rss_mb=%.0f", peakRSSMegabytes()))

case "batches":
    let (_, test) = benchmarkData()
    let network = try DigitClassifier.loadDefault().inference
    test.images.withUnsafeBufferPointer { images in
        for count in [1, 4, 10, 32, 256] {
            _ = network.probabilities(images: images, count: count)
            var best = Double.infinity
            for _ in 0..<10 { best = Swift.min(best, time { _ = network.probabilities(images: images, count: count) }) }
            print(String(format: "batch %d: %.2f ms, %.3f ms per crop", count, best * 1000, best * 1000 / Double(count)))
        }
    }

case "camera":
    // The camera on its test video (MovingPageVideo, decoded by OpenCV like a webcam stream
    // and released at 30 frames/s as a webcam would): capture-to-result latency, and how
    // steady the stable reading is. Throughput is `pipeline`'s camera_* figures.
    let (_, test) = benchmarkData(readsDigits: true)
    // Frames read as `digitlens camera` reads them: the way up they are given.
    var parameters = PipelineParameters()
    parameters.findWayUp = false
    let recognizer = DigitRecognizer(classifier: try DigitClassifier.loadDefault(), parameters: parameters)
    let path = NSTemporaryDirectory() + "digitlens-bench-camera-\(getpid()).avi"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let pageTruth = try MovingPageVideo.write(to: path, text: "4096 173", digits: test)
    let source = try FrameSource { try VideoCapture(path: path) }
    let stabilizer = ReadingStabilizer(window: 9, quorum: 6)
    let start = FrameSource.now()
    let frames = FramePipeline(workers: Parallel.workers, next: {
        guard let decoded = source.next() else { return nil }
        let due = start + Double(decoded.index) / MovingPageVideo.fps
        let wait = due - FrameSource.now()
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        return Frame(image: decoded.image, index: decoded.index, time: decoded.time, capturedAt: FrameSource.now())
    }, work: { (try recognizer.recognize($0.image), try $0.image.focusMeasure()) })
    var latencies = [Double](), shown = [String?](), changes = [(frame: Int, text: String)]()
    while let (frame, outcome) = frames.next() {
        let (result, focus) = try outcome.get()
        latencies.append(FrameSource.now() - frame.capturedAt)
        if let change = stabilizer.add(result, frame: frame.index, time: frame.time, focus: focus) { changes.append((frame.index, change.text)) }
        shown.append(stabilizer.current?.text)
    }
    func truth(_ t: Int) -> String { MovingPageVideo.truth(atFrame: t, pageTruth: pageTruth) }
    let settled = shown.indices.first { shown[$0] == truth($0) } ?? shown.count
    let agreeing = (settled..<shown.count).filter { shown[$0] == truth($0) }.count
    let spurious = changes.filter { $0.text != truth($0.frame) }.count
    latencies.sort()
    print("camera_video_frames=\(shown.count)  (truth \(pageTruth); no paper in frames \(MovingPageVideo.noPaper))")
    print(String(format: "camera_capture_to_result_median_ms=%.1f", latencies[latencies.count / 2] * 1000))
    print("camera_first_settled_frame=\(settled)")
    print(String(format: "camera_frames_reading_the_truth_after_settling=%.1f%%", 100 * Double(agreeing) / Double(Swift.max(1, shown.count - settled))))
    print("camera_reading_changes=\(changes.map { "\($0.frame):\"\($0.text)\"" }.joined(separator: " "))  (spurious: \(spurious))")

case "annotate":
    // `digitlens annotate`'s throughput with 1 job and with one per core, on 32 generated
    // 1280x960 pages written to a temporary folder (decode, pipeline, drawing, PNG encode).
    let (_, test) = benchmarkData(readsDigits: true)
    let recognizer = DigitRecognizer(classifier: try DigitClassifier.loadDefault())
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("digitlens-bench-annotate-\(getpid())")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("in"), withIntermediateDirectories: true)
    var synthesizer = PageSynthesizer(digits: test, seed: 9)
    var style = PageSynthesizer.Style(); style.width = 1280; style.height = 960; style.digitHeight = 60; style.tiltDegrees = 4
    for i in 0..<32 {
        try synthesizer.render("\(1000 + i * 37) \(52 + i)|\(90210 - i * 11)", style: style).image.write(to: root.appendingPathComponent("in/page\(i).png").path)
    }
    let items = collectInputs([root.appendingPathComponent("in").path])
    var rates = [Int: Double]()
    for jobs in Array(Set([1, Parallel.workers])).sorted() {
        let job = AnnotationJob(recognizer: recognizer, outputDirectory: root.appendingPathComponent("out\(jobs)").path, force: true, jobs: jobs)
        let seconds = time { _ = job.run(items) }
        rates[jobs] = Double(items.count) / seconds
        print(String(format: "annotate_jobs_%d_images_per_second=%.1f", jobs, rates[jobs]!))
    }
    if let one = rates[1], let all = rates[Parallel.workers], Parallel.workers > 1 {
        print(String(format: "annotate_speedup_%d_jobs=%.2f", Parallel.workers, all / one))
    }

case "page-loop":
    // The 640x480 page of `pipeline`, recognized 500 times: for profiling (perf record).
    let (_, test) = benchmarkData(readsDigits: true)
    let recognizer = DigitRecognizer(classifier: try DigitClassifier.loadDefault())
    var synthesizer = PageSynthesizer(digits: test, seed: 4)
    var style = PageSynthesizer.Style(); style.tiltDegrees = 6; style.shadow = 0.3
    let (photo, _) = try synthesizer.render("31415 92653", style: style)
    let seconds = try time { for _ in 0..<500 { _ = try recognizer.recognize(photo) } }
    print(String(format: "page_ms=%.2f", seconds * 2))

case "single":
    // Single-crop inference in a loop, on one thread: for profiling (perf record).
    Parallel.useSampleParallelism()
    let (_, test) = benchmarkData(readsDigits: true)
    let network = try DigitClassifier.loadDefault().inference
    let seconds = test.images.withUnsafeBufferPointer { images in
        time { for i in 0..<3000 { _ = network.probabilities(images: UnsafeBufferPointer(rebasing: images[(i % 100) * 784..<(i % 100 + 1) * 784]), count: 1) } }
    }
    print(String(format: "single_crop_ms=%.3f", seconds / 3))

case "sgemm":
    for (m, n, k) in [(6272, 32, 288), (6272, 64, 576), (3136, 64, 288)] {
        print(String(format: "sgemm_one_thread_gflops[%dx%dx%d]=%.1f", m, n, k, sgemmGFLOPs(threads: 1, m: m, n: n, k: k)))
    }

case "layers":
    Parallel.useSampleParallelism()
    let net = Architecture(rawValue: option("--architecture") ?? "digitnet-v1")!.make(seed: 1)
    var g = SeededGenerator(seed: 2)
    let x = Tensor(shape: [128, 28, 28, 1], values: (0..<128 * 784).map { _ in g.uniform() })
    let layers = net.layers
    var forward = [Double](repeating: 0, count: layers.count), backward = forward
    for iteration in 0..<6 {
        var h = x
        for (i, layer) in layers.enumerated() { let t = time { h = layer.forward(h, training: true) }; if iteration > 0 { forward[i] += t } }
        var grad = Tensor(shape: h.shape, values: (0..<h.count).map { _ in g.uniform(-0.01, 0.01) })
        for (i, layer) in layers.enumerated().reversed() { let t = time { grad = layer.backward(grad) }; if iteration > 0 { backward[i] += t } }
    }
    for (i, layer) in layers.enumerated() {
        print(String(describing: type(of: layer)).padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: " forward %6.2f ms  backward %6.2f ms", forward[i] * 200, backward[i] * 200))
    }
    print(String(format: "batch_128_ms=%.1f", (forward.reduce(0, +) + backward.reduce(0, +)) * 200))

case "pipeline":
    let (_, test) = benchmarkData(readsDigits: true)
    let classifier = try DigitClassifier.loadDefault()
    let recognizer = DigitRecognizer(classifier: classifier)
    var synthesizer = PageSynthesizer(digits: test, seed: 4)
    func median(_ image: Image, runs: Int) throws -> (Double, String) { try medianMilliseconds(recognizer, image, runs: runs) }
    /// Frames/s of the camera's pipeline (`FramePipeline`, one frame per worker in flight,
    /// results in order) over `count` copies of a frame held in memory, each read as
    /// `digitlens camera` reads it: the way up it is given (`findWayUp` off: a doubtful frame
    /// read four ways measured the 1280x720 frame at 17 frames/s, the camera reads it at 98).
    var cameraParameters = PipelineParameters()
    cameraParameters.findWayUp = false
    let cameraRecognizer = DigitRecognizer(classifier: classifier, parameters: cameraParameters)
    func cameraThroughput(_ image: Image, count: Int) throws -> Double {
        let lock = NSLock()
        var taken = 0
        let start = FrameSource.now()
        let frames = FramePipeline(workers: Parallel.workers, next: {
            lock.lock(); defer { lock.unlock() }
            guard taken < count else { return nil }
            taken += 1
            return Frame(image: image, index: taken - 1, time: 0, capturedAt: FrameSource.now())
        }, work: { try cameraRecognizer.recognize($0.image) })
        var done = 0
        while let item = frames.next() { _ = try item.result.get(); done += 1 }
        return Double(done) / (FrameSource.now() - start)
    }
    var small = PageSynthesizer.Style(); small.tiltDegrees = 6; small.shadow = 0.3
    let (photo, truth) = try synthesizer.render("31415 92653", style: small)
    let (ms, text) = try median(photo, runs: 30)
    print(String(format: "pipeline_640x480_10_digits_median_ms=%.1f", ms) + "  (truth \(truth), read \(text))")
    print(String(format: "camera_640x480_frames_per_second=%.0f", try cameraThroughput(photo, count: 200)) + "  (\(Parallel.workers) frames in flight; one at a time: \(String(format: "%.0f", 1000 / ms)))")
    // Where the 640x480 time goes, step by step (medians; the CNN is timed on a batch of
    // as many crops as the page has digits).
    func stepMedian(_ body: () throws -> Void) rethrows -> Double {
        var times = [Double]()
        for _ in 0..<25 { times.append(try time(body)) }
        return times.sorted()[times.count / 2] * 1000
    }
    let gray = try photo.grayscale()
    let parameters = PipelineParameters()
    let inkMap = try makeInkMap(gray, parameters: parameters)
    let crops = try recognizer.recognize(photo).lines.flatMap(\.numbers).flatMap(\.digits).count
    let batch = [Float](repeating: 0.1, count: crops * 784)
    print(String(format: "  step_grayscale_ms=%.2f", try stepMedian { _ = try photo.grayscale() }))
    // The grey the pipeline reads: the same, after looking for printed lines of a colour of
    // their own to drop (ColourDropout.swift); the difference is that look's cost.
    print(String(format: "  step_grey_for_reading_ms=%.2f", try stepMedian { _ = try greyForReading(photo, parameters: parameters) }))
    print(String(format: "  step_find_page_ms=%.2f", try stepMedian { _ = try findPage(gray, parameters: parameters) }))
    print(String(format: "  step_ink_map_ms=%.2f", try stepMedian { _ = try makeInkMap(gray, parameters: parameters) }))
    print(String(format: "  step_segment_ms=%.2f", try stepMedian { _ = try segment(inkMap, parameters: parameters) }))
    print(String(format: "  step_classify_%d_crops_ms=%.2f", crops, stepMedian { _ = classifier.probabilities(images: batch, count: crops) }))
    var hd = PageSynthesizer.Style(); hd.width = 1280; hd.height = 720; hd.digitHeight = 70; hd.tiltDegrees = -5
    let (frame, frameTruth) = try synthesizer.render("8086 6502", style: hd)
    let (hdMs, hdText) = try median(frame, runs: 20)
    print(String(format: "camera_1280x720_frames_per_second=%.0f", try cameraThroughput(frame, count: 100)) + "  (truth \(frameTruth), read \(hdText); one at a time by recognize, which reads a doubtful frame turned too: \(String(format: "%.0f", 1000 / hdMs)))")
    var large = PageSynthesizer.Style(); large.width = 4000; large.height = 3000; large.digitHeight = 260; large.shadow = 0.3
    let (big, bigTruth) = try synthesizer.render("2718 2818|2845 9045", style: large)
    let (bigMs, bigText) = try median(big, runs: 7)
    print(String(format: "pipeline_12mp_median_ms=%.1f", bigMs) + "  (truth \(bigTruth), read \(bigText))")
    print(String(format: "  step_12mp_grayscale_ms=%.1f  step_12mp_grey_for_reading_ms=%.1f", try stepMedian { _ = try big.grayscale() },
                 try stepMedian { _ = try greyForReading(big, parameters: parameters) }))
    // A whole page photographed at 12 MP, its writing 40 pixels tall: shrunk to the working
    // side its digits are 16 pixels, so it is read again at a finer scale (`minimumWorkingDigitHeight`).
    var smallWriting = large; smallWriting.digitHeight = 40
    let (page, pageTruth) = try synthesizer.render("3047 1289|56 712 904|8815 2063", style: smallWriting)
    let (pageMs, pageText) = try median(page, runs: 7)
    print(String(format: "pipeline_12mp_40px_digits_median_ms=%.1f", pageMs) + "  (truth \(pageTruth), read \(pageText))")
    // A cheque's amount field, underlined, enlarged 16 times (a 600 dpi scan, a crop blown up):
    // the underline, too thick for a ruled line now, joins the digits into one wide piece of
    // thin strokes for its size, which the touching-digit splitter cuts and normalizes many ways.
    var strip = PageSynthesizer.Style(); strip.width = 240; strip.height = 64; strip.digitHeight = 32
    let (field, fieldTruth) = try synthesizer.render("4096", style: strip)
    let underlined = try underlinedField(field)
    let enlarged = try underlined.resized(width: 240 * 16, height: 64 * 16, interpolation: .cubic)
    let (enlargedMs, enlargedText) = try median(enlarged, runs: 5)
    print(String(format: "pipeline_underlined_field_enlarged_16x_median_ms=%.1f", enlargedMs) + "  (3840x1024; truth \(fieldTruth), read \(enlargedText))")

case "files":
    // Each picture given, decoded once and recognized 15 times after 2 warm-up runs: the
    // pipeline's cost on one's own photos, to compare two builds side by side.
    let recognizer = DigitRecognizer(classifier: try DigitClassifier.loadDefault())
    for path in arguments.dropFirst() {
        let image = try Image(contentsOf: path)
        let (ms, text) = try medianMilliseconds(recognizer, image, runs: 15)
        print(String(format: "%@_median_ms=%.2f", path, ms) + "  (\(image.width)x\(image.height), read \(text))")
    }

case "draw":
    let (_, test) = benchmarkData(readsDigits: true)
    let recognizer = DigitRecognizer(classifier: try DigitClassifier.loadDefault(), parameters: .canvas(height: 400))
    // Three digits traced along their skeletons, as a hand would draw them.
    var strokes = [[[Double]]]()
    for (slot, index) in [0, 1, 2].enumerated() {
        for stroke in Skeleton.strokes(of: Array(test.images[index * 784..<(index + 1) * 784]), width: 28, height: 28) {
            strokes.append(stroke.map { [80 + Double(slot) * 150 + $0.x * 7, 60 + $0.y * 7] })
        }
    }
    let canvas = StrokeCanvas(width: 600, height: 400)
    canvas.replay(StrokeFile(canvas: [600, 400], strokes: strokes))
    var times = [Double](), text = ""
    for _ in 0..<40 {
        // The work between a mouse event and the updated reading: render the canvas shown and
        // the one read (see `DrawSession.predict`), recognize.
        times.append(try time { _ = try canvas.render(); text = try recognizer.recognize(try canvas.renderForRecognition()).text })
    }
    times.sort()
    print(String(format: "draw_event_to_prediction_median_ms=%.1f", times[times.count / 2] * 1000) + "  (read \(text), truth \(test.labels[0])\(test.labels[1])\(test.labels[2]))")

default:
    FileHandle.standardError.write(Data("digitlens-bench: unknown benchmark '\(command)'\n\(usage)\n".utf8))
    exit(2)
}
