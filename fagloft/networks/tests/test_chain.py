"""The chain through the network: members' needs → plan priorities, needs → projects, project
status that only moves forward, outcome measures read from statistics, and the projects API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.assessments.tests.factories import add_values, make_indicator
from fagloft.audit.models import AuditEvent
from fagloft.lib.refusals import Refused
from fagloft.networks import links, queries, services
from fagloft.networks.models import DevelopmentProject, OutcomeMeasure
from fagloft.networks.tests import factories as f
from fagloft.organizations.tests.factories import login


@pytest.fixture
def world(tree):
    network = f.make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    plan = f.make_plan(network, title="Felles plan")
    need = f.make_need(tree.service_ab, "Felles prosjekt om barns medvirkning", kind="project")
    project = f.make_project(network, tree.municipality_a, "Medvirkningsprosjektet")
    outside_need = f.make_need(tree.service_c, "Utenfor behov")
    return network, plan, need, project, outside_need


def test_the_project_status_only_moves_forward_and_is_audited(world):
    _, _, _, project, _ = world
    assert services.advance_project_status(project, "running", reason="første utbetaling")
    project.refresh_from_db()
    assert project.status == "running"
    # Granted comes before running: a late decision changes nothing.
    assert not services.advance_project_status(project, "granted")
    assert not services.advance_project_status(project, "running")
    project.refresh_from_db()
    assert project.status == "running"
    event = AuditEvent.objects.filter(object_type="networks.developmentproject", object_id=str(project.pk)).last()
    assert event is not None
    assert event.changes["status"] == ["planned", "running"] and event.actor is None
    with pytest.raises(ValueError):
        services.advance_project_status(project, "ongoing")


def test_the_status_job_is_the_systems_and_a_user_cannot_move_a_project_back(world, tree):
    _, _, _, project, _ = world
    with pytest.raises(PermissionDenied):
        services.advance_project_status(project, "granted", actor=tree.users["admin"])
    services.advance_project_status(project, "reported")
    project.refresh_from_db()
    with pytest.raises(Refused):
        services.save_final_report(
            tree.users["coordinator_x"], project, expected_version=project.version, status="running"
        )
    services.save_final_report(
        tree.users["coordinator_x"], project, expected_version=project.version, status="evaluated", evaluation="God"
    )
    project.refresh_from_db()
    assert project.status == "evaluated"


def test_a_priority_answers_members_needs_and_the_need_shows_it(client, world, tree):
    network, plan, need, _, outside_need = world
    coordinator = tree.users["coordinator_x"]
    login(client, coordinator)
    page = client.get(f"/nettverk/{network.pk}/plan/").content.decode()
    # The coordinator sees the members' needs while writing the plan, grouped by theme.
    assert "Felles prosjekt om barns medvirkning" in page and "Utenfor behov" not in page
    response = client.post(
        f"/nettverk/planer/{plan.pk}/prioriteringer/",
        {"title": "Barns medvirkning", "description": "", "needs": [need.pk]},
    )
    assert response.status_code == 302
    priority = plan.priority_items.get()
    assert list(priority.needs.all()) == [need]
    with pytest.raises(Refused):
        services.add_priority(coordinator, plan, title="Utenfor", needs=[outside_need])
    found = links.priorities_answering(need, tree.users["leader_ab"])
    assert [link.pk for link in found] == [priority.pk]
    assert links.priorities_answering(need, tree.users["leader_c"]) == []
    # A new revision carries the priority and its needs over.
    newer = services.new_plan_revision(coordinator, network)
    assert [list(p.needs.all()) for p in newer.priority_items.all()] == [[need]]


def test_an_employee_reads_the_plan_but_not_the_members_needs(client, world, tree):
    network, _, _, _, _ = world
    login(client, tree.users["employee_ab"])
    page = client.get(f"/nettverk/{network.pk}/plan/")
    assert page.status_code == 200
    assert "Felles prosjekt om barns medvirkning" not in page.content.decode()


def test_an_adopted_plans_priorities_are_not_changed(world, tree):
    _, plan, need, _, _ = world
    f.adopt(plan, [None])
    with pytest.raises(Refused):
        services.add_priority(tree.users["coordinator_x"], plan, title="Sent", needs=[need])


def test_the_project_answers_participants_needs_shown_in_both_directions(client, world, tree):
    _, _, need, project, outside_need = world
    login(client, tree.users["leader_ab"])
    response = client.post(f"/nettverk/prosjekter/{project.pk}/behov/", {"needs": [need.pk]})
    assert response.status_code == 302
    assert queries.project_needs(project) == [need]
    page = client.get(f"/nettverk/prosjekter/{project.pk}/").content.decode()
    assert "Felles prosjekt om barns medvirkning" in page
    with pytest.raises(Refused):
        services.set_project_needs(tree.users["leader_ab"], project, [outside_need])
    found = links.projects_answering(need, tree.users["advisor_x"])
    assert [link.pk for link in found] == [project.pk]
    assert links.projects_answering(need, tree.users["advisor_y"]) == []


def test_outcome_values_are_read_from_statistics_since_the_baseline(world, tree):
    _, _, _, project, _ = world
    project.participants.add(tree.municipality_b)
    make_indicator("chain-share", levels=["municipality"], aggregation="sum")
    add_values("chain-share", {2021: 5, 2023: 10, 2024: 12, 2025: 15}, municipality=tree.municipality_a)
    add_values("chain-share", {2023: 1, 2024: 2, 2025: 3}, municipality=tree.municipality_b)
    from fagloft.statistics.models import Indicator

    indicator = Indicator.objects.get(code="chain-share")
    f.make_outcome(project, indicator=indicator, baseline=Decimal(10), target=Decimal(20))
    f.make_outcome(project, indicator=indicator, area="participants", baseline=Decimal(11), target=Decimal(21))
    f.make_outcome(project, own_measure="Flere barn deltar i eget møte", baseline=Decimal(1), target=Decimal(3))
    lead, together, own = queries.outcome_values(project)
    assert lead.values == [(2023, Decimal(10)), (2024, Decimal(12)), (2025, Decimal(15))]
    assert lead.progress == Decimal("0.50") and not lead.reached
    assert together.values == [(2023, Decimal(11)), (2024, Decimal(14)), (2025, Decimal(18))]
    assert own.values == [] and own.name == "Flere barn deltar i eget møte"


def test_an_outcome_needs_an_indicator_or_an_own_measure(client, world, tree):
    _, _, _, project, _ = world
    login(client, tree.users["leader_ab"])
    client.post(f"/nettverk/prosjekter/{project.pk}/resultatmal/", {"baseline_year": 2024, "target_year": 2026})
    assert not OutcomeMeasure.objects.exists()
    client.post(
        f"/nettverk/prosjekter/{project.pk}/resultatmal/",
        {"own_measure": "Færre akuttplasseringer", "area": "lead", "baseline_year": 2024, "target_year": 2026},
    )
    assert OutcomeMeasure.objects.get().own_measure == "Færre akuttplasseringer"


def test_a_project_made_from_an_idea_belongs_to_the_current_plan(world, tree):
    network, plan, _, _, _ = world
    idea = f.make_idea(network, "Ny idé")
    project = services.idea_to_project(tree.users["coordinator_x"], idea, lead_municipality=tree.municipality_a)
    assert project.overall_plan_id == plan.pk and project.idea == idea
    with pytest.raises(Refused):
        services.idea_to_project(tree.users["coordinator_x"], idea, lead_municipality=tree.municipality_a)


def test_the_projects_api_carries_the_links(client, world, tree):
    network, plan, need, project, _ = world
    idea = f.make_idea(network, "Idé")
    idea.project = project
    idea.save()
    DevelopmentProject.objects.filter(pk=project.pk).update(overall_plan=plan)
    project.needs.add(need)
    f.make_outcome(project, own_measure="Eget mål", baseline=1, target=2)
    outside = f.make_network(tree.county_y, [tree.municipality_c], "Utenfornettverket")
    f.make_project(outside, tree.municipality_c, "Utenfor prosjekt")
    login(client, tree.users["leader_ab"])
    body = client.get("/api/v1/projects/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["title"] for row in rows] == ["Medvirkningsprosjektet"]
    row = rows[0]
    assert (row["idea"], row["overall_plan"], row["status"]) == (idea.pk, plan.pk, "planned")
    assert [n["id"] for n in row["needs"]] == [need.pk]
    assert row["outcomes"][0]["own_measure"] == "Eget mål"
    assert isinstance(row["applications"], list)


def test_the_project_list_api_keeps_its_query_count_flat(client, world, tree, django_assert_max_num_queries):
    network, _, need, project, _ = world
    project.needs.add(need)
    login(client, tree.users["admin"])
    client.get("/api/v1/projects/")
    with django_assert_max_num_queries(60) as small:
        client.get("/api/v1/projects/")
    for n in range(5):
        f.make_project(network, tree.municipality_a, f"Prosjekt {n}").needs.add(need)
    # Per project the outcomes and the links of the apps above are read; bounded, not per need.
    with django_assert_max_num_queries(len(small.captured_queries) + 5 * 12):
        client.get("/api/v1/projects/")
