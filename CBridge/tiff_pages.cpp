// Multi-page TIFF: a scanner's stack of sheets in one file, each page read as an image of
// its own. Pages are found by walking the file's chain of directories here, not by OpenCV.
#include "bridge_internal.hpp"
#include <dlfcn.h>
#include <fstream>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <set>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
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

/// The page directories of the TIFF files read last, by path, size and modification time:
/// reading page k walks the chain of directories up to k, which for every page of a stack of
/// thousands is a walk of millions of steps. A file changed since is walked again.
class DirectoryCache {
public:
    bool find(const std::string &path, const struct stat &info, TIFFPages &pages) {
        std::lock_guard<std::mutex> lock(mutex);
        auto found = entries.find(path);
        if (found == entries.end() || found->second.size != info.st_size || found->second.modified != info.st_mtim.tv_sec
            || found->second.nanoseconds != info.st_mtim.tv_nsec) return false;
        pages = found->second.pages;
        return true;
    }
    void keep(const std::string &path, const struct stat &info, const TIFFPages &pages) {
        std::lock_guard<std::mutex> lock(mutex);
        if (entries.size() >= 16) entries.clear();
        entries[path] = Entry{info.st_size, info.st_mtim.tv_sec, info.st_mtim.tv_nsec, pages};
    }
private:
    struct Entry { off_t size; time_t modified; long nanoseconds; TIFFPages pages; };
    std::mutex mutex;
    std::map<std::string, Entry> entries;
};

DirectoryCache directoryCache;

/// The page directories of the regular file `path` (described by `info`), walked once.
TIFFPages filePages(const char *path, const struct stat &info) {
    TIFFPages pages;
    if (directoryCache.find(path, info, pages)) return pages;
    std::ifstream file(path, std::ios::binary);
    pages = tiffPages((unsigned long long)info.st_size, [&](unsigned long long at, unsigned char *out, int count) {
        file.clear();
        file.seekg(std::streamoff(at));
        return bool(file.read(reinterpret_cast<char *>(out), count));
    });
    directoryCache.keep(path, info, pages);
    return pages;
}

/// Page `directory` of a TIFF file as a one-page TIFF, read sparsely: a zero-filled mapping
/// the size of the file (its untouched pages take no memory) holding only what that page
/// needs, each piece at its own offset — the header, the page's directory, its tags' values
/// and its strips or tiles. Reading page k had copied the whole file (a 5,001-page stack
/// took 43 s, and each page held all of a large file in memory). Empty when the file is not
/// as `pages` found it, or a piece lies outside it; the caller then reads the whole file.
class SparsePage {
public:
    uint8_t *bytes = nullptr;
    size_t size = 0;
    SparsePage() = default;
    SparsePage(const SparsePage &) = delete;
    SparsePage &operator=(const SparsePage &) = delete;
    ~SparsePage() { if (bytes) munmap(bytes, size); }

    bool read(const char *path, unsigned long long fileSize, const TIFFPages &pages, unsigned long long directory) {
        int fd = open(path, O_RDONLY);
        if (fd < 0) return false;
        struct stat info;
        bool ok = fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && (unsigned long long)info.st_size == fileSize && fileSize > 0;
        if (ok) {
            void *mapped = mmap(nullptr, size_t(fileSize), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            ok = mapped != MAP_FAILED;
            if (ok) { bytes = static_cast<uint8_t *>(mapped); size = size_t(fileSize); }
        }
        ok = ok && readPieces(fd, pages, directory);
        close(fd);
        return ok;
    }

private:
    /// Bytes `[at, at + count)` of the file into place.
    bool load(int fd, unsigned long long at, unsigned long long count) {
        if (at > size || count > size - at) return false;
        while (count > 0) {
            ssize_t got = pread(fd, bytes + at, size_t(count), off_t(at));
            if (got <= 0) { if (got < 0 && errno == EINTR) continue; return false; }
            at += (unsigned long long)got; count -= (unsigned long long)got;
        }
        return true;
    }

    bool readPieces(int fd, const TIFFPages &t, unsigned long long directory) {
        const int offsetBytes = t.bigTIFF ? 8 : 4, countBytes = t.bigTIFF ? 8 : 2, entryBytes = t.bigTIFF ? 20 : 12;
        if (!load(fd, 0, t.bigTIFF ? 16 : 8) || !load(fd, directory, countBytes)) return false;
        const unsigned long long entries = t.number(bytes + directory, countBytes);
        const unsigned long long first = directory + countBytes;
        if (entries > size || !load(fd, first, entries * entryBytes + offsetBytes)) return false;
        // Every tag's value that does not fit in its entry, then the strips or tiles.
        auto typeSize = [](unsigned long long type) -> unsigned long long {
            switch (type) {
            case 3: case 8: return 2;
            case 4: case 9: case 11: case 13: return 4;
            case 5: case 10: case 12: case 16: case 17: case 18: return 8;
            default: return 1;
            }
        };
        struct Values { unsigned long long at = 0, count = 0, size = 0; };
        Values offsets, counts;
        for (unsigned long long i = 0; i < entries; ++i) {
            const uint8_t *entry = bytes + first + i * entryBytes;
            const unsigned long long tag = t.number(entry, 2), type = t.number(entry + 2, 2);
            const unsigned long long count = t.number(entry + 4, t.bigTIFF ? 8 : 4);
            const unsigned long long each = typeSize(type);
            if (count > size / each) return false;
            Values values{first + i * entryBytes + (t.bigTIFF ? 12 : 8), count, each};
            if (count * each > (unsigned long long)offsetBytes) {
                values.at = t.number(entry + (t.bigTIFF ? 12 : 8), offsetBytes);
                if (!load(fd, values.at, count * each)) return false;
            }
            if (tag == 273 || tag == 324) offsets = values;        // StripOffsets, TileOffsets
            if (tag == 279 || tag == 325) counts = values;         // StripByteCounts, TileByteCounts
        }
        if (offsets.count == 0 || offsets.count != counts.count) return false;
        for (unsigned long long i = 0; i < offsets.count; ++i) {
            const unsigned long long at = t.number(bytes + offsets.at + i * offsets.size, int(offsets.size));
            const unsigned long long count = t.number(bytes + counts.at + i * counts.size, int(counts.size));
            if (!load(fd, at, count)) return false;
        }
        return true;
    }
};

/// Makes the TIFF in `bytes` a one-page TIFF of the page at `directory`: the header points at
/// its directory, and the directory at no next one. Another page's trouble (a palette page
/// OpenCV cannot decode) is then none of its business.
void pointAtOnePage(uint8_t *bytes, const TIFFPages &pages, unsigned long long directory) {
    auto put = [&](unsigned long long at, unsigned long long value, int count) {
        for (int i = 0; i < count; ++i) bytes[at + (pages.little ? i : count - 1 - i)] = uint8_t(value >> (8 * i));
    };
    const int offsetBytes = pages.bigTIFF ? 8 : 4, countBytes = pages.bigTIFF ? 8 : 2, entryBytes = pages.bigTIFF ? 20 : 12;
    put(pages.bigTIFF ? 8 : 4, directory, offsetBytes);
    unsigned long long entries = pages.number(bytes + directory, countBytes);
    put(directory + countBytes + entries * entryBytes, 0, offsetBytes);
}

/// libtiff's errors on this thread since `cb_tiff_listen`. OpenCV's own handler drops them
/// (it prints them only at debug log level), and so a strip that fails to decode (corrupt
/// LZW or Deflate data) left a blank page, read as no digits, with no error.
thread_local std::string heardFromLibTIFF;

void recordLibTIFFError(const char *module, const char *format, va_list arguments) {
    char text[512];
    vsnprintf(text, sizeof text, format, arguments);
    if (heardFromLibTIFF.empty()) heardFromLibTIFF = (module && *module ? std::string(module) + ": " : std::string()) + text;
}

} // namespace

void cb_tiff_listen() {
    using Handler = void (*)(const char *, const char *, va_list);
    using Setter = Handler (*)(Handler);
    // Set before each TIFF is decoded: OpenCV sets its own once, when it first makes a decoder.
    static Setter set = reinterpret_cast<Setter>(dlsym(RTLD_DEFAULT, "TIFFSetErrorHandler"));
    if (set) set(recordLibTIFFError);
    heardFromLibTIFF.clear();
}

std::string cb_tiff_heard() { return heardFromLibTIFF; }

/// A compression this machine's libtiff lacks is decoded by OpenCV as a black page, no
/// error, so a page of digits would read as empty; it is refused instead. libtiff itself
/// (loaded with OpenCV) says which codecs it has; without it, the baseline ones.
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


int cb_page_count_of_bytes(const uint8_t *bytes, size_t length) {
    if (cb_formats::isPDF(bytes, length)) return cb_pdf_page_count(bytes, length);
    TIFFPages pages = tiffPages(length, [&](unsigned long long at, unsigned char *to, int count) {
        if (at + count > length) return false;
        std::memcpy(to, bytes + at, size_t(count));
        return true;
    });
    return pages.offsets.size() > 1 ? int(pages.offsets.size()) : 1;
}

extern "C" {

/// Whether the file at `path` starts as a PDF does (`cb_formats::isPDF`).
static bool startsAsPDF(const char *path) {
    char head[1024];
    std::ifstream file(path, std::ios::binary);
    file.read(head, sizeof head);
    return cb_formats::isPDF(reinterpret_cast<const uint8_t *>(head), size_t(file.gcount()));
}

int cb_image_page_count(const char *path) {
    if (!path) return 1;
    try {
        // Only a regular file is opened here: a pipe (or /dev/stdin) would lose its first
        // bytes to this look, or block, before the picture is read from it.
        struct stat info;
        if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) return 1;
        if (startsAsPDF(path)) return cb_pdf_page_count(path);
        TIFFPages pages = filePages(path, info);
        return pages.offsets.size() > 1 ? int(pages.offsets.size()) : 1;
    } catch (...) {
        return 1;
    }
}

cb_status cb_image_read_page(const char *path, int page, int grayscale, cb_image **out, char **error) {
    CB_REQUIRE(path && out && page >= 0, "cb_image_read_page: bad argument");
    if (page == 0) return cb_image_read(path, grayscale, out, error);
    return cb_guard(error, "read", [&]() -> cb_status {
        std::string name(path);
        const std::string which = name + ": page " + std::to_string(page + 1);
        // A PDF's page is rendered from the whole file (pdf_pages.cpp).
        if (startsAsPDF(path)) {
            std::vector<uint8_t> bytes;
            if (cb_status failed = cb_read_file_bytes(path, name, bytes, error)) return failed;
            cv::Mat decoded;
            std::string warning;
            if (cb_status failed = cb_decode_pdf_page(bytes.data(), bytes.size(), name, page, decoded, warning, error)) return failed;
            cb_set_decode_warning(warning);
            return cb_emit(cb_normalize_decoded(decoded, grayscale != 0), out);
        }
        // The page alone first (`SparsePage`); on any trouble, the whole file as below, whose
        // checks and messages are the ones every read gives.
        struct stat info;
        if (stat(path, &info) == 0 && S_ISREG(info.st_mode) && (unsigned long long)info.st_size <= CB_MAX_FILE_BYTES) {
            TIFFPages pages = filePages(path, info);
            SparsePage sparse;
            if (size_t(page) < pages.offsets.size() && sparse.read(path, (unsigned long long)info.st_size, pages, pages.offsets[size_t(page)])) {
                pointAtOnePage(sparse.bytes, pages, pages.offsets[size_t(page)]);
                char *sparseError = nullptr;
                cb_status status = cb_decode_bytes(sparse.bytes, sparse.size, which, grayscale, out, &sparseError);
                std::free(sparseError);
                if (status == CB_OK) return CB_OK;
            }
        }
        std::vector<uint8_t> bytes;
        if (cb_status failed = cb_read_file_bytes(path, name, bytes, error)) return failed;
        TIFFPages pages = tiffPages(bytes.size(), [&](unsigned long long at, unsigned char *to, int count) {
            if (at + count > bytes.size()) return false;
            std::memcpy(to, bytes.data() + at, size_t(count));
            return true;
        });
        if (size_t(page) >= pages.offsets.size()) return cb_fail(error, CB_ERR_DECODE, which + ": no such page");
        pointAtOnePage(bytes.data(), pages, pages.offsets[size_t(page)]);
        return cb_decode_bytes(bytes.data(), bytes.size(), which, grayscale, out, error);
    });
}

} // extern "C"
