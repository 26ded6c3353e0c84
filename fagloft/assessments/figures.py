"""«Status i dag» from the service's own figures: the indicators mapped to each theme
(`ThemeIndicator`, data) read from `fagloft.statistics`, with the source and the date of each figure.

A service's figure is its own service-level value, else its host municipality's (as the signals
read them, `risk_signals`); the preferred source wins when several give the same year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.assessments.models import ThemeIndicator
from fagloft.lib import formatting
from fagloft.organizations.models import Service
from fagloft.statistics.aggregation import SOURCE_PREFERENCE
from fagloft.statistics.models import Indicator, IndicatorValue


@dataclass(frozen=True)
class Figure:
    code: str
    name: str
    value: Decimal
    unit: str
    decimals: int
    year: int
    half: int
    source: str  # in words
    source_detail: str
    recorded_on: Any  # the date the figure was recorded in Fagløft
    is_service_level: bool

    @property
    def shown(self) -> str:
        if self.unit == "prosent":
            return formatting.percent(self.value, self.decimals)
        return f"{formatting.number(self.value, self.decimals)} {self.unit}".strip()

    @property
    def period(self) -> str:
        return str(self.year) if not self.half else f"{self.year}-{self.half}"

    @property
    def sentence(self) -> str:
        """One line of the prefilled text: «Årsverk: 6,5 årsverk (2025; kilde …, registrert 2.1.2026)»."""
        source = f"{self.source}, {self.source_detail}" if self.source_detail else self.source
        return _("{name}: {value} ({period}; kilde: {source}; registrert {date})").format(
            name=self.name,
            value=self.shown,
            period=self.period,
            source=source,
            date=formatting.date(self.recorded_on),
        )


def _rank(source: str) -> int:
    return SOURCE_PREFERENCE.index(source) if source in SOURCE_PREFERENCE else len(SOURCE_PREFERENCE)


def theme_figures(service: Service, year: int) -> dict[int, list[Figure]]:
    """{theme id: the latest figure (up to `year` + 1, as the assessment is written early the next
    year) of each of the theme's indicators}. Three queries for all themes."""
    mapping = list(ThemeIndicator.objects.order_by("theme_id", "sort_order", "indicator_code"))
    if not mapping:
        return {}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={m.indicator_code for m in mapping})}
    sources = dict(IndicatorValue.Source.choices)
    rows = IndicatorValue.objects.filter(
        Q(service_id=service.pk) | Q(municipality_id=service.host_municipality_id, service__isnull=True),
        indicator__code__in=list(indicators),
        year__lte=year + 1,
        value__isnull=False,
    ).values_list("indicator__code", "year", "half", "value", "source", "source_detail", "recorded_at", "service_id")
    best: dict[str, tuple[tuple[Any, ...], Figure]] = {}
    for code, value_year, half, value, source, detail, recorded_at, service_id in rows:
        if value is None:
            continue
        indicator = indicators[code]
        # Newest period first; the service's own figure before its host's; then the source order.
        key = (value_year, 3 if half == 0 else half, 1 if service_id else 0, -_rank(source))
        if code not in best or key > best[code][0]:
            best[code] = (
                key,
                Figure(
                    code,
                    indicator.name,
                    value,
                    indicator.unit,
                    indicator.decimals,
                    value_year,
                    half,
                    str(sources.get(source, source)),
                    detail,
                    timezone.localtime(recorded_at).date() if recorded_at else None,
                    bool(service_id),
                ),
            )
    result: dict[int, list[Figure]] = defaultdict(list)
    for row in mapping:
        if row.indicator_code in best:
            result[row.theme_id].append(best[row.indicator_code][1])
    return dict(result)


def prefill_text(figures: list[Figure]) -> str:
    """The text «status i dag» starts with when empty: one line per figure."""
    if not figures:
        return ""
    return "\n".join([_("Tall fra Fagløft-statistikken:"), *(f"– {figure.sentence}" for figure in figures)])
