"""SSB's own test files (../shared/data/kostra-15f/testfiler) give the verdicts SSB's program gives.

The files date from 2020. Where the current program differs from what a file's name implies
(rules added or changed later, rules.csv "notes"), the exception is listed with its reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fagloft.kostra.validation.engine import validate_file


def _run(kostra_dir: Path, name: str, municipality: str = "3401"):
    return validate_file(kostra_dir / "testfiler" / name, year=2020, municipality=municipality)


def _rules(report) -> set[str]:
    return {f["rule"] for f in report.findings}


@pytest.mark.parametrize("name", ["Testfil_00_Blank.txt", "Testfil_00_Junk.dat"])
def test_a_blank_or_junk_file_cannot_be_read(kostra_dir, name):
    report = _run(kostra_dir, name)
    assert report.exit_code == 2 and not report.readable and not report.valid_xml
    assert _rules(report) == {""}


def test_the_invalid_xml_file_cannot_be_read_as_15f_and_names_the_schema_rules(kostra_dir):
    report = _run(kostra_dir, "Testfil_01_FEIL_2020_15F_ugyldig_xml.xml")
    assert report.exit_code == 2 and not report.valid_xml
    assert _rules(report) == {"Avgiver01", "Avgiver00", "Individ01", "Individ00"}


def test_a_broken_avgiver_gives_avgiver01_and_avgiver00(kostra_dir):
    report = _run(kostra_dir, "Testfil_02_FEIL_2020_15F_for_3401_feil_i_avgiver.xml")
    assert report.exit_code == 1
    assert _rules(report) == {"Avgiver01", "Avgiver00"}


def test_oslo_clients_without_district_give_individ09_and_individ10(kostra_dir):
    report = _run(kostra_dir, "Testfil_03_FEIL_2020_15F_for_030102.xml", municipality="030102")
    assert report.exit_code == 1
    assert {(f["rule"], f["record"]) for f in report.findings} == {
        ("Individ09", "Individ K 09"),
        ("Individ10", "Individ K 10"),
    }


# Journal numbers in Testfil_04 name the rule they test ("Melding K 2a" -> Melding02a). These do not
# give that finding in the current program:
NOT_IN_CURRENT_PROGRAM = {
    "Individ K 02d": "the client has an end date; Individ02d only fires when it is missing",
    "Individ K 07": "the client is 25 at year end; Individ07 needs more than 25",
    "Plan K 2b": "Plan02b is not part of the current program (rules.csv)",
    "Tiltak K 4": "Lov='1' is no care-order law (BVL/BVL2021), so Tiltak04 cannot fire",
    "Lovhjemmel K 2": "Lovhjemmel02 is declared but not implemented (rules.csv)",
    "Lovhjemmel K 3": "Lov='1' is no care-order law, so Lovhjemmel03 cannot fire",
}


def _implied_rule(journal: str) -> str | None:
    match = re.match(
        r"(\w+) K (\d+)([a-z]?)", journal.replace("Undersøkelse", "Undersokelse").replace("Vedtaksgrunnlag", "Vedtak")
    )
    if not match:
        return None
    element, number, letter = match.groups()
    return f"{element}{int(number):02d}{letter}"


def test_every_record_of_testfil_04_gets_the_error_its_journal_number_names(kostra_dir):
    report = _run(kostra_dir, "Testfil_04_FEIL_2020_15F_for_3401.xml")
    assert report.exit_code == 1
    found: dict[str, set[str]] = {}
    for finding in report.findings:
        found.setdefault(finding["record"], set()).add(finding["rule"])
    source = (kostra_dir / "testfiler" / "Testfil_04_FEIL_2020_15F_for_3401.xml").read_text("latin-1")
    journals = re.findall(r'Journalnummer="([^"]+)"', source)
    checked = 0
    for journal in journals:
        rule = _implied_rule(journal)
        if rule is None or journal in NOT_IN_CURRENT_PROGRAM:
            continue
        assert rule in found.get(journal, set()), f"{journal}: expected {rule}, got {found.get(journal)}"
        checked += 1
    assert checked >= 40
    for journal in NOT_IN_CURRENT_PROGRAM:
        assert _implied_rule(journal) not in found.get(journal, set())


def test_testfil_04_also_gets_the_rules_added_after_2020(kostra_dir):
    report = _run(kostra_dir, "Testfil_04_FEIL_2020_15F_for_3401.xml")
    # Tiltak24 (2023): the file's Lovhjemmel says Lov="1" or "3", not "BVL".
    tiltak24 = {f["record"] for f in report.findings if f["rule"] == "Tiltak24"}
    assert "Tiltak K 7" in tiltak24 and "Lovhjemmel K 4" in tiltak24


def test_a_referral_without_reporter_code_fails_the_schema(kostra_dir):
    report = _run(kostra_dir, "Testfil_05_FEIL_2020_15F_for_3401_feil_i_melding_mangler_kode.xml")
    assert report.exit_code == 1
    assert _rules(report) == {"Individ01", "Individ00"}


def test_testfil_06_drops_the_misspelt_duf_attribute_and_cannot_identify_the_client(kostra_dir):
    report = _run(kostra_dir, "Testfil_06_FEIL_2020_15F_for_3401.xml")
    assert report.exit_code == 1
    assert _rules(report) == {"Individ02a", "Individ03", "Individ06", "Individ11", "Individ12"}


def test_the_warning_file_gives_only_warnings_besides_rules_changed_since_2020(kostra_dir):
    report = _run(kostra_dir, "Testfil_11_ADVARSEL_2020_15F_for_3401.xml")
    warnings = {f["rule"] for f in report.findings if f["severity"] == "WARNING"}
    errors = {(f["rule"], f["record"]) for f in report.findings if f["severity"] == "ERROR"}
    assert {"Melding03", "Undersokelse08", "Tiltak05", "Tiltak06", "Tiltak09", "Individ11"} <= warnings
    # Tiltak24 is from 2023; the program (unlike the spec) does not accept the 55555 suffix (Individ03).
    assert {rule for rule, _ in errors} == {"Tiltak24", "Individ03"}
    assert {record for rule, record in errors if rule == "Individ03"} == {"Individ K 11"}


def test_the_ok_file_passes_without_findings(kostra_dir):
    report = _run(kostra_dir, "Testfil_21_OK_2020_15F_for_3401.xml")
    assert report.exit_code == 0 and report.valid_xml
    assert report.findings == []


def test_out2_takes_year_and_municipality_from_the_file(kostra_dir):
    report = validate_file(kostra_dir / "testfiler" / "out2.xml")
    assert (report.year, report.municipality) == (2021, "0301")
    assert "Avgiver02" not in _rules(report) and "Avgiver04" not in _rules(report)


def test_a_nonsense_year_in_the_file_falls_back_to_last_year_when_none_is_given(kostra_dir):
    report = validate_file(kostra_dir / "testfiler" / "Testfil_02_FEIL_2020_15F_for_3401_feil_i_avgiver.xml")
    assert report.exit_code == 1
    assert report.year is not None
    assert 1998 <= report.year <= 2049
