"""In the browser: the county advisor makes two proposals with different rules and compares them;
every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.organising.tests.factories import add_borders
from fagloft.organizations.tests.factories import build_tree, make_municipality, make_population
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_proposals_are_made_and_compared(page, live_url):
    tree = build_tree()
    small = make_municipality(tree.county_x, "9105", "Småvik")
    make_population(small, 2021, children=200)
    add_borders(tree.municipality_a, tree.municipality_b, small)

    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(f"{live_url}/organisering/fylker/91/")
    assert_accessible(page, "organising-county")
    for title, min_fte in (("Minst fem årsverk", "5"), ("Minst tjue årsverk", "20")):
        page.goto(f"{live_url}/organisering/fylker/91/nytt-forslag/")
        page.get_by_label("Navn på forslaget").fill(title)
        page.get_by_label("Minst antall årsverk per tjeneste").fill(min_fte)
        if min_fte == "5":
            assert_accessible(page, "organising-form")
        page.get_by_role("button", name="Lag forslag").click()
        page.wait_for_url(re.compile(r"/organisering/forslag/\d+/$"))
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        expect(page.get_by_text("Bevist optimal")).to_be_visible()
    assert_accessible(page, "organising-proposal")
    page.goto(f"{live_url}/organisering/fylker/91/")
    page.get_by_label("Minst fem årsverk").check()
    page.get_by_label("Minst tjue årsverk").check()
    page.get_by_role("button", name="Sammenlign").click()
    table = page.get_by_role("table", name="Forslagene side om side")
    expect(table.get_by_role("row")).to_have_count(3)
    assert_accessible(page, "organising-compare")
