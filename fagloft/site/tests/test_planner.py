"""`fagloft analyze_database` (also run by the scheduler, the demo and the national data set)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from fagloft.site.scheduling import JOBS


@pytest.mark.django_db(transaction=True)
def test_analyze_gives_the_planner_statistics():
    from fagloft.organizations.tests.factories import build_tree

    build_tree()
    out = StringIO()
    call_command("analyze_database", stdout=out)
    assert f"ANALYZE ({connection.vendor})" in out.getvalue()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'organizations_municipality'")
        else:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname = 'organizations_municipality'"
                " AND last_analyze IS NOT NULL"
            )
        assert cursor.fetchone()[0] >= 1


def test_the_scheduler_refreshes_the_statistics_nightly():
    assert "analyze_database" in {job.command for job in JOBS}
