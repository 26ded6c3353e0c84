"""Background tasks (django_tasks): immediate in the demo and tests, a database worker in production.

The temp file path must be readable by the worker, so production runs the worker on the same
host as the web process (see README).
"""

from __future__ import annotations

from django_tasks import task

from fagloft.kostra import services


@task()
def validate_upload(run_id: int, path: str, year: int | None = None) -> None:
    services.run_validation(run_id, path, year)
