"""Importing the HR sheet: a good sheet goes in; a bad one names sheet, row and column and writes nothing."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from fagloft.audit.models import AuditEvent
from fagloft.competence import staff_io
from fagloft.competence.models import Education, Employee, FurtherEducation
from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.tests.factories import login

HEADER = [
    "Fornavn",
    "Etternavn",
    "E-post",
    "Stilling",
    "Stillingsprosent",
    "Ansatt fra",
    "Sluttet",
    "Kjerneoppgaver",
    "Utdanningsnivå",
    "Fagfelt",
    "Utdanningsår",
    "Videreutdanning",
    "Studiepoeng",
    "Videreutdanningsår",
    "Videreutdanning pågår",
    "Metodesertifiseringer",
]
# Rows as a spreadsheet holds them: text, numbers and empty cells mixed.
GOOD: list[list[Any]] = [
    [
        "Kari",
        "Nordmann",
        "kari@example.no",
        "Saksbehandler",
        100,
        "01.02.2019",
        None,
        "ja",
        "Bachelor",
        "Barnevern",
        2016,
        "Vurdering av barnets beste",
        30,
        2022,
        "nei",
        "PMTO, ICDP",
    ],
    [
        "Ole",
        "Hansen",
        "",
        "Leder",
        "80",
        "2015-08-01",
        None,
        "ja",
        "Master",
        "Annen relevant utdanning",
        2012,
        None,
        None,
        None,
        None,
        None,
    ],
    [
        "Áile",
        "Somby",
        "aile@example.no",
        "nestleder",
        "100,0",
        "01.09.2023",
        None,
        "ja",
        "Bachelor",
        "sosionom",
        2020,
        "Juss i barnevernfaglig arbeid",
        30,
        2027,
        "ja",
        "",
    ],
]


def workbook(rows: list[list], sheet: str = "Ansatte", header: list[str] = HEADER) -> io.BytesIO:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "hr.xlsx"
    return buffer


def _upload(client, tree, file):
    login(client, tree.users["leader_ab"])
    return client.post(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/import/", {"file": file})


def test_a_good_sheet_is_imported_with_education_and_further_education(client, tree):
    response = _upload(client, tree, workbook(GOOD))
    assert response.status_code == 302
    kari = Employee.objects.get(first_name="Kari")
    assert kari.service == tree.service_ab and kari.started_on.isoformat() == "2019-02-01"
    assert kari.educations.get().field == "child_welfare"
    assert kari.further_educations.get().ects == 30
    assert sorted(kari.certifications.values_list("method", flat=True)) == ["icdp", "pmto"]
    aile = Employee.objects.get(first_name="Áile")
    assert aile.position == "deputy_leader" and aile.further_educations.get().status == "ongoing"
    assert AuditEvent.objects.filter(verb="import").count() == 1


def test_a_row_with_a_known_email_updates_that_person(client, tree):
    make_employee(tree.service_ab, "Kari", "Gammel", email="kari@example.no")
    _upload(client, tree, workbook(GOOD[:1]))
    assert Employee.objects.get(email="kari@example.no").last_name == "Nordmann"
    assert Employee.objects.count() == 1


BAD_CASES = [
    (
        lambda r: r.__setitem__(4, 120),
        "ark «Ansatte», rad 2, kolonne «Stillingsprosent»: må være et tall mellom 0 og 100",
    ),
    (
        lambda r: r.__setitem__(4, "full"),
        "ark «Ansatte», rad 2, kolonne «Stillingsprosent»: må være et tall mellom 0 og 100",
    ),
    (
        lambda r: r.__setitem__(5, "i fjor"),
        "ark «Ansatte», rad 2, kolonne «Ansatt fra»: må være en dato som 31.12.2024",
    ),
    (lambda r: r.__setitem__(0, ""), "ark «Ansatte», rad 2, kolonne «Fornavn»: må fylles ut"),
    (
        lambda r: r.__setitem__(3, "Sjef"),
        "ark «Ansatte», rad 2, kolonne «Stilling»: må være en av: Saksbehandler, Leder, Nestleder, Annen stilling",
    ),
    (lambda r: r.__setitem__(7, "kanskje"), "ark «Ansatte», rad 2, kolonne «Kjerneoppgaver»: må være «ja» eller «nei»"),
    (
        lambda r: r.__setitem__(6, "01.01.2018"),
        "ark «Ansatte», rad 2, kolonne «Sluttet»: kan ikke være før «Ansatt fra»",
    ),
    (lambda r: r.__setitem__(15, "Yoga"), "ark «Ansatte», rad 2, kolonne «Metodesertifiseringer»: må være en av"),
]


@pytest.mark.parametrize(("spoil", "message"), BAD_CASES)
def test_a_bad_cell_is_named_and_nothing_is_written(client, tree, spoil, message):
    rows = [list(r) for r in GOOD]
    spoil(rows[0])
    response = _upload(client, tree, workbook(rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Employee.objects.count() == 0 and Education.objects.count() == 0 and FurtherEducation.objects.count() == 0


def test_errors_on_later_rows_keep_earlier_good_rows_out(client, tree):
    rows = [list(r) for r in GOOD] + [["Per", "Feil", "", "Saksbehandler", -5, "01.01.2020"] + [None] * 10]
    response = _upload(client, tree, workbook(rows))
    assert "rad 5, kolonne «Stillingsprosent»" in response.content.decode()
    assert Employee.objects.count() == 0


def test_a_missing_column_is_named(client, tree):
    response = _upload(client, tree, workbook([["Kari"]], header=["Fornavn"]))
    assert "mangler kolonnen «Etternavn»" in response.content.decode()
    assert Employee.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused(client, tree):
    file = io.BytesIO(b"not a zip")
    file.name = "hr.xlsx"
    assert "kan ikke leses som et Excel-ark" in _upload(client, tree, file).content.decode()


def test_a_csv_file_names_file_and_line(client, tree):
    text = ";".join(HEADER[:6]) + "\nKari;Nordmann;;Saksbehandler;abc;01.01.2020\n"
    file = io.BytesIO(text.encode())
    file.name = "hr.csv"
    body = _upload(client, tree, file).content.decode()
    assert "fil «hr.csv», linje 2, kolonne «Stillingsprosent»: må være et tall mellom 0 og 100" in body
    assert Employee.objects.count() == 0


def test_the_export_reads_back_in(client, tree):
    _upload(client, tree, workbook(GOOD))
    response = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/eksport/")
    sheet = load_workbook(io.BytesIO(response.content))["Ansatte"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Fornavn", "Etternavn", "E-post", "Stilling", "Stillingsprosent")
    assert {r[0] for r in rows[1:]} == {"Kari", "Ole", "Áile"}
    parsed = staff_io.parse(response.content, "eksport.xlsx")
    assert len(parsed) == 3
    csv_body = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/eksport/?format=csv").content.decode()
    assert csv_body.startswith("Fornavn;Etternavn") and "Nordmann" in csv_body


def test_an_imported_row_is_linked_to_the_user_with_that_email_in_the_service(client, tree):
    tree.users["employee_ab"].email = "kari@example.no"
    tree.users["employee_ab"].save()
    tree.users["advisor_x"].email = "aile@example.no"  # a role outside the service: never linked
    tree.users["advisor_x"].save()
    _upload(client, tree, workbook(GOOD))
    assert Employee.objects.get(first_name="Kari").user == tree.users["employee_ab"]
    assert Employee.objects.get(first_name="Áile").user is None


def test_an_excel_error_names_file_sheet_row_and_column(client, tree):
    rows = [list(r) for r in GOOD]
    rows[1][4] = 250
    body = _upload(client, tree, workbook(rows)).content.decode()
    assert "fil «hr.xlsx», ark «Ansatte», rad 3, kolonne «Stillingsprosent»: må være et tall mellom 0 og 100" in body


@pytest.mark.parametrize("day", ["01.01.0024", "1850-06-01", "01.01.2101"])
def test_a_date_outside_1900_to_2100_is_named(client, tree, day):
    rows = [list(r) for r in GOOD]
    rows[0][5] = day
    body = _upload(client, tree, workbook(rows)).content.decode()
    assert "rad 2, kolonne «Ansatt fra»: må være en dato mellom 1900 og 2100" in body
    assert Employee.objects.count() == 0


def test_a_national_import_refuses_a_service_the_actor_does_not_lead(tree):
    from django.core.exceptions import PermissionDenied

    rows = [
        staff_io.Row(
            2,
            {
                "first_name": "Ola",
                "last_name": "Utenfor",
                "position": "case_worker",
                "fte_percent": 100,
                "started_on": datetime.date(2020, 1, 1),
                "service_id": tree.service_c.pk,
            },
        )
    ]
    with pytest.raises(PermissionDenied):
        staff_io.import_rows(tree.users["leader_ab"], rows, None, "landet.xlsx")
    assert staff_io.import_rows(None, rows, None, "landet.xlsx") == 1
