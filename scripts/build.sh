#!/usr/bin/env bash
# Configure and build the release preset (build/release/slam).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
