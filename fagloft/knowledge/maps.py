"""The coverage map: each municipality an SVG link to its coverage page, coloured by status.

Drawn here rather than with `organizations/_map.html` because the national map has 357
municipalities: the paths are drawn once per set of borders (cached like `organizations.maps`),
coarser on the national map (nobody sees sub-pixel detail at 600 px for all of Norway), written
out without template escaping (they are our own numbers), and coloured by class, not by style.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from fagloft.lib.svgmap import projection_for
from fagloft.organizations.models import Border, Municipality

CACHE_SECONDS = 60 * 60
# Points closer than this many pixels to the last kept one are dropped; a map of many
# municipalities is drawn coarser (its shapes are a few pixels wide anyway).
DETAILED_STEP = 0.8
NATIONAL_STEP = 1.6
NATIONAL_FROM = 100


@dataclass(frozen=True)
class CoverageMap:
    svg: SafeString
    missing: list[Municipality]


def _border(municipality: Municipality) -> Border | None:
    try:
        return municipality.border
    except Municipality.border.RelatedObjectDoesNotExist:
        return None


def _paths(borders: Sequence[Border], step: float) -> tuple[float, float, dict[int, str]]:
    fingerprint = repr((step, [(b.pk, b.year, b.bbox) for b in borders]))
    key = "knowledge:map:" + hashlib.sha1(fingerprint.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    geometries = {b.pk: b.__dict__["geometry"] for b in borders if "geometry" in b.__dict__}
    wanted = [b.pk for b in borders if b.pk not in geometries]
    if wanted:
        geometries.update(Border.objects.filter(pk__in=wanted).values_list("pk", "geometry"))
    projection = projection_for([b.bbox for b in borders])
    drawn = (projection.width, projection.height, {pk: projection.path(g, step) for pk, g in geometries.items()})
    cache.set(key, drawn, CACHE_SECONDS)
    return drawn


def coverage_map(
    municipalities: Sequence[Municipality],
    statuses: Mapping[int, str],
    labels: Mapping[str, str],
    link: str,
    title: str,
) -> CoverageMap | None:
    """`municipalities` with `border` selected (geometry may be deferred); `link` has `{}` for the
    municipality number; `labels` names each status, for the accessible name and tooltip."""
    with_border = [(m, b) for m in municipalities if (b := _border(m)) is not None]
    if not with_border:
        return None
    step = NATIONAL_STEP if len(with_border) >= NATIONAL_FROM else DETAILED_STEP
    width, height, paths = _paths([b for _m, b in with_border], step)
    shapes = []
    for municipality, border in with_border:
        status = statuses[municipality.pk]
        name = escape(f"{municipality.name}: {labels[status]}")
        shapes.append(
            f'<a href="{escape(link.format(municipality.number))}" aria-label="{name}">'
            f'<path class="kn-{status}" d="{paths[border.pk]}"><title>{name}</title></path></a>'
        )
    head = format_html(
        '<svg class="fl-map" viewBox="0 0 {} {}" role="group" aria-labelledby="map-title" focusable="false">'
        '<title id="map-title">{}</title><desc>{}</desc>',
        round(width),
        round(height),
        title,
        _("Hver kommune er en lenke til kommunens dekning. Den samme informasjonen finnes i tabellen."),
    )
    # The paths are numbers we drew ourselves and every name is escaped above.
    svg = mark_safe(head + "".join(shapes) + "</svg>")
    return CoverageMap(svg, [m for m in municipalities if _border(m) is None])
