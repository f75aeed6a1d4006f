#!/usr/bin/env python3
"""The figures of contracts-dsl/example-shapes.terms for roster.csv, worked
out apart from terms: the printed schedules typed in again below, exact
fractions, rounding half up to cents.  Writes expected-YEAR.csv."""
import csv
import sys
from fractions import Fraction as F

LANES = ["BA", "MA", "MA30", "DOC"]
NA = None
# printed rows (first step, last step): cells BA, MA, MA30, DOC
TEACHER = {
    "2024-25": [((1, 1), [42000, 46200, NA, NA]), ((2, 2), [43500, 47800, NA, NA]),
                ((3, 5), [45000, 49500, 52000, NA]), ((6, 11), [47000, 51700, 54300, 57000]),
                ((12, 15), [49000, 53900, 56600, 59400])],
    "2025-26": [((1, 1), [43000, 47300, NA, NA]), ((2, 2), [44500, 48900, NA, NA]),
                ((3, 5), [46000, 50600, 53100, NA]), ((6, 11), [48000, 52800, 55400, 58100]),
                ((12, 15), [50000, 55000, 57700, 60500])],
}
# the extra days' pay, the same in both years: (first step, last step): BA, MA, MA30, DOC
EXTENDED = {
    "M10": [((1, 15), [0, 0, 0, 0])],
    "M11": [((1, 5), [4200, 4600, 5000, NA]), ((6, 15), [4700, 5200, 5400, 5700])],
    "M12": [((1, 5), [8400, 9200, 9700, NA]), ((6, 15), [9400, 10400, 10800, 11400])],
}
LEVELS = ["A", "B", "C", "D", "E"]  # stand for 0..4
TEN = {"2024-25": [43448, 44323, 45198, 46073, NA], "2025-26": [44317, 45192, 46067, 46942, 47817]}
TWELVE_BASE = {"2024-25": 47448, "2025-26": 48317}


def teacher(year, step, lane, grid=None):
    for (lo, hi), cells in (grid or TEACHER[year]):
        if lo <= step <= hi:
            v = cells[LANES.index(lane)]
            assert v is not NA, "N/A cell"
            return F(v)
    raise ValueError(step)


def support(year, level, track):
    n = LEVELS.index(level)
    if track == "ten_month":
        assert TEN[year][n] is not NA
        return F(TEN[year][n])
    return F(TWELVE_BASE[year]) + 975 * n


def half_up_cents(x):
    c = x * 100
    return F(int(c + F(1, 2)) if c >= 0 else -int(-c + F(1, 2)), 100)


def money(x):
    return "%.2f" % x if x.denominator in (1, 2, 4, 5, 10, 20, 25, 50, 100) else str(x)


def row(year, r):
    lane = r["lane"]
    paid = lane
    if LANES.index(lane) < 3 and int(r["credits"]) >= 15:
        paid = LANES[LANES.index(lane) + 1]
    stipend = F(0) if lane == "BA" else F(1000) if lane in ("MA", "MA30") else F(2000)
    extended = F(0)
    if r["role"] == "teacher":
        base = teacher(year, int(r["step"]), paid)
        extended = teacher(year, int(r["step"]), paid, EXTENDED[r["months"]])
        total = half_up_cents((base + stipend + extended) * F(r["fte"]))
    else:
        base = support(year, r["level"], r["track"])
        total = half_up_cents(base * F(r["fte"]))
    return [r["id"], r["role"], paid, "%.2f" % base, "%.2f" % stipend, "%.2f" % extended, "%.2f" % total]


for year in TEACHER:
    with open(sys.argv[1] if len(sys.argv) > 1 else "roster.csv") as f:
        rows = list(csv.DictReader(f))
    with open("expected-%s.csv" % year, "w", newline="") as out:
        out.write("id,role,lane_paid,base,degree_stipend,extended,total\n")
        for r in rows:
            out.write(",".join(row(year, r)) + "\n")
