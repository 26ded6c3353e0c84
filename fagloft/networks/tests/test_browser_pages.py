"""In the browser: the pages that run a network pass axe-core for the people who use them."""

from __future__ import annotations

import pytest

from fagloft.grants.models import Application
from fagloft.grants.tests.factories import (
    make_application,
    make_assessment,
    make_call,
    make_decision,
)
from fagloft.networks.tests.factories import (
    adopt,
    make_contact,
    make_gathering,
    make_group,
    make_idea,
    make_network,
    make_plan,
    make_project,
)
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinators_and_advisors_pages_are_accessible(page, live_url):
    tree = build_tree()
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    plan = make_plan(network)
    adopt(plan, [tree.municipality_a])
    make_contact(network, tree.municipality_a, "Anne Delt", email="anne@alvik.no", share_email=True)
    make_contact(network, tree.municipality_b, "Bjørn Uten", email="bjorn@bergvik.no")
    gathering = make_gathering(network, "Høstsamling")
    project = make_project(network, tree.municipality_a, "Barns medvirkning")
    group = make_group(network, "Kollegaveiledning")
    idea = make_idea(network, "Felles opplæring")
    call = make_call(tree.county_x, "Stimuleringsmidler 2026")
    application = make_application(call, tree.municipality_a, "Barnas stemme", status=Application.Status.SUBMITTED)
    make_assessment(application, tree.users["advisor_x"])
    make_decision(application, amount=120_000)

    browser_login(page, live_url, tree.users["coordinator_x"])
    for name, path in [
        ("network-edit", f"/nettverk/{network.pk}/endre/"),
        ("network-role-add", f"/nettverk/{network.pk}/styringsgruppe/ny/"),
        ("network-contacts-manage", f"/nettverk/{network.pk}/kontakter/"),
        ("network-plan-adoption", f"/nettverk/planer/{plan.pk}/vedtak/"),
        ("network-gathering-manage", f"/nettverk/samlinger/{gathering.pk}/"),
        ("network-gathering-create", f"/nettverk/{network.pk}/samlinger/ny/"),
        ("network-project", f"/nettverk/prosjekter/{project.pk}/"),
        ("network-project-create", f"/nettverk/{network.pk}/prosjekter/ny/"),
        ("network-idea-to-project", f"/nettverk/ideer/{idea.pk}/prosjekt/"),
        ("network-groups", f"/nettverk/{network.pk}/faggrupper/"),
        ("network-group", f"/nettverk/faggrupper/{group.pk}/"),
        ("network-calendar", "/nettverk/kalender/"),
    ]:
        page.goto(live_url + path)
        assert_accessible(page, name)

    page.context.clear_cookies()
    browser_login(page, live_url, tree.users["advisor_x"])
    for name, path in [
        ("grants-call-create", "/tilskudd/utlysninger/ny/"),
        ("grants-call-edit", f"/tilskudd/utlysninger/{call.pk}/endre/"),
        ("grants-call-manage", f"/tilskudd/utlysninger/{call.pk}/"),
        ("grants-application-granted", f"/tilskudd/soknader/{application.pk}/"),
        ("network-plan-edit-new", f"/nettverk/{network.pk}/plan/"),
    ]:
        page.goto(live_url + path)
        assert_accessible(page, name)
