#!/usr/bin/env python3
"""Runs loclint on each corpus of ../shared/corpora and prints findings per rule and per 1,000
translated lines (the lines of the translations checked).

    scripts/corpus-stats.py [--bin target/release/loclint] [--out DIR]

With --out, each corpus's JSON output is kept as DIR/<corpus>.json for scripts/sample-findings.py.
"""

import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.path.join(HERE, "..", "..", "shared", "corpora")

# Where each corpus's tree starts: loclint runs there, as a user of that project would.
ROOTS = {
    "opentelemetry.io": "opentelemetry.io/content",
    "biome-website": "biome-website/src/content/docs",
    "javascript-algorithms": "javascript-algorithms",
    "the-art-of-command-line": "the-art-of-command-line",
}


def run(binary, root, name):
    # A corpus with tests/corpus/<name>.toml is checked with it, as tests/corpus.rs does.
    config = os.path.join(HERE, "..", "tests", "corpus", name + ".toml")
    options = ["--config", os.path.abspath(config)] if os.path.isfile(config) else ["--no-config"]
    done = subprocess.run(
        [binary, "check", ".", "--format", "json"] + options,
        cwd=root,
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1, 2):
        sys.exit("loclint failed in %s:\n%s" % (root, done.stderr))
    return json.loads(done.stdout)


def translated_lines(doc):
    return sum(t["lines"] for t in doc["summary"]["translations"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "loclint"))
    parser.add_argument("--out", help="keep each corpus's JSON output in this folder")
    parser.add_argument("--corpora", default=CORPORA)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    grand = collections.Counter()
    for name, relative in ROOTS.items():
        root = os.path.join(args.corpora, relative)
        doc = run(binary, root, name)
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
        lines = translated_lines(doc)
        counts = collections.Counter(f["rule"] for f in doc["findings"])
        total = sum(counts.values())
        grand.update(counts)
        per_k = 1000.0 * total / max(lines, 1)
        print(
            "%-24s %5d translations %7d lines %6d findings %7.1f per 1,000 lines"
            % (name, len(doc["summary"]["translations"]), lines, total, per_k)
        )
        for rule, n in counts.most_common():
            print("    %-22s %6d %7.1f" % (rule, n, 1000.0 * n / max(lines, 1)))
    print("all corpora: %d findings: %s" % (sum(grand.values()), dict(grand.most_common())))


if __name__ == "__main__":
    main()
