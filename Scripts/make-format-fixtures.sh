#!/usr/bin/env bash
# Makes the test pictures in the formats OpenCV cannot read, which the bridge reads through
# libheif, Poppler and giflib, in Tests/DigitVisionTests/Fixtures, from the project's own samples:
# - samples/phone-number.png as an iPhone stores a photo (HEIC), the same picture stored on
#   its side with HEIF's rotation box saying to turn it upright (as an iPhone held upright
#   records it), and as AVIF;
# - a scanner's two-page PDF of phone-number.png and notebook.png (150 dots an inch), and a
#   PDF whose one page is phone-number.png stored on its side, its /Rotate turning it upright,
#   one that asks for a password to be opened, and one whose page is a strip 1e7 by 0.01 points;
# - phone-number.png as white ink on a transparent ground, as HEIC;
# - phone-number.png as an interlaced GIF, as a GIF whose ground is its transparent colour,
#   as one whose white (within 5%) was made transparent,
#   and as the first frame of a two-frame animation whose second frame is notebook.png.
# Needs libheif's tools and headers, ImageMagick, and Python with Pillow and pypdf:
#   apt-get install libheif-examples libheif-dev imagemagick gcc python3-pil; pip install pypdf
# Run from the repository root: Scripts/make-format-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=Tests/DigitVisionTests/Fixtures
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# heif-enc cannot record an orientation; libheif's encoder can (heif_encoding_options'
# image_orientation, EXIF numbering: 6 = turn 90 degrees clockwise to view).
cat > "$work/heic_turned.c" <<'C'
#include <libheif/heif.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {   /* heic_turned IN.ppm ORIENTATION QUALITY OUT.heic */
    if (argc != 5) return 2;
    FILE *in = fopen(argv[1], "rb");
    int w, h, maxval;
    if (!in || fscanf(in, "P6 %d %d %d", &w, &h, &maxval) != 3 || maxval != 255) return 1;
    fgetc(in);
    struct heif_image *image;
    heif_image_create(w, h, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image);
    heif_image_add_plane(image, heif_channel_interleaved, w, h, 8);
    int stride;
    unsigned char *plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
    for (int y = 0; y < h; y++)
        if (fread(plane + (size_t)y * stride, 1, (size_t)w * 3, in) != (size_t)w * 3) return 1;
    struct heif_context *context = heif_context_alloc();
    struct heif_encoder *encoder;
    heif_context_get_encoder_for_format(context, heif_compression_HEVC, &encoder);
    heif_encoder_set_lossy_quality(encoder, atoi(argv[3]));
    struct heif_encoding_options *options = heif_encoding_options_alloc();
    options->image_orientation = (enum heif_orientation)atoi(argv[2]);
    struct heif_error e = heif_context_encode_image(context, image, encoder, options, NULL);
    if (e.code == heif_error_Ok) e = heif_context_write_to_file(context, argv[4]);
    if (e.code != heif_error_Ok) { fprintf(stderr, "%s\n", e.message); return 1; }
    return 0;
}
C
gcc -O1 -o "$work/heic_turned" "$work/heic_turned.c" -lheif
heif-enc -q 60 -o "$fixtures/phone-number.heic" samples/phone-number.png
heif-enc -q 60 --avif -o "$fixtures/phone-number.avif" samples/phone-number.png
# White ink on a transparent ground (a drawing app's export): the ink's darkness as alpha.
convert samples/phone-number.png -colorspace Gray -negate "$work/alpha.png"
convert -size 720x240 xc:white "$work/alpha.png" -alpha off -compose CopyOpacity -composite "$work/white-on-clear.png"
heif-enc -q 60 -o "$fixtures/phone-number-white-on-clear.heic" "$work/white-on-clear.png"
# Stored turned a quarter counter-clockwise, to be turned a quarter clockwise to view.
convert samples/phone-number.png -rotate -90 "$work/on-its-side.ppm"
"$work/heic_turned" "$work/on-its-side.ppm" 6 60 "$fixtures/phone-number-held-upright.heic"
python3 - "$fixtures" <<'PY'
import io, sys
from PIL import Image
import pypdf
fixtures = sys.argv[1]
phone = Image.open("samples/phone-number.png").convert("RGB")
notebook = Image.open("samples/notebook.png").convert("RGB")
phone.save(f"{fixtures}/two-page-scan.pdf", save_all=True, append_images=[notebook], resolution=150)
# Stored turned a quarter counter-clockwise; the page's /Rotate 90 turns it upright.
stored = io.BytesIO()
phone.rotate(90, expand=True).save(stored, format="PDF", resolution=150)
page = pypdf.PdfReader(io.BytesIO(stored.getvalue())).pages[0]
page.rotate(90)
writer = pypdf.PdfWriter()
writer.add_page(page)
writer.write(f"{fixtures}/page-turned-by-its-pdf.pdf")
# A page 10 million points wide and a hundredth of a point high: no sheet, but it must not be
# drawn 41 million pixels long.
strip = pypdf.PdfWriter()
strip.add_page(pypdf.PdfReader(f"{fixtures}/two-page-scan.pdf").pages[0])
strip.pages[0].mediabox = pypdf.generic.RectangleObject([0, 0, 1e7, 0.01])
strip.write(f"{fixtures}/strip-page.pdf")
# A scan saved with a password to open it.
locked = pypdf.PdfWriter()
locked.add_page(pypdf.PdfReader(f"{fixtures}/two-page-scan.pdf").pages[0])
locked.encrypt("secret", algorithm="RC4-128")
locked.write(f"{fixtures}/scan-with-a-password.pdf")
PY
convert samples/phone-number.png -interlace GIF "$fixtures/phone-number.gif"
# Its white made the transparent colour, as a picture cut out for the web is: the grey fringes
# of the strokes and the paper's texture stay opaque.
convert samples/phone-number.png -fuzz 5% -transparent white "$fixtures/phone-number-white-made-clear.gif"
python3 - "$fixtures" <<'PY'
import sys
from PIL import Image
fixtures = sys.argv[1]
phone = Image.open("samples/phone-number.png").convert("L")
# Ink in 16 greys, the paper the transparent colour (index 16).
ink = phone.point(lambda v: 16 if v > 160 else v // 16).convert("P")
ink.putpalette([g * 17 for g in range(16) for _ in range(3)] + [255, 255, 255])
ink.save(f"{fixtures}/phone-number-on-clear.gif", transparency=16)
notebook = Image.open("samples/notebook.png").convert("RGB").resize(phone.size)
phone.convert("RGB").save(f"{fixtures}/phone-number-animated.gif", save_all=True, append_images=[notebook], duration=500, loop=0)
PY
