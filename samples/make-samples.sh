#!/usr/bin/env bash
# Makes the sample images in this folder from MNIST test digits (needs a built digitlens and
# the MNIST files: --data or ../shared/data/mnist), then the annotated versions the README
# shows. Run from the repository root: samples/make-samples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${DIGITLENS:-.build/release/digitlens}
data=${MNIST_DIR:-../shared/data/mnist}
"$bin" synthesize "2024 1107|365 42 8" --out samples/notebook.png --data "$data" --seed 7 --force \
    --ruled --tilt 9 --paper 250,246,205 --ink 25,35,140
"$bin" synthesize "31415 9265|3589 79" --out samples/shadow.jpg --data "$data" --seed 3 --force \
    --shadow 0.65 --blur 0.8 --noise 5 --paper 248,228,228 --ink 20,20,20 --tilt=-14
"$bin" synthesize "800 555 0199" --out samples/phone-number.png --data "$data" --seed 12 --force \
    --size 720x240 --digit-height 52 --ink 95,35,140
"$bin" synthesize "4711 0815|2024 36" --out samples/graph-paper.png --data "$data" --seed 22 --force \
    --grid 22 --tilt 5 --ink 30,30,60
for f in samples/notebook.png samples/shadow.jpg samples/phone-number.png samples/graph-paper.png; do
    "$bin" recognize "$f" --annotate "samples/annotated-$(basename "${f%.*}").png"
done
