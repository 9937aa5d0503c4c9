#!/usr/bin/env bash
# Pages written in two sizes (Benchmarks/two_size_pages.py: a heading 3-7 times the height of
# the numbers under it, or their total under them, in the handwriting fonts), read by
# `digitlens recognize` and scored by ../shared/tools/score.py, heading on top and total
# apart. Needs what handwriting-fonts.sh needs (the fonts, python3-pil, python3-numpy).
#   Benchmarks/two-sizes.sh [PAGES] [SEED]      (default 60 pages, seed 5)
# DIGITLENS is the binary to measure (default this checkout's release build); KEEP=DIR keeps
# the pages and readings in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-60}
seed=${2:-5}
name=two-sizes.sh
. Benchmarks/reading-setup.sh
python3 Benchmarks/two_size_pages.py "$work" "$pages" "$seed"
(cd "$work" && "$DIGITLENS" recognize photos/* > read.tsv)
python3 "$score" "$work/labels.csv" "$work/read.tsv" --by-source
