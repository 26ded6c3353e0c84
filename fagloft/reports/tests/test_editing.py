"""Editing, freezing, versions, comments, the council step and its handling."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from fagloft.audit.models import AuditEvent
from fagloft.lib.refusals import Refused
from fagloft.organizations import queries as org_queries
from fagloft.organizations.models import CouncilHandling
from fagloft.organizations.tests.factories import login
from fagloft.reports import queries, services
from fagloft.reports.models import Report
from fagloft.reports.tests.factories import DEADLINE, YEAR, make_report
from fagloft.statistics.models import IndicatorValue


def test_saving_keeps_every_version_and_refuses_a_stale_edit(filled):
    tree, _ = filled
    report = make_report(tree)
    section = report.sections.get(key="summary")
    draft = section.text
    leader = tree.users["leader_ab"]
    services.save_section(leader, section, expected_version=section.version, text="Første utgave")
    section.refresh_from_db()
    services.save_section(
        tree.users["municipal_leader_a"], section, expected_version=section.version, text="Andre utgave"
    )
    with pytest.raises(Refused):
        services.save_section(leader, section, expected_version=0, text="Gammel")
    versions = list(section.versions.order_by("number").values_list("number", "text"))
    assert versions == [(1, draft), (2, "Første utgave"), (3, "Andre utgave")]
    diff = queries.text_diff("Første utgave", "Andre utgave")
    assert ("removed", "Første utgave") in diff and ("added", "Andre utgave") in diff
    assert AuditEvent.objects.filter(object_type="reports.section", verb="update").count() == 2


def test_frozen_figures_do_not_change_under_the_writer(filled):
    tree, _ = filled
    report = make_report(tree)
    services.freeze_figures(tree.users["leader_ab"], report, expected_version=report.version, day=timezone.localdate())
    report.refresh_from_db()
    before = report.figures
    IndicatorValue.objects.filter(indicator__code=DEADLINE, municipality=tree.municipality_a, year=YEAR).update(value=1)
    from fagloft.reports import documents

    assert documents.figures_of(report) == before
    row = next(r for t in before["sections"]["themes"]["themes"] for r in t["indicators"] if r["code"] == DEADLINE)
    assert dict(map(tuple, row["series"]["unit"]))[YEAR] == "85.0000"
    with pytest.raises(Refused):
        services.freeze_figures(
            tree.users["leader_ab"],
            report,
            expected_version=report.version,
            day=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_ready_needs_frozen_figures_and_then_locks_the_text(filled):
    tree, _ = filled
    leader = tree.users["leader_ab"]
    report = make_report(tree)
    with pytest.raises(Refused):
        services.mark_ready(leader, report, expected_version=report.version)
    services.freeze_figures(leader, report, expected_version=report.version, day=timezone.localdate())
    report.refresh_from_db()
    services.mark_ready(leader, report, expected_version=report.version)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    section = report.sections.get(key="summary")
    with pytest.raises(Refused):
        services.save_section(leader, section, expected_version=section.version, text="Endret etterpå")


def test_comments_from_the_leadership_and_readers_may_not(filled):
    tree, _ = filled
    report = make_report(tree)
    services.add_comment(
        tree.users["municipal_leader_a"], report, text="Bra, men mer om NAV.", section_key="cooperation"
    )
    assert report.comments.get().author_name
    with pytest.raises(PermissionDenied):
        services.add_comment(tree.users["advisor_x"], report, text="Nei")


def test_council_handling_is_recorded_for_the_assessment(filled, client):
    tree, data = filled
    leader = tree.users["municipal_leader_a"]
    report = make_report(tree)
    services.freeze_figures(leader, report, expected_version=report.version, day=timezone.localdate())
    report.refresh_from_db()
    services.mark_ready(leader, report, expected_version=report.version)
    report.refresh_from_db()
    services.record_handling(
        leader,
        report,
        expected_version=report.version,
        date=datetime.date(YEAR + 1, 3, 14),
        body="Kommunestyret",
        case_number="26/101",
        decision="Tatt til orientering.",
    )
    report.refresh_from_db()
    assert report.status == Report.Status.HANDLED
    handling = org_queries.council_handling(tree.municipality_a, YEAR)
    assert (
        handling is not None
        and handling.case_number == "26/101"
        and handling.kind == CouncilHandling.Kind.STATUS_REPORT
    )
    assert AuditEvent.objects.filter(object_type="organizations.councilhandling", verb="create").exists()
    # The assessment's leadership question reads it.
    next_year = data["assessment"]
    login(client, tree.users["leader_ab"])
    page = client.get(f"/vurderinger/{next_year.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Tilstandsrapporten i kommunestyret" in body
    assert "Alvik: rapporten for 2025 ble lagt fram for Kommunestyret 14.03.2026." in body
    assert "Bergvik: ingen behandling registrert." in body


def test_the_about_text_is_written_once_and_reused(filled):
    tree, _ = filled
    leader = tree.users["leader_ab"]
    services.save_about_text(leader, tree.service_ab, expected_version=0, text="Vår tjeneste i nord.")
    this_year = make_report(tree)
    next_year = make_report(tree, year=YEAR + 1)
    assert this_year.sections.get(key="about").text == "Vår tjeneste i nord."
    assert next_year.sections.get(key="about").text == "Vår tjeneste i nord."


def test_pages_edit_freeze_and_year_on_year(filled, client):
    tree, _ = filled
    old = make_report(tree, year=YEAR - 1)
    report = make_report(tree)
    login(client, tree.users["leader_ab"])
    page = client.get(f"/rapporter/{report.pk}/")
    assert page.status_code == 200
    assert "Undersøkelser avsluttet innen fristen" in page.content.decode()
    section = report.sections.get(key="summary")
    response = client.post(
        f"/rapporter/{report.pk}/deler/{section.pk}/", {"text": "Ny tekst", "version": section.version}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.text == "Ny tekst"
    response = client.post(
        f"/rapporter/{report.pk}/las/", {"day": timezone.localdate().isoformat(), "version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_frozen
    page = client.get(f"/rapporter/{report.pk}/ar-for-ar/")
    body = page.content.decode().replace("\xa0", " ")
    assert str(old.year) in body and "85,0 %" in body and "82,0 %" in body
    history = client.get(f"/rapporter/{report.pk}/deler/{section.pk}/versjoner/")
    assert "Ny tekst" in history.content.decode()


def test_the_list_page_keeps_its_query_count(filled, client, django_assert_max_num_queries):
    tree, _ = filled
    for year in (YEAR - 2, YEAR - 1, YEAR):
        make_report(tree, year=year)
    login(client, tree.users["leader_ab"])
    with django_assert_max_num_queries(25):
        assert client.get("/rapporter/").status_code == 200


def test_the_municipality_and_service_pages_link_to_the_reports(filled, client):
    tree, _ = filled
    report = make_report(tree)
    login(client, tree.users["municipal_leader_a"])
    body = client.get(f"/kommuner/{tree.municipality_a.number}/").content.decode()
    assert f'href="/rapporter/kommuner/{tree.municipality_a.number}/"' in body
    page = client.get(f"/rapporter/kommuner/{tree.municipality_a.number}/").content.decode()
    assert report.title in page
    login(client, tree.users["no_role"])
    outsider = client.get(f"/kommuner/{tree.municipality_a.number}/").content.decode()
    assert f'href="/rapporter/kommuner/{tree.municipality_a.number}/"' not in outsider


def test_the_preventive_plan_handling_is_recorded(filled, client):
    tree, _ = filled
    login(client, tree.users["municipal_leader_a"])
    response = client.post(
        f"/rapporter/kommuner/{tree.municipality_a.number}/forebygging/",
        {
            "year": YEAR,
            "date": f"{YEAR}-06-12",
            "body": "Kommunestyret",
            "case_number": "25/77",
            "decision": "Vedtatt.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    handling = org_queries.council_handling(tree.municipality_a, YEAR, CouncilHandling.Kind.PREVENTIVE_PLAN)
    assert handling is not None and handling.recorded_by == tree.users["municipal_leader_a"]
    login(client, tree.users["leader_c"])
    assert client.post(
        f"/rapporter/kommuner/{tree.municipality_a.number}/forebygging/",
        {"year": YEAR, "date": f"{YEAR}-06-12", "body": "Kommunestyret"},
    ).status_code in (403, 404)


def test_the_county_overview_shows_reports_handlings_and_challenges(filled, client, django_assert_max_num_queries):
    tree, _ = filled
    make_report(tree)
    login(client, tree.users["advisor_x"])
    with django_assert_max_num_queries(30):
        page = client.get(f"/rapporter/oversikt/fylker/{tree.county_x.number}/?year={YEAR}")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Tilstandsrapport 2025 – Alvik" in body and "Kapasitet og bemanning" in body
    assert client.get(f"/rapporter/oversikt/fylker/{tree.county_y.number}/").status_code == 404


def test_the_national_overview_query_count_does_not_grow_with_the_reports(filled, client):
    """Bufdir's overview reads every municipality's report: more reports (in more counties) must not
    mean more queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tree, _ = filled
    login(client, tree.users["national"])
    url = f"/rapporter/oversikt/landet/?year={YEAR}"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_report(tree)
    one = count()
    make_report(tree, municipality=tree.municipality_b)
    services.create_report(None, tree.service_c, year=YEAR, municipality=tree.municipality_c)
    assert count() == one


def test_the_report_page_opens_with_a_table_of_contents_linking_every_part(filled, client):
    tree, _ = filled
    report = make_report(tree)
    login(client, tree.users["leader_ab"])
    body = client.get(f"/rapporter/{report.pk}/").content.decode()
    toc = body.split('id="toc-heading"', 1)[1].split("</nav>", 1)[0]
    linked = {part.split('"', 1)[0] for part in toc.split('href="#del-')[1:]}
    assert linked, "the contents list links the report's parts"
    assert all(f'id="del-{key}"' in body for key in linked)
    assert len(linked) == body.count('id="heading-')
    assert 'href="#kommentarer"' in toc
