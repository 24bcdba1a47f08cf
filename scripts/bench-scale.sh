#!/usr/bin/env bash
# Scale benchmarks on generated corpora (examples/gen-corpus), for docs/performance.md:
#   - growth: the same kind of corpus at 1x, 4x and 16x, time and peak memory of each;
#   - throughput on one core against the floor (examples/floor: read, parse with
#     pulldown-cmark, one Unicode word segmentation of the prose);
#   - translate-toolkit's pofilter on the same aligned blocks as PO files, timed beside loclint;
#   - many small files: about 40,000 files of one block each (about 28 MB).
#
#   scripts/bench-scale.sh [GROUPS]     (default 250 groups for 1x, about 14 MB)
#
# Needs hyperfine and GNU time (apt-get install hyperfine time) and pofilter
# (pip install translate-toolkit). Corpora go to a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-250}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin loclint --example gen-corpus --example floor
bin=$PWD/target/release/loclint
gen=$PWD/target/release/examples/gen-corpus
floor=$PWD/target/release/examples/floor

# Bytes of the corpus's Markdown files (folders aside).
size() { find "$1" -name '*.md' -printf '%s\n' | awk '{ n += $1 } END { print n }'; }
peak() { { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -n 1; }

echo "## growth (all cores)"
for factor in 1 4 16; do
  corpus=$work/x$factor
  "$gen" --groups $((base * factor)) --out "$corpus" 2>/dev/null
  files=$(find "$corpus" -name '*.md' | wc -l)
  start=$(date +%s.%N)
  kb=$(peak "$bin" check "$corpus" --format json -o /dev/null --quiet)
  end=$(date +%s.%N)
  mb=$(echo "$(size "$corpus") / 1000000" | bc -l)
  secs=$(echo "$end - $start" | bc -l)
  printf '%3sx: %6d files %7.1f MB %7.2f s %6.1f MB/s peak %d MB\n' \
    "$factor" "$files" "$mb" "$secs" "$(echo "$mb / $secs" | bc -l)" $((kb / 1024))
  [ "$factor" = 1 ] || rm -rf "$corpus"
done

echo "## one core against the floor (1x corpus)"
"$floor" "$work/x1"
hyperfine --warmup 1 --runs 3 --ignore-failure \
  --command-name "loclint --jobs 1" "$bin check $work/x1 --format json -o /dev/null --jobs 1" \
  --command-name "loclint --jobs 1, no terminology rules" \
  "$bin check $work/x1 --format json -o /dev/null --jobs 1 --ignore glossary-term,do-not-translate,inconsistent-term"

if command -v pofilter >/dev/null; then
  echo "## pofilter on the same aligned blocks (1x corpus as PO files)"
  rm -rf "$work/x1"
  "$gen" --groups "$base" --out "$work/x1" --po "$work/po" 2>/dev/null
  hyperfine --warmup 1 --runs 3 --ignore-failure \
    --command-name "loclint (all cores)" "$bin check $work/x1 --format json -o /dev/null" \
    --command-name "pofilter" "pofilter --progress=none -i $work/po -o $work/po-out; rm -rf $work/po-out"
fi

echo "## many small files"
"$gen" --groups 6200 --blocks 1 --out "$work/small" 2>/dev/null
echo "$(find "$work/small" -name '*.md' | wc -l) files, $(($(size "$work/small") / 1000000)) MB"
hyperfine --warmup 1 --runs 3 --ignore-failure \
  --command-name "many small files (all cores)" "$bin check $work/small --format json -o /dev/null"
