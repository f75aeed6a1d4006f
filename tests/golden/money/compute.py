#!/usr/bin/env python3
"""An independent implementation of tests/golden/money/money.terms and
periods.terms: effective dates inside a year, one-time money, last_year( ).

It does not read the .terms files: their figures and rules are written out
again below.  Arithmetic is exact (fractions.Fraction, never float);
rounding is half up (away from zero) to cents, written out by hand.

    python3 compute.py eval YEAR            the money.terms CSV `terms eval --year YEAR` prints
    python3 compute.py cost                 money.terms' costing: each line's sum per year
    python3 compute.py periods YEAR         the periods.terms CSV
"""

import csv
import datetime
import os
import sys
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS = ["2024-25", "2025-26", "2026-27"]
YEAR_START = [datetime.date(2024 + y, 7, 1) for y in range(4)]


def round_half_up(x, places=2):
    q = F(1, 10 ** places)
    n = abs(x) / q
    whole = n.numerator // n.denominator
    if n - whole >= F(1, 2):
        whole += 1
    return (whole if x >= 0 else -whole) * q


def money(x):
    if (x * 100).denominator == 1:
        return "%.2f" % 0 if x == 0 else format_cents(x)
    return "%d/%d" % (x.numerator, x.denominator)


def format_cents(x):
    cents = x * 100
    assert cents.denominator == 1
    c = cents.numerator
    sign = "-" if c < 0 else ""
    c = abs(c)
    return "%s%d.%02d" % (sign, c // 100, c % 100)


def weight(year, day, periods=None):
    """Of the new value, for a change on day in contract year `year`
    (0-based): the days from day to the year's last day, inclusive, over
    the year's days; or the pay periods starting on or after day."""
    start, end = YEAR_START[year], YEAR_START[year + 1] - datetime.timedelta(days=1)
    days = (end - start).days + 1
    off = (day - start).days
    if periods is None:
        return F(days - off, days)
    k = 0
    while k < periods and k * days // periods < off:
        k += 1
    return F(periods - k, periods)


def blend(old, new, w):
    return old + (new - old) * w


# money.terms
SALARY_A = {1: {"BA": F(40000), "MA": F(44000)}, 2: {"BA": F(41000), "MA": F(45000)}, 3: {"BA": F(42000), "MA": F(46000)}}
SALARY_B = {1: {"BA": F(41200), "MA": F(45320)}, 2: {"BA": F(42230), "MA": F(46350)}, 3: {"BA": F(43260), "MA": F(47380)}}
STIPEND = [F(1000), F(1000), F(1200)]


def salary(y, step, lane):
    if y == 0:
        return SALARY_A[step][lane]
    if y == 1:  # "2025-26" from 2025-10-06
        return blend(SALARY_A[step][lane], SALARY_B[step][lane], weight(1, datetime.date(2025, 10, 6)))
    return SALARY_B[step][lane]


def stipend(y):
    if y == 2:  # from 2027-01-01
        return blend(STIPEND[1], STIPEND[2], weight(2, datetime.date(2027, 1, 1)))
    return STIPEND[y]


def pay(y, rec):
    return round_half_up(salary(y, rec["step"], rec["lane"]) * rec["fte"])


def figures(y, recs):
    """recs[k]: the employee's record in year k (0..y)."""
    rec = recs[y]
    base = salary(y, rec["step"], rec["lane"])
    p = pay(y, rec)
    last = p if y == 0 else pay(y - 1, recs[y - 1])  # before the first year: pay = pay
    kept = max(p, last)
    bonus = round_half_up(last * F(4, 100)) if y == 1 else F(0)
    sp = round_half_up(stipend(y))
    return {"base": base, "pay": p, "kept": kept, "bonus": bonus, "stipend_pay": sp, "total": kept + sp + bonus}


def roster():
    with open(os.path.join(HERE, "roster.csv"), newline="") as f:
        return [{"id": r["id"], "lane": r["lane"], "step": int(r["step"]), "fte": F(r["fte"])} for r in csv.DictReader(f)]


def advance(rec):
    r = dict(rec)
    r["step"] = min(r["step"] + 1, 3)
    return r


def eval_year(y):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "lane", "step", "base", "pay", "kept", "bonus", "stipend_pay", "total"])
    for rec in roster():
        f = figures(y, [rec] * (y + 1))  # eval: the same row in every year
        out.writerow([rec["id"], rec["lane"], rec["step"]] + [money(f[k]) for k in ["base", "pay", "kept", "bonus", "stipend_pay", "total"]])


def cost():
    sums = {k: [F(0)] * 3 for k in ["kept", "stipend_pay", "bonus", "total"]}
    for rec in roster():
        recs = [rec]
        for y in range(3):
            if y:
                recs.append(advance(recs[-1]))
            f = figures(y, recs)
            for k in sums:
                sums[k][y] += f[k]
    for k in ["kept", "stipend_pay", "bonus", "total"]:
        print(k, *[format_cents(v) for v in sums[k]])
    print("recurring", *[format_cents(sums["total"][y] - sums["bonus"][y]) for y in range(3)])
    print("one-time", *[format_cents(v) for v in sums["bonus"]])


# periods.terms: two years, `pay periods 26`, a 3% raise from 2025-10-06,
# settled 2026-01-15: as paid, the raise took effect only from the first
# pay period starting on or after the settlement
def periods_year(y):
    raise_ = F(0) if y == 0 else blend(F(0), F(3, 100), weight(1, datetime.date(2025, 10, 6), periods=26))
    paid = F(0) if y == 0 else blend(F(0), F(3, 100), weight(1, datetime.date(2026, 1, 15), periods=26))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "salary", "rate", "pay", "retro_pay"])
    for rec in [{"id": "P1", "salary": F(50000)}, {"id": "P2", "salary": F("61234.56")}]:
        pay = round_half_up(rec["salary"] * (1 + raise_))
        as_paid = round_half_up(rec["salary"] * (1 + paid))
        out.writerow([rec["id"], format_cents(rec["salary"]), fraction_or_decimal(raise_), money(pay), money(pay - as_paid)])


def fraction_or_decimal(x):
    d = x.denominator
    places = 0
    while d % 10 == 0 or d % 2 == 0 or d % 5 == 0:
        if d == 1:
            break
        x10 = x * 10 ** (places + 1)
        places += 1
        if x10.denominator == 1:
            s = str(x10.numerator).rjust(places + 1, "0")
            return (s[:-places] + "." + s[-places:]).rstrip("0").rstrip(".")
        if places > 30:
            break
    if x.denominator == 1:
        return str(x.numerator)
    return "%d/%d" % (x.numerator, x.denominator)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "eval":
        eval_year(YEARS.index(sys.argv[2]))
    elif cmd == "cost":
        cost()
    elif cmd == "periods":
        periods_year(YEARS.index(sys.argv[2]))
