import Foundation

/// One image of a batch: where it is and where its outputs go, relative to `--out`.
public struct BatchItem: Equatable, Sendable {
    public var path: String
    /// Path under the output folder (the input's path relative to the folder it was found in,
    /// or its file name when given directly).
    public var relativePath: String
}

/// Image extensions a batch picks up from folders (files named explicitly are always taken).
public let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp", "pbm", "pgm", "ppm", "jp2", "sr", "ras"]

/// Expands files and folders (recursively, images only, sorted) into batch items.
/// A name that does not exist is kept as an item so the batch reports it as a bad file.
///
/// Output layout: with one input, a folder's contents go directly under the output folder;
/// with several, each folder goes under its own name, so two folders with the same layout
/// do not write over each other. A file or folder given twice (by any path, or a file also
/// inside a folder given) counts once, where it is first met. Folders in `excluded` (the
/// output folder) are not walked, so a rerun into a folder inside the input does not read
/// its own outputs.
public func collectInputs(_ arguments: [String], excluding excluded: [String] = []) -> [BatchItem] {
    let fm = FileManager.default
    var seen = Set<String>()
    let distinct = arguments.filter { seen.insert(realPath($0)).inserted }
    var items = [BatchItem]()
    var taken = Set<String>()
    let skipped = Set(excluded.map(realPath))
    for argument in distinct {
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
            let root = URL(fileURLWithPath: argument).standardizedFileURL
            let prefix = distinct.count > 1 ? (realPath(argument) as NSString).lastPathComponent : ""
            var found = [BatchItem]()
            if let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) {
                for case let url as URL in walker {
                    if (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true, skipped.contains(realPath(url.path)) {
                        walker.skipDescendants()
                        continue
                    }
                    guard imageExtensions.contains(url.pathExtension.lowercased()) else { continue }
                    guard taken.insert(realPath(url.path)).inserted else { continue }
                    let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count).drop(while: { $0 == "/" }))
                    found.append(BatchItem(path: url.path, relativePath: prefix.isEmpty ? relative : prefix + "/" + relative))
                }
            }
            items += found.sorted { $0.relativePath < $1.relativePath }
        } else if taken.insert(realPath(argument)).inserted {
            items.append(BatchItem(path: argument, relativePath: (argument as NSString).lastPathComponent))
        }
    }
    return items
}

/// The absolute path with symbolic links resolved, so two spellings of one file compare equal.
func realPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}

/// Which part of a batch this process does: shard `index` of `count` (0-based).
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
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
    /// SLURM_ARRAY_TASK_COUNT, minus SLURM_ARRAY_TASK_MIN when the array does not start at 0)
    /// or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with DIGITLENS_SHARDS giving the
    /// completions count). Nil when neither is set.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Shard? {
        if let id = env["SLURM_ARRAY_TASK_ID"].flatMap(Int.init), let count = env["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) {
            return try Shard(index: id - (env["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0), count: count)
        }
        if let id = env["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
            guard let count = env["DIGITLENS_SHARDS"].flatMap(Int.init) else {
                throw VisionError(kind: .argument, operation: "shard", reason: "JOB_COMPLETION_INDEX is set but DIGITLENS_SHARDS (the job's completions) is not")
            }
            return try Shard(index: id, count: count)
        }
        return nil
    }

    /// The items of this shard: every `count`-th item of the sorted list, so shards are
    /// disjoint, cover everything and are the same on every machine.
    public func select(_ items: [BatchItem]) -> [BatchItem] {
        let sorted = items.sorted { ($0.relativePath, $0.path) < ($1.relativePath, $1.path) }
        return sorted.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
