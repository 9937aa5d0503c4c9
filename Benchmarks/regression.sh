#!/usr/bin/env bash
# Two builds side by side on every picture set the other benchmarks make, to see what a change
# to the pipeline gains and loses before it lands: real-dev's robustness copies
# (robustness.sh), its camera-condition copies (camera_conditions.py), 240 generated pages
# (synthetic.sh), 680 handwriting-font pages (handwriting_pages.py, digits apart and close) and
# real-dev's photos turned a little and shrunk (jitter_copies.py, 330): 2,834 pictures with
# known truth. Prints, per set and in all, each build's pictures read
# exactly and its digit edits (edit distance to the truth, at most the truth's length), marks
# the sets that differ, and with --changed every picture whose reading changed (+ better,
# - worse, = as far off).
#   Benchmarks/regression.sh [--changed] BASE_BINARY [NEW_BINARY]
#   (NEW_BINARY: default this checkout's release build; e.g. BASE_BINARY a copy of the build
#   made before the change)
# The sets are made once (about 2 minutes) and kept in $REGRESSION_SETS (default
# ${TMPDIR:-/tmp}/digitlens-regression); reading them takes about a minute a build. Needs
# what the other benchmarks need: ImageMagick, the handwriting fonts, python3 with PIL, numpy
# and OpenCV (see handwriting-fonts.sh and camera-conditions.sh).
set -euo pipefail
changed=""
if [ "${1:-}" = "--changed" ]; then changed="--changed"; shift; fi
[ $# -ge 1 ] || { echo "usage: Benchmarks/regression.sh [--changed] BASE_BINARY [NEW_BINARY]" >&2; exit 2; }
# The binaries as named from where the script was run, before it goes to the checkout.
base=$(readlink -f "$1") || { echo "regression.sh: $1: no such file" >&2; exit 1; }
new=""; [ $# -ge 2 ] && { new=$(readlink -f "$2") || { echo "regression.sh: $2: no such file" >&2; exit 1; }; }
cd "$(dirname "$0")/.."
new=${new:-$PWD/.build/release/digitlens}
for binary in "$base" "$new"; do
    [ -x "$binary" ] || { echo "regression.sh: no digitlens at $binary (swift build -c release)" >&2; exit 1; }
done
export DIGITLENS_MODEL=${DIGITLENS_MODEL:-$PWD/Models/digitlens.safetensors}
sets=${REGRESSION_SETS:-${TMPDIR:-/tmp}/digitlens-regression}
data=$(cd ../shared/data/real-dev && pwd)

if [ ! -f "$sets/complete" ]; then
    echo "regression.sh: making the picture sets in $sets (once)" >&2
    rm -rf "$sets"; mkdir -p "$sets"
    KEEP="$sets/robustness" Benchmarks/robustness.sh > /dev/null
    KEEP="$sets/synthetic" Benchmarks/synthetic.sh > /dev/null
    python3 Benchmarks/camera_conditions.py "$data/photos" "$sets/camera"   # every condition
    python3 Benchmarks/handwriting_pages.py "$sets/fonts/apart" 340 2 1.05,1.3 > /dev/null
    python3 Benchmarks/handwriting_pages.py "$sets/fonts/close" 340 2 0.95,1.1 > /dev/null
    # Every set as a folder of photos/ beside its labels.csv.
    for dir in "$sets"/robustness/*/ "$sets"/camera/*/; do cp "$data/labels.csv" "$dir"; done
    mkdir -p "$sets/synthetic/pages" && mv "$sets/synthetic/photos" "$sets/synthetic/labels.csv" "$sets/synthetic/pages/"
    touch "$sets/complete"
fi

# Made apart, so that sets made before it was added gain it; made again when the script that
# makes them changes (its checksum is kept in the marker).
stamp=$(sha1sum < Benchmarks/jitter_copies.py)
if [ "$(cat "$sets/jitter/complete" 2>/dev/null)" != "$stamp" ]; then
    echo "regression.sh: making the jitter copies in $sets/jitter" >&2
    rm -rf "$sets/jitter"
    python3 Benchmarks/jitter_copies.py "$data/photos" "$sets/jitter"
    for dir in "$sets"/jitter/*/; do cp "$data/labels.csv" "$dir"; done
    echo "$stamp" > "$sets/jitter/complete"
fi

readings=$(mktemp -d); trap 'rm -rf "$readings"' EXIT
for tag in base new; do
    binary=$base; [ $tag = new ] && binary=$new
    for dir in "$sets"/*/*/; do
        [ -f "$dir/labels.csv" ] || continue
        name=$(basename "$(dirname "$dir")")/$(basename "$dir")
        mkdir -p "$readings/$tag/$(dirname "$name")"
        (cd "$dir" && "$binary" recognize photos/* > "$readings/$tag/$name.tsv" 2>/dev/null || true)
    done
done
python3 Benchmarks/regression_compare.py "$sets" "$readings/base" "$readings/new" $changed
