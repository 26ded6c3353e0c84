"""In the browser: an employee fills in a mapping round; a leader builds a competence plan from the gaps.

Each page is checked with axe-core (WCAG 2.1 A/AA).
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from fagloft.competence.models import CompetencePlan, FrameworkArea, MappingAnswer
from fagloft.competence.tests.factories import (
    give_education,
    make_employee,
    make_round,
    make_vacancy,
    rate,
)
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _reference_data() -> None:
    # A transactional test database is flushed between tests, taking the migration's rows with it.
    importlib.import_module("fagloft.competence.migrations.0002_reference_data").forwards(apps, None)


def test_an_employee_fills_in_a_mapping_round(page, live_url):
    _reference_data()
    tree = build_tree()
    me = make_employee(tree.service_ab, "Áile", "Somby", user=tree.users["employee_ab"])
    areas = list(FrameworkArea.objects.filter(code__in=["trauma", "law"]))
    mapping_round = make_round(tree.service_ab, "Kartlegging våren 2026", areas=areas)
    browser_login(page, live_url, tree.users["employee_ab"])
    page.goto(f"{live_url}/kompetanse/kartlegging/{mapping_round.pk}/")
    assert_accessible(page, "competence-round-employee")
    page.get_by_role("link", name="Vurder din egen kompetanse").click()
    assert_accessible(page, "competence-round-answer")
    for area in areas:
        page.get_by_role("group", name=area.name).get_by_label("3 – Selvstendig").check()
    page.get_by_label("Kommentar til «Traumebevisst praksis»").fill("Ønsker mer veiledning")
    page.get_by_role("button", name="Lagre svarene").click()
    page.wait_for_url(f"**/kompetanse/kartlegging/{mapping_round.pk}/")
    assert "Svarene er lagret." in page.content()
    answers = MappingAnswer.objects.filter(round=mapping_round, employee=me)
    assert list(answers.order_by("self_rating").values_list("self_rating", flat=True)) == [3, 3]
    assert answers.get(area__code="trauma").comment == "Ønsker mer veiledning"
    page.goto(f"{live_url}/kompetanse/ansatte/{me.pk}/")
    assert_accessible(page, "competence-own-profile")


def test_a_leader_builds_a_competence_plan_from_the_gaps(page, live_url):
    _reference_data()
    tree = build_tree()
    area = FrameworkArea.objects.get(code="violence")
    mapping_round = make_round(tree.service_ab, areas=[area])
    for n in range(5):
        person = make_employee(tree.service_ab, f"Person{n}", "Hansen")
        give_education(person)
        rate(mapping_round, person, area, 1, 2)
    make_vacancy(tree.service_ab, datetime.date(2025, 9, 1))
    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/kompetanse/tjenester/{tree.service_ab.pk}/")
    assert_accessible(page, "competence-service")
    page.goto(f"{live_url}/kompetanse/tjenester/{tree.service_ab.pk}/kompetansekrav/")
    assert_accessible(page, "competence-requirements")
    page.goto(f"{live_url}/kompetanse/tjenester/{tree.service_ab.pk}/planer/")
    assert_accessible(page, "competence-plans")
    page.get_by_label("Tittel").fill("Kompetanseplan 2026–2027")
    page.get_by_role("button", name="Opprett planen").click()
    assert_accessible(page, "competence-plan")
    page.get_by_role("link", name="Lag tiltak fra behovene").click()
    assert_accessible(page, "competence-plan-gaps")
    page.get_by_label("Lav kompetanse i «Vold og overgrep»", exact=False).check()
    page.get_by_label("ledig stilling", exact=False).check()
    page.get_by_label("Ansvarlig").fill("Barnevernleder")
    page.get_by_role("button", name="Legg til i planen").click()
    assert "2 tiltak er lagt til i planen." in page.content()
    plan = CompetencePlan.objects.get(title="Kompetanseplan 2026–2027")
    assert sorted(plan.measures.values_list("kind", flat=True)) == ["course", "recruitment"]
    assert_accessible(page, "competence-plan-with-measures")
