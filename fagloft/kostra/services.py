"""Writes of the kostra app: start a validation run, run it, store its figures, purge old reports.

The uploaded file goes to a private temp file that is deleted as soon as the validation has run
(also when it fails). Nothing from the file except the report and the figures reaches the
database, and nothing from it is logged.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.validation.engine import MAX_PER_RULE, validate_file
from fagloft.lib.safexml import default_max_bytes
from fagloft.organizations.models import Service

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0


class UploadRefused(ValueError):
    """The upload cannot be validated (too large, empty). The message is Norwegian."""


def save_upload_to_temp(chunks: Iterable[bytes], max_bytes: int | None = None) -> str:
    """Copy an upload to a private temp file, refusing it as soon as it passes the size limit."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    handle, path = tempfile.mkstemp(prefix="kostra-", suffix=".xml")  # mode 0600
    written = 0
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                written += len(chunk)
                if written > limit:
                    raise UploadRefused(f"Filen er for stor. Største tillatte størrelse er {limit / 1_000_000:.0f} MB.")
                out.write(chunk)
        if written == 0:
            raise UploadRefused("Filen er tom.")
    except BaseException:
        _remove(path)
        raise
    return path


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def start_run(actor: Any, service: Service, upload: Any, year: int | None = None) -> ValidationRun:
    """Create the run and hand the file to the validation task (immediate in demo and tests)."""
    from fagloft.kostra.tasks import validate_upload

    path = save_upload_to_temp(upload.chunks())
    try:
        with transaction.atomic():
            run = ValidationRun.objects.create(
                service=service, uploaded_by=actor, file_name=os.path.basename(upload.name or "")[:200],
                file_size=os.path.getsize(path), year=year,
            )
            record_create(actor, run, message="KOSTRA 15F-fil lastet opp for kontroll")
        validate_upload.enqueue(run.pk, path, year)
    except BaseException:
        _remove(path)
        raise
    return run


def run_validation(run_id: int, path: str, year: int | None) -> None:
    """The body of the task: validate, keep the report, delete the file whatever happens."""
    try:
        run = ValidationRun.objects.get(pk=run_id)
        ValidationRun.objects.filter(pk=run_id).update(status=ValidationRun.Status.RUNNING, progress=1)
        report = validate_file(path, year=year, progress=_progress_writer(run_id), max_per_rule=MAX_PER_RULE)
        run.status = ValidationRun.Status.DONE
        run.progress = 100
        run.readable, run.valid_xml, run.error_message = report.readable, report.valid_xml, report.error[:500]
        run.findings, run.summary, run.indicators = report.findings, report.summary, report.indicators
        run.year, run.municipality_number = report.year, report.municipality or ""
        run.finished_at = timezone.now()
        run.save()
    except ValidationRun.DoesNotExist:
        logger.warning("KOSTRA validation run %s no longer exists", run_id)
    except Exception:
        # Only the run id is logged: the exception text could quote the file.
        logger.error("KOSTRA validation run %s failed", run_id)
        ValidationRun.objects.filter(pk=run_id).update(
            status=ValidationRun.Status.FAILED, finished_at=timezone.now(), readable=False,
            error_message="Kontrollen stoppet på grunn av en intern feil. Prøv igjen, eller kontakt brukerstøtte.",
        )
    finally:
        _remove(path)


def _progress_writer(run_id: int) -> Any:
    last = [0.0]

    def write(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS and total:
            last[0] = now
            ValidationRun.objects.filter(pk=run_id).update(progress=max(1, min(99, done * 100 // total)))

    return write


def store_figures(actor: Any, run: ValidationRun) -> int:
    """Store the run's figures as the service's indicator values for the run's year (audited)."""
    from fagloft.statistics.services import NewValue, record_values

    if not run.readable or run.status != ValidationRun.Status.DONE or not run.indicators or not run.year:
        raise ValueError("Denne kontrollen har ingen nøkkeltall som kan lagres.")
    values = [
        NewValue(indicator_code=code, year=run.year, value=figure.get("value"), service_id=run.service_id,
                 numerator=figure.get("numerator"), denominator=figure.get("denominator"), is_preliminary=True)
        for code, figure in run.indicators.items() if figure.get("value") is not None
    ]
    with transaction.atomic():
        written = record_values(actor, values, source="kostra_15f",
                                source_detail=f"Egen KOSTRA 15F-fil {run.file_name} ({run.year})")
        run.stored_at, run.stored_year = timezone.now(), run.year
        run.save(update_fields=["stored_at", "stored_year"])
        record(actor, AuditEvent.Verb.UPDATE, run, {"nøkkeltall lagret for år": [None, run.year]},
               message=f"{written} nøkkeltall fra KOSTRA 15F lagret for {run.year}")
    return written


def purge_expired(now: Any = None) -> int:
    """Delete reports older than the retention period. Returns how many were deleted."""
    deleted, _ = ValidationRun.expired(now).delete()
    return deleted
