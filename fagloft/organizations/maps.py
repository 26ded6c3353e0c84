"""The county map: municipalities drawn as SVG paths from their stored borders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fagloft.lib.svgmap import projection_for
from fagloft.organizations.models import Municipality


@dataclass(frozen=True)
class MapShape:
    municipality: Municipality
    path: str
    fill: str | None = None
    label: str = ""


@dataclass(frozen=True)
class SvgMap:
    width: float
    height: float
    shapes: list[MapShape]
    missing: list[Municipality]


def county_map(
    municipalities: Sequence[Municipality],
    colour: Callable[[Municipality], tuple[str | None, str]] | None = None,
) -> SvgMap | None:
    """Municipalities with borders must come with `border` selected (no query per municipality)."""
    with_border = [m for m in municipalities if _border(m) is not None]
    if not with_border:
        return None
    projection = projection_for([_border(m).bbox for m in with_border])
    shapes = []
    for municipality in with_border:
        fill, label = colour(municipality) if colour else (None, "")
        shapes.append(MapShape(municipality, projection.path(_border(municipality).geometry), fill, label))
    missing = [m for m in municipalities if _border(m) is None]
    return SvgMap(projection.width, projection.height, shapes, missing)


def _border(municipality: Municipality) -> Any:
    try:
        return municipality.border
    except Municipality.border.RelatedObjectDoesNotExist:
        return None
