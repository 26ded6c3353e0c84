"""Writing population figures: one row per municipality and year, in bulk (no query per row)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fagloft.accounts.use_cases import use_case
from fagloft.lib.importing import ImportProblem
from fagloft.organizations.importers.population import PopulationFigures
from fagloft.organizations.importers.summary import ImportSummary, record_import
from fagloft.organizations.models import Municipality, Population
from fagloft.organizations.permissions import IMPORT_REFERENCE_DATA

FIELDS = ["total", "children", "by_age", "source"]


@use_case(IMPORT_REFERENCE_DATA)
def write_population(
    actor: Any, path: Path, figures: list[PopulationFigures], *, source: str | None = None
) -> ImportSummary:
    ids = dict(Municipality.objects.values_list("number", "pk"))
    for figure in figures:
        if figure.number not in ids:
            raise ImportProblem(
                path, f"ukjent kommunenummer {figure.number}", line=figure.line, field=figure.number_field
            )
    source = source or f"SSB tabell 07459 ({path.name})"
    summary = ImportSummary("population", path.name)
    years = {figure.year for figure in figures}
    existing = {(p.municipality_id, p.year): p for p in Population.objects.filter(year__in=years)}
    new, changed = [], []
    for figure in figures:
        values = {"total": figure.total, "children": figure.children, "by_age": figure.by_age, "source": source}
        row = existing.get((ids[figure.number], figure.year))
        if row is None:
            new.append(Population(municipality_id=ids[figure.number], year=figure.year, **values))
        elif any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            changed.append(row)
    Population.objects.bulk_create(new, batch_size=1000)
    Population.objects.bulk_update(changed, FIELDS, batch_size=500)
    summary.counts = {"created": len(new), "updated": len(changed), "unchanged": len(figures) - len(new) - len(changed)}
    record_import(actor, summary)
    return summary
