// HEIF pictures, read by libheif: an iPhone's photos (HEIC, HEVC-coded) and AVIF (AV1),
// which Debian's OpenCV 4.6 cannot decode. The picture is turned and mirrored as its file
// says (HEIF's irot and imir, which is where an iPhone records how it was held), as a JPEG's
// EXIF orientation is applied.
#include "bridge_internal.hpp"
#include <libheif/heif.h>
#include <opencv2/imgproc.hpp>
#include <mutex>

namespace {

// libheif's objects, each freed when its owner goes out of scope.
struct Context {
    heif_context *pointer = heif_context_alloc();
    ~Context() { if (pointer) heif_context_free(pointer); }
};
struct Handle {
    heif_image_handle *pointer = nullptr;
    ~Handle() { if (pointer) heif_image_handle_release(pointer); }
};
struct Picture {
    heif_image *pointer = nullptr;
    ~Picture() { if (pointer) heif_image_release(pointer); }
};

/// libheif's message on one line.
std::string reason(const heif_error &e) { return cb_one_line(e.message && *e.message ? e.message : "unknown error"); }

} // namespace

namespace cb_formats {

const char *heifFormat(const uint8_t *b, size_t n) {
    if (n < 12 || std::memcmp(b + 4, "ftyp", 4) != 0) return nullptr;
    const char *brand = reinterpret_cast<const char *>(b + 8);
    for (const char *heic : {"heic", "heix", "hevc", "hevx", "heim", "heis"})
        if (std::memcmp(brand, heic, 4) == 0) return "HEIC";
    if (std::memcmp(brand, "avif", 4) == 0 || std::memcmp(brand, "avis", 4) == 0) return "AVIF";
    if (std::memcmp(brand, "mif1", 4) == 0 || std::memcmp(brand, "msf1", 4) == 0) return "HEIF";
    return nullptr;
}

} // namespace cb_formats

cb_status cb_decode_heif(const uint8_t *bytes, size_t length, const std::string &name, const char *format, cv::Mat &decoded,
                         std::string &warning, char **error) {
    // Loads libheif's decoders once (a no-op where they are built in).
    static std::once_flag loaded;
    std::call_once(loaded, [] { heif_init(nullptr); });
    const std::string what = std::string(format);
    Context context;
    if (!context.pointer) return cb_fail(error, CB_ERR_MEMORY, name + ": out of memory");
    heif_error e = heif_context_read_from_memory_without_copy(context.pointer, bytes, length, nullptr);
    if (e.code != heif_error_Ok) {
        // libheif refuses a picture it would not allocate (its security limits) as it reads.
        if (e.subcode == heif_suberror_Security_limit_exceeded)
            return cb_fail(error, CB_ERR_TOO_LARGE, name + ": " + what + " file declaring a picture too large to decode (libheif: " + reason(e) + ")");
        return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated " + what + " file (libheif: " + reason(e) + ")");
    }
    Handle handle;
    e = heif_context_get_primary_image_handle(context.pointer, &handle.pointer);
    if (e.code != heif_error_Ok) return cb_fail(error, CB_ERR_DECODE, name + ": " + what + " file without a picture (libheif: " + reason(e) + ")");
    // The size it declares, refused before it is decoded, as a PNG's or JPEG's is.
    const long long width = heif_image_handle_get_width(handle.pointer), height = heif_image_handle_get_height(handle.pointer);
    if (width <= 0 || height <= 0)
        return cb_fail(error, CB_ERR_DECODE, name + ": corrupt header (declares " + std::to_string(width) + "x" + std::to_string(height) + " pixels)");
    if (width * height > CB_MAX_IMAGE_PIXELS)
        return cb_fail(error, CB_ERR_TOO_LARGE, name + ": header declares " + std::to_string(width) + "x" + std::to_string(height) +
                                                    " pixels, above the " + std::to_string(CB_MAX_IMAGE_PIXELS / 1000000) + "-megapixel limit");
    Picture picture;
    // Eight bits a channel whatever the file's depth (an iPhone's 10-bit HDR photo too); with
    // its transparency when it has one, which `cb_normalize_decoded` composites over a ground
    // the ink stands out from, as a PNG's.
    const bool alpha = heif_image_handle_has_alpha_channel(handle.pointer);
    e = heif_decode_image(handle.pointer, &picture.pointer, heif_colorspace_RGB,
                          alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, nullptr);
    if (e.code != heif_error_Ok) {
        if (e.code == heif_error_Unsupported_feature || e.code == heif_error_Unsupported_filetype)
            return cb_fail(error, CB_ERR_DECODE, name + ": a " + what + " picture coded in a way this libheif cannot decode (libheif: " + reason(e) +
                                                     "); convert it to PNG or JPEG");
        return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated " + what + " picture data (libheif: " + reason(e) + ")");
    }
    int stride = 0;
    const uint8_t *plane = heif_image_get_plane_readonly(picture.pointer, heif_channel_interleaved, &stride);
    const int w = heif_image_get_width(picture.pointer, heif_channel_interleaved), h = heif_image_get_height(picture.pointer, heif_channel_interleaved);
    if (!plane || w <= 0 || h <= 0) return cb_fail(error, CB_ERR_DECODE, name + ": " + what + " picture decoded to nothing");
    // libheif owns `plane`: the BGR copy is ours.
    cv::cvtColor(cv::Mat(h, w, alpha ? CV_8UC4 : CV_8UC3, const_cast<uint8_t *>(plane), size_t(stride)), decoded,
                 alpha ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
    // A damaged stream the decoder read past, as a JPEG's damaged scan is: said.
    heif_error damage;
    if (heif_image_get_decoding_warnings(picture.pointer, 0, &damage, 1) > 0)
        warning = name + ": damaged " + what + " data, the picture may be partly wrong (libheif: " + reason(damage) + ")";
    return CB_OK;
}
