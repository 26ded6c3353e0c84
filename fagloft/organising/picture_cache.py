"""Today's picture of a county, rendered once and kept while the data behind it is unchanged.

The county page's map, table and counts are the same for everyone who may see the county: they do
not depend on the user. Computing them (`queries.today_picture`: the structure, the staff figures,
the assessments, two statistics, the cost risks) costs about 30 ms of Django model and query
overhead per view, the SQL itself under 2 ms. The proposal page's map of today (`today_arrangements`)
about 9 ms. The rendered parts are cached under a "data version" that changes whenever anything
they read may have changed:

- organising's own query (`structure_version`): counts and newest id or change of the
  municipalities, counties, county memberships, borders, services, coverages and assessments, the
  newest audit event that records a change (every write through `services`, imports included) and
  the newest entry of the admin's log;
- for the picture also the cost risks' version (`cost_cache.version_parts`, folded into the same
  query), the competence figures' version (`competence.figures_cache.data_version`: staff, vacancies,
  settings with the small-service limit) and the indicator values' version
  (`statistics.page_cache.data_version`: it reads `recorded_at`, which `store_aggregates` sets when
  it rewrites rows in place without an audit event).

The county, the day and the language are in the key as well. Any change gives a new key at once;
the timeout only bounds memory. Like `fagloft/statistics/page_cache.py`.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import get_language

from fagloft.audit.services import count_and_newest_sql, latest_change_sql
from fagloft.organising import cost_cache

TIMEOUT_SECONDS = 600
# Raised when what is cached changes shape, so entries written by older code are never read.
FORMAT = "1"
T = TypeVar("T")


def _watched() -> tuple[tuple[type[Model], str], ...]:
    """(model, column whose maximum moves when a row is added or changed); counts catch deletions."""
    from fagloft.assessments.models import Assessment
    from fagloft.organizations.models import (
        Border,
        County,
        CountyMembershipPeriod,
        Municipality,
        Service,
        ServiceCoverage,
    )

    return (
        (Municipality, "updated_at"),
        (County, "updated_at"),
        (CountyMembershipPeriod, "id"),
        (Border, "id"),
        (Service, "updated_at"),
        (ServiceCoverage, "id"),
        (Assessment, "updated_at"),
    )


def _structure_parts() -> list[str]:
    quote = connection.ops.quote_name
    parts = count_and_newest_sql(_watched())
    # Changes without a timestamp (a coverage or membership ended, a border redrawn by an import)
    # are caught by the audit trail; edits in the admin by its log.
    parts.append(latest_change_sql())
    parts.append(f"(SELECT MAX({quote('id')}) FROM {quote(LogEntry._meta.db_table)})")
    return parts


def _version(parts: list[str], params: list[Any]) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return "|".join(str(value) for value in row)


def structure_version() -> str:
    """One query: how the municipalities are organised today (for the map of today)."""
    return _version(_structure_parts(), [])


def picture_version() -> str:
    """Three queries: everything today's picture reads (see the module's docstring)."""
    from fagloft.competence import figures_cache
    from fagloft.competence.models import CompetenceSettings
    from fagloft.statistics import page_cache

    quote = connection.ops.quote_name
    # The small-service limit itself: the settings row has no timestamp, and the competence
    # version sees an edit only through the audit trail or the admin's log.
    limit = (
        f"(SELECT {quote('small_service_fte')} FROM {quote(CompetenceSettings._meta.db_table)} "
        f"ORDER BY {quote('id')} LIMIT 1)"
    )
    cost_parts, cost_params = cost_cache.version_parts()
    own = _version([*_structure_parts(), limit, *cost_parts], cost_params)
    return f"{own}#{figures_cache.data_version()}#{page_cache.data_version()}"


def _key(kind: str, county_id: int, version: str, day: datetime.date) -> str:
    raw = f"{FORMAT}|{kind}|{county_id}|{day.isoformat()}|{get_language()}|{version}"
    return "organising:picture:" + hashlib.sha256(raw.encode()).hexdigest()


def cached(kind: str, county_id: int, compute: Callable[[], T], day: datetime.date | None = None) -> T:
    """`compute()` for this county: "picture" (all of today's picture) or "map" (today's
    arrangements only), from the cache while the data it reads is unchanged."""
    day = day or timezone.localdate()
    version = picture_version() if kind == "picture" else structure_version()
    return cast(T, cache.get_or_set(_key(kind, county_id, version, day), compute, TIMEOUT_SECONDS))
