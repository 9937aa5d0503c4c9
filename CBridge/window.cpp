// highgui windows with mouse events queued for Swift to take.
#include "bridge_internal.hpp"
#include <opencv2/highgui.hpp>
#include <cerrno>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>
#include <deque>
#include <chrono>
#include <dlfcn.h>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

struct cb_window {
    std::string title;
    std::mutex lock;
    std::deque<cb_mouse_event> events;
    bool leftDown = false;
};

namespace {
void onMouse(int event, int x, int y, int flags, void *user) {
    auto *w = static_cast<cb_window *>(user);
    cb_mouse_event e{CB_MOUSE_MOVE, x, y, 0};
    if (event == cv::EVENT_LBUTTONDOWN) { e.kind = CB_MOUSE_DOWN; w->leftDown = true; }
    else if (event == cv::EVENT_LBUTTONUP) { e.kind = CB_MOUSE_UP; w->leftDown = false; }
    else if (event != cv::EVENT_MOUSEMOVE) return;
    e.left_down = (w->leftDown || (flags & cv::EVENT_FLAG_LBUTTON)) ? 1 : 0;
    std::lock_guard<std::mutex> guard(w->lock);
    if (w->events.size() < 4096) w->events.push_back(e);
}
}

extern "C" {

/// Qt warns on every window ("XDG_RUNTIME_DIR not set, defaulting to /tmp/runtime-root")
/// when the session has no runtime folder (a plain SSH login, Xvfb in CI): the folder it would
/// pick is made (private, as Qt wants it) and named, so Qt has nothing to say.
static void provideRuntimeDirectory() {
    const char *set = std::getenv("XDG_RUNTIME_DIR");
    if (set && *set) return;
    std::string folder = "/tmp/runtime-" + std::to_string(getuid());
    struct stat info;
    if (mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) return;
    if (stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != getuid() || (info.st_mode & 0777) != 0700) return;
    setenv("XDG_RUNTIME_DIR", folder.c_str(), 0);
}

cb_status cb_display_check(char **error) {
    provideRuntimeDirectory();
    const char *platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform && std::string(platform).rfind("xcb", 0) != 0) return CB_OK;
    const char *display = std::getenv("DISPLAY");
    if (!display || !*display) {
        if (std::getenv("WAYLAND_DISPLAY")) return CB_OK;
        return cb_fail(error, CB_ERR_UNAVAILABLE, "no display: DISPLAY is not set (use --headless, or run under a desktop or Xvfb)");
    }
    // libxcb is what Qt connects with; it is loaded at run time (it is in the process anyway
    // through highgui's Qt), so building needs no X headers. Without it Qt is left to try.
    void *xcb = dlopen("libxcb.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!xcb) return CB_OK;
    using Connect = void *(*)(const char *, int *);
    using HasError = int (*)(void *);
    using Disconnect = void (*)(void *);
    auto connect = reinterpret_cast<Connect>(dlsym(xcb, "xcb_connect"));
    auto hasError = reinterpret_cast<HasError>(dlsym(xcb, "xcb_connection_has_error"));
    auto disconnect = reinterpret_cast<Disconnect>(dlsym(xcb, "xcb_disconnect"));
    bool reachable = true;
    if (connect && hasError && disconnect) {
        // A server that takes the connection but never answers (stopped, hung) would block
        // xcb_connect for ever: it runs on a thread of its own, given `answerSeconds`. One
        // still waiting then is left behind (and libxcb loaded for it); the command fails.
        const int answerSeconds = 5;
        auto answer = std::make_shared<std::promise<bool>>();
        std::future<bool> answered = answer->get_future();
        std::string where(display);
        std::thread([=] {
            void *connection = connect(where.c_str(), nullptr);
            bool ok = connection && hasError(connection) == 0;
            if (connection) disconnect(connection);  // xcb_disconnect also frees a failed connection
            answer->set_value(ok);
        }).detach();
        if (answered.wait_for(std::chrono::seconds(answerSeconds)) != std::future_status::ready)
            return cb_fail(error, CB_ERR_UNAVAILABLE, "display " + where + " (DISPLAY) does not answer: its X server took the connection but sent nothing for " +
                                                          std::to_string(answerSeconds) + " s (use --headless, or check that the server is running)");
        reachable = answered.get();
    }
    dlclose(xcb);
    if (reachable) return CB_OK;
    return cb_fail(error, CB_ERR_UNAVAILABLE, std::string("cannot connect to display ") + display +
                                                  " (DISPLAY): no X server answers there or it refused the connection (use --headless, or check DISPLAY and xauth)");
}

cb_status cb_window_open(const char *title, cb_window **out, char **error) {
    CB_REQUIRE(title && out, "cb_window_open: bad argument");
    if (cb_status status = cb_display_check(error); status != CB_OK) return status;
    return cb_guard(error, "open window", [&]() -> cb_status {
        std::string name(title);
        auto *w = new cb_window();
        w->title = name;
        cv::namedWindow(name, cv::WINDOW_GUI_NORMAL | cv::WINDOW_AUTOSIZE);
        cv::setMouseCallback(name, onMouse, w);
        *out = w;
        return CB_OK;
    });
}

void cb_window_free(cb_window *window) {
    if (!window) return;
    try { cv::setMouseCallback(window->title, nullptr, nullptr); cv::destroyWindow(window->title); cv::waitKey(1); } catch (...) {}
    delete window;
}

cb_status cb_window_show(cb_window *window, const cb_image *image, char **error) {
    CB_REQUIRE(window && image, "cb_window_show: bad argument");
    return cb_guard(error, "show", [&] { cv::imshow(window->title, image->mat); return CB_OK; });
}

int cb_window_wait_key(cb_window *window, int milliseconds) {
    if (!window) return -1;
    try { return cv::waitKeyEx(milliseconds < 1 ? 1 : milliseconds); } catch (...) { return -1; }
}

int cb_window_take_mouse_events(cb_window *window, cb_mouse_event *events, int capacity) {
    if (!window || !events || capacity <= 0) return 0;
    std::lock_guard<std::mutex> guard(window->lock);
    int n = 0;
    while (n < capacity && !window->events.empty()) { events[n++] = window->events.front(); window->events.pop_front(); }
    return n;
}

int cb_window_closed(cb_window *window) {
    if (!window) return 1;
    try { return cv::getWindowProperty(window->title, cv::WND_PROP_VISIBLE) < 1 ? 1 : 0; } catch (...) { return 1; }
}

} // extern "C"
