#!/usr/bin/env bash
# Build Slam, then deploy the Flask example to a local moto_server (started
# and stopped here, on a loopback port) and print its status.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh" >/dev/null
slam="$root/build/release/slam"

work=$(mktemp -d -t slam-demo.XXXXXX)
cp -r "$root/examples/flask_app" "$work/"
source "$root/scripts/moto.sh"
trap 'kill "$MOTO_PID" 2>/dev/null; wait "$MOTO_PID" 2>/dev/null; rm -rf "$work"' EXIT

cd "$work/flask_app"
echo "== slam deploy (moto_server on $AWS_ENDPOINT_URL)"
"$slam" deploy
echo
echo "== slam status"
"$slam" status
