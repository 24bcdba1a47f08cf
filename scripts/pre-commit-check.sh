#!/usr/bin/env bash
# The pre-commit hook as a writer meets it, end to end, with no Rust toolchain on PATH:
#   1. build the wheel that carries the binary (maturin);
#   2. install pre-commit from PyPI in a virtual environment;
#   3. make the mirror repository from pre-commit/ and a scratch repository of articles;
#   4. a commit of a clean article group passes; a commit that pastes a Hindi paragraph twice
#      is blocked by the hook, which pip installed from the wheel.
# Needs python3 with venv and pip, git, and cargo (for step 1 only).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.5,<2" pre-commit
"$work/tools/bin/maturin" build --release --locked --strip --out "$work/wheels"
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
