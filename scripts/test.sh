#!/usr/bin/env bash
# Build Slam and run every test: unit tests (ctest), the Python handler
# tests and the integration tests that drive the binary against moto_server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/build.sh
ctest --preset release
SLAM_BIN="$root/build/release/slam" /usr/bin/python3 -m pytest -q \
  -p no:cacheprovider tests/python tests/integration
