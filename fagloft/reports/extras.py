"""Section 7's parts from programmes and knowledge, read through their `queries`:

- programmes: further education in the strategy period (share, forecast with admitted students,
  applications, admissions and completions in the year), `programmes.queries.progress`;
- knowledge: coverage of the measures pyramid per municipality (levels without any offer, recommended
  interventions missing), `knowledge.queries.coverage_for`.

Both apps are optional to the report: when a query is missing or fails, the section has no such
rows (and the report still renders). A later app can also offer `queries.report_items(year, service,
municipalities)` returning [{"kind", "title", "detail"}], picked up here without a change in reports.
"""

from __future__ import annotations

import datetime
import importlib
import logging
from typing import Any

from django.utils.translation import gettext_lazy as _

from fagloft.lib import formatting
from fagloft.reports.labels import tr

logger = logging.getLogger(__name__)
OPTIONAL_APPS = ("programmes", "knowledge")
LEVELS = {"universal": _("Universelt nivå"), "selected": _("Selektert nivå"), "indicated": _("Indikert nivå")}


def _queries(app: str) -> Any:
    try:
        return importlib.import_module(f"fagloft.{app}.queries")
    except ImportError:
        return None


def _programmes(module: Any, report: Any) -> list[dict[str, Any]]:
    progress = getattr(module, "progress", None)
    if progress is None:
        return []
    result = progress([report.service_id], with_requirements=False)
    items = []
    share = getattr(result, "share", None)
    forecast = getattr(result, "forecast_share", None)
    items.append(
        {
            "kind": tr(_("Videreutdanning")),
            "title": tr(
                lambda: (
                    _("Andel med videreutdanning %(start)s–%(end)s")
                    % {"start": result.start_year, "end": result.end_year}
                )
            ),
            "detail": tr(
                lambda: (
                    _("%(share)s nå, %(forecast)s med opptatte studenter (mål %(target)s)")
                    % {
                        "share": formatting.percent(share, 1) if share is not None else "–",
                        "forecast": formatting.percent(forecast, 1) if forecast is not None else "–",
                        "target": formatting.percent(result.target_percent, 1),
                    }
                )
            ),
        }
    )
    row = next((y for y in getattr(result, "years", []) if y.year == report.year), None)
    if row is not None:
        items.append(
            {
                "kind": tr(_("Videreutdanning")),
                "title": tr(lambda: _("Søknader og opptak i %(year)s") % {"year": report.year}),
                "detail": tr(
                    lambda: (
                        _("%(applied)s søkte, %(admitted)s tatt opp, %(completed)s fullførte")
                        % {
                            "applied": row.applied if row.applied is not None else "–",
                            "admitted": row.admitted if row.admitted is not None else "–",
                            "completed": row.completed if row.completed is not None else "–",
                        }
                    )
                ),
            }
        )
    return items


def _knowledge(module: Any, report: Any, municipalities: list[Any]) -> list[dict[str, Any]]:
    coverage_for = getattr(module, "coverage_for", None)
    if coverage_for is None or not municipalities:
        return []
    day = min(datetime.date.today(), datetime.date(report.year, 12, 31))
    found = coverage_for([m.pk for m in municipalities], day)
    items = []
    for municipality in municipalities:
        coverage = found.get(municipality.pk)
        if coverage is None:
            continue
        for key, level in getattr(coverage, "levels", {}).items():
            missing = [r.name for r in getattr(level, "missing", [])]
            if level.covered and not missing:
                continue
            label = LEVELS.get(key, key)
            items.append(
                {
                    "kind": tr(_("Tiltakspyramiden")),
                    "title": tr(lambda label=label, m=municipality: f"{m.name}: {label}"),
                    "detail": tr(lambda missing=missing, covered=level.covered: _gap_text(covered, missing)),
                }
            )
    return items


def _gap_text(covered: bool, missing: list[str]) -> str:
    parts = [] if covered else [str(_("Ingen tilbud på nivået."))]
    if missing:
        parts.append(str(_("Anbefalte tiltak som mangler: %(names)s")) % {"names": ", ".join(missing)})
    return " ".join(parts)


def collect(report: Any, municipalities: list[Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for app in OPTIONAL_APPS:
        module = _queries(app)
        if module is None:
            continue
        try:
            if app == "programmes":
                items += [{"app": app, **item} for item in _programmes(module, report)]
            elif app == "knowledge":
                items += [{"app": app, **item} for item in _knowledge(module, report, municipalities)]
            provider = getattr(module, "report_items", None)
            for item in (provider(report.year, report.service, municipalities) if provider else None) or []:
                items.append({"app": app, **{k: item.get(k, "") for k in ("kind", "title", "detail")}})
        except Exception:
            logger.exception("reports: %s's part of section 7 failed", app)
    return items
