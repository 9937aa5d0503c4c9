// Image lifecycle, decoding (with our own checks before OpenCV sees the bytes) and writing.
#include "bridge_internal.hpp"
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <cerrno>
#include <cstdio>
#include <atomic>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace cb_formats;

namespace {

/// Where std::cerr goes once the bridge has decoded: a buffer of the calling thread's own.
/// OpenCV 4.6's imdecode prints a decoder's exception there ("imdecode_(''): can't read
/// header: …") and returns nothing; the bridge reports failures itself, in one line, and
/// takes the decoder's reason from this buffer. Nothing else in the process uses std::cerr.
class DecoderMessages : public std::streambuf {
public:
    static std::string &ofThisThread() {
        thread_local std::string text;
        return text;
    }
protected:
    int overflow(int c) override {
        if (c != EOF && ofThisThread().size() < 4096) ofThisThread().push_back(char(c));
        return c == EOF ? 0 : c;
    }
    std::streamsize xsputn(const char *s, std::streamsize n) override {
        if (ofThisThread().size() < 4096) ofThisThread().append(s, size_t(n));
        return n;
    }
};

/// OpenCV's decoders print warnings and errors on bad files; we report failures ourselves,
/// in one line, so silence its logging and catch what it prints to std::cerr, once.
void silenceOpenCV() {
    static DecoderMessages messages;
    static bool done = [] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        std::cerr.rdbuf(&messages);
        // OpenCV's TIFF decoder sets libtiff's error handler the first time it decodes: done
        // here, on a 1x1 TIFF, so that the handler `cb_tiff_listen` sets stays set after it.
        std::vector<uint8_t> tiny = {'I', 'I', 42, 0, 8, 0, 0, 0, 8, 0};
        const uint16_t entries[8][3] = {{256, 3, 1}, {257, 3, 1}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, 110}, {277, 3, 1}, {279, 4, 1}};
        for (const auto &e : entries) {
            const uint8_t entry[12] = {uint8_t(e[0]), uint8_t(e[0] >> 8), uint8_t(e[1]), 0, 1, 0, 0, 0, uint8_t(e[2]), 0, 0, 0};
            tiny.insert(tiny.end(), entry, entry + 12);
        }
        tiny.insert(tiny.end(), {0, 0, 0, 0, 128});
        (void)cv::imdecode(cv::Mat(1, int(tiny.size()), CV_8U, tiny.data()), cv::IMREAD_UNCHANGED);
        return true;
    }();
    (void)done;
}

/// What the decoder said when it failed, put for a reader: the exception's own words
/// without OpenCV's source location, or "" when it gave none.
std::string decoderReason(const std::string &printed) {
    if (printed.find("can't read data") != std::string::npos) return "its picture data is corrupt or truncated";
    if (printed.find("Invalid bitsperpixel") != std::string::npos)
        return "a bit depth it cannot decode, such as a 4-bit palette (ImageMagick converts it: convert IN -depth 8 OUT.png)";
    auto start = printed.find("error) ");
    if (start == std::string::npos) return "";
    std::string reason = printed.substr(start + 7);
    reason = reason.substr(0, reason.find('\n'));
    reason = reason.substr(0, reason.find("in function"));
    while (!reason.empty() && reason.back() == ' ') reason.pop_back();
    return reason.empty() ? "" : "the decoder says: " + reason;
}

/// The grey level of a BGR pixel, as cv::cvtColor's BGR2GRAY weighs it.
inline int greyOf(const uint8_t *bgr) { return (29 * bgr[0] + 150 * bgr[1] + 77 * bgr[2] + 128) >> 8; }

/// The ground transparency is composited over: white, except under light strokes on a
/// transparent background (a drawing exported in dark mode), whose white strokes a white
/// ground would erase: those get black. Light strokes: the opaque pixels a minority of the
/// picture, and hardly any of them dark. Dark ink keeps a white ground even where light
/// pixels around it stayed opaque (a scan whose white was made transparent, with its grey
/// fringes and paper texture left: by their mean alone those had read as light strokes).
uint8_t compositingGround(const cv::Mat &bgra) {
    size_t opaque = 0, dark = 0, light = 0;
    for (int y = 0; y < bgra.rows; ++y) {
        const uint8_t *p = bgra.ptr<uint8_t>(y);
        for (int x = 0; x < bgra.cols; ++x, p += 4) {
            if (p[3] <= 127) continue;
            ++opaque;
            const int grey = greyOf(p);
            dark += grey < 100;
            light += grey > 155;
        }
    }
    const bool lightStrokes = opaque * 2 < bgra.total() && light > 0 && dark * 20 < light;
    return lightStrokes ? 0 : 255;
}

/// Brings a decoded Mat to 8-bit grey or BGR: 16-bit and float scaled down, alpha composited
/// over `compositingGround`. Composited a row at a time in integers: a picture's float
/// copies had taken some 80 bytes a pixel (1.3 GB for 12 megapixels).
cv::Mat normalizeDecoded(cv::Mat m, bool grayscale) {
    if (m.depth() == CV_16U) m.convertTo(m, CV_8U, 1.0 / 257.0);
    else if (m.depth() == CV_32F || m.depth() == CV_64F) m.convertTo(m, CV_8U, 255.0);
    else if (m.depth() != CV_8U) m.convertTo(m, CV_8U);
    if (m.channels() == 2) {
        std::vector<cv::Mat> planes;
        cv::split(m, planes);
        cv::merge(std::vector<cv::Mat>{planes[0], planes[0], planes[0], planes[1]}, m);
    }
    if (m.channels() == 4) {
        const int ground = compositingGround(m);
        cv::Mat blended(m.size(), CV_8UC3);
        for (int y = 0; y < m.rows; ++y) {
            const uint8_t *p = m.ptr<uint8_t>(y);
            uint8_t *q = blended.ptr<uint8_t>(y);
            for (int x = 0; x < m.cols; ++x, p += 4, q += 3) {
                const int a = p[3];
                for (int c = 0; c < 3; ++c) q[c] = uint8_t((p[c] * a + ground * (255 - a) + 127) / 255);
            }
        }
        m = blended;
    }
    if (grayscale && m.channels() == 3) cv::cvtColor(m, m, cv::COLOR_BGR2GRAY);
    if (!grayscale && m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2BGR);
    return m;
}

/// What the last decode on this thread warns of (`cb_take_decode_warning`), or "".
thread_local std::string decodeWarning;

} // namespace

cv::Mat cb_normalize_decoded(cv::Mat m, bool grayscale) { return normalizeDecoded(std::move(m), grayscale); }

void cb_set_decode_warning(const std::string &warning) { decodeWarning = warning; }

cb_status cb_decode_bytes(const uint8_t *bytes, size_t length, const std::string &name, int grayscale, cb_image **out, char **error) {
    silenceOpenCV();
    decodeWarning.clear();
    if (length == 0) return cb_fail(error, CB_ERR_DECODE, name + ": empty file (0 bytes)");
    if (const char *format = heifFormat(bytes, length)) {
        cv::Mat decoded;
        if (cb_status failed = cb_decode_heif(bytes, length, name, format, decoded, decodeWarning, error)) return failed;
        return cb_emit(normalizeDecoded(decoded, grayscale != 0), out);
    }
    if (isGIF(bytes, length)) {
        cv::Mat decoded;
        if (cb_status failed = cb_decode_gif(bytes, length, name, decoded, decodeWarning, error)) return failed;
        return cb_emit(normalizeDecoded(decoded, grayscale != 0), out);
    }
    // A PDF's first page (`cb_image_read_page` renders the others).
    if (isPDF(bytes, length)) {
        cv::Mat decoded;
        if (cb_status failed = cb_decode_pdf_page(bytes, length, name, 0, decoded, decodeWarning, error)) return failed;
        return cb_emit(normalizeDecoded(decoded, grayscale != 0), out);
    }
    long long width = 0, height = 0;
    if (declaredSize(bytes, length, width, height)) {
        if (width <= 0 || height <= 0)
            return cb_fail(error, CB_ERR_DECODE, name + ": corrupt header (declares " + std::to_string(width) + "x" + std::to_string(height) + " pixels)");
        if (width * height > CB_MAX_IMAGE_PIXELS)
            return cb_fail(error, CB_ERR_TOO_LARGE, name + ": header declares " + std::to_string(width) + "x" + std::to_string(height) +
                                                        " pixels, above the " + std::to_string(CB_MAX_IMAGE_PIXELS / 1000000) + "-megapixel limit");
    }
    if (isPNG(bytes, length) && !pngComplete(bytes, length))
        return cb_fail(error, CB_ERR_DECODE, name + ": truncated PNG (no IEND chunk)");
    std::string pngProblem;
    std::vector<uint8_t> essentials = isPNG(bytes, length) ? pngEssentials(bytes, length, pngProblem) : std::vector<uint8_t>();
    if (!pngProblem.empty()) return cb_fail(error, CB_ERR_DECODE, name + ": " + pngProblem);
    if (!essentials.empty()) {
        bytes = essentials.data();
        length = essentials.size();
    }
    if (isJPEG(bytes, length) && !jpegComplete(bytes, length))
        return cb_fail(error, CB_ERR_DECODE, name + ": truncated JPEG (no end-of-image marker)");
    cv::Mat buffer(1, int(length), CV_8U, const_cast<uint8_t *>(bytes));
    // JPEG through IMREAD_COLOR so EXIF orientation is applied; other formats unchanged so
    // 16-bit depth and alpha survive to be handled above.
    int flags = isJPEG(bytes, length) ? (grayscale ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR)
                                      : (cv::IMREAD_UNCHANGED | cv::IMREAD_ANYDEPTH);
    std::string codec = cb_tiff_codec_problem(bytes, length);
    if (!codec.empty()) return cb_fail(error, CB_ERR_DECODE, name + ": " + codec);
    DecoderMessages::ofThisThread().clear();
    const bool tiff = length >= 4 && (std::memcmp(bytes, "II*", 3) == 0 || std::memcmp(bytes, "II+", 3) == 0 ||
                                      std::memcmp(bytes, "MM\0*", 4) == 0 || std::memcmp(bytes, "MM\0+", 4) == 0);
    if (tiff) cb_tiff_listen();
    cb_codec_listen();
    cv::Mat decoded = cv::imdecode(buffer, flags);
    // A TIFF whose strips failed to decode comes back whole, blank where they failed, with no
    // error: libtiff said why, and the reader is told (the part that decoded may hold digits).
    // So does a JPEG whose scan is damaged (junk from there on), and a PNG libpng warned of.
    if (!decoded.empty()) {
        if (tiff && !cb_tiff_heard().empty())
            decodeWarning = name + ": corrupt TIFF picture data, read as far as it decodes (libtiff: " + cb_tiff_heard() + ")";
        else if (!cb_jpeg_heard().empty())
            decodeWarning = name + ": damaged JPEG data, the picture may be partly wrong (libjpeg: " + cb_jpeg_heard() + ")";
        else if (!cb_png_heard().empty())
            decodeWarning = name + ": damaged PNG data, the picture may be partly wrong (libpng: " + cb_png_heard() + ")";
    }
    if (decoded.empty()) {
        if (const char *format = unreadableFormat(bytes, length))
            return cb_fail(error, CB_ERR_DECODE, name + ": a " + format + " image, a format OpenCV cannot read here; convert it to PNG or JPEG (ImageMagick: convert IN OUT.png)");
        std::string reason = decoderReason(DecoderMessages::ofThisThread());
        if (!cb_png_heard().empty()) reason = "its picture data is corrupt (libpng: " + cb_png_heard() + ")";
        else if (!cb_jpeg_heard().empty()) reason = "its picture data is corrupt (libjpeg: " + cb_jpeg_heard() + ")";
        if (!reason.empty()) return cb_fail(error, CB_ERR_DECODE, name + ": not an image OpenCV can decode: " + reason);
        return cb_fail(error, CB_ERR_DECODE, name + ": not an image OpenCV can decode (unknown format, or corrupt or truncated data)");
    }
    if (decoded.total() > size_t(CB_MAX_IMAGE_PIXELS))
        return cb_fail(error, CB_ERR_TOO_LARGE, name + ": image above the pixel limit");
    return cb_emit(normalizeDecoded(decoded, grayscale != 0), out);
}

/// Why `path` was not found. A name whose bytes are not UTF-8 (a Latin-1 name from an old
/// archive) reaches us with U+FFFD in place of those bytes, Swift having decoded it so; the
/// file is there but cannot be named, and "no such file" alone would mislead.
static std::string noSuchFile(const char *path) {
    if (std::strstr(path, "\xEF\xBF\xBD"))
        return "no such file by this name: its name holds bytes that are not UTF-8 (shown as \xEF\xBF\xBD), which digitlens cannot open; "
               "rename it in UTF-8 (e.g. convmv -f latin1 -t utf8 --notest NAME)";
    return "no such file";
}

cb_status cb_read_file_bytes(const char *path, const std::string &name, std::vector<uint8_t> &bytes, char **error) {
    struct stat info;
    if (stat(path, &info) != 0)
        return cb_fail(error, CB_ERR_IO, name + ": " + (errno == ENOENT ? noSuchFile(path) : std::strerror(errno)));
    if (S_ISDIR(info.st_mode)) return cb_fail(error, CB_ERR_IO, name + ": is a directory, not an image file");
    // No image file is this big; a device (/dev/zero) or a huge file of something else
    // would otherwise be read into memory whole before any check could refuse it.
    const std::string limit = std::to_string(CB_MAX_FILE_BYTES >> 20) + " MiB";
    if (S_ISREG(info.st_mode) && (unsigned long long)info.st_size > CB_MAX_FILE_BYTES)
        return cb_fail(error, CB_ERR_TOO_LARGE, name + ": " + std::to_string((long long)info.st_size >> 20) + " MiB file, over the " + limit + " limit for an image file");
    std::ifstream file(path, std::ios::binary);
    if (!file) return cb_fail(error, CB_ERR_IO, name + ": cannot open (" + std::strerror(errno) + ")");
    // Read in chunks up to the limit: a pipe or device has no size to check first, so it
    // gets a lower one (an endless device like /dev/zero is refused after 256 MiB, not 1 GiB).
    const unsigned long long cap = S_ISREG(info.st_mode) ? CB_MAX_FILE_BYTES : CB_MAX_STREAM_BYTES;
    if (S_ISREG(info.st_mode)) bytes.reserve(size_t(info.st_size));
    std::vector<char> chunk(1 << 20);
    while (file) {
        file.read(chunk.data(), std::streamsize(chunk.size()));
        bytes.insert(bytes.end(), chunk.data(), chunk.data() + file.gcount());
        if (bytes.size() > cap)
            return cb_fail(error, CB_ERR_TOO_LARGE, name + ": more than " + std::to_string(cap >> 20) + " MiB to read, over the limit for an image " +
                                                        (S_ISREG(info.st_mode) ? "file" : "read from a pipe or device"));
    }
    return CB_OK;
}

namespace {

std::atomic<unsigned long> partialCount{0};
const char *const partialPrefix = ".digitlens-partial-";

std::string localHost() {
    char name[256] = {0};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == 0) return "localhost";
    return name;
}

/// The temporary `target` is written through (see `cb_partial_path`).
std::string partialPath(const std::string &target) {
    auto slash = target.find_last_of('/');
    std::string folder = slash == std::string::npos ? "" : target.substr(0, slash + 1);
    return folder + partialPrefix + std::to_string(getpid()) + "-" + std::to_string(++partialCount) + "@" + localHost();
}

} // namespace

extern "C" {

char *cb_partial_path(const char *target) {
    if (!target) return nullptr;
    try {
        std::string path = partialPath(target);
        char *out = static_cast<char *>(std::malloc(path.size() + 1));
        if (out) std::memcpy(out, path.c_str(), path.size() + 1);
        return out;
    } catch (...) {
        return nullptr;
    }
}

int cb_partial_owner(const char *name) {
    if (!name) return -1;
    try {
        std::string n(name);
        size_t prefix = std::strlen(partialPrefix);
        auto at = n.find('@');
        if (n.compare(0, prefix, partialPrefix) != 0 || at == std::string::npos) return -1;
        std::string numbers = n.substr(prefix, at - prefix);
        auto dash = numbers.find('-');
        if (dash == 0 || dash == std::string::npos || numbers.find_first_not_of("0123456789-") != std::string::npos) return -1;
        if (n.substr(at + 1) != localHost()) return 2;
        long pid = std::stol(numbers.substr(0, dash));
        if (pid <= 0) return -1;
        return (kill(pid_t(pid), 0) != 0 && errno == ESRCH) ? 1 : 0;
    } catch (...) {
        return -1;
    }
}

void cb_string_free(char *message) { std::free(message); }

char *cb_take_decode_warning(void) {
    if (decodeWarning.empty()) return nullptr;
    char *copy = static_cast<char *>(std::malloc(decodeWarning.size() + 1));
    if (copy) std::memcpy(copy, decodeWarning.c_str(), decodeWarning.size() + 1);
    decodeWarning.clear();
    return copy;
}
void cb_set_opencv_threads(int count) {
    try { cv::setNumThreads(count); } catch (...) {}
}
void cb_bytes_free(uint8_t *bytes) { std::free(bytes); }
int cb_cpu_supports_build(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 1;
#endif
}

cb_status cb_image_read(const char *path, int grayscale, cb_image **out, char **error) {
    CB_REQUIRE(path && out, "cb_image_read: null argument");
    return cb_guard(error, "read", [&]() -> cb_status {
        std::string name(path);
        std::vector<uint8_t> bytes;
        if (cb_status failed = cb_read_file_bytes(path, name, bytes, error)) return failed;
        return cb_decode_bytes(bytes.data(), bytes.size(), name, grayscale, out, error);
    });
}

cb_status cb_image_decode(const uint8_t *bytes, size_t length, const char *name, int grayscale, cb_image **out, char **error) {
    CB_REQUIRE(out && (bytes || length == 0), "cb_image_decode: null argument");
    return cb_guard(error, "decode", [&] {
        const std::string named = name ? name : "<memory>";
        cb_status status = cb_decode_bytes(bytes, length, named, grayscale, out, error);
        // A stack of pages given as bytes (piped in) is read as its first page: said, so the
        // others are not lost in silence.
        if (status == CB_OK && decodeWarning.empty()) {
            const int pages = cb_page_count_of_bytes(bytes, length);
            if (pages > 1)
                decodeWarning = named + ": " + (isPDF(bytes, length) ? "a PDF" : "a TIFF") + " of " + std::to_string(pages) +
                                " pages, of which only the first is read from a pipe; give the file by its name to read every page";
        }
        return status;
    });
}

cb_status cb_image_create(int width, int height, int channels, const uint8_t *pixels, size_t stride, cb_image **out, char **error) {
    CB_REQUIRE(out, "cb_image_create: null output");
    CB_REQUIRE(width > 0 && height > 0 && (long long)width * height <= CB_MAX_IMAGE_PIXELS, "cb_image_create: bad size");
    CB_REQUIRE(channels == 1 || channels == 3, "cb_image_create: channels must be 1 or 3");
    return cb_guard(error, "create", [&] {
        cv::Mat m(height, width, CV_8UC(channels), cv::Scalar::all(0));
        if (pixels) {
            CB_REQUIRE(stride >= size_t(width * channels), "cb_image_create: stride shorter than a row");
            for (int y = 0; y < height; ++y) std::memcpy(m.ptr(y), pixels + y * stride, size_t(width * channels));
        }
        return cb_emit(m, out);
    });
}

void cb_image_free(cb_image *image) { delete image; }
int cb_image_width(const cb_image *image) { return image ? image->mat.cols : 0; }
int cb_image_height(const cb_image *image) { return image ? image->mat.rows : 0; }
int cb_image_channels(const cb_image *image) { return image ? image->mat.channels() : 0; }
size_t cb_image_stride(const cb_image *image) { return image ? image->mat.step[0] : 0; }
uint8_t *cb_image_data(cb_image *image) { return image ? image->mat.data : nullptr; }

cb_status cb_image_write(const cb_image *image, const char *path, int jpeg_quality, char **error) {
    CB_REQUIRE(image && path, "cb_image_write: null argument");
    std::string target(path);
    return cb_guard(error, "write", [&]() -> cb_status {
        auto dot = target.find_last_of('.');
        auto slash = target.find_last_of('/');
        if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
            return cb_fail(error, CB_ERR_ARGUMENT, target + ": no file extension to choose the image format (.png, .jpg)");
        std::string extension = target.substr(dot);
        std::vector<uint8_t> bytes;
        std::vector<int> params;
        if (jpeg_quality > 0) params = {cv::IMWRITE_JPEG_QUALITY, jpeg_quality};
        if (!cv::imencode(extension, image->mat, bytes, params))
            return cb_fail(error, CB_ERR_IO, target + ": OpenCV cannot encode '" + extension + "'");
        std::string temporary = partialPath(target);
        FILE *file = std::fopen(temporary.c_str(), "wb");
        if (!file) return cb_fail(error, CB_ERR_IO, target + ": cannot write (" + std::strerror(errno) + ")");
        bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
        ok = (std::fclose(file) == 0) && ok;
        if (!ok || std::rename(temporary.c_str(), target.c_str()) != 0) {
            int saved = errno;
            std::remove(temporary.c_str());
            return cb_fail(error, CB_ERR_IO, target + ": cannot write (" + std::strerror(saved) + ")");
        }
        return CB_OK;
    });
}

cb_status cb_image_encode(const cb_image *image, const char *extension, uint8_t **bytes, size_t *length, char **error) {
    CB_REQUIRE(image && extension && bytes && length, "cb_image_encode: null argument");
    return cb_guard(error, "encode", [&]() -> cb_status {
        std::vector<uint8_t> buffer;
        if (!cv::imencode(extension, image->mat, buffer))
            return cb_fail(error, CB_ERR_ARGUMENT, std::string("cannot encode as '") + extension + "'");
        *bytes = static_cast<uint8_t *>(std::malloc(buffer.size()));
        if (!*bytes) return cb_fail(error, CB_ERR_MEMORY, "encode: out of memory");
        std::memcpy(*bytes, buffer.data(), buffer.size());
        *length = buffer.size();
        return CB_OK;
    });
}

} // extern "C"
