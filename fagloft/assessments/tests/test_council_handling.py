"""The leadership theme's council question is answered from the handlings recorded per municipality:
this year's report, else last year's, in the same queries however many municipalities the service covers."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.assessments.templatetags.council_handling import council_handling
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.models import CouncilHandling, Municipality, ServiceCoverage
from fagloft.organizations.tests.factories import build_tree, make_municipality

pytestmark = pytest.mark.django_db


def _handled(municipality: Municipality, year: int, case: str) -> CouncilHandling:
    return CouncilHandling.objects.create(
        municipality=municipality, kind="status_report", year=year, date=datetime.date(year + 1, 3, 1), case_number=case
    )


def test_each_municipality_shows_its_newest_handling_of_this_or_last_years_report():
    tree = build_tree()
    assessment = make_assessment(tree.service_ab, year=2025)
    _handled(tree.municipality_a, 2024, "A-old")
    _handled(tree.municipality_a, 2025, "A-new")
    _handled(tree.municipality_b, 2024, "B-old")
    _handled(tree.municipality_b, 2023, "B-too-old")
    _handled(tree.municipality_c, 2025, "C-other-service")
    rows = {row["municipality"].pk: row["handling"] for row in council_handling(assessment)["rows"]}
    assert set(rows) == {tree.municipality_a.pk, tree.municipality_b.pk}
    assert rows[tree.municipality_a.pk].case_number == "A-new"
    assert rows[tree.municipality_b.pk].case_number == "B-old"


def test_the_queries_do_not_grow_with_the_municipalities_covered():
    tree = build_tree()
    assessment = make_assessment(tree.service_ab, year=2025)
    with CaptureQueriesContext(connection) as two:
        council_handling(assessment)
    for n in range(4):
        extra = make_municipality(tree.county_x, f"919{n}", f"Ekstra {n}")
        ServiceCoverage.objects.create(service=tree.service_ab, municipality=extra)
        _handled(extra, 2025, f"E{n}")
    with CaptureQueriesContext(connection) as six:
        rows = council_handling(assessment)["rows"]
    assert len(rows) == 6 and all(row["handling"] for row in rows[2:])
    assert len(six.captured_queries) == len(two.captured_queries)
