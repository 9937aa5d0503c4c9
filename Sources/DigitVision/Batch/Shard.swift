import Foundation

/// Which part of a batch this process does: shard `index` of `count` (0-based).
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else {
            throw VisionError(kind: .argument, operation: "shard", reason: "shard \(index)/\(count): the number of shards must be at least 1")
        }
        guard (0..<count).contains(index) else {
            throw VisionError(kind: .argument, operation: "shard", reason: "shard \(index)/\(count): the index must be in 0..<count")
        }
        self.index = index
        self.count = count
    }

    public static let whole = try! Shard(index: 0, count: 1)

    /// `I/N` as given to `--shard`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let i = parts[0], let n = parts[1] else {
            throw VisionError(kind: .argument, operation: "shard", reason: "--shard must be I/N, e.g. 0/4, not '\(text)'")
        }
        try self.init(index: i, count: n)
    }

    /// From the environment of a Slurm array job (SLURM_ARRAY_TASK_ID with
    /// SLURM_ARRAY_TASK_COUNT; an array that does not start at 0 or has a step, e.g.
    /// `--array=0-6:2`, maps its IDs through SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_STEP
    /// onto 0..<count) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with DIGITLENS_SHARDS
    /// giving the completions count). Nil when neither is set; a variable that is not a
    /// number, or an index without its count, is an error: ignoring it would make every task
    /// do the whole batch.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Shard? {
        func number(_ name: String) throws -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                throw VisionError(kind: .argument, operation: "shard", reason: "\(name)=\(text) is not a number")
            }
            return value
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            guard let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw VisionError(kind: .argument, operation: "shard", reason: "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; give --shard I/N")
            }
            let first = try number("SLURM_ARRAY_TASK_MIN") ?? 0, step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
            guard step >= 1, id >= first, (id - first) % step == 0, (id - first) / step < count else {
                throw VisionError(kind: .argument, operation: "shard",
                                  reason: "SLURM_ARRAY_TASK_ID=\(id) is not one of \(count) evenly spaced tasks from \(first) by \(step); use an array like --array=0-\(count - 1) or give --shard I/N")
            }
            return try Shard(index: (id - first) / step, count: count)
        }
        if let id = try number("JOB_COMPLETION_INDEX") {
            guard let count = try number("DIGITLENS_SHARDS") else {
                throw VisionError(kind: .argument, operation: "shard", reason: "JOB_COMPLETION_INDEX is set but DIGITLENS_SHARDS (the job's completions) is not")
            }
            return try Shard(index: id, count: count)
        }
        return nil
    }

    /// The report file of this shard: `report-shard-I-of-N.<format>`, or `report.<format>`
    /// for the whole batch.
    public func reportName(_ format: BatchReport.Format) -> String {
        count > 1 ? "report-shard-\(index)-of-\(count).\(format.rawValue)" : "report.\(format.rawValue)"
    }

    /// The shard a report file name written by `reportName` belongs to; nil for other names.
    public init?(reportName name: String) {
        let parts = name.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, BatchReport.Format(rawValue: String(parts[1])) != nil, parts[0].hasPrefix("report-shard-") else { return nil }
        let numbers = parts[0].dropFirst("report-shard-".count).components(separatedBy: "-of-").map { Int($0) }
        guard numbers.count == 2, let i = numbers[0], let n = numbers[1], let shard = try? Shard(index: i, count: n) else { return nil }
        self = shard
    }

    /// The items of this shard: every `count`-th item of the sorted list, so shards are
    /// disjoint, cover everything and are the same on every machine.
    public func select(_ items: [BatchItem]) -> [BatchItem] {
        let sorted = items.sorted { ($0.relativePath, $0.path) < ($1.relativePath, $1.path) }
        return sorted.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
