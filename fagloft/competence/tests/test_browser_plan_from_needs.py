"""In the browser: a leader makes plan measures from the assessment's needs, ties the plan to the
network's adopted overall plan and sees where each measure came from. axe-core on every page."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from fagloft.competence.models import CompetencePlan, PlanMeasure
from fagloft.competence.tests.factories import make_plan
from fagloft.networks.tests import factories as nf
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _reference_data() -> None:
    # A transactional test database is flushed between tests, taking the migrations' rows with it.
    importlib.import_module("fagloft.competence.migrations.0002_reference_data").forwards(apps, None)
    importlib.import_module("fagloft.assessments.migrations.0002_reference_data").load(apps, None)


def test_a_leader_makes_measures_from_the_needs_and_ties_the_plan_to_the_network(page, live_url):
    _reference_data()
    tree = build_tree()
    need = nf.make_need(tree.service_ab, "Opplæring i samtaler med barn", kind="competence")
    network = nf.make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    overall = nf.make_plan(network, title="Felles plan 2026")
    nf.adopt(overall, [None, tree.municipality_a])
    plan = make_plan(tree.service_ab, "Kompetanseplan 2026")
    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/kompetanse/planer/{plan.pk}/")
    assert_accessible(page, "competence-plan-before")
    page.get_by_role("link", name="Lag tiltak fra behovene").click()
    assert_accessible(page, "competence-plan-from-needs")
    page.get_by_role("group", name="Behov i risiko- og tilstandsvurderingen").get_by_label(
        "Kompetanse: Opplæring i samtaler med barn", exact=False
    ).check()
    page.get_by_role("button", name="Legg til i planen").click()
    page.wait_for_url(f"**/kompetanse/planer/{plan.pk}/")
    measure = PlanMeasure.objects.get(plan=plan, need=need)
    assert measure.origin == "need"
    page.get_by_label("Nettverkets overordnede plan").select_option(str(overall.pk))
    page.get_by_role("button", name="Lagre planen").click()
    page.wait_for_url(f"**/kompetanse/planer/{plan.pk}/")
    assert CompetencePlan.objects.get(pk=plan.pk).network_plan_id == overall.pk
    origin = page.get_by_test_id("measure-origin").filter(has_text="Opplæring i samtaler med barn")
    assert "Behov i risiko- og tilstandsvurderingen" in origin.inner_text()
    assert "Vedtatt i nettverket" in page.get_by_test_id("network-plan").inner_text()
    assert_accessible(page, "competence-plan-after")
