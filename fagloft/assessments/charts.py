"""A service's risk level over the years as a small server-rendered SVG (the page's table says the
same in text, so the chart is hidden from screen readers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fagloft.assessments.models import RiskLevel
from fagloft.assessments.queries import RISK_COLOURS, RISK_ORDER

BAR_WIDTH = 36
GAP = 14
STEP_HEIGHT = 40
TOP = 10
LEFT = 70
BOTTOM = 24


@dataclass(frozen=True)
class Bar:
    year: int
    level: str
    label: str
    x: int
    y: int
    height: int
    colour: str
    text_x: int


def risk_history_chart(history: list[tuple[int, str]]) -> dict[str, Any] | None:
    if not history:
        return None
    labels = dict(RiskLevel.choices)
    plot_height = STEP_HEIGHT * 3
    bars = []
    for n, (year, level) in enumerate(history):
        height = STEP_HEIGHT * RISK_ORDER.get(level, 0)
        x = LEFT + GAP + n * (BAR_WIDTH + GAP)
        bars.append(
            Bar(
                year,
                level,
                str(labels.get(level, level)),
                x,
                TOP + plot_height - height,
                height,
                RISK_COLOURS.get(level, "#999999"),
                x + BAR_WIDTH // 2,
            )
        )
    width = LEFT + GAP + len(bars) * (BAR_WIDTH + GAP)
    axis = [
        {"label": str(labels[level]), "y": TOP + plot_height - STEP_HEIGHT * order + STEP_HEIGHT // 2 + 4}
        for level, order in RISK_ORDER.items()
    ]
    return {
        "bars": bars,
        "width": width,
        "height": TOP + plot_height + BOTTOM,
        "baseline": TOP + plot_height,
        "label_y": TOP + plot_height + 16,
        "axis": axis,
        "axis_x": LEFT - 6,
    }
