import ArgumentParser
import DigitNet
import DigitVision
import Foundation

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model on the 10,000 MNIST test images.",
        discussion: "Prints accuracy, per-class precision and recall and the confusion matrix; writes the confusion matrix as a PNG heat map and a PNG grid of misclassified digits.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var modelOptions: ModelOptions
    @Flag(help: "Print one JSON object (accuracy, per_class, confusion, misclassified).") var json = false
    @Option(help: "Folder for confusion.png and misclassified.png (created if missing).") var report = "evaluation"

    func run() throws {
        // Weights and data first: a run refused for them leaves no empty report folder behind.
        let classifier = try modelOptions.loadClassifier()
        let directory = try dataOptions.mnistDirectory()
        let test = try MNIST.load(directory: directory, split: .test)
        try makeOutputFolder(report, option: "--report")
        let data = Dataset(bytes: test.images, labels: test.labels)
        let start = Date()
        let result = classifier.network.evaluate(data)
        let seconds = Date().timeIntervalSince(start)
        let summary = EvaluationSummary(result)

        let reportURL = URL(fileURLWithPath: report)
        let confusionURL = reportURL.appendingPathComponent("confusion.png")
        let gridURL = reportURL.appendingPathComponent("misclassified.png")
        try Charts.writeConfusionHeatMap(summary.confusion, to: confusionURL)
        try Charts.writeDigitGrid(data: data, evaluation: result, to: gridURL)

        if json {
            let object = summary.jsonObject(model: classifier.url.path, seconds: seconds,
                                            files: ["confusion_png": confusionURL.path, "misclassified_png": gridURL.path])
            let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: bytes, as: UTF8.self))
            return
        }
        print(summary.text(model: classifier.url.path, images: data.count, seconds: seconds))
        print("wrote \(confusionURL.path) and \(gridURL.path)")
    }
}

/// Accuracy, per-class precision/recall and the confusion matrix of an evaluation.
struct EvaluationSummary {
    let accuracy: Double
    let confusion: [[Int]]
    let precision: [Double]
    let recall: [Double]
    let misclassified: [(index: Int, truth: Int, predicted: Int)]

    init(_ e: Evaluation) {
        accuracy = Double(e.accuracy)
        confusion = e.confusion
        precision = (0..<10).map { p in
            let column = (0..<10).reduce(0) { $0 + e.confusion[$1][p] }
            return column == 0 ? 0 : Double(e.confusion[p][p]) / Double(column)
        }
        recall = (0..<10).map { t in
            let row = e.confusion[t].reduce(0, +)
            return row == 0 ? 0 : Double(e.confusion[t][t]) / Double(row)
        }
        misclassified = zip(e.predictions, e.labels).enumerated().compactMap { i, pair in
            pair.0 == pair.1 ? nil : (i, pair.1, pair.0)
        }
    }

    func jsonObject(model: String, seconds: Double, files: [String: String]) -> [String: Any] {
        [
            "model": model,
            "images": confusion.joined().reduce(0, +),
            "accuracy": accuracy,
            "errors": misclassified.count,
            "seconds": seconds,
            "per_class": (0..<10).map { ["digit": $0, "precision": precision[$0], "recall": recall[$0], "count": confusion[$0].reduce(0, +)] as [String: Any] },
            "confusion": confusion,
            "misclassified": misclassified.map { ["index": $0.index, "truth": $0.truth, "predicted": $0.predicted] },
            "files": files,
        ]
    }

    func text(model: String, images: Int, seconds: Double) -> String {
        var lines = [String(format: "model %@\naccuracy %.2f%% (%d errors in %d MNIST test images, %.1f s)", model, accuracy * 100, misclassified.count, images, seconds)]
        lines.append("\ndigit  precision  recall")
        for d in 0..<10 { lines.append(String(format: "  %d     %6.2f%%  %6.2f%%", d, precision[d] * 100, recall[d] * 100)) }
        lines.append("\nconfusion (rows: truth, columns: predicted)")
        lines.append("     " + (0..<10).map { String(format: "%5d", $0) }.joined())
        for t in 0..<10 { lines.append(String(format: "  %d  ", t) + confusion[t].map { String(format: "%5d", $0) }.joined()) }
        return lines.joined(separator: "\n")
    }
}
