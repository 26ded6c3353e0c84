"""Importing an SSB statistics-bank export as values of one indicator: all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fagloft.accounts.use_cases import use_case
from fagloft.organizations.models import County, Municipality
from fagloft.statistics import ssb
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.permissions import IMPORT_SSB
from fagloft.statistics.publishing import NewValue, record_values
from fagloft.statistics.ssb import SsbFileError

LEVEL_OF_KIND = {"municipality": "municipality", "county": "county", "nation": "nation"}


@dataclass(frozen=True)
class ImportResult:
    written: int
    municipalities: int
    counties: int
    national: int
    years: tuple[int, ...]


def read_values(path: Path, indicator_code: str, variable: str | None = None) -> list[NewValue]:
    """Read and check the whole file; raise SsbFileError naming file, line and field on any problem."""
    indicator = Indicator.objects.filter(code=indicator_code).first()
    if indicator is None:
        raise SsbFileError(path, f"indikatoren «{indicator_code}» finnes ikke i katalogen")
    rows = ssb.read(path, variable)
    if not rows:
        raise SsbFileError(path, "filen har ingen verdier å importere")
    municipalities = dict(
        Municipality.objects.filter(
            number__in={r.region.number for r in rows if r.region.kind == "municipality"}
        ).values_list("number", "pk")
    )
    counties = dict(
        County.objects.filter(number__in={r.region.number for r in rows if r.region.kind == "county"}).values_list(
            "number", "pk"
        )
    )
    seen: dict[tuple[Any, ...], str] = {}
    values = []
    for row in rows:
        values.append(_to_value(path, indicator, row, municipalities, counties))
        key = (values[-1].unit_key, row.year, row.half)
        if key in seen:
            raise SsbFileError(
                path,
                f"samme region og periode står også på {seen[key]}",
                line=row.line,
                place=None if row.line else row.place,
                field="region",
            )
        seen[key] = row.place
    return values


def _to_value(
    path: Path, indicator: Indicator, row: ssb.Row, municipalities: dict[str, int], counties: dict[str, int]
) -> NewValue:
    place = None if row.line else row.place
    level = LEVEL_OF_KIND[row.region.kind]
    if level not in (indicator.levels or []):
        raise SsbFileError(
            path,
            f"indikatoren «{indicator.code}» har ikke verdier for nivået «{level}»",
            line=row.line,
            place=place,
            field="region",
        )
    unit: dict[str, Any] = {"is_national": True}
    if level == "municipality":
        if row.region.number not in municipalities:
            raise SsbFileError(
                path,
                f"kommunenummer {row.region.number} finnes ikke i Fagløft",
                line=row.line,
                place=place,
                field="region",
            )
        unit = {"municipality_id": municipalities[row.region.number]}
    elif level == "county":
        if row.region.number not in counties:
            raise SsbFileError(
                path,
                f"fylkesnummer {row.region.number} finnes ikke i Fagløft",
                line=row.line,
                place=place,
                field="region",
            )
        unit = {"county_id": counties[row.region.number]}
    return NewValue(
        indicator.code, row.year, row.value, half=row.half, numerator=row.numerator, denominator=row.denominator, **unit
    )


@use_case(IMPORT_SSB)
def import_file(
    actor: Any,
    path: Path,
    indicator_code: str,
    variable: str | None = None,
    progress: Callable[[int], Any] | None = None,
    on_total: Callable[[int], Any] | None = None,
) -> ImportResult:
    values = read_values(path, indicator_code, variable)
    if on_total is not None:
        on_total(len(values))
    written = record_values(actor, values, IndicatorValue.Source.SSB, f"SSB-eksport {path.name}", progress=progress)
    return ImportResult(
        written,
        municipalities=len({v.municipality_id for v in values if v.municipality_id}),
        counties=len({v.county_id for v in values if v.county_id}),
        national=sum(1 for v in values if v.is_national),
        years=tuple(sorted({v.year for v in values})),
    )
