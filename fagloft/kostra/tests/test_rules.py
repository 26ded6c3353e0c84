"""One test per SSB control rule: a record that breaks it gets the finding, a clean one does not."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from fagloft.kostra.tests import builders as b
from fagloft.kostra.validation.engine import validate_file
from fagloft.kostra.validation.rules import AVGIVER_RULES, FILE_RULES, INDIVID_RULES, SEVERITY

Y = b.YEAR


@dataclass
class Case:
    individer: Callable[[], tuple[Any, ...]] = lambda: (b.individ(),)
    doc: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)


def _same_fnr() -> tuple[Any, ...]:
    number = b.fnr(datetime.date(2012, 3, 4), seed=7)
    return b.individ(Fodselsnummer=number), b.individ(Fodselsnummer=number)


def _same_journal() -> tuple[Any, ...]:
    return b.individ(Journalnummer="J-felles"), b.individ(Journalnummer="J-felles")


def _placements(second_start: str) -> tuple[Any, ...]:
    return (
        b.individ(
            b.tiltak(Id="T1", kode="2.2", StartDato=f"{Y}-01-15"), b.tiltak(Id="T2", kode="1.1", StartDato=second_start)
        ),
    )


CASES: dict[str, tuple[Case, Case]] = {
    # rule: (breaking, clean)
    "Avgiver00": (Case(doc={"avgivere": [{}, {}]}), Case()),
    "Avgiver01": (Case(doc={"Versjon": "0001"}), Case()),
    "Avgiver02": (Case(options={"year": Y - 1}), Case(options={"year": Y})),
    "Avgiver03": (
        Case(doc={"Organisasjonsnummer": " "}, options={"use_schema": False}),
        Case(options={"use_schema": False}),
    ),
    "Avgiver04": (Case(options={"municipality": "0301"}), Case(options={"municipality": "3401"})),
    "Avgiver06": (Case(doc={"Kommunenavn": "  "}), Case()),
    "Individ00": (Case(individer=lambda: ()), Case()),
    "Individ01": (Case(individer=lambda: (b.individ(Saksbehandler=None),)), Case()),
    "Individ01a": (
        Case(individer=lambda: (b.individ(b.plan(EvaluertDato="2050-01-01")),)),
        Case(individer=lambda: (b.individ(b.plan(EvaluertDato=f"{Y}-06-01")),)),
    ),
    "Individ02a": (Case(individer=lambda: (b.individ(StartDato=f"{Y}-05-01", SluttDato=f"{Y}-04-01"),)), Case()),
    "Individ02b": (
        Case(individer=lambda: (b.individ(StartDato=f"{Y - 3}-01-01", SluttDato=f"{Y - 1}-12-30"),)),
        Case(individer=lambda: (b.individ(StartDato=f"{Y - 3}-01-01", SluttDato=f"{Y - 1}-12-31"),)),
    ),
    "Individ02d": (
        Case(individer=lambda: (b.individ(Avslutta3112="1"),)),
        Case(individer=lambda: (b.individ(Avslutta3112="1", SluttDato=f"{Y}-06-01"),)),
    ),
    "Individ03": (
        Case(individer=lambda: (b.individ(Fodselsnummer="12345678901"),)),
        Case(individer=lambda: (b.individ(Fodselsnummer="17051500100"),)),
    ),
    "Individ04": (Case(individer=_same_fnr), Case(individer=lambda: (b.individ(), b.individ()))),
    "Individ05": (Case(individer=_same_journal), Case(individer=lambda: (b.individ(), b.individ()))),
    "Individ06": (Case(individer=lambda: (b.individ(b.flytting()),)), Case()),
    "Individ07": (
        Case(individer=lambda: (b.individ(b.tiltak(), born=datetime.date(Y - 26, 2, 1)),)),
        Case(individer=lambda: (b.individ(b.tiltak(), born=datetime.date(Y - 25, 2, 1)),)),
    ),
    "Individ08": (
        Case(individer=lambda: (b.individ(born=datetime.date(Y - 19, 2, 1)),)),
        Case(individer=lambda: (b.individ(b.tiltak(), born=datetime.date(Y - 19, 2, 1)),)),
    ),
    "Individ09": (
        Case(individer=lambda: (b.individ(Bydelsnavn="Gamle Oslo"),), options={"municipality": "030101"}),
        Case(
            individer=lambda: (b.individ(Bydelsnummer="01", Bydelsnavn="Gamle Oslo"),),
            options={"municipality": "030101"},
        ),
    ),
    "Individ10": (
        Case(individer=lambda: (b.individ(Bydelsnummer="01"),), options={"municipality": "030101"}),
        Case(
            individer=lambda: (b.individ(Bydelsnummer="01", Bydelsnavn="Gamle Oslo"),),
            options={"municipality": "030101"},
        ),
    ),
    "Individ11": (Case(individer=lambda: (b.individ(Fodselsnummer="17051500100"),)), Case()),
    "Individ12": (Case(individer=lambda: (b.individ(Fodselsnummer=None, DUFnummer=b.duf()),)), Case()),
    "Individ19": (
        Case(individer=lambda: (b.individ(DUFnummer=b.duf(valid=False)),)),
        Case(individer=lambda: (b.individ(DUFnummer=b.duf()),)),
    ),
    "Melding02a": (
        Case(individer=lambda: (b.individ(b.melding(StartDato=f"{Y}-02-05", SluttDato=f"{Y}-02-04")),)),
        Case(),
    ),
    "Melding02c": (
        Case(
            individer=lambda: (
                b.individ(b.melding(Konklusjon="3", SluttDato=f"{Y}-02-05"), Avslutta3112="1", SluttDato=f"{Y}-02-04"),
            )
        ),
        Case(
            individer=lambda: (
                b.individ(b.melding(Konklusjon="1", SluttDato=f"{Y}-02-05"), Avslutta3112="1", SluttDato=f"{Y}-02-04"),
            )
        ),
    ),
    "Melding02d": (
        Case(
            individer=lambda: (
                b.individ(b.melding(SluttDato=None, Konklusjon=None), Avslutta3112="1", SluttDato=f"{Y}-06-01"),
            )
        ),
        Case(individer=lambda: (b.individ(Avslutta3112="1", SluttDato=f"{Y}-06-01"),)),
    ),
    "Melding02e": (Case(individer=lambda: (b.individ(b.melding(StartDato=f"{Y}-01-09")),)), Case()),
    "Melding03": (
        Case(individer=lambda: (b.individ(b.melding(SluttDato=f"{Y}-02-10")),)),
        Case(individer=lambda: (b.individ(b.melding(SluttDato=f"{Y}-02-09")),)),
    ),
    "Melding04": (Case(individer=lambda: (b.individ(b.melding(b.saksinnhold(), default_children=False)),)), Case()),
    "Melding05": (Case(individer=lambda: (b.individ(b.melding(b.melder(), default_children=False)),)), Case()),
    "Melder02": (
        Case(individer=lambda: (b.individ(b.melding(b.melder("22"))),)),
        Case(individer=lambda: (b.individ(b.melding(b.melder("22", "Familievernkontoret"))),)),
    ),
    "Saksinnhold02": (
        Case(individer=lambda: (b.individ(b.melding(b.saksinnhold("19"))),)),
        Case(individer=lambda: (b.individ(b.melding(b.saksinnhold("19", "Annet"))),)),
    ),
    "Undersokelse02a": (
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(SluttDato=f"{Y}-02-04"))),)),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse())),)),
    ),
    "Undersokelse02b": (
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(SluttDato=f"{Y + 1}-01-04"))),)),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse())),)),
    ),
    "Undersokelse02c": (
        Case(
            individer=lambda: (
                b.individ(b.melding(b.undersokelse(SluttDato=f"{Y}-03-20")), Avslutta3112="1", SluttDato=f"{Y}-03-19"),
            )
        ),
        Case(
            individer=lambda: (
                b.individ(b.melding(b.undersokelse(SluttDato=f"{Y}-03-19")), Avslutta3112="1", SluttDato=f"{Y}-03-19"),
            )
        ),
    ),
    "Undersokelse02d": (
        Case(
            individer=lambda: (
                b.individ(
                    b.melding(b.undersokelse(SluttDato=None, Konklusjon=None)), Avslutta3112="1", SluttDato=f"{Y}-06-01"
                ),
            )
        ),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse()), Avslutta3112="1", SluttDato=f"{Y}-06-01"),)),
    ),
    "Undersokelse02e": (
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(StartDato=f"{Y}-01-05"))),)),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse())),)),
    ),
    "Undersokelse03": (
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(Konklusjon="5"))),)),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(Konklusjon="5", text="Flyttet"))),)),
    ),
    "Undersokelse04": (
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(Konklusjon=None))),)),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(Konklusjon="3"))),)),
    ),
    "Undersokelse07": (
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(b.presisering(), Konklusjon="2"))),)),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(Konklusjon="2"))),)),
    ),
    "Undersokelse08": (
        Case(
            individer=lambda: (
                b.individ(b.melding(b.undersokelse(SluttDato=None, Konklusjon=None, StartDato=f"{Y}-06-29"))),
            )
        ),
        Case(
            individer=lambda: (
                b.individ(b.melding(b.undersokelse(SluttDato=None, Konklusjon=None, StartDato=f"{Y}-06-30"))),
            )
        ),
    ),
    "Vedtak02": (
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(b.vedtaksgrunnlag("18")))),)),
        Case(individer=lambda: (b.individ(b.melding(b.undersokelse(b.vedtaksgrunnlag("18", "Annet")))),)),
    ),
    "Plan02a": (
        Case(individer=lambda: (b.individ(b.plan(SluttDato=f"{Y}-02-28")),)),
        Case(individer=lambda: (b.individ(b.plan(SluttDato=f"{Y}-03-01")),)),
    ),
    "Plan02c": (
        Case(individer=lambda: (b.individ(b.plan(SluttDato=f"{Y}-05-02"), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)),
        Case(individer=lambda: (b.individ(b.plan(SluttDato=f"{Y}-05-01"), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)),
    ),
    "Plan02d": (
        Case(individer=lambda: (b.individ(b.plan(), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)),
        Case(individer=lambda: (b.individ(b.plan(SluttDato=f"{Y}-04-01"), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)),
    ),
    "Plan02e": (
        Case(individer=lambda: (b.individ(b.plan(StartDato=f"{Y}-01-09")),)),
        Case(individer=lambda: (b.individ(b.plan(StartDato=f"{Y}-01-10")),)),
    ),
    "Tiltak02a": (
        Case(individer=lambda: (b.individ(b.tiltak(SluttDato=f"{Y}-02-28")),)),
        Case(individer=lambda: (b.individ(b.tiltak(SluttDato=f"{Y}-03-01")),)),
    ),
    "Tiltak02b": (
        Case(individer=lambda: (b.individ(b.tiltak(SluttDato=f"{Y + 1}-01-01")),)),
        Case(individer=lambda: (b.individ(b.tiltak(SluttDato=f"{Y}-12-31")),)),
    ),
    "Tiltak02c": (
        Case(
            individer=lambda: (b.individ(b.tiltak(SluttDato=f"{Y}-05-02"), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)
        ),
        Case(
            individer=lambda: (b.individ(b.tiltak(SluttDato=f"{Y}-05-01"), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)
        ),
    ),
    "Tiltak02d": (
        Case(individer=lambda: (b.individ(b.tiltak(), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)),
        Case(
            individer=lambda: (b.individ(b.tiltak(SluttDato=f"{Y}-04-01"), Avslutta3112="1", SluttDato=f"{Y}-05-01"),)
        ),
    ),
    "Tiltak02e": (
        Case(individer=lambda: (b.individ(b.tiltak(StartDato=f"{Y}-01-09")),)),
        Case(individer=lambda: (b.individ(b.tiltak(StartDato=f"{Y}-01-10")),)),
    ),
    "Tiltak04": (
        Case(
            individer=lambda: (
                b.individ(
                    b.tiltak(
                        kode="2.2",
                        SluttDato=f"{Y}-08-01",
                        lov={"Kapittel": "5", "Paragraf": "1", "Bokstav": "a"},
                        jmfr=[],
                    )
                ),
            )
        ),
        Case(
            individer=lambda: (
                b.individ(
                    b.tiltak(
                        b.opphevelse("1"),
                        kode="2.2",
                        SluttDato=f"{Y}-08-01",
                        lov={"Kapittel": "5", "Paragraf": "1", "Bokstav": "a"},
                        jmfr=[],
                    )
                ),
            )
        ),
    ),
    "Tiltak05": (
        Case(individer=lambda: (b.individ(b.tiltak(kode="4.1"), born=datetime.date(Y - 7, 1, 1)),)),
        Case(individer=lambda: (b.individ(b.tiltak(kode="4.1"), born=datetime.date(Y - 6, 1, 1)),)),
    ),
    "Tiltak06": (
        Case(individer=lambda: (b.individ(b.tiltak(kode="4.2"), born=datetime.date(Y - 11, 1, 1)),)),
        Case(individer=lambda: (b.individ(b.tiltak(kode="4.2"), born=datetime.date(Y - 10, 1, 1)),)),
    ),
    "Tiltak07": (
        Case(individer=lambda: (b.individ(b.tiltak(kode="3.99")),)),
        Case(individer=lambda: (b.individ(b.tiltak(kode="3.99", text="Annet hjelpetiltak")),)),
    ),
    "Tiltak08": (
        Case(individer=lambda: (b.individ(b.tiltak(b.opphevelse("4"), SluttDato=f"{Y}-06-01")),)),
        Case(individer=lambda: (b.individ(b.tiltak(b.opphevelse("4", "Annen grunn"), SluttDato=f"{Y}-06-01")),)),
    ),
    "Tiltak09": (Case(individer=lambda: _placements(f"{Y}-02-01")), Case(individer=lambda: _placements(f"{Y}-10-15"))),
    "Tiltak24": (Case(individer=lambda: (b.individ(b.tiltak(jmfr=[])),)), Case()),
    "Lovhjemmel03": (
        Case(
            individer=lambda: (
                b.individ(
                    b.tiltak(
                        lov={"Lov": "BVL", "Kapittel": "4", "Paragraf": "12"}, jmfr=[], StartDato=f"{Y - 2}-03-01"
                    ),
                    StartDato=f"{Y - 2}-01-01",
                    born=datetime.date(Y - 20, 1, 1),
                ),
            )
        ),
        Case(individer=lambda: (b.individ(b.tiltak(), born=datetime.date(Y - 20, 1, 1)),)),
    ),
    "Lovhjemmel04": (Case(individer=lambda: (b.individ(b.tiltak(lov={"Kapittel": "0"})),)), Case()),
    "Flytting02c": (
        Case(
            individer=lambda: (
                b.individ(
                    b.tiltak(SluttDato=f"{Y}-05-01"),
                    b.flytting(SluttDato=f"{Y}-05-02"),
                    Avslutta3112="1",
                    SluttDato=f"{Y}-05-01",
                ),
            )
        ),
        Case(
            individer=lambda: (
                b.individ(
                    b.tiltak(SluttDato=f"{Y}-05-01"),
                    b.flytting(SluttDato=f"{Y}-05-01"),
                    Avslutta3112="1",
                    SluttDato=f"{Y}-05-01",
                ),
            )
        ),
    ),
    "Flytting02f": (
        Case(individer=lambda: (b.individ(b.tiltak(), b.flytting(SluttDato=f"{Y}-01-09")),)),
        Case(individer=lambda: (b.individ(b.tiltak(), b.flytting(SluttDato=f"{Y}-01-10")),)),
    ),
}


def _rules(tmp_path: Any, case: Case, name: str) -> list[str]:
    path = b.write(tmp_path, *case.individer(), name=name, **case.doc)
    report = validate_file(path, **case.options)
    return [f["rule"] for f in report.findings]


def test_every_rule_of_ssb_s_program_has_a_case_here():
    implemented = {r.id for r in AVGIVER_RULES + INDIVID_RULES} | {rule for rule, _, _ in FILE_RULES}
    assert implemented == set(CASES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_flags_the_breaking_record_and_passes_the_clean_one(tmp_path, kostra_dir, rule):
    breaking, clean = CASES[rule]
    assert rule in _rules(tmp_path, breaking, "feil.xml"), f"{rule} did not fire"
    assert rule not in _rules(tmp_path, clean, "ok.xml"), f"{rule} fired on a clean record"


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_finding_carries_the_severity_of_ssb_s_program(tmp_path, kostra_dir, rule):
    breaking, _ = CASES[rule]
    path = b.write(tmp_path, *breaking.individer(), **breaking.doc)
    severities = {f["severity"] for f in validate_file(path, **breaking.options).findings if f["rule"] == rule}
    assert severities == {SEVERITY[rule]}


def test_the_default_builder_document_has_no_findings(tmp_path, kostra_dir):
    path = b.write(tmp_path, b.individ(), b.individ(b.melding(), b.plan(), b.tiltak(), b.flytting()))
    report = validate_file(path)
    assert report.findings == []
    assert report.exit_code == 0


def test_duplicate_referral_ids_within_a_client_fail_the_schema_as_individ01(tmp_path, kostra_dir):
    path = b.write(tmp_path, b.individ(b.melding(Id="M1"), b.melding(Id="M1")))
    rules = [f["rule"] for f in validate_file(path).findings]
    assert rules.count("Individ01") == 1


def test_unknown_attributes_are_dropped_like_ssb_s_program_does(tmp_path, kostra_dir):
    # Testfil_06 writes "Dufnummer": the program drops it, so the client has no identity at all.
    path = b.write(tmp_path, b.individ(Fodselsnummer=None, Dufnummer=b.duf()))
    rules = {f["rule"] for f in validate_file(path).findings}
    assert "Individ01" not in rules and "Individ03" in rules


def test_findings_point_at_the_journal_number_and_never_at_the_identity_number(tmp_path, kostra_dir):
    number = b.fnr(datetime.date(2012, 3, 4), seed=3)
    path = b.write(
        tmp_path,
        b.individ(Fodselsnummer=number, Journalnummer="2024/17"),
        b.individ(Fodselsnummer=number, Journalnummer="2024/18"),
    )
    report = validate_file(path)
    assert {f["record"] for f in report.findings if f["rule"] == "Individ04"} == {"2024/17", "2024/18"}
    assert number not in str(report.as_json())


def test_tiltak09_reports_each_overlapping_measure_once(tmp_path, kostra_dir):
    path = b.write(
        tmp_path,
        b.individ(
            b.tiltak(Id="T1", kode="1.1", StartDato=f"{Y}-01-15"),
            b.tiltak(Id="T2", kode="2.2", StartDato=f"{Y}-02-01"),
            b.tiltak(Id="T3", kode="8.2", StartDato=f"{Y}-03-01"),
        ),
    )
    messages = [f["message"] for f in validate_file(path).findings if f["rule"] == "Tiltak09"]
    assert [m.split(".")[0] for m in messages] == ["Tiltak (T2)", "Tiltak (T3)"]
