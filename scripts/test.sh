#!/usr/bin/env bash
# Build Slam and run every test: the unit tests under AddressSanitizer and
# UndefinedBehaviorSanitizer (the fuzz preset, clang), each fuzz target
# for a bounded time, then the Python handler tests and the integration
# tests that drive the binary against moto_server. To keep CI short, the
# unit tests are built once, in the sanitizer tree (at -O0), and the
# binary the integration tests run comes from the ci preset (-O1, no debug
# info: half the compile time of the release preset).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cmake --preset ci >/dev/null
cmake --build --preset ci
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz
FUZZ_SECONDS="${FUZZ_SECONDS:-10}" scripts/fuzz.sh
SLAM_BIN="$root/build/ci/slam" /usr/bin/python3 -m pytest -q \
  -p no:cacheprovider tests/python tests/integration
