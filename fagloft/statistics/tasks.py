"""Tasks of the statistics app: SSB imports started from the upload page."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django_tasks import task

from fagloft.lib import jobs
from fagloft.lib.refusals import Refused
from fagloft.statistics import upload_jobs
from fagloft.statistics.imports import ImportResult, import_file
from fagloft.statistics.ssb import SsbFileError

logger = logging.getLogger(__name__)


@task()
def import_ssb_file(job_id: str) -> dict[str, Any]:
    """Run the SSB import stored as `job_id`; the outcome goes to the job's status file, never a traceback."""
    job = upload_jobs.load(job_id)
    if job is None:
        return {"status": "missing"}
    job.status = upload_jobs.RUNNING
    job.save()
    try:
        result = import_file(
            _user(job.user_id), job.upload_path, job.options["indicator"], on_total=lambda total: _start(job, total)
        )
    except SsbFileError as error:
        job.status, job.message = upload_jobs.FAILED, f"{error} Ingenting ble importert."
    except Refused as error:  # a value the tables cannot hold, found after reading (e.g. a computed numerator)
        job.status, job.message = upload_jobs.FAILED, f"{job.file_name}: {error}"
    except PermissionDenied:
        job.status, job.message = (
            upload_jobs.FAILED,
            ("Du har ikke lenger lov til å importere fra SSB. Ingenting ble importert."),
        )
    except Exception:
        logger.exception("SSB import %s failed", job_id)
        job.status, job.message = (
            upload_jobs.FAILED,
            "Importen stoppet på grunn av en uventet feil. Ingenting ble importert.",
        )
    else:
        job.status, job.message, job.counts = (
            upload_jobs.DONE,
            _summary(job.options["indicator"], result),
            _counts(result),
        )
    job.save()
    jobs.remove_upload(job)  # the data is in the database now
    return {"status": job.status, "message": job.message}


def _start(job: upload_jobs.SsbJob, total: int) -> None:
    job.step, job.total = "Lagrer verdier", total
    job.save()


def _summary(indicator_code: str, result: ImportResult) -> str:
    years = f"{result.years[0]}–{result.years[-1]}" if result.years else "–"
    return (
        f"Importerte {result.written} verdier for {indicator_code} ({years}): {result.municipalities} kommuner, "
        f"{result.counties} fylker, {result.national} for hele landet."
    )


def _counts(result: ImportResult) -> dict[str, int]:
    return {
        "written": result.written,
        "municipalities": result.municipalities,
        "counties": result.counties,
        "national": result.national,
    }


def _user(user_id: int | None) -> Any:
    from fagloft.accounts.models import User

    return User.objects.filter(pk=user_id).first() if user_id else None
