#!/usr/bin/env python3
"""Compares an audit's findings.csv with an expected one, by the spec's key and tolerance.

Usage: compare_findings.py EXPECTED ACTUAL
Exit 0 when every expected finding is present with its amount within max(1.00, 0.5%), else 1.
"""
import csv
import sys
from decimal import Decimal


def load(path):
    rows = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["leak_type"], r["account_id"], r["contract_id"], r["metric"])
            rows[key] = r
    return rows


def main(expected_path, actual_path):
    expected, actual = load(expected_path), load(actual_path)
    problems = []
    for key, e in sorted(expected.items()):
        a = actual.get(key)
        if a is None:
            problems.append(f"missing  {key} amount {e['amount']}")
            continue
        ea, aa = Decimal(e["amount"]), Decimal(a["amount"])
        tolerance = max(Decimal("1.00"), abs(ea) * Decimal("0.005"))
        if abs(ea - aa) > tolerance:
            problems.append(f"amount   {key} expected {ea} got {aa}")
        for col in ("kind", "period_start", "period_end", "currency"):
            if e[col] != a[col]:
                problems.append(f"{col:<8} {key} expected {e[col]} got {a[col]}")
    for key in sorted(set(actual) - set(expected)):
        problems.append(f"extra    {key} amount {actual[key]['amount']}")
    print(f"{len(expected)} expected, {len(actual)} actual, {len(problems)} differences")
    for p in problems:
        print("  " + p)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
