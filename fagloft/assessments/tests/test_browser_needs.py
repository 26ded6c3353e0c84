"""In the browser: the service leader writes the 2024 assessment's needs in the list form (no
JavaScript needed, htmx as enhancement), asks for a guidance team from one of them, and the 2025
assessment shows last year's needs in their themes; every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.accounts.roles import Role
from fagloft.assessments.models import Assessment, Theme
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.tests.factories import make_county, make_municipality, make_service, make_user
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_2024_needs_reach_the_2025_assessment(page, live_url):
    county = make_county("56", "Finnmark")
    alta = make_municipality(county, "5601", "Alta")
    service = make_service(alta, [alta], "Alta barneverntjeneste")
    leader = make_user("leder.alta", Role.SERVICE_LEADER, service)
    last = make_assessment(service, year=2024)
    last.entries.filter(theme__code="capacity").update(likelihood=4, consequence=4)

    browser_login(page, live_url, leader)
    page.goto(f"{live_url}/vurderinger/{last.pk}/behov/")
    assert_accessible(page, "assessment-needs-form")
    page.get_by_label("Behov", exact=True).fill("Ledelsesveiledning for ny ledergruppe")
    page.get_by_label("Tema").select_option(label=Theme.objects.get(code="leadership").name)
    page.get_by_label("Type behov").select_option(value="guidance_team")
    page.get_by_role("button", name="Legg til behov").click()
    # A second, empty row comes after the saved one (htmx swaps the form, or the page reloads).
    expect(page.locator("#id_behov-1-description")).to_be_visible()
    page.locator("#id_behov-1-description").fill("Videreutdanning for to saksbehandlere")
    page.locator("#id_behov-1-kind").select_option(value="competence")
    page.locator("#id_behov-1-theme").select_option(label=Theme.objects.get(code="competence").name)
    page.get_by_role("button", name="Lagre behov").click()
    page.wait_for_url(re.compile(rf"/vurderinger/{last.pk}/#behov$"))
    expect(page.get_by_text("Videreutdanning for to saksbehandlere").first).to_be_visible()
    assert_accessible(page, "assessment-with-needs")

    page.get_by_role("link", name="Be om veiledningsteam").first.click()
    assert_accessible(page, "assessment-request-guidance")
    page.get_by_role("button", name="Send ønsket").click()
    page.wait_for_url(re.compile(r"/veiledningsteam/\d+/$"))
    expect(page.get_by_text("Venter på svar fra Statsforvalteren eller Bufdir.")).to_be_visible()
    assert_accessible(page, "guidance-requested")

    Assessment.objects.filter(pk=last.pk).update(status=Assessment.Status.FINAL)
    this = make_assessment(service, year=2025)
    page.goto(f"{live_url}/vurderinger/{this.pk}/")
    leadership = page.locator("#tema-leadership")
    expect(leadership.get_by_text("Fra vurderingen for 2024")).to_be_visible()
    expect(leadership.get_by_text("Ledelsesveiledning for ny ledergruppe")).to_be_visible()
    expect(leadership.get_by_role("link", name="Ønsket av kommunen")).to_be_visible()
    expect(page.locator("#tema-competence").get_by_text("Videreutdanning for to saksbehandlere")).to_be_visible()
    assert_accessible(page, "assessment-2025-with-last-years-needs")

    page.goto(f"{live_url}/vurderinger/tjeneste/{service.pk}/risikohistorikk/")
    assert_accessible(page, "risk-history")
