// libjpeg's and libpng's messages, heard on the decoding thread instead of printed.
//
// OpenCV creates its JPEG and PNG decoders with the libraries' default message handlers,
// which print to standard error ("Corrupt JPEG data: premature end of data segment",
// "libpng error: IDAT: invalid distance too far back") and say nothing to the caller: a
// JPEG whose scan is damaged decodes to junk with status 0, and stray lines land among
// our output. The two functions OpenCV creates its decoders with are defined here, in the
// executable, so the dynamic linker binds OpenCV's calls to these; each calls the
// library's own (found with dlsym, RTLD_NEXT) and then sets handlers that record the
// message for `cb_decode_bytes`, which reports it as a warning or in its error.
//
// Only handlers the caller left to the defaults are replaced: a library that sets its own
// (libtiff's JPEG codec, GTK loading icons) keeps them. Linux only (ELF symbol versions,
// dlvsym); elsewhere the libraries print as they always did and nothing is heard.
#include "bridge_internal.hpp"
#if defined(__linux__)
#include <cstdio>
#include <dlfcn.h>
extern "C" {
#include <jpeglib.h>
}
#include <csetjmp>

namespace {

/// The first message each library gave on this thread since `cb_codec_listen`.
thread_local std::string heardFromLibJPEG;
thread_local std::string heardFromLibPNG;

/// libjpeg's `output_message`: called for warnings (corrupt data it reads past) and,
/// with the default `error_exit`, for fatal errors (OpenCV replaces that one).
void recordJPEGMessage(j_common_ptr info) {
    char text[JMSG_LENGTH_MAX] = {0};
    (*info->err->format_message)(info, text);
    if (heardFromLibJPEG.empty()) heardFromLibJPEG = text;
}

/// Opaque to us: libpng's read struct, and its error callbacks' type.
using PNGStruct = void *;
using PNGMessage = void (*)(PNGStruct, const char *);

/// libpng's error callback must not return: the default one prints, then jumps back to
/// the caller's setjmp with `png_longjmp`; this one records, then jumps the same way.
void recordPNGError(PNGStruct png, const char *message) {
    if (heardFromLibPNG.empty()) heardFromLibPNG = message ? message : "";
    using LongJump = void (*)(PNGStruct, int);
    static LongJump longJump = reinterpret_cast<LongJump>(dlsym(RTLD_DEFAULT, "png_longjmp"));
    if (longJump) longJump(png, 1);
    std::abort();   // libpng is loaded (it called us), so png_longjmp is there
}

/// libpng's warnings (benign damage such as extra image data) are recorded, not printed.
void recordPNGWarning(PNGStruct, const char *message) {
    if (heardFromLibPNG.empty()) heardFromLibPNG = message ? message : "";
}

/// The library's own definition of `name`, the one these definitions stand in front of.
void *nextDefinition(const char *name, const char *version) {
    if (void *versioned = dlvsym(RTLD_NEXT, name, version)) return versioned;
    return dlsym(RTLD_NEXT, name);
}

} // namespace

extern "C" {

struct jpeg_error_mgr *jpeg_std_error(struct jpeg_error_mgr *err) {
    using Real = struct jpeg_error_mgr *(*)(struct jpeg_error_mgr *);
    static Real real = reinterpret_cast<Real>(nextDefinition("jpeg_std_error", "LIBJPEG_6.2"));
    if (!real) std::abort();   // called by a decoder that links libjpeg, so it is loaded
    struct jpeg_error_mgr *made = real(err);
    made->output_message = recordJPEGMessage;
    return made;
}

PNGStruct png_create_read_struct(const char *version, void *errorData, PNGMessage error, PNGMessage warning) {
    using Real = PNGStruct (*)(const char *, void *, PNGMessage, PNGMessage);
    static Real real = reinterpret_cast<Real>(nextDefinition("png_create_read_struct", "PNG16_0"));
    if (!real) std::abort();
    return real(version, errorData, error ? error : recordPNGError, warning ? warning : recordPNGWarning);
}

} // extern "C"

void cb_codec_listen() {
    heardFromLibJPEG.clear();
    heardFromLibPNG.clear();
}

std::string cb_jpeg_heard() { return heardFromLibJPEG; }
std::string cb_png_heard() { return heardFromLibPNG; }

#else
void cb_codec_listen() {}
std::string cb_jpeg_heard() { return ""; }
std::string cb_png_heard() { return ""; }
#endif
