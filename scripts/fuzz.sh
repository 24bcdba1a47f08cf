#!/usr/bin/env bash
# Runs every fuzz target from its seeds, one after another.
#   scripts/fuzz.sh SECONDS   explores for SECONDS a target (default 20), from a random seed
#   scripts/fuzz.sh --ci      a fixed number of runs from a fixed seed and an empty corpus: the
#                             same inputs on every machine, so a commit's check is reproducible
#                             (.ci/run uses it; exploring is for long runs, see docs/fuzzing.md)
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Works on a stable toolchain: the targets are
# built without a sanitizer, and RUSTC_BOOTSTRAP lets cargo-fuzz pass its flags. A crash stops
# the script with the target's status and leaves its input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
targets=(parse align check_group render)
# Runs a target in --ci mode: about 15 seconds each on the reference machine.
declare -A ci_runs=([parse]=6000 [align]=6000 [check_group]=1000 [render]=400)
mode=explore
seconds=20
case "${1:-}" in
  --ci) mode=ci ;;
  "") ;;
  *) seconds=$1 ;;
esac
cargo fuzz build -O -a --sanitizer none
log=$(mktemp)
scratch=$(mktemp -d)
trap 'rm -rf "$log" "$scratch"' EXIT
for target in "${targets[@]}"; do
  if [ "$mode" = ci ]; then
    corpus="$scratch/$target"
    limits=(-seed=1 -runs="${ci_runs[$target]}")
  else
    corpus="fuzz/corpus/$target"
    limits=(-max_total_time="$seconds")
  fi
  mkdir -p "$corpus"
  status=0
  cargo fuzz run -O -a --sanitizer none "$target" "$corpus" "fuzz/seeds/$target" -- \
    "${limits[@]}" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(awk '/^stat::number_of_executed_units/ { print $2 }' "$log")
  echo "fuzz $target ($mode): ${runs:-0} runs, status $status"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    grep -m1 -A3 "panicked at" "$log" >&2 || true
    echo "fuzz target $target failed; its input is in fuzz/artifacts/$target/" >&2
    exit "$status"
  fi
done
