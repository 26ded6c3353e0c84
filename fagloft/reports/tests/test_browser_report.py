"""In the browser: a service leader prepares a report, edits a section beside its figures, freezes
the figures, downloads the Word file and sends the report to the council; every page passes axe-core."""

from __future__ import annotations

import io
import re

import docx
import pytest

from fagloft.organizations.tests.factories import build_tree
from fagloft.reports.models import Report
from fagloft.reports.tests.factories import YEAR, fill
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_report_is_prepared_edited_downloaded_and_sent_to_the_council(page, live_url):
    from fagloft.assessments.models import Theme
    from fagloft.assessments.reference import THEMES

    if not Theme.objects.exists():  # a transactional test flushes the seeded themes
        for order, (code, nb, nn, en, questions) in enumerate(THEMES):
            Theme.objects.create(code=code, name_nb=nb, name_nn=nn, name_en=en, questions=questions, sort_order=order)
    tree = build_tree()
    fill(tree)

    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/rapporter/")
    assert_accessible(page, "reports-list")
    page.get_by_role("link", name="Ny tilstandsrapport").click()
    page.get_by_label("Barneverntjeneste").select_option(label=tree.service_ab.name)
    page.get_by_label("År rapporten gjelder").select_option(str(YEAR))
    page.get_by_label("Kommune").select_option(label="Alvik (9101)")
    assert_accessible(page, "reports-new")
    page.get_by_role("button", name="Lag rapporten").click()
    page.wait_for_url(re.compile(r"/rapporter/\d+/$"))
    assert_accessible(page, "reports-editor")
    assert page.get_by_role("heading", name="4. Tema og indikatorer").is_visible()

    page.get_by_role("link", name="Rediger Sammendrag").click()
    assert_accessible(page, "reports-section")
    page.get_by_label("Tekst").fill("Barnevernet i Alvik har blitt raskere i 2025.")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/rapporter/\d+/#del-summary$"))
    assert page.get_by_text("Barnevernet i Alvik har blitt raskere i 2025.").is_visible()

    page.get_by_role("button", name="Lås tallene", exact=True).click()
    page.get_by_text("Tallene er låst slik de var").wait_for()

    with page.expect_download() as download:
        page.get_by_role("link", name="Word, bokmål").click()
    document = docx.Document(io.BytesIO(open(download.value.path(), "rb").read()))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Barnevernet i Alvik har blitt raskere i 2025." in paragraphs
    assert "1. Sammendrag" in paragraphs

    page.get_by_role("link", name="Klar for kommunestyret").click()
    assert_accessible(page, "reports-ready")
    page.get_by_label("Jeg har lest hva som vil skje, og vil fortsette").check()
    page.get_by_role("button", name="Send til kommunestyret").click()
    page.get_by_text("Rapporten er klar for kommunestyret.").wait_for()
    assert Report.objects.get().status == Report.Status.READY
