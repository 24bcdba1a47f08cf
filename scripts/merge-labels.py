#!/usr/bin/env python3
"""Merges judged sample tables (scripts/draw-sample.py, then filled in by a judge) into the
committed labels, tests/corpus/labels.tsv.

    scripts/merge-labels.py --round 2 judging/round2/batch-*.judged.tsv

A label is keyed by corpus, path, line, column and rule: a later round's verdict replaces an
earlier one.
Rows without a verdict are skipped. The file stays sorted, so that its diffs read well.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = os.path.join(HERE, "..", "tests", "corpus", "labels.tsv")
COLUMNS = ["corpus", "path", "line", "column", "rule", "verdict", "round", "reason", "message"]
VERDICTS = {"TRUE", "FALSE", "DEBATABLE"}


def read(path):
    """A tab-separated table with a header row, as a list of dicts (no quoting: fields hold no
    tabs or line breaks)."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("judged", nargs="+", help="judged tables")
    parser.add_argument("--round", required=True, help="the judging round these verdicts come from")
    parser.add_argument("--labels", default=LABELS)
    args = parser.parse_args()

    labels = {}
    for row in read(args.labels):
        labels[(row["corpus"], row["path"], row["line"], row["column"], row["rule"])] = row
    added = 0
    for table in args.judged:
        for row in read(table):
            verdict = (row.get("verdict") or "").strip().upper()
            if not verdict:
                continue
            if verdict not in VERDICTS:
                sys.exit("%s: %s: verdict %r is none of %s" % (table, row["id"], verdict, VERDICTS))
            key = (row["corpus"], row["path"], row["line"], row["column"], row["rule"])
            labels[key] = {
                "corpus": row["corpus"],
                "path": row["path"],
                "line": row["line"],
                "column": row["column"],
                "rule": row["rule"],
                "verdict": verdict,
                "round": args.round,
                "reason": " ".join((row.get("reason") or "").split()),
                "message": " ".join(row["message"].split()),
            }
            added += 1
    os.makedirs(os.path.dirname(args.labels), exist_ok=True)
    rows = sorted(
        labels.values(),
        key=lambda r: (r["corpus"], r["path"], int(r["line"]), int(r["column"]), r["rule"]),
    )
    with open(args.labels, "w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(row.get(k, "").replace("\t", " ") for k in COLUMNS) + "\n")
    print("%d verdicts merged; %d labels in %s" % (added, len(rows), os.path.relpath(args.labels)))


if __name__ == "__main__":
    main()
