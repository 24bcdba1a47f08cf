#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds (default 20) from its seeds, one after another.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Works on a stable toolchain: the targets are
# built without a sanitizer, and RUSTC_BOOTSTRAP lets cargo-fuzz pass its flags. A crash stops
# the script with the target's status and leaves its input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
export RUSTC_BOOTSTRAP=1
targets=(parse align check_group render)
cargo fuzz build -O -a --sanitizer none
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  status=0
  cargo fuzz run -O -a --sanitizer none "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(awk '/^stat::number_of_executed_units/ { print $2 }' "$log")
  echo "fuzz $target: ${seconds}s, ${runs:-0} runs, status $status"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz target $target failed; its input is in fuzz/artifacts/$target/" >&2
    exit "$status"
  fi
done
