"""The cost risk reaches the assessment: Bufdir's national rule on the published P99 of the budget (as
the demo sets it up) gives the «economy» theme a signal when a bad year costs more than the budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fagloft.assessments.risk_signals import compute_signals, rules_for
from fagloft.economy.demo import SIGNAL_RULE, signal_rule
from fagloft.organizations.tests.factories import build_tree
from fagloft.statistics.publishing import NewValue, record_values

pytestmark = pytest.mark.django_db
NAME = SIGNAL_RULE


def _publish(municipality, value):
    record_values(
        None,
        [NewValue("economy-p99-of-budget", 2025, Decimal(value), municipality_id=municipality.pk)],
        "computed",
        "test",
    )


@pytest.mark.parametrize(("value", "fired"), [("130", True), ("100", False), ("80", False)])
def test_the_national_rule_fires_only_above_the_budget(value, fired):
    tree = build_tree()
    signal_rule(tree.users["national"])
    rule = next(r for r in rules_for(tree.service_ab) if r.name == NAME)
    assert rule.theme is not None and rule.theme.code == "economy"
    _publish(tree.municipality_a, value)
    signal = next(s for s in compute_signals(tree.service_ab, 2025, [rule]))
    assert bool(signal.fired) is fired
