"""Background tasks (django_tasks): immediate in the demo and tests, a database worker in production.

The temp file path must be readable by the worker, so production runs the worker on the same
host as the web process (see README).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.utils import timezone
from django_tasks import task

from fagloft.kostra.models import ValidationRun
from fagloft.kostra.services import remove_file, resolve_districts
from fagloft.kostra.validation.engine import MAX_PER_RULE, validate_file

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0


@task()
def validate_upload(run_id: int, path: str, year: int | None = None) -> None:
    run_validation(run_id, path, year)


def run_validation(run_id: int, path: str, year: int | None) -> None:
    """The body of the task: validate, keep the report, delete the file whatever happens.

    Not a use case in one transaction on purpose: the progress it writes while it runs must be
    committed at once, so the page polling the run can show it. Only the system runs it.
    """
    try:
        run = ValidationRun.objects.get(pk=run_id)
        ValidationRun.objects.filter(pk=run_id).update(status=ValidationRun.Status.RUNNING, progress=1)
        report = validate_file(path, year=year, progress=_progress_writer(run_id), max_per_rule=MAX_PER_RULE)
        run.status = ValidationRun.Status.DONE
        run.progress = 100
        run.readable, run.valid_xml, run.error_message = report.readable, report.valid_xml, report.error[:500]
        run.findings, run.summary, run.indicators = report.findings, report.summary, report.indicators
        run.year, run.municipality_number = report.year, report.municipality or ""
        run.district_numbers, run.unmatched_district_names = resolve_districts(
            run.municipality_number, report.districts
        )
        run.finished_at = timezone.now()
        run.save()
    except ValidationRun.DoesNotExist:
        logger.warning("KOSTRA validation run %s no longer exists", run_id)
    except Exception:  # noqa: BLE001 - any failure must still mark the run failed and delete the file
        # Only the run id is logged: the exception text could quote the file.
        logger.error("KOSTRA validation run %s failed", run_id)
        ValidationRun.objects.filter(pk=run_id).update(
            status=ValidationRun.Status.FAILED,
            finished_at=timezone.now(),
            readable=False,
            error_message="Kontrollen stoppet på grunn av en intern feil. Prøv igjen, eller kontakt brukerstøtte.",
        )
    finally:
        remove_file(path)


def _progress_writer(run_id: int) -> Any:
    last = [0.0]

    def write(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS and total:
            last[0] = now
            ValidationRun.objects.filter(pk=run_id).update(progress=max(1, min(99, done * 100 // total)))

    return write
