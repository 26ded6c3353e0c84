"""The competence requirements at each of their dates (rules in requirements.py, dates as data)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine

from fagloft.competence import requirements
from fagloft.competence.models import RequirementRule
from fagloft.competence.requirements import (
    Course,
    Person,
    Rules,
    share_by_year,
    status_for,
)

RULES = Rules(datetime.date(2031, 1, 1), datetime.date(2031, 1, 1), Decimal(4), Decimal(30))
D = datetime.date
BACHELOR = Course("bachelor", True, 2015, True)
MASTER = Course("master", True, 2018, True)


START = D(2020, 1, 1)


def worker(
    *courses: Course,
    started_on: datetime.date = START,
    prior: int = 0,
    position: str = "case_worker",
    core: bool = True,
) -> Person:
    return Person(position, core, started_on, None, Decimal(prior), tuple(courses))


def ects(year: int, completed: bool = True, points: int = 30) -> Course:
    return Course("further", True, year, completed, Decimal(points))


def test_a_relevant_master_meets_the_requirements_at_once():
    status = status_for(worker(MASTER), RULES, D(2026, 3, 1))
    assert status.meets_now and status.route == "master" and status.missing == []


def test_a_bachelor_with_four_years_and_30_ects_meets_them_before_2031():
    status = status_for(worker(BACHELOR, ects(2022), started_on=D(2020, 1, 1)), RULES, D(2026, 3, 1))
    assert status.meets_now and status.route == "bachelor"


def test_a_bachelor_short_of_experience_will_meet_them_when_four_years_are_reached():
    person = worker(BACHELOR, ects(2024), started_on=D(2025, 1, 1))
    status = status_for(person, RULES, D(2026, 3, 1))
    assert not status.meets_now and status.will_meet_in_time
    assert status.met_on == D(2029, 1, 1)
    assert any("barnevernserfaring fra" in m for m in status.missing)


def test_ongoing_further_education_counts_from_when_it_is_expected_to_end():
    status = status_for(worker(BACHELOR, ects(2030, completed=False)), RULES, D(2026, 3, 1))
    assert not status.meets_now and status.met_on == D(2030, 6, 30) and status.will_meet_in_time
    assert any("30 studiepoeng" in m and "pågår" in m for m in status.missing)


def test_further_education_ending_in_2031_is_too_late_for_the_bachelor_route():
    status = status_for(worker(BACHELOR, ects(2031, completed=False)), RULES, D(2026, 3, 1))
    assert status.met_on is None and not status.will_meet_in_time
    assert status.deadline == D(2031, 1, 1)


def test_without_relevant_education_the_leader_is_told_what_is_missing():
    status = status_for(
        worker(Course("bachelor", False, 2010, True), position="leader", core=False), RULES, D(2026, 3, 1)
    )
    assert status.applies and status.missing == ["Mangler relevant bachelor- eller mastergrad"]


def test_the_requirements_do_not_apply_to_staff_without_core_tasks():
    assert not status_for(worker(position="other", core=False), RULES, D(2026, 3, 1)).applies


@pytest.mark.parametrize(
    ("started_on", "meets"),
    [
        (D(2027, 1, 1), True),  # four years exactly on 1 January 2031
        (D(2027, 1, 2), False),  # one day short when it must be documented
    ],
)
def test_experience_must_be_reached_by_the_documentation_date(started_on, meets):
    person = worker(BACHELOR, ects(2028), started_on=started_on)
    status = status_for(person, RULES, D(2030, 12, 31))
    assert status.will_meet_in_time is meets


@pytest.mark.parametrize("today", [D(2030, 12, 31), D(2031, 1, 1), D(2031, 1, 2)])
def test_around_the_transition_date_documented_bachelor_route_still_counts(today):
    status = status_for(worker(BACHELOR, ects(2025), started_on=D(2020, 1, 1)), RULES, today)
    assert status.meets_now


def test_after_2031_a_new_bachelor_cannot_use_the_transition_rule():
    person = worker(BACHELOR, ects(2032), started_on=D(2031, 3, 1))
    status = status_for(person, RULES, D(2032, 9, 1))
    assert not status.meets_now and status.met_on is None
    assert any("dokumentert" in m or "barnevernserfaring" in m or "studiepoeng" in m for m in status.missing)


def test_after_2031_a_master_still_meets_them():
    assert status_for(worker(MASTER, started_on=D(2031, 3, 1)), RULES, D(2032, 1, 1)).meets_now


def test_the_share_per_year_follows_education_in_progress():
    people = [worker(MASTER), worker(BACHELOR, ects(2028, completed=False)), worker(Course("other", False, 2000, True))]
    rows = share_by_year(people, RULES, D(2026, 3, 1))
    assert [(r["year"], r["met"], r["total"]) for r in rows] == [
        (2026, 1, 3),
        (2027, 1, 3),
        (2028, 2, 3),
        (2029, 2, 3),
        (2030, 2, 3),
        (2031, 2, 3),
    ]
    assert rows[-1]["day"] == D(2031, 1, 1)


@pytest.mark.django_db
def test_the_dates_come_from_the_rule_an_admin_can_correct():
    RequirementRule.objects.create(
        name="Endret",
        decided_on=D(2030, 1, 1),
        applies_from=D(2033, 1, 1),
        documented_by=D(2033, 1, 1),
        min_experience_years=Decimal(5),
        min_further_ects=Decimal(60),
    )
    rules = requirements.rules_in_force()
    assert rules.applies_from == D(2033, 1, 1) and rules.min_further_ects == Decimal(60)
    with time_machine.travel(D(2026, 3, 1)):
        status = status_for(worker(BACHELOR, ects(2022)), rules, datetime.date.today())
    assert not status.meets_now and any("30 studiepoeng" in m for m in status.missing)


@pytest.mark.django_db
def test_the_seeded_rule_is_the_2031_requirement():
    rules = requirements.rules_in_force()
    assert (rules.applies_from, rules.documented_by, rules.min_experience_years, rules.min_further_ects) == (
        D(2031, 1, 1),
        D(2031, 1, 1),
        Decimal(4),
        Decimal(30),
    )
