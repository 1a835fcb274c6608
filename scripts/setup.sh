#!/usr/bin/env bash
# Install every Debian package that building and testing Slam needs.
# Run as root on Debian 12; does nothing when all are already present.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config clang-format
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libyaml-cpp-dev
  libpugixml-dev libcli11-dev libfmt-dev libdeflate-dev libcpp-httplib-dev
  libgtest-dev
  # the fuzz preset: clang with libFuzzer and the sanitizer runtimes; zlib
  # for the zip target's independent reader
  clang libclang-rt-14-dev zlib1g-dev
  # tests: Python frameworks for the handler, readers for the zip
  python3 python3-pytest python3-flask python3-django python3-fastapi
  python3-httpx python3-boto3 python3-venv unzip curl
  python3-falcon python3-bottle python3-pyramid python3-hypothesis
  # tests of package.build_from_source: build tools for pip, C headers
  python3-setuptools-whl python3-wheel-whl python3-dev
  # bench/: the load generator and the WSGI server slam serve is held to
  wrk python3-gunicorn
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# moto_server and cfn-lint come with this machine image's Python (no
# package index is reachable to install them); say so when they are absent.
for tool in moto_server cfn-lint; do
  if ! command -v "$tool" >/dev/null; then
    echo "setup: warning: '$tool' is not on PATH; the tests that need it" \
      "will be skipped" >&2
  fi
done
