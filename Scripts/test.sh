#!/usr/bin/env bash
# The test command the README gives: builds and runs every test.
# Tests run on a release build (with testability enabled): the CNN and the photo pipeline
# are compute-heavy and an unoptimized build would make the suite many times slower.
# Tests that need ../shared/data skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-tests -Xswiftc -enable-testing
log=$(mktemp)
status=0
# Every test bounds its own waits; this outer limit is the last guard against a hang, so a
# stuck run fails with a message long before CI's own limit.
timeout --kill-after=30 2400 swift test -c release --skip-build -Xswiftc -enable-testing --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
[ "$status" = 124 ] && echo "test.sh: the tests still ran after 40 minutes and were stopped" >&2
# One plain closing line with the XCTest totals.
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?" "$log" | tail -1 || true)
total=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
failed=$(grep -cE "^Test Case .* failed \(" "$log" || true)
skipped=$(grep -cE "^Test Case .* skipped \(" "$log" || true)
rm -f "$log"
if [ -n "$summary" ]; then
    echo "$((total - failed - skipped)) passed, $failed failed, $skipped skipped"
fi
exit "$status"
