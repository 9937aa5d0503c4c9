"""Pages of numbers written in handwriting fonts, photographed: other writers than MNIST's.

Each page takes one font (cycling through FONTS), a size (digits 20-60 px tall), 1-3 lines of
1-3 numbers of 2-6 digits, each digit drawn on its own as a hand would vary it (size +-10%,
turned +-4 degrees, baseline +-3 px, advance times a factor drawn from SPACING), in one of four
inks on one of four papers, then lit unevenly (up to 35% darker across the page), blurred
(0-1 px), grained (noise sigma 0-5) and saved as JPEG (quality 70-95).

    handwriting_pages.py OUT_DIR PAGES SEED [SPACING]      SPACING "1.05,1.3" (apart, default)
                                                          or e.g. "0.95,1.1" (close, touching)

Writes OUT_DIR/photos/hNNNN.jpg and OUT_DIR/labels.csv in real-dev's format (source = the font
file), so ../shared/tools/score.py scores the reading per font with --by-source.
"""
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Handwriting fonts Debian packages (see handwriting-fonts.sh), by file name. Outlined and
# lined fonts (femkeklaver, Ecolier) are left out: nobody writes digits that way.
FONTS = [
    "dkg.ttf", "dkgBd.ttf", "dkgIt.ttf", "dkgBI.ttf",                      # fonts-dkg-handwriting
    "Breip.ttf", "breipfont.ttf",                                          # fonts-breip
    "BecauseWeBuild-Regular.otf", "BecauseWeConnect-Regular.otf",          # fonts-bwht
    "BecauseWeCreate-Regular.otf", "BecauseWeLearn-Regular.otf",
    "BecauseWeMentor-Regular.otf", "BecauseWeOrganize-Regular.otf",
    "Humor-Sans.ttf",                                                      # fonts-humor-sans
    "KleeOne-Regular.ttf", "KleeOne-SemiBold.ttf",                         # fonts-klee
    "Kristi.ttf",                                                          # fonts-kristi
    "Rufscript010.ttf",                                                    # fonts-rufscript
    "Delphine.ttf", "SteveHand.ttf",                                       # fonts-sjfonts
    "Purisa.ttf", "Purisa-Bold.ttf", "Purisa-Oblique.ttf", "Purisa-BoldOblique.ttf",  # fonts-tlwg-purisa-ttf
    "YuseiMagic-Regular.ttf",                                              # fonts-yusei-magic
    "ComicNeue-Regular.otf", "ComicNeue-Bold.otf", "ComicNeue-Italic.otf",  # fonts-comic-neue
    "ComicNeue-BoldItalic.otf", "ComicNeue-Light.otf", "ComicNeue-LightItalic.otf",
    "DancingScript-Regular.otf", "DancingScript-Bold.otf",                 # fonts-dancingscript
    "KaushanScript-Regular.otf",                                           # fonts-kaushanscript
    "setofont.ttf",                                                        # fonts-seto
]
FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.local/share/fonts")]
PAPERS = [(245, 245, 240), (235, 230, 215), (250, 225, 230), (225, 225, 225)]
INKS = [(20, 20, 20), (20, 30, 120), (60, 30, 110), (70, 70, 70)]


def find_fonts():
    """Full paths of the FONTS installed, in FONTS' order."""
    found = {}
    for root in FONT_DIRS:
        for folder, _, files in os.walk(root):
            for name in files:
                found.setdefault(name, os.path.join(folder, name))
    return [found[name] for name in FONTS if name in found]


def write_line(photo, font_path, size, line, x, y, ink, spacing, r):
    """Draws one line of digits one by one, each varied as a hand varies it."""
    for ch in line:
        if ch == " ":
            x += int(size * r.uniform(0.6, 1.2))
            continue
        glyph_font = ImageFont.truetype(font_path, int(size * r.uniform(0.9, 1.1)))
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size // 2, size // 4), ch, font=glyph_font, fill=255)
        glyph = glyph.rotate(r.uniform(-4, 4), resample=Image.BICUBIC)
        photo.paste(Image.new("RGB", glyph.size, ink), (x - size // 2, y + r.randint(-3, 3)), glyph)
        x += int(glyph_font.getlength(ch) * r.uniform(*spacing))


def photograph(page, r, seed):
    """Uneven light, blur and grain: the page as a phone sees it."""
    pixels = np.asarray(page).astype(np.float32)
    height, width = pixels.shape[:2]
    across = np.linspace(0, 1, width)[None, :, None] if r.random() < 0.5 else np.linspace(0, 1, height)[:, None, None]
    pixels *= 1 - r.uniform(0, 0.35) * across
    pixels += np.random.default_rng(seed).normal(0, r.uniform(0, 5), pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return photo.filter(ImageFilter.GaussianBlur(r.uniform(0, 1.0)))


def main():
    out, pages, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    spacing = tuple(float(v) for v in (sys.argv[4] if len(sys.argv) > 4 else "1.05,1.3").split(","))
    fonts = find_fonts()
    if not fonts:
        sys.exit("handwriting_pages.py: none of the handwriting fonts is installed (see handwriting-fonts.sh)")
    os.makedirs(os.path.join(out, "photos"), exist_ok=True)
    r = random.Random(seed)
    with open(os.path.join(out, "labels.csv"), "w") as labels:
        labels.write("file,truth,kind,source,notes\n")
        for i in range(pages):
            font_path = fonts[i % len(fonts)]
            size = r.choice([36, 48, 64, 80])
            lines = [" ".join("".join(str(r.randint(0, 9)) for _ in range(r.randint(2, 6))) for _ in range(r.randint(1, 3)))
                     for _ in range(r.randint(1, 3))]
            width = int(200 + max(len(line) for line in lines) * size * 0.75)
            height = int(260 + 1.6 * size * len(lines))
            page = Image.new("RGB", (width, height), r.choice(PAPERS))
            ink = r.choice(INKS)
            y = 80
            for line in lines:
                write_line(page, font_path, size, line, 60 + r.randint(0, 60), y, ink, spacing, r)
                y += int(1.6 * size)
            name = f"h{i:04d}.jpg"
            photograph(page, r, seed * 100000 + i).save(os.path.join(out, "photos", name), quality=r.randint(70, 95))
            labels.write(f"photos/{name},{' '.join(lines)},photo,{os.path.basename(font_path)},size {size}\n")


if __name__ == "__main__":
    main()
