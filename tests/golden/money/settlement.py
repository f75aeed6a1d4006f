#!/usr/bin/env python3
"""contracts-dsl/example-district-settlement.terms costed independently.

The settlement is the District's proposal plus a 2% raise on every cell of
Appendix A from 2025-10-06 (268 of the 365 days of 2025-26) and a one-time
bonus in 2025-26 of 1% of the 2024-25 contract salary.  The proposal's
rules come from tests/golden/example-district/compute.py (the independent
implementation of the example district, run with --proposal); the raise
and the bonus are written out again here.  Exact fractions throughout.

    python3 settlement.py ROSTER [--set lead_teacher=$1,200] [--baseline]

prints, for `terms cost` over ROSTER (every employee evaluated in 2024-25,
moved on with `each year:`, evaluated in 2025-26), each line's sum per
year: NAME AMOUNT-2024-25 AMOUNT-2025-26; with --baseline, the baseline
contract's (example-district.terms) total instead.
"""

import csv
import importlib.util
import os
import sys
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("district", os.path.join(HERE, "..", "example-district", "compute.py"))
d = importlib.util.module_from_spec(spec)
spec.loader.exec_module(d)

args = sys.argv[1:]
baseline = "--baseline" in args
lead = None
for a in args:
    if a.startswith("lead_teacher="):
        lead = d.parse_money_arg(a.partition("=")[2])
roster = args[0]

if not baseline:  # the proposal, as compute.py --proposal makes it
    row = list(d.SALARY["2025-26"][9])
    row[d.LANES.index("MA")] = 63100
    d.SALARY["2025-26"][9] = tuple(row)
    d.LONGEVITY[3] = (25, None, (F(4800), F(4800)))
    d.STIPEND["robotics"] = (F(1500), F(1550))
    d.POSITIONS.append("robotics")
    # Settlement §1: 2% from 2025-10-06: 97 days (Jul 1 - Oct 5) at 0, 268 at 2%
    RAISE = {"2024-25": F(0), "2025-26": F(2, 100) * F(268, 365)}
    printed = d.salary_cell
    d.salary_cell = lambda year, step, lane: d.round_half_up(printed(year, step, lane) * (1 + RAISE[year]))

LINES = ["contract_salary", "differential", "extra_pay", "extra_hours_pay", "orientation_pay"]
sums = {k: [F(0), F(0)] for k in LINES + ["bonus", "total"]}
with open(roster, newline="", encoding="utf-8-sig") as f:
    for r in csv.DictReader(f):
        rec = d.parse_record(r)
        first = d.evaluate(rec, "2024-25", lead)
        second = d.evaluate(d.advance(rec), "2025-26", lead)
        # Settlement §2: 1% of last year's contract salary, once, in 2025-26
        bonus = [F(0), F(0) if baseline else d.round_half_up(first["contract_salary"] * F(1, 100))]
        for y, out in enumerate([first, second]):
            for k in LINES:
                sums[k][y] += out[k]
            sums["bonus"][y] += bonus[y]
            sums["total"][y] += out["total"] + bonus[y]


def dollars(x):
    cents = d.round_half_up(x) * 100
    assert cents == x * 100, "not whole cents"
    c = int(cents)
    return "${:,}.{:02d}".format(c // 100, c % 100)


names = ["total"] if baseline else LINES + ["bonus", "total"]
for k in names:
    print(k, *[dollars(v) for v in sums[k]])
if not baseline:
    print("recurring", *[dollars(sums["total"][y] - sums["bonus"][y]) for y in range(2)])
    print("one-time", *[dollars(v) for v in sums["bonus"]])
