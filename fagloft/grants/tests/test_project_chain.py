"""Applications are for development projects (issue 10, items 5 and 8): the project is chosen on the
application, its status follows the grant (decision → granted, first payment → running, final report
→ reported), both pages show the link, the assessors see the needs the project answers, and a report
carries the project's outcome measures with the values read from statistics."""

from __future__ import annotations

import datetime
import decimal
import re

import pytest
import time_machine

from fagloft.assessments.models import Assessment, Need
from fagloft.assessments.tests.factories import add_values, make_assessment, make_indicator
from fagloft.audit.models import AuditEvent
from fagloft.grants import services
from fagloft.grants.models import Application, GrantReport
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.lib.links import related_links
from fagloft.networks.models import DevelopmentProject, OutcomeMeasure
from fagloft.networks.tests.factories import adopt, make_environment, make_network, make_plan, make_project
from fagloft.organizations.tests.factories import login

D = decimal.Decimal
NOW = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def chain(tree):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    adopt(make_plan(network), [None, tree.municipality_a, tree.municipality_b])
    project = make_project(network, tree.municipality_a, "Barnas stemme", partner=make_environment())
    project.participants.add(tree.municipality_b)
    call = make_call(tree.county_x, "Stimuleringsmidler 2026")
    with time_machine.travel(NOW, tick=False):
        yield tree, network, project, call


def _granted(tree, project, call) -> Application:
    application = make_application(
        call,
        tree.municipality_a,
        "Barnas stemme",
        network=project.network,
        project=project,
        status=Application.Status.SUBMITTED,
    )
    return application


def test_the_application_is_started_for_a_chosen_project(client, chain):
    tree, network, project, call = chain
    login(client, tree.users["leader_ab"])
    page = client.get(f"/tilskudd/utlysninger/{call.pk}/sok/?prosjekt={project.pk}").content.decode()
    assert re.search(rf'<option value="{project.pk}" selected>Barnas stemme \(Nordnettverket\)', page)
    response = client.post(
        f"/tilskudd/utlysninger/{call.pk}/sok/",
        {"title": "Barnas stemme", "lead_municipality": tree.municipality_a.pk, "project": project.pk},
    )
    assert response.status_code == 302
    application = Application.objects.get()
    # The network follows from the project.
    assert application.project == project and application.network == network


def test_a_project_of_another_network_is_refused_at_the_field(chain):
    tree, network, project, call = chain
    other = make_network(tree.county_x, [tree.municipality_a], "Sørnettverket")
    stranger = make_project(other, tree.municipality_a, "Annet prosjekt")
    leader = tree.users["leader_ab"]
    application = services.start_application(
        leader, call, lead_municipality=tree.municipality_a, title="X", project=project
    )
    with pytest.raises(services.Refused, match="hører til Sørnettverket, ikke Nordnettverket") as refused:
        services.save_application(
            leader,
            application,
            expected_version=application.version,
            participants=[],
            budget_lines=[],
            network=network,
            project=stranger,
        )
    assert refused.value.field == "project"


def test_an_application_without_a_project_cannot_be_submitted(chain):
    tree, network, project, call = chain
    application = make_application(call, tree.municipality_a, network=network, partner=make_environment(), project=None)
    with pytest.raises(services.Refused, match="Velg utviklingsprosjektet søknaden gjelder"):
        services.submit_application(tree.users["leader_ab"], application)


def test_the_projects_status_follows_the_grant(chain):
    tree, _network, project, call = chain
    advisor, leader = tree.users["advisor_x"], tree.users["leader_ab"]
    application = _granted(tree, project, call)
    decision = services.decide(advisor, application, expected_version=None, outcome="granted", amount=D(150_000))
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.GRANTED
    services.add_payment(advisor, decision, amount=D(50_000), paid_on=datetime.date(2026, 10, 1))
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.RUNNING
    services.add_payment(advisor, decision, amount=D(50_000), paid_on=datetime.date(2026, 11, 1))
    services.add_report(leader, application, kind=GrantReport.Kind.PROGRESS, text="Halvveis", spent=D(40_000))
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.RUNNING  # a progress report does not end it
    services.add_report(leader, application, kind=GrantReport.Kind.FINAL, text="Ferdig", spent=D(100_000))
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.REPORTED
    # Each step is in the project's trail.
    steps = AuditEvent.objects.filter(object_id=str(project.pk), object_type="networks.developmentproject")
    assert [e.changes["status"][1] for e in steps.order_by("pk") if "status" in e.changes] == [
        "granted",
        "running",
        "reported",
    ]


def test_a_refusal_leaves_the_project_planned(chain):
    tree, _network, project, call = chain
    application = _granted(tree, project, call)
    services.decide(
        tree.users["advisor_x"], application, expected_version=None, outcome="refused", amount=D(0), reasons="Nei"
    )
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.PLANNED


def _need(tree, description: str = "Bedre samtaler med barn") -> Need:
    assessment = make_assessment(tree.service_ab, year=2024, status=Assessment.Status.FINAL)
    return Need.objects.create(assessment=assessment, kind=Need.Kind.PROJECT, description=description)


def test_the_project_shows_its_applications_decisions_payments_and_reports(chain):
    tree, _network, project, call = chain
    advisor = tree.users["advisor_x"]
    application = _granted(tree, project, call)
    decision = services.decide(advisor, application, expected_version=None, outcome="granted", amount=D(150_000))
    services.add_payment(advisor, decision, amount=D(50_000), paid_on=datetime.date(2026, 10, 1))
    report = services.add_report(
        tree.users["leader_ab"], application, kind=GrantReport.Kind.FINAL, text="Ferdig", spent=D(50_000)
    )
    links = related_links(project, tree.users["leader_ab"])
    by_kind = {str(link.kind): link for link in links}
    assert by_kind["Søknader om tilskudd"].url == f"/tilskudd/soknader/{application.pk}/"
    assert "Innvilget 150\u00a0000\u00a0kr" in str(by_kind["Søknader om tilskudd"].detail)
    assert by_kind["Vedtak"].url.endswith("#vedtak")
    assert str(by_kind["Utbetalinger"].title).startswith("50\u00a0000\u00a0kr utbetalt")
    assert by_kind["Rapporter om tilskudd"].url == f"/tilskudd/rapporter/{report.pk}/"
    # Outside the county nobody sees them.
    assert related_links(project, tree.users["leader_c"]) == []
    assert related_links(project, tree.users["advisor_y"]) == []


def test_the_application_shows_its_project(client, chain):
    tree, _network, project, call = chain
    application = _granted(tree, project, call)
    login(client, tree.users["leader_ab"])
    page = client.get(f"/tilskudd/soknader/{application.pk}/").content.decode()
    assert f'href="/nettverk/prosjekter/{project.pk}/"' in page


def test_a_need_shows_the_applications_whose_project_answers_it(chain):
    tree, _network, project, call = chain
    need = _need(tree)
    application = _granted(tree, project, call)
    make_application(call, tree.municipality_a, "Uten behov", network=project.network)  # another project
    assert related_links(need, tree.users["leader_ab"]) == [] or all(
        link.model != "grants.application" for link in related_links(need, tree.users["leader_ab"])
    )
    project.needs.add(need)
    mine = [link for link in related_links(need, tree.users["leader_ab"]) if link.model == "grants.application"]
    assert [(link.title, link.pk) for link in mine] == [("Barnas stemme", application.pk)]
    assert "For prosjektet Barnas stemme" in str(mine[0].detail)
    assert not [link for link in related_links(need, tree.users["leader_c"]) if link.model == "grants.application"]


def test_the_assessors_see_the_needs_the_project_answers(client, chain):
    tree, _network, project, call = chain
    need = _need(tree, "Felles opplæring i samtaler med barn")
    project.needs.add(need)
    application = _granted(tree, project, call)
    login(client, tree.users["advisor_x"])
    page = client.get(f"/tilskudd/soknader/{application.pk}/vurdering/").content.decode()
    assert "Forankring i risiko- og tilstandsvurderinger" in page
    assert "Felles opplæring i samtaler med barn" in page and "Alvik og Bergvik barneverntjeneste 2024" in page


def test_the_api_gives_the_project_and_its_needs(client, chain):
    tree, _network, project, call = chain
    need = _need(tree)
    project.needs.add(need)
    application = _granted(tree, project, call)
    login(client, tree.users["leader_ab"])
    data = client.get(f"/api/v1/applications/{application.pk}/").json()
    assert data["project"]["id"] == project.pk and data["project"]["network"] == "Nordnettverket"
    assert data["project"]["needs"] == [
        {
            "id": need.pk,
            "kind": "project",
            "theme": None,
            "description": "Bedre samtaler med barn",
            "assessment": need.assessment_id,
            "year": 2024,
            "service": "Alvik og Bergvik barneverntjeneste",
        }
    ]


def test_the_report_carries_the_outcome_measures_with_the_values_since(client, chain):
    tree, _network, project, call = chain
    indicator = make_indicator("test_undersokelser_frist", unit="prosent")
    add_values("test_undersokelser_frist", {2023: 60, 2024: 70, 2025: 78}, municipality=tree.municipality_a)
    OutcomeMeasure.objects.create(
        project=project,
        indicator=indicator,
        unit="%",
        baseline=D(60),
        baseline_year=2023,
        target=D(85),
        target_year=2026,
    )
    application = _granted(tree, project, call)
    advisor = tree.users["advisor_x"]
    services.decide(advisor, application, expected_version=None, outcome="granted", amount=D(150_000))
    login(client, tree.users["leader_ab"])
    form = client.get(f"/tilskudd/soknader/{application.pk}/rapport/").content.decode()
    assert "2024: 70,0" in form
    response = client.post(
        f"/tilskudd/soknader/{application.pk}/rapport/",
        {"kind": "final", "text": "Ferdig", "spent": "150000", "outcome_comment": "Nær målet"},
    )
    report = GrantReport.objects.get()
    assert response.status_code == 302 and response.url == f"/tilskudd/rapporter/{report.pk}/"
    [row] = report.outcomes
    assert (row["baseline"], row["target"], row["target_year"]) == ("60.0000", "85.0000", 2026)
    assert [(v["year"], D(v["value"])) for v in row["values"]] == [(2023, 60), (2024, 70), (2025, 78)]
    # Later figures do not change what the report showed; the page shows both.
    add_values("test_undersokelser_frist", {2026: 88}, municipality=tree.municipality_a)
    page = client.get(f"/tilskudd/rapporter/{report.pk}/").content.decode()
    reported = page.split("Resultatmål slik de sto i rapporten", 1)[1].split("Resultatmål med tallene i dag", 1)[0]
    current = page.split("Resultatmål med tallene i dag", 1)[1]
    assert "2025: 78,0" in reported and "2026: 88" not in reported
    assert "2026: 88,0" in current
    assert "Nær målet" in page
