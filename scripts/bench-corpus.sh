#!/usr/bin/env bash
# Repository-scale benchmark: builds a corpus of article groups from the seed group and the
# bundled fixtures (each copy varied so that no two files are identical), then times
# `loclint check` on the whole corpus and on a pre-commit-sized change, with hyperfine.
#
#   scripts/bench-corpus.sh [GROUPS]      (default 5000 groups, about 15,000 files)
#
# Needs hyperfine (apt-get install hyperfine). The corpus is written to a temporary folder
# and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
groups=${1:-5000}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT

cargo build --release --quiet
bin=$PWD/target/release/loclint

seeds=../shared/seeds/know-your-terminology
templates=("$seeds")
for dir in fixtures/*/; do templates+=("${dir%/}"); done

echo "building $groups article groups from ${#templates[@]} templates in $corpus"
for ((i = 0; i < groups; i++)); do
  template=${templates[$((i % ${#templates[@]}))]}
  target="$corpus/section-$((i / 500))/article-$i"
  mkdir -p "$target"
  for file in "$template"/*; do
    name=$(basename "$file")
    # Vary each copy: the group number is appended to its last line.
    { cat "$file"; printf ' %d\n' "$i"; } >"$target/$name"
  done
done
files=$(find "$corpus" -type f | wc -l)
bytes=$(du -sb "$corpus" | cut -f1)
echo "corpus: $files files, $((bytes / 1024 / 1024)) MiB"

hyperfine --warmup 1 --runs 5 --ignore-failure \
  --command-name "whole corpus ($files files)" "$bin check $corpus --format json >/dev/null" \
  --command-name "pre-commit: 3 changed translations" \
  "$bin check $corpus/section-3/article-1500/ar.txt $corpus/section-3/article-1500/hi.txt $corpus/section-7/article-3507/* >/dev/null"
