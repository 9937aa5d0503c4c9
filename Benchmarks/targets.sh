#!/usr/bin/env bash
# The photo pipeline's targets (issue #3), each measured now and marked met or missed:
# real-dev photos and scans scored by ../shared/tools/score.py (overall and per source), USPS
# singles with `recognize --single` (overall and per digit), the pipeline's speed on a 640x480
# and a 12-megapixel page, and annotate's throughput with 1 job and one per core.
#   Benchmarks/targets.sh [DATA_DIR]     (default ../shared/data/real-dev; about 2 minutes)
# Exits non-zero when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd "${1:-../shared/data/real-dev}" 2>/dev/null && pwd) || { echo "targets.sh: no data folder ${1:-../shared/data/real-dev}" >&2; exit 2; }
score=$(cd ../shared/tools 2>/dev/null && pwd)/score.py
[ -f "$score" ] || { echo "targets.sh: ../shared/tools/score.py not found" >&2; exit 2; }
swift build -c release --product digitlens >/dev/null
swift build -c release --product digitlens-bench >/dev/null
bin=$PWD/.build/release
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

(cd "$data" && "$bin/digitlens" recognize photos/* > "$work/photos.tsv")
(cd "$data" && "$bin/digitlens" recognize --single singles/usps/*/*.png > "$work/usps.tsv")
"$bin/digitlens-bench" pipeline > "$work/pipeline.txt"
"$bin/digitlens-bench" annotate > "$work/annotate.txt"
python3 "$score" "$data/labels.csv" "$work/photos.tsv" --by-source > "$work/score.txt"

python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
missed = []
def report(name, value, goal, met, unit="%"):
    print(f"{'met   ' if met else 'MISSED'}  {name:<44} {value:>9.2f}{unit}   target {goal}")
    if not met:
        missed.append(name)

print("real-dev photos and scans (../shared/tools/score.py):")
for line in open(f"{work}/score.txt"):
    m = re.match(r"(.+?): images (\d+)\s+exact ([\d.]+)%\s+digit-acc ([\d.]+)%", line)
    if not m:
        continue
    source, images, exact, digits = m.group(1), int(m.group(2)), float(m.group(3)), float(m.group(4))
    if source == "ALL":
        report(f"digit accuracy, all {images} images", digits, ">= 95%", digits >= 95)
        report("exact match, all images", exact, ">= 80%", exact >= 80)
        print("  per source (the targets apply to the whole set):")
    else:
        print(f"    {source:<70} {images:>2} images  digits {digits:5.1f}%  exact {exact:5.1f}%")

print("USPS singles (recognize --single):")
per = {}
for line in open(f"{work}/usps.tsv"):
    path, label = line.rstrip("\n").split("\t")[:2]
    truth = path.split("/")[-2]
    n, ok = per.get(truth, (0, 0))
    per[truth] = (n + 1, ok + (label == truth))
total = sum(n for n, _ in per.values()); right = sum(ok for _, ok in per.values())
report(f"accuracy, {total} digits ({total - right} misses)", 100 * right / total, ">= 98.5%", right >= 0.985 * total)
print("  per digit: " + "  ".join(f"{d} {100 * ok / n:.1f}%" for d, (n, ok) in sorted(per.items())))

print("speed (release build, in process, digitlens-bench):")
bench = open(f"{work}/pipeline.txt").read() + open(f"{work}/annotate.txt").read()
def figure(key):
    m = re.search(re.escape(key) + r"=([\d.]+)", bench)
    return float(m.group(1)) if m else float("nan")
small, large = figure("pipeline_640x480_10_digits_median_ms"), figure("pipeline_12mp_median_ms")
report("640x480 page, 10 digits, median", small, "<= 10 ms", small <= 10, " ms")
report("12-megapixel page, median", large, "<= 300 ms", large <= 300, " ms")
rates = {int(k): float(v) for k, v in re.findall(r"annotate_jobs_(\d+)_images_per_second=([\d.]+)", bench)}
if len(rates) >= 2:
    one, most = rates[min(rates)], rates[max(rates)]
    report(f"annotate, {max(rates)} jobs over 1 job ({one:.1f} -> {most:.1f} img/s)", most / one, "> 1 (grows with cores)", most > one, "x")
else:
    print(f"  annotate: {', '.join(f'{j} job(s) {r:.1f} img/s' for j, r in rates.items())} (one core: no scaling to measure)")

print(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else ""))
sys.exit(1 if missed else 0)
PY
