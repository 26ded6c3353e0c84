"""In the browser: a municipal leader reads the cost model, runs a simulation and reads the result,
its histogram and the table alternative; every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_runs_a_simulation_and_reads_it(page, live_url):
    tree = build_tree()
    browser_login(page, live_url, tree.users["municipal_leader_a"])
    page.goto(f"{live_url}/okonomi/kommuner/{tree.municipality_a.pk}/?year=2026")
    expect(page.get_by_role("heading", name="Kostnadsrisiko for Alvik")).to_be_visible()
    assert_accessible(page, "economy-municipality")
    page.get_by_label("Antall simulerte år").fill("5000")
    page.get_by_role("button", name="Start simuleringen").click()
    page.wait_for_url(re.compile(r"/okonomi/simuleringer/\d+/$"))
    expect(page.get_by_role("img", name="Fordeling av simulert kostnad")).to_be_visible()
    expect(page.get_by_text("Satser som ikke er bekreftet for året")).to_be_visible()
    page.get_by_text("Vis fordelingen som tabell").click()
    expect(page.get_by_role("table", name="Simulerte år per kostnadsintervall")).to_be_visible()
    assert_accessible(page, "economy-run")
    page.goto(f"{live_url}/okonomi/satser/")
    assert_accessible(page, "economy-rates")
    page.goto(f"{live_url}/okonomi/ansvar/")
    assert_accessible(page, "economy-responsibilities")
