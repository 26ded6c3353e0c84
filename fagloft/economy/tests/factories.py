"""Builders for the economy tests."""

from __future__ import annotations

from typing import Any

from fagloft.economy.models import SimulationRun
from fagloft.organizations.models import Municipality


def make_run(municipality: Municipality, year: int = 2026, **extra: Any) -> SimulationRun:
    """A finished run with small, plausible results (not simulated: for pages and access tests)."""
    results = {
        "mean": 1_000_000.0,
        "p50": 900_000.0,
        "p90": 1_600_000.0,
        "p99": 2_500_000.0,
        "es99": 2_900_000.0,
        "expected_cost": 1_000_000.0,
        "budget": 1_200_000.0,
        "prob_over_budget": 0.3,
        "histogram": {"edges": [0.0, 1_000_000.0, 2_000_000.0, 3_000_000.0], "counts": [40, 50, 10]},
        "by_kind": {"institution": {"mean": 1_000_000.0, "expected_cost": 1_000_000.0}},
    }
    inputs = {
        "model": {
            "kinds": [
                {
                    "kind": "institution",
                    "label": "Institusjon",
                    "rate_confirmed": True,
                    "carried_source_detail": f"Test {municipality.name}",
                    "new_source_detail": "Test",
                }
            ]
        },
        "simulation": {
            "years": 1,
            "timing": "spread",
            "budget": 1_200_000.0,
            "kinds": [
                {
                    "kind": "institution",
                    "monthly_rate": 170_000.0,
                    "carried_over": 0,
                    "new_placements": {"distribution": "poisson", "mean": 0.5},
                    "duration": {"distribution": "fixed", "mean_months": 12.0},
                    "mean_duration_months": 12.0,
                }
            ],
        },
    }
    defaults: dict[str, Any] = {
        "year": year,
        "runs": 1000,
        "seed": 1,
        "inputs": inputs,
        "results": results,
        "status": SimulationRun.Status.DONE,
        "done_runs": 1000,
    }
    defaults.update(extra)
    return SimulationRun.objects.create(municipality=municipality, **defaults)
