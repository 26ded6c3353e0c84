"""Writing successions between municipalities (the 2020–2024 crosswalk) and former units (history)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fagloft.accounts.use_cases import use_case
from fagloft.lib.importing import ImportProblem
from fagloft.organizations.importers.csvfiles import HistoricalUnit, Succession
from fagloft.organizations.importers.summary import ImportSummary, record_import
from fagloft.organizations.models import County, CountyMembershipPeriod, Municipality, Population
from fagloft.organizations.permissions import IMPORT_REFERENCE_DATA

Successors = Municipality.successors.through


@use_case(IMPORT_REFERENCE_DATA)
def write_crosswalk(actor: Any, path: Path, successions: list[Succession]) -> ImportSummary:
    ids = dict(Municipality.objects.values_list("number", "pk"))
    for row in successions:
        for field, number in (("kommunenummer_2020", row.old_number), ("kommunenummer_2024", row.new_number)):
            if number not in ids:
                raise ImportProblem(path, f"ukjent kommunenummer {number}", line=row.line, field=field)
    pairs = {(ids[r.old_number], ids[r.new_number]) for r in successions if r.old_number != r.new_number}
    summary = ImportSummary("crosswalk", path.name)
    added = _link(pairs)
    summary.add("links", added)
    summary.add("unchanged", len(successions) - added)
    record_import(actor, summary)
    return summary


def _link(pairs: set[tuple[int, int]]) -> int:
    """Add successor links that are not there yet; the number added."""
    present = set(Successors.objects.values_list("from_municipality_id", "to_municipality_id"))
    new = [Successors(from_municipality_id=a, to_municipality_id=b) for a, b in sorted(pairs - present)]
    Successors.objects.bulk_create(new)
    return len(new)


@use_case(IMPORT_REFERENCE_DATA)
def write_history(actor: Any, path: Path, units: list[HistoricalUnit]) -> ImportSummary:
    """Former counties and municipalities exactly as the file states them, with their successors."""
    summary = ImportSummary("history", path.name)
    counties = {c.number: c for c in County.objects.all()}
    for unit in (u for u in units if u.level == "county"):
        county, created = County.objects.update_or_create(
            number=unit.number, defaults={"name": unit.name, "valid_from": unit.valid_from, "valid_to": unit.valid_to}
        )
        counties[unit.number] = county
        summary.add("created" if created else "unchanged")
    pairs: set[tuple[int, int]] = set()
    ids = dict(Municipality.objects.values_list("number", "pk"))
    for unit in (u for u in units if u.level == "municipality"):
        municipality = _historical_municipality(path, unit, counties, summary)
        ids[unit.number] = municipality.pk
        pairs |= {(municipality.pk, _known(path, unit, number, ids)) for number in unit.successors}
    summary.add("links", _link(pairs))
    record_import(actor, summary)
    return summary


def _historical_municipality(
    path: Path, unit: HistoricalUnit, counties: dict[str, County], summary: ImportSummary
) -> Municipality:
    county = counties.get(unit.county_number)
    if county is None:
        raise ImportProblem(path, f"ukjent fylkesnummer {unit.county_number}", line=unit.line, field="fylkesnummer")
    validity = {"valid_from": unit.valid_from, "valid_to": unit.valid_to}
    municipality, created = Municipality.objects.update_or_create(
        number=unit.number, defaults={"name": unit.name, "county": county, **validity}
    )
    CountyMembershipPeriod.objects.update_or_create(municipality=municipality, county=county, defaults=validity)
    summary.add("created" if created else "unchanged")
    return municipality


def _known(path: Path, unit: HistoricalUnit, number: str, ids: dict[str, int]) -> int:
    if number not in ids:
        raise ImportProblem(
            path,
            f"ukjent etterfølger {number}; importer kommunene for året etter først",
            line=unit.line,
            field="etterfolgere",
        )
    return ids[number]


@use_case(IMPORT_REFERENCE_DATA)
def carry_population_to_renumbered(actor: Any) -> ImportSummary:
    """Give a municipality that only got a new number its predecessor's population figures.

    Only one-to-one renumbering (one predecessor with one successor, e.g. Alta 5403 -> 5601): the
    area and its residents are the same, as SSB's own series recast older years to newer borders.
    Splits and mergers get nothing. Sums across the country must count the municipalities valid in
    the year summed, or a renumbered municipality's figure counts twice.
    """
    summary = ImportSummary("population_renumbered", "kommunenummer-etterfølgere")
    renumbered = _one_to_one()
    targets = Population.objects.filter(municipality_id__in=renumbered.values())
    present = {(p.municipality_id, p.year): p for p in targets}
    new, changed = [], []
    for source in Population.objects.filter(municipality_id__in=renumbered).select_related("municipality"):
        values = {
            "total": source.total,
            "children": source.children,
            "by_age": source.by_age,
            "source": f"{source.source}, overført fra kommunenummer {source.municipality.number}",
        }
        target = present.get((renumbered[source.municipality_id], source.year))
        if target is None:
            new.append(Population(municipality_id=renumbered[source.municipality_id], year=source.year, **values))
        elif "overført fra" in target.source and any(getattr(target, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(target, key, value)
            changed.append(target)
    Population.objects.bulk_create(new, batch_size=1000)
    Population.objects.bulk_update(changed, ["total", "children", "by_age", "source"], batch_size=500)
    summary.counts = {"created": len(new), "updated": len(changed)}
    record_import(actor, summary)
    return summary


def _one_to_one() -> dict[int, int]:
    """{predecessor id: successor id} where neither has another link."""
    links = list(Successors.objects.values_list("from_municipality_id", "to_municipality_id"))
    successors: dict[int, list[int]] = {}
    predecessors: dict[int, list[int]] = {}
    for old, new in links:
        successors.setdefault(old, []).append(new)
        predecessors.setdefault(new, []).append(old)
    return {old: news[0] for old, news in successors.items() if len(news) == 1 and len(predecessors[news[0]]) == 1}
