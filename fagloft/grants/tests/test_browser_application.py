"""In the browser: a leader writes and submits an application, the county advisor scores it and
decides; every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.grants.models import Application, Decision
from fagloft.grants.tests.factories import make_call
from fagloft.networks.tests.factories import (
    adopt,
    make_environment,
    make_network,
    make_plan,
    make_project,
)
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_application_is_written_submitted_scored_and_decided(page, live_url):
    import datetime

    from django.utils import timezone

    tree = build_tree()
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    adopt(make_plan(network), [None, tree.municipality_a, tree.municipality_b])
    make_environment("RKBU Nord")
    make_project(network, tree.municipality_a, "Barnas stemme")
    today = timezone.localdate()
    make_call(
        tree.county_x,
        "Stimuleringsmidler 2026",
        opens_on=today - datetime.timedelta(days=10),
        deadline=today + datetime.timedelta(days=30),
    )

    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/tilskudd/")
    assert_accessible(page, "grants-list")
    page.get_by_role("link", name="Stimuleringsmidler 2026").click()
    assert_accessible(page, "grants-call")
    page.get_by_role("link", name="Start søknad").click()
    page.get_by_label("Prosjektnavn").fill("Barnas stemme")
    page.get_by_label("Ansvarlig kommune (søker)").select_option(label="Alvik (9101)")
    page.get_by_label("Søkende læringsnettverk").select_option(label="Nordnettverket")
    page.get_by_label("Utviklingsprosjekt").select_option(label="Barnas stemme (Nordnettverket)")
    assert_accessible(page, "grants-start")
    page.get_by_role("button", name="Opprett utkast").click()
    page.wait_for_url(re.compile(r"/tilskudd/soknader/\d+/endre/$"))
    page.get_by_label("Bergvik (9102)").check()
    page.get_by_label("Kompetansemiljø").select_option(label="RKBU Nord")
    page.locator("#id_budget-0-category").select_option("project_management")
    page.locator("#id_budget-0-amount").fill("250000")
    # The live check (htmx) updates the eligibility list while writing.
    page.wait_for_function("!document.querySelector('#eligibility').textContent.includes('Velg kompetansemiljø')")
    assert_accessible(page, "grants-application-form")
    # Leave the field first, as a person does, so its change is checked before saving.
    page.locator("#id_budget-0-amount").blur()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Lagre utkast").click()
    expect(page.get_by_text("Utkastet er lagret.").first).to_be_visible()
    page.get_by_role("button", name="Send inn søknaden").click()
    expect(page.get_by_text("kan ikke endres etterpå")).to_be_visible()
    assert_accessible(page, "grants-submit-confirm")
    page.get_by_label("Jeg har lest hva som vil skje, og vil fortsette").check()
    page.get_by_role("button", name="Send inn søknaden").click()
    page.wait_for_url(re.compile(r"/tilskudd/soknader/\d+/$"))
    expect(page.get_by_text("Søknaden er sendt inn").first).to_be_visible()
    assert_accessible(page, "grants-application-submitted")
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED

    page.context.clear_cookies()
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(f"{live_url}/tilskudd/soknader/{application.pk}/vurdering/")
    page.get_by_label("Nytte for barn (vekt 3)").select_option("5")
    page.get_by_label("Gjennomførbarhet (vekt 1)").select_option("4")
    page.get_by_label("Kommentar").fill("Godt forankret i planen.")
    assert_accessible(page, "grants-assessment")
    page.get_by_role("button", name="Lagre vurdering").click()
    expect(page.get_by_text("Vurderingen din er lagret.").first).to_be_visible()
    page.get_by_role("link", name="Til rangeringen").click()
    assert_accessible(page, "grants-ranking")
    page.goto(f"{live_url}/tilskudd/soknader/{application.pk}/vedtak/")
    page.get_by_label("Utfall").select_option("granted")
    page.get_by_label("Innvilget beløp (kr)").fill("200000")
    page.get_by_label("Vilkår for tilskuddet").fill("Sluttrapport innen fristen.")
    assert_accessible(page, "grants-decision")
    page.get_by_role("button", name="Gå videre").click()
    expect(page.get_by_text("Vedtaksbrevet lages med innvilget beløp 200\u00a0000\u00a0kr")).to_be_visible()
    assert_accessible(page, "grants-decision-confirm")
    page.get_by_label("Jeg har lest hva som vil skje, og vil fortsette").check()
    page.get_by_role("button", name="Fatt vedtaket").click()
    page.wait_for_url(re.compile(r"/tilskudd/soknader/\d+/$"))
    expect(page.get_by_role("link", name="Vedtaksbrev (PDF)")).to_be_visible()
    assert_accessible(page, "grants-application-decided")
    decision = Decision.objects.get()
    assert decision.amount == 200_000 and decision.outcome == Decision.Outcome.GRANTED
