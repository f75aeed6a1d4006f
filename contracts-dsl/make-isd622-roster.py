#!/usr/bin/env python3
"""Writes isd622-roster.csv: 540 fictional ISD 622 teachers covering every
rule of isd622-2017-2019.terms.  Deterministic (seeded); run it again after
changing it:  python3 contracts-dsl/make-isd622-roster.py > contracts-dsl/isd622-roster.csv
"""
import csv
import random
import sys

rng = random.Random(622)

FIELDS = """id name level lane step fte years district_years days_before_longevity first_year
prior_public_years prior_partial_days days_changed extra_classes extra_hours travels media_half_hours
orientation_hours elementary_lead school_patrol high_potential_hours high_potential_coordinator
vocational_periods national_board combination_class hire_year full_time_years age longevity_v_letter
entitlement_percentage service_multiplier duration_years treasury_yield webmaster summer_days summer_hours
special_program_hours special_program_prep esy_hours curriculum_hours extended_days coaching official_events
official_hours athletic_trainer sport coach_level experience_points starts_before_school break_practice
booster_club assistants_supervised competition_levels playoff_weeks continuing_head_coach
last_year_coaching_pay ms_athletic_coordinator activities""".split()

LANES = ["BA", "BA15", "BA30", "BA45", "MA", "MA15", "MA30", "MA45", "DOC"]
EXTRA = ["block_year", "block_semester", "block_quarter", "six_year", "six_semester", "six_quarter",
         "seven_year", "seven_semester", "seven_quarter"]
MS_COACH = ["ms_head_1", "ms_asst_1", "ms_head_2", "ms_asst_2", "ms_head_3", "ms_asst_3"]
TRAINER = ["trainer_sr_head", "trainer_sr_asst", "trainer_9th", "trainer_ms_head", "trainer_ms_asst"]
ATC = ["head_fall", "head_winter", "head_spring", "asst_fall", "asst_winter", "asst_spring"]
SPORTS = ["basketball", "football", "hockey", "wrestling", "gymnastics", "swimming", "volleyball", "baseball",
          "soccer", "softball", "track", "golf", "tennis", "cross_country", "nordic_skiing"]
ACTIVITIES = """play_director play_asst_director play_music_director pit_orchestra technical_director choreographer
costume_director accompanist show_choir_choreographer one_act_director band parade choral pep_band_post_season
show_choir_festival jazz_festival ms_jazz ms_swing_choir ms_evening_performance elem_musical_director
elem_musical_support elem_choir elem_evening_concert sr_annual ms_yearbook sr_newspaper ms_newspaper
speech_director speech_asst debate debate_asst cheerleader dance_line math_contest council_sr council_sr_asst
council_ms prom prom_asst cultural_exchange multicultural_sr multicultural_ms knowledge_bowl quiz_bowl mock_trial
honor_society honor_society_asst science_olympiad theater_club robotics gsa senior_citizen_prom""".split()
FIRST = ["Avery", "Jordan", "Kim", "Lee", "Morgan", "Pat", "Quinn", "Riley", "Sam", "Taylor", "Alex", "Casey",
         "Dana", "Drew", "Emery", "Frankie", "Harper", "Jamie", "Kendall", "Logan", "Marley", "Noel", "Parker", "Reese"]
LAST = ["Anderson", "Berg", "Carlson", "Dahl", "Erickson", "Fischer", "Gustafson", "Hanson", "Iverson", "Johnson",
        "Kowalski", "Larson", "Moua", "Nelson", "Olson", "Peterson", "Quist", "Rasmussen", "Swanson", "Thao",
        "Vang", "Westby", "Xiong", "Yang", "Zimmerman"]


def blank_teacher(n):
    t = {f: "" for f in FIELDS}
    t.update(id=f"T{n:04d}", name=f"{rng.choice(LAST)}, {rng.choice(FIRST)}",
             level=rng.choice(["elementary", "elementary", "middle", "high"]),
             lane=rng.choice(LANES[:8]), step=0, fte="1.000", years=0, district_years=0,
             days_before_longevity=0, first_year="no", prior_public_years=0, prior_partial_days=0,
             days_changed=0, extra_hours="0", travels="no", media_half_hours=0, orientation_hours="0",
             elementary_lead="no", school_patrol="no", high_potential_hours="0", high_potential_coordinator="no",
             vocational_periods=0, national_board="no", combination_class="no", hire_year=2017,
             full_time_years=0, age=30, longevity_v_letter="no", entitlement_percentage="0",
             service_multiplier="0", duration_years=0, treasury_yield="0", webmaster="no", summer_days="0",
             summer_hours="0", special_program_hours="0", special_program_prep="0", esy_hours="0",
             curriculum_hours="0", extended_days="0", official_events=0, official_hours="0",
             sport="no_sport", coach_level="not_coaching", experience_points="0", starts_before_school="no",
             break_practice="no", booster_club="no", assistants_supervised=0, competition_levels=0,
             playoff_weeks=0, continuing_head_coach="no", last_year_coaching_pay="0",
             ms_athletic_coordinator="no")
    return t


def experienced(t):
    years = rng.choice([1, 2, 3, 5, 8, 10, 12, 13, 14, 15, 16, 18, 19, 21, 22, 23, 26, 30])
    t["years"] = years
    t["district_years"] = max(0, years - rng.choice([0, 0, 0, 2, 4, 6]))
    t["step"] = min(years, 12)
    t["hire_year"] = 2017 - t["district_years"]
    t["full_time_years"] = years
    t["age"] = 23 + years + rng.randint(0, 10)


def main():
    rows = []
    n = 0

    def new():
        nonlocal n
        n += 1
        t = blank_teacher(n)
        rows.append(t)
        return t

    # Edges of placement (Art. VI §2 Subd. 1): 64, 65, 137 and 138 duty days.
    for prior, days in [(0, 0), (3, 64), (3, 65), (3, 137), (3, 138), (8, 138), (10, 100), (7, 138), (7, 65)]:
        t = new()
        t.update(first_year="yes", prior_public_years=prior, prior_partial_days=days, orientation_hours="12")
    # Edges of longevity: 13, 14, 15, 18, 19, 22, 23 years; 9 and 10 in the district; mid-year qualifiers.
    for years, dist, before in [(13, 13, 0), (14, 14, 0), (14, 9, 0), (14, 10, 0), (15, 15, 0), (18, 12, 0),
                                (19, 19, 0), (22, 22, 0), (23, 10, 0), (23, 9, 0), (30, 28, 0),
                                (14, 10, 97), (15, 10, 40), (19, 12, 150), (23, 23, 194)]:
        t = new()
        t.update(years=years, district_years=dist, days_before_longevity=before, step=12,
                 hire_year=2017 - dist, full_time_years=years, age=50)
    # Longevity V: eligible and not.
    for age, dist, ft, letter, hired, dur, yld in [(58, 20, 30, "yes", 1990, 3, "0.012"), (52, 26, 26, "yes", 1991, 2, "0.009"),
                                                   (56, 9, 30, "yes", 2008, 3, "0.012"), (60, 30, 30, "no", 1987, 0, "0"),
                                                   (57, 18, 16, "yes", 1999, 1, "0.015"), (55, 12, 14, "yes", 1995, 4, "0.01")]:
        t = new()
        t.update(years=ft, district_years=dist, full_time_years=ft, age=age, longevity_v_letter=letter,
                 hire_year=hired, duration_years=dur, treasury_yield=yld, step=12, lane="MA30",
                 entitlement_percentage="0.10", service_multiplier="1.5")
    # Coaches in every category and level, and a continuing head coach whose points pay less than last year.
    for sport in SPORTS:
        for level in ["head", "assistant", "ninth"]:
            t = new()
            experienced(t)
            t.update(level="high", sport=sport, coach_level=level, experience_points=rng.choice(["0", "1", "2", "3"]),
                     starts_before_school=rng.choice(["yes", "no"]), break_practice=rng.choice(["yes", "no"]),
                     booster_club=rng.choice(["yes", "no"]), playoff_weeks=rng.choice([0, 0, 1, 2]))
            if level == "head":
                t.update(assistants_supervised=rng.randint(0, 5), competition_levels=rng.randint(1, 4))
    t = new()
    experienced(t)
    t.update(level="high", sport="football", coach_level="head", continuing_head_coach="yes",
             last_year_coaching_pay="9000.00", competition_levels=4, assistants_supervised=6)
    # Middle school coaches, trainers by season, officials, certified trainers, the coordinator.
    for c in MS_COACH + ["weight_coordinator"]:
        t = new()
        experienced(t)
        t.update(level="middle" if c != "weight_coordinator" else "high", coaching=c)
    for tr in TRAINER:
        t = new()
        experienced(t)
        t["coaching"] = ";".join([tr] * rng.randint(1, 3))
    for events, hours in [(1, "1.5"), (4, "2"), (6, "2.5")]:
        t = new()
        experienced(t)
        t.update(level="middle", official_events=events, official_hours=hours)
    for seasons in [["head_fall", "head_winter", "head_spring"], ["asst_fall"], ["asst_winter", "asst_spring"]]:
        t = new()
        experienced(t)
        t.update(level="high", athletic_trainer=";".join(seasons))
    t = new()
    experienced(t)
    t.update(level="middle", ms_athletic_coordinator="yes")

    # Everyone else: a district's spread.
    while len(rows) < 540:
        t = new()
        experienced(t)
        if rng.random() < 0.04:
            t["lane"] = "DOC"
        if rng.random() < 0.10:
            t["fte"] = rng.choice(["0.500", "0.600", "0.800", "0.400"])
        if t["level"] == "high" and rng.random() < 0.15:
            t["extra_classes"] = rng.choice(EXTRA)
        if t["level"] == "high" and rng.random() < 0.06:
            t["vocational_periods"] = rng.randint(1, 3)
        if rng.random() < 0.05:
            t["days_changed"] = rng.choice([-5, -2, 3, 10])
        if rng.random() < 0.05:
            t["extra_hours"] = rng.choice(["36", "72", "90.5"])
        if rng.random() < 0.06:
            t["travels"] = "yes"
        if t["level"] == "elementary":
            t["elementary_lead"] = "yes" if rng.random() < 0.05 else "no"
            t["school_patrol"] = "yes" if rng.random() < 0.04 else "no"
            t["combination_class"] = "yes" if rng.random() < 0.06 else "no"
            if rng.random() < 0.03:
                t["media_half_hours"] = rng.randint(1, 3)
        if rng.random() < 0.04:
            t["high_potential_hours"] = rng.choice(["10", "24", "37.5"])
        if rng.random() < 0.02:
            t["high_potential_coordinator"] = "yes"
        if rng.random() < 0.08:
            t["national_board"] = "yes"
        if rng.random() < 0.02:
            t["webmaster"] = "yes"
        if rng.random() < 0.10:
            t.update(summer_days=rng.choice(["10", "20", "5"]), summer_hours=rng.choice(["0", "3", "6"]))
        if rng.random() < 0.08:
            hours = rng.choice([10, 20, 40])
            t.update(special_program_hours=str(hours), special_program_prep=rng.choice(["0", "2", "15"]))
        if rng.random() < 0.04:
            t["esy_hours"] = rng.choice(["40", "60"])
        if rng.random() < 0.08:
            t["curriculum_hours"] = rng.choice(["6", "12", "30"])
        if rng.random() < 0.03:
            t["extended_days"] = rng.choice(["2", "5", "10"])
        if rng.random() < 0.30:
            pool = [a for a in ACTIVITIES if not (t["level"] == "elementary") == a.startswith("elem")] or ACTIVITIES
            t["activities"] = ";".join(rng.sample(pool, rng.randint(1, 2)))
        if rng.random() < 0.02:
            t.update(first_year="yes", years=0, district_years=0, step=0, prior_public_years=rng.randint(0, 12),
                     prior_partial_days=rng.choice([0, 70, 150]), orientation_hours=rng.choice(["6", "12", "14"]))
        if rng.random() < 0.03 and 13 <= t["years"] <= 23:
            t["days_before_longevity"] = rng.randint(1, 120)

    w = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    for t in rows:
        w.writerow(t)


main()
