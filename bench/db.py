"""Temporary benchmark databases: a SQLite file in a temp folder, or PostgreSQL `fagloft_bench`.

The benchmark parent process never sets up Django itself: it hands a DATABASE_URL to subprocesses
(migrate, generate, the server), so each backend gets a clean Django with its own settings.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_HOST = os.environ.get("FAGLOFT_BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("FAGLOFT_BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("FAGLOFT_BENCH_PG_USER", "postgres")
PG_DATABASE = "fagloft_bench"


@dataclass(frozen=True)
class Backend:
    name: str
    url: str


def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used for the benchmark, or None when it can."""
    try:
        import psycopg
    except ImportError as error:
        return f"psycopg is not installed ({error})"
    try:
        with psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", connect_timeout=3):
            return None
    except Exception as error:  # noqa: BLE001 - any failure means "skip PostgreSQL"
        return f"PostgreSQL at {PG_HOST}:{PG_PORT} (user {PG_USER}) is unreachable: {str(error).strip()}"


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextlib.contextmanager
def temporary_database(kind: str) -> Iterator[Backend]:
    """A fresh, empty database of `kind` ("sqlite" or "postgresql"), removed afterwards."""
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="fagloft-bench-")
        try:
            yield Backend("SQLite", f"sqlite:///{folder}/bench.sqlite3")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    elif kind == "postgresql":
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        _pg_admin(f"CREATE DATABASE {PG_DATABASE}")
        try:
            yield Backend("PostgreSQL", f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{PG_DATABASE}")
        finally:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    else:
        raise ValueError(f"unknown database kind {kind!r}")


def django_env(url: str, **extra: str) -> dict[str, str]:
    """The environment for a Django subprocess on `url`: production-like (no debug, no demo mode)."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "fagloft.settings",
            "DATABASE_URL": url,
            "DEBUG": "false",
            "FAGLOFT_DEMO": "false",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        }
    )
    env.update(extra)
    return env


def run_django(url: str, *args: str, capture: bool = False) -> str:
    """Run `python <args>` (e.g. `-m bench.bench_pages prepare ...`) in the checkout against `url`."""
    command = [sys.executable, *args]
    result = subprocess.run(
        command, cwd=ROOT, env=django_env(url), check=True, text=True, stdout=subprocess.PIPE if capture else None
    )
    return result.stdout or ""
