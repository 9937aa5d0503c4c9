// Drawing in place: rectangles, translucent fills, lines, circles, text, pasting.
#include "bridge_internal.hpp"
#include <opencv2/imgproc.hpp>

namespace {
cv::Scalar colour(const cb_image *image, int b, int g, int r) {
    // On a grey image, draw the colour's luma.
    if (image->mat.channels() == 1) return cv::Scalar(0.114 * b + 0.587 * g + 0.299 * r);
    return cv::Scalar(b, g, r);
}
}

extern "C" {

cb_status cb_draw_rectangle(cb_image *image, int x, int y, int width, int height, int b, int g, int r, int thickness, char **error) {
    CB_REQUIRE(image, "cb_draw_rectangle: null image");
    return cb_guard(error, "draw_rectangle", [&] {
        cv::rectangle(image->mat, cv::Rect(x, y, width, height), colour(image, b, g, r), thickness, cv::LINE_AA);
        return CB_OK;
    });
}

cb_status cb_fill_rectangle(cb_image *image, int x, int y, int width, int height, int b, int g, int r, double alpha, char **error) {
    CB_REQUIRE(image, "cb_fill_rectangle: null image");
    return cb_guard(error, "fill_rectangle", [&] {
        cv::Rect box = cv::Rect(x, y, width, height) & cv::Rect(0, 0, image->mat.cols, image->mat.rows);
        if (box.area() <= 0) return CB_OK;
        cv::Mat region = image->mat(box);
        cv::Mat fill(region.size(), region.type(), colour(image, b, g, r));
        cv::addWeighted(fill, alpha, region, 1.0 - alpha, 0, region);
        return CB_OK;
    });
}

cb_status cb_draw_line(cb_image *image, int x0, int y0, int x1, int y1, int b, int g, int r, int thickness, char **error) {
    CB_REQUIRE(image && thickness > 0, "cb_draw_line: bad argument");
    return cb_guard(error, "draw_line", [&] {
        cv::line(image->mat, cv::Point(x0, y0), cv::Point(x1, y1), colour(image, b, g, r), thickness, cv::LINE_AA);
        return CB_OK;
    });
}

cb_status cb_draw_circle(cb_image *image, int cx, int cy, int radius, int b, int g, int r, int thickness, char **error) {
    CB_REQUIRE(image && radius >= 0, "cb_draw_circle: bad argument");
    return cb_guard(error, "draw_circle", [&] {
        cv::circle(image->mat, cv::Point(cx, cy), radius, colour(image, b, g, r), thickness, cv::LINE_AA);
        return CB_OK;
    });
}

cb_status cb_draw_text(cb_image *image, const char *text, int x, int y, double scale, int b, int g, int r, int thickness, char **error) {
    CB_REQUIRE(image && text && scale > 0 && thickness > 0, "cb_draw_text: bad argument");
    return cb_guard(error, "draw_text", [&] {
        cv::putText(image->mat, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, scale, colour(image, b, g, r), thickness, cv::LINE_AA);
        return CB_OK;
    });
}

cb_status cb_text_size(const char *text, double scale, int thickness, int *width, int *height, int *baseline, char **error) {
    CB_REQUIRE(text && width && height && baseline && scale > 0 && thickness > 0, "cb_text_size: bad argument");
    return cb_guard(error, "text_size", [&] {
        int base = 0;
        cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &base);
        *width = size.width; *height = size.height; *baseline = base;
        return CB_OK;
    });
}

cb_status cb_paste(cb_image *destination, const cb_image *source, int x, int y, char **error) {
    CB_REQUIRE(destination && source, "cb_paste: null argument");
    return cb_guard(error, "paste", [&] {
        cv::Mat src = source->mat;
        if (src.channels() != destination->mat.channels())
            cv::cvtColor(src, src, src.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGR2GRAY);
        cv::Rect target = cv::Rect(x, y, src.cols, src.rows) & cv::Rect(0, 0, destination->mat.cols, destination->mat.rows);
        if (target.area() <= 0) return CB_OK;
        src(cv::Rect(target.x - x, target.y - y, target.width, target.height)).copyTo(destination->mat(target));
        return CB_OK;
    });
}

} // extern "C"
