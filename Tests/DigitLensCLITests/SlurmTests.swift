import Foundation
import XCTest

/// `digitlens annotate` as a Slurm array job on a real Slurm (Debian's slurm-wlm and munge,
/// started here as a one-node cluster): each task takes its shard from SLURM_ARRAY_TASK_ID and
/// SLURM_ARRAY_TASK_COUNT, and `annotate merge` joins the shard reports.
final class SlurmTests: XCTestCase {
    /// Every command here has a deadline: a cluster that does not come up or a job that never
    /// starts fails the test instead of hanging CI.
    @discardableResult
    func execute(_ path: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Subprocess.Result {
        try Subprocess.run(path, arguments, environment: environment, timeout: timeout)
    }

    func testAnnotateRunsAsASlurmArrayJob() throws {
        for tool in ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch", "/usr/bin/sinfo"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is missing (CI installs slurm-wlm and munge)")
        }
        guard getuid() == 0 else { throw XCTSkip("starting munged and slurmd for a test cluster needs root (CI runs as root)") }
        guard FileManager.default.isExecutableFile(atPath: CLI.binary.path) else { throw XCTSkip("\(CLI.binary.path) is not built") }

        // Inputs: the repository's sample photos and one damaged file.
        let dir = try CLI.scratch()
        let input = dir.appendingPathComponent("in"), output = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples").standardizedFileURL
        for name in ["notebook.png", "shadow.jpg", "phone-number.png"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: input.appendingPathComponent(name))
        }
        try Data("not an image".utf8).write(to: input.appendingPathComponent("damaged.png"))

        // A one-node cluster on free ports, its state and logs in the scratch folder.
        let host = try execute("/bin/hostname", ["-s"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = 30000 + Int.random(in: 0..<20000)
        let conf = dir.appendingPathComponent("slurm.conf")
        for sub in ["state", "spool"] { try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true) }
        let d = dir.path
        try """
        ClusterName=digitlenstest
        SlurmctldHost=\(host)
        SlurmctldPort=\(port)
        SlurmdPort=\(port + 1)
        AuthType=auth/munge
        SlurmUser=root
        SlurmdUser=root
        StateSaveLocation=\(d)/state
        SlurmdSpoolDir=\(d)/spool
        SlurmctldPidFile=\(d)/slurmctld.pid
        SlurmdPidFile=\(d)/slurmd.pid
        SlurmctldLogFile=\(d)/slurmctld.log
        SlurmdLogFile=\(d)/slurmd.log
        ProctrackType=proctrack/linuxproc
        TaskPlugin=task/none
        JobAcctGatherType=jobacct_gather/none
        SchedulerType=sched/backfill
        SelectType=select/cons_tres
        ReturnToService=2
        MpiDefault=none
        NodeName=\(host) CPUs=\(ProcessInfo.processInfo.activeProcessorCount) State=UNKNOWN
        PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP

        """.write(to: conf, atomically: true, encoding: .utf8)
        let env = ["SLURM_CONF": conf.path]

        if try execute("/usr/bin/pgrep", ["-x", "munged"]).status != 0 {
            try FileManager.default.createDirectory(atPath: "/run/munge", withIntermediateDirectories: true)
            try execute("/bin/chown", ["munge:munge", "/run/munge"])
            let pidFile = "/run/munge/munged.pid"
            XCTAssertEqual(try Subprocess.startDaemon("/usr/sbin/runuser", ["-u", "munge", "--", "/usr/sbin/munged"]), 0,
                           "munged did not start (is /etc/munge/munge.key there?)")
            // munged forks and may still fail (it opens /dev/null, its key, its log): Slurm's
            // commands would then wait for it, so its absence fails the test here.
            Thread.sleep(forTimeInterval: 0.5)
            guard try execute("/usr/bin/pgrep", ["-x", "munged"]).status == 0 else {
                let log = (try? String(contentsOfFile: "/var/log/munge/munged.log", encoding: .utf8)) ?? ""
                XCTFail("munged started but is not running: \(log.suffix(400))"); return
            }
            // The test started munged, so it stops it too.
            addTeardownBlock {
                if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    kill(pid, SIGTERM)
                }
            }
        }
        XCTAssertEqual(try Subprocess.startDaemon("/usr/sbin/slurmctld", ["-f", conf.path], environment: env), 0, "slurmctld did not start")
        XCTAssertEqual(try Subprocess.startDaemon("/usr/sbin/slurmd", ["-f", conf.path], environment: env), 0, "slurmd did not start")
        defer {
            for pidFile in ["slurmd.pid", "slurmctld.pid"] {
                if let text = try? String(contentsOfFile: "\(d)/\(pidFile)", encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    kill(pid, SIGTERM)
                }
            }
        }
        // Up to a minute for the node to come up; one sinfo that does not answer in 15 s fails.
        var ready = false
        let deadline = Date().addingTimeInterval(60)
        while !ready && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            ready = (try? execute("/usr/bin/sinfo", ["-h", "-o", "%t"], environment: env, timeout: 15).stdout.contains("idle")) ?? false
        }
        guard ready else {
            let log = (try? String(contentsOfFile: "\(d)/slurmctld.log", encoding: .utf8)) ?? ""
            XCTFail("the test cluster did not come up: \(log.suffix(800))"); return
        }

        // Three array tasks, each its shard; sbatch --wait returns when all have ended. Slurm
        // itself ends a task after 5 minutes, and the wait is bounded too.
        let job = try execute("/usr/bin/sbatch", ["--wait", "--time=5", "--array=0-2", "--output=\(d)/task-%a.out",
                                                  "--wrap", "\(CLI.binary.path) annotate \(input.path) --out \(output.path)"],
                              environment: env, timeout: 420)
        if job.timedOut {
            _ = try? execute("/usr/bin/scancel", ["--user=root"], environment: env)
            let log = (try? String(contentsOfFile: "\(d)/slurmctld.log", encoding: .utf8)) ?? ""
            XCTFail("the array job did not end: \(log.suffix(800))"); return
        }
        let logs = (0..<3).map { (try? String(contentsOfFile: "\(d)/task-\($0).out", encoding: .utf8)) ?? "" }
        XCTAssertNotEqual(job.status, 0, "the task that met the damaged file fails: \(job.stdout) \(job.stderr)")
        for (task, log) in logs.enumerated() {
            XCTAssertTrue(log.contains("(shard \(task)/3)"), "task \(task) took its shard from Slurm: \(log)")
        }
        XCTAssertEqual(logs.filter { $0.contains("damaged.png") }.count, 1, "the damaged file is reported once: \(logs)")

        let merged = try CLI.run(["annotate", "merge", output.path])
        XCTAssertTrue(merged.stdout.contains("merged 3 shard reports: 4 images, 1 failed") || merged.stderr.contains("merged 3 shard reports: 4 images, 1 failed"),
                      "\(merged.stdout) \(merged.stderr)")
        let report = try String(contentsOf: output.appendingPathComponent("report.csv"), encoding: .utf8)
        XCTAssertTrue(report.contains("notebook.png") && report.contains("2024 1107 365 42 8"), report)
        XCTAssertTrue(report.contains("phone-number.png") && report.contains("800 555 0199"), report)
        for name in ["notebook.png", "shadow.jpg", "phone-number.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(name).path), "\(name) annotated")
        }
    }
}
