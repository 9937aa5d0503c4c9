#!/usr/bin/env bash
# Side-by-side speed of DigitNet and TensorFlow/Keras on the same reference network, in one
# run on this machine: training images/s, batched prediction images/s, one-image latency and
# peak memory, with the ratios. Installs tensorflow-cpu into .venv-bench on first use.
#   Benchmarks/compare-keras.sh [--no-build] [--data DIR] [--train-images N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=1; pass=()
for arg in "$@"; do
    if [ "$arg" = "--no-build" ]; then build=0; else pass+=("$arg"); fi
done
if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -q tensorflow-cpu==2.21.0 numpy
fi
[ "$build" = 1 ] && swift build -c release --product digitlens-bench >/dev/null
keras=$(.venv-bench/bin/python Benchmarks/keras/keras_bench.py "${pass[@]}" 2>/dev/null | grep '=')
swift=$(.build/release/digitlens-bench keras-compare "${pass[@]}" | grep '=')
echo "$keras"; echo "$swift"
value() { printf '%s\n' "$keras" "$swift" | sed -n "s/^$1=\([0-9.]*\).*/\1/p" | head -1; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
kt=$(value keras_train_images_per_second); st=$(value swift_train_images_per_second)
kp=$(value keras_predict_images_per_second); sp=$(value swift_predict_images_per_second)
kl=$(value keras_single_image_ms); sl=$(value swift_single_image_ms)
km=$(value keras_peak_rss_mb); sm=$(value swift_peak_rss_mb)
printf '\n%-28s %12s %12s %8s\n' "" Keras DigitNet ratio
printf '%-28s %12s %12s %8s  (target >= 1.5)\n' "training images/s" "$kt" "$st" "$(ratio "$st" "$kt")"
printf '%-28s %12s %12s %8s  (target >= 1.5)\n' "prediction images/s" "$kp" "$sp" "$(ratio "$sp" "$kp")"
printf '%-28s %12s %12s %8s  (Keras/DigitNet)\n' "one image, ms" "$kl" "$sl" "$(ratio "$kl" "$sl")"
printf '%-28s %12s %12s\n' "peak memory, MB" "$km" "$sm"
