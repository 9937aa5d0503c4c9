# Sourced by the benchmarks that generate pages with Python and read them (handwriting-fonts.sh,
# two-sizes.sh), from the checkout's root, with `name` set to the script's name for messages.
# Sets: score (../shared/tools/score.py), DIGITLENS (default this checkout's release build,
# built when missing), DIGITLENS_MODEL (default the shipped model), and work (a scratch folder
# removed at exit, or KEEP=DIR kept).
score=$(cd ../shared/tools && pwd)/score.py
python3 -c 'import PIL, numpy' 2>/dev/null || { echo "$name: needs python3-pil and python3-numpy" >&2; exit 1; }
export DIGITLENS_MODEL=${DIGITLENS_MODEL:-$PWD/Models/digitlens.safetensors}
if [ -z "${DIGITLENS:-}" ]; then
    [ -x .build/release/digitlens ] || swift build -c release --product digitlens >/dev/null
    DIGITLENS=$PWD/.build/release/digitlens
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; work=$(cd "$KEEP" && pwd); trap - EXIT; fi
