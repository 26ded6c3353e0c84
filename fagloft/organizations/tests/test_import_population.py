"""Importing population by age: the tidy CSV, SSB's CSV and JSON-stat2 exports, and bad files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from django.db.models import Sum

from fagloft.audit.models import AuditEvent
from fagloft.lib.importing import ImportProblem
from fagloft.organizations.importers.population import detect_format
from fagloft.organizations.importers.run import import_geo, import_population
from fagloft.organizations.models import Population
from fagloft.organizations.tests.factories import make_county, make_municipality
from fagloft.organizations.tests.shared_files import geo_file, population_file

pytestmark = pytest.mark.django_db


def test_the_tidy_csv_gives_every_municipality_its_totals_and_children_by_age():
    import_geo(geo_file("kommuner-2020.geojson"))
    summary = import_population(population_file())
    assert summary.counts == {"created": 6050, "updated": 0, "unchanged": 0}
    alta = Population.objects.get(municipality__number="5403", year=2020)
    assert alta.total == 20789
    assert len(alta.by_age) == 18 and sum(alta.by_age) == alta.children
    assert Population.objects.filter(year=2020).aggregate(children=Sum("children"))["children"] == 1118608
    assert Population.objects.filter(year=2020).aggregate(total=Sum("total"))["total"] == 5367580


def test_importing_the_same_population_twice_changes_nothing():
    import_geo(geo_file("kommuner-2020.geojson"))
    import_population(population_file())
    before = list(Population.objects.order_by("pk").values_list("pk", "total", "children", "by_age"))
    summary = import_population(population_file())
    assert summary.counts == {"created": 0, "updated": 0, "unchanged": 6050}
    assert list(Population.objects.order_by("pk").values_list("pk", "total", "children", "by_age")) == before


@pytest.fixture
def halden(db):
    county = make_county("30", "Viken")
    return make_municipality(county, "3001", "Halden"), make_municipality(county, "3002", "Moss")


def tidy_rows(number: str = "3001", year: int = 2020, total: int = 31000) -> list[str]:
    return [f"{year},{number},{age},{300 + age}" for age in range(18)] + [f"{year},{number},total,{total}"]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def ssb_csv(region: str, ages: list[tuple[str, int]], sexes: tuple[str, ...] = ("Menn", "Kvinner")) -> str:
    lines = [
        '"07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år"',
        "",
        '"region";"kjønn";"alder";"statistikkvariabel";"år";"07459: Befolkning, etter region, kjønn, alder, '
        'statistikkvariabel og år"',
    ]
    lines.append('"0 Hele landet";"Menn";"0 år";"Personer";"2020";"27000"')  # not a municipality: skipped
    for sex in sexes:
        for label, count in ages:
            lines.append(f'"{region}";"{sex}";"{label}";"Personer";"2020";{count}')
    return "\n".join(lines) + "\n"


SSB_AGES = [(f"{age:03d} år" if age % 2 else f"{age} år", 100 + age) for age in range(18)] + [
    ("18 år", 150),
    ("105 år eller eldre", 2),
]


@pytest.mark.parametrize("region", ["3001 Halden", "K-3001 Halden"])
def test_an_ssb_csv_export_is_read_with_sexes_added_up_and_total_over_all_ages(tmp_path, halden, region):
    path = write(tmp_path, "07459.csv", ssb_csv(region, SSB_AGES), encoding="cp1252")
    assert detect_format(path) == "ssb-csv"
    import_population(path)
    row = Population.objects.get(municipality=halden[0], year=2020)
    assert row.by_age[0] == 200 and row.by_age[17] == 234
    assert row.children == sum(2 * (100 + age) for age in range(18))
    assert row.total == row.children + 2 * (150 + 2)


def test_an_ssb_csv_export_with_one_column_per_year_is_read(tmp_path, halden):
    lines = [
        '"07459: Befolkning, etter region, alder, statistikkvariabel og år"',
        "",
        '"region";"alder";"Personer 2023";"Personer 2024"',
    ]
    lines += [f'"3002 Moss";"{age:03d} år";{200 + age};{210 + age}' for age in range(18)]
    lines += ['"3002 Moss";"105 år eller eldre";"..";3']
    import_population(write(tmp_path, "07459-bred.csv", "\n".join(lines) + "\n"))
    moss_2023 = Population.objects.get(municipality=halden[1], year=2023)
    moss_2024 = Population.objects.get(municipality=halden[1], year=2024)
    assert (moss_2023.by_age[3], moss_2024.by_age[3]) == (203, 213)
    assert moss_2023.total == moss_2023.children  # «..» is a missing figure, skipped
    assert moss_2024.total == moss_2024.children + 3


def jsonstat(regions: list[str], values: Sequence[int | None], ages: list[str]) -> dict:
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "07459: Befolkning",
        "id": ["Region", "Kjonn", "Alder", "ContentsCode", "Tid"],
        "size": [len(regions), 2, len(ages), 1, 1],
        "dimension": {
            "Region": {
                "label": "region",
                "category": {"index": {r: i for i, r in enumerate(regions)}, "label": {r: r for r in regions}},
            },
            "Kjonn": {
                "label": "kjønn",
                "category": {"index": {"1": 0, "2": 1}, "label": {"1": "Menn", "2": "Kvinner"}},
            },
            "Alder": {
                "label": "alder",
                "category": {
                    "index": {a: i for i, a in enumerate(ages)},
                    "label": {a: f"{int(a.rstrip('+'))} år" for a in ages},
                },
            },
            "ContentsCode": {
                "label": "statistikkvariabel",
                "category": {"index": {"Personer1": 0}, "label": {"Personer1": "Personer"}},
            },
            "Tid": {"label": "år", "category": {"index": {"2021": 0}, "label": {"2021": "2021"}}},
        },
        "value": values,
    }


def test_a_jsonstat2_dataset_is_read_in_row_major_order(tmp_path, halden):
    ages = [f"{age:03d}" for age in range(18)] + ["105+"]
    regions = ["K-3001", "3002"]
    # Region varies slowest, then sex, then age: value = 1000*region + 100*sex + age.
    values = [1000 * r + 100 * s + a for r in range(2) for s in range(2) for a in range(19)]
    path = write(tmp_path, "07459.json", json.dumps(jsonstat(regions, values, ages)))
    assert detect_format(path) == "jsonstat"
    import_population(path)
    moss = Population.objects.get(municipality=halden[1], year=2021)
    assert moss.by_age[5] == (1000 + 5) + (1100 + 5)
    assert moss.total == sum((1000 + a) + (1100 + a) for a in range(19))
    assert Population.objects.get(municipality=halden[0], year=2021).by_age[0] == 0 + 100


BAD = [
    ("tom.csv", "", "tom.csv: filen er tom"),
    (
        "kolonner.csv",
        "aar,kommune,alder,antall\n2020,3001,0,1\n",
        "kolonner.csv, linje 1: mangler kolonnen «kommunenummer»",
    ),
    (
        "ukjent.csv",
        "aar,kommunenummer,alder,antall\n" + "\n".join(tidy_rows() + tidy_rows("9999")) + "\n",
        "ukjent.csv, linje 21, felt «kommunenummer»: ukjent kommunenummer 9999",
    ),
    (
        "tall.csv",
        "aar,kommunenummer,alder,antall\n2020,3001,0,mange\n",
        "tall.csv, linje 2, felt «antall»: «mange» er ikke et heltall",
    ),
    (
        "alder.csv",
        "aar,kommunenummer,alder,antall\n" + "\n".join(tidy_rows()[1:]) + "\n",
        "alder.csv, linje 2, felt «alder»: mangler alder 0 år for kommune 3001 i 2020",
    ),
    ("binaer.csv", "aar,kommunenummer,alder,antall\n2020,3001,0,\x00\x01\n", "binaer.csv: filen er ikke en tekstfil"),
    ("brutt.json", '{"class": "dataset", "id": [', "brutt.json, linje 1: ugyldig JSON"),
    ("feil.json", '{"class": "collection"}', "feil.json, felt «class»: filen er ikke et JSON-stat2-datasett"),
    (
        "ssb.csv",
        '"tittel"\n\n"kommune";"alder";"år";"Personer"\n"3001 Halden";"0 år";"2020";1\n',
        "ssb.csv, linje 1: fant ikke overskriftsraden med kolonnen «region»",
    ),
    (
        "ssb-ukjent.csv",
        ssb_csv("K-9999 Ingensteds", SSB_AGES),
        "ssb-ukjent.csv, linje 5, felt «region»: ukjent kommunenummer 9999",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_population_file_is_refused_and_nothing_is_written(tmp_path, halden, name, text, message):
    import_population(write(tmp_path, "good.csv", "aar,kommunenummer,alder,antall\n" + "\n".join(tidy_rows()) + "\n"))
    before = (list(Population.objects.values_list("pk", "total", "by_age")), AuditEvent.objects.count())
    with pytest.raises(ImportProblem) as error:
        import_population(write(tmp_path, name, text))
    assert str(error.value).startswith(message)
    assert (list(Population.objects.values_list("pk", "total", "by_age")), AuditEvent.objects.count()) == before


def test_a_jsonstat_region_that_is_no_known_municipality_is_refused(tmp_path, halden):
    ages = [f"{age:03d}" for age in range(18)]
    path = write(tmp_path, "ukjent.json", json.dumps(jsonstat(["9999"], [1] * 36, ages)))
    with pytest.raises(ImportProblem, match="ukjent.json, felt «Region»: ukjent kommunenummer 9999"):
        import_population(path)
    assert not Population.objects.exists()
