"""Indicator charts as PNG for the documents, drawn with matplotlib's Agg canvas (no display, no
pyplot state, so it is safe in a task worker). Each chart has a text alternative that says what it
shows; the table beside it carries the same numbers."""

from __future__ import annotations

import functools
import io
import json
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from fagloft.lib import formatting
from fagloft.reports import sections as prefill

# Distinguishable without colour too: each line has its own marker and dash.
STYLES = {
    "unit": ("#1e4f8c", "o", "-"),
    "county": ("#b35c00", "s", "--"),
    "nation": ("#444444", "^", ":"),
    "peers": ("#2f7d4a", "D", "-."),
}


def _labels() -> dict[str, str]:
    return {"unit": _("Enheten"), "county": _("Fylket"), "nation": _("Landet"), "peers": _("KOSTRA-gruppen")}


def indicator_chart(row: dict[str, Any], year: int, title: str) -> tuple[bytes, str]:
    """The chart and its alt text. The same figures give the same picture, so the Word and the PDF
    of one report (and a report downloaded again) draw each chart once per worker."""
    labels = _labels()
    key = json.dumps([row["series"], row["unit"], row["decimals"], year, title, labels], sort_keys=True)
    return _cached(key)


@functools.lru_cache(maxsize=128)
def _cached(key: str) -> tuple[bytes, str]:
    series, unit, decimals, year, title, labels = json.loads(key)
    row = {"series": series, "unit": unit, "decimals": decimals}
    return _draw(row, year, title, labels), alt_text(row, year, title)


def _draw(row: dict[str, Any], year: int, title: str, labels: dict[str, str]) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    years = list(range(year - prefill.YEARS + 1, year + 1))
    figure = Figure(figsize=(6.0, 2.5), dpi=80)
    FigureCanvasAgg(figure)
    # Fixed margins instead of tight_layout, which lays the text out twice (a third of the time).
    axes = figure.add_axes((0.08, 0.12, 0.9, 0.66))
    for name, (colour, marker, dash) in STYLES.items():
        points = [(y, float(Decimal(v))) for y, v in row["series"][name] if v is not None]
        if points:
            axes.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                color=colour,
                marker=marker,
                linestyle=dash,
                linewidth=1.6,
                label=labels[name],
            )
    axes.set_xticks(years, [str(y) for y in years])
    axes.yaxis.set_major_locator(MaxNLocator(4))
    axes.tick_params(labelsize=8)
    axes.grid(True, alpha=0.3)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=7, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=4, frameon=False, borderaxespad=0)
    figure.text(0.01, 0.97, title, fontsize=9, va="top")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def alt_text(row: dict[str, Any], year: int, title: str) -> str:
    own = dict((y, v) for y, v in row["series"]["unit"])
    nation = dict((y, v) for y, v in row["series"]["nation"])
    first = min(own) if own else None

    def show(v: Any) -> str:
        if v is None:
            return "–"
        return (
            formatting.percent(v, row["decimals"])
            if row["unit"] == "prosent"
            else formatting.number(v, row["decimals"])
        )

    if first is None:
        return _("Linjediagram: %(title)s. Ingen tall for enheten.") % {"title": title}
    sentence = _("Linjediagram: %(title)s, %(first)s–%(year)s.") + " "
    sentence += _("Enheten gikk fra %(start)s til %(end)s; landet hadde %(nation)s i %(year)s.")
    return sentence % {
        "title": title,
        "first": first,
        "year": year,
        "start": show(own.get(first)),
        "end": show(own.get(year)),
        "nation": show(nation.get(year)),
    }
