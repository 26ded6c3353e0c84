"""`fagloft backup` and `fagloft restore`: a restored copy holds the same rows and answers the same pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

MAKE_DATA = """
from fagloft.organizations.tests.factories import build_tree
build_tree()
"""

READ_PAGES = """
import json, re
from django.test import Client
from fagloft.accounts.models import User
client = Client()
client.force_login(User.objects.get(username=USERNAME))
pages = {}
for path in ["/", "/fylker/"]:
    response = client.get(path)
    # The CSRF token differs per request; everything else must be the same.
    html = re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', r'\1""', response.content.decode())
    pages[path] = [response.status_code, html]
print(json.dumps(pages))
"""


PG_SERVER = os.environ.get("FAGLOFT_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/fagloft").rsplit("/", 1)[0]


def _postgres_databases(*names: str) -> list[str]:
    """Fresh PostgreSQL databases for the test, or a skip (a failure under CI) without a server."""
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - no driver, no server or no rights: all mean skip
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI: {error}")
        pytest.skip(f"PostgreSQL not reachable: {error}")
    return [f"{PG_SERVER}/{name}" for name in names]


def _run(database: Path | str, *args: str, stdin: str | None = None, media: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAGLOFT_")}
    url = database if isinstance(database, str) else f"sqlite:///{database}"
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(media), FAGLOFT_DEMO="false")
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_restored_copy_answers_the_same_pages_and_holds_the_same_rows(tmp_path, engine):
    if engine == "sqlite":
        original, restored = tmp_path / "original.sqlite3", tmp_path / "restored.sqlite3"
    else:
        # Fixed names: recreated by each run, so none are left behind to pile up.
        original, restored = _postgres_databases("fagloft_backup_test_a", "fagloft_backup_test_b")
    media_a, media_b = tmp_path / "media-a", tmp_path / "media-b"
    (media_a / "agreements").mkdir(parents=True)
    (media_a / "agreements" / "avtale.pdf").write_bytes(b"%PDF-1.4 avtale")
    _run(original, "migrate", "-v0", media=media_a)
    _run(original, "shell", stdin=MAKE_DATA, media=media_a)
    archive = tmp_path / "backup.tar.gz"
    _run(original, "backup", str(archive), media=media_a)

    _run(restored, "migrate", "-v0", media=media_b)
    _run(restored, "restore", str(archive), media=media_b)

    script = READ_PAGES.replace("USERNAME", repr("leader_ab"))
    before = json.loads(_run(original, "shell", stdin=script, media=media_a).strip().splitlines()[-1])
    after = json.loads(_run(restored, "shell", stdin=script, media=media_b).strip().splitlines()[-1])
    assert before == after
    assert all(status == 200 for status, _ in after.values())
    assert (media_b / "agreements" / "avtale.pdf").read_bytes() == b"%PDF-1.4 avtale"


def test_restore_refuses_a_database_with_content_and_a_foreign_file(tmp_path, db):
    from django.core.management import CommandError, call_command

    from fagloft.organizations.tests.factories import make_user

    make_user("someone")
    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="ikke en sikkerhetskopi"):
        call_command("restore", str(not_a_backup))
    with pytest.raises(CommandError, match="Finner ikke"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
