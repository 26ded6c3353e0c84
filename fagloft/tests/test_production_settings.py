"""Production settings: `check --deploy` is clean, and demo settings refuse to start."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests in the same worker; a server never has it.
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FAGLOFT_", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    environment.update(env)
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        FAGLOFT_PRODUCTION="true",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="fagloft.example.no",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_demo_flag_and_the_demo_key():
    demo = _manage("check", FAGLOFT_PRODUCTION="true", FAGLOFT_DEMO="true", SECRET_KEY=secrets.token_urlsafe(64))
    assert demo.returncode != 0 and "FAGLOFT_DEMO" in demo.stderr
    weak = _manage("check", FAGLOFT_PRODUCTION="true")
    assert weak.returncode != 0 and "SECRET_KEY" in weak.stderr


def test_the_web_workers_of_a_machine_can_share_a_file_cache(tmp_path):
    code = (
        "from django.core.cache import caches; cache = caches['default']; cache.set('k', 'shared'); "
        "print(type(cache).__name__, sorted(p.suffix for p in __import__('pathlib').Path(cache._dir).iterdir()))"
    )
    written = _manage("shell", "-c", code, FAGLOFT_CACHE="file", FAGLOFT_CACHE_DIR=str(tmp_path))
    assert written.returncode == 0, written.stderr
    assert "FileBasedCache" in written.stdout and ".djcache" in written.stdout
    # Another process (another worker) reads what the first wrote.
    read = _manage(
        "shell",
        "-c",
        "from django.core.cache import cache; print(cache.get('k'))",
        FAGLOFT_CACHE="file",
        FAGLOFT_CACHE_DIR=str(tmp_path),
    )
    assert read.stdout.strip().splitlines()[-1] == "shared"
    wrong = _manage("check", FAGLOFT_CACHE="memcached")
    assert wrong.returncode != 0 and "FAGLOFT_CACHE" in wrong.stderr
