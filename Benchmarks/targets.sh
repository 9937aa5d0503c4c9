#!/usr/bin/env bash
# The photo pipeline's targets (issue #3), measured now. Each overall target is marked met or
# MISSED: real-dev photos and scans (digit accuracy and exact match, scored as
# ../shared/tools/score.py scores them), USPS singles with `recognize --single`, the pipeline's
# speed on a 640x480 and a 12-megapixel page, and annotate's throughput with 1 job against one per
# core. Per-source and per-digit figures are printed beside them, not judged.
#   Benchmarks/targets.sh [DATA_DIR]     (default ../shared/data/real-dev; under a minute)
# Exit status: 0 every target met, 1 a target missed, 2 a target could not be measured.
set -uo pipefail
data_arg=${1:-}
[ -n "$data_arg" ] && data_arg=$(cd "$data_arg" 2>/dev/null && pwd || echo "$data_arg")
cd "$(dirname "$0")/.."
data=${data_arg:-../shared/data/real-dev}
[ -d "$data/photos" ] && [ -f "$data/labels.csv" ] || { echo "targets.sh: $data has no photos/ and labels.csv" >&2; exit 2; }
data=$(cd "$data" && pwd)
score=$PWD/../shared/tools/score.py
[ -f "$score" ] || { echo "targets.sh: ../shared/tools/score.py not found" >&2; exit 2; }
swift build -c release --product digitlens >/dev/null && swift build -c release --product digitlens-bench >/dev/null \
    || { echo "targets.sh: the release build failed" >&2; exit 2; }
bin=$PWD/.build/release
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# A step that fails is reported and the others still run; `recognize` exits non-zero after
# skipping an unreadable file, and the files it did read still count.
failed() { echo "$1 exited with status $2" >> "$work/errors.txt"; }
(cd "$data" && "$bin/digitlens" recognize photos/* > "$work/photos.tsv") || failed "recognize photos/*" $?
(cd "$data" && "$bin/digitlens" recognize --single singles/usps/*/*.png > "$work/usps.tsv") || failed "recognize --single singles/usps" $?
"$bin/digitlens-bench" pipeline > "$work/pipeline.txt" || failed "digitlens-bench pipeline" $?
"$bin/digitlens-bench" annotate > "$work/annotate.txt" || failed "digitlens-bench annotate" $?
python3 "$score" "$data/labels.csv" "$work/photos.tsv" --by-source > "$work/score.txt" || failed "score.py" $?

python3 - "$work" "$data/labels.csv" <<'PY'
import csv, math, os, re, sys
work, labels = sys.argv[1], sys.argv[2]
missed, unmeasured = [], []
def read(name):
    path = os.path.join(work, name)
    return open(path).read() if os.path.exists(path) else ""
def report(name, value, goal, met, unit="%"):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        print(f"NOT MEASURED  {name:<44}   target {goal}")
        unmeasured.append(name)
        return
    print(f"{'met         ' if met else 'MISSED      '}  {name:<44} {value:>9.2f}{unit}   target {goal}")
    if not met:
        missed.append(name)

# Real-dev, scored exactly as ../shared/tools/score.py scores (edit distance over digit
# strings, spaces stripped), unrounded so a threshold is never met by rounding; checked
# against score.py's own rounded figure.
sys.path.insert(0, "Benchmarks")
from edit_distance import edit
print("real-dev photos and scans:")
rows = [r for r in csv.DictReader(open(labels, encoding="utf-8")) if r["kind"] != "single"]
read_text = {}
for line in read("photos.tsv").splitlines():
    if "\t" in line:
        name, text = line.split("\t", 1)
        read_text[name.replace("\\", "/")] = text
def prediction(file):
    for name, text in read_text.items():
        if name == file or name.endswith("/" + file):
            return "".join(c for c in text if c.isdigit())
    return ""
if rows and read_text:
    exact = sum(r["truth"].replace(" ", "") == prediction(r["file"]) for r in rows)
    distance = sum(edit(r["truth"].replace(" ", ""), prediction(r["file"])) for r in rows)
    digits = sum(len(r["truth"].replace(" ", "")) for r in rows)
    accuracy, exact_rate = 100 * max(0.0, 1 - distance / digits), 100 * exact / len(rows)
    overall = re.search(r"^ALL: .*exact ([\d.]+)%\s+digit-acc ([\d.]+)%", read("score.txt"), re.M)
    if overall and (f"{exact_rate:.1f}", f"{accuracy:.1f}") != overall.groups():
        print(f"  (score.py reads exact {overall.group(1)}%, digits {overall.group(2)}%: the two scorers disagree)")
        unmeasured.append("real-dev scoring")
    report(f"digit accuracy, {len(rows)} images", accuracy, ">= 95%", accuracy >= 95)
    report("exact match", exact_rate, ">= 80%", exact_rate >= 80)
else:
    report("digit accuracy", None, ">= 95%", False)
    report("exact match", None, ">= 80%", False)
sources = [l for l in read("score.txt").splitlines() if not l.startswith("ALL:")]
if sources:
    print("  per source (score.py):")
    for line in sources:
        print("    " + line)

print("USPS singles (recognize --single):")
per = {}
for line in read("usps.tsv").splitlines():
    path, label = line.split("\t")[:2]
    truth = path.split("/")[-2]
    n, right = per.get(truth, (0, 0))
    per[truth] = (n + 1, right + (label == truth))
total = sum(n for n, _ in per.values()); right = sum(r for _, r in per.values())
if total:
    report(f"accuracy, {total} digits ({total - right} misses)", 100 * right / total, ">= 98.5%", right >= 0.985 * total)
    print("  per digit: " + "  ".join(f"{d} {100 * r / n:.1f}%" for d, (n, r) in sorted(per.items())))
else:
    report("accuracy", None, ">= 98.5%", False)

print("speed (release build, in process, digitlens-bench):")
bench = read("pipeline.txt") + read("annotate.txt")
def figure(key):
    m = re.search(re.escape(key) + r"=([\d.]+)", bench)
    return float(m.group(1)) if m else None
small, large = figure("pipeline_640x480_10_digits_median_ms"), figure("pipeline_12mp_median_ms")
report("640x480 page, 10 digits, median", small, "<= 10 ms", small is not None and small <= 10, " ms")
report("12-megapixel page, median", large, "<= 300 ms", large is not None and large <= 300, " ms")
# The same target for a 12 MP page whose writing is small (40 pixels), read at a finer scale.
fine = figure("pipeline_12mp_40px_digits_median_ms")
report("12-megapixel page, 40-pixel digits, median", fine, "<= 300 ms", fine is not None and fine <= 300, " ms")
rates = {int(k): float(v) for k, v in re.findall(r"annotate_jobs_(\d+)_images_per_second=([\d.]+)", bench)}
# "Grows with cores": with one job per core, clearly faster than with one job (run-to-run
# noise on this machine is about 10%).
if len(rates) >= 2:
    one, most = rates[min(rates)], rates[max(rates)]
    report(f"annotate, {max(rates)} jobs over 1 ({one:.1f} -> {most:.1f} img/s)", most / one, ">= 1.2x", most / one >= 1.2, "x")
else:
    print("  (annotate: " + (", ".join(f"{j} job(s) {r:.1f} img/s" for j, r in rates.items()) or "no figures") + "; scaling needs 2 cores or more)")
    report("annotate scaling with cores", None, ">= 1.2x", False)

errors = read("errors.txt").strip()
if errors:
    print("\nsteps that failed (their figures may be incomplete):\n  " + errors.replace("\n", "\n  "))
    unmeasured.append("a step failed")
print(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else "")
      + (f"; {len(unmeasured)} not measured: " + "; ".join(unmeasured) if unmeasured else ""))
sys.exit(2 if unmeasured else (1 if missed else 0))
PY
