"""`fagloft kostra validate`: exit codes, the JSON shape and the year/municipality options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from fagloft.cli import translate
from fagloft.kostra.tests import builders as b


def _run(*args: str, capsys) -> tuple[str | int | None, str]:
    with pytest.raises(SystemExit) as exit_info:
        call_command("kostra_validate", *args, "--no-progress")
    return exit_info.value.code, capsys.readouterr().out


def test_the_fagloft_command_maps_to_the_django_command():
    assert translate(["kostra", "validate", "fil.xml"]) == ["kostra_validate", "fil.xml"]


def test_a_clean_file_exits_0_with_the_exact_json_shape(tmp_path, kostra_dir, capsys):
    path = b.write(tmp_path, b.individ(), b.individ(b.tiltak()))
    code, out = _run(str(path), "--format", "json", capsys=capsys)
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["file", "valid_xml", "findings", "summary", "indicators", "districts"]
    assert data["districts"] == {"numbers": [], "unmatched_names": [], "labels": []}  # none outside Oslo
    assert data["file"] == "15F.xml" and data["valid_xml"] is True and data["findings"] == []
    assert data["summary"]["children"] == 2 and data["summary"]["year"] == b.YEAR
    assert data["indicators"]["kostra-barn-med-tiltak"]["numerator"] == 1


def test_a_file_with_errors_exits_1_and_lists_rule_severity_record_and_message(tmp_path, kostra_dir, capsys):
    path = b.write(
        tmp_path, b.individ(b.melding(StartDato=f"{b.YEAR}-02-05", SluttDato=f"{b.YEAR}-02-01"), Journalnummer="2024/5")
    )
    code, out = _run(str(path), "--format", "json", capsys=capsys)
    finding = json.loads(out)["findings"][0]
    assert code == 1
    assert finding == {"rule": "Melding02a", "severity": "ERROR", "record": "2024/5", "message": finding["message"]}
    assert "Melding (M1)" in finding["message"]


def test_only_warnings_exit_0(tmp_path, kostra_dir, capsys):
    path = b.write(tmp_path, b.individ(b.melding(SluttDato=f"{b.YEAR}-02-20")))
    code, out = _run(str(path), "--format", "json", capsys=capsys)
    assert code == 0
    assert {f["severity"] for f in json.loads(out)["findings"]} == {"WARNING"}


def test_an_unreadable_file_exits_2(tmp_path, capsys):
    path = tmp_path / "junk.xml"
    path.write_bytes(b"\x00\x01junk")
    code, out = _run(str(path), "--format", "json", capsys=capsys)
    assert code == 2
    assert json.loads(out)["valid_xml"] is False


def test_a_missing_file_exits_2(tmp_path, capsys):
    code, _ = _run(str(tmp_path / "finnes-ikke.xml"), capsys=capsys)
    assert code == 2


def test_year_and_municipality_default_to_the_file_and_can_be_overridden(tmp_path, kostra_dir, capsys):
    path = b.write(tmp_path, b.individ())
    code, out = _run(str(path), "--format", "json", "--year", str(b.YEAR + 1), "--municipality", "0301", capsys=capsys)
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert code == 1
    assert {"Avgiver02", "Avgiver04", "Individ09", "Individ10"} <= rules


def test_the_text_format_is_readable_norwegian(tmp_path, kostra_dir, capsys):
    path: Path = b.write(tmp_path, b.individ(b.flytting(), Journalnummer="J-tekst"))
    code, out = _run(str(path), capsys=capsys)
    assert code == 1
    assert "Individ06" in out and "J-tekst" in out and "Nøkkeltall fra filen" in out


def test_without_the_shared_schemas_the_rules_still_run_and_the_report_says_so(tmp_path, capsys, monkeypatch):
    from fagloft.kostra.validation import engine

    monkeypatch.setattr(engine, "schemas", lambda: None)
    path = b.write(tmp_path, b.individ(b.flytting()))
    code, out = _run(str(path), capsys=capsys)
    assert code == 1 and "Individ06" in out
    assert "skjemavalidering (XSD) var ikke tilgjengelig" in out
    code, out = _run(str(path), "--format", "json", capsys=capsys)
    data = json.loads(out)
    assert data["summary"]["schema_validation"] == "unavailable" and data["valid_xml"] is True
