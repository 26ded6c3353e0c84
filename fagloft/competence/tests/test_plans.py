"""Competence plans: gaps from mapping, requirements and vacancies become measures."""

from __future__ import annotations

import datetime

import time_machine
from django.core.cache import cache

from fagloft.competence import queries
from fagloft.competence.models import CompetencePlan, FrameworkArea, PlanMeasure
from fagloft.competence.tests.factories import (
    give_education,
    make_employee,
    make_plan,
    make_round,
    make_vacancy,
    rate,
)
from fagloft.organizations.tests.factories import login


@time_machine.travel(datetime.date(2026, 3, 1))
def test_gaps_come_from_low_ratings_requirements_and_vacancies(tree):
    area, strong = FrameworkArea.objects.get(code="violence"), FrameworkArea.objects.get(code="law")
    mapping_round = make_round(tree.service_ab, areas=[area, strong])
    person = make_employee(tree.service_ab)
    give_education(person, field="other")
    rate(mapping_round, person, area, 1, 2)
    rate(mapping_round, person, strong, 4, 3)
    make_vacancy(tree.service_ab, datetime.date(2026, 1, 1))
    gaps = {g.key: g for g in queries.gaps_for(tree.service_ab)}
    assert set(gaps) == {f"area-{area.pk}", "requirements", "vacancies"}
    assert gaps[f"area-{area.pk}"].kind == "course" and "Vold og overgrep" in gaps[f"area-{area.pk}"].text
    assert gaps["requirements"].kind == "further_education" and gaps["vacancies"].kind == "recruitment"


def test_the_leader_builds_a_plan_from_the_gaps(client, tree):
    make_vacancy(tree.service_ab, datetime.date(2025, 1, 1))
    login(client, tree.users["leader_ab"])
    client.post(
        f"/kompetanse/tjenester/{tree.service_ab.pk}/planer/",
        {"title": "Plan 2026", "start_year": 2026, "end_year": 2027, "summary": ""},
    )
    plan = CompetencePlan.objects.get(title="Plan 2026")
    response = client.post(
        f"/kompetanse/planer/{plan.pk}/behov/",
        {"gaps": ["vacancies"], "owner": "Barnevernleder", "due_on": "2026-12-31"},
    )
    assert response.status_code == 302
    measure = plan.measures.get()
    assert (measure.kind, measure.owner, measure.state) == ("recruitment", "Barnevernleder", "planned")


def test_a_measure_is_updated_with_cost_and_status(client, tree):
    plan = make_plan(tree.service_ab)
    measure = plan.measures.get()
    login(client, tree.users["leader_ab"])
    response = client.post(
        f"/kompetanse/planer/{plan.pk}/tiltak/{measure.pk}/",
        {
            "kind": "supervision",
            "description": "Ekstern veiledning",
            "owner": "Leder",
            "cost": "45000",
            "due_on": "2026-10-01",
            "state": "ongoing",
            "version": measure.version,
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.cost, measure.state, measure.version) == (45000, "ongoing", 2)


def test_the_county_reads_the_plan_but_cannot_change_it(client, tree):
    plan = make_plan(tree.service_ab)
    login(client, tree.users["advisor_x"])
    assert client.get(f"/kompetanse/planer/{plan.pk}/").status_code == 200
    assert client.get(f"/kompetanse/planer/{plan.pk}/behov/").status_code == 403
    assert client.post(f"/kompetanse/planer/{plan.pk}/", {"form": "measure"}).status_code == 404
    assert PlanMeasure.objects.count() == 1


def test_the_staff_list_keeps_its_query_count_flat(client, tree, django_assert_max_num_queries):
    login(client, tree.users["leader_ab"])
    url = f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/"
    for _ in range(3):
        give_education(make_employee(tree.service_ab))
    client.get(url)
    # 20 for the page, plus the audit row of the bulk read of personal data (one insert per view).
    with django_assert_max_num_queries(21) as small:
        client.get(url)
    for _ in range(30):
        give_education(make_employee(tree.service_ab))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_overview_keeps_its_query_count_flat(client, tree, django_assert_max_num_queries):
    login(client, tree.users["national"])
    give_education(make_employee(tree.service_ab))
    client.get("/kompetanse/")
    cache.clear()  # measure the figures being computed, not read from the cache
    with django_assert_max_num_queries(25) as small:
        client.get("/kompetanse/")
    for _ in range(20):
        make_employee(tree.service_ab)
        make_employee(tree.service_c)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/kompetanse/")
