"""The demo builds Alta's cost model and one run, and is safe to run twice."""

from __future__ import annotations

import pytest

from fagloft.economy import demo as economy_demo
from fagloft.economy.models import CostModel, SimulationRun
from fagloft.organizations import demo as organizations_demo


@pytest.mark.django_db
def test_the_demo_builds_a_cost_model_and_a_run_once():
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    for _ in range(2):
        economy_demo.build(ctx)
    model = CostModel.objects.get(is_demo=True)
    assert model.budget and model.ordinary_foster_monthly_cost == economy_demo.DEMO_FOSTER_MONTHLY_COST
    run = SimulationRun.objects.get(is_demo=True)
    assert run.status == SimulationRun.Status.DONE and run.results["p99"] > run.results["mean"] > 0
    assert run.inputs["simulation"]["budget"] == float(model.budget)
