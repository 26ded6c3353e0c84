"""The database's planner statistics.

SQLite keeps none until ANALYZE is run, and without them it plans a paged list by sorting the whole
table: the indicator values API (115 000 rows nationally, ordered by the indicators' order) took
about 200 ms a page instead of a few, because SQLite did not know that walking the few indicators in
order and each one's values is cheaper. PostgreSQL's autovacuum analyses by itself; an ANALYZE after
a bulk load (the demo, the national data set, a large import) helps there too until it runs.
"""

from __future__ import annotations

from django.db import connections


def analyze(using: str = "default") -> str:
    """ANALYZE the whole database; answers the database's vendor."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return connection.vendor
