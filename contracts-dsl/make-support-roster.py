#!/usr/bin/env python3
"""Writes example-support-roster.csv, the sample roster for
example-support.terms (the District's hourly support unit).

Deterministic (a fixed seed, no clock): running it again reproduces the
committed file byte for byte:

    python3 contracts-dsl/make-support-roster.py > contracts-dsl/example-support-roster.csv

The first rows are written by hand to hit every rule and edge: every grade
at steps 1, 6, 7 and 8 (7 and 8 are paid as 6), assigned days on both sides
of the six insured hours (5.99, 6, 6.01), every plan, overtime that makes a
half cent, night shifts, each longevity boundary (9/10, 14/15, 19/20 years)
and names that need CSV quoting.  Seeded random rows fill the rest.
"""

import random
import sys

GRADES = ["I", "II", "III", "IV", "V"]
PLANS = ["waived", "single", "plus_one", "family"]
# each job with the grades it is placed in, its usual day and year
JOBS = {
    "para": (["I", "II"], ["6.5", "7", "5.75"], [180, 182]),
    "custodian": (["II", "III"], ["8"], [260]),
    "head_custodian": (["IV"], ["8"], [260]),
    "food_service": (["I"], ["4.5", "5.75", "6"], [178, 180]),
    "cook": (["II"], ["6.5", "7.5"], [180]),
    "office": (["III"], ["7.5", "8"], [200, 220, 260]),
    "secretary": (["IV", "V"], ["8"], [230, 260]),
}
BUILDINGS = ["Central High", "North Middle", "Lakeview Elementary", "Riverside Elementary", "Bus Garage"]
FIRST = ["Avery", "Blake", "Casey", "Dana", "Emery", "Finley", "Gray", "Harper", "Jesse", "Kai", "Lee",
         "Morgan", "Noel", "Parker", "Quinn", "Reese", "Sage", "Tatum"]
LAST = ["Olson", "Nguyen", "Garcia", "Berg", "Johnson", "Lindqvist", "Moua", "Yang", "Hansen", "Xiong"]

HEADER = ["id", "name", "building", "job", "grade", "step", "hours_per_day", "days_per_year",
          "overtime_hours", "night_shift", "district_years", "plan"]


def cell(v):
    v = str(v)
    if any(c in v for c in ',"\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def main():
    rng = random.Random(2024)
    rows = []

    def add(name, job, grade, step, hours, days, overtime="0", night="no", years=0, plan="single",
            building="Central High"):
        rows.append([f"S{len(rows) + 1:04d}", name, building, job, grade, step, hours, days, overtime,
                     night, years, plan])

    # every grade at the first, last and clamped steps
    for g in GRADES:
        for step in (1, 6, 7, 8):
            add(f"Grade {g}, step {step}", "office", g, step, "8", 260)
    # the insured day's edge, with every plan
    for hours in ("5.99", "6", "6.01"):
        for plan in PLANS:
            add(f"Day of {hours} hours, {plan}", "food_service", "I", 3, hours, 180, plan=plan)
    # overtime: 20.95 x 1.5 = 31.425 -> 31.43 (half up), and odd hours
    for ot in ("0.5", "1.25", "37.5", "100"):
        add(f"Overtime {ot}", "custodian", "III", 4, "8", 260, overtime=ot)
    # night shifts on short and long days
    for hours in ("4.5", "8"):
        add(f"Night shift, {hours} hours", "custodian", "II", 2, hours, 260, night="yes")
    # longevity boundaries
    for years in (9, 10, 14, 15, 19, 20, 31):
        add(f"District years {years}", "secretary", "V", 6, "8", 230, years=years)
    add('Smith, Jordan "JJ"', "cook", "II", 5, "7.5", 180, building="North Middle")
    add("Renée Åberg", "para", "II", 3, "6.5", 182, building="Lakeview Elementary")

    while len(rows) < 160:
        job = rng.choice(sorted(JOBS))
        grades, hours, days = JOBS[job]
        years = rng.randrange(0, 30)
        add(f"{rng.choice(LAST)}, {rng.choice(FIRST)}", job, rng.choice(grades), rng.randrange(1, 9),
            rng.choice(hours), rng.choice(days),
            overtime=rng.choice(["0", "0", "0", "4", "12.5", "26", "41.25"]),
            night="yes" if job in ("custodian", "head_custodian") and rng.randrange(3) == 0 else "no",
            years=years, plan=rng.choice(PLANS), building=rng.choice(BUILDINGS))

    out = sys.stdout
    out.write(",".join(HEADER) + "\n")
    for r in rows:
        out.write(",".join(cell(v) for v in r) + "\n")


main()
