"""The leadership theme's question «is the tilstandsrapport presented to the council?», answered from
the council handlings recorded in organizations (`queries.council_handling`) instead of by hand."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from fagloft.organizations import queries

register = template.Library()


@register.inclusion_tag("assessments/_council_handling.html")
def council_handling(assessment: Any) -> dict[str, Any]:
    """Per municipality the service covers in the assessment's year: the newest handling of the
    report for that year or the year before (the report on a year goes to the council the next)."""
    day = datetime.date(assessment.year, 12, 31)
    covered = [
        coverage.municipality
        for coverage in queries.coverages_of(assessment.service)
        if coverage.is_valid_on(day) or coverage.is_valid_on(datetime.date(assessment.year, 1, 1))
    ]
    # Two queries for all the municipalities, not two for each (a host service covers up to ten).
    this_year = queries.council_handlings(covered, assessment.year) if covered else {}
    year_before = queries.council_handlings(covered, assessment.year - 1) if covered else {}
    rows = [{"municipality": m, "handling": this_year.get(m.pk) or year_before.get(m.pk)} for m in covered]
    return {"rows": rows}
