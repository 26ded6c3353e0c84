"""Browser: a service leader uploads a 15F file, sees the report and stores the figures; axe-core on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from fagloft.kostra.tests import builders as b
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_service_leader_uploads_a_15f_file_and_reads_the_report(page, live_url, tmp_path, kostra_dir):
    tree = build_tree()
    path = b.write(
        tmp_path,
        b.individ(b.tiltak(), Journalnummer="2024/1"),
        b.individ(b.flytting(), Journalnummer="2024/2"),
        b.individ(b.melding(SluttDato=f"{b.YEAR}-02-20"), Journalnummer="2024/3"),
        Kommunenummer="9101",
        Kommunenavn="Alvik",
    )
    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/kostra/")
    assert_accessible(page, "kostra-upload")
    page.get_by_label("KOSTRA 15F-fil (XML)").set_input_files(str(path))
    page.get_by_role("button", name="Kontroller filen").click()
    page.wait_for_url("**/kostra/kontroller/*/")
    expect(page.get_by_role("heading", name="Nøkkeltall fra filen")).to_be_visible()
    expect(page.get_by_text("Individ06: Individet har ingen meldinger, planer eller tiltak")).to_be_visible()
    expect(page.get_by_role("cell", name="2024/2")).to_be_visible()
    assert_accessible(page, "kostra-report")
    page.get_by_label("Grupper etter").select_option("barn")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("heading", name="Journalnummer 2024/3")).to_be_visible()
    assert_accessible(page, "kostra-report-by-child")
    page.get_by_role("button", name="Lagre disse som våre tall for 2024").click()
    expect(page.get_by_text("feil. Tallene kan derfor være feil.")).to_be_visible()
    assert_accessible(page, "kostra-store-confirm")
    page.get_by_label("Jeg har lest hva som vil skje, og vil fortsette").check()
    page.get_by_role("button", name="Lagre tallene").click()
    expect(page.get_by_text("nøkkeltall er lagret som tjenestens tall for 2024")).to_be_visible()
    assert_accessible(page, "kostra-report-stored")
