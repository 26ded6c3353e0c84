"""Reads of the tilstandsrapport for pages, the API and the overviews."""

from __future__ import annotations

import difflib
import hashlib
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
    """Without the frozen figures: a large JSON column that lists and the API do not show."""
    return visible(user, action, Report.objects.select_related("service", "municipality").defer("figures"))


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
    # Which report covers which municipality from the link table alone (not every municipality of
    # every report as a model), and the reports without their frozen figures (a large JSON column
    # the overview does not show). The oldest report per municipality, as before.
    links = (
        Report.municipalities.through.objects.filter(municipality_id__in=ids, report__year=year)
        .exclude(report__form=Report.Form.SHARED)
        .order_by("report_id")
        .values_list("municipality_id", "report_id")
    )
    first_report: dict[int, int] = {}
    for municipality_id, report_id in links:
        first_report.setdefault(municipality_id, report_id)
    by_pk = Report.objects.defer("figures").in_bulk(set(first_report.values()))
    reports = {m: by_pk[r] for m, r in first_report.items() if r in by_pk}
    handlings = org_queries.council_handlings(ids, year)
    rows = [OverviewRow(m, reports.get(m.pk), handlings.get(m.pk)) for m in municipalities]
    return Overview(
        rows,
        reported=sum(1 for r in rows if r.report is not None),
        handled=sum(1 for r in rows if r.handling is not None),
        challenges=common_challenges({r.service_id for r in reports.values()}, year),
    )


def common_challenges(service_ids: set[int], year: int) -> list[tuple[str, int]]:
    """The five themes most often at high or moderate risk in the services' assessments for `year`.
    Cached under the newest audited change and admin edit (assessments, their entries and the risk
    bands change only through `services` or the admin): reading the assessments with their entries
    costs more than the rest of a national overview."""
    from django.contrib.admin.models import LogEntry
    from django.core.cache import cache
    from django.db import connection

    from fagloft.audit.services import latest_change_sql

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {latest_change_sql()}, (SELECT MAX({quote('id')}) FROM {quote(LogEntry._meta.db_table)})"
        )
        version = "|".join(str(v) for v in cursor.fetchone())
    ids = ",".join(str(pk) for pk in sorted(service_ids))
    key = "reports:challenges:" + hashlib.sha256(f"{year}|{ids}|{version}".encode()).hexdigest()
    found: Any = cache.get(key)
    if found is not None:
        return found
    counter: Counter[str] = Counter()
    bands = assessment_queries.risk_bands()
    assessments = assessment_queries.report_assessments(service_ids, year)
    for assessment in assessments.values():
        for entry in assessment.entries.all():
            if assessment_queries.band_for(entry.score, bands) in ("high", "moderate"):
                counter[entry.theme.name] += 1
    found = counter.most_common(5)
    cache.set(key, found, 600)
    return found


def label(value: Any) -> str:
    return text(value)
