"""Cached aggregates for the landing and area pages (a county, a municipality, the nation).

Computing them live walks every employment period (about 0.3 s for 6,500 employees), far above
the page budget. The result is cached under a key that holds a cheap "data version": counts and
latest change of the tables the figures read, plus the latest audit event (every write through
`services` leaves one, including edits of rows without `updated_at`) and of the admin's log. Any
change therefore gives a new key and shows at once; the timeout is only a backstop for edits made
in a shell.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from fagloft.audit.services import latest_change_sql
from fagloft.competence.models import (
    CompetenceSettings,
    Education,
    Employee,
    FurtherEducation,
    MappingAnswer,
    MappingRound,
    RequirementRule,
    Vacancy,
)

TIMEOUT_SECONDS = 600
T = TypeVar("T")

# (model, column whose maximum moves when a row is added or changed); counts catch deletions.
_COUNTED: tuple[tuple[type[Model], str], ...] = (
    (Employee, "updated_at"),
    (Vacancy, "updated_at"),
    (MappingRound, "updated_at"),
    (Education, "id"),
    (FurtherEducation, "id"),
    (MappingAnswer, "id"),
    (RequirementRule, "id"),
    (CompetenceSettings, "id"),
)


def data_version() -> str:
    """One query: counts and maxima of the tables behind the figures, and the latest audit id."""
    quote = connection.ops.quote_name
    parts = []
    for model, column in _COUNTED:
        table = quote(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        parts.append(f"(SELECT MAX({quote(column)}) FROM {table})")
    # Only the maximum for the audit trail and the admin's log (edits of the requirement rules
    # and settings in the admin): it uses the primary key index, a count would not.
    # Audit: only events that change data (a read of the staff list writes one too).
    parts.append(latest_change_sql())
    parts.append(f"(SELECT MAX({quote('id')}) FROM {quote(LogEntry._meta.db_table)})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return "|".join(str(value) for value in row)


def cached(kind: str, service_ids: Collection[int], compute: Callable[[], T], today: datetime.date | None = None) -> T:
    """`compute()` for this set of services, from the cache while the data is unchanged."""
    today = today or timezone.localdate()
    ids = ",".join(str(pk) for pk in sorted(set(service_ids)))
    digest = hashlib.sha256(f"{kind}|{today.isoformat()}|{ids}|{data_version()}".encode()).hexdigest()
    key = f"competence:figures:{digest}"
    value: Any = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value
