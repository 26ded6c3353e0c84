"""Users read names and plain words, in their language: no indicator codes as names, and the
texts the system seeded itself (Bufdir's rule names, factor labels) in nynorsk and English."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from fagloft.assessments.models import SignalRule
from fagloft.assessments.risk_signals import compute_signals
from fagloft.assessments.tests.factories import add_values, make_rule
from fagloft.organizations.tests.factories import login
from fagloft.statistics.models import Indicator

Kind = SignalRule.Kind


def test_a_rule_without_figures_names_the_indicator_not_its_code(tree):
    add_values("deadline_breach", {2010: 1}, municipality=tree.municipality_c)  # creates the indicator elsewhere
    Indicator.objects.filter(code="deadline_breach").update(name_nb="Fristbrudd i undersøkelser")
    make_rule(Kind.THRESHOLD, "deadline_breach", {"op": ">", "value": 1})
    [signal] = compute_signals(tree.service_ab, 2024)
    assert "Fristbrudd i undersøkelser" in signal.message and "deadline_breach" not in signal.message
    make_rule(Kind.THRESHOLD, "kostra-finnes-ikke", {"op": ">", "value": 1})
    messages = [s.message for s in compute_signals(tree.service_ab, 2024)]
    assert not any("kostra-finnes-ikke" in m for m in messages)


def test_the_rule_list_shows_the_indicator_name_and_the_code_only_labelled(client, tree):
    add_values("deadline_breach", {2024: 1}, municipality=tree.municipality_a)
    Indicator.objects.filter(code="deadline_breach").update(name_nb="Fristbrudd i undersøkelser")
    make_rule(Kind.THRESHOLD, "deadline_breach", {"op": ">", "value": 1}, name="Mange fristbrudd")
    login(client, tree.users["admin"])
    page = client.get("/vurderinger/signalregler/").content.decode()
    assert "Fristbrudd i undersøkelser" in page
    before = page[: page.index("deadline_breach")]
    assert before.rfind("<details>") > before.rfind("</details>") and "Kode" in before[-60:]


@pytest.mark.parametrize(
    "language,expected",
    [
        ("en", "Investigations concluded within the deadline"),
        ("nn", "Undersøkingar avslutta innan fristen"),
        ("nb", "Undersøkelser avsluttet innen fristen"),
    ],
)
def test_seeded_rule_names_are_shown_in_the_users_language(language, expected):
    template = Template("{% load assessments_text %}{{ name|system_text }}")
    with translation.override(language):
        assert template.render(Context({"name": "Undersøkelser avsluttet innen fristen"})) == expected
        # A name someone typed by hand is shown as written.
        assert template.render(Context({"name": "Vår egen regel"})) == "Vår egen regel"


def test_vulnerability_factor_labels_are_translated(tree):
    for code, value in (("competence-fte", 4), ("competence-vacancies", 2)):
        add_values(code, {2024: value}, service=tree.service_ab)
    make_rule(
        Kind.VULNERABILITY,
        "",
        {
            "min_factors": 2,
            "factors": [
                {"indicator": "competence-fte", "op": "<", "value": 6, "label": "Få årsverk"},
                {"indicator": "competence-vacancies", "op": ">", "value": 0, "label": "Ledige stillinger"},
            ],
        },
    )
    with translation.override("en"):
        [signal] = compute_signals(tree.service_ab, 2024)
    assert signal.fired and "Few FTE" in signal.message
    assert "Få årsverk" not in signal.message and "Ledige stillinger" not in signal.message
