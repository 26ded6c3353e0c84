"""Reads of the tilstandsrapport for pages, the API and the overviews."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from fagloft.accounts.access import visible
from fagloft.assessments import queries as assessment_queries
from fagloft.organizations import queries as org_queries
from fagloft.organizations.models import Municipality
from fagloft.reports.labels import text
from fagloft.reports.models import Report, Section
from fagloft.reports.permissions import VIEW


def visible_reports(user: Any, action: Any = VIEW) -> QuerySet[Report]:
    return visible(user, action, Report.objects.select_related("service", "municipality"))


def report_detail() -> QuerySet[Report]:
    return Report.objects.select_related("service__host_municipality", "municipality", "shared_part").prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("key"))
    )


def previous_report(report: Report) -> Report | None:
    """Last year's report for the same unit and form."""
    return (
        Report.objects.filter(
            service=report.service, municipality=report.municipality, form=report.form, year=report.year - 1
        )
        .order_by("-pk")
        .first()
    )


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Line by line: ("same" | "added" | "removed", line)."""
    rows = []
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        tag, body = line[:2], line[2:]
        if tag == "? ":
            continue
        rows.append(({"+ ": "added", "- ": "removed"}.get(tag, "same"), body))
    return rows


def flat_figures(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every figure of a report by a stable id, for comparing two years figure by figure."""
    flat: dict[str, dict[str, Any]] = {}
    sections = figures.get("sections", {})
    for f in sections.get("service", {}).get("facts", []):
        flat[f["id"]] = {"label": f["label"], "value": f["value"], "kind": f["kind"], "decimals": f["decimals"]}
    year = figures.get("year")
    for theme in sections.get("themes", {}).get("themes", []):
        for row in theme["indicators"]:
            own = dict((y, v) for y, v in row["series"]["unit"])
            flat[f"indicator.{row['code']}"] = {
                "label": row["name"],
                "value": own.get(year),
                "kind": "percent" if row["unit"] == "prosent" else "number",
                "decimals": row["decimals"],
            }
        for f in theme.get("facts", []):
            flat[f["id"]] = {"label": f["label"], "value": f["value"], "kind": f["kind"], "decimals": f["decimals"]}
    challenges = sections.get("challenges", {})
    for t in challenges.get("themes", []):
        flat[f"risk.{t['theme']}"] = {"label": t["name"], "value": t["score"], "kind": "number", "decimals": 0}
    flat["needs"] = {
        "label": {"nb": "Behov", "nn": "Behov", "en": "Needs"},
        "value": len(challenges.get("needs", [])),
        "kind": "number",
        "decimals": 0,
    }
    return flat


@dataclass
class OverviewRow:
    municipality: Municipality
    report: Report | None
    handling: Any


@dataclass
class Overview:
    rows: list[OverviewRow]
    reported: int
    handled: int
    challenges: list[tuple[str, int]]


def overview(municipalities: list[Municipality], year: int) -> Overview:
    """Who has a report for `year`, when the council handled it, and the most common challenges
    (themes with high or moderate risk in the assessments of the services serving them)."""
    ids = [m.pk for m in municipalities]
    reports: dict[int, Report] = {}
    for report in (
        Report.objects.filter(year=year, municipalities__in=ids)
        .exclude(form=Report.Form.SHARED)
        .prefetch_related("municipalities")
        .order_by("pk")
    ):
        for m in report.municipalities.all():
            reports.setdefault(m.pk, report)
    handlings = org_queries.council_handlings(ids, year)
    rows = [OverviewRow(m, reports.get(m.pk), handlings.get(m.pk)) for m in municipalities]
    counter: Counter[str] = Counter()
    bands = assessment_queries.risk_bands()
    assessments = assessment_queries.report_assessments({r.service_id for r in reports.values()}, year)
    for assessment in assessments.values():
        for entry in assessment.entries.all():
            if assessment_queries.band_for(entry.score, bands) in ("high", "moderate"):
                counter[entry.theme.name] += 1
    return Overview(
        rows,
        reported=sum(1 for r in rows if r.report is not None),
        handled=sum(1 for r in rows if r.handling is not None),
        challenges=counter.most_common(5),
    )


def label(value: Any) -> str:
    return text(value)
