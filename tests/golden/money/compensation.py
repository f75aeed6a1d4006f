#!/usr/bin/env python3
"""contracts-dsl/example-district-compensation.terms: its total compensation
costed independently.

The contract is the settlement (settlement.py: the District's proposal, a 2%
raise from 2025-10-06, a one-time bonus of 1% of the 2024-25 contract
salary in 2025-26) with the payroll costs that follow wages and the health
plan, written out again here from the contract's words:

  social_security = round(6.2% * min(total, wage base $168,600 / $176,100))
  medicare        = round(1.45% * total)
  pension         = round(7.5% / 7.75% * (contract_salary + differential))
  health          = round(premium[plan] * employer_share * min(fte / 0.75, 1))

where total is the pay with the bonus.  Exact fractions throughout.

    python3 compensation.py ROSTER lead_teacher=$1,200 [--share A/B] [--title T]

prints the block `terms cost` prints as "total compensation, T: FILE"
(T: contract, by default) for the years 2024-25 and 2025-26, every figure
to the cent; --share sets the District's share of the premium (percents,
one per year), 85/82.5 as the contract has it.  With --rows, the rows
`terms cost --format csv` writes for it instead (year,item,value), the
percents exact.
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
roster = args[0]
lead = None
share = [F(85, 100), F(825, 1000)]
title = "contract"
path = "contracts-dsl/example-district-compensation.terms"
for i, a in enumerate(args):
    if a.startswith("lead_teacher="):
        lead = d.parse_money_arg(a.partition("=")[2])
    if a == "--share":
        share = [F(x) / 100 for x in args[i + 1].split("/")]
    if a == "--title":
        title = args[i + 1]
    if a == "--path":
        path = args[i + 1]

# the settlement, as settlement.py makes it
row = list(d.SALARY["2025-26"][9])
row[d.LANES.index("MA")] = 63100
d.SALARY["2025-26"][9] = tuple(row)
d.LONGEVITY[3] = (25, None, (F(4800), F(4800)))
d.STIPEND["robotics"] = (F(1500), F(1550))
d.POSITIONS.append("robotics")
RAISE = {"2024-25": F(0), "2025-26": F(2, 100) * F(268, 365)}
printed = d.salary_cell
d.salary_cell = lambda year, step, lane: d.round_half_up(printed(year, step, lane) * (1 + RAISE[year]))

PREMIUM = {"waived": (F(0), F(0)), "single": (F(8400), F(8988)), "plus_one": (F(15600), F(16692)),
           "family": (F(21600), F(23112))}
WAGE_BASE = (F(168600), F(176100))
PENSION = (F(75, 1000), F(775, 10000))
YEARS = ["2024-25", "2025-26"]

sums = {k: [F(0), F(0)] for k in ["pay", "one_time", "social_security", "medicare", "pension", "health"]}
with open(roster, newline="", encoding="utf-8-sig") as f:
    for r in csv.DictReader(f):
        rec = d.parse_record(r)
        first = d.evaluate(rec, "2024-25", lead)
        moved = d.advance(rec)
        second = d.evaluate(moved, "2025-26", lead)
        bonus = [F(0), d.round_half_up(first["contract_salary"] * F(1, 100))]
        for y, (who, out) in enumerate([(rec, first), (moved, second)]):
            total = out["total"] + bonus[y]
            sums["pay"][y] += total
            sums["one_time"][y] += bonus[y]
            sums["social_security"][y] += d.round_half_up(F(62, 1000) * min(total, WAGE_BASE[y]))
            sums["medicare"][y] += d.round_half_up(F(145, 10000) * total)
            sums["pension"][y] += d.round_half_up(PENSION[y] * (out["contract_salary"] + out["differential"]))
            sums["health"][y] += d.round_half_up(PREMIUM[who["plan"]][y] * share[y] * min(who["fte"] / F(3, 4), 1))


def money(x, sign=False):
    cents = x * 100
    assert cents.denominator == 1, "not whole cents"
    c = int(cents)
    s = "-" if c < 0 else "+" if sign and c > 0 else ""
    c = abs(c)
    return "{}${:,}.{:02d}".format(s, c // 100, c % 100)


def percent(x):
    """a share as terms prints it: a percent to 2 decimals, half up, signed"""
    p = x * 100
    q = abs(p) * 100
    n = int(q) + (1 if q - int(q) >= F(1, 2) else 0)
    s = "-" if p < 0 and n else "+" if p > 0 else ""
    return "{}{}.{:02d}%".format(s, n // 100, n % 100)


def row(label, values, indent=2, blank_first=False, sign=False):
    cells = [("" if blank_first and y == 0 else money(v, sign)) for y, v in enumerate(values[:2])] + [money(values[2], sign)]
    return " " * indent + label.ljust(28 - indent) + "".join(" %22s" % c for c in cells)


def with_all(v):
    return [v[0], v[1], v[0] + v[1]]


wages = [sums["pay"][y] - sums["one_time"][y] for y in range(2)]
roll_up = [sums["social_security"][y] + sums["medicare"][y] + sums["pension"][y] for y in range(2)]
tc = [sums["pay"][y] + roll_up[y] + sums["health"][y] for y in range(2)]
increase = tc[1] - tc[0]
lines = [
    "total compensation, %s: %s" % (title, path),
    "  " + "".ljust(26) + "".join(" %22s" % h for h in YEARS + ["all years"]),
    row("wages (recurring)", with_all(wages)),
    row("one-time", with_all(sums["one_time"])),
    row("roll-up", with_all(roll_up)),
    row("social_security", with_all(sums["social_security"]), 4),
    row("medicare", with_all(sums["medicare"]), 4),
    row("pension", with_all(sums["pension"]), 4),
    row("benefits", with_all(sums["health"])),
    row("health", with_all(sums["health"]), 4),
    row("total compensation", with_all(tc)),
    # over the term: the increase over last year sums to the last year's
    # total less the base year's; over 2024-25 the same with two years
    row("increase over last year", [F(0), increase, increase], blank_first=True, sign=True),
    "    " + "percent of 2024-25".ljust(24) + " %22s" % "" + " %22s" % percent(increase / tc[0])
    + " %22s" % percent(increase / tc[0]),
    row("increase over 2024-25", [F(0), increase, increase], blank_first=True, sign=True),
    "    " + "percent of 2024-25".ljust(24) + " %22s" % "" + " %22s" % percent(increase / tc[0])
    + " %22s" % percent(increase / tc[0]),
]


def exact(x):
    """as terms writes an exact figure: decimals in full when they end, else a fraction"""
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d != 1:
        return "%d/%d" % (x.numerator, x.denominator)
    places = 0
    while (x * 10 ** places).denominator != 1:
        places += 1
    n = x * 10 ** places
    s = str(abs(int(n))).rjust(places + 1, "0")
    return ("-" if x < 0 else "") + (s[:-places] + "." + s[-places:] if places else s)


def plain(x):
    """an amount as terms writes it in rows: 1234.50"""
    c = int(x * 100)
    assert c == x * 100, "not whole cents"
    return "%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100, abs(c) % 100)


if "--rows" in args:
    for item, v in [("roll-up", roll_up), ("benefits", sums["health"]), ("total compensation", tc)]:
        for y, name in enumerate(YEARS):
            print("%s,%s,%s" % (name, item, plain(v[y])))
        print("all years,%s,%s" % (item, plain(v[0] + v[1])))
    share = exact(increase * 100 / tc[0])
    for item in ["increase over last year", "increase over 2024-25"]:
        print("2025-26,%s,%s" % (item, plain(increase)))
        print('2025-26,"%s, percent of 2024-25",%s' % (item, share))
else:
    print("\n".join(lines))
