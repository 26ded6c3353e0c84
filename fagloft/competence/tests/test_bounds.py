"""Numbers and years in the competence forms are bounded to what the columns hold and what makes sense."""

from __future__ import annotations

import pytest

from fagloft.competence.forms import (
    CertificationForm,
    EducationForm,
    FurtherEducationForm,
    MeasureForm,
    PlanForm,
    SettingsForm,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [EducationForm, FurtherEducationForm, CertificationForm])
@pytest.mark.parametrize("year", [0, 1949, 2101, 40000])
def test_a_course_year_outside_1950_to_2100_is_refused(form_class, year):
    form = form_class(
        {
            "level": "bachelor",
            "field": "child_welfare",
            "status": "ongoing",
            "year": year,
            "programme": "law",
            "ects": 30,
            "method": "pmto",
        }
    )
    assert not form.is_valid() and "year" in form.errors


def test_a_plan_year_and_a_measure_cost_are_bounded():
    plan = PlanForm({"title": "Plan", "start_year": 1999, "end_year": 32767})
    assert not plan.is_valid() and {"start_year", "end_year"} <= set(plan.errors)
    measure = MeasureForm(
        {"kind": "course", "description": "Kurs", "owner": "Leder", "state": "planned", "cost": 10**12}
    )
    assert not measure.is_valid() and "cost" in measure.errors


def test_the_settings_are_bounded():
    form = SettingsForm(
        {
            "retention_days": 10**9,
            "min_group_size": 30000,
            "small_service_fte": 5000,
            "strategy_start_year": 2024,
            "strategy_end_year": 2018,
            "further_education_target": 5,
        }
    )
    assert not form.is_valid()
    assert {
        "retention_days",
        "min_group_size",
        "small_service_fte",
        "strategy_end_year",
        "further_education_target",
    } <= set(form.errors)
