#!/usr/bin/env python3
"""Draws random findings from a `loclint check --format json` run and prints each one beside
its context: the translation's lines around it and the source lines it points to, so that a
person can judge whether an editor would act on it.

    loclint check CORPUS --format json > run.json
    scripts/sample-findings.py run.json --root CORPUS --per-rule 20 --seed 7

Paths in the JSON are relative to where loclint ran; give that folder as --root.
"""

import argparse
import collections
import json
import os
import random
import sys


def read_lines(root, path, cache={}):
    full = os.path.join(root, path)
    if full not in cache:
        try:
            with open(full, encoding="utf-8", errors="replace") as f:
                cache[full] = f.read().split("\n")
        except OSError:
            cache[full] = []
    return cache[full]


def clip(line, width):
    return line if len(line) <= width else line[: width - 1] + "…"


def show(finding, root, context, width, out):
    lines = read_lines(root, finding["path"])
    line = finding["line"]
    out.write(
        "### %s:%d:%d  %s [%s] %s\n"
        % (
            finding["path"],
            line,
            finding["column"],
            finding["rule"],
            finding["severity"],
            finding["message"],
        )
    )
    if finding.get("fix"):
        out.write("    fix: %s\n" % finding["fix"])
    out.write("    excerpt: %r\n" % finding.get("excerpt", "")[:200])
    out.write("  translation (%s):\n" % finding.get("locale", "?"))
    end = finding.get("end_line", line)
    for n in range(max(1, line - context), min(len(lines), max(end, line) + context) + 1):
        mark = ">" if line <= n <= end else " "
        out.write("   %s%5d | %s\n" % (mark, n, clip(lines[n - 1], width)))
    source = finding.get("source")
    if source:
        slines = read_lines(root, source["path"])
        out.write("  source %s:\n" % source["path"])
        s, e = source["line"], source.get("end_line", source["line"])
        for n in range(max(1, s - 1), min(len(slines), min(e, s + 12) + 1) + 1):
            mark = ">" if s <= n <= e else " "
            out.write("   %s%5d | %s\n" % (mark, n, clip(slines[n - 1], width)))
    out.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", help="a `loclint check --format json` output")
    parser.add_argument("--root", default=".", help="the folder loclint ran in")
    parser.add_argument("--per-rule", type=int, default=10, help="findings drawn per rule")
    parser.add_argument("--rule", action="append", help="only these rules")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--context", type=int, default=2, help="lines around the finding")
    parser.add_argument("--width", type=int, default=220)
    args = parser.parse_args()

    with open(args.json, encoding="utf-8") as f:
        run = json.load(f)
    by_rule = collections.defaultdict(list)
    for finding in run["findings"]:
        if not args.rule or finding["rule"] in args.rule:
            by_rule[finding["rule"]].append(finding)
    rng = random.Random(args.seed)
    for rule in sorted(by_rule):
        findings = by_rule[rule]
        drawn = rng.sample(findings, min(args.per_rule, len(findings)))
        sys.stdout.write("## %s: %d drawn of %d\n\n" % (rule, len(drawn), len(findings)))
        for finding in sorted(drawn, key=lambda f: (f["path"], f["line"], f["column"])):
            show(finding, args.root, args.context, args.width, sys.stdout)


if __name__ == "__main__":
    main()
