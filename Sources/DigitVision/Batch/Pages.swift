import Foundation

/// One page of an input file. A multi-page TIFF or a PDF (a scanner's stack of sheets) is read page by
/// page, each page named `FILE#N` (N from 1) wherever results name their file, and its
/// outputs get `-pageN` before their extension; any other file is one page, named as it is.
public struct InputPage: Equatable, Sendable {
    public var path: String
    /// From 1; nil when the file has a single page.
    public var page: Int?

    public init(path: String, page: Int? = nil) {
        self.path = path
        self.page = page
    }

    /// How results name it: the path, with `#N` for a page of a multi-page file.
    public var name: String { page.map { "\(path)#\($0)" } ?? path }

    /// The pages of the file at `path`, in order (one, unnamed, for any single-page file).
    public static func pages(of path: String) -> [InputPage] {
        let count = Image.pageCount(ofFile: path)
        return count > 1 ? (1...count).map { InputPage(path: path, page: $0) } : [InputPage(path: path)]
    }

    public func readImage() throws -> Image {
        try page.map { try Image(contentsOf: path, page: $0) } ?? Image(contentsOf: path)
    }
}

/// `path` with `-pageN` before its extension (`scan.tif`, page 2: `scan-page2.tif`;
/// `scan.annotated.png`: `scan-page2.annotated.png`); `path` itself for a single-page file.
public func pagePath(_ path: String, page: Int?) -> String {
    guard let page else { return path }
    let folder = (path as NSString).deletingLastPathComponent, name = (path as NSString).lastPathComponent
    let (stem, tail) = name.hasSuffix(annotatedImageSuffix) ? (String(name.dropLast(annotatedImageSuffix.count)), annotatedImageSuffix)
        : ((name as NSString).deletingPathExtension, (name as NSString).pathExtension.isEmpty ? "" : "." + (name as NSString).pathExtension)
    let paged = "\(stem)-page\(page)\(tail)"
    return folder.isEmpty ? paged : (folder as NSString).appendingPathComponent(paged)
}

/// The items with each multi-page file split into one item a page, in page order, each page's
/// outputs named by `pagePath`.
public func splittingPages(_ items: [BatchItem]) -> [BatchItem] {
    items.flatMap { item in
        let pages = InputPage.pages(of: item.path)
        return pages.map {
            BatchItem(path: item.path, relativePath: pagePath(item.relativePath, page: $0.page), page: $0.page,
                      pageCount: pages.count, fileRelativePath: item.relativePath)
        }
    }
}
