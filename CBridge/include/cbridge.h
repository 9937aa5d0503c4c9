// cbridge.h — the plain C API over OpenCV 4 that Swift imports.
//
// Rules of this boundary:
// - No OpenCV type and no C++ exception crosses it: every C++ exception is caught inside
//   the .cpp files and turned into a status code and a message.
// - Every symbol is prefixed `cb_`. Images are opaque handles (`cb_image *`), created by
//   the calls that return one through an `out` parameter and released with `cb_image_free`.
//   Swift wraps each in a final class that frees it in deinit.
// - Every call that can fail returns a `cb_status`; on failure it stores a malloc'ed,
//   NUL-terminated message in `*error` (when `error` is not NULL) that the caller frees with
//   `cb_string_free`. On failure no `out` handle is produced.
// - Buffers returned through `out` parameters (`cb_components`, `cb_contours`, encoded
//   bytes) belong to the caller and are freed with their own `_free` call. Pointers returned
//   by accessors (`cb_image_data`) are borrowed: valid while the image lives, not freed.
#ifndef CBRIDGE_H
#define CBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CB_OK = 0,
    CB_ERR_ARGUMENT = 1,    // a bad parameter (null handle, bad size, wrong channel count)
    CB_ERR_IO = 2,          // a file could not be opened, read or written
    CB_ERR_DECODE = 3,      // the bytes are not an image OpenCV can decode, or are truncated
    CB_ERR_TOO_LARGE = 4,   // the image's declared size exceeds the pixel limit
    CB_ERR_OPENCV = 5,      // OpenCV raised an exception
    CB_ERR_MEMORY = 6,      // an allocation failed
    CB_ERR_UNAVAILABLE = 7  // a device, stream or display could not be opened
} cb_status;

/// Frees a message returned through an `error` out-parameter.
void cb_string_free(char *message);
/// What the last successful read or decode on this thread warns of (a TIFF whose picture
/// data is corrupt, read as far as it decodes), as a message naming the file; NULL when
/// nothing. Taking it clears it. Free with `cb_string_free`.
char *cb_take_decode_warning(void);

/// Threads OpenCV's own parallel loops may use (1 = none). DigitLens parallelizes over images
/// and samples itself; OpenCV's pool spinning on the same two cores would only slow it.
void cb_set_opencv_threads(int count);

/// 1 when the CPU can run what the release build of DigitLens's Swift libraries was compiled
/// for: on x86-64, AVX2 and FMA (see Package.swift); always 1 on other architectures.
int cb_cpu_supports_build(void);

// MARK: Partial writes

/// Every file DigitLens writes goes first to a hidden temporary beside it and is renamed into
/// place. The temporary's name, in the folder of `target`: `.digitlens-partial-<pid>-<n>@<host>`
/// (short, so a long target name still has room; hidden, so a folder walk never reads it; no
/// user's file is named so). Free with `cb_string_free`; NULL when out of memory.
char *cb_partial_path(const char *target);
/// Whether the file name `name` is such a temporary: 1 when this host's process that wrote it
/// is gone (a run killed mid-write; it may be removed), 0 when that process runs, 2 when
/// another host wrote it (a node of a cluster sharing the folder, whose processes cannot be
/// looked up here), -1 when it is no such name.
int cb_partial_owner(const char *name);

// MARK: Images

/// An 8-bit image with 1 (grey) or 3 (BGR) interleaved channels, rows `stride` bytes apart.
typedef struct cb_image cb_image;

/// Largest image the decoders accept, in pixels (width x height): 120 megapixels.
#define CB_MAX_IMAGE_PIXELS 120000000LL

/// Largest file `cb_image_read` reads, in bytes: 1 GiB (a device or a huge file of something
/// else fails with CB_ERR_TOO_LARGE instead of filling memory).
#define CB_MAX_FILE_BYTES (1ULL << 30)
/// The same for a pipe or device, which has no size to check before reading: 256 MiB.
#define CB_MAX_STREAM_BYTES (1ULL << 28)

/// Reads an image file: every format OpenCV decodes, EXIF orientation applied; HEIC and AVIF
/// (libheif), turned as their rotation box says; a PDF's first page (Poppler, 300 dots an
/// inch). 16-bit images are scaled to 8 bits; an alpha channel is composited over white (over black
/// when the opaque pixels are light strokes on a clear ground, as a logo or a drawing). The
/// result is 3-channel BGR, or 1-channel when `grayscale` is non-zero.
cb_status cb_image_read(const char *path, int grayscale, cb_image **out, char **error);
/// How many pages the image file holds: more than 1 only for a multi-page TIFF or PDF (a
/// scanner's stack of sheets); 1 for every other file, and for one that cannot be looked into (reading
/// it reports why).
int cb_image_page_count(const char *path);
/// Reads page `page` (0-based) of an image file, as `cb_image_read` reads the file (page 0 is
/// exactly that).
cb_status cb_image_read_page(const char *path, int page, int grayscale, cb_image **out, char **error);
/// The same from encoded bytes in memory (`name` is used in messages only; may be NULL); a
/// multi-page TIFF's or a PDF's first page, with a warning (`cb_take_decode_warning`) saying
/// how many pages the rest are.
cb_status cb_image_decode(const uint8_t *bytes, size_t length, const char *name, int grayscale, cb_image **out, char **error);
/// A new image; copies `pixels` (rows `stride` bytes apart) when not NULL, else zero-filled.
cb_status cb_image_create(int width, int height, int channels, const uint8_t *pixels, size_t stride, cb_image **out, char **error);
void cb_image_free(cb_image *image);
int cb_image_width(const cb_image *image);
int cb_image_height(const cb_image *image);
int cb_image_channels(const cb_image *image);
size_t cb_image_stride(const cb_image *image);
/// Borrowed pointer to the first pixel; valid while the image lives.
uint8_t *cb_image_data(cb_image *image);
/// Writes the image; the format follows the extension (.png, .jpg, ...). The file is
/// written to a temporary name beside `path` and renamed, so readers never see half a file.
cb_status cb_image_write(const cb_image *image, const char *path, int jpeg_quality, char **error);
/// Encodes to memory (`extension` like ".png"); free `*bytes` with `cb_bytes_free`.
cb_status cb_image_encode(const cb_image *image, const char *extension, uint8_t **bytes, size_t *length, char **error);
void cb_bytes_free(uint8_t *bytes);

// MARK: Colour, geometry, filters (each returns a new image through `out`)

/// BGR to grey (luma); a grey image is copied.
cb_status cb_to_gray(const cb_image *image, cb_image **out, char **error);
/// Grey to BGR; a BGR image is copied.
cb_status cb_to_bgr(const cb_image *image, cb_image **out, char **error);
/// One channel (0 = B, 1 = G, 2 = R) of a BGR image.
cb_status cb_extract_channel(const cb_image *image, int channel, cb_image **out, char **error);

typedef enum { CB_INTER_NEAREST = 0, CB_INTER_LINEAR = 1, CB_INTER_AREA = 3, CB_INTER_CUBIC = 2 } cb_interpolation;
cb_status cb_resize(const cb_image *image, int width, int height, cb_interpolation interpolation, cb_image **out, char **error);
/// Affine warp with the 2x3 row-major matrix `m` (destination = m · source); outside pixels
/// are `border_value`.
cb_status cb_warp_affine(const cb_image *image, const double m[6], int width, int height, int border_value, cb_image **out, char **error);
/// Perspective warp with the 3x3 row-major matrix `m`.
cb_status cb_warp_perspective(const cb_image *image, const double m[9], int width, int height, int border_value, cb_image **out, char **error);
/// The 3x3 perspective matrix taking the 4 source points to the 4 destination points
/// (x, y pairs), written to `m`.
cb_status cb_perspective_transform(const double source[8], const double destination[8], double m[9], char **error);
cb_status cb_gaussian_blur(const cb_image *image, int kernel_size, double sigma, cb_image **out, char **error);
cb_status cb_median_blur(const cb_image *image, int kernel_size, cb_image **out, char **error);
/// Focus measure of a frame, independent of its brightness and contrast: the variance of the
/// Laplacian over the variance of the grey levels, at half resolution. Blur lowers it many
/// times; 0 for a uniform picture.
cb_status cb_focus_measure(const cb_image *image, double *focus, char **error);

// MARK: Thresholds and morphology (grey images)

/// Otsu's threshold; ink (dark) becomes 255 when `invert` is non-zero. The chosen level is
/// written to `level` when not NULL.
cb_status cb_threshold_otsu(const cb_image *gray, int invert, cb_image **out, double *level, char **error);
/// Fixed threshold: pixels > level become 255 (or <= level when `invert`).
cb_status cb_threshold(const cb_image *gray, double level, int invert, cb_image **out, char **error);
/// Gaussian-weighted adaptive threshold over `block_size` neighbourhoods, offset `c`.
cb_status cb_threshold_adaptive(const cb_image *gray, int block_size, double c, int invert, cb_image **out, char **error);

typedef enum { CB_MORPH_ERODE = 0, CB_MORPH_DILATE = 1, CB_MORPH_OPEN = 2, CB_MORPH_CLOSE = 3 } cb_morph_op;
typedef enum { CB_SHAPE_RECT = 0, CB_SHAPE_CROSS = 1, CB_SHAPE_ELLIPSE = 2 } cb_morph_shape;
cb_status cb_morphology(const cb_image *image, cb_morph_op op, cb_morph_shape shape, int kernel_width, int kernel_height,
                        int iterations, cb_image **out, char **error);

// MARK: Connected components and contours

typedef struct {
    int x, y, width, height; // bounding box
    int area;                // pixel count
    double cx, cy;           // centroid
} cb_component;

/// Connected components of the non-zero pixels of a binary image (`connectivity` 4 or 8).
/// Component 0 is the background. `*labels` receives width*height int32 labels (row-major),
/// `*components` the `*count` component records; free both with `cb_components_free`.
cb_status cb_connected_components(const cb_image *binary, int connectivity, int32_t **labels, cb_component **components,
                                  int *count, char **error);
void cb_components_free(int32_t *labels, cb_component *components);

/// Outer contours of a binary image: `*points` holds x,y pairs of all contours one after
/// another, `*lengths` the point count of each of the `*count` contours. Free with
/// `cb_contours_free`.
cb_status cb_find_contours(const cb_image *binary, int32_t **points, int32_t **lengths, int *count, char **error);
void cb_contours_free(int32_t *points, int32_t *lengths);
/// Polygon approximation (Douglas–Peucker) of a closed contour; writes at most `capacity`
/// x,y pairs to `out_points` and their number to `*out_count`.
cb_status cb_approx_polygon(const int32_t *points, int length, double epsilon, int32_t *out_points, int capacity,
                            int *out_count, char **error);

// MARK: Drawing (in place, on a BGR or grey image; colours are B, G, R)

cb_status cb_draw_rectangle(cb_image *image, int x, int y, int width, int height, int b, int g, int r, int thickness, char **error);
/// Blends a filled rectangle over the image: pixel = (1 − alpha)·pixel + alpha·colour.
cb_status cb_fill_rectangle(cb_image *image, int x, int y, int width, int height, int b, int g, int r, double alpha, char **error);
cb_status cb_draw_line(cb_image *image, int x0, int y0, int x1, int y1, int b, int g, int r, int thickness, char **error);
cb_status cb_draw_circle(cb_image *image, int cx, int cy, int radius, int b, int g, int r, int thickness, char **error);
/// Text with its baseline's left end at (x, y), Hershey simplex font, anti-aliased.
cb_status cb_draw_text(cb_image *image, const char *text, int x, int y, double scale, int b, int g, int r, int thickness, char **error);
/// Size of `text` as `cb_draw_text` would draw it.
cb_status cb_text_size(const char *text, double scale, int thickness, int *width, int *height, int *baseline, char **error);
/// Copies `source` into `destination` with its top-left corner at (x, y), clipped.
cb_status cb_paste(cb_image *destination, const cb_image *source, int x, int y, char **error);

// MARK: Video capture and writing

/// A video source: a camera (V4L2 index), a video file, an image-sequence pattern
/// (`frames/%04d.png`) or a stream URL.
typedef struct cb_capture cb_capture;

/// Opens camera `index`, asking for `width`x`height` at `fps` (0 = the camera's default).
cb_status cb_capture_open_device(int index, int width, int height, double fps, cb_capture **out, char **error);
/// Opens a video file, image-sequence pattern or stream URL. A file or pattern must yield a
/// first frame (kept for the first read), else CB_ERR_DECODE: OpenCV opens any file named
/// like an image as a one-picture sequence, text or not. OpenCV's, FFmpeg's and GStreamer's
/// own messages are silenced; the returned message is the one report.
cb_status cb_capture_open_path(const char *path, cb_capture **out, char **error);
void cb_capture_free(cb_capture *capture);
/// Reads the next frame as 3-channel BGR. At the end of a file (or when a stream stops)
/// returns CB_OK with `*out` NULL.
cb_status cb_capture_read(cb_capture *capture, cb_image **out, char **error);
/// Frames per second the source reports (0 when unknown, as for an image sequence), and its
/// frame count (-1 for live).
double cb_capture_fps(const cb_capture *capture);
long long cb_capture_frame_count(const cb_capture *capture);
/// 1 for a live source: a camera, or a stream URL (RTSP, an MJPEG feed). A video file served
/// over HTTP reports its frames and counts as a file: it ends rather than drops.
int cb_capture_is_live(const cb_capture *capture);

typedef struct cb_writer cb_writer;
/// Opens a video file for writing (codec from the extension: .mp4 → mp4v, .avi → MJPG).
cb_status cb_writer_open(const char *path, double fps, int width, int height, cb_writer **out, char **error);
/// Appends a frame (resized to the writer's size if needed).
cb_status cb_writer_write(cb_writer *writer, const cb_image *frame, char **error);
void cb_writer_free(cb_writer *writer);

// MARK: Windows (OpenCV highgui)

typedef struct cb_window cb_window;
typedef enum { CB_MOUSE_MOVE = 0, CB_MOUSE_DOWN = 1, CB_MOUSE_UP = 2 } cb_mouse_kind;
typedef struct { cb_mouse_kind kind; int x, y; int left_down; } cb_mouse_event;

/// Checks that a window can be opened: DISPLAY is set and an X server answers there (Qt's
/// xcb platform aborts the process when it cannot connect, so this is tried first). A Qt
/// platform other than xcb (QT_QPA_PLATFORM=offscreen, wayland) or a Wayland session is
/// trusted as it is. Fails with CB_ERR_UNAVAILABLE naming the display and the problem.
cb_status cb_display_check(char **error);
/// Opens a window without Qt's toolbar and status bar (WINDOW_GUI_NORMAL | WINDOW_AUTOSIZE),
/// so image pixels map one to one onto window coordinates. Fails with CB_ERR_UNAVAILABLE when
/// there is no display (cb_display_check).
cb_status cb_window_open(const char *title, cb_window **out, char **error);
void cb_window_free(cb_window *window);
cb_status cb_window_show(cb_window *window, const cb_image *image, char **error);
/// Processes window events for up to `milliseconds` (at least 1) and returns the key pressed,
/// or -1.
int cb_window_wait_key(cb_window *window, int milliseconds);
/// Moves up to `capacity` queued mouse events into `events`; returns how many.
int cb_window_take_mouse_events(cb_window *window, cb_mouse_event *events, int capacity);
/// Whether the user closed the window.
int cb_window_closed(cb_window *window);

#ifdef __cplusplus
}
#endif
#endif
