import DigitVision
import Foundation
import XCTest

/// `digitlens annotate --shard` and `annotate merge`: shard sets from flags and from Slurm's variables.
extension AnnotateCLITests {
    func testMergeNeedsOneCompleteShardSet() throws {
        let dir = try CLI.scratch()
        func report(_ name: String) throws {
            try "file,status,text,seconds,digits,error\n/in/\(name).png,ok,12,0.010,,\n".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try report("report-shard-0-of-3.csv")
        let missing = try CLI.run(["annotate", "merge", dir.path])
        XCTAssertNotEqual(missing.status, 0, missing.stdout)
        XCTAssertTrue(missing.stderr.contains("shards 1, 2 of 3 are missing"), missing.stderr)
        // The same report named twice is read once, and said to be.
        let shard0 = dir.appendingPathComponent("report-shard-0-of-3.csv").path
        let twice = try CLI.run(["annotate", "merge", shard0, shard0])
        XCTAssertNotEqual(twice.status, 0, twice.stdout)
        XCTAssertTrue(twice.stderr.contains("note: \(shard0) is given twice; read once"), twice.stderr)
        XCTAssertTrue(twice.stderr.contains("shards 1, 2 of 3 are missing"), twice.stderr)

        try report("report-shard-1-of-3.csv")
        try report("report-shard-2-of-3.csv")
        try report("report-shard-1-of-2.csv")
        let mixed = try CLI.run(["annotate", "merge", dir.path])
        XCTAssertNotEqual(mixed.status, 0, mixed.stdout)
        XCTAssertTrue(mixed.stderr.contains("reports of shard sets of 2 and of 3"), mixed.stderr)

        try fm.removeItem(at: dir.appendingPathComponent("report-shard-1-of-2.csv"))
        let complete = try CLI.run(["annotate", "merge", dir.path])
        XCTAssertEqual(complete.status, 0, complete.stderr)
        XCTAssertTrue(complete.stdout.contains("merged 3 shard reports: 3 images"), complete.stdout)
        // The format follows --output's name unless --report says otherwise; both, disagreeing,
        // are refused (merged.json had been written as CSV).
        let named = dir.appendingPathComponent("merged.json").path
        XCTAssertEqual(try CLI.run(["annotate", "merge", dir.path, "--output", named]).status, 0)
        let records = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: named))) as? [[String: Any]]
        XCTAssertEqual(records?.count, 3)
        let clash = try CLI.run(["annotate", "merge", dir.path, "--report", "csv", "--output", dir.appendingPathComponent("m.json").path])
        XCTAssertEqual(clash.status, 1, clash.stderr)
        XCTAssertEqual(CLI.lines(clash.stderr).count, 1, clash.stderr)
        XCTAssertTrue(clash.stderr.contains("m.json: names a .json file but --report is csv"), clash.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("m.json").path))

        // A file in two shards: the input changed between the shards' starts (files added
        // shift the split), so others were in none; it was merged as complete.
        let shifted = dir.appendingPathComponent("shifted")
        try fm.createDirectory(at: shifted, withIntermediateDirectories: true)
        for (name, files) in [("report-shard-0-of-2.csv", ["/in/f1.png", "/in/f3.png"]), ("report-shard-1-of-2.csv", ["/in/f0.png", "/in/f1.png"])] {
            try ("file,status,text,seconds,digits,error\n" + files.map { "\($0),ok,12,0.010,,\n" }.joined()).write(to: shifted.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let overlapping = try CLI.run(["annotate", "merge", shifted.path])
        XCTAssertNotEqual(overlapping.status, 0, overlapping.stdout)
        XCTAssertTrue(overlapping.stderr.contains("/in/f1.png is in two shard reports"), overlapping.stderr)
        XCTAssertFalse(fm.fileExists(atPath: shifted.appendingPathComponent("report.csv").path))
    }

    func testShardFromSlurmArrayWithStepAndBadSlurmVariables() throws {
        let dir = try CLI.scratch()
        // One image: the shards past the first get none, which is no error.
        let input = dir.appendingPathComponent("one")
        try place("notebook.png", at: input.appendingPathComponent("a.png"))
        func annotate(_ env: [String: String]) throws -> CLI.Run {
            try CLI.run(["annotate", input.path, "--out", dir.appendingPathComponent("out").path], environment: env)
        }
        // --array=0-6:2 gives the tasks 0, 2, 4, 6.
        let step = ["SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_MIN": "0"]
        for (id, shard) in [("0", "0/4"), ("2", "1/4"), ("6", "3/4")] {
            let run = try annotate(step.merging(["SLURM_ARRAY_TASK_ID": id]) { $1 })
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("(shard \(shard))"), "task \(id): \(run.stdout)")
        }
        let noCount = try annotate(["SLURM_ARRAY_TASK_ID": "1"])
        XCTAssertNotEqual(noCount.status, 0, noCount.stdout)
        XCTAssertTrue(noCount.stderr.contains("SLURM_ARRAY_TASK_COUNT"), noCount.stderr)
        let notANumber = try annotate(["SLURM_ARRAY_TASK_ID": "x1", "SLURM_ARRAY_TASK_COUNT": "2"])
        XCTAssertNotEqual(notANumber.status, 0, notANumber.stdout)
        XCTAssertTrue(notANumber.stderr.contains("SLURM_ARRAY_TASK_ID"), notANumber.stderr)
    }
}
