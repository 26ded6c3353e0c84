"""Every figure is bounded by its column: a 26-digit value in an SSB file once gave «Importerte 1
verdier» and then a 500 on every statistics page. Now it is refused, naming file, line and field,
and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import models

from fagloft.organizations.tests.factories import login
from fagloft.statistics import bounds, upload_jobs
from fagloft.statistics.imports import import_file
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.services import NewValue, enter_area_value, record_values
from fagloft.statistics.ssb import SsbFileError

PER_FTE = "kostra-barn-per-arsverk"
HUGE = "12345678901234567890123456"  # 26 digits
HEADER = '"region";"statistikkvariabel";"år";"12870: Barnevern - nøkkeltall"\n'


@pytest.fixture(autouse=True)
def import_folder(settings, tmp_path):
    settings.FAGLOFT_IMPORT_DIR = str(tmp_path / "imports")


def _file(tmp_path: Path, *rows: tuple[str, str, str]) -> Path:
    path = tmp_path / "ssb-stor.csv"
    path.write_text(
        HEADER + "".join(f'"{region}";"Barn per årsverk";"{year}";"{value}"\n' for region, year, value in rows),
        encoding="utf-8",
    )
    return path


def test_the_bounds_are_those_of_the_value_column():
    column = IndicatorValue._meta.get_field("value")
    assert isinstance(column, models.DecimalField)
    assert (column.max_digits, column.decimal_places) == (16, 4)
    assert bounds.largest() == Decimal("999999999999.9999")
    for name in ("numerator", "denominator"):
        field = IndicatorValue._meta.get_field(name)
        assert isinstance(field, models.DecimalField)
        assert (field.max_digits, field.decimal_places) == (column.max_digits, column.decimal_places)
    assert bounds.number_problem(Decimal("999999999999.9999")) is None
    assert bounds.number_problem(Decimal("12.345678")) is None  # stored as 12.3457
    assert bounds.number_problem(Decimal("999999999999.99999")) is not None  # rounds past the limit
    assert bounds.number_problem(Decimal("-1000000000000")) is not None
    assert bounds.year_problem(1899) and bounds.year_problem(2101) and bounds.year_problem(2024) is None


def test_a_26_digit_value_in_an_ssb_file_is_refused_naming_file_line_and_field(tree, tmp_path):
    path = _file(tmp_path, ("9101 Alvik", "2022", "14,3"), ("9102 Bergvik", "2023", HUGE))
    with pytest.raises(SsbFileError) as caught:
        import_file(None, path, PER_FTE)
    message = str(caught.value)
    assert message.startswith("ssb-stor.csv, linje 3, felt «12870: Barnevern - nøkkeltall»: ")
    assert HUGE in message and "for stort" in message and "999999999999,9999" in message
    assert not IndicatorValue.objects.exists()  # all or nothing: not even Alvik's good row


def test_the_command_refuses_the_26_digit_row_and_writes_nothing(tree, tmp_path):
    path = _file(tmp_path, ("9101 Alvik", "2023", HUGE))
    with pytest.raises(CommandError, match=r"ssb-stor.csv, linje 2.*for stort.*Ingenting ble importert"):
        call_command("import_ssb", str(path), "--indicator", PER_FTE, "--no-progress")
    assert not IndicatorValue.objects.exists()


def test_the_upload_page_reports_the_26_digit_row_and_the_pages_keep_working(client, tree):
    login(client, tree.users["national"])
    content = (HEADER + f'"9101 Alvik";"Barn per årsverk";"2023";"{HUGE}"\n').encode()
    response = client.post(
        "/statistikk/import/", {"indicator": PER_FTE, "file": SimpleUploadedFile("ssb-stor.csv", content)}
    )
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "Importerte" not in body and "linje 2" in body and "for stort" in body
    assert upload_jobs.recent()[0].status == upload_jobs.FAILED
    assert not IndicatorValue.objects.exists()
    for url in ("/statistikk/", f"/statistikk/kommuner/{tree.municipality_a.number}/", "/statistikk/fylker/91/"):
        assert client.get(url).status_code == 200, url


def test_record_values_refuses_the_whole_batch_at_a_value_out_of_bounds(tree):
    a = tree.municipality_a.pk
    batch = [NewValue(PER_FTE, 2023, 12, municipality_id=a), NewValue(PER_FTE, 2024, Decimal(HUGE), municipality_id=a)]
    with pytest.raises(bounds.OutOfBounds) as caught:
        record_values(None, batch, IndicatorValue.Source.SSB)
    assert caught.value.field == "value" and "Verdi 2 av 2" in str(caught.value)
    with pytest.raises(bounds.OutOfBounds) as caught:
        record_values(None, [NewValue(PER_FTE, 20230, 12, municipality_id=a)], IndicatorValue.Source.SSB)
    assert caught.value.field == "year"
    with pytest.raises(bounds.OutOfBounds):
        record_values(None, [NewValue(PER_FTE, 2023, 1, denominator=Decimal(HUGE), municipality_id=a)], "ssb")
    assert not IndicatorValue.objects.exists()


def test_a_per_children_value_too_large_is_refused_before_the_population_fill(tree):
    code = (
        Indicator.objects.filter(aggregation=Indicator.Aggregation.PER_CHILDREN).values_list("code", flat=True).first()
    )
    if code is None:
        pytest.skip("no per-children indicator in the catalogue")
    with pytest.raises(bounds.OutOfBounds):
        record_values(None, [NewValue(code, 2023, Decimal(HUGE), municipality_id=tree.municipality_a.pk)], "ssb")
    assert not IndicatorValue.objects.exists()


def test_the_manual_form_refuses_a_numerator_whose_value_would_be_too_large(client, tree):
    deadline = Indicator.objects.get(code="kostra-undersokelser-innen-frist")
    login(client, tree.users["advisor_x"])
    response = client.post(
        "/statistikk/fylker/91/registrer/",
        {
            "indicator": deadline.pk,
            "unit": f"c:{tree.county_x.pk}",
            "year": 2023,
            "half": 0,
            "numerator": "999999999999",
            "denominator": "0,0001",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "for stor" in html and "ds-error-summary" in html and 'value="999999999999"' in html
    assert not IndicatorValue.objects.exists()
    with pytest.raises(bounds.OutOfBounds):
        enter_area_value(
            tree.users["advisor_x"], indicator=deadline, area=tree.county_x, year=2023, value=Decimal(HUGE)
        )


def test_the_manual_form_refuses_26_digits_at_the_field(client, tree):
    deadline = Indicator.objects.get(code="kostra-undersokelser-innen-frist")
    login(client, tree.users["advisor_x"])
    response = client.post(
        "/statistikk/fylker/91/registrer/",
        {"indicator": deadline.pk, "unit": f"c:{tree.county_x.pk}", "year": 2023, "half": 0, "value": HUGE},
    )
    assert response.status_code == 400
    assert HUGE in response.content.decode()  # the input is kept
    assert not IndicatorValue.objects.exists()


def test_the_derived_audit_scope_of_a_value_equals_the_old_one(tree):
    record_values(
        None,
        [
            NewValue(PER_FTE, 2023, 1, municipality_id=tree.municipality_a.pk),
            NewValue(PER_FTE, 2023, 2, county_id=tree.county_x.pk),
            NewValue(PER_FTE, 2023, 3, is_national=True),
        ],
        IndicatorValue.Source.SSB,
    )
    for value in IndicatorValue.objects.all():
        old = {"service_id": value.service_id, "municipality_id": value.municipality_id, "county_id": value.county_id}
        assert value.audit_scope() == old


@pytest.mark.parametrize("query", ["year=99999999999999999999", "year=1800", "service=" + "9" * 30])
def test_the_api_answers_400_for_a_year_or_id_out_of_bounds(client, tree, query):
    login(client, tree.users["national"])
    response = client.get(f"/api/v1/indicator-values/?{query}")
    assert response.status_code == 400
