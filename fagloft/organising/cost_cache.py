"""Each municipality's standalone cost risk for today's picture, cached while its inputs are unchanged.

The county page shows every municipality's simulated cost of the measures alone (economy,
2 000 runs each): for a large county (Innlandet, 46 municipalities) a few hundred milliseconds of
simulation even with the cost models read in bulk, far above the page budget when done on every
request. The risks are
kept in the cache under a key that holds a cheap "data version" (one query): counts and latest
changes of every table the cost model reads (stored cost models and their lines, the national rates,
the co-payment rates, the population, the KOSTRA placement figures), plus the latest audit event
(every write through `services` leaves one). Any change gives a new key and shows at once; the
timeout only bounds memory. Like `fagloft/competence/figures_cache.py` and
`fagloft/knowledge/coverage_cache.py`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Model

from fagloft.audit.services import count_and_newest_sql, latest_change_sql
from fagloft.organizations.models import Municipality, Population

TIMEOUT_SECONDS = 600
# Marks «no figure» in the cache (the column says «ingen tall»), since None means «not cached».
_NONE = "none"


def _watched() -> tuple[tuple[type[Model], str], ...]:
    from fagloft.economy import models as economy

    return (
        (economy.CostModel, "updated_at"),
        (economy.CostModelLine, "id"),
        (economy.NationalRate, "id"),
        (economy.CoPaymentRate, "updated_at"),
        (Population, "imported_at"),
        # A renumbering: the population is followed to the predecessor.
        (Municipality, "id"),
    )


def _kostra_codes() -> list[str]:
    from fagloft.economy import queries as economy_queries

    return [
        economy_queries.KOSTRA_INSTITUTION,
        economy_queries.KOSTRA_FOSTER_OTHER,
        economy_queries.KOSTRA_FOSTER_FAMILY_SHARE,
    ]


def version_parts() -> tuple[list[str], list[str]]:
    """The scalar subqueries of `data_version` and their parameters, for a caller that folds them
    into its own version query (`picture_cache`) rather than run one more query."""
    from fagloft.statistics.models import Indicator, IndicatorValue

    quote = connection.ops.quote_name
    parts = count_and_newest_sql(_watched())
    values, indicators = quote(IndicatorValue._meta.db_table), quote(Indicator._meta.db_table)
    codes = _kostra_codes()
    of_kostra = f"indicator_id IN (SELECT id FROM {indicators} WHERE code IN ({', '.join(['%s'] * len(codes))}))"
    parts.append(f"(SELECT COUNT(*) FROM {values} WHERE {of_kostra})")
    parts.append(f"(SELECT MAX(id) FROM {values} WHERE {of_kostra})")
    # No SUM(value): it read every KOSTRA row (about 15 ms nationally, on every county page), and a
    # changed value is caught anyway: `statistics.publishing.record_values` audits each import.
    # The newest audit event that changed data (reads of personal data are audited too).
    parts.append(latest_change_sql())
    return parts, codes * 2


def data_version() -> str:
    """One query: counts and maxima of the tables behind the cost models, and the latest audit id."""
    parts, params = version_parts()
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return "|".join(str(value) for value in row)


def standalone_risks(
    municipalities: Sequence[Municipality],
    year: int | None,
    runs: int,
    compute: Callable[[Sequence[Municipality]], dict[int, Any]],
) -> dict[int, Any]:
    """`compute(municipalities)` ({id: standalone risk or None}, all at once: the cost models are read
    in bulk), from the cache while the data behind the cost models is unchanged."""
    ids = ",".join(str(m.pk) for m in municipalities)
    digest = hashlib.sha256(f"{year}|{runs}|{ids}|{data_version()}".encode()).hexdigest()
    key = f"organising:standalone:{digest}"
    found: Any = cache.get(key)
    if found is None:
        computed = compute(municipalities)
        found = {}
        for municipality in municipalities:
            risk = computed.get(municipality.pk)
            found[municipality.pk] = _NONE if risk is None else risk
        cache.set(key, found, TIMEOUT_SECONDS)
    return {pk: None if isinstance(value, str) else value for pk, value in found.items()}
