#!/usr/bin/env bash
# The pre-commit hook as a writer meets it, end to end, with no Rust toolchain on PATH:
#   1. build the wheel that carries the binary (maturin);
#   2. install pre-commit from PyPI in a virtual environment;
#   3. make the mirror repository from pre-commit/ and a scratch repository of articles;
#   4. a commit of a clean article group passes; a commit that pastes a Hindi paragraph twice
#      is blocked by the hook, which pip installed from the wheel;
#   5. the seed group adopted with a baseline (`loclint init --baseline`) before its Hindi run
#      was pasted twice: that commit passes, the paste is blocked, and only the new findings
#      are reported.
# Needs python3 with venv and pip, git, and cargo (for step 1 only).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.5,<2" pre-commit
"$work/tools/bin/maturin" build --release --locked --strip --out "$work/wheels"
# loclint itself, from the wheel, for the commands a user runs by hand (`loclint init`).
"$work/tools/bin/pip" install --quiet --disable-pip-version-check --no-index \
  --find-links "$work/wheels" loclint
# The mirror's build backend, beside the wheel: the hook's environment installs from there only.
"$work/tools/bin/pip" download --quiet --disable-pip-version-check --only-binary=:all: \
  --dest "$work/wheels" "setuptools>=61" wheel

git_() { git -c user.name=loclint-check -c user.email=check@example.com -c init.defaultBranch=main "$@"; }

# The mirror, tagged as a release.
cp -r pre-commit "$work/mirror"
git_ -C "$work/mirror" init -q
git_ -C "$work/mirror" add -A
git_ -C "$work/mirror" commit -q -m "loclint hooks"
git_ -C "$work/mirror" tag v0.1.0

# The articles, with the hook installed.
mkdir -p "$work/articles"
cd "$work/articles"
git_ init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $work/mirror
    rev: v0.1.0
    hooks:
      - id: loclint
YAML
# Everything from here runs without cargo: PATH has the tools' venv and the system only.
export PATH="$work/tools/bin:/usr/local/bin:/usr/bin:/bin"
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$work/wheels" PRE_COMMIT_HOME="$work/cache"
if command -v cargo >/dev/null 2>&1 || command -v rustc >/dev/null 2>&1; then
  echo "a Rust toolchain is still on PATH: the check would prove nothing" >&2
  exit 1
fi
pre-commit install >/dev/null

mkdir onboarding
cp "$repo/fixtures/hi-onboarding-calls-clean/en.txt" "$repo/fixtures/hi-onboarding-calls-clean/hi.txt" onboarding/
git_ add -A
if ! git_ commit -q -m "a clean article group" >"$work/clean.log" 2>&1; then
  cat "$work/clean.log" >&2
  echo "FAIL: the hook blocked a clean commit" >&2
  exit 1
fi

# Paste the second paragraph of the Hindi translation twice.
python3 - <<'PY'
path = "onboarding/hi.txt"
text = open(path, encoding="utf-8").read()
paragraphs = text.split("\n\n")
paragraphs.insert(2, paragraphs[1])
open(path, "w", encoding="utf-8").write("\n\n".join(paragraphs))
PY
git_ add -A
if git_ commit -q -m "a pasted paragraph" >"$work/dup.log" 2>&1; then
  echo "FAIL: the hook let a duplicated paragraph through" >&2
  exit 1
fi
if ! grep -q "duplicate-section" "$work/dup.log"; then
  cat "$work/dup.log" >&2
  echo "FAIL: the commit was blocked, but not by duplicate-section" >&2
  exit 1
fi
grep -m1 "duplicate-section" "$work/dup.log"
echo "pre-commit: a clean commit passed and a duplicated paragraph was blocked, with loclint installed from its wheel and no Rust toolchain"

# The seed group, as a repository adopting loclint would hold it before the Hindi run was pasted
# twice: its other defects recorded in a baseline, so that only new ones block a commit.
seed="$repo/../shared/seeds/know-your-terminology"
mkdir -p "$work/seed/terminology"
cd "$work/seed"
git_ init -q
cp "$work/articles/.pre-commit-config.yaml" .
pre-commit install >/dev/null
cp "$seed/en.txt" "$seed/ar.txt" terminology/
python3 - "$seed/hi.txt" <<'PY'
import json, subprocess, sys
text = open(sys.argv[1], encoding="utf-8").read()
# Where the pasted run is, as loclint reports it on the group as it arrived.
report = json.loads(subprocess.run(
    ["loclint", "check", "--source", "terminology/en.txt", sys.argv[1], "--format", "json"],
    capture_output=True, text=True).stdout)
run = next(f for f in report["findings"] if f["rule"] == "duplicate-section")
lines = text.split("\n")
del lines[run["line"] - 1:run["end_line"] + 1]
open("terminology/hi.txt", "w", encoding="utf-8").write("\n".join(lines))
PY
if loclint check terminology --format jsonl | grep '"duplicate-section"' | grep -q 'terminology/hi.txt'; then
  echo "FAIL: the Hindi translation still has its pasted run before the commit that adds it" >&2
  exit 1
fi
loclint init --baseline loclint-baseline.json >"$work/init.log"
git_ add -A
if ! git_ commit -q -m "the seed group, adopted with a baseline" >"$work/adopt.log" 2>&1; then
  cat "$work/init.log" "$work/adopt.log" >&2
  echo "FAIL: the hook blocked the seed group although the baseline holds its findings" >&2
  exit 1
fi
cp "$seed/hi.txt" terminology/hi.txt
git_ add -A
if git_ commit -q -m "the Hindi run pasted twice" >"$work/paste.log" 2>&1; then
  echo "FAIL: the hook let the seed's duplicated Hindi run through" >&2
  exit 1
fi
if ! grep -q "duplicate-section" "$work/paste.log"; then
  cat "$work/paste.log" >&2
  echo "FAIL: the paste was blocked, but not by duplicate-section" >&2
  exit 1
fi
if grep -q "untranslated title" "$work/paste.log"; then
  cat "$work/paste.log" >&2
  echo "FAIL: findings the baseline holds were reported again" >&2
  exit 1
fi
grep -m1 "duplicate-section" "$work/paste.log"
echo "pre-commit: the seed group adopted with a baseline passed, and its pasted Hindi run was blocked with only the new findings"
