import CBridge

/// A highgui window whose pixels map one to one onto the shown image (no Qt toolbar or status
/// bar). Owns a bridge window handle, closed in deinit.
public final class Window {
    let handle: OpaquePointer

    public struct MouseEvent: Equatable, Sendable {
        public enum Kind: Sendable { case move, down, up }
        public var kind: Kind
        public var x: Int
        public var y: Int
        public var leftButtonDown: Bool
    }

    /// Opens a window; throws `.unavailable` when there is no display.
    public init(title: String) throws {
        var out: OpaquePointer?
        try check("open window") { cb_window_open(title, &out, $0) }
        handle = out!
    }

    deinit { cb_window_free(handle) }

    /// Throws `.unavailable` when no window could open (DISPLAY unset, or no X server answers
    /// there), before highgui is touched: Qt would abort the process instead.
    public static func checkDisplay() throws {
        try check("open window") { cb_display_check($0) }
    }

    public func show(_ image: Image) throws {
        try check("show") { cb_window_show(handle, image.handle, $0) }
    }

    /// Handles window events for up to `milliseconds`; the key pressed (its code), or nil.
    public func waitKey(milliseconds: Int) -> Int? {
        let key = Int(cb_window_wait_key(handle, Int32(milliseconds)))
        return key < 0 ? nil : key
    }

    /// Mouse events since the last call, oldest first.
    public func takeMouseEvents() -> [MouseEvent] {
        var buffer = [cb_mouse_event](repeating: cb_mouse_event(), count: 256)
        let n = Int(cb_window_take_mouse_events(handle, &buffer, 256))
        return buffer.prefix(n).map { e in
            let kind: MouseEvent.Kind = e.kind == CB_MOUSE_DOWN ? .down : (e.kind == CB_MOUSE_UP ? .up : .move)
            return MouseEvent(kind: kind, x: Int(e.x), y: Int(e.y), leftButtonDown: e.left_down != 0)
        }
    }

    /// Whether the user closed the window.
    public var isClosed: Bool { cb_window_closed(handle) != 0 }
}
