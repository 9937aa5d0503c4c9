#!/usr/bin/env bash
# Other writers than MNIST's: pages of numbers written in the 34 handwriting fonts Debian
# packages (Benchmarks/handwriting_pages.py: each digit varied in size, angle and baseline as a
# hand varies it, on coloured paper, unevenly lit, blurred, grained, JPEG), read by
# `digitlens recognize` and scored by ../shared/tools/score.py per font. Two sets: digits apart
# (advance x1.05-1.3, the default) and close (x0.95-1.1: many touch, as in hurried writing).
# Needs the fonts and Python's PIL and numpy:
#   apt-get install fonts-dkg-handwriting fonts-breip fonts-bwht fonts-humor-sans fonts-klee \
#     fonts-kristi fonts-rufscript fonts-sjfonts fonts-tlwg-purisa-ttf fonts-yusei-magic \
#     fonts-comic-neue fonts-dancingscript fonts-kaushanscript fonts-seto python3-pil python3-numpy
#   Benchmarks/handwriting-fonts.sh [PAGES] [SEED]      (default 340 pages a set, seed 2)
# DIGITLENS is the binary to measure (default this checkout's release build); KEEP=DIR keeps
# the pages and readings in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-340}
seed=${2:-2}
name=handwriting-fonts.sh
. Benchmarks/reading-setup.sh
for set in apart:1.05,1.3 close:0.95,1.1; do
    name=${set%%:*}
    python3 Benchmarks/handwriting_pages.py "$work/$name" "$pages" "$seed" "${set#*:}"
    (cd "$work/$name" && "$DIGITLENS" recognize photos/* > read.tsv)
    echo "== digits $name: $(python3 "$score" "$work/$name/labels.csv" "$work/$name/read.tsv" | head -1)"
    # The fonts read under 98% of digits, worst first.
    python3 "$score" "$work/$name/labels.csv" "$work/$name/read.tsv" --by-source | tail -n +2 |
        awk -F'digit-acc ' '{ split($2, a, "%"); if (a[1] + 0 < 98) print a[1] "\t   " $0 }' | sort -n | cut -f2-
done
