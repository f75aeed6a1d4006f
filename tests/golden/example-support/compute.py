#!/usr/bin/env python3
"""An independent implementation of contracts-dsl/example-support.terms.

It does not read the .terms file and shares no code with `terms`: the
contract's figures and rules are written out again below, by hand, from the
contract's text.  It reads the roster, evaluates one contract year for every
employee and writes the CSV that `terms eval` should produce.

Arithmetic is exact: fractions.Fraction everywhere, never float.  Rounding
is the contract's, half up (half away from zero) to cents.

    python3 compute.py ROSTER.csv --year 2024-25 > expected-2024-25.csv

--proposal computes contracts-dsl/example-support-proposal.terms instead:
every rate times (1 + 1%) in 2025-26 (0 in 2024-25), rounded half up to
the cent, and a night-shift differential of $1.00 in 2025-26.

--advance applies `each year` (step + 1 up to 8, district_years + 1) once
per year before the one evaluated, as `terms cost` does from a first-year
roster; the committed expected files are produced without it.
"""

import argparse
import csv
import sys
from fractions import Fraction as F

YEARS = ["2024-25", "2025-26"]
GRADES = ["I", "II", "III", "IV", "V"]

# Appendix A, steps 1..6 by grade I..V (steps 7 and 8 are paid as step 6)
RATES = {
    "2024-25": [
        ("16.40", "17.85", "19.30", "21.15", "23.60"),
        ("16.85", "18.35", "19.85", "21.75", "24.30"),
        ("17.30", "18.85", "20.40", "22.35", "25.00"),
        ("17.75", "19.35", "20.95", "22.95", "25.70"),
        ("18.20", "19.85", "21.50", "23.55", "26.40"),
        ("18.65", "20.35", "22.05", "24.15", "27.10"),
    ],
    "2025-26": [
        ("16.89", "18.39", "19.88", "21.78", "24.31"),
        ("17.36", "18.90", "20.45", "22.40", "25.03"),
        ("17.82", "19.42", "21.01", "23.02", "25.75"),
        ("18.28", "19.93", "21.58", "23.64", "26.47"),
        ("18.75", "20.45", "22.15", "24.26", "27.19"),
        ("19.21", "20.96", "22.71", "24.87", "27.91"),
    ],
}
SHIFT = {"2024-25": F("0.85"), "2025-26": F("0.90")}
INSURED_HOURS = F(6)
LONGEVITY = [  # (from, to or None, 2024-25, 2025-26)
    (10, 14, 500, 525),
    (15, 19, 800, 840),
    (20, None, 1100, 1100),
]
INSURANCE = {"waived": (0, 0), "single": (6600, 6930), "plus_one": (9900, 10395), "family": (13200, 13860)}


def round_half_up(x):
    """x rounded to cents, half away from zero."""
    c = abs(x) * 100
    n = c.numerator // c.denominator
    if c - n >= F(1, 2):
        n += 1
    return F(n if x >= 0 else -n, 100)


def money(x):
    assert x * 100 == int(x * 100), x
    c = int(x * 100)
    sign = "-" if c < 0 else ""
    c = abs(c)
    return f"{sign}{c // 100}.{c % 100:02d}"


def decimal(x):
    """shortest exact decimal form: 2080, 1023.5, 1078.2 (every hour figure ends)"""
    places = 0
    while (x * 10 ** places).denominator != 1:
        places += 1
    digits = f"{abs(x * 10 ** places).numerator:0{places + 1}d}"
    whole, frac = digits[:len(digits) - places], digits[len(digits) - places:]
    return ("-" if x < 0 else "") + whole + ("." + frac if places else "")


def cell(v):
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v


PROPOSAL_RAISE = {"2024-25": F(0), "2025-26": F(1, 100)}
PROPOSAL_SHIFT = {"2024-25": F("0.85"), "2025-26": F("1.00")}


def evaluate(row, year, advance, proposal=False):
    y = YEARS.index(year)
    step = int(row["step"])
    district_years = int(row["district_years"])
    if advance:
        for _ in range(y):
            step = min(step + 1, 8)
            district_years += 1
    hours = F(row["hours_per_day"])
    days = int(row["days_per_year"])
    overtime = F(row["overtime_hours"])
    rate = F(RATES[year][min(step, 6) - 1][GRADES.index(row["grade"])])
    if proposal:
        rate = round_half_up(rate * (1 + PROPOSAL_RAISE[year]))
    annual_hours = hours * days
    regular = round_half_up(rate * annual_hours)
    ot_rate = round_half_up(rate * F(3, 2))
    ot_pay = round_half_up(ot_rate * overtime)
    shift = round_half_up((PROPOSAL_SHIFT if proposal else SHIFT)[year] * annual_hours) if row["night_shift"] == "yes" else F(0)
    longevity = F(0)
    for lo, hi, a, b in LONGEVITY:
        if district_years >= lo and (hi is None or district_years <= hi):
            longevity = F((a, b)[y])
    total = regular + ot_pay + shift + longevity
    insurance = F(INSURANCE[row["plan"]][y])
    board = insurance if hours >= INSURED_HOURS else F(0)
    return [row["id"], row["name"], row["job"], row["grade"], str(step), money(rate), decimal(annual_hours),
            money(regular), money(ot_pay), money(shift), money(longevity), money(total), money(board)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("roster")
    ap.add_argument("--year", choices=YEARS, required=True)
    ap.add_argument("--advance", action="store_true")
    ap.add_argument("--proposal", action="store_true")
    a = ap.parse_args()
    out = sys.stdout
    out.write("id,name,job,grade,step,rate,annual_hours,regular_pay,overtime_pay,shift_pay,longevity,total,"
              "board_insurance\n")
    with open(a.roster, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.write(",".join(cell(v) for v in evaluate(row, a.year, a.advance, a.proposal)) + "\n")


main()
