"""Coverage of every municipality, cached while the data behind it is unchanged.

The national map and the API list judge ~2 300 offers for 357 municipalities: far above the page
budget when done on every request. So the coverage of all valid municipalities is computed once
(`queries.coverage_for`, every offer judged once) and kept in the cache in two light forms: a
summary per municipality for the maps, and the API payload per municipality. The key holds a cheap
"data version" (one query): counts and latest changes of every table the rules read (offers and
their staff, interventions and their categories, the recommended list, level owners, agreements
and their parties, which services serve which municipality, employees and their certifications,
the placement figures, the map borders), plus the latest audit event (every write through `services` leaves one).
Any change gives a new key and shows at once; the day and the language are in the key too (an
agreement or certification lapses with the date; the problems are written in the reader's
language). The timeout only bounds memory. Like `fagloft/competence/figures_cache.py`.

One municipality's page computes and caches its own coverage (`one`), so a write does not make
the next single page pay for the whole country.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, cast

from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import get_language

from fagloft.audit.services import latest_change_sql
from fagloft.competence.models import Certification, Employee
from fagloft.knowledge import coverage as rules
from fagloft.knowledge import queries
from fagloft.knowledge.models import Intervention, LevelOwner, MeasureCategory, Offer, RecommendedMeasure
from fagloft.organizations.models import Border, CooperationAgreement, Municipality, ServiceCoverage
from fagloft.statistics.models import Indicator, IndicatorValue

TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Summary:
    """What a map row shows of one municipality."""

    status: str  # covered | partial | missing
    gaps: int
    available: int
    recommended: int
    flagged: int


def overall(item: rules.MunicipalityCoverage) -> str:
    """«missing» when a level has no offer, «partial» when a level lacks something, else «covered»."""
    statuses = {level.status for level in item.levels.values()}
    if "missing" in statuses:
        return "missing"
    return "partial" if "partial" in statuses else "covered"


def summary(item: rules.MunicipalityCoverage) -> Summary:
    return Summary(overall(item), item.gaps, item.available, item.recommended, item.flagged)


def payload(item: rules.MunicipalityCoverage) -> dict[str, Any]:
    """The API's view of one municipality's coverage (without the municipality's own fields)."""

    def verdict(v: rules.OfferVerdict) -> dict[str, Any]:
        return {
            "offer": v.offer.id,
            "intervention": v.intervention.name,
            "delivery": v.offer.delivery,
            "problems": list(v.problems),
            "capacity_short": v.capacity_short,
        }

    return {
        "recommended": item.recommended,
        "available": item.available,
        "levels_without_offer": item.gaps,
        "placements_per_1000": item.placements_per_1000,
        "levels": {
            code: {
                "status": level.status,
                "owner": level.owner,
                "offered": [verdict(v) for v in level.offered],
                "flagged": [verdict(v) for v in level.flagged],
                "missing": [m.name for m in level.missing],
                "capacity": list(level.capacity_short),
            }
            for code, level in item.levels.items()
        },
    }


# (model or m2m table, columns whose maximum moves when a row is added or changed). Every table
# is also counted, which catches deletions; sums catch edits of rows without a change timestamp.
def _watched() -> list[tuple[type[Model], tuple[str, ...]]]:
    return [
        (Offer, ("MAX(updated_at)",)),
        (Offer.staff.through, ("MAX(id)", "SUM(employee_id)")),
        (Intervention, ("MAX(updated_at)",)),
        (Intervention.categories.through, ("MAX(id)", "SUM(measurecategory_id)")),
        (MeasureCategory, ("MAX(id)",)),
        (RecommendedMeasure, ("MAX(id)", "SUM(position)", "SUM(CASE WHEN is_active THEN 1 ELSE 0 END)")),
        (RecommendedMeasure.interventions.through, ("MAX(id)", "SUM(intervention_id)")),
        (RecommendedMeasure.categories.through, ("MAX(id)", "SUM(measurecategory_id)")),
        (LevelOwner, ("MAX(updated_at)",)),
        (CooperationAgreement, ("MAX(updated_at)",)),
        (CooperationAgreement.parties.through, ("MAX(id)", "SUM(municipality_id)")),
        (ServiceCoverage, ("MAX(id)", "MAX(valid_from)", "MAX(valid_to)", "COUNT(valid_to)")),
        (Municipality, ("MAX(updated_at)",)),
        (Border, ("MAX(id)", "MAX(year)")),  # the map drawn on the pages
        (Employee, ("MAX(updated_at)",)),
        (Certification, ("MAX(id)", "SUM(year)")),
    ]


def data_version() -> str:
    """One query: counts and maxima of the tables behind the coverage, and the latest audit id."""
    quote = connection.ops.quote_name
    parts = []
    for model, columns in _watched():
        table = quote(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        parts.extend(f"(SELECT {column} FROM {table})" for column in columns)
    # The placement figures: the one indicator's row count (on its index), and the newest value
    # and change of any indicator value (on theirs: every write sets `recorded_at`). A sum over the
    # placements' values would read thousands of rows on every page.
    values, indicators = quote(IndicatorValue._meta.db_table), quote(Indicator._meta.db_table)
    of_placements = f"indicator_id IN (SELECT id FROM {indicators} WHERE code = %s)"
    parts.append(f"(SELECT COUNT(*) FROM {values} WHERE {of_placements})")
    parts.append(f"(SELECT MAX(id) FROM {values})")
    parts.append(f"(SELECT MAX(recorded_at) FROM {values})")
    # The newest audit event that changed data (reads of personal data are audited too).
    parts.append(latest_change_sql())
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), [queries.PLACEMENTS])
        row = cursor.fetchone()
    return "|".join(str(value) for value in row)


def version_key(day: datetime.date | None = None) -> str:
    """The data version, day and language as one short digest (also used by the pages' fragments)."""
    day = day or timezone.localdate()
    return hashlib.sha256(f"{day.isoformat()}|{get_language()}|{data_version()}".encode()).hexdigest()[:32]


def _all(day: datetime.date, kind: str, version: str | None = None) -> dict[int, Any]:
    version = version or version_key(day)
    key = f"knowledge:coverage:{kind}:{version}"
    found: Any = cache.get(key)
    if found is not None:
        return found
    figures = queries.coverage_for(None, day)
    summaries = {pk: summary(item) for pk, item in figures.items()}
    payloads = {pk: payload(item) for pk, item in figures.items()}
    cache.set_many(
        {f"knowledge:coverage:summary:{version}": summaries, f"knowledge:coverage:payload:{version}": payloads},
        TIMEOUT_SECONDS,
    )
    return summaries if kind == "summary" else payloads


def _pick(kind: str, ids: Collection[int], day: datetime.date | None, version: str | None) -> dict[int, Any]:
    day = day or timezone.localdate()
    known = _all(day, kind, version)
    missing = [pk for pk in ids if pk not in known]
    extra: dict[int, Any] = {}
    if missing:
        # Municipalities that are not valid on the day (an old structure): computed directly.
        convert = summary if kind == "summary" else payload
        extra = {pk: convert(item) for pk, item in queries.coverage_for(missing, day).items()}
    return {pk: known[pk] if pk in known else extra[pk] for pk in ids}


def summaries(ids: Collection[int], day: datetime.date | None = None, version: str | None = None) -> dict[int, Summary]:
    return _pick("summary", ids, day, version)


def payloads(
    ids: Collection[int], day: datetime.date | None = None, version: str | None = None
) -> dict[int, dict[str, Any]]:
    return _pick("payload", ids, day, version)


def one(municipality_id: int, day: datetime.date | None = None) -> rules.MunicipalityCoverage:
    """One municipality's coverage in full (its page), computed for it alone and cached under the
    same version: a write makes the next page pay for one municipality, not the country."""
    day = day or timezone.localdate()
    key = f"knowledge:coverage:one:{version_key(day)}:{municipality_id}"
    return cast(
        rules.MunicipalityCoverage,
        cache.get_or_set(key, lambda: queries.coverage_for([municipality_id], day)[municipality_id], TIMEOUT_SECONDS),
    )
