"""SSB imports started from the upload page: the organisation app's job files, in a folder of their own.

The jobs live in `<FAGLOFT_IMPORT_DIR>/ssb/<id>/`, so the reference-data import page (which lists
`<FAGLOFT_IMPORT_DIR>/*/status.json`) never shows them, and neither page can open the other's jobs.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from fagloft.organizations.importers import jobs
from fagloft.organizations.importers.jobs import DONE, FAILED, QUEUED, RUNNING  # noqa: F401 - re-exported

KIND = "ssb"


def ssb_dir() -> Path:
    return jobs.import_dir() / KIND


@dataclass
class SsbJob(jobs.Job):
    @property
    def folder(self) -> Path:
        return ssb_dir() / self.id


def create(indicator_code: str, upload: UploadedFile, user: Any) -> SsbJob:
    name = Path(upload.name or "opplasting").name
    job = SsbJob(uuid.uuid4().hex, KIND, name, {"indicator": indicator_code}, getattr(user, "pk", None),
                 timezone.now().isoformat())
    job.upload_path.parent.mkdir(parents=True, exist_ok=True)
    with job.upload_path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    job.save()
    return job


def load(job_id: str) -> SsbJob | None:
    if not jobs.ID_PATTERN.match(job_id):
        return None
    try:
        data = json.loads((ssb_dir() / job_id / "status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return SsbJob(**data)


def recent(limit: int = 10) -> list[SsbJob]:
    folder = ssb_dir()
    if not folder.is_dir():
        return []
    statuses = sorted(folder.glob("*/status.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    found = (load(path.parent.name) for path in statuses[:limit])
    return [job for job in found if job is not None]
