"""The organisation pages in a real browser: the forms a service leader and a county advisor use,
the live search, and the audit trail; every page passes axe-core (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest

from fagloft.organizations import services
from fagloft.organizations.models import Service
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_service_leader_completes_the_contact_details_from_the_front_page(page, live_url):
    tree = build_tree()
    browser_login(page, live_url, tree.users["leader_ab"])
    assert_accessible(page, "organizations-front-leader")
    page.get_by_role(
        "link", name="Kontaktopplysningene for Alvik og Bergvik barneverntjeneste er ufullstendige"
    ).click()
    assert_accessible(page, "organizations-service-edit")
    page.get_by_label("Leder", exact=True).fill("Liv Leder")
    page.get_by_label("E-post").fill("ikke en adresse")
    page.get_by_role("button", name="Lagre kontaktopplysninger").click()
    assert page.locator(".ds-error-summary").is_visible()
    assert_accessible(page, "organizations-service-edit-error")
    page.get_by_label("E-post").fill("barnevern@alvik.kommune.no")
    page.get_by_role("button", name="Lagre kontaktopplysninger").click()
    assert page.get_by_text("Kontaktopplysningene er lagret.").is_visible()
    assert Service.objects.get(pk=tree.service_ab.pk).leader_name == "Liv Leder"


def test_the_search_shows_results_while_typing(page, live_url):
    tree = build_tree()
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(f"{live_url}/sok/")
    page.get_by_label("Kommunenavn eller kommunenummer").press_sequentially("berg", delay=40)
    page.locator("#search-results").get_by_role("link", name="Bergvik (9102)").wait_for()
    assert "Utenfor" not in page.locator("#search-results").inner_text()
    assert_accessible(page, "organizations-search")


def test_a_county_advisor_records_an_agreement_and_finds_it_in_the_audit_trail(page, live_url):
    tree = build_tree()
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(f"{live_url}/avtaler/ny/?kommune=9101")
    assert_accessible(page, "organizations-agreement-form")
    page.get_by_label("Tittel").fill("Felles barnevernvakt Nordfylket")
    page.get_by_label("Type avtale").select_option("out_of_hours")
    page.get_by_label("Bergvik (9102)").check()
    page.get_by_role("button", name="Lagre avtalen").click()
    assert page.get_by_role("heading", name="Felles barnevernvakt Nordfylket").is_visible()
    assert_accessible(page, "organizations-agreement-detail")
    page.goto(f"{live_url}/endringslogg/")
    assert page.get_by_text("Felles barnevernvakt Nordfylket").first.is_visible()
    assert_accessible(page, "organizations-audit-log")


def test_the_account_page_and_the_api_token_are_accessible(page, live_url):
    tree = build_tree()
    services.update_service_contact(
        tree.users["admin"], tree.service_ab, expected_version=tree.service_ab.version, leader_name="Liv"
    )
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(f"{live_url}/konto/min-konto/")
    page.get_by_role("button", name="Lag API-nøkkel").click()
    assert page.get_by_text("Kopier den nå").is_visible()
    assert_accessible(page, "accounts-profile-token")
