#!/usr/bin/env bash
# Build Slam and run every test: the unit tests under AddressSanitizer and
# UndefinedBehaviorSanitizer (the fuzz preset, clang), each fuzz target
# for a bounded time, then the Python handler tests and the integration
# tests that drive the release binary against moto_server. The unit tests
# are built once, in the sanitizer tree, to keep CI short.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cmake --preset release >/dev/null
cmake --build --preset release --target slam
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz
FUZZ_SECONDS="${FUZZ_SECONDS:-20}" scripts/fuzz.sh
SLAM_BIN="$root/build/release/slam" /usr/bin/python3 -m pytest -q \
  -p no:cacheprovider tests/python tests/integration
