#!/usr/bin/env bash
# The test command the README gives: builds and runs every test.
# Tests run on a release build (with testability enabled): the CNN and the photo pipeline
# are compute-heavy and an unoptimized build would make the suite many times slower.
# Tests that need ../shared/data skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-tests -Xswiftc -enable-testing
swift test -c release --skip-build -Xswiftc -enable-testing "$@"
