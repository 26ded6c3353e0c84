"""Background jobs started from a page (imports of uploaded files): the upload and a small status
file in one folder per job, read by the page that follows the job. Any app's import page uses it
(reference data in organizations, SSB files in statistics, which keeps its jobs in a subfolder).

The folder is `settings.FAGLOFT_IMPORT_DIR` (default: a `fagloft-imports` folder in the system's
temporary directory). With task workers on other machines it must be a shared volume. The status
is kept beside the upload rather than in the task backend, because the immediate backend (demo,
tests) keeps no results.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from fagloft.lib.progress import Reporter

ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


def import_dir() -> Path:
    configured = getattr(settings, "FAGLOFT_IMPORT_DIR", None)
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "fagloft-imports"


@dataclass
class Job:
    id: str
    kind: str
    file_name: str
    options: dict[str, Any]
    user_id: int | None
    created_at: str
    status: str = QUEUED
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    step: str = ""
    done: int = 0
    total: int | None = None

    # A kind of job may keep its jobs in a subfolder of the import folder, so that one page never
    # lists or opens another page's jobs (statistics keeps SSB uploads in `ssb/`).
    SUBFOLDER: ClassVar[str] = ""

    @classmethod
    def root(cls) -> Path:
        return import_dir() / cls.SUBFOLDER if cls.SUBFOLDER else import_dir()

    @property
    def folder(self) -> Path:
        return self.root() / self.id

    @property
    def upload_path(self) -> Path:
        # The original name is kept (messages name the file), in a subfolder of its own so no
        # upload name can collide with the status file.
        return self.folder / "upload" / Path(self.file_name).name

    @property
    def finished(self) -> bool:
        return self.status in (DONE, FAILED)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @classmethod
    def create(cls, kind: str, upload: UploadedFile, options: dict[str, Any], user: Any) -> Self:
        name = Path(upload.name or "opplasting").name
        job = cls(uuid.uuid4().hex, kind, name, options, getattr(user, "pk", None), timezone.now().isoformat())
        job.upload_path.parent.mkdir(parents=True, exist_ok=True)
        with job.upload_path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        job.save()
        return job

    @classmethod
    def load(cls, job_id: str) -> Self | None:
        if not ID_PATTERN.match(job_id):
            return None
        try:
            data = json.loads((cls.root() / job_id / "status.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return cls(**data)

    @classmethod
    def recent(cls, limit: int = 10) -> list[Self]:
        folder = cls.root()
        if not folder.is_dir():
            return []
        statuses = sorted(folder.glob("*/status.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        found = (cls.load(path.parent.name) for path in statuses[:limit])
        return [job for job in found if job is not None]

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / "status.json.tmp"
        temporary.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.folder / "status.json")  # readers never see half a file


def create(kind: str, upload: UploadedFile, options: dict[str, Any], user: Any) -> Job:
    return Job.create(kind, upload, options, user)


def load(job_id: str) -> Job | None:
    return Job.load(job_id)


def recent(limit: int = 10) -> list[Job]:
    return Job.recent(limit)


def remove_upload(job: Job) -> None:
    """The uploaded file is not kept once imported: the data is in the database."""
    job.upload_path.unlink(missing_ok=True)


class JobReporter(Reporter):
    """Writes progress to the job's status file, at most about a hundred times per step."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.every = 1

    def start(self, label: str, total: int | None = None) -> None:
        self.job.step, self.job.done, self.job.total = label, 0, total
        self.every = max(1, (total or 10000) // 100)
        self.job.save()

    def advance(self, amount: int = 1) -> None:
        before = self.job.done // self.every
        self.job.done += amount
        if self.job.done // self.every != before:
            self.job.save()
