"""Writes: cost models, rates, scenario presets, simulation runs and the published risk indicator."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.typing import Actor
from fagloft.accounts.use_cases import not_a_use_case, system_job, use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.economy import queries
from fagloft.economy.models import (
    CoPaymentRate,
    CostModel,
    CostModelLine,
    CountDistribution,
    InputSource,
    MeasureKind,
    Scenario,
    SimulationRun,
)
from fagloft.economy.permissions import MANAGE_RATES, RUN_SIMULATION
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Municipality

MAX_RUNS = 1_000_000
LINE_FIELDS = (
    "carried_over",
    "carried_source",
    "carried_source_detail",
    "new_per_year",
    "new_source",
    "new_source_detail",
    "count_distribution",
    "dispersion",
    "duration_distribution",
    "mean_months",
    "sd_months",
)
MODEL_FIELDS = ("budget", "ordinary_foster_monthly_cost", "years", "timing", "note")
RATE_FIELDS = ("monthly_rate", "existing_placement_rate", "confirmed", "source", "note")
SCENARIO_FIELDS = (
    "name",
    "description",
    "institution_factor",
    "placement_factor",
    "bought_share",
    "bought_monthly_rate",
)
RISK_INDICATOR = "economy-p99-of-budget"


def _stored_snapshot(instance: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The row as stored: a model form has already written its input onto the instance it was given."""
    return snapshot(type(instance)._default_manager.get(pk=instance.pk), fields)


# Cost models -----------------------------------------------------------------------------------


@use_case(RUN_SIMULATION, on="municipality")
def create_cost_model(
    actor: Actor, municipality: Municipality, *, year: int, budget: Decimal | None = None, is_demo: bool = False
) -> CostModel:
    """Store the municipality's model for `year`, starting from the inputs statistics give."""
    if CostModel.objects.filter(municipality=municipality, year=year).exists():
        raise Refused(_("Kommunen har allerede en kostnadsmodell for dette året."), field="year")
    model = CostModel.objects.create(municipality=municipality, year=year, budget=budget, is_demo=is_demo)
    derived = queries.cost_model(municipality, year)
    national = queries.derived_lines(municipality, year, derived.children)
    for data in national.values():
        CostModelLine.objects.create(cost_model=model, **data)
    record_create(actor, model, message=_("Kostnadsmodell opprettet fra statistikk og nasjonale rater"))
    return model


@use_case(RUN_SIMULATION, on="cost_model")
def update_cost_model(
    actor: Actor,
    cost_model: CostModel,
    *,
    version: Any,
    lines: dict[str, dict[str, Any]] | None = None,
    **fields: Any,
) -> CostModel:
    """Change the model's inputs; each change moves its version (a run records the version it used).

    A line whose counts the user changes becomes «entered» unless a source is given with it."""
    unknown = set(fields) - set(MODEL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    before = _stored_snapshot(cost_model, MODEL_FIELDS)
    for name, value in fields.items():
        setattr(cost_model, name, value)
    save_checked(cost_model, version, fields.keys())
    changed_lines = []
    # Fresh rows: a model form has already written its input onto the instances it was given.
    existing = {line.kind: line for line in CostModelLine.objects.filter(cost_model=cost_model)}
    for kind, data in (lines or {}).items():
        if kind not in MeasureKind.values:
            raise Refused(_("Ukjent tiltak."), field="lines")
        _check_line(kind, data)
        line = existing.get(kind) or CostModelLine(cost_model=cost_model, kind=kind, mean_months=Decimal(12))
        line_before = snapshot(line, LINE_FIELDS) if line.pk else {}
        for name in ("carried_over", "new_per_year"):
            if name in data and data[name] != getattr(line, name):
                source = "carried_source" if name == "carried_over" else "new_source"
                data.setdefault(source, InputSource.ENTERED)
                data.setdefault(f"{source}_detail", _("Registrert av kommunen"))
        for name, value in data.items():
            if name not in LINE_FIELDS:
                raise TypeError(f"unknown line field {name}")
            setattr(line, name, value)
        line.save()
        after = snapshot(line, LINE_FIELDS)
        if after != line_before:
            changed_lines.append(kind)
    cost_model.refresh_from_db()
    event = record_update(actor, cost_model, before)
    if changed_lines and event is None:
        record(
            actor,
            AuditEvent.Verb.UPDATE,
            cost_model,
            {"lines": [None, changed_lines]},
            _("Inndata endret for: %(kinds)s") % {"kinds": ", ".join(changed_lines)},
        )
    elif changed_lines and event is not None:
        event.changes["lines"] = [None, changed_lines]
        event.save(update_fields=["changes"])
    return cost_model


def _check_line(kind: str, data: dict[str, Any]) -> None:
    if data.get("count_distribution") == CountDistribution.NEGATIVE_BINOMIAL and not data.get("dispersion"):
        raise Refused(_("Negativ binomisk fordeling trenger en spredningsparameter."), field=f"{kind}-dispersion")
    sd, mean = data.get("sd_months"), data.get("mean_months")
    if sd is not None and mean is not None and data.get("duration_distribution") == "fixed" and sd:
        raise Refused(_("Fast varighet har ikke standardavvik."), field=f"{kind}-sd_months")


# Rates and presets ----------------------------------------------------------------------------


@use_case(MANAGE_RATES, on="rate")
def update_rate(actor: Actor, rate: CoPaymentRate, *, version: Any, **fields: Any) -> CoPaymentRate:
    unknown = set(fields) - set(RATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if fields.get("confirmed") and not (fields.get("source") or rate.source):
        raise Refused(_("En bekreftet sats må ha en kilde."), field="source")
    before = _stored_snapshot(rate, RATE_FIELDS)
    for name, value in fields.items():
        setattr(rate, name, value)
    save_checked(rate, version, fields.keys())
    rate.refresh_from_db()
    record_update(actor, rate, before)
    return rate


@use_case(MANAGE_RATES)
def create_rate(
    actor: Actor,
    *,
    kind: str,
    year: int,
    monthly_rate: int,
    confirmed: bool = False,
    source: str = "",
    note: str = "",
    existing_placement_rate: int | None = None,
) -> CoPaymentRate:
    if kind == MeasureKind.ORDINARY_FOSTER or kind not in MeasureKind.values:
        raise Refused(_("Ordinære fosterhjem har ingen egenandelssats; kostnaden er kommunens egen."), field="kind")
    if CoPaymentRate.objects.filter(kind=kind, year=year).exists():
        raise Refused(_("Det finnes allerede en sats for dette tiltaket og året."), field="year")
    if confirmed and not source:
        raise Refused(_("En bekreftet sats må ha en kilde."), field="source")
    rate = CoPaymentRate.objects.create(
        kind=kind,
        year=year,
        monthly_rate=monthly_rate,
        confirmed=confirmed,
        source=source,
        note=note,
        existing_placement_rate=existing_placement_rate,
    )
    record_create(actor, rate)
    return rate


@use_case(MANAGE_RATES, on="scenario")
def update_scenario(actor: Actor, scenario: Scenario, *, version: Any, **fields: Any) -> Scenario:
    unknown = set(fields) - set(SCENARIO_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    before = _stored_snapshot(scenario, SCENARIO_FIELDS)
    for name, value in fields.items():
        setattr(scenario, name, value)
    save_checked(scenario, version, fields.keys())
    scenario.refresh_from_db()
    record_update(actor, scenario, before)
    return scenario


# Simulations ----------------------------------------------------------------------------------


@use_case(RUN_SIMULATION, on="municipality")
def start_simulation(
    actor: Actor,
    municipality: Municipality,
    *,
    year: int,
    runs: int = 20_000,
    seed: int = 1,
    scenario: Scenario | None = None,
    years: int | None = None,
    is_demo: bool = False,
) -> SimulationRun:
    """Freeze the inputs as they are now and hand the run to the simulation task (immediate in the
    demo and tests, the worker in production)."""
    from fagloft.economy.tasks import simulate_run

    if not 1 <= runs <= MAX_RUNS:
        raise Refused(_("Antall simuleringer må være mellom 1 og 1 000 000."), field="runs")
    if years is not None and not 1 <= years <= 5:
        raise Refused(_("Simuleringen kan gå over ett til fem år."), field="years")
    model = queries.cost_model(municipality, year)
    inputs = queries.model_input(model, scenario, years)
    run = SimulationRun.objects.create(
        municipality=municipality,
        year=year,
        years=inputs.years,
        runs=runs,
        seed=seed,
        scenario=scenario,
        scenario_name=scenario.name if scenario else "",
        cost_model_version=model.version,
        inputs={"model": model.as_dict(), "simulation": inputs.as_dict()},
        created_by=actor,
        is_demo=is_demo,
    )
    record_create(actor, run, message=_("Simulering startet"))
    simulate_run.enqueue(run.pk)
    return run


@system_job
def mark_progress(run_id: int, done: int) -> None:
    SimulationRun.objects.filter(pk=run_id).update(status=SimulationRun.Status.RUNNING, done_runs=done)


@system_job
def finish_run(run_id: int, results: dict[str, Any] | None, message: str = "") -> None:
    status = SimulationRun.Status.DONE if results is not None else SimulationRun.Status.FAILED
    SimulationRun.objects.filter(pk=run_id).update(
        status=status,
        results=results or {},
        message=message[:300],
        finished_at=timezone.now(),
        **({"done_runs": SimulationRun.objects.get(pk=run_id).runs} if results is not None else {}),
    )
    run = SimulationRun.objects.select_related("municipality").get(pk=run_id)
    if results is not None:
        publish_risk(run)


@not_a_use_case
def p99_of_budget(run: SimulationRun) -> Decimal | None:
    """The run's P99 in per cent of its budget (None without a budget)."""
    budget = (run.inputs.get("simulation") or {}).get("budget")
    p99 = run.results.get("p99")
    if not budget or p99 is None:
        return None
    return Decimal(str(round(100 * p99 / budget, 2)))


@system_job
def publish_risk(run: SimulationRun, today: datetime.date | None = None) -> int:
    """Publish the newest run's P99 relative to the budget as the municipality's indicator value for
    the run's year, so the assessment's «economy» theme can read it. Scenario runs are not
    published: the figure is the municipality's base case."""
    from fagloft.statistics.publishing import NewValue, record_values

    if run.scenario_id is not None or run.years != 1:
        return 0
    latest = queries.latest_run(run.municipality, run.year)
    if latest is None or latest.pk != run.pk:
        return 0
    value = p99_of_budget(run)
    if value is None:
        return 0
    budget = Decimal(str(run.inputs["simulation"]["budget"]))
    new = NewValue(
        RISK_INDICATOR,
        run.year,
        value,
        municipality_id=run.municipality_id,
        numerator=Decimal(str(round(run.results["p99"]))),
        denominator=budget,
    )
    detail = f"Simulering {run.pk}: {run.runs} simuleringer, seed {run.seed}"
    return record_values(None, [new], "computed", detail)
