// Shared by the bridge's .cpp files; never included by Swift.
#pragma once
#include "cbridge.h"
#include <opencv2/core.hpp>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <vector>

/// The opaque image handle: an 8-bit cv::Mat with 1 or 3 channels.
struct cb_image {
    cv::Mat mat;
};

/// Stores a malloc'ed copy of `message` in `*error` (when wanted) and returns `status`.
inline cb_status cb_fail(char **error, cb_status status, const std::string &message) {
    if (error) {
        *error = static_cast<char *>(std::malloc(message.size() + 1));
        if (*error) std::memcpy(*error, message.c_str(), message.size() + 1);
    }
    return status;
}

/// Runs `body`, turning every C++ exception into a status and message, so none crosses
/// the C boundary.
template <typename Body>
cb_status cb_guard(char **error, const char *operation, Body body) {
    try {
        return body();
    } catch (const cv::Exception &e) {
        return cb_fail(error, CB_ERR_OPENCV, std::string(operation) + ": " + (e.err.empty() ? e.what() : e.err));
    } catch (const std::bad_alloc &) {
        return cb_fail(error, CB_ERR_MEMORY, std::string(operation) + ": out of memory");
    } catch (const std::exception &e) {
        return cb_fail(error, CB_ERR_OPENCV, std::string(operation) + ": " + e.what());
    } catch (...) {
        return cb_fail(error, CB_ERR_OPENCV, std::string(operation) + ": unknown C++ exception");
    }
}

/// A decoded Mat brought to 8-bit grey (`grayscale`) or BGR, as every decoded picture is:
/// 16-bit and float scaled down, alpha composited (image_io.cpp).
cv::Mat cb_normalize_decoded(cv::Mat m, bool grayscale);

/// A library's message on one line, for the end of ours: its line breaks made spaces, its
/// trailing spaces dropped (libheif's and Poppler's messages may end in a newline).
inline std::string cb_one_line(std::string message) {
    for (char &c : message) if (c == '\n' || c == '\r') c = ' ';
    while (!message.empty() && message.back() == ' ') message.pop_back();
    return message;
}

/// Wraps a Mat in a new handle stored in `*out`.
inline cb_status cb_emit(cv::Mat mat, cb_image **out) {
    *out = new cb_image{std::move(mat)};
    return CB_OK;
}

#define CB_REQUIRE(condition, message) \
    do { if (!(condition)) return cb_fail(error, CB_ERR_ARGUMENT, message); } while (0)

/// Reads the whole file at `path` into `bytes`, with the checks every read makes (missing,
/// a folder, over the size limits); `name` is how messages name the file. (image_io.cpp)
cb_status cb_read_file_bytes(const char *path, const std::string &name, std::vector<uint8_t> &bytes, char **error);

/// Decodes an image file's bytes as `cb_image_read` does, refusing bad ones first with a
/// message that starts with `name`. (image_io.cpp)
cb_status cb_decode_bytes(const uint8_t *bytes, size_t length, const std::string &name, int grayscale, cb_image **out, char **error);

/// Why the TIFF page that `bytes` opens on cannot be decoded here, or "" when it can (or the
/// bytes are no TIFF). (tiff_pages.cpp)
std::string cb_tiff_codec_problem(const uint8_t *bytes, size_t length);

/// libtiff's errors on this thread: `cb_tiff_listen` starts hearing them (before a TIFF is
/// decoded), `cb_tiff_heard` gives the first since, or "". (tiff_pages.cpp)
void cb_tiff_listen();
std::string cb_tiff_heard();

/// libjpeg's and libpng's messages on this thread: `cb_codec_listen` starts hearing them
/// (before a decode), `cb_jpeg_heard` and `cb_png_heard` give the first since, or "".
/// (codec_messages.cpp)
void cb_codec_listen();
std::string cb_jpeg_heard();
std::string cb_png_heard();

/// Looks into image files before OpenCV decodes them. (file_formats.cpp)
namespace cb_formats {
uint32_t be32(const uint8_t *p);
/// Width and height declared in a PNG or JPEG header; false for other formats.
bool declaredSize(const uint8_t *b, size_t n, long long &width, long long &height);
bool isPNG(const uint8_t *b, size_t n);
bool isJPEG(const uint8_t *b, size_t n);
/// Whether a PNG reaches its IEND chunk, a JPEG its end-of-image marker after its scan.
bool pngComplete(const uint8_t *b, size_t n);
bool jpegComplete(const uint8_t *b, size_t n);
/// The PNG with only what libpng should see, or empty when that is all of it; `problem`
/// says why it cannot be read, if so.
std::vector<uint8_t> pngEssentials(const uint8_t *b, size_t n, std::string &problem);
/// "Windows icon (ICO)" for an icon file, which OpenCV 4.6 cannot read here.
const char *unreadableFormat(const uint8_t *b, size_t n);
/// "HEIC", "AVIF" or "HEIF" for a HEIF file (by its ftyp box), read by libheif; else null.
/// (heif_pictures.cpp)
const char *heifFormat(const uint8_t *b, size_t n);
} // namespace cb_formats

namespace cb_formats {
/// Whether the bytes are a PDF (its "%PDF-" header, within the first 1,024 bytes as the
/// format allows). (pdf_pages.cpp)
bool isPDF(const uint8_t *b, size_t n);
} // namespace cb_formats

/// How many pages the PDF at `path` has; 1 when it cannot be opened (reading it says why).
/// (pdf_pages.cpp)
int cb_pdf_page_count(const char *path);
/// The same for a PDF's bytes in memory.
int cb_pdf_page_count(const uint8_t *bytes, size_t length);

/// How many pages the image file's bytes hold: a multi-page TIFF's or a PDF's count, else 1.
/// (tiff_pages.cpp)
int cb_page_count_of_bytes(const uint8_t *bytes, size_t length);

/// Renders page `page` (0-based) of a PDF's bytes into an 8-bit BGR `decoded`, refusing a
/// bad, locked or empty PDF, or a page it does not have, with a message that starts with
/// `name` (the file's; messages about one page add it). `warning`: what Poppler said of
/// damage it drew past, or a resolution too low for writing. (pdf_pages.cpp)
cb_status cb_decode_pdf_page(const uint8_t *bytes, size_t length, const std::string &name, int page, cv::Mat &decoded,
                             std::string &warning, char **error);

/// Decodes a HEIF file (`format`, from `cb_formats::heifFormat`) into an 8-bit BGR (BGRA when
/// it has transparency) `decoded`, turned as the file says, refusing a bad or oversized one
/// with a message that starts with `name`; `warning` says what damage the decoder read past.
/// (heif_pictures.cpp)
cb_status cb_decode_heif(const uint8_t *bytes, size_t length, const std::string &name, const char *format, cv::Mat &decoded,
                         std::string &warning, char **error);

/// Whether the bytes are a GIF (its "GIF87a" or "GIF89a" signature). (gif_pictures.cpp)
namespace cb_formats { bool isGIF(const uint8_t *b, size_t n); }

/// Decodes a GIF's first picture into an 8-bit BGR `decoded` (BGRA when it has transparency or
/// leaves part of its canvas unpainted), refusing a bad or oversized one with a message that
/// starts with `name`; `warning` says how many frames an animation has that are not read, or
/// what damage follows the first picture. (gif_pictures.cpp)
cb_status cb_decode_gif(const uint8_t *bytes, size_t length, const std::string &name, cv::Mat &decoded, std::string &warning,
                        char **error);

/// Sets (or, with "", clears) what the last decode on this thread warns of, which
/// `cb_take_decode_warning` hands on. (image_io.cpp)
void cb_set_decode_warning(const std::string &warning);
