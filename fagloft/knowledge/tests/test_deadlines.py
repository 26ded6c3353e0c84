"""The deadline rules are data with sources, and the service's compliance figures are the ones the
KOSTRA report derives from SSB's own test file (stored as the service's figures)."""

from __future__ import annotations

import pytest

from fagloft.knowledge import queries
from fagloft.knowledge.models import CaseDeadline
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db


def test_every_section_of_the_brief_is_a_deadline_with_a_source():
    by_section = {d.section: d for d in CaseDeadline.objects.all()}
    assert set(by_section) == {"§ 2-1", "§ 2-2", "§ 8-1", "§ 8-3", "§ 8-5"}
    assert by_section["§ 2-1"].limit_days == 7 and "8 dager" in by_section["§ 2-1"].ssb_rule
    assert (by_section["§ 2-2"].limit_months, by_section["§ 2-2"].special_limit_months) == (3, 6)
    assert by_section["§ 8-1"].limit_months == 3
    assert all(d.source_url.startswith("https://") and d.guidance_url for d in by_section.values())


def test_compliance_figures_come_from_the_services_stored_15f_file(kostra_dir, client):
    from fagloft.kostra.validation.engine import validate_file
    from fagloft.statistics.publishing import NewValue, record_values

    tree = build_tree()
    report = validate_file(
        kostra_dir / "testfiler" / "Testfil_21_OK_2020_15F_for_3401.xml", year=2020, municipality="3401"
    )
    figures = report.indicators
    # Stored the way kostra's store_figures stores a run (source kostra_15f, the service's unit).
    record_values(
        None,
        [
            NewValue(
                code,
                2020,
                f.get("value"),
                service_id=tree.service_ab.pk,
                numerator=f.get("numerator"),
                denominator=f.get("denominator"),
                is_preliminary=True,
            )
            for code, f in figures.items()
            if f.get("value") is not None
        ],
        source="kostra_15f",
    )
    rows = {r.deadline.code: r for r in queries.deadline_figures(queries.deadlines(), service=tree.service_ab)}
    for code, deadline in (
        ("melding", "kostra-meldinger-innen-frist"),
        ("undersokelse", "kostra-undersokelser-innen-frist"),
    ):
        compliance = next(c for c in rows[code].figures if c.indicator.code == deadline)
        expected = figures[deadline]["value"]
        assert expected is not None  # Testfil_21 has concluded referrals and investigations
        latest = compliance.latest
        assert latest is not None and latest.value is not None
        assert float(latest.value) == pytest.approx(expected, abs=0.05)
        assert latest.year == 2020
    assert rows["omsorgsplan"].figures == []  # no SSB figure for § 8-3

    login(client, tree.users["leader_ab"])
    page = client.get(f"/kunnskap/tjenester/{tree.service_ab.pk}/frister/").content.decode()
    assert "§ 2-1" in page and "bfk.bufdir.no" in page
