"""Coverage rules (pure: plain data in, plain data out; `queries.coverage_for` loads the data).

Seed 004: a municipality must be able to offer good help on every level of the measures pyramid,
available when the need arises, which takes both competence and capacity. So an offer counts for a
municipality on a day only when:

- it is delivered by the service's own staff and, if the intervention needs certification, at
  least one of the named staff is still employed and holds a current certification in its method
  (a certification lapses `certification_valid_years` after the year it was taken; unknown = never);
- or it is a neighbour's offer under a cooperation agreement that is valid on the day and to which
  the municipality is a party;
- or it is delivered by Bufetat or a private provider.

A level is covered when at least one offer on it counts. Bufdir's recommended measures are checked
one by one: a measure is available when a counting offer is of one of its interventions or of an
intervention in one of its categories. Capacity is short where the waiting time is longer than
`WAITING_WEEKS_LIMIT`, where no capacity is given as 0, or, on the indicated level, where the
municipality places clearly more children outside the home per 1 000 than the nation
(`PLACEMENT_PRESSURE`) — a sign that home-based help comes too late or too little.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

LEVELS = ("universal", "selected", "indicated")
WAITING_WEEKS_LIMIT = 6
PLACEMENT_PRESSURE = Decimal("1.25")  # 25 % above the national figure


@dataclass(frozen=True)
class InterventionFact:
    id: int
    name: str
    levels: frozenset[str]
    categories: frozenset[str]
    certification_required: bool = False
    certification_method: str = ""
    certification_valid_years: int | None = None


@dataclass(frozen=True)
class StaffFact:
    employee_id: int
    employed: bool
    methods: Mapping[str, int]


@dataclass(frozen=True)
class OfferFact:
    id: int
    service_id: int
    intervention_id: int
    delivery: str  # own | neighbour | bufetat | private
    served: frozenset[int]  # the municipalities the service covers on the day
    agreement_valid: bool = False
    agreement_parties: frozenset[int] = frozenset()
    staff: tuple[StaffFact, ...] = ()
    capacity: int | None = None
    waiting_weeks: int | None = None


@dataclass(frozen=True)
class RecommendedFact:
    id: int
    name: str
    level: str
    interventions: frozenset[int]
    categories: frozenset[str]


@dataclass(frozen=True)
class OfferVerdict:
    offer: OfferFact
    intervention: InterventionFact
    counts_for: frozenset[int]
    problems: tuple[str, ...]
    certified_staff: int
    capacity_short: bool

    @property
    def flagged(self) -> bool:
        return bool(self.problems)


@dataclass
class LevelCoverage:
    level: str
    offered: list[OfferVerdict] = field(default_factory=list)
    flagged: list[OfferVerdict] = field(default_factory=list)
    recommended: list[RecommendedFact] = field(default_factory=list)
    missing: list[RecommendedFact] = field(default_factory=list)
    capacity_short: list[str] = field(default_factory=list)
    owner: str = ""

    @property
    def covered(self) -> bool:
        return bool(self.offered)

    @property
    def available(self) -> int:
        return len(self.recommended) - len(self.missing)

    @property
    def share(self) -> Decimal | None:
        if not self.recommended:
            return None
        return Decimal(self.available * 100) / len(self.recommended)

    @property
    def status(self) -> str:
        if not self.covered:
            return "missing"
        if self.missing or self.capacity_short or self.flagged:
            return "partial"
        return "covered"


@dataclass
class MunicipalityCoverage:
    municipality_id: int
    levels: dict[str, LevelCoverage]
    placements_per_1000: Decimal | None = None
    national_placements_per_1000: Decimal | None = None

    @property
    def gaps(self) -> int:
        """Levels with no offer at all."""
        return sum(1 for level in self.levels.values() if not level.covered)

    @property
    def recommended(self) -> int:
        return sum(len(level.recommended) for level in self.levels.values())

    @property
    def available(self) -> int:
        return sum(level.available for level in self.levels.values())

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.available * 100) / self.recommended if self.recommended else None

    @property
    def flagged(self) -> int:
        return sum(len(level.flagged) for level in self.levels.values())


def certification_current(staff: StaffFact, method: str, valid_years: int | None, day: datetime.date) -> bool:
    if not staff.employed or not method:
        return False
    year = staff.methods.get(method)
    if year is None:
        return False
    return valid_years is None or year + valid_years >= day.year


def judge_offer(offer: OfferFact, intervention: InterventionFact, day: datetime.date) -> OfferVerdict:
    """Where the offer counts, and why it does not where it does not."""
    problems: list[str] = []
    counts_for = offer.served
    certified = 0
    if offer.delivery == "own":
        if intervention.certification_required:
            certified = sum(
                1
                for s in offer.staff
                if certification_current(
                    s, intervention.certification_method, intervention.certification_valid_years, day
                )
            )
            if not certified:
                if offer.staff:
                    problems.append(_("Ingen av de oppgitte ansatte er i jobb med gyldig sertifisering."))
                else:
                    problems.append(_("Tiltaket krever sertifisering, men ingen sertifiserte ansatte er oppgitt."))
                counts_for = frozenset()
    elif offer.delivery == "neighbour":
        if not offer.agreement_valid:
            problems.append(_("Samarbeidsavtalen mangler eller gjelder ikke lenger."))
            counts_for = frozenset()
        else:
            outside = offer.served - offer.agreement_parties
            counts_for = offer.served & offer.agreement_parties
            if outside:
                problems.append(_("Avtalen omfatter ikke alle kommunene tjenesten dekker."))
    short = offer.capacity == 0 or (offer.waiting_weeks is not None and offer.waiting_weeks > WAITING_WEEKS_LIMIT)
    return OfferVerdict(offer, intervention, frozenset(counts_for), tuple(problems), certified, short)


def municipality_coverage(
    municipality_id: int,
    offers: Iterable[OfferFact],
    interventions: Mapping[int, InterventionFact],
    recommended: Iterable[RecommendedFact],
    day: datetime.date,
    owners: Mapping[str, str] | None = None,
    placements_per_1000: Decimal | None = None,
    national_placements_per_1000: Decimal | None = None,
    verdicts: dict[int, OfferVerdict] | None = None,
) -> MunicipalityCoverage:
    """`verdicts` (offer id -> verdict) lets a caller judge each offer once for many municipalities."""
    levels = {level: LevelCoverage(level, owner=(owners or {}).get(level, "")) for level in LEVELS}
    counting: list[OfferVerdict] = []
    for offer in offers:
        if municipality_id not in offer.served:
            continue
        intervention = interventions[offer.intervention_id]
        verdict = (
            verdicts[offer.id]
            if verdicts is not None and offer.id in verdicts
            else judge_offer(offer, intervention, day)
        )
        counts = municipality_id in verdict.counts_for
        if counts:
            counting.append(verdict)
        for level in intervention.levels:
            target = levels[level]
            (target.offered if counts else target.flagged).append(verdict)
            if counts and verdict.flagged:
                target.flagged.append(verdict)
            if counts and verdict.capacity_short:
                target.capacity_short.append(
                    _("%(name)s: ventetid eller kapasitet strekker ikke til.") % {"name": intervention.name}
                )
    for measure in recommended:
        target = levels[measure.level]
        target.recommended.append(measure)
        if not any(_satisfies(v, measure) for v in counting):
            target.missing.append(measure)
    if (
        placements_per_1000 is not None
        and national_placements_per_1000
        and placements_per_1000 > national_placements_per_1000 * PLACEMENT_PRESSURE
    ):
        levels["indicated"].capacity_short.append(
            _("Kommunen plasserer flere barn utenfor hjemmet per 1 000 barn enn landet (%(own)s mot %(nation)s).")
            % {"own": _one_decimal(placements_per_1000), "nation": _one_decimal(national_placements_per_1000)}
        )
    return MunicipalityCoverage(municipality_id, levels, placements_per_1000, national_placements_per_1000)


def _satisfies(verdict: OfferVerdict, measure: RecommendedFact) -> bool:
    intervention = verdict.intervention
    return intervention.id in measure.interventions or bool(intervention.categories & measure.categories)


def _one_decimal(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")
