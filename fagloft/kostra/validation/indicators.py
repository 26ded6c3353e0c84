"""Figures a service can derive from its own 15F file, as numerator/denominator counts.

Each indicator is documented in `DEFINITIONS` with the XML fields that drive it. Only clients
whose record passed the schema are counted. Everything is counted for the reporting year
(1 January to 31 December); "at year end" means on 31 December.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from fagloft.kostra.validation.records import Individ, Tiltak

# The statutory deadline for reviewing a referral is one week: 8 days or more is a breach.
REFERRAL_DEADLINE_DAYS = 7
FAMILY_FOSTER_HOMES = ("2.1", "2.6")
ACTION_PLAN = "1"  # Plantype 1: tiltaksplan, BVL2021 § 8-1 (BVL § 4-5)


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    unit: str  # "prosent" or "antall"
    numerator: str
    denominator: str
    fields: str


DEFINITIONS: list[Definition] = [
    Definition(
        "kostra-meldinger-innen-frist",
        "Meldinger gjennomgått innen en uke",
        "prosent",
        "meldinger avsluttet i året med høyst 7 dager fra mottatt til avsluttet",
        "meldinger avsluttet i året",
        "Melding/@StartDato, Melding/@SluttDato",
    ),
    Definition(
        "kostra-undersokelser-innen-frist",
        "Undersøkelser avsluttet innen 3 måneder",
        "prosent",
        "undersøkelser avsluttet i året innen 3 måneder etter start",
        "undersøkelser avsluttet i året",
        "Undersokelse/@StartDato, Undersokelse/@SluttDato",
    ),
    Definition(
        "kostra-undersokelser-innen-6-mnd",
        "Undersøkelser avsluttet innen 6 måneder (særlige tilfeller)",
        "prosent",
        "undersøkelser avsluttet i året innen 6 måneder etter start",
        "undersøkelser avsluttet i året",
        "Undersokelse/@StartDato, Undersokelse/@SluttDato",
    ),
    Definition(
        "kostra-meldinger-mottatt",
        "Meldinger mottatt i året",
        "antall",
        "meldinger med startdato i året",
        "",
        "Melding/@StartDato",
    ),
    Definition(
        "kostra-barn-med-undersokelse",
        "Barn med undersøkelse i året",
        "antall",
        "barn med minst én undersøkelse som pågikk i året",
        "",
        "Undersokelse/@StartDato, @SluttDato",
    ),
    Definition(
        "kostra-barn-med-tiltak",
        "Barn med tiltak i løpet av året",
        "antall",
        "barn med minst ett tiltak som pågikk i året",
        "",
        "Tiltak/@StartDato, Tiltak/@SluttDato",
    ),
    Definition(
        "kostra-barn-med-tiltak-3112",
        "Barn med tiltak per 31.12.",
        "antall",
        "barn med minst ett tiltak som pågikk 31.12.",
        "",
        "Tiltak/@StartDato, Tiltak/@SluttDato",
    ),
    Definition(
        "kostra-tiltaksplan-andel",
        "Barn i hjelpetiltak med tiltaksplan",
        "prosent",
        "barn i hjelpetiltak per 31.12. som har en gjeldende tiltaksplan (plantype 1)",
        "barn i hjelpetiltak per 31.12. (tiltak som ikke er plassering eller omsorgstiltak)",
        "Tiltak/Kategori/@Kode, Tiltak/Lovhjemmel, Plan/@Plantype, Plan/@StartDato, Plan/@SluttDato",
    ),
    Definition(
        "kostra-tiltaksplan-evaluert",
        "Barn i hjelpetiltak med evaluert tiltaksplan",
        "prosent",
        "barn i hjelpetiltak med tiltaksplan per 31.12. der planen er evaluert i året",
        "barn i hjelpetiltak med tiltaksplan per 31.12.",
        "Plan/@Plantype, Plan/@EvaluertDato",
    ),
    Definition(
        "kostra-plasseringer-fosterhjem-familie",
        "Barn i fosterhjem i familie og nettverk",
        "prosent",
        "barn i fosterhjem per 31.12. der fosterhjemmet er i familie/nettverk (kategori 2.1 eller 2.6)",
        "barn i fosterhjem per 31.12. (kategori 2.x)",
        "Tiltak/Kategori/@Kode, Tiltak/@StartDato, @SluttDato",
    ),
    Definition(
        "kostra-plasseringer-fosterhjem-ellers",
        "Barn i andre fosterhjem per 31.12.",
        "antall",
        "barn i fosterhjem utenfor familie/nettverk per 31.12. (kategori 2.2-2.5, 2.99)",
        "",
        "Tiltak/Kategori/@Kode",
    ),
    Definition(
        "kostra-plasseringer-institusjon",
        "Barn i institusjon per 31.12.",
        "antall",
        "barn i institusjon per 31.12. (kategori 1.x)",
        "",
        "Tiltak/Kategori/@Kode",
    ),
    Definition(
        "kostra-flyttinger-per-plassert-barn",
        "Flyttinger per barn plassert utenfor hjemmet",
        "per barn",
        "flyttinger i året",
        "barn med plasseringstiltak i året",
        "Flytting/@SluttDato, Tiltak/Kategori/@Kode",
    ),
]
BY_CODE = {d.code: d for d in DEFINITIONS}


def add_months(date: datetime.date, months: int) -> datetime.date:
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


def _active(start: datetime.date, end: datetime.date | None, first: datetime.date, last: datetime.date) -> bool:
    return start <= last and (end is None or end >= first)


def within_months(start: datetime.date, end: datetime.date, months: int) -> bool:
    """`end <= add_months(start, months)`, without building dates (runs for every investigation)."""
    diff = (end.year - start.year) * 12 + end.month - start.month
    return diff < months or (diff == months and end.day <= start.day)


class Derivation:
    """Counts accumulated one client at a time (bounded memory)."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.first = datetime.date(year, 1, 1)
        self.last = datetime.date(year, 12, 31)
        self.num: dict[str, int] = dict.fromkeys(BY_CODE, 0)
        self.den: dict[str, int] = dict.fromkeys(BY_CODE, 0)

    def add(self, individ: Individ) -> None:
        if individ.meldinger:
            self._referrals(individ)
        if individ.undersokelser:
            self._investigations(individ)
        if individ.tiltak or individ.flyttinger:
            self._measures(individ)

    def _referrals(self, individ: Individ) -> None:
        num, den, first, last, year = self.num, self.den, self.first, self.last, self.year
        for m in individ.meldinger:
            if first <= m.start <= last:
                num["kostra-meldinger-mottatt"] += 1
            if m.slutt is not None and m.slutt.year == year and m.slutt >= m.start:
                den["kostra-meldinger-innen-frist"] += 1
                if (m.slutt - m.start).days <= REFERRAL_DEADLINE_DAYS:
                    num["kostra-meldinger-innen-frist"] += 1

    def _investigations(self, individ: Individ) -> None:
        num, den = self.num, self.den
        any_active = False
        for u in individ.undersokelser:
            any_active = any_active or _active(u.start, u.slutt, self.first, self.last)
            if u.slutt is not None and u.slutt.year == self.year and u.slutt >= u.start:
                den["kostra-undersokelser-innen-frist"] += 1
                den["kostra-undersokelser-innen-6-mnd"] += 1
                num["kostra-undersokelser-innen-frist"] += within_months(u.start, u.slutt, 3)
                num["kostra-undersokelser-innen-6-mnd"] += within_months(u.start, u.slutt, 6)
        num["kostra-barn-med-undersokelse"] += any_active

    def _measures(self, individ: Individ) -> None:
        first, last = self.first, self.last
        during = [t for t in individ.tiltak if t.start <= last and (t.slutt is None or t.slutt >= first)]
        at_end = [t for t in during if t.slutt is None or t.slutt >= last]
        self.num["kostra-barn-med-tiltak"] += bool(during)
        self.num["kostra-barn-med-tiltak-3112"] += bool(at_end)
        if at_end:
            self._plans(individ, at_end)
            self._placements(at_end)
        if any(t.is_placement for t in during):
            self.num["kostra-flyttinger-per-plassert-barn"] += sum(
                1 for f in individ.flyttinger if f.slutt.year == self.year
            )
            self.den["kostra-flyttinger-per-plassert-barn"] += 1

    def _plans(self, individ: Individ, at_end: list[Tiltak]) -> None:
        # Children in support measures only (hjelpetiltak): no placement or care order at year end.
        if any(t.is_placement or t.is_care_order for t in at_end):
            return
        first, last = self.first, self.last
        plans = [
            p
            for p in individ.planer
            if p.plantype == ACTION_PLAN and p.start <= last and (p.slutt is None or p.slutt >= last)
        ]
        self.num["kostra-tiltaksplan-andel"] += bool(plans)
        self.den["kostra-tiltaksplan-andel"] += 1
        if plans:
            evaluated = any(p.evaluert is not None and first <= p.evaluert <= last for p in plans)
            self.num["kostra-tiltaksplan-evaluert"] += evaluated
            self.den["kostra-tiltaksplan-evaluert"] += 1

    def _placements(self, at_end: list[Tiltak]) -> None:
        codes = {t.kategori.kode for t in at_end if t.is_placement and t.kategori is not None}
        if not codes:
            return
        foster = {c for c in codes if c.startswith("2.")}
        if foster:
            in_family = bool(foster & set(FAMILY_FOSTER_HOMES))
            self.num["kostra-plasseringer-fosterhjem-familie"] += in_family
            self.den["kostra-plasseringer-fosterhjem-familie"] += 1
            if not in_family:
                self.num["kostra-plasseringer-fosterhjem-ellers"] += 1
        if any(c.startswith("1.") for c in codes):
            self.num["kostra-plasseringer-institusjon"] += 1

    def result(self) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for definition in DEFINITIONS:
            numerator, denominator = self.num[definition.code], self.den[definition.code]
            out[definition.code] = {
                "name": definition.name,
                "unit": definition.unit,
                "numerator": numerator,
                "denominator": denominator if definition.denominator else None,
                "value": _value(definition, numerator, denominator),
                "fields": definition.fields,
            }
        return out


def _value(definition: Definition, numerator: int, denominator: int) -> float | None:
    if not definition.denominator:
        return float(numerator)
    if denominator == 0:
        return None
    ratio = numerator / denominator
    return round(ratio * 100, 1) if definition.unit == "prosent" else round(ratio, 2)
