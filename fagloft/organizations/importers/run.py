"""One entry point per kind of import: parse the file, then write it. Used by the commands, the
import task and the demo. Each raises `ImportProblem` for bad input and leaves the database
unchanged; each writes one audit event."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fagloft.lib.progress import Reporter
from fagloft.organizations.importers import csvfiles, geojson, population
from fagloft.organizations.importers.geojson import Level
from fagloft.organizations.importers.population import Format
from fagloft.organizations.importers.store_geo import write_geo
from fagloft.organizations.importers.store_links import (
    carry_population_to_renumbered,
    write_crosswalk,
    write_history,
)
from fagloft.organizations.importers.store_population import write_population
from fagloft.organizations.importers.summary import ImportSummary

KINDS = ("geo", "population", "crosswalk", "history")
HISTORY_FILE = Path(__file__).resolve().parent.parent / "reference" / "finnmark-til-2019.csv"


def import_geo(
    path: Path,
    *,
    year: int | None = None,
    level: Level | None = None,
    partial: bool = False,
    actor: Any = None,
    reporter: Reporter | None = None,
) -> ImportSummary:
    reporter = reporter or Reporter()
    reporter.start(f"Leser {path.name}")
    geo = geojson.parse(path, year=year, level=level)
    listing = _listing_beside(path, geo.year) if geo.level == "municipality" else None
    reporter.start(f"Lagrer {path.name}", len(geo.features))
    try:
        return write_geo(actor, geo, listing, partial=partial, progress=reporter.advance)
    finally:
        reporter.finish()


def _listing_beside(path: Path, year: int) -> dict[str, csvfiles.ListedMunicipality] | None:
    """The year's municipality list (`kommuner-YYYY.csv`) next to the GeoJSON file, if there is one."""
    candidate = path.with_name(f"kommuner-{year}.csv")
    return csvfiles.municipality_list(candidate) if candidate.is_file() else None


def import_population(
    path: Path, *, fmt: Format | None = None, actor: Any = None, reporter: Reporter | None = None
) -> ImportSummary:
    reporter = reporter or Reporter()
    reporter.start(f"Leser {path.name}")
    try:
        figures = population.parse(path, fmt, progress=reporter.advance)
    finally:
        reporter.finish()
    return write_population(actor, path, figures)


def import_crosswalk(path: Path, *, actor: Any = None, reporter: Reporter | None = None) -> ImportSummary:
    return write_crosswalk(actor, path, csvfiles.crosswalk(path))


def carry_population(*, actor: Any = None) -> ImportSummary:
    """Population figures to municipalities that were only renumbered (see `store_links`)."""
    return carry_population_to_renumbered(actor)


def import_history(path: Path | None = None, *, actor: Any = None, reporter: Reporter | None = None) -> ImportSummary:
    path = path or HISTORY_FILE
    return write_history(actor, path, csvfiles.history(path))


def run(
    kind: str, path: Path, options: dict[str, Any], *, actor: Any = None, reporter: Reporter | None = None
) -> ImportSummary:
    """Run an import of `kind` with keyword `options` (from the page or a task)."""
    if kind == "geo":
        return import_geo(
            path,
            year=options.get("year"),
            level=options.get("level"),
            partial=bool(options.get("partial")),
            actor=actor,
            reporter=reporter,
        )
    if kind == "population":
        return import_population(path, fmt=options.get("format"), actor=actor, reporter=reporter)
    if kind == "crosswalk":
        return import_crosswalk(path, actor=actor, reporter=reporter)
    if kind == "history":
        return import_history(path, actor=actor, reporter=reporter)
    raise ValueError(f"unknown import kind {kind}")
