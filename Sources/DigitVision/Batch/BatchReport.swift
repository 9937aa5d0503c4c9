import Foundation

/// What happened to one image of a batch.
public struct BatchRecord: Codable, Equatable, Sendable {
    public var file: String
    public var output: String?
    /// "ok", "skipped" (done by an earlier run), "error", or `BatchReport.notStarted`.
    public var status: String
    public var text: String
    public var seconds: Double
    public var error: String?
    public var digits: [RecognizedDigit]
    /// Set in sidecars only (reports leave it out): what the result was made from.
    public var provenance: AnnotationProvenance? = nil
    /// What reading the input warned of (`Image.decodeWarning`: a TIFF read as far as its
    /// corrupt picture data decodes); in sidecars and both reports.
    public var warning: String? = nil
    /// Set in sidecars only: the annotated image's size as written. A rerun redoes an image
    /// whose output no longer has it (emptied or cut short by a failed copy), not only one
    /// whose output is gone.
    public var outputBytes: UInt64? = nil

    public init(file: String, output: String?, status: String, text: String, seconds: Double, error: String?, digits: [RecognizedDigit],
                provenance: AnnotationProvenance? = nil) {
        self.file = file; self.output = output; self.status = status; self.text = text
        self.seconds = seconds; self.error = error; self.digits = digits; self.provenance = provenance
    }
}

/// The report of a batch (or of one shard of it), written as CSV or JSON.
public enum BatchReport {
    public enum Format: String, CaseIterable, Sendable { case csv, json }
    /// The status of an image read and annotated (`BatchRecord.status`).
    public static let succeeded = "ok"
    /// The status of an image that could not be read or annotated (its `error` says why).
    public static let failed = "error"
    /// The status of an image a rerun found done already.
    public static let skipped = "skipped"
    /// The status of an image a stopped run never started: its report lists it, so that
    /// merging that shard is refused until it has been run again.
    public static let notStarted = "not-started"

    public static func encode(_ records: [BatchRecord], as format: Format) throws -> Data {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(records)
        case .csv:
            var lines = ["file,status,text,seconds,digits,error,warning"]
            for r in records {
                // digits: label:confidence:x:y:w:h separated by spaces
                let digits = r.digits.map { d in "\(d.label):\(String(format: "%.3f", d.confidence)):\(d.box.x):\(d.box.y):\(d.box.width):\(d.box.height)" }.joined(separator: " ")
                lines.append([r.file, r.status, r.text, String(format: "%.3f", r.seconds), digits, r.error ?? "", r.warning ?? ""].map(csvField).joined(separator: ","))
            }
            return Data((lines.joined(separator: "\n") + "\n").utf8)
        }
    }

    /// Writes the report to `path` atomically (a reader never sees half of it), with a
    /// one-line error naming the path.
    public static func write(_ records: [BatchRecord], as format: Format, to path: String) throws {
        let data = try encode(records, as: format)
        do { try writeAtomically(data, to: path) } catch let error as VisionError { throw error } catch { throw VisionError.file(path, cannot: "write", error) }
    }

    /// Refuses to replace a file at `path` that is not a DigitLens report (the user's own
    /// report.csv in a folder given as --out): checked before a run starts, not at its end.
    /// Nor anything but a plain file: a report is written beside its place and renamed over
    /// it, which would put a plain file where a device, a pipe or a link was (`--output
    /// /dev/stdout` run as root replaced /dev/stdout itself).
    public static func checkReplaceable(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let kind = info.st_mode & S_IFMT == S_IFLNK ? "a link" : info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a plain file (a device, pipe or socket)"
            throw VisionError(kind: .io, file: path, operation: "write", reason: "\(path) is \(kind); a report is written as a new plain file, so name one that is not there yet or an earlier report")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return }
        guard (try? decode(data, path: path)) != nil else {
            throw VisionError(kind: .io, file: path, operation: "write", reason: "\(path) exists and is not a DigitLens report; not overwriting it")
        }
    }

    /// Reads a report written by `encode` (CSV or JSON, by content).
    public static func decode(_ data: Data, path: String) throws -> [BatchRecord] {
        if let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "[") {
            do { return try JSONDecoder().decode([BatchRecord].self, from: data) } catch {
                throw VisionError(kind: .decode, file: path, operation: "merge", reason: "\(path): not a DigitLens JSON report (\(error))")
            }
        }
        let rows = parseCSV(String(decoding: data, as: UTF8.self))
        // Reports written before the warning column (6 columns) read as well.
        let columns = ["file", "status", "text", "seconds", "digits", "error", "warning"]
        guard let header = rows.first, header == columns || header == Array(columns.prefix(6)) else {
            throw VisionError(kind: .decode, file: path, operation: "merge", reason: "\(path): not a DigitLens report (unexpected header)")
        }
        return try rows.dropFirst().map { f in
            guard f.count == header.count else { throw VisionError(kind: .decode, file: path, operation: "merge", reason: "\(path): a row has \(f.count) fields, expected \(header.count)") }
            let digits = f[4].split(separator: " ").compactMap { item -> RecognizedDigit? in
                let p = item.split(separator: ":").map(String.init)
                guard p.count == 6, let label = Int(p[0]), let c = Double(p[1]), let x = Int(p[2]), let y = Int(p[3]), let w = Int(p[4]), let h = Int(p[5]) else { return nil }
                return RecognizedDigit(box: Box(x: x, y: y, width: w, height: h), label: label, confidence: c,
                                       top3: [RecognizedDigit.Candidate(label: label, probability: c)])
            }
            var record = BatchRecord(file: f[0], output: nil, status: f[1], text: f[2], seconds: Double(f[3]) ?? 0, error: f[5].isEmpty ? nil : f[5], digits: digits)
            if f.count > 6, !f[6].isEmpty { record.warning = f[6] }
            return record
        }
    }

    /// Checks that the shard reports among `files` (by their names, `report-shard-I-of-N.*`)
    /// are one whole set: shards 0..<N of a single N, each once. A merge of part of a run, or
    /// of two runs' reports, would silently drop or double images. `place` names them in errors.
    public static func checkShardSet(_ files: [String], place: String) throws {
        var byCount = [Int: [Int: String]]()
        for file in files {
            let name = (file as NSString).lastPathComponent
            guard let shard = Shard(reportName: name) else { continue }
            if let other = byCount[shard.count, default: [:]].updateValue(name, forKey: shard.index) {
                throw VisionError(kind: .argument, file: place, operation: "merge", reason: "\(place): shard \(shard) has two reports, \(other) and \(name); remove the stale one")
            }
        }
        let counts = byCount.keys.sorted()
        if counts.count > 1 {
            throw VisionError(kind: .argument, file: place, operation: "merge",
                              reason: "\(place): reports of shard sets of \(counts.map(String.init).joined(separator: " and of ")) are mixed; remove the stale ones")
        }
        if let count = counts.first {
            let missing = (0..<count).filter { byCount[count]?[$0] == nil }
            if !missing.isEmpty {
                throw VisionError(kind: .argument, file: place, operation: "merge",
                                  reason: "\(place): shard\(missing.count > 1 ? "s" : "") \(missing.map(String.init).joined(separator: ", ")) of \(count) \(missing.count > 1 ? "are" : "is") missing; merge when every task has written its report")
            }
        }
    }

    /// A field quoted when it holds a comma, a quote or a line break of either kind (a file
    /// name may hold a carriage return, which a CSV reader takes for the end of a row).
    static func csvField(_ s: String) -> String {
        s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func parseCSV(_ text: String) -> [[String]] {
        var rows = [[String]](), row = [String](), field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false } } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" && chars.first == "\n" { chars.removeFirst() }
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
