"""The `fagloft` command maps two-word commands to Django management commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fagloft.cli import translate


def test_fagloft_import_geo_runs_the_import_geo_command():
    assert translate(["import", "geo", "fil.geojson", "--year", "2024"]) == [
        "import_geo",
        "fil.geojson",
        "--year",
        "2024",
    ]
    assert translate(["import", "population", "b.csv"]) == ["import_population", "b.csv"]
    assert translate(["demo", "--synthetic"]) == ["demo", "--synthetic"]


def test_a_bad_file_on_the_command_line_gives_a_norwegian_message_and_no_traceback(tmp_path):
    broken = tmp_path / "kommuner-2024.geojson"
    broken.write_text("{ ikke json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "from fagloft.cli import main; main()", "import", "geo", str(broken)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        timeout=120,
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "kommuner-2024.geojson, linje 1: ugyldig JSON" in result.stderr
    assert "Ingenting ble importert." in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_line_progress_bar_goes_to_stderr(db, capsys):
    from fagloft.lib.progress import TqdmReporter
    from fagloft.organizations.importers.run import import_geo
    from fagloft.organizations.tests.shared_files import geo_file

    summary = import_geo(geo_file("fylker-2024.geojson"), reporter=TqdmReporter(enabled=True))
    captured = capsys.readouterr()
    assert "Lagrer" in captured.err and "/15" in captured.err
    assert captured.out == ""
    assert summary.counts["created"] == 15
