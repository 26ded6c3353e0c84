from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fagloft.audit.models import AuditEvent
from fagloft.statistics.imports import import_file
from fagloft.statistics.models import IndicatorValue
from fagloft.statistics.ssb import SsbFileError

DATA = Path(__file__).parent / "data"
PER_FTE = "kostra-barn-per-arsverk"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored() -> dict[tuple[str, int, int], Decimal | None]:
    return {(v.unit_key, v.year, v.half): v.value for v in IndicatorValue.objects.all()}


def test_it_imports_an_ssb_csv_export_with_municipalities_county_and_nation(tree):
    result = import_file(None, DATA / "ssb-12870-per-arsverk.csv", PER_FTE)
    a, b, x = tree.municipality_a.pk, tree.municipality_b.pk, tree.county_x.pk
    assert _stored() == {
        (f"m:{a}", 2022, 0): Decimal("14.3"),
        (f"m:{a}", 2023, 0): Decimal("13.8"),
        (f"m:{b}", 2023, 0): Decimal("16.0"),
        (f"c:{x}", 2023, 0): Decimal("14.9"),
        ("n", 2023, 0): Decimal("15.5"),
    }  # Bergvik 2022 is ".." (missing) and the KOSTRA group row is left out
    assert (result.written, result.municipalities, result.counties, result.national) == (5, 2, 1, 1)
    value = IndicatorValue.objects.get(municipality=tree.municipality_a, year=2023)
    assert value.source == "ssb" and "ssb-12870-per-arsverk.csv" in value.source_detail and value.recorded_at


def test_it_imports_the_same_figures_from_json_stat2(tree):
    import_file(None, DATA / "ssb-12870-per-arsverk.json", PER_FTE)
    a = tree.municipality_a.pk
    assert _stored()[(f"m:{a}", 2023, 0)] == Decimal("13.8")
    assert _stored()[("n", 2022, 0)] == Decimal("15.1")
    assert len(_stored()) == 5  # the missing observation (status "..") is not stored


def test_it_reads_the_wide_csv_form_with_one_column_per_year(tree):
    import_file(None, DATA / "ssb-wide.csv", PER_FTE)
    assert _stored()[(f"m:{tree.municipality_c.pk}", 2022, 0)] == Decimal("11.1")
    assert len(_stored()) == 3


def test_plain_json_carries_numerator_denominator_and_half_year(tree):
    import_file(None, DATA / "verdier.json", "kostra-undersokelser-innen-frist")
    value = IndicatorValue.objects.get(municipality=tree.municipality_b)
    assert (value.half, value.numerator, value.denominator) == (1, 1, 2)


def test_an_import_is_audited_once(tree):
    import_file(None, DATA / "ssb-12870-per-arsverk.csv", PER_FTE)
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPORT, object_type="statistics.indicator").count() == 1


def test_importing_the_same_file_twice_replaces_the_values(tree):
    import_file(None, DATA / "ssb-12870-per-arsverk.csv", PER_FTE)
    import_file(None, DATA / "ssb-12870-per-arsverk.csv", PER_FTE)
    assert IndicatorValue.objects.count() == 5


BAD_FILES = [
    (
        "bad-number.csv",
        '"region";"år";"verdi"\n"9101 Alvik";"2023";"14,3"\n"9102 Bergvik";"2023";"mye"\n',
        "bad-number.csv, linje 3, felt «verdi»: «mye» er ikke et tall",
    ),
    (
        "unknown.csv",
        '"region";"år";"verdi"\n"9101 Alvik";"2023";"14,3"\n"9999 Ingenvik";"2023";"1"\n',
        "unknown.csv, linje 3, felt «region»: kommunenummer 9999 finnes ikke i Fagløft",
    ),
    (
        "bad-year.csv",
        '"region";"år";"verdi"\n"9101 Alvik";"i fjor";"14,3"\n',
        "bad-year.csv, linje 2, felt «år»: «i fjor» er ikke et år",
    ),
    (
        "no-region.csv",
        '"kommunen";"år";"verdi"\n"9101";"2023";"1"\n',
        "no-region.csv, linje 1: mangler kolonnen «region»",
    ),
    ("short-line.csv", '"region";"år";"verdi"\n"9101 Alvik";"2023"\n', "short-line.csv, linje 2: har 2 felt"),
    (
        "twice.csv",
        '"region";"år";"verdi"\n"9101 Alvik";"2023";"1"\n"9101 Alvik";"2023";"2"\n',
        "twice.csv, linje 3, felt «region»: samme region og periode står også på linje 2",
    ),
    ("empty.csv", "", "empty.csv: filen er tom"),
    ("broken.json", '{"class": "dataset", "value": [1,', "broken.json, linje 1: ugyldig JSON"),
    (
        "stat.json",
        '{"version": "2.0", "class": "dataset", "id": ["Region"], "size": [1], '
        '"dimension": {"Region": {"category": {"index": {"9101": 0}}}}, "value": [1]}',
        "stat.json: fant ikke dimensjonene for region og tid",
    ),
    ("plain.json", '[{"region": "9101", "verdi": 3}]', "plain.json, element 1, felt «år»: feltet mangler"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_names_file_line_and_field_and_writes_nothing(tree, tmp_path, name, text, message):
    import_file(None, DATA / "ssb-12870-per-arsverk.csv", PER_FTE)
    before = _stored()
    with pytest.raises(SsbFileError) as error:
        import_file(None, _write(tmp_path, name, text), PER_FTE)
    assert str(error.value).startswith(message)
    assert _stored() == before


def test_a_file_with_several_variables_asks_which_one(tree, tmp_path):
    text = (
        '"region";"statistikkvariabel";"år";"verdi"\n"9101 Alvik";"Andel A";"2023";"1"\n'
        '"9101 Alvik";"Andel B";"2023";"2"\n'
    )
    path = _write(tmp_path, "two.csv", text)
    with pytest.raises(SsbFileError, match="flere statistikkvariabler; velg én med --variable"):
        import_file(None, path, PER_FTE)
    import_file(None, path, PER_FTE, variable="andel b")
    assert list(_stored().values()) == [Decimal(2)]


def test_a_county_value_for_a_municipality_only_indicator_is_refused(tree, tmp_path):
    path = _write(tmp_path, "level.csv", '"region";"år";"verdi"\n"91 Nordfylket";"2023";"1"\n')
    with pytest.raises(SsbFileError, match="level.csv, linje 2, felt «region»: indikatoren «egen-klager» har ikke"):
        import_file(None, path, "egen-klager")


def test_the_command_imports_with_a_progress_bar_and_reports_what_it_did(tree):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_ssb", str(DATA / "ssb-12870-per-arsverk.csv"), "--indicator", PER_FTE, stdout=out, stderr=err)
    assert "Importerte 5 verdier for kostra-barn-per-arsverk (2022–2023): 2 kommuner, 1 fylker" in out.getvalue()
    assert "Lagrer verdier" in err.getvalue() and "5/5" in err.getvalue()


def test_the_command_fails_with_the_norwegian_message_and_imports_nothing(tree, tmp_path):
    path = _write(tmp_path, "bad.csv", '"region";"år";"verdi"\n"9101 Alvik";"2023";"1"\n"9101 Alvik";"20x3";"1"\n')
    with pytest.raises(CommandError, match=r"bad.csv, linje 3, felt «år».*Ingenting ble importert"):
        call_command("import_ssb", str(path), "--indicator", PER_FTE, "--no-progress")
    assert not IndicatorValue.objects.exists()


def test_an_unknown_indicator_is_named(tree):
    with pytest.raises(SsbFileError, match="indikatoren «finnes-ikke» finnes ikke i katalogen"):
        import_file(None, DATA / "ssb-12870-per-arsverk.csv", "finnes-ikke")


def test_the_fagloft_command_maps_import_ssb():
    from fagloft.cli import translate

    assert translate(["import", "ssb", "fil.csv", "--indicator", PER_FTE])[0] == "import_ssb"
