"""Signals: indicator values run through the county's and Bufdir's signal rules.

A rule names indicator codes as data, so the same code works whichever indicators the statistics
catalogue (and the competence app, which publishes FTE, turnover and vacancies there) holds. A
rule whose indicator has no value yields a signal marked "no data" rather than failing.

A service's own figures come through the statistics app's queries (its service-level series, or
else its host municipality's); peer figures are read from the statistics tables, read only.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from fagloft.assessments.models import SignalRule
from fagloft.lib import formatting
from fagloft.organizations.models import Service
from fagloft.statistics.aggregation import SOURCE_PREFERENCE
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.queries import Point, series_for_unit

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}
Series = dict[int, float]


@dataclass(frozen=True)
class Signal:
    rule_id: int | None
    name: str
    kind: str
    severity: str
    theme: str
    fired: bool
    has_data: bool
    value: float | None
    reference: float | None
    year: int | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _rank(source: str) -> int:
    """When several sources give a figure for the same unit and year, the statistics app's order wins."""
    return SOURCE_PREFERENCE.index(source) if source in SOURCE_PREFERENCE else len(SOURCE_PREFERENCE)


def _yearly(points: list[Point]) -> Series:
    """One figure per year: the whole year if there is one, else the later half year."""
    best: dict[int, tuple[int, float]] = {}
    for point in points:
        if point.value is None:
            continue
        order = 0 if point.half == 0 else 3 - point.half
        if point.year not in best or order < best[point.year][0]:
            best[point.year] = (order, float(point.value))
    return {year: value for year, (_, value) in best.items()}


def _pick(rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> dict[Any, float]:
    """One value per key: whole year before half years, then the preferred source."""
    best: dict[Any, tuple[tuple[int, int], float]] = {}
    for row in rows:
        if row["value"] is None:
            continue
        order = (0 if row["half"] == 0 else 3 - row["half"], _rank(row["source"]))
        k = key(row)
        if k not in best or order < best[k][0]:
            best[k] = (order, float(row["value"]))
    return {k: v for k, (_, v) in best.items()}


class IndicatorReader:
    """Loads the figures one service's rules need, with a fixed number of queries."""

    FIELDS = (
        "indicator__code",
        "year",
        "half",
        "value",
        "source",
        "service_id",
        "municipality_id",
        "county_id",
        "is_national",
    )

    def __init__(self, service: Service, codes: Iterable[str]) -> None:
        self.service = service
        self.host = service.host_municipality
        indicators = list(Indicator.objects.filter(code__in=set(codes)))
        # Users read an indicator's name, never its code (the code is the rule's data).
        self.names = {indicator.code: indicator.name for indicator in indicators}
        by_service = series_for_unit(f"s:{service.pk}", indicators) if indicators else {}
        by_host = series_for_unit(f"m:{self.host.pk}", indicators) if indicators else {}
        self.own: dict[str, Series] = defaultdict(dict)
        for indicator in indicators:
            # The service's own figure wins over its host municipality's, year by year.
            self.own[indicator.code] = {
                **_yearly(by_host.get(indicator.pk, [])),
                **_yearly(by_service.get(indicator.pk, [])),
            }

    def series(self, code: str) -> Series:
        return dict(self.own.get(code, {}))

    def latest(self, code: str, year: int) -> tuple[int, float] | None:
        years = [y for y in self.own.get(code, {}) if y <= year]
        return (max(years), self.own[code][max(years)]) if years else None

    def peer_value(self, code: str, year: int, peer: str) -> float | None:
        """The reference figure: the county's or nation's own value, else the mean of peer municipalities."""
        base = IndicatorValue.objects.filter(indicator__code=code, year=year)
        if peer == "county":
            own = _pick(base.filter(county_id=self.host.county_id).values(*self.FIELDS), lambda r: 0)
            peers = Q(municipality__county_id=self.host.county_id)
        elif peer == "nation":
            own = _pick(base.filter(is_national=True).values(*self.FIELDS), lambda r: 0)
            peers = Q(municipality__isnull=False)
        else:  # KOSTRA group: municipalities of the same group, never the own one
            if not self.host.kostra_group:
                return None
            own, peers = {}, Q(municipality__kostra_group=self.host.kostra_group)
        if 0 in own:
            return own[0]
        rows = base.filter(peers).exclude(municipality=self.host).values(*self.FIELDS)
        values = list(_pick(rows, lambda r: r["municipality_id"]).values())
        return sum(values) / len(values) if values else None


def least_squares_slope(series: Series) -> float | None:
    """Change per year of the straight line that fits the points best; None with fewer than two."""
    if len(series) < 2:
        return None
    xs, ys = list(series), list(series.values())
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    denominator = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / denominator


def _figure(value: float, most: int = 2) -> str:
    """A figure in the message as the language writes it: «28,95», «31», «1 234,5» (no «28.95», «31.0»)."""
    rounded = Decimal(str(round(value, most))).normalize()
    exponent = rounded.as_tuple().exponent
    return formatting.number(rounded, max(0, -exponent) if isinstance(exponent, int) else 0)


def _signed(text: str, value: float, decimals: int) -> str:
    """A change with its sign: «+0,50», «−1,2 %» (the formatting layer writes the minus sign itself)."""
    return f"+{text}" if round(value, decimals) > 0 else text


def _number(value: Any, default: float = 0.0) -> float:
    try:
        return float(Decimal(str(value)))
    except (ArithmeticError, ValueError, TypeError):
        return default


def _signal(
    rule: SignalRule,
    fired: bool,
    value: float | None,
    reference: float | None,
    year: int | None,
    message: str,
    has_data: bool = True,
) -> Signal:
    theme = rule.theme.code if rule.theme_id and rule.theme else ""
    return Signal(rule.pk, rule.name, rule.kind, rule.severity, theme, fired, has_data, value, reference, year, message)


def _no_data(rule: SignalRule, reader: IndicatorReader) -> Signal:
    name = reader.names.get(rule.indicator_code)
    if name is None:
        return _signal(rule, False, None, None, None, _("Indikatoren finnes ikke i katalogen."), has_data=False)
    return _signal(rule, False, None, None, None, _("Ingen tall for «{name}».").format(name=name), has_data=False)


def evaluate_threshold(rule: SignalRule, reader: IndicatorReader, year: int) -> Signal:
    found = reader.latest(rule.indicator_code, year)
    if found is None:
        return _no_data(rule, reader)
    at, value = found
    op, limit = rule.parameters.get("op", ">"), _number(rule.parameters.get("value"))
    fired = OPERATORS.get(op, operator.gt)(value, limit)
    message = _("{value} i {year} (grense {op} {limit})").format(
        value=_figure(value), year=at, op=op, limit=_figure(limit)
    )
    return _signal(rule, fired, value, limit, at, message)


def evaluate_trend(rule: SignalRule, reader: IndicatorReader, year: int) -> Signal:
    window = int(_number(rule.parameters.get("years"), 3))
    series = {y: v for y, v in reader.series(rule.indicator_code).items() if year - window < y <= year}
    slope = least_squares_slope(series)
    if slope is None:
        return _no_data(rule, reader)
    minimum = _number(rule.parameters.get("min_slope"))
    rising = rule.parameters.get("direction", "up") == "up"
    fired = slope >= minimum if rising else slope <= -minimum
    message = _("Endring {slope} per år over {n} år").format(
        slope=_signed(formatting.number(slope, 2), slope, 2), n=len(series)
    )
    return _signal(rule, fired, round(slope, 4), minimum, max(series), message)


def evaluate_peer(rule: SignalRule, reader: IndicatorReader, year: int) -> Signal:
    found = reader.latest(rule.indicator_code, year)
    if found is None:
        return _no_data(rule, reader)
    at, value = found
    reference = reader.peer_value(rule.indicator_code, at, rule.parameters.get("peer", "county"))
    if reference in (None, 0):
        return _signal(rule, False, value, reference, at, _("Ingen sammenligningstall."), has_data=False)
    deviation = (value - reference) / abs(reference) * 100
    limit, direction = _number(rule.parameters.get("pct"), 20), rule.parameters.get("direction", "either")
    fired = {"above": deviation >= limit, "below": deviation <= -limit}.get(direction, abs(deviation) >= limit)
    message = _("{value} mot {reference} hos sammenlignbare ({deviation})").format(
        value=_figure(value),
        reference=_figure(reference),
        deviation=_signed(formatting.percent(deviation, 1), deviation, 1),
    )
    return _signal(rule, fired, value, reference, at, message)


def evaluate_vulnerability(rule: SignalRule, reader: IndicatorReader, year: int) -> Signal:
    """Fires when at least `min_factors` of the listed factors hold (few FTE, turnover, vacancies …)."""
    factors = rule.parameters.get("factors", [])
    # Staffing is judged as it stands when the assessment is written, early the following year,
    # so by default the figures of the next year count too ("year_offset").
    until = year + int(_number(rule.parameters.get("year_offset"), 1))
    met, known = [], 0
    for factor in factors:
        found = reader.latest(factor.get("indicator", ""), until)
        if found is None:
            continue
        known += 1
        if OPERATORS.get(factor.get("op", ">"), operator.gt)(found[1], _number(factor.get("value"))):
            # A seeded label (reference.py) is in the message catalogue; a hand-written one shows as written.
            met.append(_(str(factor.get("label"))) if factor.get("label") else str(factor.get("indicator")))
    if not known:
        return _signal(rule, False, None, None, None, _("Ingen tall for sårbarhetsfaktorene."), has_data=False)
    minimum = int(_number(rule.parameters.get("min_factors"), 2))
    fired = len(met) >= minimum
    message = _("{met} av {total} faktorer: {names}").format(
        met=len(met), total=len(factors), names=", ".join(met) or "–"
    )
    return _signal(rule, fired, float(len(met)), float(minimum), year, message)


EVALUATORS = {
    SignalRule.Kind.THRESHOLD: evaluate_threshold,
    SignalRule.Kind.TREND: evaluate_trend,
    SignalRule.Kind.PEER: evaluate_peer,
    SignalRule.Kind.VULNERABILITY: evaluate_vulnerability,
}


def rules_for(service: Service) -> list[SignalRule]:
    """Bufdir's national rules and the rules of the service's county."""
    county_id = service.host_municipality.county_id
    return list(
        SignalRule.objects.filter(is_active=True)
        .filter(Q(county__isnull=True) | Q(county_id=county_id))
        .select_related("theme")
        .order_by("kind", "name")
    )


def codes_of(rules: Iterable[SignalRule]) -> set[str]:
    codes = set()
    for rule in rules:
        if rule.indicator_code:
            codes.add(rule.indicator_code)
        codes.update(f.get("indicator", "") for f in rule.parameters.get("factors", []) if isinstance(f, dict))
    return codes


def compute_signals(service: Service, year: int, rules: list[SignalRule] | None = None) -> list[Signal]:
    rules = rules_for(service) if rules is None else rules
    reader = IndicatorReader(service, codes_of(rules))
    return [EVALUATORS[SignalRule.Kind(rule.kind)](rule, reader, year) for rule in rules if rule.kind in EVALUATORS]
