"""Drawing GeoJSON polygons as SVG paths, so maps need no JavaScript and no tile server.

Longitude is scaled by cos(mid-latitude), which keeps Norway's shape right at county scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

Ring = Sequence[Sequence[float]]


def rings(geometry: dict[str, Any]) -> list[Ring]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    return []


def bbox(geometry: dict[str, Any]) -> list[float]:
    xs: list[float] = []
    ys: list[float] = []
    for ring in rings(geometry):
        for x, y, *_rest in ring:
            xs.append(x)
            ys.append(y)
    if not xs:
        return [0.0, 0.0, 0.0, 0.0]
    return [min(xs), min(ys), max(xs), max(ys)]


def union_bbox(boxes: Iterable[Sequence[float]]) -> list[float]:
    boxes = [b for b in boxes if b and b[2] > b[0]]
    if not boxes:
        return [0.0, 0.0, 1.0, 1.0]
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


@dataclass(frozen=True)
class Projection:
    west: float
    south: float
    east: float
    north: float
    width: float = 600.0

    # Cached: `point()` runs for thousands of vertices per map.
    @cached_property
    def kx(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @cached_property
    def scale(self) -> float:
        span = max((self.east - self.west) * self.kx, 1e-9)
        return self.width / span

    @property
    def height(self) -> float:
        return max((self.north - self.south) * self.scale, 1.0)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.west) * self.kx * self.scale, (self.north - lat) * self.scale)

    def path(self, geometry: dict[str, Any], min_step: float = 0.8) -> str:
        """An SVG path; points closer than `min_step` pixels to the last kept one are dropped."""
        parts: list[str] = []
        for ring in rings(geometry):
            kept: list[tuple[float, float]] = []
            for lon, lat, *_rest in ring:
                x, y = self.point(lon, lat)
                if kept and abs(x - kept[-1][0]) < min_step and abs(y - kept[-1][1]) < min_step:
                    continue
                kept.append((x, y))
            if len(kept) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
        return "".join(parts)


def projection_for(boxes: Iterable[Sequence[float]], width: float = 600.0) -> Projection:
    west, south, east, north = union_bbox(boxes)
    return Projection(west, south, east, north, width)
