"""The demo builds Alta's reports on a fresh database, and is safe to run twice."""

from __future__ import annotations

import pytest

from fagloft.organizations import demo as organizations_demo
from fagloft.organizations import queries as org_queries
from fagloft.reports import demo
from fagloft.reports.models import Report


@pytest.mark.django_db
def test_the_demo_builds_a_draft_and_a_handled_report_once():
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    for _ in range(2):
        demo.build(ctx)
    alta = ctx.services[0]
    handled = Report.objects.get(service=alta, year=ctx.year - 1)
    draft = Report.objects.get(service=alta, year=ctx.year)
    assert handled.status == Report.Status.HANDLED and handled.is_frozen
    assert draft.status == Report.Status.DRAFT and draft.comments.count() == 1
    assert org_queries.council_handling(alta.host_municipality, ctx.year - 1) is not None
    from fagloft.reports import sections

    previous = sections.build(draft)["sections"]["priorities"]["previous"]
    assert previous is not None and "Styrke bemanningen" in previous["text"]
