#!/usr/bin/env bash
# Generated photos with known truth, many of them: random numbers written with MNIST test digits
# on generated paper in six styles (plain; tilted 18°; shadowed pink paper; blurred and noisy;
# ruled and tilted −12°; small and tilted 30°), read by `digitlens recognize` and scored like
# the real photos (digit accuracy = 1 − edit distance / truth length, exact match), per style.
# The tests read 12 such pages; this reads as many as you ask for, for a steadier figure.
#   Benchmarks/synthetic.sh [PAGES] [SEED]     (default 240 pages, seed 5)
# KEEP=DIR keeps the pages, the truth (pages.tsv, and labels.csv as ../shared/tools/score.py
# reads it) and the reading (read.tsv) in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-240}
seed=${2:-5}
export DIGITLENS_DATA=${DIGITLENS_DATA:-$PWD/../shared/data/mnist}
[ -x .build/release/digitlens ] || swift build -c release --product digitlens >/dev/null
digitlens=$PWD/.build/release/digitlens
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; work=$(cd "$KEEP" && pwd); trap - EXIT; fi
mkdir -p "$work/photos"
# The pages: 1–3 lines of 1–3 numbers of 2–5 digits, the style cycling page by page.
python3 - "$pages" "$seed" > "$work/pages.tsv" <<'PY'
import random, sys
pages, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
styles = ["", "--tilt=18", "--shadow=0.6", "--blur=1.2 --noise=6", "--ruled --tilt=-12", "--digit-height=30 --tilt=30"]
for i in range(pages):
    lines = [" ".join("".join(str(r.randint(0, 9)) for _ in range(r.randint(2, 5))) for _ in range(r.randint(1, 3)))
             for _ in range(r.randint(1, 3))]
    print(f"p{i:04d}.png\t{'|'.join(lines)}\t{1000 * seed + i}\t{styles[i % len(styles)]}")
PY
while IFS=$'\t' read -r file text page_seed style; do
    # shellcheck disable=SC2086  # the style is several options
    "$digitlens" synthesize "$text" --out "$work/photos/$file" --seed "$page_seed" --force $style > /dev/null
done < "$work/pages.tsv"
{ echo "file,truth,kind,source,notes"
  awk -F'\t' '{ truth = $2; gsub(/\|/, " ", truth); print "photos/" $1 "," truth ",photo," ($4 == "" ? "plain" : $4) "," }' "$work/pages.tsv"; } > "$work/labels.csv"
(cd "$work" && "$digitlens" recognize photos/* > read.tsv)
python3 - "$work/pages.tsv" "$work/read.tsv" <<'PY'
import sys
def distance(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[:], i
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
    return row[-1]
read = {}
for line in open(sys.argv[2]):
    path, _, text = line.rstrip("\n").partition("\t")
    read[path.split("/")[-1]] = text.replace(" ", "")
totals = {}
for line in open(sys.argv[1]):
    file, text, _, style = line.rstrip("\n").split("\t")
    truth = text.replace("|", "").replace(" ", "")
    d = min(distance(truth, read.get(file, "")), len(truth))
    for key in ("all", style or "plain"):
        t = totals.setdefault(key, [0, 0, 0, 0])
        t[0] += d; t[1] += len(truth); t[2] += d == 0; t[3] += 1
for key, (d, n, exact, count) in totals.items():
    print(f"{key:32s} digit accuracy {100 * (1 - d / n):6.2f}%  exact {exact}/{count}  ({n} digits)")
PY
