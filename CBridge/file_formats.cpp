// File formats looked into before OpenCV decodes them: signatures, the sizes a header
// declares, whether a PNG or JPEG is whole, and the PNG chunks libpng should see.
#include "bridge_internal.hpp"
#include <zlib.h>

namespace cb_formats {

uint32_t be32(const uint8_t *p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

/// Width and height declared in a PNG or JPEG header, read before decoding so a header that
/// claims 50000x50000 is refused without allocating it. Returns false for other formats.
bool declaredSize(const uint8_t *b, size_t n, long long &width, long long &height) {
    if (n >= 24 && std::memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
        width = be32(b + 16); height = be32(b + 20);
        return true;
    }
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
        size_t i = 2;
        while (i + 9 < n) {
            if (b[i] != 0xFF) { ++i; continue; }
            uint8_t marker = b[i + 1];
            if (marker == 0xFF) { ++i; continue; }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
            size_t length = size_t(b[i + 2]) << 8 | b[i + 3];
            bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                height = (long long)b[i + 5] << 8 | b[i + 6];
                width = (long long)b[i + 7] << 8 | b[i + 8];
                return true;
            }
            i += 2 + length;
        }
    }
    return false;
}

bool isPNG(const uint8_t *b, size_t n) { return n >= 8 && std::memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0; }

/// A PNG ends with its IEND chunk; without it libpng would print its own complaint on
/// stderr while failing. The chunks are walked by their lengths to it, so data after it (a
/// trailer some tools append) is no truncation.
bool pngComplete(const uint8_t *b, size_t n) {
    for (size_t at = 8; at + 12 <= n;) {
        if (std::memcmp(b + at + 4, "IEND", 4) == 0) return true;
        size_t length = be32(b + at);
        if (length > n - at - 12) return false;
        at += 12 + length;
    }
    return false;
}

/// The PNG as libpng should see it: its critical chunks and transparency (tRNS), each
/// checked against its CRC, up to IEND; `problem` says why it cannot be read, if so. libpng
/// prints on stderr, beside our one line, for a chunk that fails its CRC ("libpng error: IDAT:
/// CRC error") and for ancillary chunks it finds wrong ("iCCP: known incorrect sRGB profile",
/// "gAMA: invalid", as many editors wrote them), of which OpenCV uses none. Empty, with no
/// problem, when nothing is dropped.
std::vector<uint8_t> pngEssentials(const uint8_t *b, size_t n, std::string &problem) {
    std::vector<uint8_t> kept(b, b + 8);
    bool dropped = false, paletted = false, palette = false;
    for (size_t at = 8; at + 12 <= n;) {
        const size_t length = be32(b + at);
        if (length > n - at - 12) break;
        const uint8_t *type = b + at + 4;
        const std::string name(reinterpret_cast<const char *>(type), 4);
        const bool critical = !(type[0] & 0x20);
        // A critical chunk that fails its CRC is a corrupt picture; an ancillary one is dropped,
        // as libpng drops it (with a warning).
        const bool intact = crc32(crc32(0L, Z_NULL, 0), type, uInt(4 + length)) == be32(b + at + 8 + length);
        if (!intact && critical) { problem = "corrupt PNG (its " + name + " chunk fails its checksum)"; return {}; }
        if (name == "IHDR") {
            // Checked here, so libpng does not print its own complaint about it.
            const uint8_t *h = b + at + 8;
            const int depth = length == 13 ? h[8] : 0, colour = length == 13 ? h[9] : -1;
            const bool valid = length == 13 && at == 8 && h[10] == 0 && h[11] == 0 && h[12] <= 1 &&
                ((colour == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
                 (colour == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
                 ((colour == 2 || colour == 4 || colour == 6) && (depth == 8 || depth == 16)));
            if (!valid) { problem = "corrupt PNG (its IHDR header is invalid or out of place)"; return {}; }
            paletted = colour == 3;
        } else if (name == "PLTE") {
            palette = true;
        } else if (name == "IDAT" && paletted && !palette) {
            problem = "corrupt PNG (a palette image with no palette)";
            return {};
        }
        if (critical && name != "IHDR" && name != "PLTE" && name != "IDAT" && name != "IEND") {
            problem = "a PNG with a chunk " + name + " no reader knows (corrupt, or not a standard PNG)";
            return {};
        }
        if (intact && (critical || name == "tRNS")) kept.insert(kept.end(), b + at, b + at + 12 + length);
        else dropped = true;
        at += 12 + length;
        if (name == "IEND") break;
    }
    return dropped ? kept : std::vector<uint8_t>();
}

bool isJPEG(const uint8_t *b, size_t n) { return n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF; }

/// The name of a picture format that people have but Debian's OpenCV 4.6 does not decode
/// (an icon), recognized by its signature; null for anything else. (HEIC and AVIF are read
/// by libheif, heif_pictures.cpp; PDF by Poppler, pdf_pages.cpp; GIF by giflib,
/// gif_pictures.cpp.)
const char *unreadableFormat(const uint8_t *b, size_t n) {
    // An icon file (a favicon saved as .png): reserved 0, type 1, then 1 to 255 images.
    if (n >= 6 && b[0] == 0 && b[1] == 0 && b[2] == 1 && b[3] == 0 && b[5] == 0 && b[4] != 0) return "Windows icon (ICO)";
    return nullptr;
}

/// A JPEG's compressed data must end with the EOI marker (FF D9); libjpeg would otherwise
/// "decode" a truncated file into a half-grey picture. It is looked for after the first
/// start of scan, not at the file's end: phones append data after it (a Samsung trailer, a
/// motion photo's video), and entropy-coded data never holds FF D9 (FF is stuffed as FF 00).
bool jpegComplete(const uint8_t *b, size_t n) {
    size_t i = 2;
    while (i + 4 <= n) {                       // the markers before the scan, by their lengths
        if (b[i] != 0xFF) { ++i; continue; }   // stray bytes between markers, which libjpeg skips
        uint8_t marker = b[i + 1];
        if (marker == 0xFF) { ++i; continue; }
        if (marker == 0xDA) break;
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
        i += 2 + (size_t(b[i + 2]) << 8 | b[i + 3]);
    }
    for (; i + 1 < n; ++i)
        if (b[i] == 0xFF && b[i + 1] == 0xD9) return true;
    return false;
}

} // namespace cb_formats
