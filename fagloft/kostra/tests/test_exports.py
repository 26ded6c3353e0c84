"""Downloads of the control results: PDF and Excel, for the uploader only, never cached, names with
«ø» kept, cells escaped against formula injection, and audited as exports."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagloft.audit.models import AuditEvent
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.tests.factories import make_run
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def tree():
    tree = build_tree()
    tree.service_ab.name = "Tromsø barneverntjeneste"
    tree.service_ab.save(update_fields=["name"])
    return tree


def _run(tree, **fields):
    findings = [
        {"rule": "Individ06", "severity": "ERROR", "record": "J-200", "message": "Individet har ingen meldinger."},
        {"rule": "Individ06", "severity": "ERROR", "record": '=HYPERLINK("http://x")', "message": "…"},
        {"rule": "Melding03", "severity": "WARNING", "record": "J-100", "message": "Melding (M1). Frist."},
    ]
    # 1,250 Individ06 findings in the file; only the first ones are kept in the report.
    summary = {
        "children": 3,
        "errors": 1250,
        "warnings": 1,
        "findings_shown": 3,
        "findings_total": 1251,
        "by_rule": {
            "Individ06": {"severity": "ERROR", "count": 1250},
            "Melding03": {"severity": "WARNING", "count": 1},
        },
    }
    return make_run(tree.service_ab, tree.users["leader_ab"], findings=findings, summary=summary, **fields)


@pytest.mark.parametrize(
    ("name", "content_type", "extension"),
    [("kostra:run-pdf", "application/pdf", "pdf"), ("kostra:run-xlsx", XLSX, "xlsx")],
)
def test_the_uploader_downloads_the_results_uncached_with_the_name_kept_and_audited(
    client, tree, name, content_type, extension
):
    run = _run(tree)
    login(client, tree.users["leader_ab"])
    response = client.get(reverse(name, args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "no-store"
    expected = quote(f"KOSTRA 15F-kontroll Tromsø barneverntjeneste 2024.{extension}")
    assert f"filename*=utf-8''{expected}" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.EXPORT, object_id=str(run.pk))
    assert event.actor == tree.users["leader_ab"]
    if extension == "pdf":
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("name", ["kostra:run-pdf", "kostra:run-xlsx"])
@pytest.mark.parametrize("other", ["admin", "leader_c"])
def test_nobody_but_the_uploader_downloads_a_report(client, tree, name, other):
    run = _run(tree)
    login(client, tree.users[other])
    assert client.get(reverse(name, args=[run.pk])).status_code == 404
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.EXPORT).exists()


def test_the_workbook_lists_rule_severity_count_and_journal_numbers_with_cells_escaped(client, tree):
    run = _run(tree)
    login(client, tree.users["leader_ab"])
    sheet = load_workbook(io.BytesIO(client.get(reverse("kostra:run-xlsx", args=[run.pk])).content)).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    header = rows.index(("Kontroll", "Navn", "Alvorlighet", "Antall funn", "Journalnummer"))
    assert rows[header + 1] == (
        "Individ06",
        "Individet har ingen meldinger, planer eller tiltak",
        "Feil",
        1250,
        '\'=HYPERLINK("http://x"), J-200',
    )
    assert rows[header + 2] == ("Melding03", "Behandlingstid for melding over fristen", "Advarsel", 1, "J-100")
    assert ("Tjeneste", "Tromsø barneverntjeneste") in [r[:2] for r in rows]
    # Journal numbers only: the messages (referral ids, dates) are not in the file.
    assert "Frist" not in str(rows)


def test_the_workbook_follows_the_reader_s_language(client, tree):
    run = _run(tree)
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = "en"
    sheet = load_workbook(io.BytesIO(client.get(reverse("kostra:run-xlsx", args=[run.pk])).content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "The individual has no referrals, plans or measures" in values and "Error" in values


def test_an_unfinished_run_has_nothing_to_download_yet(client, tree):
    run = _run(tree, status=ValidationRun.Status.RUNNING)
    login(client, tree.users["leader_ab"])
    response = client.get(reverse("kostra:run-pdf", args=[run.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("kostra:run", args=[run.pk])


def test_the_report_page_links_the_downloads(client, tree):
    run = _run(tree)
    login(client, tree.users["leader_ab"])
    html = client.get(reverse("kostra:run", args=[run.pk])).content.decode()
    assert reverse("kostra:run-pdf", args=[run.pk]) in html and reverse("kostra:run-xlsx", args=[run.pk]) in html


def test_a_pdf_with_a_thousand_journal_numbers_for_one_control_still_builds(client, tree):
    findings = [
        {"rule": "Individ06", "severity": "ERROR", "record": f"2024/{n:05d}", "message": "…"} for n in range(1000)
    ]
    run = make_run(
        tree.service_ab,
        tree.users["leader_ab"],
        findings=findings,
        summary={"children": 1000, "errors": 1000, "by_rule": {"Individ06": {"severity": "ERROR", "count": 1000}}},
    )
    login(client, tree.users["leader_ab"])
    response = client.get(reverse("kostra:run-pdf", args=[run.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_second_sheet_lists_one_journal_number_per_row_escaped(client, tree):
    run = _run(tree)
    login(client, tree.users["leader_ab"])
    workbook = load_workbook(io.BytesIO(client.get(reverse("kostra:run-xlsx", args=[run.pk])).content))
    rows = [tuple(c.value for c in row) for row in workbook["Journalnummer"].iter_rows()]
    assert rows == [
        ("Kontroll", "Alvorlighet", "Journalnummer"),
        ("Individ06", "Feil", '\'=HYPERLINK("http://x")'),
        ("Individ06", "Feil", "J-200"),
        ("Melding03", "Advarsel", "J-100"),
    ]
