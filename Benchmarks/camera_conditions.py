#!/usr/bin/env python3
"""Copies of every real-dev photo under phone-camera conditions that Benchmarks/robustness.sh
does not make: vignetting, hard shadows, colour casts, sensor noise and low light, motion blur,
enlargement, uneven paper, glare, turning, side light, haze, over-sharpening, bleed-through,
coloured paper, a thumb in the frame. Used by Benchmarks/camera-conditions.sh.

usage: camera_conditions.py SRC_PHOTOS_DIR OUT_ROOT [CONDITION ...]
Writes OUT_ROOT/<condition>/photos/<same file name>. Deterministic (seeded by file name).
JPEG inputs are written back as JPEG q95 (see the `reencode` control), PNG inputs as PNG.
Needs numpy and OpenCV's Python module (`pip install numpy opencv-python-headless`).
"""
import os
import sys
import zlib

import cv2
import numpy as np


def rng_for(name, salt):
    return np.random.default_rng(zlib.crc32((name + "/" + salt).encode()))


def clip(a):
    return np.clip(a, 0, 255).astype(np.uint8)


def radial(h, w):
    """distance from the centre, 1.0 at the corners"""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    cy, cx = (h - 1) / 2, (w - 1) / 2
    return np.sqrt((x - cx) ** 2 + (y - cy) ** 2) / np.sqrt(cx ** 2 + cy ** 2)


def vignette(img, corner):
    h, w = img.shape[:2]
    r = radial(h, w)
    f = 1 - (1 - corner) * r ** 2          # 1 in the centre, `corner` at the corners
    return clip(img * f[..., None])


def shadow(img, kind, level=0.45):
    """hard-edged polygon shadow, darkened to `level`, edge blurred ~1% of the diagonal"""
    h, w = img.shape[:2]
    mask = np.zeros((h, w), np.float32)
    if kind == "right":      # a phone held from the right: slanted edge through the text
        pts = [(0.62 * w, -1), (w + 1, -1), (w + 1, h + 1), (0.42 * w, h + 1)]
    elif kind == "corner":   # a hand/arm from the lower left: triangle over ~1/3 of the page
        pts = [(-1, 0.25 * h), (0.55 * w, h + 1), (-1, h + 1)]
    else:                    # a pen / finger shadow: diagonal band ~15% wide across the text
        pts = [(0.30 * w, -1), (0.45 * w, -1), (0.70 * w, h + 1), (0.55 * w, h + 1)]
    cv2.fillPoly(mask, [np.array(pts, np.int32)], 1.0)
    s = max(0.8, 0.006 * np.hypot(h, w))
    mask = cv2.GaussianBlur(mask, (0, 0), s)
    f = 1 - (1 - level) * mask
    return clip(img * f[..., None])


def cast(img, bgr_gain):
    return clip(img * np.array(bgr_gain, np.float32)[None, None, :])


def jpeg(img, q):
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def lowlight(img, name, gain, sigma):
    # exposure cut, then sensor noise (luma + some chroma), then the phone's JPEG
    rng = rng_for(name, "lowlight")
    dark = img * gain
    h, w = img.shape[:2]
    luma = rng.normal(0, sigma, (h, w, 1))
    chroma = rng.normal(0, sigma * 0.6, (h, w, 3))
    return jpeg(clip(dark + luma + chroma), 60)


def motion(img, length, angle):
    k = np.zeros((length, length), np.float32)
    c = (length - 1) / 2
    if angle == 0:
        k[int(c), :] = 1
    else:
        for i in range(length):
            k[i, i] = 1
    k /= k.sum()
    return cv2.filter2D(img.astype(np.float32), -1, k, borderType=cv2.BORDER_REPLICATE)


def upscale(img, long_side):
    h, w = img.shape[:2]
    s = long_side / max(h, w)
    return cv2.resize(img, (round(w * s), round(h * s)), interpolation=cv2.INTER_CUBIC)


def smooth_field(h, w, rng, cells, lo, hi):
    """low-frequency random illumination field in [lo, hi]"""
    gh = max(2, int(round(cells * h / max(h, w))) + 1)
    gw = max(2, int(round(cells * w / max(h, w))) + 1)
    g = rng.random((gh, gw)).astype(np.float32)
    f = cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)
    f = (f - f.min()) / max(1e-6, f.max() - f.min())
    return lo + (hi - lo) * f


def texture(img, name, cells, lo):
    h, w = img.shape[:2]
    f = smooth_field(h, w, rng_for(name, "texture%d" % cells), cells, lo, 1.0)
    return clip(img * f[..., None])


def glare(img, peak, cx=0.42, cy=0.45, size=0.22):
    """soft specular highlight: blend towards white with a Gaussian weight"""
    h, w = img.shape[:2]
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    s = size * min(h, w) if min(h, w) > 0.35 * max(h, w) else size * max(h, w) * 0.5
    g = np.exp(-(((x - cx * w) ** 2) / (2 * (1.3 * s) ** 2) + ((y - cy * h) ** 2) / (2 * s ** 2)))
    a = (peak * g)[..., None]
    return clip(img * (1 - a) + 255 * a)


def side_light(img, lo):
    """linear lighting gradient: left edge at 100%, right edge at `lo`"""
    h, w = img.shape[:2]
    f = np.linspace(1.0, lo, w, dtype=np.float32)[None, :, None]
    return clip(img * f)


def washed(img):
    """over-exposed / hazy: contrast squeezed into the top of the range"""
    return clip(110 + img * (145 / 255.0))


def oversharpen(img):
    """phone post-processing: strong unsharp mask (halos round strokes)"""
    b = cv2.GaussianBlur(img.astype(np.float32), (0, 0), 2.0)
    return clip(img + 1.5 * (img - b))


def bleed(img):
    """ink from the back of the sheet showing through: mirrored page, faint"""
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY).astype(np.float32)
    paper = np.percentile(g, 90)
    ink = np.clip((paper - g) / max(1.0, paper), 0, 1)     # 1 where dark ink
    back = cv2.GaussianBlur(ink[:, ::-1], (0, 0), 1.2)    # mirrored, softened
    back = np.roll(back, img.shape[0] // 7, axis=0)       # not aligned with the front
    return clip(img * (1 - 0.30 * back)[..., None])


def coloured_paper(img, bgr):
    """coloured paper: the paper's colour multiplies the page (ink stays dark)"""
    return clip(img * (np.array(bgr, np.float32) / 255.0)[None, None, :])


def thumb(img):
    """a thumb holding the page: skin-coloured ellipse into the frame from the bottom edge"""
    h, w = img.shape[:2]
    out = img.copy()
    mask = np.zeros((h, w), np.float32)
    cv2.ellipse(mask, (int(0.78 * w), h), (max(2, int(0.09 * max(h, w))), max(2, int(0.22 * h))),
                -15, 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), max(0.8, 0.004 * np.hypot(h, w)))[..., None]
    skin = np.array([120, 150, 205], np.float32)          # BGR, shaded skin
    yy = np.linspace(0.7, 1.0, h, dtype=np.float32)[:, None, None]
    return clip(out * (1 - mask) + skin * yy * mask)


VARIANTS = {
    "reencode": lambda im, n: im,
    "vignette50": lambda im, n: vignette(im, 0.50),
    "vignette25": lambda im, n: vignette(im, 0.25),
    "shadow-right": lambda im, n: shadow(im, "right"),
    "shadow-corner": lambda im, n: shadow(im, "corner"),
    "shadow-band": lambda im, n: shadow(im, "band"),
    "shadow-right30": lambda im, n: shadow(im, "right", 0.30),
    "cast-tungsten": lambda im, n: cast(im, (0.45, 0.78, 1.0)),
    "cast-cool": lambda im, n: cast(im, (1.0, 0.88, 0.62)),
    "cast-green": lambda im, n: cast(im, (0.72, 1.0, 0.70)),
    "iso-noise": lambda im, n: lowlight(im, n, 1.0, 10),
    "lowlight": lambda im, n: lowlight(im, n, 0.40, 8),
    "lowlight-hard": lambda im, n: lowlight(im, n, 0.28, 14),
    "motion-h5": lambda im, n: motion(im, 5, 0),
    "motion-h9": lambda im, n: motion(im, 9, 0),
    "motion-d7": lambda im, n: motion(im, 7, 45),
    "upscale4000": lambda im, n: upscale(im, 4000),
    "texture": lambda im, n: texture(im, n, 6, 0.75),
    "crumpled": lambda im, n: texture(im, n, 16, 0.70),
    "glare50": lambda im, n: glare(im, 0.50),
    "glare70": lambda im, n: glare(im, 0.70),
    "glare90": lambda im, n: glare(im, 0.90),
    "rot180": lambda im, n: cv2.rotate(im, cv2.ROTATE_180),
    "rot90": lambda im, n: cv2.rotate(im, cv2.ROTATE_90_CLOCKWISE),
    "side-light40": lambda im, n: side_light(im, 0.40),
    "washed-out": lambda im, n: washed(im),
    "oversharpen": lambda im, n: oversharpen(im),
    "bleed-through": lambda im, n: bleed(im),
    "paper-yellow": lambda im, n: coloured_paper(im, (120, 225, 250)),
    "paper-pink": lambda im, n: coloured_paper(im, (215, 180, 250)),
    "thumb": lambda im, n: thumb(im),
}


def main():
    src, out = sys.argv[1], sys.argv[2]
    wanted = sys.argv[3:] or list(VARIANTS)
    names = sorted(os.listdir(src))
    for v in wanted:
        d = os.path.join(out, v, "photos")
        os.makedirs(d, exist_ok=True)
        for n in names:
            im = cv2.imread(os.path.join(src, n), cv2.IMREAD_COLOR)
            res = VARIANTS[v](im.astype(np.float32), n)
            res = clip(np.round(res)) if res.dtype != np.uint8 else res
            p = os.path.join(d, n)
            if n.lower().endswith((".jpg", ".jpeg")):
                cv2.imwrite(p, res, [cv2.IMWRITE_JPEG_QUALITY, 95])
            else:
                cv2.imwrite(p, res)


main()
