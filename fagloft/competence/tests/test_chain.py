"""The chain through the competence plan: assessment needs → plan measures (with their origin),
the plan → the network's overall plan revision (with its adoption), and the reverse sides shown
on the lower apps' pages through `competence/links.py`."""

from __future__ import annotations

import datetime

import time_machine

from fagloft.competence import links, queries
from fagloft.competence.models import CompetencePlan, FrameworkArea, MeasureOrigin, PlanMeasure
from fagloft.competence.tests.factories import make_employee, make_plan, make_round, rate
from fagloft.lib.links import links_payload, related_links
from fagloft.networks.tests import factories as nf
from fagloft.organizations.tests.factories import login


def _plan_with_need(tree):
    need = nf.make_need(tree.service_ab, "Mer kompetanse i samtaler med barn", kind="competence")
    plan = make_plan(tree.service_ab)
    return plan, need


def test_measures_made_from_the_assessment_needs_remember_where_they_came_from(client, tree):
    plan, need = _plan_with_need(tree)
    login(client, tree.users["leader_ab"])
    page = client.get(f"/kompetanse/planer/{plan.pk}/behov/")
    assert page.status_code == 200
    assert "Mer kompetanse i samtaler med barn" in page.content.decode()
    response = client.post(
        f"/kompetanse/planer/{plan.pk}/behov/",
        {"gaps": [f"need-{need.pk}"], "owner": "Barnevernleder", "due_on": "2026-12-31"},
    )
    assert response.status_code == 302
    measure = plan.measures.get(need=need)
    assert (measure.origin, measure.kind) == (MeasureOrigin.NEED, "course")
    plan.refresh_from_db()
    assert plan.assessment_id == need.assessment_id
    detail = client.get(f"/kompetanse/planer/{plan.pk}/").content.decode()
    assert "Behov i risiko- og tilstandsvurderingen" in detail
    assert "Mer kompetanse i samtaler med barn" in detail
    # A need already answered in this plan is not proposed again.
    assert f"need-{need.pk}" not in client.get(f"/kompetanse/planer/{plan.pk}/behov/").content.decode()


def test_a_draft_assessments_needs_are_not_proposed(tree):
    nf.make_need(tree.service_ab, "Utkastbehov", status="draft")
    assessment, gaps = queries.need_gaps(tree.service_ab)
    assert assessment is None and gaps == []


def test_the_need_shows_the_measures_that_answer_it_to_those_who_may_read_the_plan(tree):
    plan, need = _plan_with_need(tree)
    measure = PlanMeasure.objects.create(
        plan=plan, kind="course", description="Kurs i samtaler", owner="Leder", origin="need", need=need
    )
    found = links.measures_answering(need, tree.users["leader_ab"])
    assert [(link.pk, link.url) for link in found] == [(measure.pk, f"/kompetanse/planer/{plan.pk}/")]
    assert links.measures_answering(need, tree.users["leader_c"]) == []
    payload = links_payload(need, tree.users["advisor_x"])
    assert any(row["model"] == "competence.planmeasure" and row["id"] == measure.pk for row in payload)


def test_the_plan_points_at_a_revision_of_its_networks_plan_and_shows_its_adoption(client, tree):
    network = nf.make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    revision = nf.make_plan(network, title="Felles plan")
    nf.adopt(revision, [None, tree.municipality_a])
    other = nf.make_network(tree.county_y, [tree.municipality_c], "Utenfornettverket")
    outside = nf.make_plan(other, title="Utenfor plan")
    plan = make_plan(tree.service_ab)
    login(client, tree.users["leader_ab"])
    data = {
        "form": "plan",
        "plan-title": plan.title,
        "plan-start_year": 2026,
        "plan-end_year": 2027,
        "plan-version": plan.version,
    }
    # Only the revisions of the service's own networks can be chosen.
    refused = client.post(f"/kompetanse/planer/{plan.pk}/", {**data, "plan-network_plan": outside.pk})
    assert refused.status_code == 200
    plan.refresh_from_db()
    assert plan.network_plan_id is None
    client.post(f"/kompetanse/planer/{plan.pk}/", {**data, "plan-network_plan": revision.pk})
    plan.refresh_from_db()
    assert plan.network_plan_id == revision.pk
    page = client.get(f"/kompetanse/planer/{plan.pk}/").content.decode()
    assert "Felles plan" in page and "Vedtatt i nettverket" in page
    # Alvik has adopted it, Bergvik (also served by the service) has not.
    assert "Vedtatt i kommunen" in page and "Ikke vedtatt i kommunen" in page
    # The reverse side on the overall plan page.
    reverse_side = [link.pk for link in links.plans_on_overall_plan(revision, tree.users["advisor_x"])]
    assert reverse_side == [plan.pk]
    assert links.plans_on_overall_plan(revision, tree.users["leader_c"]) == []
    overall = client.get(f"/nettverk/{network.pk}/plan/").content.decode()
    assert plan.title in overall


@time_machine.travel(datetime.date(2026, 3, 1))
def test_the_networks_view_of_members_gaps_keeps_the_five_person_rule(tree):
    network = nf.make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    weak, few = FrameworkArea.objects.get(code="violence"), FrameworkArea.objects.get(code="law")
    mapping_round = make_round(tree.service_ab, areas=[weak, few])
    people = [make_employee(tree.service_ab) for _ in range(5)]
    for person in people:
        rate(mapping_round, person, weak, 1, 2)
    for person in people[:4]:
        rate(mapping_round, person, few, 1, 1)
    found = links.gaps_for_network(network, tree.users["coordinator_x"])
    titles = [str(link.title) for link in found]
    assert weak.name in titles
    # Four people rated the law area: no figure for it, only that it is hidden.
    assert few.name not in titles
    assert any("1 områder vises ikke" in title for title in titles)
    assert all("Ansatt" not in str(link.detail) for link in found)
    # Someone outside the county sees nothing of the network's members.
    assert links.gaps_for_network(network, tree.users["leader_c"]) == []


def test_the_plans_api_gives_the_assessment_the_network_plan_and_each_measures_origin(client, tree):
    plan, need = _plan_with_need(tree)
    network = nf.make_network(tree.county_x, [tree.municipality_a], "Nordnettverket")
    revision = nf.make_plan(network)
    nf.adopt(revision, [None])
    CompetencePlan.objects.filter(pk=plan.pk).update(network_plan=revision, assessment=need.assessment)
    PlanMeasure.objects.create(plan=plan, kind="course", description="Kurs", owner="Leder", origin="need", need=need)
    make_plan(tree.service_c, "Utenfor plan")
    login(client, tree.users["leader_ab"])
    body = client.get("/api/v1/competence/plans/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["id"] for row in rows] == [plan.pk]
    row = rows[0]
    assert (row["assessment"], row["network_plan"], row["network_plan_adopted_by_network"]) == (
        need.assessment_id,
        revision.pk,
        True,
    )
    assert {(m["origin"], m["need"]) for m in row["measures"]} == {("own", None), ("need", need.pk)}


def test_the_plan_page_keeps_its_query_count_flat(client, tree, django_assert_max_num_queries):
    plan, need = _plan_with_need(tree)
    login(client, tree.users["leader_ab"])
    url = f"/kompetanse/planer/{plan.pk}/"
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for n in range(10):
        PlanMeasure.objects.create(plan=plan, kind="course", description=f"Kurs {n}", owner="L", need=need)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_hub_links_for_the_service_and_municipality_follow_the_role(tree):
    make_plan(tree.service_ab, "Plan for Alvik og Bergvik")
    leader = related_links(tree.service_ab, tree.users["leader_ab"], "hub")
    assert {str(link.kind) for link in leader} >= {"Kompetanse og bemanning", "Kompetanseplan"}
    assert links.service_hub(tree.service_ab, tree.users["leader_c"]) == []
    assert links.municipality_hub(tree.municipality_a, tree.users["municipal_leader_a"])
    assert links.municipality_hub(tree.municipality_c, tree.users["municipal_leader_a"]) == []
