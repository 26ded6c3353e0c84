"""The demo tells the chain for Alta: 2024 needs → the network plan's priorities and a project
with outcome measures → Alta's competence plan measures, pointing at the adopted overall plan."""

from __future__ import annotations

import pytest

from fagloft.assessments import demo as assessments_demo
from fagloft.competence import demo as competence_demo
from fagloft.competence.models import CompetencePlan
from fagloft.lib.links import related_links
from fagloft.networks import demo as networks_demo
from fagloft.networks import queries
from fagloft.organizations import demo as organizations_demo


@pytest.mark.django_db
def test_the_demo_links_alta_needs_to_priorities_a_project_and_plan_measures():
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    assessments_demo.build(ctx)
    networks_demo.build(ctx)
    competence_demo.build(ctx)
    needs = ctx.extra["alta_needs_2024"]
    project = ctx.extra["alta_project"]
    project_need = next(n for n in needs if n.kind == "project")
    assert queries.project_needs(project) == [project_need]
    assert project.outcomes.count() >= 1
    plan = queries.current_plan(project.network)
    assert plan is not None
    assert any(project_need in p.needs.all() for p in plan.priority_items.all())
    alta_plan = CompetencePlan.objects.get(service=ctx.services[0], is_demo=True)
    assert alta_plan.network_plan_id == plan.pk and plan.adoptions.filter(municipality__isnull=True).exists()
    assert alta_plan.measures.filter(origin="need", need__in=needs).exists()
    leader = ctx.users["leder.alta"]
    kinds = {link.model for need in needs for link in related_links(need, leader)}
    assert {"competence.planmeasure", "networks.planpriority", "networks.developmentproject"} <= kinds
