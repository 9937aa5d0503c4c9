// Multi-page TIFF: a scanner's stack of sheets in one file, each page read as an image of
// its own. Pages are found by walking the file's chain of directories here, not by OpenCV.
#include "bridge_internal.hpp"
#include <dlfcn.h>
#include <fstream>
#include <set>
#include <sys/stat.h>
#include <vector>

namespace {

/// The offsets of a TIFF's pages, its chain of image file directories (IFDs), read through
/// `readAt(offset, out, count)`; empty when it is no TIFF. BigTIFF has 8-byte offsets and
/// counts. Walked here rather than by cv::imcount, which stops at the first page it cannot
/// decode (a 4-bit palette page) and so counted a stack holding one as a single page.
struct TIFFPages {
    bool little = true, bigTIFF = false;
    std::vector<unsigned long long> offsets;
    unsigned long long number(const unsigned char *b, int bytes) const {
        unsigned long long v = 0;
        for (int i = 0; i < bytes; ++i) v |= (unsigned long long)b[little ? i : bytes - 1 - i] << (8 * i);
        return v;
    }
};

template <typename ReadAt>
TIFFPages tiffPages(unsigned long long size, ReadAt readAt, size_t maxPages = size_t(1) << 20) {
    TIFFPages t;
    unsigned char head[16] = {0};
    if (size < 16 || !readAt(0, head, 16)) return t;
    t.little = head[0] == 'I' && head[1] == 'I';
    if (!t.little && !(head[0] == 'M' && head[1] == 'M')) return t;
    unsigned long long version = t.number(head + 2, 2);
    if (version != 42 && version != 43) return t;
    t.bigTIFF = version == 43;
    const int offsetBytes = t.bigTIFF ? 8 : 4, countBytes = t.bigTIFF ? 8 : 2, entryBytes = t.bigTIFF ? 20 : 12;
    unsigned long long offset = t.bigTIFF ? t.number(head + 8, 8) : t.number(head + 4, 4);
    unsigned char buffer[8];
    std::set<unsigned long long> seen;
    while (offset >= 8 && offset < size && t.offsets.size() < maxPages) {
        if (!seen.insert(offset).second) break;   // a loop in the chain
        if (!readAt(offset, buffer, countBytes)) break;
        unsigned long long next = offset + countBytes + t.number(buffer, countBytes) * entryBytes;
        if (next + offsetBytes > size || !readAt(next, buffer, offsetBytes)) break;
        t.offsets.push_back(offset);
        offset = t.number(buffer, offsetBytes);
    }
    return t;
}

/// A TIFF page's compression by name, for the ones people meet.
std::string compressionName(unsigned long long scheme) {
    switch (scheme) {
    case 34661: return "JBIG";
    case 34712: return "JPEG 2000";
    case 34887: return "LERC";
    case 34925: return "LZMA";
    case 50000: return "Zstandard";
    case 50001: return "WebP";
    case 52546: return "JPEG XL";
    default: return "number " + std::to_string(scheme);
    }
}

/// A compression this machine's libtiff lacks is decoded by OpenCV as a black
/// page, no error, so a page of digits would read as empty; it is refused instead. libtiff
/// itself (loaded with OpenCV) says which codecs it has; without it, the baseline ones.
} // namespace

std::string cb_tiff_codec_problem(const uint8_t *bytes, size_t length) {
    TIFFPages pages = tiffPages(length, [&](unsigned long long at, unsigned char *to, int count) {
        if (at + count > length) return false;
        std::memcpy(to, bytes + at, size_t(count));
        return true;
    }, 1);
    if (pages.offsets.empty()) return "";
    const int countBytes = pages.bigTIFF ? 8 : 2, entryBytes = pages.bigTIFF ? 20 : 12;
    const unsigned long long directory = pages.offsets[0];
    const unsigned long long entries = pages.number(bytes + directory, countBytes);
    unsigned long long scheme = 1;
    for (unsigned long long i = 0; i < entries; ++i) {
        unsigned long long entry = directory + countBytes + i * entryBytes;
        if (entry + entryBytes > length) break;
        if (pages.number(bytes + entry, 2) == 259) { scheme = pages.number(bytes + entry + (pages.bigTIFF ? 12 : 8), 2); break; }
    }
    using Configured = int (*)(uint16_t);
    static Configured configured = reinterpret_cast<Configured>(dlsym(RTLD_DEFAULT, "TIFFIsCODECConfigured"));
    bool decodable = configured ? configured(uint16_t(scheme)) != 0
                                : (scheme >= 1 && scheme <= 8) || scheme == 32773 || scheme == 32946;
    if (decodable) return "";
    return "a TIFF page compressed with " + compressionName(scheme) + ", which the TIFF library here cannot decode (ImageMagick converts it: convert IN -compress lzw OUT.tif)";
}


extern "C" {

int cb_image_page_count(const char *path) {
    if (!path) return 1;
    try {
        // Only a regular file is opened here: a pipe (or /dev/stdin) would lose its first
        // bytes to this look, or block, before the picture is read from it.
        struct stat info;
        if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) return 1;
        std::ifstream file(path, std::ios::binary);
        TIFFPages pages = tiffPages((unsigned long long)info.st_size, [&](unsigned long long at, unsigned char *out, int count) {
            file.clear();
            file.seekg(std::streamoff(at));
            return bool(file.read(reinterpret_cast<char *>(out), count));
        });
        return pages.offsets.size() > 1 ? int(pages.offsets.size()) : 1;
    } catch (...) {
        return 1;
    }
}

cb_status cb_image_read_page(const char *path, int page, int grayscale, cb_image **out, char **error) {
    CB_REQUIRE(path && out && page >= 0, "cb_image_read_page: bad argument");
    if (page == 0) return cb_image_read(path, grayscale, out, error);
    std::string name(path);
    return cb_guard(error, "read", [&]() -> cb_status {
        std::vector<uint8_t> bytes;
        if (cb_status failed = cb_read_file_bytes(path, name, bytes, error)) return failed;
        TIFFPages pages = tiffPages(bytes.size(), [&](unsigned long long at, unsigned char *to, int count) {
            if (at + count > bytes.size()) return false;
            std::memcpy(to, bytes.data() + at, size_t(count));
            return true;
        });
        const std::string which = name + ": page " + std::to_string(page + 1);
        if (size_t(page) >= pages.offsets.size()) return cb_fail(error, CB_ERR_DECODE, which + ": no such page");
        // The file made a one-page TIFF of that page: the header points at its directory, and
        // the directory at no next one. Another page's trouble (a palette page OpenCV cannot
        // decode) is then none of its business.
        auto put = [&](unsigned long long at, unsigned long long value, int count) {
            for (int i = 0; i < count; ++i) bytes[at + (pages.little ? i : count - 1 - i)] = uint8_t(value >> (8 * i));
        };
        const int offsetBytes = pages.bigTIFF ? 8 : 4, countBytes = pages.bigTIFF ? 8 : 2, entryBytes = pages.bigTIFF ? 20 : 12;
        unsigned long long directory = pages.offsets[size_t(page)];
        put(pages.bigTIFF ? 8 : 4, directory, offsetBytes);
        unsigned long long entries = pages.number(bytes.data() + directory, countBytes);
        put(directory + countBytes + entries * entryBytes, 0, offsetBytes);
        return cb_decode_bytes(bytes.data(), bytes.size(), which, grayscale, out, error);
    });
}

} // extern "C"
