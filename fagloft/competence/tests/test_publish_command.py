"""The nightly job that publishes the competence figures of every year with data."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from fagloft.competence import publishing
from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.tests.factories import build_tree
from fagloft.site.scheduling import JOBS, available_jobs
from fagloft.statistics.models import IndicatorValue

D = datetime.date


def _published() -> list[tuple]:
    return sorted(
        IndicatorValue.objects.values_list(
            "indicator__code", "year", "unit_key", "value", "numerator", "denominator", "source"
        )
    )


@pytest.mark.django_db
def test_every_year_with_data_is_published_and_a_second_run_changes_nothing():
    tree = build_tree()
    make_employee(tree.service_ab, started_on=D(2024, 3, 1))
    make_employee(tree.service_ab, started_on=D(2024, 3, 1), ended_on=D(2025, 6, 30), fte_percent=Decimal(50))
    make_employee(tree.service_c, started_on=D(2025, 1, 1), ended_on=D(2025, 12, 31))
    out = io.StringIO()
    call_command("publish_competence_figures", "--date", "2025-12-31", stdout=out, stderr=io.StringIO())
    assert "2024–2025" in out.getvalue()
    fte = dict(
        IndicatorValue.objects.filter(indicator__code="competence-fte", service=tree.service_ab).values_list(
            "year", "value"
        )
    )
    # 31 Dec 2024 both were employed (1.5 FTE); on 31 Dec 2025 only the first (1.0 FTE).
    assert fte == {2024: Decimal("1.5"), 2025: Decimal("1.0")}
    assert set(IndicatorValue.objects.filter(is_national=True).values_list("year", flat=True)) == {2024, 2025}
    first = _published()
    call_command("publish_competence_figures", "--date", "2025-12-31", stdout=io.StringIO(), stderr=io.StringIO())
    assert _published() == first


@pytest.mark.django_db
def test_years_with_data_run_from_the_first_start_to_the_last_year_anyone_worked():
    tree = build_tree()
    assert publishing.years_with_data(D(2026, 5, 1)) == []
    make_employee(tree.service_ab, started_on=D(2022, 8, 1), ended_on=D(2023, 2, 1))
    assert publishing.years_with_data(D(2026, 5, 1)) == [2022, 2023]
    make_employee(tree.service_ab, started_on=D(2025, 1, 1))
    assert publishing.years_with_data(D(2026, 5, 1)) == [2022, 2023, 2024, 2025, 2026]


@pytest.mark.django_db
def test_the_job_is_the_systems_and_the_scheduler_finds_it():
    tree = build_tree()
    with pytest.raises(PermissionDenied):
        publishing.publish_every_year(tree.users["admin"])
    assert "publish_competence_figures" in {job.command for job in JOBS}
    assert "publish_competence_figures" in {job.command for job in available_jobs()}
