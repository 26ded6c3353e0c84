"""Demo data: Alta's cost model (from statistics and the national rates, with a budget and its own
foster-home cost entered) and one stored simulation run. The co-payment rates, the responsibility
matrix and the scenario presets are reference data from the migration, so they are there already."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fagloft.economy import queries, services
from fagloft.economy.models import CostModel, SimulationRun

# An assumed monthly cost of one ordinary foster home (fee, expenses, follow-up), for the demo only.
DEMO_FOSTER_MONTHLY_COST = 32_000
# After statistics, so KOSTRA counts of children in institutions and foster homes are there to read.
DEPENDS_ON = ["organizations", "statistics"]


def _home_municipality(ctx: Any) -> Any:
    service = ctx.services[0]
    coverage = service.coverages.select_related("municipality").order_by("municipality__number").first()
    return coverage.municipality if coverage else ctx.municipalities[0]


SIGNAL_RULE = "Kostnaden i et dårlig år er over budsjettet"


def signal_rule(actor: Any) -> None:
    """Bufdir's national rule on the cost risk: a bad year (P99) above the budget gives the
    assessment's «economy» theme a signal. Data like any rule: Bufdir may change or switch it off."""
    from fagloft.assessments import services as assessment_services
    from fagloft.assessments.models import SignalRule, Theme

    if SignalRule.objects.filter(name=SIGNAL_RULE, county__isnull=True).exists():
        return
    assessment_services.create_national_rule(
        actor,
        name=SIGNAL_RULE,
        kind="threshold",
        indicator_code="economy-p99-of-budget",
        parameters={"op": ">", "value": 100},
        severity="warning",
        theme=Theme.objects.filter(code="economy").first(),
    )


def build(ctx: Any) -> None:
    signal_rule(ctx.users.get("bufdir"))
    municipality = _home_municipality(ctx)
    year = ctx.year
    if CostModel.objects.filter(municipality=municipality, year=year).exists():
        return
    model = services.create_cost_model(None, municipality, year=year, is_demo=True)
    expected = queries.cost_model(municipality, year)
    services.update_cost_model(
        None,
        model,
        version=model.version,
        ordinary_foster_monthly_cost=DEMO_FOSTER_MONTHLY_COST,
        note="Demo: fosterhjemskostnaden og budsjettet er anslag.",
    )
    with_foster = queries.cost_model(municipality, year).expected_cost
    budget = Decimal(round(with_foster * 1.1, -4))  # a budget ten per cent above the expected cost
    model.refresh_from_db()
    services.update_cost_model(None, model, version=model.version, budget=budget)
    run = services.start_simulation(None, municipality, year=year, runs=20_000, seed=1, is_demo=True)
    run.refresh_from_db()
    ctx.extra["economy_run"] = run.pk
    status = "ferdig" if run.status == SimulationRun.Status.DONE else run.status
    ctx.log(
        f"economy: cost model and a simulation ({status}) for {municipality.name} {year} "
        f"(expected {expected.expected_cost:,.0f} kr without foster homes)"
    )
