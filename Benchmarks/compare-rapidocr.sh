#!/usr/bin/env bash
# Side by side on real photos: DigitLens and RapidOCR (PaddleOCR's PP-OCRv4 models, the
# strongest general OCR that installs here with its models), scored by
# ../shared/tools/score.py on the same labels, with the time per image of each.
#   Benchmarks/compare-rapidocr.sh [DATA_DIR]     (default ../shared/data/real-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd "${1:-../shared/data/real-dev}" && pwd)
score=$(cd "$(dirname "$0")/.." && cd ../shared/tools 2>/dev/null && pwd)/score.py
if [ ! -x .venv-rapid/bin/python ]; then
    python3 -m venv .venv-rapid
    .venv-rapid/bin/pip install -q rapidocr-onnxruntime==1.4.4
fi
[ -x .build/release/digitlens ] || swift build -c release --product digitlens >/dev/null
ours=$(mktemp); theirs=$(mktemp)
start=$(date +%s.%N)
(cd "$data" && "$OLDPWD/.build/release/digitlens" recognize photos/* > "$ours")
ours_s=$(python3 -c "print($(date +%s.%N) - $start)")
start=$(date +%s.%N)
(cd "$data" && "$OLDPWD/.venv-rapid/bin/python" - photos/* > "$theirs") <<'PY'
import sys
from rapidocr_onnxruntime import RapidOCR
engine = RapidOCR()
for path in sys.argv[1:]:
    result, _ = engine(path)
    # Boxes top to bottom, then left to right; keep digits and spaces, as the scorer does.
    items = sorted(result or [], key=lambda r: (round(min(p[1] for p in r[0]) / 20), min(p[0] for p in r[0])))
    text = " ".join("".join(c for c in r[1] if c.isdigit()) for r in items)
    print(f"{path}\t{' '.join(text.split())}")
PY
theirs_s=$(python3 -c "print($(date +%s.%N) - $start)")
n=$(ls "$data"/photos | wc -l)
echo "DigitLens: $(python3 "$score" "$data/labels.csv" "$ours" | head -1)  $(python3 -c "print('%.3f s/image' % ($ours_s / $n))") (whole command, including start-up)"
echo "RapidOCR:  $(python3 "$score" "$data/labels.csv" "$theirs" | head -1)  $(python3 -c "print('%.3f s/image' % ($theirs_s / $n))") (including model loading)"
# Per source (each source is one writer or one kind of document).
echo; echo "DigitLens by source:"; python3 "$score" "$data/labels.csv" "$ours" --by-source | tail -n +2
echo; echo "RapidOCR by source:"; python3 "$score" "$data/labels.csv" "$theirs" --by-source | tail -n +2
rm -f "$ours" "$theirs"
