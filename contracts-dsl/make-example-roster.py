#!/usr/bin/env python3
"""Writes example-district-roster.csv, the sample roster for
example-district.terms.

The roster is deterministic (a fixed seed, no clock), so running this again
reproduces the committed file byte for byte:

    python3 contracts-dsl/make-example-roster.py > contracts-dsl/example-district-roster.csv

(`make-example-roster.py 10000` writes a larger roster of the same kind.)

The first rows are written by hand to hit every rule and edge of the
contract: each longevity boundary (9/10, 14/15, 19/20, 24/25 years) with 4
and with 5 years in the district, every lane at steps 1, 13, 14 and 15 (14
and 15 are clamped to the schedule's last row), part-time FTEs on both sides
of the 0.75 insurance line, every position and health plan, 0 to 3
assignments, the orientation window's first and last days, extra hours
around the 120-hour cap, and names with commas, quotes and accents that need
CSV quoting.  Seeded random rows fill the rest.
"""

import random
import sys

LANES = ["BA", "BA15", "MA", "MA15", "MA30", "DOC"]
POSITIONS = ["play_director", "band", "yearbook", "head_football", "debate", "dept_chair"]
PLANS = ["waived", "single", "plus_one", "family"]
BUILDINGS = ["Central High", "North Middle", "Lakeview Elementary", "Riverside Elementary"]

# The roster has every column the contract's employee record declares, plus
# `building`, which the contract does not use (the reader ignores it).
COLUMNS = ["id", "name", "building", "lane", "step", "years", "district_years", "fte",
           "national_board", "lead", "hire_date", "plan", "assignments", "extra_hours"]

FIRST = ["Avery", "Jordan", "Morgan", "Riley", "Casey", "Quinn", "Taylor", "Harper", "Rowan",
         "Emerson", "Dakota", "Sasha", "Jamie", "Kendall", "Logan", "Parker", "Reese", "Skyler"]
LAST = ["Andersen", "Berg", "Carlson", "Dahl", "Eklund", "Fischer", "Gustafson", "Hanson",
        "Iverson", "Johnson", "Kowalski", "Larson", "Moua", "Nguyen", "Olson", "Peterson",
        "Quist", "Rasmussen", "Schmidt", "Thao", "Vang", "Wold", "Xiong", "Yang", "Zimmerman"]


def cell(s):
    """One CSV cell, quoted only when it must be (RFC 4180)."""
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def row(**f):
    defaults = {"building": "Central High", "national_board": "no", "lead": "no",
                "plan": "single", "assignments": "", "extra_hours": "0", "fte": "1.000"}
    r = dict(defaults)
    r.update(f)
    if "hire_date" not in r:
        # hired for the year district_years before 2024-25 (this year if 0)
        r["hire_date"] = f"{2024 - r['district_years']}-08-{19 + r['district_years'] % 7:02d}"
    return r


def hand_rows():
    rows = []
    # Longevity boundaries: years on each side of every tier's first year,
    # with 4 (too few) and 5 (enough) years in the district.
    lanes = iter(LANES * 4)
    for years in (9, 10, 14, 15, 19, 20, 24, 25):
        for dy in (4, 5):
            rows.append(row(lane=next(lanes), step=min(years + 1, 15), years=years,
                            district_years=dy, hire_date=f"{2024 - dy}-08-{20 + dy:02d}"))
    # Every lane at steps 1, 13 (the last row), 14 and 15 (clamped to 13).
    for lane in LANES:
        for step in (1, 13, 14, 15):
            years = step - 1 + (3 if step > 1 else 0)
            rows.append(row(lane=lane, step=step, years=years, district_years=min(years, 6)))
    # Part-time: both sides of the 0.75 insurance line, with every plan.
    for fte, plan in (("0.500", "single"), ("0.500", "family"), ("0.833", "plus_one"),
                      ("0.833", "family"), ("0.75", "family"), ("0.749", "plus_one"),
                      ("0.6", "single"), ("0.4", "family"), ("0.500", "waived"),
                      ("0.25", "plus_one")):
        rows.append(row(lane="MA", step=6, years=8, district_years=8, fte=fte, plan=plan))
    # A half cent to round: DOC step 13 is $74,595.15; x 0.5 = $37,297.575.
    rows.append(row(lane="DOC", step=13, years=16, district_years=3, fte="0.500", plan="single"))
    rows.append(row(lane="DOC", step=13, years=16, district_years=3, fte="0.500", plan="family",
                    national_board="yes"))
    # Exact half cents, where half up, half down and half even all differ:
    # contract_salary (2024-25: BA step 2 x 0.875 = $38,040.625; DOC step 5
    # x 0.5 = $29,925.525) and daily_rate (2024-25: $33,101.25 / 194 =
    # $170.625; 2025-26: $33,877.25 / 194 = $174.625).
    rows.append(row(lane="BA", step=2, years=1, district_years=1, fte="0.875"))
    rows.append(row(lane="DOC", step=5, years=5, district_years=5, fte="0.500"))
    rows.append(row(lane="BA", step=4, years=25, district_years=5, fte="0.65"))
    rows.append(row(lane="BA15", step=10, years=15, district_years=5, fte="0.55"))
    # Every position alone, then two and three together.
    for p in POSITIONS:
        rows.append(row(lane="BA15", step=4, years=3, district_years=3, assignments=p))
    for combo in ("band;yearbook", "band;play_director", "head_football;debate;dept_chair",
                  "play_director;band;head_football", "yearbook;dept_chair", "debate;band;yearbook"):
        rows.append(row(lane="MA15", step=9, years=11, district_years=9, assignments=combo))
    # Lead teachers (they need --set lead_teacher), alone and with everything else.
    rows.append(row(lane="MA", step=12, years=14, district_years=10, lead="yes"))
    rows.append(row(lane="MA30", step=15, years=26, district_years=26, lead="yes",
                    national_board="yes", assignments="band;head_football", plan="family"))
    rows.append(row(lane="BA", step=3, years=2, district_years=2, lead="yes", fte="0.500",
                    plan="plus_one", assignments="debate"))
    rows.append(row(lane="DOC", step=14, years=19, district_years=5, lead="yes", fte="0.833",
                    national_board="yes", extra_hours="40"))
    # National board with the advanced differential (MA30/DOC from step 13) and without.
    rows.append(row(lane="MA30", step=13, years=12, district_years=12, national_board="yes"))
    rows.append(row(lane="MA30", step=12, years=12, district_years=12, national_board="yes"))
    rows.append(row(lane="DOC", step=12, years=11, district_years=7))
    # Orientation window: hired on the first and the last day of each contract
    # year, and one day on either side.
    for hire in ("2024-06-30", "2024-07-01", "2024-08-19", "2025-01-06", "2025-06-30",
                 "2025-07-01", "2025-08-25", "2026-06-30", "2026-07-01"):
        rows.append(row(lane="BA", step=1, years=0, district_years=0, hire_date=hire))
    # Extra hours around the 120-hour cap, and the hourly floor.
    for hours, lane, step, fte in (("0.5", "BA", 1, "1.000"), ("7.25", "MA", 8, "1.000"),
                                   ("119.75", "MA15", 10, "1.000"), ("120", "MA30", 11, "1.000"),
                                   ("120.25", "BA", 5, "1.000"), ("130.5", "MA", 5, "1.000"),
                                   ("60", "BA15", 2, "0.500"), ("200", "DOC", 15, "0.833")):
        rows.append(row(lane=lane, step=step, years=step + 1, district_years=step,
                        extra_hours=hours))
    # Long service: hired decades ago.
    rows.append(row(lane="MA30", step=15, years=38, district_years=36, hire_date="1988-08-29",
                    plan="plus_one"))
    return rows


# Names that need quoting in a CSV file, and some that need UTF-8.
AWKWARD_NAMES = [
    "O'Brien, Patrick",
    'Smith, Jane "JJ"',
    '"Doc" Holliday',
    "Nguyễn, Thị Mai",
    "José Ramírez",
    "Lee, Dana, Jr.",
    'Martin "Marty" Kline',
    "Søren Kierkegaard-Berg",
]


def random_row(rng):
    lane = rng.choice(LANES)
    step = rng.randint(1, 15)
    years = step - 1 + rng.choice([0, 0, 1, 2, 3, 5, 8, 12])
    district_years = rng.randint(0, years) if years else 0
    # hired on a duty day about district_years before 2024-07-01
    hire_year = 2024 - district_years
    hire_date = f"{hire_year}-08-{rng.randint(15, 31):02d}" if district_years else \
        rng.choice(["2024-08-19", "2024-08-26", "2024-10-14", "2025-01-06"])
    fte = rng.choice(["1.000"] * 10 + ["0.500", "0.833", "0.75", "0.6", "0.4", "0.667"])
    k = rng.choice([0, 0, 0, 0, 1, 1, 1, 2, 2, 3])
    assignments = ";".join(rng.sample(POSITIONS, k))
    extra_hours = rng.choice(["0"] * 6 + ["4", "12.5", "24", "36.75", "80", "150"])
    return row(lane=lane, step=step, years=years, district_years=district_years, fte=fte,
               national_board="yes" if rng.random() < 0.15 else "no",
               lead="yes" if rng.random() < 0.10 else "no",
               hire_date=hire_date, plan=rng.choice(PLANS), assignments=assignments,
               extra_hours=extra_hours, building=rng.choice(BUILDINGS))


def main():
    rng = random.Random(20240701)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 240
    rows = hand_rows()
    while len(rows) < count:
        rows.append(random_row(rng))
    names_used = set()
    awkward = iter(AWKWARD_NAMES)
    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="\n")
    out.write(",".join(COLUMNS) + "\n")
    for i, r in enumerate(rows, 1):
        r["id"] = f"T{i:04d}"
        name = next(awkward, None) if i % 25 == 7 else None
        # names are unique while the 900 combinations last
        while name is None or (name in names_used and len(names_used) < 800):
            name = f"{rng.choice(LAST)}, {rng.choice(FIRST)}" if rng.random() < 0.5 else \
                f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        names_used.add(name)
        r["name"] = name
        out.write(",".join(cell(str(r[c])) for c in COLUMNS) + "\n")


if __name__ == "__main__":
    main()
