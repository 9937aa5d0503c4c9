#!/usr/bin/env python3
"""Copies of every real-dev photo turned a little and shrunk, finer steps than
Benchmarks/robustness.sh makes: turned -20, -12.5, -7.5, -2.5, 2.5, 7.5, 12.5 and 20 degrees
(counter-clockwise positive, onto a canvas holding all of it, the corners filled with the
photo's mean colour, bilinear) and shrunk to 60% and 80% (area averaging). A cheque's joined
zeros or a flagged 1 can read right as taken and wrong two degrees off; one picture at each
of ten small changes shows how firmly each is read. Used by Benchmarks/regression.sh.

usage: jitter_copies.py SRC_PHOTOS_DIR OUT_ROOT
Writes OUT_ROOT/<variant>/photos/<same file name> (variants turned-ccw2.5, turned-cw2.5, ...,
shrunk60, shrunk80) (JPEG inputs as JPEG q95, others as PNG).
Needs numpy and OpenCV's Python module (`pip install numpy opencv-python-headless`).
"""
import math
import os
import sys

import cv2
import numpy as np

TURNS = [-20, -12.5, -7.5, -2.5, 2.5, 7.5, 12.5, 20]
SHRINKS = [0.6, 0.8]


def turned(image, degrees):
    """`image` turned by `degrees` counter-clockwise onto a canvas that holds all of it."""
    h, w = image.shape[:2]
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    nw, nh = math.ceil(abs(w * c) + abs(h * s)), math.ceil(abs(w * s) + abs(h * c))
    matrix = np.array([[c, s, (nw - 1) / 2 - c * (w - 1) / 2 - s * (h - 1) / 2],
                       [-s, c, (nh - 1) / 2 + s * (w - 1) / 2 - c * (h - 1) / 2]])
    mean = [int(v) for v in image.reshape(-1, image.shape[2]).mean(0)]
    return cv2.warpAffine(image, matrix, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=mean)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    # Named by the way they turn (ccw: counter-clockwise; robustness.sh's tilt+N turns clockwise).
    variants = {f"turned-{'ccw' if d > 0 else 'cw'}{abs(d):g}": (lambda im, d=d: turned(im, d)) for d in TURNS}
    for f in SHRINKS:
        variants[f"shrunk{int(f * 100)}"] = lambda im, f=f: cv2.resize(
            im, (max(1, int(im.shape[1] * f)), max(1, int(im.shape[0] * f))), interpolation=cv2.INTER_AREA)
    for name in variants:
        os.makedirs(os.path.join(out, name, "photos"), exist_ok=True)
    for file in sorted(os.listdir(src)):
        image = cv2.imread(os.path.join(src, file), cv2.IMREAD_COLOR)
        if image is None:
            sys.exit(f"jitter_copies.py: {file}: not an image")
        jpeg = file.lower().endswith((".jpg", ".jpeg"))
        for name, change in variants.items():
            copy = change(image)
            ok, data = cv2.imencode(".jpg" if jpeg else ".png", copy, [cv2.IMWRITE_JPEG_QUALITY, 95] if jpeg else [])
            if not ok:
                sys.exit(f"jitter_copies.py: {file}: could not encode the {name} copy")
            path = os.path.join(out, name, "photos", file)
            with open(path + ".tmp", "wb") as handle:
                handle.write(data.tobytes())
            os.replace(path + ".tmp", path)


main()
