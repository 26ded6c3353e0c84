"""The demo builder makes marked demo staff, a round with answers and a plan, on a fresh database."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from fagloft.competence import demo
from fagloft.competence.models import CompetencePlan, Employee, MappingAnswer
from fagloft.organizations.tests.factories import build_tree


@pytest.mark.django_db
def test_demo_builds_marked_staff_a_round_and_a_plan():
    tree = build_tree()
    ctx = SimpleNamespace(
        county=tree.county_x,
        municipalities=[tree.municipality_a],
        services=[tree.service_ab],
        users={"leder.alta": tree.users["leader_ab"], "ansatt.alta": tree.users["employee_ab"]},
        rng=random.Random(4),
        year=2026,
        log=lambda msg: None,
    )
    demo.build(ctx)
    demo.build(ctx)  # a second run adds nothing
    assert Employee.objects.count() == 14 and not Employee.objects.filter(is_demo=False).exists()
    assert Employee.objects.filter(user=tree.users["employee_ab"]).exists()
    assert MappingAnswer.objects.exists() and CompetencePlan.objects.get().measures.count() == 3
