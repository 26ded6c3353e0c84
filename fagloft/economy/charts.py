"""The histogram of simulated costs as server-rendered SVG (no script, no inline style; strict CSP)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from fagloft.lib.formatting import money

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 16, 16, 16, 44


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    low: float
    high: float
    count: int
    share: float


@dataclass(frozen=True)
class Marker:
    x: float
    label: str
    value: float
    css: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    markers: list[Marker]
    ticks: list[tuple[float, str]]
    baseline: float
    runs: int


def histogram(data: dict[str, list[float]], results: dict[str, Any]) -> Chart | None:
    edges, counts = data.get("edges") or [], data.get("counts") or []
    if len(edges) < 2 or not counts:
        return None
    low, high = edges[0], edges[-1]
    span = (high - low) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    tallest = max(counts) or 1
    total = int(sum(counts)) or 1

    def x_of(value: float) -> float:
        return LEFT + plot_w * (min(max(value, low), high) - low) / span

    bars = []
    for i, count in enumerate(counts):
        x0, x1 = x_of(edges[i]), x_of(edges[i + 1])
        h = plot_h * count / tallest
        bars.append(
            Bar(
                round(x0, 2),
                round(TOP + plot_h - h, 2),
                round(max(x1 - x0 - 1, 0.5), 2),
                round(h, 2),
                edges[i],
                edges[i + 1],
                int(count),
                count / total,
            )
        )
    markers = []
    for key, label, css in (
        ("mean", _("Snitt"), "fl-econ-mean"),
        ("p99", _("P99"), "fl-econ-p99"),
        ("budget", _("Budsjett"), "fl-econ-budget"),
    ):
        value = results.get(key)
        if value is not None and low <= value <= high:
            markers.append(Marker(round(x_of(value), 2), label, value, css))
    ticks = [(round(x_of(low + span * f), 2), money(low + span * f)) for f in (0, 0.5, 1)]
    return Chart(WIDTH, HEIGHT, bars, markers, ticks, TOP + plot_h, total)
