"""Builders for organising tests: square borders so every municipality has a point, and proposals."""

from __future__ import annotations

from typing import Any

from fagloft.lib.svgmap import bbox
from fagloft.organising import services
from fagloft.organising.models import Proposal
from fagloft.organizations.models import Border, County, Municipality


def square(lon: float, lat: float, size: float = 0.2) -> dict[str, Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def add_border(municipality: Municipality, lon: float, lat: float) -> Border:
    geometry = square(lon, lat)
    return Border.objects.create(municipality=municipality, year=2024, geometry=geometry, bbox=bbox(geometry))


def add_borders(*municipalities: Municipality, lon: float = 23.0, lat: float = 69.9, step: float = 0.5) -> None:
    for position, municipality in enumerate(municipalities):
        add_border(municipality, lon + position * step, lat)


def make_proposal(county: County, title: str = "Forslag", actor: Any = None, **rules: Any) -> Proposal:
    proposal = services.start_proposal(actor, county, title=title, rules={"min_fte": 1.0, **rules})
    proposal.refresh_from_db()
    return proposal
