"""SSB imports started from the upload page: the job files of `fagloft.lib.jobs`, in a folder of their own.

The jobs live in `<FAGLOFT_IMPORT_DIR>/ssb/<id>/`, so the reference-data import page (which lists
`<FAGLOFT_IMPORT_DIR>/*/status.json`) never shows them, and neither page can open the other's jobs.
Only the folder differs from `fagloft.lib.jobs`; the job itself, its status file and its states
are the shared ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from fagloft.lib import jobs
from fagloft.lib.jobs import DONE, FAILED, QUEUED, RUNNING  # noqa: F401 - re-exported for the pages and tasks

KIND = "ssb"


@dataclass
class SsbJob(jobs.Job):
    SUBFOLDER = KIND


def create(indicator_code: str, upload: UploadedFile, user: Any) -> SsbJob:
    return SsbJob.create(KIND, upload, {"indicator": indicator_code}, user)


def load(job_id: str) -> SsbJob | None:
    return SsbJob.load(job_id)


def recent(limit: int = 10) -> list[SsbJob]:
    return SsbJob.recent(limit)
