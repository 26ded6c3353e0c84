"""URL kwargs for the permission walk: a solved proposal (with a service) in county X and in county Y,
and a distance correction in each."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from fagloft.organising.models import DistanceOverride
from fagloft.organising.tests.factories import add_borders, make_proposal
from fagloft.organizations.models import Municipality
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree, make_municipality, make_population


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    add_borders(*[m for m in (tree.municipality_a, tree.municipality_b, tree.municipality_d) if m is not None])
    other = make_municipality(tree.county_y, "9202", f"{OUTSIDE_MARKER}fjord")
    make_population(other, 2021)
    add_borders(tree.municipality_c, other, lon=25.0)
    inside = make_proposal(tree.county_x, "Nordforslag")
    outside = make_proposal(tree.county_y, f"{OUTSIDE_MARKER} forslag")
    inside_override = DistanceOverride.objects.create(
        first=tree.municipality_a, second=tree.municipality_b, km=Decimal(40), note="Ferje"
    )
    outside_override = DistanceOverride.objects.create(
        first=tree.municipality_c, second=Municipality.objects.get(number="9202"), km=Decimal(50), note=OUTSIDE_MARKER
    )
    return {
        "proposal_id": (inside.pk, outside.pk),
        "proposed_service_id": (inside.services.earliest("pk").pk, outside.services.earliest("pk").pk),
        "override_id": (inside_override.pk, outside_override.pk),
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    inside = samples["proposal_id"][0]
    county = reverse("organising:county", args=[tree.county_x.number])
    detail = reverse("organising:proposal-detail", args=[inside])
    return [
        ("admin", reverse("organising:index")),
        ("admin", reverse("organising:distances")),
        ("national", county),
        ("national", detail),
        ("advisor_x", county),
        ("advisor_x", detail),
        ("advisor_x", reverse("organising:proposal-create", args=[tree.county_x.number])),
        ("advisor_x", reverse("organising:compare", args=[tree.county_x.number]) + f"?forslag={inside}"),
        ("advisor_y", reverse("organising:proposal-detail", args=[samples["proposal_id"][1]])),
        ("municipal_leader_a", county),
        ("municipal_leader_a", detail),
        ("municipal_leader_a", reverse("organising:proposal-create", args=[tree.county_x.number])),
    ]
