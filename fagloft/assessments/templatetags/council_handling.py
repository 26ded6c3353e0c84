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
    rows = []
    for coverage in queries.coverages_of(assessment.service):
        if not coverage.is_valid_on(day) and not coverage.is_valid_on(datetime.date(assessment.year, 1, 1)):
            continue
        municipality = coverage.municipality
        found = queries.council_handling(municipality, assessment.year) or queries.council_handling(
            municipality, assessment.year - 1
        )
        rows.append({"municipality": municipality, "handling": found})
    return {"rows": rows}
