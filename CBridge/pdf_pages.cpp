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
#include <cmath>
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
}

/// Poppler's message on one line, for the end of ours.
std::string said() {
    std::string text = heard.rfind("error: ", 0) == 0 ? heard.substr(7) : heard;
    for (char &c : text) if (c == '\n' || c == '\r') c = ' ';
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text.empty() ? "" : " (Poppler: " + text + ")";
}

/// The resolution pages are rendered at: a scanner's usual 300 dots an inch, where a
/// handwritten digit is 60 to 120 pixels tall; less for a page so large that it would pass
/// `mostPixels`.
constexpr double scanResolution = 300;
constexpr double mostPixels = 36e6;

} // namespace

namespace cb_formats {
bool isPDF(const uint8_t *b, size_t n) { return n >= 5 && std::memcmp(b, "%PDF-", 5) == 0; }
} // namespace cb_formats

int cb_pdf_page_count(const char *path) {
    listen();
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
    if (!document || document->is_locked()) return 1;
    return std::max(1, document->pages());
}

cb_status cb_decode_pdf_page(const uint8_t *bytes, size_t length, const std::string &name, int page, cv::Mat &decoded, char **error) {
    listen();
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(reinterpret_cast<const char *>(bytes), int(length)));
    if (!document) return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated PDF" + said());
    if (document->is_locked())
        return cb_fail(error, CB_ERR_DECODE, name + ": a password-protected PDF; save it without its password (or print it to a new PDF) to read it");
    if (document->pages() < 1) return cb_fail(error, CB_ERR_DECODE, name + ": a PDF without pages");
    if (page >= document->pages())
        return cb_fail(error, CB_ERR_DECODE, name + ": no such page (the PDF has " + std::to_string(document->pages()) + ")");
    std::unique_ptr<poppler::page> sheet(document->create_page(page));
    if (!sheet) return cb_fail(error, CB_ERR_DECODE, name + ": page " + std::to_string(page + 1) + " of the PDF cannot be read" + said());
    // The page's size in points (1/72 inch), turned or not; the resolution that keeps it
    // under `mostPixels`.
    const poppler::rectf box = sheet->page_rect();
    const double area = std::fabs(box.width() * box.height()) / (72.0 * 72.0);
    if (!(area > 0)) return cb_fail(error, CB_ERR_DECODE, name + ": page " + std::to_string(page + 1) + " of the PDF has no size");
    const double resolution = std::min(scanResolution, std::sqrt(mostPixels / area));
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_bgr24);
    // The page turned as the PDF says (its /Rotate), on white paper.
    poppler::image picture = renderer.render_page(sheet.get(), resolution, resolution);
    if (!picture.is_valid() || picture.width() <= 0 || picture.height() <= 0)
        return cb_fail(error, CB_ERR_DECODE, name + ": page " + std::to_string(page + 1) + " of the PDF could not be drawn" + said());
    // Poppler owns the rendered rows: the copy is ours.
    cv::Mat(picture.height(), picture.width(), CV_8UC3, const_cast<char *>(picture.const_data()), size_t(picture.bytes_per_row())).copyTo(decoded);
    return CB_OK;
}
