// cbridge.h — the plain C API over OpenCV 4 that Swift imports.
//
// Rules of this boundary (see CBridge/README section in the project README):
// - No OpenCV type and no C++ exception crosses it. Every C++ exception is caught
//   inside the .cpp files and turned into a status code plus a message.
// - Every symbol is prefixed `cb_`. Images are opaque handles (`cb_image *`) created
//   by a `cb_..._create/read` call and released with `cb_image_free`.
// - Every call that can fail returns `cb_status` and, on failure, writes a
//   malloc'ed, NUL-terminated message to `*error` that the caller frees with
//   `cb_string_free`. `error` may be NULL when the caller does not want it.
#ifndef CBRIDGE_H
#define CBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CB_OK = 0,
    CB_ERR_ARGUMENT = 1,   // a bad parameter (null handle, bad size, ...)
    CB_ERR_IO = 2,         // a file could not be opened, read or written
    CB_ERR_DECODE = 3,     // the bytes are not an image OpenCV can decode
    CB_ERR_OPENCV = 4,     // OpenCV raised an exception
    CB_ERR_MEMORY = 5,     // an allocation failed
    CB_ERR_UNSUPPORTED = 6 // the operation is not available in this build
} cb_status;

/// Frees a message returned through an `error` out-parameter.
void cb_string_free(char *message);

#ifdef __cplusplus
}
#endif
#endif
