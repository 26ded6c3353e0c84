"""Tasks of the organisation app: reference-data imports started from the import page."""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from fagloft.lib import jobs
from fagloft.lib.importing import ImportProblem
from fagloft.organizations.importers import run

logger = logging.getLogger(__name__)


@task()
def import_reference_file(job_id: str) -> dict[str, Any]:
    """Run the import stored as `job_id`; the outcome goes to the job's status file, never a traceback."""
    job = jobs.load(job_id)
    if job is None:
        return {"status": "missing"}
    job.status = jobs.RUNNING
    job.save()
    try:
        summary = run.run(
            job.kind, job.upload_path, job.options, actor=_user(job.user_id), reporter=jobs.JobReporter(job)
        )
    except ImportProblem as error:
        job.status, job.message = jobs.FAILED, f"{error.message} Ingenting ble importert."
    except Exception:
        logger.exception("import %s failed", job_id)
        job.status, job.message = jobs.FAILED, "Importen stoppet på grunn av en uventet feil. Ingenting ble importert."
    else:
        job.status, job.message, job.counts = jobs.DONE, f"Importert {summary}", summary.counts
    job.save()
    jobs.remove_upload(job)
    return {"status": job.status, "message": job.message}


def _user(user_id: int | None) -> Any:
    from fagloft.accounts.models import User

    return User.objects.filter(pk=user_id).first() if user_id else None
