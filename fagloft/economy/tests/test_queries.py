"""The interface other apps read: a cost model from statistics or entered values, risk alone and pooled."""

from __future__ import annotations

import pytest

from fagloft.economy import queries
from fagloft.economy.models import InputSource, MeasureKind
from fagloft.organizations.tests.factories import build_tree

pytestmark = pytest.mark.django_db


def test_without_own_figures_the_model_uses_national_rates_scaled_to_the_children():
    tree = build_tree()
    model = queries.cost_model(tree.municipality_a, 2026)
    assert model.children == 2000 and model.children_year == 2021
    institution = next(line for line in model.lines if line.kind == MeasureKind.INSTITUTION)
    assert institution.new_source == InputSource.NATIONAL
    assert institution.new_per_year == pytest.approx(0.31 * 2)
    assert "per 1 000 barn" in institution.new_detail
    # 2026 has only an unconfirmed institution rate; the other kinds borrow 2022's, also unconfirmed.
    assert institution.monthly_rate == 197_225 and not institution.rate_confirmed
    mst = next(line for line in model.lines if line.kind == MeasureKind.MST_FFT)
    assert mst.rate is not None
    assert mst.monthly_rate == 15_000 and mst.rate.rate_year == 2022 and not mst.rate_confirmed
    assert queries.cost_model(tree.municipality_a, 2022).lines[0].rate_confirmed


def test_standalone_and_pooled_risk_have_the_promised_fields():
    tree = build_tree()
    risk = queries.standalone_risk(tree.municipality_a, 2026, runs=4000, seed=3)
    assert 0 < risk.p50 <= risk.p90 <= risk.p99 <= risk.es99
    assert risk.mean == pytest.approx(risk.expected_cost, rel=0.05)
    assert all(isinstance(getattr(risk, f), float) for f in ("mean", "p50", "p90", "p99", "es99", "expected_cost"))
    pool = queries.pooled_risk([tree.municipality_a, tree.municipality_b], 2026, key="children", runs=4000, seed=3)
    assert set(pool.members) == {tree.municipality_a.pk, tree.municipality_b.pk}
    member = pool.members[tree.municipality_a.pk]
    assert member.pooled_share.p99 < member.standalone.p99
    assert pool.total.es99 <= sum(m.standalone.es99 for m in pool.members.values()) + 1e-6
    # Same seed, same numbers.
    assert queries.standalone_risk(tree.municipality_a, 2026, runs=4000, seed=3) == risk
