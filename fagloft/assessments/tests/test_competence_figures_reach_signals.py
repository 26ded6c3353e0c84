"""Issue 10 item 9: the competence figures reach statistics for every year with data by the
scheduled job (`fagloft.site.scheduling`: `publish_competence_figures`), so the assessment's
signals read that year's staffing, not a stale current-year figure."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.management import call_command

from fagloft.assessments.risk_signals import compute_signals
from fagloft.assessments.tests.factories import make_rule
from fagloft.competence.tests.factories import make_employee
from fagloft.site.scheduling import JOBS

D = datetime.date


def test_the_nightly_job_publishes_every_year_and_the_signals_read_each_years_figure(tree):
    assert "publish_competence_figures" in {job.command for job in JOBS}
    # Two full-time in 2023; one left mid-2024; from 2025 one person alone.
    make_employee(tree.service_ab, started_on=D(2023, 1, 1))
    make_employee(tree.service_ab, started_on=D(2023, 1, 1), ended_on=D(2024, 6, 30))
    rule = make_rule(
        "vulnerability",
        parameters={
            "min_factors": 1,
            "year_offset": 0,
            "factors": [{"indicator": "competence-fte", "op": "<", "value": 1.5, "label": "Få årsverk"}],
        },
        name="Få årsverk",
    )
    call_command("publish_competence_figures", "--date", "2025-12-31", stdout=io.StringIO(), stderr=io.StringIO())
    by_year = {year: compute_signals(tree.service_ab, year, [rule])[0] for year in (2023, 2024, 2025)}
    assert all(signal.has_data for signal in by_year.values())
    assert not by_year[2023].fired  # two FTE at the end of 2023
    assert by_year[2024].fired and by_year[2025].fired  # one FTE after mid-2024
    threshold = make_rule("threshold", "competence-fte", {"op": "<", "value": 100}, name="Årsverk")
    assert [compute_signals(tree.service_ab, y, [threshold])[0].year for y in (2023, 2024, 2025)] == [
        2023,
        2024,
        2025,
    ]
    assert Decimal(str(compute_signals(tree.service_ab, 2023, [threshold])[0].value)) == Decimal("2")
