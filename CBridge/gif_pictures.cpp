// GIF pictures, read by giflib: old scans and pictures saved from the web, which Debian's
// OpenCV 4.6 cannot decode. The first picture of the file is read, as a browser first shows
// it: placed on the file's canvas, its transparent colour and the canvas around it
// transparent (composited over paper as a PNG's transparency is). An animation's other
// frames are counted and said to be left unread: they are mostly changes to the first, not
// pictures of their own.
#include "bridge_internal.hpp"
#include <gif_lib.h>
#include <opencv2/imgproc.hpp>
#include <algorithm>

namespace {

/// The bytes giflib reads from, in memory.
struct Source {
    const uint8_t *bytes;
    size_t length, at = 0;
    bool ranOut = false;   // whether giflib asked for bytes past the end
};

int readFromMemory(GifFileType *gif, GifByteType *into, int wanted) {
    auto *source = static_cast<Source *>(gif->UserData);
    const size_t n = std::min(size_t(std::max(wanted, 0)), source->length - source->at);
    if (n < size_t(std::max(wanted, 0))) source->ranOut = true;
    std::memcpy(into, source->bytes + source->at, n);
    source->at += n;
    return int(n);
}

/// The open file, closed when its owner goes out of scope.
struct GifFile {
    GifFileType *pointer = nullptr;
    ~GifFile() {
        int ignored = 0;
        if (pointer) DGifCloseFile(pointer, &ignored);
    }
};

std::string reason(int code) {
    const char *message = GifErrorString(code);
    return cb_one_line(message && *message ? message : "unknown error");
}

/// Skips the coded data of a picture that is not read.
bool skipPicture(GifFileType *gif) {
    int codeSize = 0;
    GifByteType *block = nullptr;
    if (DGifGetCode(gif, &codeSize, &block) == GIF_ERROR) return false;
    while (block)
        if (DGifGetCodeNext(gif, &block) == GIF_ERROR) return false;
    return true;
}

/// Reads the picture whose descriptor was just read into `indices` (its rows in order, as an
/// interlaced GIF stores them in four passes), and `painted`, which rows were read: all of
/// them, unless the data is cut short or damaged, when this returns false.
bool readIndices(GifFileType *gif, std::vector<GifByteType> &indices, std::vector<bool> &painted) {
    const int width = gif->Image.Width, height = gif->Image.Height;
    indices.assign(size_t(width) * size_t(height), 0);
    painted.assign(size_t(height), false);
    static const int firstRow[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
    const int passes = gif->Image.Interlace ? 4 : 1;
    for (int pass = 0; pass < passes; ++pass)
        for (int y = gif->Image.Interlace ? firstRow[pass] : 0; y < height; y += gif->Image.Interlace ? step[pass] : 1) {
            if (DGifGetLine(gif, indices.data() + size_t(y) * width, width) == GIF_ERROR) return false;
            painted[size_t(y)] = true;
        }
    return true;
}

} // namespace

namespace cb_formats {
bool isGIF(const uint8_t *b, size_t n) { return n >= 6 && (std::memcmp(b, "GIF87a", 6) == 0 || std::memcmp(b, "GIF89a", 6) == 0); }
} // namespace cb_formats

cb_status cb_decode_gif(const uint8_t *bytes, size_t length, const std::string &name, cv::Mat &decoded, std::string &warning,
                        char **error) {
    Source source{bytes, length};
    int code = 0;
    GifFile gif;
    gif.pointer = DGifOpen(&source, readFromMemory, &code);
    if (!gif.pointer) return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated GIF file (giflib: " + reason(code) + ")");
    GifFileType *file = gif.pointer;
    auto tooLarge = [&](long long w, long long h) {
        return cb_fail(error, CB_ERR_TOO_LARGE, name + ": header declares " + std::to_string(w) + "x" + std::to_string(h) +
                                                    " pixels, above the " + std::to_string(CB_MAX_IMAGE_PIXELS / 1000000) + "-megapixel limit");
    };
    if ((long long)file->SWidth * file->SHeight > CB_MAX_IMAGE_PIXELS) return tooLarge(file->SWidth, file->SHeight);

    GraphicsControlBlock control{DISPOSAL_UNSPECIFIED, false, 0, NO_TRANSPARENT_COLOR};
    int pictures = 0;
    bool coversCanvas = false;   // whether the first picture paints the whole canvas
    std::string cutShort;        // the warning for a first picture read only in part
    std::string damage;   // what went wrong after the first picture was read
    for (GifRecordType record = UNDEFINED_RECORD_TYPE; record != TERMINATE_RECORD_TYPE;) {
        if (DGifGetRecordType(file, &record) == GIF_ERROR) {
            if (pictures == 0) return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated GIF file (giflib: " + reason(file->Error) + ")");
            // A file that ends without its terminator after its pictures is common and harmless.
            if (file->Error != D_GIF_ERR_READ_FAILED && file->Error != D_GIF_ERR_EOF_TOO_SOON) damage = reason(file->Error);
            break;
        }
        if (record == EXTENSION_RECORD_TYPE) {
            int function = 0;
            GifByteType *extension = nullptr;
            bool ok = DGifGetExtension(file, &function, &extension) != GIF_ERROR;
            // The graphic control block before the first picture says which colour is transparent.
            if (ok && pictures == 0 && function == GRAPHICS_EXT_FUNC_CODE && extension && extension[0] >= 4)
                DGifExtensionToGCB(extension[0], extension + 1, &control);
            while (ok && extension) ok = DGifGetExtensionNext(file, &extension) != GIF_ERROR;
            if (!ok) {
                if (pictures == 0) return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated GIF file (giflib: " + reason(file->Error) + ")");
                damage = reason(file->Error);
                break;
            }
        } else if (record == IMAGE_DESC_RECORD_TYPE) {
            if (DGifGetImageDesc(file) == GIF_ERROR) {
                if (pictures == 0) return cb_fail(error, CB_ERR_DECODE, name + ": corrupt or truncated GIF file (giflib: " + reason(file->Error) + ")");
                ++pictures;   // a further frame, cut or damaged in its descriptor
                damage = reason(file->Error);
                break;
            }
            // A picture of no pixels (a broken or odd file) is passed over for the next.
            const bool empty = file->Image.Width <= 0 || file->Image.Height <= 0;
            if (empty || pictures++ > 0) {
                if (!skipPicture(file)) { damage = reason(file->Error); break; }
                continue;
            }
            const GifImageDesc &picture = file->Image;
            // The canvas, grown to hold a picture that overflows it (a browser shows it whole).
            const long long canvasWidth = std::max<long long>(file->SWidth, (long long)picture.Left + picture.Width);
            const long long canvasHeight = std::max<long long>(file->SHeight, (long long)picture.Top + picture.Height);
            if (canvasWidth * canvasHeight > CB_MAX_IMAGE_PIXELS) return tooLarge(canvasWidth, canvasHeight);
            const ColorMapObject *colours = picture.ColorMap ? picture.ColorMap : file->SColorMap;
            if (!colours || colours->ColorCount <= 0)
                return cb_fail(error, CB_ERR_DECODE, name + ": corrupt GIF (its first picture has no colour table)");
            coversCanvas = picture.Left == 0 && picture.Top == 0 && picture.Width == canvasWidth && picture.Height == canvasHeight;
            std::vector<GifByteType> indices;
            std::vector<bool> painted;
            // Data cut short or damaged inside the picture: read as far as it decodes (the rows
            // before hold digits as well), with a warning, as a damaged TIFF or JPEG is.
            if (!readIndices(file, indices, painted)) {
                if (std::find(painted.begin(), painted.end(), true) == painted.end())
                    return cb_fail(error, CB_ERR_DECODE, source.ranOut ? name + ": truncated GIF (the file ends inside its first picture)"
                                                                       : name + ": corrupt GIF picture data (giflib: " + reason(file->Error) + ")");
                cutShort = source.ranOut ? name + ": truncated GIF, read as far as it goes (the file ends inside its first picture)"
                                         : name + ": damaged GIF picture data, read as far as it decodes (giflib: " + reason(file->Error) + ")";
                coversCanvas = false;
            }
            // BGRA: transparent wherever the picture does not paint.
            decoded = cv::Mat(int(canvasHeight), int(canvasWidth), CV_8UC4, cv::Scalar(0, 0, 0, 0));
            for (int y = 0; y < picture.Height; ++y) {
                if (!painted[size_t(y)]) continue;
                auto *row = decoded.ptr<cv::Vec4b>(picture.Top + y) + picture.Left;
                const GifByteType *index = indices.data() + size_t(y) * picture.Width;
                for (int x = 0; x < picture.Width; ++x) {
                    if (index[x] == control.TransparentColor) continue;
                    // An index past the colour table (a broken file) is drawn black, as browsers do.
                    const GifColorType c = index[x] < colours->ColorCount ? colours->Colors[index[x]] : GifColorType{0, 0, 0};
                    row[x] = cv::Vec4b(c.Blue, c.Green, c.Red, 255);
                }
            }
            if (!cutShort.empty()) break;   // nothing after it can be found in a broken stream
        }
    }
    if (pictures == 0) return cb_fail(error, CB_ERR_DECODE, name + ": a GIF file without a picture");
    if (!cutShort.empty())
        warning = cutShort;
    else if (pictures > 1)
        warning = name + ": an animated GIF of " + std::to_string(pictures) + (damage.empty() ? "" : " or more") +
                  " frames, of which only the first is read";
    else if (!damage.empty())
        warning = name + ": damaged GIF data after its first picture, which is read (giflib: " + damage + ")";
    // Opaque through and through: plain BGR, with nothing to composite.
    if (control.TransparentColor == NO_TRANSPARENT_COLOR && coversCanvas) {
        cv::Mat opaque;
        cv::cvtColor(decoded, opaque, cv::COLOR_BGRA2BGR);
        decoded = opaque;
    }
    return CB_OK;
}
