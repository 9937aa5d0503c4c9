import CBridge
import Foundation

/// A video source: a camera, a video file, an image-sequence pattern or a stream URL.
/// Owns a bridge capture handle, released in deinit.
public final class VideoCapture: @unchecked Sendable {
    let handle: OpaquePointer
    /// What was opened, for messages ("camera 0" or the path).
    public let name: String
    public let isLive: Bool

    /// Opens V4L2 camera `index`, asking for a size and rate when given.
    public init(device index: Int, width: Int = 0, height: Int = 0, fps: Double = 0) throws {
        var out: OpaquePointer?
        try check("open camera") { cb_capture_open_device(Int32(index), Int32(width), Int32(height), fps, &out, $0) }
        handle = out!
        name = "camera \(index)"
        isLive = true
    }

    /// Opens a video file, an image-sequence pattern (`frames/%04d.png`) or a stream URL.
    public init(path: String) throws {
        // Said plainly here: OpenCV would report a missing file or a folder as an unknown
        // format. Patterns (%04d) and URLs are left to OpenCV; a device node opens as a file.
        if !path.contains("://") && !path.contains("%") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw VisionError(kind: .io, file: path, operation: "open video", reason: noSuchFileReason(path))
            }
            if isFolder.boolValue { throw VisionError(kind: .io, file: path, operation: "open video", reason: "is a folder, not a video file") }
        }
        var out: OpaquePointer?
        try check("open video", file: path) { cb_capture_open_path(path, &out, $0) }
        handle = out!
        name = path
        isLive = cb_capture_is_live(handle) != 0
    }

    deinit { cb_capture_free(handle) }

    /// The next frame (BGR), or nil at the end of a file or when a stream stops.
    public func read() throws -> Image? {
        var out: OpaquePointer?
        try check("read frame", file: name) { cb_capture_read(handle, &out, $0) }
        return out.map { Image(handle: $0) }
    }

    /// Frames per second reported by the source (0 when unknown).
    public var fps: Double { cb_capture_fps(handle) }
    /// Frames in a file (-1 for live sources).
    public var frameCount: Int { Int(cb_capture_frame_count(handle)) }
}

/// Writes frames into a video file (.mp4 or .avi). Owns a bridge writer, released (and the
/// file finished) in deinit.
public final class VideoWriter {
    let handle: OpaquePointer

    public init(path: String, fps: Double, width: Int, height: Int) throws {
        var out: OpaquePointer?
        try check("open video writer", file: path) { cb_writer_open(path, fps, Int32(width), Int32(height), &out, $0) }
        handle = out!
    }

    deinit { cb_writer_free(handle) }

    public func write(_ frame: Image) throws {
        try check("write frame") { cb_writer_write(handle, frame.handle, $0) }
    }
}
