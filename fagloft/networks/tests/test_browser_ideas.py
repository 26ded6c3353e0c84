"""In the browser: a member proposes an idea in the idea bank and the coordinator prioritises it;
the network, plan, contacts, gathering and idea pages pass axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.networks.models import Idea
from fagloft.networks.tests.factories import (
    adopt,
    make_contact,
    make_gathering,
    make_network,
    make_plan,
)
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_proposes_an_idea_and_the_coordinator_prioritises_it(page, live_url):
    tree = build_tree()
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    adopt(make_plan(network), [None, tree.municipality_a])
    make_contact(network, tree.municipality_a, "Anne Delt", email="anne@alvik.no", share_email=True)
    gathering = make_gathering(network, "Høstsamling")

    browser_login(page, live_url, tree.users["employee_ab"])
    page.goto(f"{live_url}/nettverk/")
    assert_accessible(page, "networks-list")
    page.get_by_role("link", name="Nordnettverket").click()
    assert_accessible(page, "networks-detail")
    page.get_by_role("link", name="Idébank").click()
    assert_accessible(page, "networks-ideas")
    page.get_by_label("Tittel").fill("Kollegaveiledning for nyansatte")
    page.get_by_label("Beskrivelse").fill("Nyansatte i små kommuner møtes på tvers av kommunene.")
    page.get_by_role("button", name="Foreslå idé").click()
    page.wait_for_url(re.compile(r"/nettverk/ideer/\d+/$"))
    expect(page.get_by_text("Idéen er lagt i idébanken.").first).to_be_visible()
    assert_accessible(page, "networks-idea-detail")
    page.get_by_role("button", name="Støtt idéen").click()
    expect(page.get_by_text("Du støtter idéen.").first).to_be_visible()

    page.goto(f"{live_url}/nettverk/{network.pk}/kontakter/")
    assert_accessible(page, "networks-contacts")
    page.goto(f"{live_url}/nettverk/{network.pk}/plan/")
    assert_accessible(page, "networks-plan")
    page.goto(f"{live_url}/nettverk/samlinger/{gathering.pk}/")
    page.get_by_role("button", name="Meld meg på").click()
    expect(page.get_by_text("Du er påmeldt.").first).to_be_visible()
    assert_accessible(page, "networks-gathering")

    page.context.clear_cookies()
    browser_login(page, live_url, tree.users["coordinator_x"])
    idea = Idea.objects.get()
    page.goto(f"{live_url}/nettverk/ideer/{idea.pk}/")
    page.get_by_label("Status").select_option("prioritised")
    page.get_by_label("Prioritet (1 er høyest)").fill("1")
    page.get_by_role("button", name="Lagre prioritering").click()
    expect(page.get_by_text("Prioriteringen er lagret.").first).to_be_visible()
    assert_accessible(page, "networks-idea-prioritised")
    idea.refresh_from_db()
    assert idea.status == Idea.Status.PRIORITISED and idea.priority == 1
