#!/usr/bin/env bash
# Run each libFuzzer target of fuzz/ for FUZZ_SECONDS (default 20) from its
# seed corpus in fuzz/corpus/<target>, plus the public samples of
# ../shared/testdata where they are; exit 1 on the first finding. The
# corpus in the repository is only read: what a run discovers goes to a
# temporary folder. Needs the fuzz tree: cmake --preset fuzz && cmake
# --build --preset fuzz.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${FUZZ_BUILD:-$root/build/fuzz}"
seconds="${FUZZ_SECONDS:-20}"
targets=(config aws_xml aws_json ignore zip redact)
if (($#)); then
  targets=("$@")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

extra_seeds() {
  local shared="$root/../shared/testdata"
  if [[ "$1" == aws_json && -d "$shared/events" ]]; then
    echo "$shared/events"
  fi
}

for target in "${targets[@]}"; do
  binary="$build/fuzz/fuzz_$target"
  if [[ ! -x "$binary" ]]; then
    echo "fuzz: no $binary; build the fuzz preset first" >&2
    exit 1
  fi
  mkdir -p "$work/$target"
  # -timeout: an input that takes over 10 s is a hang, a finding too.
  # -rss_limit_mb bounds memory on a shared machine.
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$work/" \
      "$work/$target" "$root/fuzz/corpus/$target" $(extra_seeds "$target") \
      > "$work/$target.log" 2>&1; then
    tail -n 60 "$work/$target.log" >&2
    for artifact in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
        "$work"/oom-*; do
      [[ -e "$artifact" ]] || continue
      mkdir -p "$root/build/fuzz-findings"
      cp "$artifact" "$root/build/fuzz-findings/$target-${artifact##*/}"
      echo "fuzz: $target: finding kept in build/fuzz-findings/" \
        "$target-${artifact##*/}" >&2
    done
    exit 1
  fi
  runs="$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' \
    "$work/$target.log" | grep -o '[0-9]*$' || echo '?')"
  echo "fuzz: $target: ${runs} runs in ${seconds} s, no finding"
done
