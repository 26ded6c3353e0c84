"""A draft's figures, cached while the data behind them is unchanged.

`sections.build` reads ten apps (staff, coverage, agreements, indicators for the unit, its county,
the nation and its peers, the assessment, plans, projects, grants, programmes, the measures
pyramid): 60–70 queries and about 70 ms for one report, on every view of a draft. The result is
cached under a key that holds a cheap "data version" (two queries):

- the newest audit event that records a change: every write through the apps' `services` leaves
  one, imports of indicator values and of the population included;
- the newest entry of the admin's log (edits of catalogues and settings in the admin);
- the indicator values: their count and newest id (rows added or removed anywhere, peers included),
  and for the units whose own rows the report shows (its municipality or service, the county, the
  nation) count, newest change and sum. County and national values «computed in Fagløft» are
  rewritten in place (`statistics.services.store_aggregates`, one audit event for the whole run); the
  (unit_key, indicator, year) index keeps this to a few hundred rows.

The report itself (its version), the day, the language and the section are in the key too. Any
change gives a new key and shows at once; the timeout only bounds memory. Like
`fagloft/competence/figures_cache.py` and `fagloft/knowledge/coverage_cache.py`.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

from fagloft.audit.services import latest_change_sql
from fagloft.organizations.models import Municipality
from fagloft.reports import sections
from fagloft.reports.models import Report
from fagloft.statistics.models import IndicatorValue

TIMEOUT_SECONDS = 600
T = TypeVar("T")


def _unit_keys(report: Report) -> list[str]:
    """The indicator rows the report shows as they are: its unit's, its county's and the nation's."""
    subject = report.subject
    municipality = subject if isinstance(subject, Municipality) else subject.host_municipality
    keys = [f"m:{municipality.pk}", f"c:{municipality.county_id}", "n"]
    if not isinstance(subject, Municipality):
        keys.append(f"s:{subject.pk}")
    return keys


def data_version(report: Report) -> str:
    """Two queries: the newest audited change and admin edit, and the indicator values' version."""
    quote = connection.ops.quote_name
    values, logs = quote(IndicatorValue._meta.db_table), quote(LogEntry._meta.db_table)
    keys = _unit_keys(report)
    of_units = f"{quote('unit_key')} IN ({', '.join(['%s'] * len(keys))})"
    parts = [
        latest_change_sql(),
        f"(SELECT MAX({quote('id')}) FROM {logs})",
        f"(SELECT MAX({quote('id')}) FROM {values})",
        f"(SELECT COUNT(*) FROM {values} WHERE {of_units})",
        f"(SELECT MAX({quote('recorded_at')}) FROM {values} WHERE {of_units})",
        f"(SELECT SUM({quote('value')}) FROM {values} WHERE {of_units})",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), keys * 3)
        row = cursor.fetchone()
        # Counted on its own: SQLite counts a table from its smallest index only in a top-level
        # COUNT(*); as a subquery it reads every row.
        cursor.execute(f"SELECT COUNT(*) FROM {values}")
        row += cursor.fetchone()
    return "|".join(str(value) for value in row)


def figures_and_key(
    report: Report, day: datetime.date | None = None, only: str | None = None
) -> tuple[dict[str, Any], str]:
    """The report's figures (frozen, or today's from the cache while the data is unchanged) and a key
    that changes whenever they may: what is rendered from them alone can be cached under it."""
    if report.is_frozen and report.figures:
        # Freezing again or unfreezing saves the report: a new version.
        raw = f"frozen|{report.pk}|{report.version}|{report.updated_at.isoformat()}|{only or ''}"
        return report.figures, hashlib.sha256(raw.encode()).hexdigest()
    day = day or timezone.localdate()
    raw = (
        f"{sections.FIGURES_VERSION}|{report.pk}|{report.version}|{report.updated_at.isoformat()}|"
        f"{day.isoformat()}|{get_language()}|{only or ''}|{data_version(report)}"
    )
    key = hashlib.sha256(raw.encode()).hexdigest()
    found: Any = cache.get(f"reports:figures:{key}")
    if found is None:
        found = sections.build(report, day, only=only)
        cache.set(f"reports:figures:{key}", found, TIMEOUT_SECONDS)
    return found, key


def build(report: Report, day: datetime.date | None = None, only: str | None = None) -> dict[str, Any]:
    """The report's figures on `day`: `figures_and_key` without the key."""
    return figures_and_key(report, day, only)[0]


def fragment(name: str, key: str, render: Callable[[], T]) -> T:
    """`render()` (HTML made from the figures under `key` alone), cached under that key and the language."""
    return cast(T, cache.get_or_set(f"reports:{name}:{get_language()}:{key}", render, TIMEOUT_SECONDS))
