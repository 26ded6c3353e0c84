"""Importing Kartverket GeoJSON: counts, validity over the years, idempotency and bad files."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from fagloft.audit.models import AuditEvent
from fagloft.lib.importing import ImportProblem
from fagloft.organizations.importers.run import import_geo
from fagloft.organizations.models import Border, County, CountyMembershipPeriod, Municipality
from fagloft.organizations.tests.factories import make_county
from fagloft.organizations.tests.shared_files import geo_file

pytestmark = pytest.mark.django_db


def import_years(*years: int) -> None:
    for year in years:
        import_geo(geo_file(f"fylker-{year}.geojson"))
        import_geo(geo_file(f"kommuner-{year}.geojson"))


def county_of(number: str, day: datetime.date) -> str:
    period = CountyMembershipPeriod.objects.valid_on(day).get(municipality__number=number)
    return period.county.number


def test_it_imports_every_municipality_of_2020_with_the_polygons_the_file_has():
    import_years(2020)
    assert County.objects.count() == 11
    assert Municipality.objects.count() == 356  # the list beside the map names all 356
    assert Border.objects.filter(municipality__isnull=False).count() == 354  # Kvitsøy and Træna have no polygon
    assert Border.objects.filter(county__isnull=False).count() == 11
    alta = Municipality.objects.get(number="5403")
    assert (alta.name, alta.county.number, alta.valid_from) == ("Alta", "54", datetime.date(2020, 1, 1))
    oslo = Municipality.objects.get(number="0301")
    assert oslo.border.bbox[0] < 10.8 < oslo.border.bbox[2]


def test_importing_2020_then_2024_ends_what_was_split_and_starts_what_is_new():
    import_years(2020, 2024)
    valid_2024 = Municipality.objects.valid_on(datetime.date(2024, 6, 1))
    assert valid_2024.count() == 357
    assert County.objects.valid_on(datetime.date(2024, 6, 1)).count() == 15
    troms_og_finnmark = County.objects.get(number="54")
    assert (troms_og_finnmark.valid_from, troms_og_finnmark.valid_to) == (
        datetime.date(2020, 1, 1),
        datetime.date(2023, 12, 31),
    )
    finnmark = County.objects.get(number="56")
    assert (finnmark.valid_from, finnmark.valid_to) == (datetime.date(2024, 1, 1), None)
    # Alta was 5403 in Troms og Finnmark, and is 5601 in Finnmark since the county split of 2024.
    old_alta, new_alta = Municipality.objects.get(number="5403"), Municipality.objects.get(number="5601")
    assert old_alta.valid_to == datetime.date(2023, 12, 31)
    assert county_of("5403", datetime.date(2021, 6, 1)) == "54"
    assert county_of("5601", datetime.date(2025, 6, 1)) == "56"
    assert not CountyMembershipPeriod.objects.valid_on(datetime.date(2025, 6, 1)).filter(municipality=old_alta).exists()
    assert new_alta.border.year == 2024
    # A municipality in both years keeps its start and takes the newer name and border.
    trondheim = Municipality.objects.get(number="5001")
    assert (trondheim.valid_from, trondheim.name, trondheim.border.year) == (
        datetime.date(2020, 1, 1),
        "Trondheim - Tråante",
        2024,
    )
    assert finnmark.municipalities_on(datetime.date(2025, 1, 1)).count() == 18


def test_running_the_same_import_twice_changes_nothing():
    import_years(2020)
    before = _state()
    summary = import_geo(geo_file("kommuner-2020.geojson"))
    assert summary.counts == {"unchanged": 356}
    assert _state() == before


def _state() -> tuple:
    return (
        list(Municipality.objects.values_list("number", "name", "county_id", "valid_from", "valid_to")),
        list(CountyMembershipPeriod.objects.values_list("municipality_id", "county_id", "valid_from", "valid_to")),
        list(Border.objects.values_list("county_id", "municipality_id", "year", "bbox")),
        list(County.objects.values_list("number", "name", "valid_from", "valid_to")),
    )


def test_each_import_writes_one_audit_event_with_its_counts():
    import_geo(geo_file("fylker-2020.geojson"))
    event = AuditEvent.objects.get()
    assert event.verb == AuditEvent.Verb.IMPORT
    assert event.changes["counts"] == {"created": 11, "borders": 11}
    assert event.object_id == "fylker-2020.geojson"


def test_without_a_municipality_list_the_county_follows_the_first_two_digits_of_the_number(tmp_path):
    import_geo(geo_file("fylker-2024.geojson"))
    copy = tmp_path / "kommuner-2024.geojson"
    shutil.copy(geo_file("kommuner-2024.geojson"), copy)  # alone: no kommuner-2024.csv beside it
    import_geo(copy)
    assert Municipality.objects.get(number="5601").county.number == "56"
    assert Municipality.objects.get(number="4601").county.number == "46"


def write(tmp_path: Path, name: str, content: str | dict) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def square(x: float = 10.0, y: float = 60.0) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]}


def collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def feature(properties: dict, geometry: dict | None = None) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry or square()}


BAD_FILES = [
    ("tom-2024.geojson", "", "tom-2024.geojson: filen er tom"),
    ("brutt-2024.geojson", '{"type": "FeatureCollection", "features": [', "brutt-2024.geojson, linje 1: ugyldig JSON"),
    ("liste-2024.geojson", "[1, 2]", "liste-2024.geojson, felt «type»: filen er ikke en GeoJSON FeatureCollection"),
    (
        "punkt-2024.geojson",
        collection(
            feature({"kommunenummer": "9101", "kommunenavn": "Alvik"}),
            feature({"kommunenummer": "9102", "kommunenavn": "Bergvik"}, {"type": "Point", "coordinates": [10, 60]}),
        ),
        "punkt-2024.geojson, objekt 2, felt «geometry»: geometritypen Point støttes ikke (må være Polygon eller "
        "MultiPolygon)",
    ),
    (
        "nummer-2024.geojson",
        collection(feature({"kommunenummer": "91x1", "kommunenavn": "Alvik"})),
        "nummer-2024.geojson, objekt 1, felt «kommunenummer»: «91x1» er ikke et gyldig kommunenummer",
    ),
    (
        "ukjent-2024.geojson",
        collection(feature({"navn": "Alvik"})),
        "ukjent-2024.geojson, objekt 1, felt «properties»: fant verken «kommunenummer» eller «fylkesnummer»",
    ),
    (
        "fylke-2024.geojson",
        collection(feature({"kommunenummer": "8801", "kommunenavn": "Alvik"})),
        "fylke-2024.geojson, objekt 1, felt «kommunenummer»: fylke 88 fantes ikke i 2024",
    ),
    (
        "utm-2024.geojson",
        collection(feature({"kommunenummer": "9101", "kommunenavn": "Alvik"}, square(500000.0, 7000000.0))),
        "utm-2024.geojson, objekt 1, felt «geometry»: koordinatene er ikke lengde- og breddegrader (WGS84)",
    ),
    (
        "tekst-2024.geojson",
        collection(
            feature(
                {"kommunenummer": "9101", "kommunenavn": "Alvik"},
                {"type": "Polygon", "coordinates": [[["a", "b"], ["c", "d"]]]},
            )
        ),
        "tekst-2024.geojson, objekt 1, felt «geometry»: koordinatene er ikke tall",
    ),
    (
        "uten-aar.geojson",
        collection(feature({"kommunenummer": "9101", "kommunenavn": "Alvik"})),
        "uten-aar.geojson: fant ikke året i filnavnet; oppgi kartåret (--year)",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_refused_with_a_message_naming_file_place_and_field(tmp_path, name, content, message):
    make_county("91", "Nordfylket")
    before = (_state(), AuditEvent.objects.count())
    with pytest.raises(ImportProblem) as error:
        import_geo(write(tmp_path, name, content))
    assert str(error.value).startswith(message)
    assert (_state(), AuditEvent.objects.count()) == before


def test_a_small_regional_file_is_imported_without_ending_anything_else(tmp_path):
    nordfylket = make_county("91", "Nordfylket")
    path = write(
        tmp_path,
        "kommuner-2021.geojson",
        collection(
            feature({"kommunenummer": 9101, "navn": "Alvik"}), feature({"kommunenummer": "9102", "navn": "Bergvik"})
        ),
    )
    summary = import_geo(path)
    assert summary.counts == {"created": 2, "borders": 2}
    assert set(nordfylket.municipalities_on(datetime.date(2021, 5, 1)).values_list("name", flat=True)) == {
        "Alvik",
        "Bergvik",
    }


def test_importing_2024_before_2020_gives_the_same_validity_as_the_other_order():
    import_years(2024, 2020)
    assert Municipality.objects.valid_on(datetime.date(2024, 6, 1)).count() == 357
    assert Municipality.objects.valid_on(datetime.date(2021, 6, 1)).count() == 356
    old_alta = Municipality.objects.get(number="5403")
    assert (old_alta.valid_from, old_alta.valid_to) == (datetime.date(2020, 1, 1), datetime.date(2023, 12, 31))
    assert County.objects.get(number="54").valid_to == datetime.date(2023, 12, 31)
    assert county_of("5403", datetime.date(2021, 6, 1)) == "54"
    assert county_of("5601", datetime.date(2025, 6, 1)) == "56"
    oslo = Municipality.objects.get(number="0301")
    assert (oslo.valid_from, oslo.valid_to, oslo.border.year) == (datetime.date(2020, 1, 1), None, 2024)


@pytest.mark.parametrize(
    ("geometry", "words"),
    [
        ({"type": "Polygon", "coordinates": [[[10.0, 60.0], [11.0, 61.0]]]}, "minst fire punkter"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[10.0, 60.0], [11.0, 61.0], [11.0, 60.0], [10.0, 61.0], [10.0, 60.0]]],
            },
            "areal",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[-40.0, 60.0], [-39.0, 60.0], [-39.0, 61.0], [-40.0, 61.0], [-40.0, 60.0]]],
            },
            "utenfor Norge",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[10.0, 60.0], [12.0, 60.0], [12.0, 62.0], [11.0, 59.0], [10.0, 62.0], [10.0, 60.0]]],
            },
            "ugyldig",
        ),
    ],
)
@pytest.mark.django_db
def test_a_broken_border_is_refused_before_anything_is_written(tmp_path, geometry, words):
    path = write(
        tmp_path,
        "fylker-2024.geojson",
        collection(feature({"fylkesnummer": "91", "fylkesnavn": "Nordfylket"}, geometry)),
    )
    with pytest.raises(ImportProblem) as raised:
        import_geo(path)
    assert words in str(raised.value)
    assert "felt «geometry»" in str(raised.value)
    assert not County.objects.exists()
