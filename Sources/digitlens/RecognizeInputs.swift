import DigitVision
import Foundation

/// What `recognize`'s arguments give it to read: files as given, folders as `annotate` takes
/// them (`collectInputs`: their images recursively, in sorted order, hidden entries and the
/// pictures the tool wrote left out).
struct RecognizeInputs {
    /// The image files, in the arguments' order. A file named twice is read twice (its line
    /// printed twice, as asked); an image a folder holds is read once, where first met, and not
    /// at all when it is also named as a file (it is read there).
    var images = [String]()
    /// What cannot be read among what the folders hold: a pipe, a link to nothing, a folder
    /// that cannot be listed or holds no image; each said by its path as given, with why.
    /// They count as inputs that could not be read.
    var problems = [(path: String, reason: String)]()
    /// Pictures the tool wrote (`toolOutputSuffixes`) met in the folders and left out.
    var toolOutputsLeftOut = 0
    /// Folders of an earlier `annotate` run's outputs met in the folders and not walked.
    var annotateOutputsLeftOut = [String]()
    /// The output folders (`--annotate`, `--debug-dir`) inside a folder given that hold
    /// images recognize did not write, with how many: left out with the folder, and said.
    var userImagesInOutputs = [(folder: String, count: Int)]()

    /// What was left out on purpose, for the user to hear of: pictures the tool wrote, the
    /// user's own in the output folders, earlier annotate runs' output folders.
    var notes: [String] {
        (toolOutputsLeftOut > 0 ? [toolOutputsNote(toolOutputsLeftOut)] : [])
            + userImagesInOutputs.map { folder, count in
                "\(folder), where recognize writes, is not read, and with it \(count) image\(count == 1 ? "" : "s") it holds that recognize did not write; name \(count == 1 ? "it" : "them") to read \(count == 1 ? "it" : "them")"
            }
            + annotateOutputsLeftOut.map { "\($0) \(AnnotateOutputFolder.what) and is not read: \(AnnotateOutputFolder.why)" }
    }

    /// `arguments`: files, folders and "-"; `outputs`: the folders recognize writes into
    /// (`--annotate`, `--debug-dir`), not read when inside a folder given.
    init(arguments: [String], leavingOut outputs: [String]) {
        let named = Set(arguments.filter { $0 != "-" && !isFolder($0) }.map(realPath))
        var met = Set<String>()
        for argument in arguments {
            guard argument != "-", isFolder(argument) else { images.append(argument); continue }
            // Given itself: its pictures are copies with boxes and labels drawn, which read as
            // digits ("888888898"), not the pictures they were made from.
            if isAnnotateOutput(argument) {
                problems.append((argument, "the folder \(AnnotateOutputFolder.what): \(AnnotateOutputFolder.why); read the pictures they were made from, or name one of them to read it"))
                continue
            }
            var leftOut = 0
            let found = collectInputs([argument], excluding: outputs.filter(isFolder), unreadableFolder: { folder, reason in
                problems.append((folder, "cannot read the folder (\(reason)); its images are not read"))
            }, notAFile: { path, what in problems.append((path, what)) }, earlierOutput: { annotateOutputsLeftOut.append($0) },
               toolOutput: { _ in leftOut += 1 }).map(\.path)
            toolOutputsLeftOut += leftOut
            let fresh = found.filter { path in
                let real = realPath(path)
                return !named.contains(real) && met.insert(real).inserted
            }
            if found.isEmpty {
                let why = leftOut > 0 ? "only pictures recognize wrote (\(toolOutputSuffixes.map { "*" + $0 }.joined(separator: ", "))), left out"
                    : "no images (\(imageExtensions.sorted().joined(separator: ", ")))"
                problems.append((argument, "the folder holds \(why); nothing in it is read"))
            }
            images += fresh
        }
        // An output folder inside an input is not read (a rerun would read its own outputs):
        // pictures of the user's own in it are left out with it, and said.
        for output in outputs where isFolder(output) {
            let inside = arguments.contains { $0 != "-" && isFolder($0) && realPath(output) != realPath($0) && (realPath(output) + "/").hasPrefix(realPath($0) + "/") }
            guard inside else { continue }
            let own = collectInputs([output], toolOutput: { _ in }).count
            if own > 0 { userImagesInOutputs.append((output, own)) }
        }
    }
}
