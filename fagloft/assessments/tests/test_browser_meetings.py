"""In the browser: the county schedules a dialogue meeting with an agreed action, nominates a
service for a guidance team and writes a signal rule; Bufdir reads the national picture.
Every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.accounts.roles import Role
from fagloft.assessments.models import AgreedAction, DialogueMeeting, GuidanceEngagement, SignalRule
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.tests.factories import make_county, make_municipality, make_service, make_user
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_county_runs_dialogue_and_guidance_and_bufdir_sees_the_nation(page, live_url):
    county = make_county("56", "Finnmark")
    alta = make_municipality(county, "5601", "Alta")
    service = make_service(alta, [alta], "Alta barneverntjeneste")
    make_assessment(service, year=2025, risk_level="high")
    advisor = make_user("statsforvalter.finnmark", Role.COUNTY_ADVISOR, county)
    bufdir = make_user("bufdir", Role.NATIONAL)

    browser_login(page, live_url, advisor)
    page.goto(f"{live_url}/vurderinger/dialogmoter/")
    assert_accessible(page, "assessments-meetings")
    page.get_by_role("link", name="Planlegg dialogmøte").click()
    page.get_by_label("Tjeneste").select_option(label="Alta barneverntjeneste")
    page.get_by_label("Kommune").select_option(label="Alta (5601)")
    page.get_by_label("Tidspunkt").fill("2026-05-04T10:00")
    page.get_by_label("Sted").fill("Alta rådhus")
    assert_accessible(page, "assessments-meeting-new")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/dialogmoter/\d+/$"))
    page.get_by_role("textbox", name="Avtalt oppfølging").fill("Søke om Tjenestestøtteprogrammet")
    page.get_by_role("textbox", name="Ansvarlig", exact=True).fill("Barnevernleder")
    page.locator("#id_deadline").fill("2026-06-01")
    page.get_by_role("button", name="Legg til", exact=True).click()
    expect(page.get_by_role("cell", name="Søke om Tjenestestøtteprogrammet", exact=True)).to_be_visible()
    assert_accessible(page, "assessments-meeting-detail")
    assert AgreedAction.objects.get().meeting == DialogueMeeting.objects.get()

    page.goto(f"{live_url}/vurderinger/fylke/56/")
    page.get_by_role("link", name="Foreslå en tjeneste for veiledningsteam").click()
    page.get_by_label("Tjeneste").select_option(label="Alta barneverntjeneste")
    page.get_by_label("Begrunnelse").fill("Høy risiko to år på rad.")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/veiledningsteam/\d+/$"))
    assert_accessible(page, "assessments-guidance-detail")
    assert GuidanceEngagement.objects.get().origin == "nominated"
    page.goto(f"{live_url}/vurderinger/veiledningsteam/")
    assert_accessible(page, "assessments-guidance-list")

    page.goto(f"{live_url}/vurderinger/signalregler/ny/")
    page.get_by_role("textbox", name="Navn", exact=True).fill("Fristbrudd i undersøkelser")
    page.get_by_role("combobox", name="Type", exact=True).select_option("threshold")
    page.get_by_label("Indikatorkode").fill("kostra-undersokelser-innen-frist")
    page.get_by_label("Parametere (JSON)").fill('{"op": "<", "value": 85}')
    assert_accessible(page, "assessments-rule-form")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/signalregler/$"))
    assert_accessible(page, "assessments-rules")
    assert SignalRule.objects.get().county == county

    page.context.clear_cookies()
    browser_login(page, live_url, bufdir)
    page.goto(f"{live_url}/vurderinger/hele-landet/")
    expect(page.get_by_role("link", name="Finnmark")).to_be_visible()
    assert_accessible(page, "assessments-national")
