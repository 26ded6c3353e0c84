"""The competence plan downloads as PDF and Excel (issue 9, Exports): permission-checked, never
cached, audited, formula-escaped, file name kept with «ø»."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fagloft.audit.models import AuditEvent
from fagloft.competence.tests.factories import make_plan
from fagloft.organizations.tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree):
    plan = make_plan(tree.service_ab, "Plan for Tromsø")
    plan.measures.update(description='=HYPERLINK("http://x")', cost=125000)
    return plan


def test_the_plan_downloads_as_excel_with_escaped_formulas(client, tree, plan):
    login(client, tree.users["leader_ab"])
    response = client.get(f"/kompetanse/planer/{plan.pk}/excel/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Kompetanseplan" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "Tiltak"
    assert sheet.cell(2, 1).value.startswith("'=")
    assert sheet.cell(2, 1).data_type != "f"
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.EXPORT, object_type="competence.competenceplan").count() == 1


def test_the_plan_downloads_as_pdf_with_its_measures_and_norwegian_money(client, tree, plan):
    login(client, tree.users["leader_ab"])
    response = client.get(f"/kompetanse/planer/{plan.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Plan for Tromsø" in text and "125" in text and "kr" in text


def test_outsiders_get_no_plan_file(client, tree, plan):
    login(client, tree.users["leader_c"])
    assert client.get(f"/kompetanse/planer/{plan.pk}/pdf/").status_code == 404
    assert client.get(f"/kompetanse/planer/{plan.pk}/excel/").status_code == 404
