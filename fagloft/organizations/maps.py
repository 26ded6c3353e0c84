"""The county map: municipalities drawn as SVG paths from their stored borders.

Any app can colour the map by a value: pass `colour=fn` where `fn(municipality)` returns
`(fill, label)`. The label goes into each municipality's accessible name and tooltip, so the value is
never shown by colour alone. `value_classes()` builds such a function and the matching legend for
`organizations/_map_legend.html`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from fagloft.lib import formatting
from fagloft.lib.svgmap import projection_for
from fagloft.organizations.models import Border, Municipality

MAP_CACHE_SECONDS = 60 * 60

# A sequential palette (light to dark blue) that keeps 3:1 contrast between the darkest classes and
# the page, and a neutral grey for "no value". Chosen from ColorBrewer "Blues".
PALETTE = ("#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b")
NO_VALUE_FILL = "#d9d9d9"

Colour = Callable[[Municipality], tuple[str | None, str]]


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


@dataclass(frozen=True)
class LegendClass:
    fill: str
    label: str
    count: int = 0


def county_map(municipalities: Sequence[Municipality], colour: Colour | None = None) -> SvgMap | None:
    """Municipalities with borders must come with `border` selected (no query per municipality).

    The border geometry may be deferred (`.defer("border__geometry")`): drawn paths are cached per
    set of borders, and geometry is read, in one query, only when the cache has no drawing yet.
    """
    with_border = [m for m in municipalities if _border(m) is not None]
    if not with_border:
        return None
    width, height, paths = _drawn_paths([_border(m) for m in with_border])
    shapes = []
    for municipality in with_border:
        fill, label = colour(municipality) if colour else (None, "")
        shapes.append(MapShape(municipality, paths[_border(municipality).pk], fill, label))
    missing = [m for m in municipalities if _border(m) is None]
    return SvgMap(width, height, shapes, missing)


def _drawn_paths(borders: Sequence[Border]) -> tuple[float, float, dict[int, str]]:
    # Drawing ~50 detailed borders costs more CPU than the rest of the page; the drawing only
    # changes when a border does, and the key holds each border's id, map year and extent.
    fingerprint = repr([(b.pk, b.year, b.bbox) for b in borders])
    key = "county-map:" + hashlib.sha1(fingerprint.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    geometries = {b.pk: b.__dict__["geometry"] for b in borders if "geometry" in b.__dict__}
    missing = [b.pk for b in borders if b.pk not in geometries]
    if missing:
        geometries.update(Border.objects.filter(pk__in=missing).values_list("pk", "geometry"))
    projection = projection_for([b.bbox for b in borders])
    drawn = (projection.width, projection.height, {pk: projection.path(g) for pk, g in geometries.items()})
    cache.set(key, drawn, MAP_CACHE_SECONDS)
    return drawn


def _border(municipality: Municipality) -> Any:
    try:
        return municipality.border
    except Municipality.border.RelatedObjectDoesNotExist:
        return None


def _format(value: float) -> str:
    # Through the one formatting layer: «1 250», «28,9» (English «1,250», «28.9»).
    return formatting.number(value, 0 if float(value).is_integer() else 1)


def value_classes(
    values: Mapping[int, float | None],
    breaks: Sequence[float],
    unit: str = "",
    palette: Sequence[str] = PALETTE,
) -> tuple[Colour, list[LegendClass]]:
    """Classify `values` (municipality pk -> value) by upper `breaks`, for map colours and a legend.

    With breaks [10, 20] the classes are "under 10", "10 – under 20" and "20 or more". Returns the
    colour function for `county_map` and the legend classes with how many municipalities fall in each.
    """
    edges = sorted(breaks)
    if len(edges) + 1 > len(palette):
        raise ValueError(f"{len(edges) + 1} classes need {len(edges) + 1} colours, the palette has {len(palette)}")
    step = (len(palette) - 1) / max(len(edges), 1)
    fills = [palette[round(i * step)] for i in range(len(edges) + 1)]
    labels = _class_labels(edges, unit)
    counts = [0] * (len(edges) + 1)
    missing = 0

    def index_of(value: float) -> int:
        return next((i for i, edge in enumerate(edges) if value < edge), len(edges))

    for value in values.values():
        if value is None:
            missing += 1
        else:
            counts[index_of(value)] += 1

    def colour(municipality: Municipality) -> tuple[str | None, str]:
        value = values.get(municipality.pk)
        if value is None:
            return NO_VALUE_FILL, str(_("ingen verdi"))
        return fills[index_of(value)], f"{_format(value)}{(' ' + unit) if unit else ''}"

    legend = [LegendClass(fill, label, count) for fill, label, count in zip(fills, labels, counts, strict=True)]
    if missing:
        legend.append(LegendClass(NO_VALUE_FILL, str(_("Ingen verdi")), missing))
    return colour, legend


def _class_labels(edges: Sequence[float], unit: str) -> list[str]:
    suffix = f" {unit}" if unit else ""
    if not edges:
        return [str(_("Alle verdier"))]
    labels = [str(_("under %(high)s")) % {"high": _format(edges[0])} + suffix]
    for low, high in zip(edges, edges[1:], strict=False):  # pairs of neighbours: one fewer
        labels.append(str(_("%(low)s – under %(high)s")) % {"low": _format(low), "high": _format(high)} + suffix)
    labels.append(str(_("%(low)s eller mer")) % {"low": _format(edges[-1])} + suffix)
    return labels


def nice_breaks(values: Sequence[float | None], classes: int = 4) -> list[float]:
    """Round class limits at quantiles of `values`, so a legend reads "under 500", not "under 487.3"."""
    ordered = sorted(v for v in values if v is not None)
    if len(ordered) < 2:
        return []
    raw = [ordered[min(len(ordered) - 1, (len(ordered) * i) // classes)] for i in range(1, classes)]
    rounded: list[float] = []
    for value in raw:
        magnitude = 10 ** max(len(str(int(abs(value)))) - 2, 0)
        nice = round(value / magnitude) * magnitude
        if nice > 0 and (not rounded or nice > rounded[-1]):
            rounded.append(nice)
    return rounded
