"""The demo builder leaves one finished, clearly marked report for the demo service's leader."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from fagloft.accounts.roles import Role
from fagloft.kostra import demo
from fagloft.kostra.models import ValidationRun
from fagloft.organizations.tests.factories import make_county, make_municipality, make_service, make_user


@pytest.mark.django_db
def test_the_demo_leaves_a_finished_report_for_the_leader(kostra_dir):
    county = make_county("56", "Finnmark")
    alta = make_municipality(county, "5601", "Alta")
    service = make_service(alta)
    leader = make_user("leder.alta", Role.SERVICE_LEADER, service)
    logged: list[str] = []
    ctx = SimpleNamespace(
        services=[service],
        users={"leder.alta": leader},
        rng=random.Random(1),
        year=2024,
        log=logged.append,
        county=county,
        municipalities=[alta],
    )
    demo.build(ctx)
    run = ValidationRun.objects.get()
    assert run.file_name.startswith("DEMO-") and run.uploaded_by == leader
    assert run.status == ValidationRun.Status.DONE and run.readable and run.summary["children"] == demo.DEMO_CHILDREN
    assert run.indicators["kostra-barn-med-tiltak"]["numerator"] > 0
    assert logged
