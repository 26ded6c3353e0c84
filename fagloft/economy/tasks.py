"""Background tasks (django-tasks): immediate in the demo and tests, a database worker in production."""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from fagloft.economy import simulation as sim
from fagloft.economy.models import SimulationRun

logger = logging.getLogger(__name__)


@task()
def simulate_run(run_id: int) -> None:
    run_simulation(run_id)


def model_from_inputs(data: dict[str, Any]) -> sim.ModelInput:
    """Rebuild the frozen inputs of a run (the run simulates what was frozen, not today's model)."""
    kinds = []
    for kind in data["kinds"]:
        duration = kind["duration"]
        count = kind["new_placements"]
        kinds.append(
            sim.KindInput(
                code=kind["kind"],
                monthly_rate=float(kind["monthly_rate"]),
                new_per_year=float(count["mean"]),
                duration=sim.Duration(
                    duration["distribution"],
                    float(duration.get("mean_months", 0) or 0) or 1.0,
                    float(duration.get("sd_months", 0) or 0),
                    tuple(duration.get("values", ())),
                    tuple(duration.get("weights", ())),
                ),
                dispersion=float(count["dispersion"]) if count.get("dispersion") else None,
                carried=int(kind["carried_over"]),
            )
        )
    return sim.ModelInput(tuple(kinds), years=int(data["years"]), timing=data["timing"], budget=data.get("budget"))


def run_simulation(run_id: int) -> None:
    """The body of the task. Not one transaction on purpose: the progress it writes must commit at
    once so the page that follows the run can show it. Only the system runs it."""
    from fagloft.economy.services import finish_run, mark_progress

    run = SimulationRun.objects.get(pk=run_id)
    done = 0

    def progress(amount: int) -> None:
        nonlocal done
        done += amount
        mark_progress(run_id, done)

    try:
        result = sim.simulate(
            model_from_inputs(run.inputs["simulation"]), runs=run.runs, seed=run.seed, progress=progress
        )
    except Exception as error:  # the page shows a failed run instead of one that never ends
        logger.exception("simulation %s failed", run_id)
        finish_run(run_id, None, str(error))
        return
    finish_run(run_id, result.as_dict())
