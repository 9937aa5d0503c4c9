#!/usr/bin/env python3
"""Two builds' readings of the regression sets side by side (Benchmarks/regression.sh).

usage: regression_compare.py SETS BASE_READINGS NEW_READINGS [--changed]
SETS holds <group>/<set>/labels.csv; each READINGS folder <group>/<set>.tsv, the
`path<TAB>text` lines `digitlens recognize` printed in that set's folder. Scored as
../shared/tools/score.py scores (spaces stripped; a picture's digit edits are its edit
distance to the truth, at most the truth's length).
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from edit_distance import edit  # noqa: E402


def truths(labels):
    return {r["file"]: r["truth"] for r in csv.DictReader(open(labels)) if r["kind"] != "single"}


def readings(path):
    read = {}
    if os.path.exists(path):
        for line in open(path):
            if "\t" in line:
                file, text = line.rstrip("\n").split("\t")[:2]
                read[file] = text
    return read


def edits(truth, text):
    truth = truth.replace(" ", "")
    return min(edit(truth, text.replace(" ", "")), len(truth))


def main():
    sets, base_dir, new_dir = sys.argv[1:4]
    show_changed = "--changed" in sys.argv[4:]
    names = sorted(f"{group}/{name}" for group in os.listdir(sets) if os.path.isdir(os.path.join(sets, group))
                   for name in os.listdir(os.path.join(sets, group))
                   if os.path.exists(os.path.join(sets, group, name, "labels.csv")))
    totals = {"base": [0, 0, 0, 0], "new": [0, 0, 0, 0]}
    changes = []
    print(f"{'set':28s} {'base exact':>11s} {'edits':>6s}   {'new exact':>10s} {'edits':>6s}")
    for name in names:
        truth = truths(os.path.join(sets, name, "labels.csv"))
        base, new = readings(os.path.join(base_dir, name + ".tsv")), readings(os.path.join(new_dir, name + ".tsv"))
        row = {}
        for tag, read in (("base", base), ("new", new)):
            exact = sum(edits(t, read.get(f, "")) == 0 for f, t in truth.items())
            wrong = sum(edits(t, read.get(f, "")) for f, t in truth.items())
            row[tag] = (exact, wrong)
            for i, v in enumerate((exact, len(truth), wrong, sum(len(t.replace(" ", "")) for t in truth.values()))):
                totals[tag][i] += v
        mark = "  *" if row["base"] != row["new"] else ""
        print(f"{name:28s} {row['base'][0]:5d}/{len(truth):<5d} {row['base'][1]:6d}   {row['new'][0]:4d}/{len(truth):<5d} {row['new'][1]:6d}{mark}")
        for f, t in truth.items():
            a, b = base.get(f, ""), new.get(f, "")
            if a != b:
                ea, eb = edits(t, a), edits(t, b)
                changes.append(f"{'+' if eb < ea else '-' if eb > ea else '='} {name}/{f}: {a!r} -> {b!r} (truth {t!r})")
    if not names:
        sys.exit(f"regression_compare.py: no sets (folders holding labels.csv) under {sets}")
    for tag in ("base", "new"):
        exact, count, wrong, digits = totals[tag]
        print(f"{tag}: {exact}/{count} exact ({100 * exact / count:.2f}%), {wrong} digit edits ({100 * (1 - wrong / digits):.2f}% of {digits} digits)")
    better, worse = sum(c.startswith("+") for c in changes), sum(c.startswith("-") for c in changes)
    print(f"pictures read differently: {len(changes)} ({better} better, {worse} worse)")
    if show_changed:
        print("\n".join(changes))


if __name__ == "__main__":
    main()
