"""URL kwargs for the permission walk: a municipality and a stored run in county X and in county Y;
the reference data (tasks, rates, scenarios) is national, so its outside sample does not exist."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.economy.models import CoPaymentRate, ResponsibilityTask, Scenario
from fagloft.economy.tests.factories import make_run
from fagloft.organizations.tests.factories import Tree

NATIONAL = {"responsibility_task_id", "copayment_rate_id", "cost_scenario_id"}
MISSING = 987_654


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside, outside = make_run(tree.municipality_a), make_run(tree.municipality_c)
    return {
        "economy_municipality_id": (tree.municipality_a.pk, tree.municipality_c.pk),
        "simulation_id": (inside.pk, outside.pk),
        "responsibility_task_id": (ResponsibilityTask.objects.order_by("order").first().pk, MISSING),  # type: ignore[union-attr]
        "copayment_rate_id": (CoPaymentRate.objects.order_by("pk").first().pk, MISSING),  # type: ignore[union-attr]
        "cost_scenario_id": (Scenario.objects.order_by("pk").first().pk, MISSING),  # type: ignore[union-attr]
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    municipality_a = reverse("economy:municipality", args=[samples["economy_municipality_id"][0]])
    run_a = reverse("economy:run", args=[samples["simulation_id"][0]])
    return [
        ("admin", reverse("economy:rates")),
        ("admin", reverse("economy:rate-edit", args=[samples["copayment_rate_id"][0]])),
        ("admin", reverse("economy:scenario-edit", args=[samples["cost_scenario_id"][0]])),
        ("national", reverse("economy:municipality", args=[samples["economy_municipality_id"][1]])),
        ("national", run_a),
        ("advisor_x", municipality_a),
        ("advisor_x", run_a),
        ("advisor_y", reverse("economy:run", args=[samples["simulation_id"][1]])),
        ("coordinator_x", reverse("economy:responsibilities")),
        ("leader_ab", municipality_a),
        ("leader_ab", reverse("economy:run-start", args=[samples["economy_municipality_id"][0]])),
        ("leader_ab", reverse("economy:pool")),
        ("leader_c", reverse("economy:municipality", args=[samples["economy_municipality_id"][1]])),
        ("employee_ab", reverse("economy:index")),
        ("employee_ab", reverse("economy:responsibility-task", args=[samples["responsibility_task_id"][0]])),
        ("municipal_leader_a", municipality_a),
        ("municipal_leader_a", run_a),
        ("municipal_leader_a", reverse("economy:scenarios")),
    ]
