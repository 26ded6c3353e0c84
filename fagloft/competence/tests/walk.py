"""URL kwargs for the permission walk: objects in service_ab (inside) and in Utenfor's service (outside)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from fagloft.competence.tests.factories import (
    give_education,
    make_employee,
    make_plan,
    make_round,
    make_vacancy,
)
from fagloft.organizations.tests.factories import Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside = make_employee(tree.service_ab, "Kari", "Inne")
    outside = make_employee(tree.service_c, "Ola", "Utenforsen")
    plan_in, plan_out = make_plan(tree.service_ab), make_plan(tree.service_c)
    return {
        "employee_id": (inside.pk, outside.pk),
        "kind": ("utdanning", "utdanning"),
        "item_id": (give_education(inside).pk, give_education(outside).pk),
        "round_id": (make_round(tree.service_ab).pk, make_round(tree.service_c).pk),
        "plan_id": (plan_in.pk, plan_out.pk),
        "vacancy_id": (
            make_vacancy(tree.service_ab, datetime.date(2026, 1, 1)).pk,
            make_vacancy(tree.service_c, datetime.date(2026, 1, 1)).pk,
        ),
        "measure_id": (plan_in.measures.get().pk, plan_out.measures.get().pk),
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    service_ab = tree.service_ab.pk
    plan = reverse("competence:plan", args=[samples["plan_id"][0]])
    return [
        ("admin", reverse("competence:settings")),
        ("national", reverse("competence:nation")),
        ("national", reverse("competence:publish")),
        ("advisor_x", reverse("competence:county", args=[tree.county_x.number])),
        ("advisor_y", reverse("competence:county", args=[tree.county_y.number])),
        ("coordinator_x", reverse("competence:county", args=[tree.county_x.number])),
        ("leader_ab", reverse("competence:service", args=[service_ab])),
        ("leader_ab", reverse("competence:staff", args=[service_ab])),
        ("leader_ab", reverse("competence:employee", args=[samples["employee_id"][0]])),
        ("leader_ab", reverse("competence:round", args=[samples["round_id"][0]])),
        ("leader_ab", reverse("competence:employee-json", args=[samples["employee_id"][0]])),
        ("leader_ab", reverse("competence:employee-erase", args=[samples["employee_id"][0]])),
        ("admin", reverse("competence:employee-erase", args=[samples["employee_id"][0]])),
        ("leader_ab", plan),
        ("leader_c", reverse("competence:staff", args=[tree.service_c.pk])),
        ("employee_ab", reverse("competence:overview")),
        # Not `competence:me`: it redirects to the profile when the person has one employment, and
        # another app's walk (programmes) links employee_ab to an employee record.
        ("employee_ab", reverse("competence:me-json")),
        ("municipal_leader_a", reverse("competence:municipality", args=[tree.municipality_a.number])),
        ("municipal_leader_a", reverse("competence:plans", args=[service_ab])),
        ("municipal_leader_a", plan),
        ("leader_ab", reverse("competence:plan-pdf", args=[samples["plan_id"][0]])),
        ("leader_ab", reverse("competence:plan-xlsx", args=[samples["plan_id"][0]])),
        ("municipal_leader_a", reverse("competence:plan-xlsx", args=[samples["plan_id"][0]])),
        ("leader_ab", reverse("competence-plan-list")),
        ("leader_ab", reverse("competence-plan-detail", args=[samples["plan_id"][0]])),
        ("coordinator_x", reverse("competence:network-mapping", args=[samples["network_id"][0]])),
    ]
