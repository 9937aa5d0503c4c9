// Video capture and writing.
#include "bridge_internal.hpp"
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <mutex>

/// `pending` holds a file's first frame, read at open to prove it decodes. `frames`, when
/// open, reads an image sequence's frames in place of `capture` (see cb_capture_open_path).
struct cb_capture { cv::VideoCapture capture; bool live; cv::Mat pending; cv::VideoCapture frames; };
struct cb_writer { cv::VideoWriter writer; cv::Size size; };

namespace {
/// A file that will not open makes OpenCV, FFmpeg and GStreamer each print their own
/// warnings before the bridge reports the failure in one line; silence them, once, before
/// the first capture. Settings the user made in the environment are kept.
void quietVideoLibraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", 0);  // AV_LOG_QUIET
        setenv("GST_DEBUG", "0", 0);
        setenv("OPENCV_VIDEOIO_DEBUG", "0", 0);
    });
}
}

extern "C" {

cb_status cb_capture_open_device(int index, int width, int height, double fps, cb_capture **out, char **error) {
    CB_REQUIRE(out && index >= 0, "cb_capture_open_device: bad argument");
    quietVideoLibraries();
    return cb_guard(error, "open camera", [&]() -> cb_status {
        auto *c = new cb_capture{cv::VideoCapture(), true, cv::Mat()};
        if (!c->capture.open(index, cv::CAP_V4L2) && !c->capture.open(index)) {
            delete c;
            return cb_fail(error, CB_ERR_UNAVAILABLE, "camera " + std::to_string(index) + " (/dev/video" + std::to_string(index) +
                                                          "): cannot be opened — check it is connected, that /dev/video" + std::to_string(index) +
                                                          " exists and that you may read it (group 'video'), and that no other program holds it");
        }
        if (width > 0) c->capture.set(cv::CAP_PROP_FRAME_WIDTH, width);
        if (height > 0) c->capture.set(cv::CAP_PROP_FRAME_HEIGHT, height);
        if (fps > 0) c->capture.set(cv::CAP_PROP_FPS, fps);
        *out = c;
        return CB_OK;
    });
}

cb_status cb_capture_open_path(const char *path, cb_capture **out, char **error) {
    CB_REQUIRE(out && path, "cb_capture_open_path: bad argument");
    quietVideoLibraries();
    return cb_guard(error, "open video", [&]() -> cb_status {
        std::string name(path);
        auto *c = new cb_capture{cv::VideoCapture(), name.find("://") != std::string::npos, cv::Mat()};
        if (!c->capture.open(name, cv::CAP_ANY) || !c->capture.isOpened()) {
            delete c;
            return cb_fail(error, CB_ERR_UNAVAILABLE, name + ": cannot be opened as a video, image sequence or stream (missing file, unsupported codec, or unreachable URL)");
        }
        // A URL whose container knows its length is a file on a server, played through once.
        if (c->live && c->capture.get(cv::CAP_PROP_FRAME_COUNT) > 0) c->live = false;
        // An image sequence ("frames/%04d.png"): FFmpeg gives every frame the first one's size,
        // pasting a larger or smaller picture over the last one's pixels (a page read with the
        // number of the page before it). Its frames are read one by one as images instead, each
        // at its own size; FFmpeg still gives the length listed (its frame rate is no one's).
        if (!c->live && name.find('%') != std::string::npos) {
            if (!c->frames.open(name, cv::CAP_IMAGES) || !c->frames.read(c->pending) || c->pending.empty()) {
                c->frames.release();
                c->pending.release();
            }
        }
        // A stream's first frame may be far off; a file's must decode now.
        if (!c->live && c->pending.empty() && (!c->capture.read(c->pending) || c->pending.empty())) {
            delete c;
            return cb_fail(error, CB_ERR_DECODE, name + ": cannot be decoded as a video or image sequence (not a video, an unsupported codec, or no frames)");
        }
        *out = c;
        return CB_OK;
    });
}

void cb_capture_free(cb_capture *capture) { delete capture; }

cb_status cb_capture_read(cb_capture *capture, cb_image **out, char **error) {
    CB_REQUIRE(capture && out, "cb_capture_read: bad argument");
    *out = nullptr;
    return cb_guard(error, "read frame", [&]() -> cb_status {
        cv::Mat frame;
        if (!capture->pending.empty()) std::swap(frame, capture->pending);
        else if (!(capture->frames.isOpened() ? capture->frames : capture->capture).read(frame) || frame.empty()) return CB_OK;
        // As a picture read alone: an image sequence's 16-bit PNGs scaled down, not clipped white.
        return cb_emit(cb_normalize_decoded(std::move(frame), false), out);
    });
}

double cb_capture_fps(const cb_capture *capture) {
    // An image sequence has no frame rate: the 25 FFmpeg gives it is its own default.
    if (!capture || capture->frames.isOpened()) return 0;
    try { return const_cast<cv::VideoCapture &>(capture->capture).get(cv::CAP_PROP_FPS); } catch (...) { return 0; }
}

int cb_capture_is_live(const cb_capture *capture) { return capture && capture->live ? 1 : 0; }

long long cb_capture_frame_count(const cb_capture *capture) {
    if (!capture || capture->live) return -1;
    try { return (long long)const_cast<cv::VideoCapture &>(capture->capture).get(cv::CAP_PROP_FRAME_COUNT); } catch (...) { return -1; }
}

cb_status cb_writer_open(const char *path, double fps, int width, int height, cb_writer **out, char **error) {
    CB_REQUIRE(path && out && fps > 0 && width > 0 && height > 0, "cb_writer_open: bad argument");
    return cb_guard(error, "open video writer", [&]() -> cb_status {
        std::string name(path);
        bool avi = name.size() >= 4 && name.compare(name.size() - 4, 4, ".avi") == 0;
        int fourcc = avi ? cv::VideoWriter::fourcc('M', 'J', 'P', 'G') : cv::VideoWriter::fourcc('m', 'p', '4', 'v');
        auto *w = new cb_writer{cv::VideoWriter(), cv::Size(width, height)};
        if (!w->writer.open(name, fourcc, fps, w->size, true)) {
            delete w;
            return cb_fail(error, CB_ERR_IO, name + ": cannot write a video here (folder missing or not writable, or no encoder for this extension; use .mp4 or .avi)");
        }
        *out = w;
        return CB_OK;
    });
}

cb_status cb_writer_write(cb_writer *writer, const cb_image *frame, char **error) {
    CB_REQUIRE(writer && frame, "cb_writer_write: bad argument");
    return cb_guard(error, "write frame", [&] {
        cv::Mat m = frame->mat;
        if (m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2BGR);
        if (m.size() != writer->size) cv::resize(m, m, writer->size);
        writer->writer.write(m);
        return CB_OK;
    });
}

void cb_writer_free(cb_writer *writer) {
    if (!writer) return;
    try { writer->writer.release(); } catch (...) {}
    delete writer;
}

} // extern "C"
