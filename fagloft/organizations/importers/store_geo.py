"""Writing a parsed GeoJSON file: counties or municipalities, their county periods and borders.

Validity follows what the national files show: a unit seen in the file for year Y is valid from
1 January of the earliest year it was seen; when a complete national file for year Y lacks a
unit that was valid before Y, the unit (and its county period) ends on 31 December of Y-1.
Files may come in any order: a unit first seen in an older file but absent from a newer
national file imported before ends before the newer file's year. A municipality's county comes
from the municipality list of the same year (`kommuner-YYYY.csv` beside the file) when there is
one, otherwise from the first two digits of its number, which must name a county valid that year.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any, TypeVar

from django.db.models import Count

from fagloft.accounts.use_cases import use_case
from fagloft.lib.importing import ImportProblem, Progress, no_progress
from fagloft.organizations.districts import ensure_reference_districts
from fagloft.organizations.importers.csvfiles import ListedMunicipality
from fagloft.organizations.importers.geojson import GeoFeature, GeoFile
from fagloft.organizations.importers.summary import ImportSummary, record_import
from fagloft.organizations.models import Border, County, CountyMembershipPeriod, District, Municipality
from fagloft.organizations.permissions import IMPORT_REFERENCE_DATA

# A file with at least this many units is taken as the complete national structure of its year.
NATIONAL_MINIMUM = {"county": 10, "municipality": 300}


def first_day(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


def last_day(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


@use_case(IMPORT_REFERENCE_DATA)
def write_geo(
    actor: Any,
    geo: GeoFile,
    listing: dict[str, ListedMunicipality] | None = None,
    *,
    partial: bool = False,
    progress: Progress = no_progress,
) -> ImportSummary:
    summary = ImportSummary(f"geo_{geo.level}", geo.path.name)
    if geo.level == "county":
        seen = _write_counties(geo, summary, progress)
    else:
        seen = _write_municipalities(geo, listing or {}, summary, progress)
    if not partial and len(seen) >= NATIONAL_MINIMUM[geo.level]:
        _end_missing(geo, seen, summary)
        _end_new_units_missing_later(geo, summary)
    record_import(actor, summary)
    return summary


def _seen_in(unit: County | Municipality, year: int, name: str, latest_year: int) -> bool:
    """Widen `unit`'s validity to cover `year`, and take the name if the file is its newest. Changed?"""
    before = (unit.valid_from, unit.valid_to, unit.name)
    if unit.valid_from is not None and unit.valid_from > first_day(year):
        unit.valid_from = first_day(year)
    if unit.valid_to is not None and unit.valid_to < last_day(year):
        unit.valid_to = None
    if year >= latest_year:
        unit.name = name
    return before != (unit.valid_from, unit.valid_to, unit.name)


def _latest_year(unit: Any, border: Border | None) -> int:
    if border is not None:
        return border.year
    return unit.valid_from.year if unit.valid_from else 0


def _write_counties(geo: GeoFile, summary: ImportSummary, progress: Progress) -> set[str]:
    counties = {c.number: c for c in County.objects.all()}
    borders = {b.county_id: b for b in Border.objects.filter(county__isnull=False)}
    for feature in geo.features:
        county = counties.get(feature.number)
        if county is None:
            county = County.objects.create(number=feature.number, name=feature.name, valid_from=first_day(geo.year))
            counties[county.number] = county
            summary.add("created")
        elif _seen_in(county, geo.year, feature.name, _latest_year(county, borders.get(county.pk))):
            county.save(update_fields=["valid_from", "valid_to", "name", "updated_at"])
            summary.add("updated")
        else:
            summary.add("unchanged")
        _border(borders.get(county.pk), feature, geo, summary, county=county)
        progress(1)
    return {feature.number for feature in geo.features}


def _border(border: Border | None, feature: GeoFeature, geo: GeoFile, summary: ImportSummary, **unit: Any) -> None:
    if border is None:
        Border.objects.create(year=geo.year, geometry=feature.geometry, bbox=feature.bbox, source=geo.path.name, **unit)
        summary.add("borders")
    elif geo.year >= border.year and (border.year, border.geometry) != (geo.year, feature.geometry):
        border.year, border.geometry, border.bbox = geo.year, feature.geometry, feature.bbox
        border.source = geo.path.name
        border.save()
        summary.add("borders")


def _write_municipalities(
    geo: GeoFile, listing: dict[str, ListedMunicipality], summary: ImportSummary, progress: Progress
) -> set[str]:
    features = {feature.number: feature for feature in geo.features}
    numbers = sorted(set(features) | set(listing))
    counties = _counties_for(geo, numbers, features, listing)
    existing = {m.number: m for m in Municipality.objects.all()}
    borders = {
        b.municipality_id: b for b in Border.objects.filter(municipality__isnull=False) if b.municipality_id is not None
    }
    periods: dict[int, list[CountyMembershipPeriod]] = defaultdict(list)
    for period in CountyMembershipPeriod.objects.all():
        periods[period.municipality_id].append(period)
    for number in numbers:
        feature = features.get(number)
        name = feature.name if feature else listing[number].name
        municipality = _upsert_municipality(
            existing.get(number), number, name, counties[number], geo.year, borders, summary
        )
        _county_period(municipality, counties[number], geo.year, periods[municipality.pk])
        if feature is not None:
            _border(borders.get(municipality.pk), feature, geo, summary, municipality=municipality)
        progress(1)
    # Oslo's districts come with Oslo (a data migration makes them only when Oslo is there already).
    districts = ensure_reference_districts(District, Municipality)
    if districts:
        summary.add("districts", districts)
    return set(numbers)


def _upsert_municipality(
    municipality: Municipality | None,
    number: str,
    name: str,
    county: County,
    year: int,
    borders: dict[int, Border],
    summary: ImportSummary,
) -> Municipality:
    if municipality is None:
        summary.add("created")
        return Municipality.objects.create(number=number, name=name, county=county, valid_from=first_day(year))
    latest = _latest_year(municipality, borders.get(municipality.pk))
    changed = _seen_in(municipality, year, name, latest)
    if year >= latest and municipality.county_id != county.pk:
        municipality.county = county
        changed = True
    if changed:
        municipality.save(update_fields=["valid_from", "valid_to", "name", "county", "updated_at"])
    summary.add("updated" if changed else "unchanged")
    return municipality


def _county_period(
    municipality: Municipality, county: County, year: int, periods: list[CountyMembershipPeriod]
) -> None:
    """Make the municipality's membership of `county` cover `year`, closing other periods around it."""
    start = first_day(year)
    own = next((p for p in periods if p.county_id == county.pk), None)
    if own is None:
        own = CountyMembershipPeriod.objects.create(municipality=municipality, county=county, valid_from=start)
        periods.append(own)
    elif own.valid_from is not None and own.valid_from > start:
        own.valid_from = start
        own.save(update_fields=["valid_from"])
    for other in periods:
        if other is own:
            continue
        if other.valid_to is None and (other.valid_from is None or other.valid_from < start):
            other.valid_to = last_day(year - 1)
            other.save(update_fields=["valid_to"])
        elif other.valid_from is not None and other.valid_from > start and own.valid_to is None:
            # A later year, imported earlier, already placed it in another county.
            own.valid_to = other.valid_from - datetime.timedelta(days=1)
            own.save(update_fields=["valid_to"])


def _counties_for(
    geo: GeoFile, numbers: list[str], features: dict[str, GeoFeature], listing: dict[str, ListedMunicipality]
) -> dict[str, County]:
    valid = {c.number: c for c in County.objects.valid_in_year(geo.year)}
    every = {c.number: c for c in County.objects.all()}
    found: dict[str, County] = {}
    for number in numbers:
        listed = listing.get(number)
        county_number = listed.county_number if listed else number[:2]
        county = valid.get(county_number) or (every.get(county_number) if listed else None)
        if county is None and listed is not None:
            county = County.objects.create(
                number=county_number, name=listed.county_name, valid_from=first_day(geo.year)
            )
            valid[county_number] = every[county_number] = county
        if county is None:
            feature = features.get(number)
            raise ImportProblem(
                geo.path,
                f"fylke {county_number} fantes ikke i {geo.year}; importer fylkene for {geo.year} først",
                feature=feature.index if feature else None,
                field="kommunenummer",
            )
        found[number] = county
    return found


def _later_national_year(geo: GeoFile) -> int | None:
    """The earliest national file after `geo.year` already imported, known by its borders."""
    unit = "county" if geo.level == "county" else "municipality"
    years = (
        Border.objects.filter(**{f"{unit}__isnull": False}, year__gt=geo.year)
        .values("year")
        .annotate(count=Count("pk"))
        .filter(count__gte=NATIONAL_MINIMUM[geo.level])
        .order_by("year")
    )
    first = years.first()
    return first["year"] if first else None


def _end_new_units_missing_later(geo: GeoFile, summary: ImportSummary) -> None:
    """Files imported newest first: a unit first seen now, but absent from a later national file
    imported before, ended before that file's year."""
    later = _later_national_year(geo)
    if later is None:
        return
    if geo.level == "county":
        ended_count = len(_end_absent(County, geo.year, later))
    else:
        ended = _end_absent(Municipality, geo.year, later)
        if geo.level == "municipality":
            CountyMembershipPeriod.objects.filter(municipality__in=ended, valid_to__isnull=True).update(
                valid_to=last_day(later - 1)
            )
        ended_count = len(ended)
    if ended_count:
        summary.add("ended", ended_count)


_Unit = TypeVar("_Unit", County, Municipality)


def _end_absent(model: type[_Unit], year: int, later: int) -> list[_Unit]:
    """End, the year before `later`, the units first seen in `year` that have no border from `later` on."""
    absent = model.objects.filter(valid_from=first_day(year), valid_to__isnull=True).exclude(border__year__gte=later)
    ended = list(absent)
    for item in ended:
        item.valid_to = last_day(later - 1)
    model.objects.bulk_update(ended, ["valid_to"])
    return ended


def _end_missing(geo: GeoFile, seen: set[str], summary: ImportSummary) -> None:
    model = County if geo.level == "county" else Municipality
    start = first_day(geo.year)
    missing = model.objects.valid_on(start).exclude(number__in=seen).exclude(valid_from__gte=start)
    ended = list(missing)
    for unit in ended:
        unit.valid_to = last_day(geo.year - 1)
    model.objects.bulk_update(ended, ["valid_to"])
    if geo.level == "municipality":
        CountyMembershipPeriod.objects.filter(municipality__in=ended, valid_to__isnull=True).update(
            valid_to=last_day(geo.year - 1)
        )
    if ended:
        summary.add("ended", len(ended))
