from __future__ import annotations

import pytest
import time_machine

from fagloft.statistics.attention import items_for
from fagloft.statistics.tests.factories import indicator, make_value


@time_machine.travel("2025-03-01")
def test_a_service_leader_is_reminded_to_register_last_years_own_figures(tree):
    (item,) = items_for(tree.users["leader_ab"])
    assert "2024" in str(item.title) and f"/statistikk/tjenester/{tree.service_ab.pk}/registrer/" == item.url


@time_machine.travel("2025-03-01")
def test_the_reminder_goes_away_when_the_figures_are_registered(tree):
    make_value(indicator("egen-klager"), 2024, 3, service=tree.service_ab, source="manual")
    assert items_for(tree.users["leader_ab"]) == []


@pytest.mark.parametrize("user", ["admin", "national", "advisor_x", "employee_ab", "municipal_leader_a"])
def test_other_roles_get_no_reminder(tree, user):
    assert items_for(tree.users[user]) == []
