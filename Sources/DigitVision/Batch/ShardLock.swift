import Foundation

/// This shard's lock in an output folder, held until `release` or the process's end: two runs
/// of one shard into one --out (a job requeued while the first still runs, a doubled cron
/// entry) did every image twice, each taking the other's fresh outputs for files it had not
/// written, and left a report of false errors. Shards of one run take locks of their own.
/// The lock is the kernel's (flock), freed however the process ends; its hidden file holds
/// the holder's process id and host, and is removed by `release`.
public final class ShardLock {
    public let path: String
    private let descriptor: Int32

    public init(_ shard: Shard, in folder: String) throws {
        path = (folder as NSString).appendingPathComponent(".digitlens-lock-shard-\(shard.index)-of-\(shard.count)")
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw VisionError(kind: .io, operation: "lock", reason: "--out \(folder): cannot make its lock file (\(String(cString: strerror(errno))))") }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                var holder = [UInt8](repeating: 0, count: 256)
                let count = pread(descriptor, &holder, holder.count, 0)
                let who = count > 0 ? String(decoding: holder.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
                close(descriptor)
                let which = shard.count > 1 ? "shard \(shard) into " : "into "
                throw VisionError(kind: .io, operation: "lock", reason: "another annotate run\(who.isEmpty ? "" : " (process \(who))") is writing \(which)\(folder); wait for it to end, or stop it, then run again")
            }
            // Locked, but perhaps a file the run before removed as this one opened it: then
            // the lock guards nothing, and the file now at the path is tried.
            var held = stat(), current = stat()
            if fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                self.descriptor = descriptor
                break
            }
            close(descriptor)
        }
        let mine = "\(getpid()) on \(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(descriptor, 0)
        _ = mine.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Removes the lock file, then lets the lock go.
    public func release() {
        unlink(path)
        close(descriptor)
    }
}
