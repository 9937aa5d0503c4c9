// PDF: what a scanner writes, a sheet a page. Each page is rendered by Poppler and read as an
// image of its own, as a multi-page TIFF's pages are (tiff_pages.cpp): `cb_image_page_count`
// counts a PDF's pages, `cb_decode_bytes` and `cb_image_read_page` render one.
#include "bridge_internal.hpp"
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <opencv2/imgproc.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>

namespace {

/// What Poppler said while this thread read a PDF: the first complaint, kept for the
/// message instead of printed on stderr beside it (`listen` starts hearing).
thread_local std::string heard;

void listen() {
    static std::once_flag installed;
    std::call_once(installed, [] {
        poppler::set_debug_error_function([](const std::string &message, void *) { if (heard.empty()) heard = message; }, nullptr);
    });
    heard.clear();
    // A scan's JPEG inside the page is decoded by libjpeg, whose messages codec_messages.cpp hears.
    cb_codec_listen();
}

/// Poppler's message on one line, for the end of ours.
std::string said() {
    const std::string text = cb_one_line(heard.rfind("error: ", 0) == 0 ? heard.substr(7) : heard);
    return text.empty() ? "" : " (Poppler: " + text + ")";
}

/// The resolution pages are rendered at: a scanner's usual 300 dots an inch, where a
/// handwritten digit is 60 to 120 pixels tall; less for a page so large that it would pass
/// `mostPixels`, or `longestSide` on a side (a strip of a page, 1e7 points by 0.01, was
/// drawn 41 million pixels long). Under `leastResolution`, the reading is warned of.
constexpr double scanResolution = 300, leastResolution = 150;
constexpr double mostPixels = 36e6, longestSide = 30000;

/// How many pages of `document` can be opened: its page count, unless a page tree shorter
/// than its /Count makes pages past the last one fail (counted up to the first that does).
int openablePages(const poppler::document &document) {
    int pages = 0;
    while (pages < document.pages() && std::unique_ptr<poppler::page>(document.create_page(pages))) ++pages;
    return pages;
}

} // namespace

namespace cb_formats {
bool isPDF(const uint8_t *b, size_t n) {
    const size_t look = std::min(n, size_t(1024));
    for (size_t i = 0; i + 5 <= look; ++i)
        if (b[i] == '%' && std::memcmp(b + i, "%PDF-", 5) == 0) return true;
    return false;
}
} // namespace cb_formats

int cb_pdf_page_count(const char *path) {
    listen();
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
    if (!document || document->is_locked()) return 1;
    return std::max(1, openablePages(*document));
}

int cb_pdf_page_count(const uint8_t *bytes, size_t length) {
    listen();
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(reinterpret_cast<const char *>(bytes), int(length)));
    if (!document || document->is_locked()) return 1;
    return std::max(1, openablePages(*document));
}

/// A page's side in inches as a reader would say it: whole inches, or to two significant
/// figures under ten ("0.5", "0.0014"; a strip's side had been said to be "0").
static std::string inches(double side) {
    char text[32];
    if (side >= 9.5) std::snprintf(text, sizeof text, "%.0f", side);
    else std::snprintf(text, sizeof text, "%.2g", side);
    return text;
}

cb_status cb_decode_pdf_page(const uint8_t *bytes, size_t length, const std::string &name, int page, cv::Mat &decoded,
                             std::string &warning, char **error) {
    listen();
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(reinterpret_cast<const char *>(bytes), int(length)));
    if (!document) return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated PDF" + said());
    if (document->is_locked())
        return cb_fail(error, CB_ERR_DECODE, name + ": a password-protected PDF; save it without its password (or print it to a new PDF) to read it");
    const std::string which = name + ": page " + std::to_string(page + 1);
    std::unique_ptr<poppler::page> sheet(page < document->pages() ? document->create_page(page) : nullptr);
    if (!sheet) {
        // Counted only now: opening every page for every page read is work a long scan repeats.
        const int pages = openablePages(*document);
        if (pages < 1) return cb_fail(error, CB_ERR_DECODE, name + ": a PDF without a page that can be opened" + said());
        return cb_fail(error, CB_ERR_DECODE, which + ": no such page (the PDF has " + std::to_string(pages) + ")");
    }
    // The page's size in points (1/72 inch); the resolution that keeps it under `mostPixels`
    // and `longestSide`.
    const poppler::rectf box = sheet->page_rect();
    const double wide = std::fabs(box.width()) / 72, high = std::fabs(box.height()) / 72;
    if (!(wide > 0 && high > 0)) return cb_fail(error, CB_ERR_DECODE, which + ": the page has no size");
    const double resolution = std::min({scanResolution, std::sqrt(mostPixels / (wide * high)), longestSide / std::max(wide, high)});
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_bgr24);
    // The page turned as the PDF says (its /Rotate), on white paper.
    poppler::image picture = renderer.render_page(sheet.get(), resolution, resolution);
    if (!picture.is_valid() || picture.width() <= 0 || picture.height() <= 0)
        return cb_fail(error, CB_ERR_DECODE, which + ": could not be drawn" + said());
    if ((long long)picture.width() * picture.height() > CB_MAX_IMAGE_PIXELS)
        return cb_fail(error, CB_ERR_TOO_LARGE, which + ": drawn above the pixel limit");
    // Poppler owns the rendered rows: the copy is ours.
    cv::Mat(picture.height(), picture.width(), CV_8UC3, const_cast<char *>(picture.const_data()), size_t(picture.bytes_per_row())).copyTo(decoded);
    // What Poppler drew past (a damaged scan inside the page), or a page so large that its
    // writing is drawn small: said, as a damaged JPEG is.
    if (!cb_jpeg_heard().empty())
        warning = which + ": damaged PDF data, the page may be partly wrong (libjpeg: " + cb_jpeg_heard() + ")";
    else if (!heard.empty())
        warning = which + ": damaged PDF data, the page may be partly wrong" + said();
    else if (resolution < leastResolution)
        warning = which + ": a page " + inches(wide) + " by " + inches(high) + " inches, drawn at " + (resolution >= 1 ? std::to_string(int(resolution)) : std::string("under 1")) +
                  " dots an inch; small writing on it may not be read";
    return CB_OK;
}
