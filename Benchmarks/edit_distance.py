"""Levenshtein distance between two strings, as ../shared/tools/score.py counts it (that
script runs when imported, so the benchmark scripts import this one instead)."""


def edit(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
