#!/usr/bin/env bash
# How the reading holds up under phone-camera conditions that robustness.sh does not make
# (vignetting, hard shadows, colour casts, noise and low light, motion blur, enlargement, glare,
# turning, …; see camera_conditions.py): each real-dev photo is copied under each condition and
# the copies are read and scored by ../shared/tools/score.py. Per condition: exact % and digit
# accuracy % (score.py: one image read as hundreds of digits can bring the latter to 0), images
# exact, the mean of each image's own digit accuracy, images read as junk (over 1.5 times as
# many digits as the truth), images whose reading changed from the photo's own, and seconds.
# Needs python3 with numpy and OpenCV (`pip install numpy opencv-python-headless`).
#   Benchmarks/camera-conditions.sh [DIGITLENS_BINARY] [CONDITION ...]
#   (default .build/release/digitlens, every condition; the copies go to a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd ../shared/data/real-dev && pwd)
score=$(cd ../shared/tools && pwd)/score.py
binary=$(readlink -f "${1:-.build/release/digitlens}"); shift || true
[ -x "$binary" ] || { echo "camera-conditions.sh: no digitlens at $binary (swift build -c release)" >&2; exit 1; }
python3 -c "import numpy, cv2" 2>/dev/null || { echo "camera-conditions.sh: needs numpy and OpenCV for python3 (pip install numpy opencv-python-headless)" >&2; exit 1; }
# The copies are read from a temporary folder, where a binary built elsewhere finds no model:
# this checkout's model unless DIGITLENS_MODEL names another. They are read with errors hidden
# (a copy may defeat the pipeline), so a binary that cannot read at all must say so first.
export DIGITLENS_MODEL=${DIGITLENS_MODEL:-$PWD/Models/digitlens.safetensors}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
first=$(ls "$data/photos" | head -1)
(cd "$work" && "$binary" recognize "$data/photos/$first" > /dev/null) || { echo "camera-conditions.sh: $binary cannot read $first (see above)" >&2; exit 1; }
conditions=${*:-$(python3 -c "import ast,sys; t=ast.parse(open('Benchmarks/camera_conditions.py').read()); print(' '.join(k.value for n in t.body if isinstance(n, ast.Assign) and n.targets[0].id == 'VARIANTS' for k in n.value.keys))")}
python3 Benchmarks/camera_conditions.py "$data/photos" "$work" $conditions
mkdir -p "$work/original"; ln -s "$data/photos" "$work/original/photos"
printf '%-15s %7s %7s %7s %9s %5s %8s %6s\n' condition exact digit n-exact img-digit junk changed secs
for c in original $conditions; do
    start=$(date +%s.%N)
    (cd "$work/$c" && "$binary" recognize photos/* > "$work/$c.tsv" 2>/dev/null || true)
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    line=$(cd "$data" && python3 "$score" labels.csv "$work/$c.tsv" | head -1)
    python3 - "$data/labels.csv" "$work/original.tsv" "$work/$c.tsv" "$c" "$line" "$seconds" <<'PY'
import csv, re, sys
sys.path.insert(0, "Benchmarks")
from edit_distance import edit
labels, original, reading, condition, line, seconds = sys.argv[1:]
truth = {r["file"]: r["truth"].replace(" ", "") for r in csv.DictReader(open(labels)) if r["kind"] != "single"}
def load(path):
    return {l.split("\t")[0]: "".join(ch for ch in l.rstrip("\n").split("\t")[1] if ch.isdigit()) for l in open(path) if "\t" in l}
before, now = load(original), load(reading)
exact = sum(now.get(f, "") == t for f, t in truth.items())
mean = sum(max(0.0, 1 - edit(t, now.get(f, "")) / len(t)) for f, t in truth.items()) / len(truth)
junk = sum(len(now.get(f, "")) > 1.5 * len(t) for f, t in truth.items())
changed = sum(now.get(f, "") != before.get(f, "") for f in truth)
e, d = re.search(r"exact ([\d.]+)%", line).group(1), re.search(r"digit-acc ([\d.]+)%", line).group(1)
print(f"{condition:<15} {e:>6}% {d:>6}% {exact:>3}/{len(truth):<3} {100 * mean:8.1f}% {junk:5d} {changed:8d} {float(seconds):6.1f}")
PY
done
