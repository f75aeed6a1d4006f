#!/usr/bin/env python3
"""An independent implementation of contracts-dsl/example-district.terms.

It does not read the .terms file and shares no code with `terms`: the
contract's figures and rules are written out again below, by hand, from the
contract's text.  It reads the roster, evaluates one contract year for every
employee and writes the CSV that `terms eval` should produce, so that the
two implementations check each other.

Arithmetic is exact: fractions.Fraction everywhere, never float.  Rounding
is the contract's, half up (half away from zero) to cents, written out
explicitly in round_half_up().

    python3 compute.py ROSTER.csv --year 2024-25 --set 'lead_teacher=$1,200' > expected-2024-25.csv

--raise R computes example-district-raise.terms with its param `raise` at
R instead: the 2025-26 schedule worked out from 2024-25 (with R = 0.03 it
is the printed one, which tests/cli/derive.sh checks).

--advance applies the contract's `each year` rules (step + 1 up to 15,
years + 1, district_years + 1) once per year before the one evaluated,
for multi-year costing from a first-year roster.  The committed expected
files are produced without it: each row is evaluated as the roster gives it.
"""

import argparse
import csv
import datetime
import sys
from fractions import Fraction as F

YEARS = ["2024-25", "2025-26"]
LANES = ["BA", "BA15", "MA", "MA15", "MA30", "DOC"]
POSITIONS = ["play_director", "band", "yearbook", "head_football", "debate", "dept_chair"]
PLANS = ["waived", "single", "plus_one", "family"]

# Appendix A, steps 1..13, columns BA, BA15, MA, MA15, MA30.  DOC is MA30 x 1.05.
SALARY = {
    "2024-25": [
        (42000, 43890, 46200, 48090, 49980),
        (43475, 45431, 47823, 49779, 51735),
        (44950, 46973, 49445, 51468, 53491),
        (46425, 48514, 51068, 53157, 55246),
        (47900, 50056, 52690, 54846, 57001),
        (49375, 51597, 54313, 56534, 58756),
        (50850, 53138, 55935, 58223, 60512),
        (52325, 54680, 57558, 59912, 62267),
        (53800, 56221, 59180, 61601, 64022),
        (55275, 57762, 60803, 63290, 65777),
        (56750, 59304, 62425, 64979, 67533),
        (58225, 60845, 64048, 66668, 69288),
        (59700, 62387, 65670, 68357, 71043),
    ],
    "2025-26": [
        (43260, 45207, 47586, 49533, 51479),
        (44779, 46794, 49258, 51272, 53287),
        (46299, 48382, 50928, 53012, 55096),
        (47818, 49969, 52600, 54752, 56903),
        (49337, 51558, 54271, 56491, 58711),
        (50856, 53145, 55942, 58230, 60519),
        (52376, 54732, 57613, 59970, 62327),
        (53895, 56320, 59285, 61709, 64135),
        (55414, 57908, 60955, 63449, 65943),
        (56933, 59495, 62627, 65189, 67750),
        (58453, 61083, 64298, 66928, 69559),
        (59972, 62670, 65969, 68668, 71367),
        (61491, 64259, 67640, 70408, 73174),
    ],
}
DOC_FACTOR = F("1.05")

# Art. VI §11, (2024-25, 2025-26)
STIPEND = {
    "play_director": (F(3934), F(4012)),
    "band": (F(4393), F(4481)),
    "yearbook": (F(2150), F(2150)),
    "head_football": (F(5120), F(5274)),
    "debate": (F("2675.50"), F(2756)),
    "dept_chair": (F(1800), F(1850)),
}
COACHED = {"band", "play_director", "head_football", "debate"}

# Art. VI §5: (lowest years, highest years or None, amount per year); district_years >= 5
LONGEVITY = [
    (10, 14, (F(1000), F(1050))),
    (15, 19, (F(2000), F(2100))),
    (20, 24, (F(3200), F(3300))),
    (25, None, (F(4500), F(4500))),
]

NATIONAL_BOARD = F(1500)
ADVANCED = (F(600), F(650))
MULTI_ACTIVITY = F(400)
HOURS_PER_DAY = F("7.5")
EXTRA_HOURS_CAP = F(120)
MIN_HOURLY = (F(32), F(33))
ORIENTATION = (F(150), F(160))
YEAR_START = (datetime.date(2024, 7, 1), datetime.date(2025, 7, 1))
INSURANCE = {
    "waived": (F(0), F(0)),
    "single": (F(7200), F(7560)),
    "plus_one": (F(12600), F(13230)),
    "family": (F(18000), F(18900)),
}
INSURANCE_FULL_FTE = F("0.75")

OUTPUTS = [
    ("id", "text"), ("name", "text"), ("lane", "enum"), ("step", "integer"),
    ("fte", "decimal"), ("lead", "yesno"), ("base", "money"), ("longevity", "money"),
    ("contract_salary", "money"), ("daily_rate", "money"), ("hourly_rate", "money"),
    ("differential", "money"), ("extra_pay", "money"), ("coaches", "integer"),
    ("extra_hours_pay", "money"), ("orientation_pay", "money"), ("total", "money"),
    ("insurance", "money"), ("board_insurance", "money"), ("service_years", "integer"),
]


class RowError(Exception):
    pass


def round_half_up(x, places=2):
    """x rounded to `places` decimals, a half going away from zero."""
    assert isinstance(x, F)
    scale = F(10) ** places
    scaled = abs(x) * scale
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= F(1, 2):
        whole += 1
    result = F(whole) / scale
    return -result if x < 0 else result


def years_between(d1, d2):
    """Whole years from d1 to d2, counted like an age, toward zero when d2 < d1."""
    years = d2.year - d1.year
    if d2 >= d1:
        if (d2.month, d2.day) < (d1.month, d1.day):
            years -= 1
    elif (d2.month, d2.day) > (d1.month, d1.day):
        years += 1
    return years


def parse_decimal(s, what):
    s = s.strip()
    digits = s.lstrip("-")
    if not digits or digits.count(".") > 1 or not digits.replace(".", "").isdigit():
        raise RowError(f"{what}: {s!r} is not a decimal number")
    return F(s)


def parse_int(s, what):
    s = s.strip()
    if not s.lstrip("-").isdigit():
        raise RowError(f"{what}: {s!r} is not an integer")
    return int(s)


def parse_yesno(s, what):
    if s not in ("yes", "no"):
        raise RowError(f"{what}: {s!r} is not yes or no")
    return s == "yes"


def parse_member(s, members, what):
    if s not in members:
        raise RowError(f"{what}: {s!r} is not one of {', '.join(members)}")
    return s


def parse_record(r):
    rec = {
        "id": r["id"],
        "name": r["name"],
        "lane": parse_member(r["lane"], LANES, "lane"),
        "step": parse_int(r["step"], "step"),
        "years": parse_int(r["years"], "years"),
        "district_years": parse_int(r["district_years"], "district_years"),
        "fte": parse_decimal(r["fte"], "fte"),
        "national_board": parse_yesno(r["national_board"], "national_board"),
        "lead": parse_yesno(r["lead"], "lead"),
        "hire_date": datetime.date.fromisoformat(r["hire_date"]),
        "plan": parse_member(r["plan"], PLANS, "plan"),
        "assignments": [parse_member(p, POSITIONS, "assignments")
                        for p in r["assignments"].split(";") if p != ""],
        "extra_hours": parse_decimal(r["extra_hours"], "extra_hours"),
    }
    if not 1 <= rec["step"] <= 15:
        raise RowError(f"step: {rec['step']} is outside 1 to 15")
    return rec


def advance(rec):
    rec = dict(rec)
    rec["step"] = min(rec["step"] + 1, 15)
    rec["years"] += 1
    rec["district_years"] += 1
    return rec


def salary_cell(year, step, lane):
    row = SALARY[year][min(max(step, 1), 13) - 1]   # clamp to steps 1..13
    if lane == "DOC":
        return F(row[4]) * DOC_FACTOR
    return F(row[LANES.index(lane)])


def evaluate(rec, year, lead_teacher):
    y = YEARS.index(year)
    out = {}

    base = salary_cell(year, rec["step"], rec["lane"])

    # longevity: at most one tier
    longevity = F(0)
    if rec["district_years"] >= 5:
        for lo, hi, amounts in LONGEVITY:
            if rec["years"] >= lo and (hi is None or rec["years"] <= hi):
                longevity += amounts[y]

    contract_salary = round_half_up((base + longevity) * rec["fte"])
    daily_rate = round_half_up(contract_salary / 194)
    hourly_rate = max(round_half_up(daily_rate / HOURS_PER_DAY), MIN_HOURLY[y])
    extra_hours_pay = round_half_up(hourly_rate * min(rec["extra_hours"], EXTRA_HOURS_CAP))

    extra_pay = sum((STIPEND[p][y] for p in rec["assignments"]), F(0))
    coaches = sum(1 for p in rec["assignments"] if p in COACHED)

    # differentials add up
    differential = F(0)
    if rec["national_board"]:
        differential += NATIONAL_BOARD
    if rec["lead"]:
        if lead_teacher is None:
            raise RowError("lead teacher: the amount lead_teacher is blank; fill it with --set")
        differential += lead_teacher
    if rec["lane"] in ("MA30", "DOC") and rec["step"] >= 13:
        differential += ADVANCED[y]
    if coaches >= 2:
        differential += MULTI_ACTIVITY

    year_start = YEAR_START[y]
    days = (rec["hire_date"] - year_start).days
    new_hire = 0 <= days <= 364
    orientation_pay = ORIENTATION[y] if new_hire else F(0)
    service_years = max(years_between(rec["hire_date"], year_start), 0)

    total = contract_salary + differential + extra_pay + extra_hours_pay + orientation_pay

    insurance = INSURANCE[rec["plan"]][y]
    if rec["fte"] >= INSURANCE_FULL_FTE:
        board_insurance = insurance
    else:
        board_insurance = round_half_up(insurance * rec["fte"] / INSURANCE_FULL_FTE)

    out.update(id=rec["id"], name=rec["name"], lane=rec["lane"], step=rec["step"],
               fte=rec["fte"], lead=rec["lead"], base=base, longevity=longevity,
               contract_salary=contract_salary, daily_rate=daily_rate,
               hourly_rate=hourly_rate, differential=differential, extra_pay=extra_pay,
               coaches=coaches, extra_hours_pay=extra_hours_pay,
               orientation_pay=orientation_pay, total=total, insurance=insurance,
               board_insurance=board_insurance, service_years=service_years)
    return out


def format_money(x):
    """Exactly two decimals, no $ and no separators; a half cent rounds half up."""
    cents = round_half_up(x) * 100
    assert cents.denominator == 1
    n = cents.numerator
    sign = "-" if n < 0 else ""
    n = abs(n)
    return f"{sign}{n // 100}.{n % 100:02d}"


def format_decimal(x):
    """The shortest exact decimal form: 1, 0.5, 0.833."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    places = 0
    while (x * 10 ** places).denominator != 1:
        places += 1
        if places > 30:
            raise ValueError(f"{x} has no finite decimal form")
    digits = str((x * 10 ** places).numerator).rjust(places + 1, "0")
    if places == 0:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def format_cell(value, kind):
    if kind == "money":
        s = format_money(value)
    elif kind == "decimal":
        s = format_decimal(value)
    elif kind == "integer":
        s = str(int(value))
    elif kind == "yesno":
        s = "yes" if value else "no"
    else:
        s = str(value)
    if any(ch in s for ch in ',"\r\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def parse_money_arg(s):
    s = s.strip().replace(",", "")
    if s.startswith("$"):
        s = s[1:]
    return F(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("roster")
    ap.add_argument("--year", default=YEARS[0], choices=YEARS)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="only lead_teacher can be set, e.g. lead_teacher=$1,200")
    ap.add_argument("--advance", action="store_true",
                    help="apply `each year` once per year before --year")
    ap.add_argument("--proposal", action="store_true",
                    help="compute contracts-dsl/example-district-proposal.terms instead: "
                         "MA step 10 is $63,100 in 2025-26, Longevity IV $4,800, and a "
                         "robotics stipend of $1,500 / $1,550")
    ap.add_argument("--raise", dest="raise_rate", metavar="R",
                    help="compute contracts-dsl/example-district-raise.terms with `raise = R` "
                         "(a decimal, 0.03): every cell of the 2025-26 schedule is the 2024-25 "
                         "cell times (1 + R), rounded half up to whole dollars")
    args = ap.parse_args()

    if args.raise_rate is not None:
        rate = 1 + F(args.raise_rate)
        SALARY["2025-26"] = [tuple(round_half_up(F(cell) * rate, 0) for cell in row) for row in SALARY["2024-25"]]

    if args.proposal:
        row = list(SALARY["2025-26"][9])
        row[LANES.index("MA")] = 63100
        SALARY["2025-26"][9] = tuple(row)
        LONGEVITY[3] = (25, None, (F(4800), F(4800)))
        STIPEND["robotics"] = (F(1500), F(1550))
        POSITIONS.append("robotics")

    lead_teacher = None
    for s in args.set:
        name, _, value = s.partition("=")
        if name != "lead_teacher":
            ap.error(f"--set {name}: this script only knows lead_teacher")
        lead_teacher = parse_money_arg(value)

    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="\n")
    out.write(",".join(name for name, _ in OUTPUTS) + "\n")
    failed = 0
    with open(args.roster, newline="", encoding="utf-8-sig") as f:
        for n, r in enumerate(csv.DictReader(f), 1):
            try:
                rec = parse_record(r)
                for _ in range(YEARS.index(args.year) if args.advance else 0):
                    rec = advance(rec)
                result = evaluate(rec, args.year, lead_teacher)
            except RowError as e:
                print(f"{args.roster}: row {n} ({r.get('id')}): {e}", file=sys.stderr)
                failed += 1
                continue
            out.write(",".join(format_cell(result[name], kind) for name, kind in OUTPUTS) + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
