#!/usr/bin/env bash
# The test command the README gives: builds and runs every test.
# Tests that need ../shared/data skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests -c debug
swift test --skip-build "$@"
