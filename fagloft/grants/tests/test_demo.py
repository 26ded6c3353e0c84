"""The demo builds a Finnmark network and calls on a fresh database, and is safe to run twice."""

from __future__ import annotations

import pytest

from fagloft.grants import demo as grants_demo
from fagloft.grants.models import Application, Call, Decision
from fagloft.networks import demo as networks_demo
from fagloft.networks import queries
from fagloft.networks.models import ContactPerson, Gathering, Idea, Network
from fagloft.organizations import demo as organizations_demo


@pytest.mark.django_db
def test_the_demo_builds_networks_and_grants_once():
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    for _ in range(2):
        networks_demo.build(ctx)
        grants_demo.build(ctx)
    network = Network.objects.get(is_demo=True)
    status = queries.adoption_status(network)
    assert status.adopted_by_network and len(status.missing) == 1
    assert ContactPerson.objects.filter(consent_given_at__isnull=False).exists()
    assert ContactPerson.objects.filter(consent_given_at__isnull=True).exists()
    assert Gathering.objects.count() == 1 and Idea.objects.count() == 3
    assert Call.objects.filter(is_demo=True).count() == 2
    assert Application.objects.filter(status=Application.Status.DRAFT).count() == 1
    assert Decision.objects.get().amount == 400_000


@pytest.mark.django_db
def test_the_demo_funds_altas_project_through_to_its_final_report():
    from fagloft.assessments import demo as assessments_demo
    from fagloft.competence import demo as competence_demo
    from fagloft.grants.models import GrantReport
    from fagloft.lib.links import related_links
    from fagloft.networks.models import DevelopmentProject

    ctx = organizations_demo.build_context(None, log=lambda message: None)
    assessments_demo.build(ctx)
    networks_demo.build(ctx)
    competence_demo.build(ctx)
    grants_demo.build(ctx)
    project = ctx.extra["alta_project"]
    application = Application.objects.get(project=project)
    project.refresh_from_db()
    assert application.status == Application.Status.GRANTED and application.decision.payments.count() == 2
    assert project.status == DevelopmentProject.Status.REPORTED
    final = application.reports.get(kind=GrantReport.Kind.FINAL)
    assert final.outcomes and all("values" in row for row in final.outcomes)
    # The link runs both ways: the project page and the 2024 need show the grant.
    leader = ctx.users["leder.alta"]
    assert {"grants.application", "grants.decision", "grants.payment", "grants.grantreport"} <= {
        link.model for link in related_links(project, leader)
    }
    need = next(n for n in ctx.extra["alta_needs_2024"] if n.kind == "project")
    assert application.pk in {link.pk for link in related_links(need, leader) if link.model == "grants.application"}
