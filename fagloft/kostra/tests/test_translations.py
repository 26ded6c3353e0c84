"""Control names and messages are SSB's bokmål, translated into nynorsk and English when a report
is read (page and CLI), and translated once per report rather than once per finding."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from fagloft.kostra.tests import builders as b
from fagloft.kostra.tests.factories import make_run
from fagloft.kostra.tests.test_rules import CASES
from fagloft.kostra.validation import rules
from fagloft.kostra.validation.engine import validate_file
from fagloft.kostra.validation.rules import AVGIVER_RULES, DESCRIPTION, FILE_RULES, INDIVID_RULES, localize
from fagloft.organizations.tests.factories import build_tree, login

LOCALE = Path(__file__).resolve().parents[1] / "locale"
VALIDATION = Path(rules.__file__).resolve().parent
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def _source_texts() -> set[str]:
    """Every string the validation modules mark for translation (gettext_noop and gettext_lazy as _)."""
    texts = set()
    for module in ("rules.py", "engine.py"):
        tree = ast.parse((VALIDATION / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("gettext_noop", "_", "gettext")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                texts.add(node.args[0].value)
    return texts


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_text_of_the_validation_rules_has_a_real_translation(language):
    texts = _source_texts()
    assert len(texts) > len(DESCRIPTION) + 80  # the names and every message template
    catalogue = {e.msgid: e for e in _catalogue(language)}
    for text in texts:
        entry = catalogue.get(text)
        assert entry is not None and entry.msgstr and "fuzzy" not in entry.flags, text
        assert sorted(PLACEHOLDER.findall(entry.msgstr)) == sorted(PLACEHOLDER.findall(text)), text


def test_rule_ids_stay_and_names_are_english_in_english_and_bokmal_in_bokmal():
    rule_ids = [r.id for r in AVGIVER_RULES + INDIVID_RULES] + [rule for rule, _, _ in FILE_RULES]
    assert sorted(DESCRIPTION) == sorted(rule_ids)
    with translation.override("nb"):
        bokmal = {rule: str(name) for rule, name in DESCRIPTION.items()}
    assert bokmal["Melding03"] == "Behandlingstid for melding over fristen"  # SSB's wording unchanged
    with translation.override("en"):
        english = {rule: str(name) for rule, name in DESCRIPTION.items()}
    assert all(english[rule] != bokmal[rule] for rule in rule_ids)
    assert english["Melding03"] == "Referral processing time over the deadline"
    with translation.override("nn"):
        assert str(DESCRIPTION["Undersokelse08"]) == "Undersøkinga har pågått meir enn 6 månader"


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_s_message_is_translated_when_the_report_is_read(tmp_path, kostra_dir, rule):
    breaking, _ = CASES[rule]
    path = b.write(tmp_path, *breaking.individer(), **breaking.doc)
    findings = [f for f in validate_file(path, **breaking.options).findings if f["rule"] == rule]
    assert findings
    with translation.override("nb"):
        assert [f["message"] for f in localize(findings)] == [f["message"] for f in findings]
    with translation.override("en"):
        english = localize(findings)
    for finding, translated in zip(findings, english, strict=True):
        assert translated["message"] != finding["message"], finding["message"]
        assert translated["rule"] == rule and translated["record"] == finding["record"]


def test_a_translation_may_reorder_the_placeholders(tmp_path, kostra_dir):
    path = b.write(tmp_path, b.individ(b.melding(StartDato=f"{b.YEAR}-02-05", SluttDato=f"{b.YEAR}-02-01")))
    finding = next(f for f in validate_file(path).findings if f["rule"] == "Melding02a")
    assert finding["message"] == f"Melding (M1). Startdato ({b.YEAR}-02-05) er etter sluttdato ({b.YEAR}-02-01)."
    with translation.override("nn"):
        assert localize([finding])[0]["message"] == (
            f"Melding (M1). Startdatoen ({b.YEAR}-02-05) er etter sluttdatoen ({b.YEAR}-02-01)."
        )
    with translation.override("en"):
        assert localize([finding])[0]["message"] == (
            f"Referral (M1). The start date ({b.YEAR}-02-05) is after the end date ({b.YEAR}-02-01)."
        )


def test_templates_are_translated_once_per_report_not_once_per_finding(tmp_path, kostra_dir, monkeypatch):
    path = b.write(tmp_path, *(b.individ(b.flytting(), Journalnummer=f"J-{n}") for n in range(20)))
    findings = validate_file(path).findings
    assert len([f for f in findings if f["rule"] == "Individ06"]) == 20
    calls: list[str] = []
    original = rules.gettext

    def counting(text: str) -> str:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(rules, "gettext", counting)
    with translation.override("en"):
        localize(findings)
    assert len(calls) == len({f["template"] for f in findings})


def test_validating_translates_nothing(tmp_path, kostra_dir, monkeypatch):
    # The hot loop only formats bokmål; translation happens when the report is read.
    from fagloft.kostra.validation import engine

    monkeypatch.setattr(rules, "gettext", lambda text: pytest.fail("translated while validating"))
    monkeypatch.setattr(engine, "gettext", lambda text: pytest.fail("translated while validating"))
    path = b.write(tmp_path, *(b.individ(b.flytting()) for _ in range(5)))
    assert len(validate_file(path).findings) == 5


def test_old_findings_without_a_template_keep_their_bokmal_message():
    old = {"rule": "Individ06", "severity": "ERROR", "record": "J-1", "message": "Individet har ingen meldinger."}
    with translation.override("en"):
        assert localize([old]) == [old]


def _cli(*args: str, capsys) -> dict:
    with pytest.raises(SystemExit):
        call_command("kostra_validate", *args, "--no-progress", "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_the_cli_json_follows_the_language_option_and_the_active_language(tmp_path, kostra_dir, capsys):
    path = str(b.write(tmp_path, b.individ(b.flytting(), Journalnummer="J-språk")))
    bokmal = _cli(path, capsys=capsys)
    assert bokmal["findings"][0]["message"] == "Individet har ingen meldinger, planer eller tiltak i løpet av året."
    assert bokmal["summary"]["by_rule"]["Individ06"]["name"] == "Individet har ingen meldinger, planer eller tiltak"
    english = _cli(path, "--language", "en", capsys=capsys)
    assert english["findings"][0] == {
        "rule": "Individ06",
        "severity": "ERROR",
        "record": "J-språk",
        "message": "The individual has no referrals, plans or measures during the year.",
    }
    assert english["summary"]["by_rule"]["Individ06"]["name"] == "The individual has no referrals, plans or measures"
    with translation.override("nn"):
        nynorsk = _cli(path, capsys=capsys)
    assert nynorsk["findings"][0]["message"] == "Individet har ingen meldingar, planar eller tiltak i løpet av året."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "name", "message"),
    [
        (
            "nb",
            "Individet har ingen meldinger, planer eller tiltak",
            "Individet har ingen meldinger, planer eller tiltak i løpet av året.",
        ),
        (
            "nn",
            "Individet har ingen meldingar, planar eller tiltak",
            "Individet har ingen meldingar, planar eller tiltak i løpet av året.",
        ),
        (
            "en",
            "The individual has no referrals, plans or measures",
            "The individual has no referrals, plans or measures during the year.",
        ),
    ],
)
def test_the_report_page_shows_names_and_messages_in_the_reader_s_language(
    client, tmp_path, kostra_dir, language, name, message
):
    tree = build_tree()
    report = validate_file(b.write(tmp_path, b.individ(b.flytting(), Journalnummer="J-side")))
    run = make_run(tree.service_ab, tree.users["leader_ab"], findings=report.findings, summary=report.summary)
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = language
    html = client.get(reverse("kostra:run", args=[run.pk])).content.decode()
    assert f"Individ06: {name}" in html
    assert message in html
    assert f"Individ06 – {name}" in html  # the filter's choices too


def test_the_cli_text_format_follows_the_language_option(tmp_path, kostra_dir, capsys):
    path = str(b.write(tmp_path, b.individ(b.flytting(), Journalnummer="J-tekst")))
    with pytest.raises(SystemExit):
        call_command("kostra_validate", path, "--no-progress", "--language", "en")
    out = capsys.readouterr().out
    assert "Key figures from the file:" in out and "Errors: 1" in out
    assert "The individual has no referrals, plans or measures during the year." in out
