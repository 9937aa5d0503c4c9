#!/usr/bin/env bash
# How the reading holds up when the real photos are changed the way other cameras, scanners
# and hands change them: each photo of real-dev tilted (±3°, ±8°, ±15°, ±25°, 35°; the corners
# filled with the photo's mean colour), blurred, JPEG-compressed, shrunk to 70%, darkened,
# set small (a sixth of the picture) on a dark desk, seen from below (keystone: the top
# edge pulled in by 15% of the height at each end, the corners filled with the mean colour),
# and in a 12-megapixel frame at its own size (in-12mp: the photos 500 pixels or more on a
# side centred in a 4000x3000 picture, their edges continued to its frame, as a whole page
# photographed with its writing 28–140 pixels tall; the smaller crops as they are).
# Scored by ../shared/tools/score.py on the same labels.
# Needs ImageMagick (`apt-get install imagemagick`); the copies go to a temporary folder, or to
# DIR with KEEP=DIR (DIR/<variant>/photos, with the readings as DIR/<variant>.tsv).
#   Benchmarks/robustness.sh [DATA_DIR]     (default ../shared/data/real-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd "${1:-../shared/data/real-dev}" && pwd)
score=$(cd ../shared/tools && pwd)/score.py
command -v convert >/dev/null || { echo "robustness.sh: needs ImageMagick's convert (apt-get install imagemagick)" >&2; exit 1; }
[ -x .build/release/digitlens ] || swift build -c release --product digitlens >/dev/null
digitlens=$PWD/.build/release/digitlens
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; work=$(cd "$KEEP" && pwd); trap - EXIT; fi
variants="original tilt+3 tilt-3 tilt+8 tilt-8 tilt+15 tilt-15 tilt+25 tilt-25 tilt+35 blur jpeg25 shrink70 dim on-desk keystone in-12mp"
for v in $variants; do mkdir -p "$work/$v/photos"; done
for path in "$data"/photos/*; do
    f=$(basename "$path")
    mean=$(convert "$path" -resize '1x1!' -format '%[pixel:p{0,0}]' info:)
    cp "$path" "$work/original/photos/$f"
    for d in 3 -3 8 -8 15 -15 25 -25 35; do
        convert "$path" -background "$mean" -rotate "$d" "$work/tilt$( [ "$d" -gt 0 ] && echo + )$d/photos/$f"
    done
    convert "$path" -blur 0x1.2 "$work/blur/photos/$f"
    convert "$path" -quality 25 jpg:- | convert - "$work/jpeg25/photos/$f"
    convert "$path" -resize 70% "$work/shrink70/photos/$f"
    convert "$path" -level 0%,100%,0.6 -evaluate multiply 0.7 "$work/dim/photos/$f"
    size=$(convert "$path" -format '%[fx:int(w*2.5)]x%[fx:int(h*2.5)]' info:)
    convert -seed 7 -size "$size" xc:'#4a3b2e' "$path" -gravity center -composite -attenuate 0.3 +noise Gaussian "$work/on-desk/photos/$f"
    wh=$(convert "$path" -format '%w %h' info:); w=${wh% *}; h=${wh#* }
    inset=$(( h * 15 / 100 ))
    convert "$path" -virtual-pixel background -background "$mean" \
        -distort Perspective "0,0 $inset,0  $w,0 $((w - inset)),0  0,$h 0,$h  $w,$h $w,$h" "$work/keystone/photos/$f"
    if [ "$w" -ge 500 ] || [ "$h" -ge 500 ]; then
        convert "$path" -virtual-pixel Edge -set option:distort:viewport "4000x3000-$(( (4000 - w) / 2 ))-$(( (3000 - h) / 2 ))" \
            -distort SRT 0 +repage -quality 92 "$work/in-12mp/photos/$f"
    else
        cp "$path" "$work/in-12mp/photos/$f"
    fi
done
printf '%-10s %s\n' variant "score (all sources)"
for v in $variants; do
    (cd "$work/$v" && "$digitlens" recognize photos/* > "$work/$v.tsv" 2>/dev/null || true)
    printf '%-10s %s\n' "$v" "$(cd "$data" && python3 "$score" labels.csv "$work/$v.tsv" | head -1)"
done
