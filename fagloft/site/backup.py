"""Backup and restore of one installation: the database and the uploaded files, in one archive.

The archive (`.tar.gz`) holds `manifest.json` (when, which engine, the row count of every table),
the database (`database.dump` from `pg_dump --format=custom` for PostgreSQL, `database.sqlite3`
from SQLite's online backup API) and `media/` (uploaded agreements, documents). Restoring checks
the manifest first and compares the row counts afterwards, so a restore that lost rows says so.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, connections

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in plain words."""


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite" if connection.vendor == "sqlite" else ""


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = [
        "--host",
        str(db.get("HOST") or "127.0.0.1"),
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        str(db.get("USER") or "postgres"),
    ]
    return args, env


def create_backup(target: Path) -> dict[str, Any]:
    """Write the archive to `target` (a file path ending in .tar.gz) and return its manifest."""
    engine = _engine()
    if not engine:
        raise BackupError(f"Databasen {connection.vendor} støttes ikke av fagloft backup.")
    manifest = {
        "format": FORMAT_VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "engine": engine,
        "rows": row_counts(),
    }
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        if engine == "postgresql":
            args, env = _pg_env()
            dump = folder / "database.dump"
            name = str(settings.DATABASES["default"]["NAME"])
            subprocess.run(
                ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(dump), name],
                env=env,
                check=True,
                capture_output=True,
            )
        else:
            source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
            copy = sqlite3.connect(str(folder / "database.sqlite3"))
            with copy:
                source.backup(copy)
            source.close()
            copy.close()
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz") as archive:
            for entry in sorted(folder.iterdir()):
                archive.add(entry, arcname=entry.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname="media")
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Arkivet har en ugyldig sti: {member.name}")
        members.append(member)
    return members


def restore_backup(source: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore the archive into the configured database and MEDIA_ROOT; returns the manifest.

    Refuses when the database already holds users, unless `force`: restoring replaces everything.
    """
    if not source.is_file():
        raise BackupError(f"Finner ikke sikkerhetskopien {source}.")
    engine = _engine()
    try:
        archive = tarfile.open(source, "r:gz")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{source.name} er ikke en sikkerhetskopi fra Fagløft (ikke et tar.gz-arkiv).") from error
    with tempfile.TemporaryDirectory() as work, archive:
        folder = Path(work)
        archive.extractall(folder, members=_safe_members(archive), filter="data")
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise BackupError(
                f"{source.name} er ikke en sikkerhetskopi fra Fagløft (manifest.json mangler)."
            ) from error
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Ukjent format {manifest.get('format')} i {source.name}.")
        if manifest["engine"] != engine:
            raise BackupError(f"Sikkerhetskopien er fra {manifest['engine']}, men databasen er {engine}.")
        if not force and _has_users():
            raise BackupError("Databasen har allerede brukere. Bruk --force for å erstatte alt innholdet.")
        if engine == "postgresql":
            args, env = _pg_env()
            name = str(settings.DATABASES["default"]["NAME"])
            connections.close_all()
            subprocess.run(
                [
                    "pg_restore",
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--dbname",
                    name,
                    str(folder / "database.dump"),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        else:
            connections.close_all()
            target = Path(str(settings.DATABASES["default"]["NAME"]))
            restored = sqlite3.connect(str(folder / "database.sqlite3"))
            live = sqlite3.connect(str(target))
            with live:
                restored.backup(live)
            restored.close()
            live.close()
        media = folder / "media"
        if media.is_dir():
            destination = Path(settings.MEDIA_ROOT)
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(media, destination)
    counts = row_counts()
    lost = {table: (n, counts.get(table, 0)) for table, n in manifest["rows"].items() if counts.get(table, 0) != n}
    if lost:
        raise BackupError(f"Gjenopprettingen ga andre radtall enn sikkerhetskopien: {lost}")
    return manifest


def _has_users() -> bool:
    from django.contrib.auth import get_user_model

    try:
        return get_user_model()._default_manager.exists()
    except DatabaseError:  # an empty database without tables has no users
        return False
