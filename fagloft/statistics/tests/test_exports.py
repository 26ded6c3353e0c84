from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from fagloft.organizations.tests.factories import build_tree, login
from fagloft.statistics.tests.factories import fill_tree

COUNTY_URL = "/statistikk/fylker/91/eksport/?indicator=kostra-undersokelser-innen-frist&sort=value&dir=desc"


@pytest.fixture
def tree(db):
    tree = build_tree()
    fill_tree(tree)
    return tree


def test_the_county_table_downloads_as_excel_in_the_shown_order(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.get(COUNTY_URL + "&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Kommunenummer", "Kommune", "KOSTRA-gruppe", "Barn 0–17", "År", "Verdi")
    assert [r[1] for r in rows[1:]] == ["Alvik", "Bergvik"]
    assert rows[1][5] == 80.0 and rows[1][6] == 10.0 and rows[2][5] == 50.0


def test_the_county_table_downloads_as_semicolon_csv_with_decimal_commas(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.get(COUNTY_URL + "&format=csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][:2] == ["9101", "Alvik"] and rows[1][5] == "80,0"
    assert "Utenfor" not in text


def test_a_municipalitys_series_downloads_with_its_comparisons(client, tree):
    login(client, tree.users["municipal_leader_a"])
    response = client.get("/statistikk/kommuner/9101/eksport/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True)]
    assert rows[0][3:] == ("Periode", "Alvik", "Fylket", "Hele landet", "KOSTRA-gruppen")
    deadline = [r for r in rows if r[1] == "kostra-undersokelser-innen-frist"]
    assert [r[3:] for r in deadline] == [("2022", 70.0, 70.0, 50.0, 30.0), ("2023", 80.0, 79.4118, 75.0, 40.0)]


def test_exports_follow_the_same_scope_as_the_pages(client, tree):
    login(client, tree.users["municipal_leader_a"])
    assert client.get("/statistikk/kommuner/9102/eksport/").status_code == 404
    login(client, tree.users["advisor_x"])
    assert client.get("/statistikk/fylker/92/eksport/").status_code == 404
