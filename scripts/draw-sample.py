#!/usr/bin/env python3
"""Draws a random sample of findings from corpus runs, stratified by rule, for judging.

    scripts/corpus-stats.py --out runs/
    scripts/draw-sample.py runs/ --out sample/ --batches 4 --seed 42

Writes sample/batch-N.md (each finding with its translation and source context, numbered) and
sample/batch-N.tsv (one row per finding: id, corpus, path, line, column, rule, message, and empty
verdict and reason columns for the judge to fill in). Per rule it draws --per-rule findings
(all of them where a rule has fewer), spread over the corpora in proportion to their findings;
--corpus-rule RULE=N draws N of RULE from each corpus instead, so that each corpus's rate can be
estimated. --exclude labels.tsv leaves out findings judged before (same place, rule and first
word of the message), so that a new round judges a fresh sample.
"""

import argparse
import collections
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOTS = {
    "opentelemetry.io": "opentelemetry.io/content",
    "biome-website": "biome-website/src/content/docs",
    "javascript-algorithms": "javascript-algorithms",
    "the-art-of-command-line": "the-art-of-command-line",
}


def read_lines(path, cache={}):
    if path not in cache:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                cache[path] = f.read().split("\n")
        except OSError:
            cache[path] = []
    return cache[path]


def context(root, finding, width):
    out = []
    lines = read_lines(os.path.join(root, finding["path"]))
    line, end = finding["line"], max(finding.get("end_line", finding["line"]), finding["line"])
    out.append("translation %s (%s):" % (finding["path"], finding["locale"]))
    for n in range(max(1, line - 3), min(len(lines), min(end, line + 8) + 3) + 1):
        mark = ">" if line <= n <= end else " "
        text = lines[n - 1]
        out.append("  %s%5d | %s" % (mark, n, text[:width] + ("…" if len(text) > width else "")))
    source = finding.get("source")
    if source:
        slines = read_lines(os.path.join(root, source["path"]))
        s, e = source["line"], source.get("end_line", source["line"])
        out.append("source %s:" % source["path"])
        for n in range(max(1, s - 2), min(len(slines), min(e, s + 14) + 2) + 1):
            mark = ">" if s <= n <= e else " "
            text = slines[n - 1]
            out.append("  %s%5d | %s" % (mark, n, text[:width] + ("…" if len(text) > width else "")))
    else:
        out.append("(no source place given; the source file is %s)" % "the group's English page")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", help="folder of <corpus>.json outputs (scripts/corpus-stats.py --out)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--corpora", default=os.path.join(HERE, "..", "..", "shared", "corpora"))
    parser.add_argument("--per-rule", type=int, default=25)
    parser.add_argument("--rule-size", action="append", default=[],
                        help="RULE=N: draw N findings of RULE instead of --per-rule")
    parser.add_argument("--corpus-rule", action="append", default=[],
                        help="RULE=N: draw N findings of RULE from each corpus")
    parser.add_argument("--exclude", help="a labels TSV whose findings are not drawn again")
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--width", type=int, default=240)
    args = parser.parse_args()
    sizes = dict((kv.split("=")[0], int(kv.split("=")[1])) for kv in args.rule_size)

    per_corpus = dict((kv.split("=")[0], int(kv.split("=")[1])) for kv in args.corpus_rule)
    judged = set()
    if args.exclude:
        with open(args.exclude, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                row = dict(zip(header, line.rstrip("\n").split("\t")))
                judged.add((row["corpus"], row["path"], int(row["line"]), int(row["column"]),
                            row["rule"], row["message"].split(" ")[0]))
    by_rule = collections.defaultdict(list)
    for corpus in ROOTS:
        with open(os.path.join(args.runs, corpus + ".json"), encoding="utf-8") as f:
            doc = json.load(f)
        for finding in doc["findings"]:
            finding["corpus"] = corpus
            key = (corpus, finding["path"], finding["line"], finding["column"], finding["rule"],
                   finding["message"].split(" ")[0])
            if key not in judged:
                by_rule[finding["rule"]].append(finding)
    rng = random.Random(args.seed)
    drawn = []
    for rule in sorted(by_rule):
        pool = by_rule[rule]
        if rule in per_corpus:
            for corpus in ROOTS:
                mine = [f for f in pool if f["corpus"] == corpus]
                drawn.extend(rng.sample(mine, min(per_corpus[rule], len(mine))))
            continue
        n = min(sizes.get(rule, args.per_rule), len(pool))
        drawn.extend(rng.sample(pool, n))
    rng.shuffle(drawn)
    os.makedirs(args.out, exist_ok=True)
    for b in range(args.batches):
        batch = drawn[b :: args.batches]
        with open(os.path.join(args.out, "batch-%d.md" % (b + 1)), "w", encoding="utf-8") as md, \
                open(os.path.join(args.out, "batch-%d.tsv" % (b + 1)), "w", encoding="utf-8") as tsv:
            tsv.write("id\tcorpus\tpath\tline\tcolumn\trule\tmessage\tverdict\treason\n")
            for i, f in enumerate(batch):
                ident = "%d-%03d" % (b + 1, i + 1)
                root = os.path.join(args.corpora, ROOTS[f["corpus"]])
                md.write("## %s  %s %s:%d:%d  [%s] %s\n" % (
                    ident, f["corpus"], f["path"], f["line"], f["column"], f["rule"], f["message"]))
                if f.get("fix"):
                    md.write("fix: %s\n" % f["fix"])
                md.write("excerpt: %r\n" % f.get("excerpt", "")[:300])
                md.write("```\n%s\n```\n\n" % context(root, f, args.width))
                tsv.write("\t".join([
                    ident, f["corpus"], f["path"], str(f["line"]), str(f["column"]), f["rule"],
                    f["message"].replace("\t", " ").replace("\n", " "), "", ""]) + "\n")
    counts = collections.Counter(f["rule"] for f in drawn)
    print("drew %d findings: %s" % (len(drawn), dict(counts)))


if __name__ == "__main__":
    main()
