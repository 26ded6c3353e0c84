"""The assessment as PDF and Excel: read permission, no caching, the name with «ø», formula escaping, audit."""

from __future__ import annotations

import datetime
import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from fagloft.assessments.models import Assessment, FollowUpMeasure, Theme
from fagloft.assessments.tests.factories import make_assessment
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import build_tree, login


@pytest.fixture
def tree(db):
    tree = build_tree()
    tree.service_ab.name = "Tromsø og Bergvik barneverntjeneste"
    tree.service_ab.save()
    return tree


@pytest.fixture
def assessment(tree):
    assessment = make_assessment(tree.service_ab, year=2025, conclusion="Sårbar ved fravær", risk_level="moderate")
    entry = assessment.entries.select_related("theme").get(theme__code="capacity")
    entry.likelihood, entry.consequence = 3, 4
    entry.save()
    FollowUpMeasure.objects.create(
        assessment=assessment,
        theme=Theme.objects.get(code="capacity"),
        description='=HYPERLINK("http://example.com")',
        owner="Leder",
        deadline=datetime.date(2026, 9, 1),
    )
    return assessment


@pytest.mark.parametrize(
    "kind,content_type,extension",
    [
        ("pdf", "application/pdf", "pdf"),
        ("excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ],
)
def test_the_assessment_downloads_uncached_with_its_name_and_is_audited(
    client, tree, assessment, kind, content_type, extension
):
    login(client, tree.users["leader_ab"])
    response = client.get(f"/vurderinger/{assessment.pk}/{kind}/")
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response["Cache-Control"] == "no-store"
    name = f"Risiko- og tilstandsvurdering Tromsø og Bergvik barneverntjeneste 2025.{extension}"
    assert f"filename*=utf-8''{quote(name)}" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.EXPORT, object_id=str(assessment.pk))
    assert event.actor == tree.users["leader_ab"]
    if extension == "pdf":
        assert response.content.startswith(b"%PDF")


def test_the_workbook_has_themes_with_scores_and_escaped_measures(client, tree, assessment):
    login(client, tree.users["leader_ab"])
    workbook = load_workbook(io.BytesIO(client.get(f"/vurderinger/{assessment.pk}/excel/").content))
    themes, measures = workbook.worksheets
    rows = list(themes.iter_rows(values_only=True))
    assert rows[0][:5] == ("Tema", "Sannsynlighet", "Konsekvens", "Risiko (produkt)", "Risikonivå")
    assert ("Kapasitet og bemanning", 3, 4, 12, "Moderat") == rows[1][:5]
    measure = list(measures.iter_rows(values_only=True))[1]
    assert measure[0] == '\'=HYPERLINK("http://example.com")' and measure[3].date() == datetime.date(2026, 9, 1)


def test_exports_follow_the_read_rule(client, tree, assessment):
    # The county governor reads an assessment only once the leadership has forwarded it.
    login(client, tree.users["advisor_x"])
    assert client.get(f"/vurderinger/{assessment.pk}/pdf/").status_code == 404
    login(client, tree.users["leader_c"])
    assert client.get(f"/vurderinger/{assessment.pk}/excel/").status_code == 404
    login(client, tree.users["employee_ab"])
    assert client.get(f"/vurderinger/{assessment.pk}/pdf/").status_code in (403, 404)
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.EXPORT).exists()
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.FORWARDED)
    login(client, tree.users["advisor_x"])
    assert client.get(f"/vurderinger/{assessment.pk}/pdf/").status_code == 200


def test_the_page_links_to_both_files(client, tree, assessment):
    login(client, tree.users["leader_ab"])
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert f"/vurderinger/{assessment.pk}/pdf/" in page and f"/vurderinger/{assessment.pk}/excel/" in page
