import ArgumentParser
import Foundation

/// `digitlens annotate`: a group of two subcommands, `run` (the default; AnnotateRunCommand.swift)
/// and `merge` (AnnotateMergeCommand.swift).
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Annotate whole folders of images, on all cores, optionally as one shard of a cluster job.",
        usage: "digitlens annotate <inputs> ... --out <dir> [--jobs <n>] [--report csv|json] [--force] [--shard I/N] ...\ndigitlens annotate merge <dir>",
        discussion: "`digitlens annotate INPUT... --out DIR` is `annotate run`: see `digitlens annotate run --help` for all its options.",
        subcommands: [AnnotateRun.self, AnnotateMerge.self],
        defaultSubcommand: AnnotateRun.self)
}
