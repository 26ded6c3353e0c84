"""URL kwargs for the permission walk introduced by the statistics app.

The pages reuse `municipality_number`, `county_number` and `service_id` (organizations' walk). The
indicator catalogue is national, so it has no object in county Y: the outside sample is a code
that does not exist, which must answer 404 like any object out of reach.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.organizations.tests.factories import Tree

# The indicator catalogue belongs to no county: every reading role reaches the inside sample.
NATIONAL = {"indicator_code"}


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    return {"indicator_code": ("kostra-barn-per-arsverk", "utenfor-finnes-ikke")}


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    service_ab = reverse("statistics:service", args=[tree.service_ab.pk])
    return [
        ("admin", reverse("statistics:index")),
        ("national", reverse("statistics:index")),
        ("national", reverse("statistics:import")),
        ("national", reverse("statistics:county", args=[tree.county_y.number])),
        ("advisor_x", reverse("statistics:county", args=[tree.county_x.number])),
        ("advisor_x", reverse("statistics:county-enter", args=[tree.county_x.number])),
        ("advisor_y", reverse("statistics:county", args=[tree.county_y.number])),
        ("coordinator_x", reverse("statistics:county", args=[tree.county_x.number])),
        ("leader_ab", service_ab),
        ("leader_ab", reverse("statistics:service-enter", args=[tree.service_ab.pk])),
        ("leader_c", reverse("statistics:service", args=[tree.service_c.pk])),
        ("employee_ab", service_ab),
        ("municipal_leader_a", reverse("statistics:municipality", args=[tree.municipality_a.number])),
        ("municipal_leader_a", service_ab),
    ]
