"""Pages written in two sizes: a heading number 3-7 times as tall as the numbers under it
(or a total under them), in the handwriting fonts, photographed as handwriting_pages.py does.

Each page takes one font (cycling through handwriting_pages.FONTS), a body height of 20-32 px,
4-9 lines of 1-4 numbers of 1-6 digits, and a heading of 1-5 digits (not all 1s: a lone
streak reads as a 1, and a heading of 1s is not read) 3-7 times as tall, written above the
body (three pages in four) or under it as its total.

    two_size_pages.py OUT_DIR PAGES SEED

Writes OUT_DIR/photos/tNNNN.jpg and OUT_DIR/labels.csv in real-dev's format (source: "top" or
"total"), so ../shared/tools/score.py scores the two layouts apart with --by-source.
"""
import os
import random
import sys

from PIL import Image

from handwriting_pages import INKS, PAPERS, find_fonts, photograph, write_line


def number(r, lo, hi):
    return "".join(str(r.randint(0, 9)) for _ in range(r.randint(lo, hi)))


def main():
    out, pages, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    fonts = find_fonts()
    if not fonts:
        sys.exit("two_size_pages.py: none of the handwriting fonts is installed (see handwriting-fonts.sh)")
    os.makedirs(os.path.join(out, "photos"), exist_ok=True)
    r = random.Random(seed)
    spacing = (1.05, 1.3)
    with open(os.path.join(out, "labels.csv"), "w") as labels:
        labels.write("file,truth,kind,source,notes\n")
        for i in range(pages):
            font_path = fonts[i % len(fonts)]
            size = r.randint(20, 32)
            ratio = r.uniform(3, 7)
            big = int(size * ratio)
            heading = number(r, 1, 5)
            while set(heading) == {"1"}:
                heading = number(r, 1, 5)
            body = [" ".join(number(r, 1, 6) for _ in range(r.randint(1, 4))) for _ in range(r.randint(4, 9))]
            at_top = r.random() < 0.75
            width = int(max(200 + max(len(line) for line in body) * size * 0.75, 200 + len(heading) * big * 0.8))
            height = int(2.4 * big + 1.7 * size * len(body) + 160)
            page = Image.new("RGB", (width, height), r.choice(PAPERS))
            ink = r.choice(INKS)
            left = 60 + r.randint(0, 60)
            y = 60
            if at_top:
                write_line(page, font_path, big, heading, left + r.randint(0, big), y, ink, spacing, r)
                y += int(1.6 * big)
            for line in body:
                write_line(page, font_path, size, line, left, y, ink, spacing, r)
                y += int(1.7 * size)
            if not at_top:
                write_line(page, font_path, big, heading, left, y + int(0.3 * big), ink, spacing, r)
            name = f"t{i:04d}.jpg"
            photograph(page, r, seed * 100000 + i).save(os.path.join(out, "photos", name), quality=r.randint(75, 95))
            lines = [heading] + body if at_top else body + [heading]
            labels.write(f"photos/{name},{' '.join(lines)},photo,{'top' if at_top else 'total'},"
                         f"{os.path.basename(font_path)} body {size} px heading x{ratio:.1f}\n")


if __name__ == "__main__":
    main()
