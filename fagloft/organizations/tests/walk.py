"""URL kwargs for the permission walk: (inside county X, outside in county Y) for each name.

Every app with URL parameters has a `tests/walk.py` like this; the walk test collects them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from fagloft.organizations.models import CooperationAgreement
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree


def _agreement(title: str, parties: list, host: Any) -> CooperationAgreement:
    agreement = CooperationAgreement.objects.create(
        title=title, kind=CooperationAgreement.Kind.HOST_SERVICE, host=host, valid_from=datetime.date(2020, 1, 1)
    )
    agreement.parties.set(parties)
    return agreement


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside = _agreement(
        "Vertskommuneavtale Alvik og Bergvik", [tree.municipality_a, tree.municipality_b], tree.municipality_a
    )
    outside = _agreement(f"{OUTSIDE_MARKER}vik-avtalen", [tree.municipality_c], tree.municipality_c)
    return {
        "county_number": (tree.county_x.number, tree.county_y.number),
        "municipality_number": (tree.municipality_a.number, tree.municipality_c.number),
        "number": (tree.municipality_a.number, tree.municipality_c.number),
        "service_id": (tree.service_ab.pk, tree.service_c.pk),
        "agreement_id": (inside.pk, outside.pk),
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    county_x, county_y = (
        reverse("organizations:county-detail", args=[county.number]) for county in (tree.county_x, tree.county_y)
    )
    municipality_a = reverse("organizations:municipality-detail", args=[tree.municipality_a.number])
    service_ab = reverse("organizations:service-detail", args=[tree.service_ab.pk])
    service_c = reverse("organizations:service-detail", args=[tree.service_c.pk])
    agreement = reverse("organizations:agreement-detail", args=[samples["agreement_id"][0]])
    pages = [
        ("admin", reverse("imports:start")),
        ("admin", service_c),
        ("national", reverse("organizations:county-list")),
        ("national", county_y),
        ("advisor_x", county_x),
        ("advisor_x", reverse("organizations:county-agreements", args=[tree.county_x.number])),
        ("advisor_x", reverse("organizations:service-edit", args=[tree.service_ab.pk])),
        ("advisor_y", county_y),
        ("coordinator_x", county_x),
        ("leader_ab", service_ab),
        ("leader_ab", reverse("organizations:service-edit", args=[tree.service_ab.pk])),
        ("leader_ab", reverse("organizations:municipality-detail", args=[tree.municipality_b.number])),
        ("leader_c", service_c),
        ("employee_ab", service_ab),
        ("employee_ab", reverse("organizations:search")),
        ("municipal_leader_a", municipality_a),
        ("municipal_leader_a", service_ab),
        ("municipal_leader_a", reverse("organizations:municipality-agreements", args=[tree.municipality_a.number])),
        ("municipal_leader_a", agreement),
    ]
    if tree.municipality_d is not None:  # its leader still sees their own municipality
        pages.append(
            ("municipal_leader_d", reverse("organizations:municipality-detail", args=[tree.municipality_d.number]))
        )
    return pages
