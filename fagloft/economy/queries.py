"""Reads for the pages, the API and other apps (organising reads the cost risk through these names).

Stable interface:
- `cost_model(municipality, year) -> CostModel`: the inputs per kind of measure, each with its source
  (the municipality's stored model, its KOSTRA figures, or the national rate per 1 000 children
  scaled to its children 0–17, marked as such), with the year's co-payment rates;
- `standalone_risk(municipality, year, *, runs=20000, seed=1) -> RiskSummary` (kroner, floats);
- `pooled_risk(municipalities, year, *, key="children", runs=20000, seed=1) -> PoolSummary` with
  `.members[municipality_id] = MemberRisk(standalone, pooled_share)` and `.total`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from fagloft.accounts.access import visible
from fagloft.economy import models as m
from fagloft.economy import simulation as sim
from fagloft.economy.permissions import VIEW_COSTS
from fagloft.organizations.models import Municipality, Population

KOSTRA_INSTITUTION = "kostra-plasseringer-institusjon"
KOSTRA_FOSTER_OTHER = "kostra-plasseringer-fosterhjem-ellers"
KOSTRA_FOSTER_FAMILY_SHARE = "kostra-plasseringer-fosterhjem-familie"


@dataclass(frozen=True)
class Rate:
    kind: str
    year: int  # the year asked for
    monthly_rate: int
    rate_year: int | None  # the year of the row used (None: no row at all)
    confirmed: bool  # a confirmed row for exactly this year
    source: str = ""
    existing_placement_rate: int | None = None

    @property
    def borrowed(self) -> bool:
        return self.rate_year is not None and self.rate_year != self.year


@dataclass(frozen=True)
class KindModel:
    kind: str
    label: str
    carried: int
    carried_source: str
    carried_detail: str
    new_per_year: float
    new_source: str
    new_detail: str
    dispersion: float | None
    duration: sim.Duration
    monthly_rate: float
    rate: Rate | None  # None for ordinary foster homes (a municipal cost, not a co-payment)

    @property
    def count_distribution(self) -> str:
        return sim.POISSON if self.dispersion is None else sim.NEGATIVE_BINOMIAL

    @property
    def rate_confirmed(self) -> bool:
        return self.rate is None or self.rate.confirmed

    def inputs(self) -> list[sim.KindInput]:
        existing = self.rate.existing_placement_rate if self.rate and not self.rate.borrowed else None
        if existing is not None and self.carried:
            # Those carried over into the first year of a new rate were placed under the old one.
            return [
                sim.KindInput(f"{self.kind}_existing", float(existing), 0.0, self.duration, None, self.carried),
                sim.KindInput(self.kind, self.monthly_rate, self.new_per_year, self.duration, self.dispersion),
            ]
        return [
            sim.KindInput(self.kind, self.monthly_rate, self.new_per_year, self.duration, self.dispersion, self.carried)
        ]


@dataclass(frozen=True)
class CostModel:
    municipality_id: int
    municipality_name: str
    year: int
    children: int | None
    children_year: int | None
    population: int | None
    budget: float | None
    years: int
    timing: str
    ordinary_foster_monthly_cost: int
    lines: tuple[KindModel, ...]
    stored_pk: int | None = None
    version: int | None = None

    @property
    def unconfirmed(self) -> list[KindModel]:
        return [line for line in self.lines if not line.rate_confirmed]

    @property
    def uses_national_rates(self) -> bool:
        return any(m.InputSource.NATIONAL in (line.carried_source, line.new_source) for line in self.lines)

    def as_input(self) -> sim.ModelInput:
        kinds = tuple(k for line in self.lines for k in line.inputs())
        return sim.ModelInput(kinds, years=self.years, timing=self.timing, budget=self.budget)

    @property
    def expected_cost(self) -> float:
        return sim.expected_cost(self.as_input())

    def as_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality_id,
            "municipality_name": self.municipality_name,
            "year": self.year,
            "children_0_17": self.children,
            "children_year": self.children_year,
            "population": self.population,
            "budget": self.budget,
            "years": self.years,
            "timing": self.timing,
            "stored_model": self.stored_pk,
            "version": self.version,
            "expected_cost": self.expected_cost,
            "kinds": [
                {
                    "kind": line.kind,
                    "label": line.label,
                    "carried_over": line.carried,
                    "carried_source": line.carried_source,
                    "carried_source_detail": line.carried_detail,
                    "new_placements": {
                        "distribution": line.count_distribution,
                        "mean": line.new_per_year,
                        **({"dispersion": line.dispersion} if line.dispersion is not None else {}),
                    },
                    "new_source": line.new_source,
                    "new_source_detail": line.new_detail,
                    "duration": line.duration.as_dict(),
                    "mean_duration_months": line.duration.mean,
                    "monthly_rate": line.monthly_rate,
                    "rate_year": line.rate.rate_year if line.rate else None,
                    "rate_confirmed": line.rate_confirmed,
                    "rate_source": line.rate.source if line.rate else "",
                }
                for line in self.lines
            ],
        }


@dataclass(frozen=True)
class RiskSummary:
    mean: float
    p50: float
    p90: float
    p99: float
    es99: float
    expected_cost: float
    prob_over_budget: float | None = None
    budget: float | None = None

    @classmethod
    def of(cls, summary: sim.Summary) -> RiskSummary:
        return cls(
            mean=summary.mean,
            p50=summary.p50,
            p90=summary.p90,
            p99=summary.p99,
            es99=summary.es99,
            expected_cost=summary.expected_cost,
            prob_over_budget=summary.prob_over_budget,
            budget=summary.budget,
        )

    @property
    def p99_over_mean(self) -> float | None:
        return self.p99 / self.mean - 1 if self.mean else None

    @property
    def es99_over_mean(self) -> float | None:
        return self.es99 / self.mean - 1 if self.mean else None


@dataclass(frozen=True)
class MemberRisk:
    standalone: RiskSummary
    pooled_share: RiskSummary
    share: float = 0.0

    @property
    def p99_reduction(self) -> float | None:
        """How much lower the member's P99 is in the pool, relative to its mean (0.3 = 30 % of the mean)."""
        mean = self.standalone.mean
        return (self.standalone.p99 - self.pooled_share.p99) / mean if mean else None

    @property
    def es99_reduction(self) -> float | None:
        mean = self.standalone.mean
        return (self.standalone.es99 - self.pooled_share.es99) / mean if mean else None


@dataclass(frozen=True)
class PoolSummary:
    key: str
    year: int
    runs: int
    seed: int
    members: dict[int, MemberRisk]
    total: RiskSummary
    models: dict[int, CostModel] = field(default_factory=dict)


# Rates ----------------------------------------------------------------------------------------


def rate_rows() -> list[m.CoPaymentRate]:
    return list(m.CoPaymentRate.objects.order_by("kind", "year"))


def rate_for(kind: str, year: int, rows: Iterable[m.CoPaymentRate] | None = None) -> Rate:
    """The rate of `year`, or (unconfirmed for this year) the newest earlier one, or the earliest."""
    candidates = [r for r in (rows if rows is not None else rate_rows()) if r.kind == kind]
    exact = next((r for r in candidates if r.year == year), None)
    earlier = [r for r in candidates if r.year < year]
    row = exact or (earlier[-1] if earlier else (candidates[0] if candidates else None))
    if row is None:
        return Rate(kind, year, 0, None, False)
    return Rate(
        kind,
        year,
        row.monthly_rate,
        row.year,
        confirmed=row.year == year and row.confirmed,
        source=row.source,
        existing_placement_rate=row.existing_placement_rate,
    )


def rates_by_year() -> list[tuple[int, dict[str, m.CoPaymentRate]]]:
    """[(year, {kind: row})], newest year first, for the rate table."""
    table: dict[int, dict[str, m.CoPaymentRate]] = {}
    for row in rate_rows():
        table.setdefault(row.year, {})[row.kind] = row
    return sorted(table.items(), reverse=True)


def responsibility_matrix() -> list[tuple[m.ResponsibilityTask, dict[str, m.Responsibility]]]:
    tasks = m.ResponsibilityTask.objects.prefetch_related("cells").order_by("order")
    return [(task, {cell.regime: cell for cell in task.cells.all()}) for task in tasks]


# The cost model -------------------------------------------------------------------------------


def _population(municipality: Municipality, year: int) -> Population | None:
    """The newest population figures up to `year` (following a single predecessor after renumbering)."""
    row = Population.objects.filter(municipality=municipality, year__lte=year).order_by("-year").first()
    if row is None:
        predecessors = list(municipality.predecessors.all()[:2])
        if len(predecessors) == 1:
            return _population(predecessors[0], year)
    return row


def _populations(municipalities: Sequence[Municipality], year: int) -> dict[int, Population | None]:
    """`_population` for many municipalities: one query, plus the renumbering fallback for those
    without figures of their own."""
    found: dict[int, Population | None] = {}
    rows = Population.objects.filter(municipality__in=[mu.pk for mu in municipalities], year__lte=year).order_by(
        "municipality_id", "-year"
    )
    for row in rows:
        found.setdefault(row.municipality_id, row)
    for municipality in municipalities:
        if municipality.pk not in found:
            found[municipality.pk] = _population(municipality, year)
    return found


@dataclass(frozen=True)
class _KostraValue:
    value: Decimal
    year: int
    source_label: str


_KOSTRA_CODES = (KOSTRA_INSTITUTION, KOSTRA_FOSTER_OTHER, KOSTRA_FOSTER_FAMILY_SHARE)


def _kostra_values(municipalities: Sequence[Municipality], year: int) -> dict[tuple[str, int], _KostraValue]:
    """{(code, municipality id): value}: each KOSTRA figure's newest value (the preferred source
    within the newest period, as `statistics.queries.latest_value`), kept only when it is from
    before `year` + 1. One query for the indicators and one for the values of all municipalities."""
    from fagloft.statistics.models import Indicator, IndicatorValue
    from fagloft.statistics.queries import SOURCE_PREFERENCE

    codes = dict(Indicator.objects.filter(code__in=_KOSTRA_CODES).values_list("pk", "code"))
    if not codes or not municipalities:
        return {}
    by_key = {f"m:{mu.pk}": mu.pk for mu in municipalities}
    rank: dict[str, int] = {str(source): position for position, source in enumerate(SOURCE_PREFERENCE)}
    labels = dict(IndicatorValue.Source.choices)
    newest: dict[tuple[int, str], tuple[int, int, int, Any, str]] = {}
    rows = IndicatorValue.objects.filter(indicator__in=list(codes), unit_key__in=list(by_key)).values_list(
        "indicator_id", "unit_key", "year", "half", "value", "source"
    )
    for indicator_id, unit_key, value_year, half, value, source in rows:
        # The newest period wins; within it the preferred source (as `statistics.queries.preferred`).
        candidate = (value_year, half, -rank.get(source, 99), value, source)
        current = newest.get((indicator_id, unit_key))
        if current is None or candidate[:3] > current[:3]:
            newest[(indicator_id, unit_key)] = candidate
    found: dict[tuple[str, int], _KostraValue] = {}
    for (indicator_id, unit_key), (value_year, _half, _rank, value, source) in newest.items():
        if value is not None and value_year < year + 1:
            found[(codes[indicator_id], by_key[unit_key])] = _KostraValue(
                Decimal(value), value_year, str(labels.get(source, source))
            )
    return found


def _kostra_counts(
    municipality: Municipality, year: int, values: dict[tuple[str, int], _KostraValue] | None = None
) -> dict[str, tuple[int, str]]:
    """Children in institutions and foster homes at the end of the year before, from KOSTRA."""
    if values is None:
        values = _kostra_values([municipality], year)
    found: dict[str, tuple[int, str]] = {}

    def value(code: str) -> _KostraValue | None:
        return values.get((code, municipality.pk))

    institution = value(KOSTRA_INSTITUTION)
    if institution is not None:
        found[m.MeasureKind.INSTITUTION] = (
            int(institution.value),
            f"KOSTRA: barn i institusjon per 31.12.{institution.year} ({institution.source_label})",
        )
    other, family_share = value(KOSTRA_FOSTER_OTHER), value(KOSTRA_FOSTER_FAMILY_SHARE)
    if other is not None:
        share = Decimal(family_share.value) / 100 if family_share is not None else Decimal(0)
        total = int(round(Decimal(other.value) / (1 - share))) if share < 1 else int(other.value)
        detail = f"KOSTRA: barn i andre fosterhjem per 31.12.{other.year}"
        if family_share is not None:
            detail += f", og andelen i familie og nettverk ({family_share.year})"
        found[m.MeasureKind.ORDINARY_FOSTER] = (total, detail)
    return found


def _duration(distribution: str, mean: Any, sd: Any) -> sim.Duration:
    return sim.Duration(distribution, float(mean), float(sd))


def _label(kind: str) -> str:
    return str(m.MeasureKind(kind).label)


def stored_model(municipality: Municipality, year: int) -> m.CostModel | None:
    return m.CostModel.objects.filter(municipality=municipality, year=year).prefetch_related("lines").first()


def derived_lines(
    municipality: Municipality,
    year: int,
    children: int | None,
    *,
    national_rates: dict[str, m.NationalRate] | None = None,
    kostra: dict[str, tuple[int, str]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Inputs per kind from KOSTRA where present, else the national rates scaled to the children 0–17.
    `national_rates` and `kostra` may be given when loaded in bulk for many municipalities."""
    national = national_rates if national_rates is not None else {n.kind: n for n in m.NationalRate.objects.all()}
    if kostra is None:
        kostra = _kostra_counts(municipality, year)
    lines: dict[str, dict[str, Any]] = {}
    scale = (children or 0) / 1000
    for kind in m.MeasureKind:
        rate = national.get(kind)
        if rate is None:
            continue
        marker = "" if not rate.is_assumption else " (antakelse)"
        national_detail = f"Nasjonal rate {{value}} per 1 000 barn × {children or 0} barn 0–17 år{marker}"
        if kind in kostra:
            carried, carried_detail = kostra[kind]
            carried_source = m.InputSource.KOSTRA
        else:
            carried = int(round(float(rate.stock_per_1000) * scale))
            carried_source = m.InputSource.NATIONAL
            carried_detail = national_detail.format(value=rate.stock_per_1000)
        lines[kind] = {
            "kind": kind,
            "carried_over": carried,
            "carried_source": carried_source,
            "carried_source_detail": carried_detail[:300],
            "new_per_year": Decimal(str(round(float(rate.new_per_1000) * scale, 3))),
            "new_source": m.InputSource.NATIONAL,
            "new_source_detail": national_detail.format(value=rate.new_per_1000)[:300],
            "count_distribution": m.CountDistribution.NEGATIVE_BINOMIAL
            if rate.dispersion
            else m.CountDistribution.POISSON,
            "dispersion": rate.dispersion,
            "duration_distribution": m.DurationDistribution.LOGNORMAL,
            "mean_months": rate.mean_months,
            "sd_months": rate.sd_months,
        }
    return lines


def cost_model(municipality: Municipality, year: int) -> CostModel:
    """The municipality's cost model for `year`: its stored inputs, or inputs derived from statistics."""
    return cost_models([municipality], year)[municipality.pk]


def cost_models(municipalities: Sequence[Municipality], year: int) -> dict[int, CostModel]:
    """{municipality id: `cost_model(municipality, year)`} for many municipalities in a fixed number
    of queries (the county page reads every municipality's model; one by one that was about seven
    queries each)."""
    municipalities = list(municipalities)
    populations = _populations(municipalities, year)
    stored_of = {
        row.municipality_id: row
        for row in m.CostModel.objects.filter(municipality__in=[mu.pk for mu in municipalities], year=year)
        .prefetch_related("lines")
        .order_by("pk")
    }
    rows = rate_rows()
    national = {n.kind: n for n in m.NationalRate.objects.all()}
    kostra = _kostra_values(municipalities, year)
    return {
        municipality.pk: _cost_model(
            municipality,
            year,
            populations.get(municipality.pk),
            stored_of.get(municipality.pk),
            rows,
            derived_lines(
                municipality,
                year,
                _children(populations.get(municipality.pk)),
                national_rates=national,
                kostra=_kostra_counts(municipality, year, kostra),
            ),
        )
        for municipality in municipalities
    }


def _children(population: Population | None) -> int | None:
    return population.children if population else None


def _cost_model(
    municipality: Municipality,
    year: int,
    population: Population | None,
    stored: m.CostModel | None,
    rows: list[m.CoPaymentRate],
    derived: dict[str, dict[str, Any]],
) -> CostModel:
    children = population.children if population else None
    stored_lines = {line.kind: line for line in stored.lines.all()} if stored else {}
    foster_cost = stored.ordinary_foster_monthly_cost if stored else 0
    lines: list[KindModel] = []
    for kind in m.MeasureKind:
        line: Any = stored_lines.get(kind)
        data = (
            {
                "carried_over": line.carried_over,
                "carried_source": line.carried_source,
                "carried_source_detail": line.carried_source_detail,
                "new_per_year": line.new_per_year,
                "new_source": line.new_source,
                "new_source_detail": line.new_source_detail,
                "count_distribution": line.count_distribution,
                "dispersion": line.dispersion,
                "duration_distribution": line.duration_distribution,
                "mean_months": line.mean_months,
                "sd_months": line.sd_months,
            }
            if line is not None
            else derived.get(kind)
        )
        if data is None:
            continue
        rate = None if kind == m.MeasureKind.ORDINARY_FOSTER else rate_for(kind, year, rows)
        monthly = float(foster_cost) if rate is None else float(rate.monthly_rate)
        negbin = data["count_distribution"] == m.CountDistribution.NEGATIVE_BINOMIAL and data["dispersion"]
        lines.append(
            KindModel(
                kind=kind,
                label=_label(kind),
                carried=int(data["carried_over"]),
                carried_source=str(data["carried_source"]),
                carried_detail=data["carried_source_detail"],
                new_per_year=float(data["new_per_year"]),
                new_source=str(data["new_source"]),
                new_detail=data["new_source_detail"],
                dispersion=float(data["dispersion"]) if negbin else None,
                duration=_duration(data["duration_distribution"], data["mean_months"], data["sd_months"]),
                monthly_rate=monthly,
                rate=rate,
            )
        )
    return CostModel(
        municipality_id=municipality.pk,
        municipality_name=municipality.name,
        year=year,
        children=children,
        children_year=population.year if population else None,
        population=population.total if population else None,
        budget=float(stored.budget) if stored and stored.budget is not None else None,
        years=stored.years if stored else 1,
        timing=stored.timing if stored else sim.SPREAD,
        ordinary_foster_monthly_cost=foster_cost,
        lines=tuple(lines),
        stored_pk=stored.pk if stored else None,
        version=stored.version if stored else None,
    )


def scenario_change(scenario: m.Scenario | None) -> sim.ScenarioChange | None:
    if scenario is None:
        return None
    return sim.ScenarioChange(
        institution_factor=float(scenario.institution_factor),
        placement_factor=float(scenario.placement_factor),
        bought_share=float(scenario.bought_share),
        bought_monthly_rate=float(scenario.bought_monthly_rate),
    )


def model_input(model: CostModel, scenario: m.Scenario | None = None, years: int | None = None) -> sim.ModelInput:
    inputs = model.as_input()
    if years is not None and years != inputs.years:
        inputs = sim.ModelInput(inputs.kinds, years=years, timing=inputs.timing, budget=inputs.budget)
    change = scenario_change(scenario)
    return sim.apply_scenario(inputs, change) if change else inputs


# Risk -----------------------------------------------------------------------------------------


def standalone_risk(municipality: Municipality, year: int, *, runs: int = 20000, seed: int = 1) -> RiskSummary:
    """The municipality's simulated yearly cost of the measures alone (kroner)."""
    result = sim.simulate(model_input(cost_model(municipality, year)), runs=runs, seed=seed)
    return RiskSummary.of(result.summary)


def standalone_risks(
    municipalities: Sequence[Municipality], year: int, *, runs: int = 20000, seed: int = 1
) -> dict[int, RiskSummary | None]:
    """`standalone_risk` of many municipalities (the same figures, each simulated with its own seed),
    with their cost models read in bulk. None for a municipality whose model cannot be simulated
    (no rates or figures)."""
    municipalities = list(municipalities)
    try:
        models = cost_models(municipalities, year)
    except (ValueError, ArithmeticError):
        # One municipality's stored model cannot be read (say an invalid duration): the others
        # still get their figures, read one by one.
        models = {}
        for municipality in municipalities:
            try:
                models[municipality.pk] = cost_model(municipality, year)
            except (ValueError, ArithmeticError):
                continue
    found: dict[int, RiskSummary | None] = {municipality.pk: None for municipality in municipalities}
    for municipality_id, model in models.items():
        try:
            result = sim.simulate(model_input(model), runs=runs, seed=seed)
        except (ValueError, ArithmeticError):
            found[municipality_id] = None
        else:
            found[municipality_id] = RiskSummary.of(result.summary)
    return found


def pool_members(models: Sequence[CostModel], years: int | None = None) -> list[sim.Member]:
    horizon = years or 1
    return [
        sim.Member(
            key=model.municipality_id,
            model=model_input(model, years=horizon),
            children=float(model.children or 0),
            population=float(model.population or 0),
        )
        for model in models
    ]


def pooled_risk(
    municipalities: Iterable[Municipality],
    year: int,
    *,
    key: str = "children",
    runs: int = 20000,
    seed: int = 1,
    years: int = 1,
) -> PoolSummary:
    """The members simulated jointly (same draws), the pooled cost split by `key`
    (children, population, equal or usage), each member's risk alone and as its share."""
    municipalities = list(municipalities)
    by_id = cost_models(municipalities, year)
    models = [by_id[municipality.pk] for municipality in municipalities]
    result = sim.pool(pool_members(models, years), key=key, runs=runs, seed=seed)
    members = {
        int(member.key): MemberRisk(
            standalone=RiskSummary.of(member.standalone),
            pooled_share=RiskSummary.of(member.pooled_share),
            share=member.share,
        )
        for member in result.members
    }
    return PoolSummary(
        key=key,
        year=year,
        runs=runs,
        seed=seed,
        members=members,
        total=RiskSummary.of(result.total),
        models={model.municipality_id: model for model in models},
    )


# Stored runs ----------------------------------------------------------------------------------


def visible_runs(user: Any) -> QuerySet[m.SimulationRun]:
    return visible(user, VIEW_COSTS, m.SimulationRun.objects.select_related("municipality", "scenario"))


def runs_of(user: Any, municipality: Municipality) -> QuerySet[m.SimulationRun]:
    return visible_runs(user).filter(municipality=municipality)


def latest_run(municipality: Municipality, year: int | None = None) -> m.SimulationRun | None:
    runs = m.SimulationRun.objects.filter(municipality=municipality, status=m.SimulationRun.Status.DONE)
    if year is not None:
        runs = runs.filter(year=year)
    return runs.order_by("-created_at", "-pk").first()


def previous_year_run(run: m.SimulationRun) -> m.SimulationRun | None:
    """The newest finished run of the year before, to compare with."""
    return latest_run(run.municipality, run.year - 1)
