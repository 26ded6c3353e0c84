"""Monte Carlo of a municipality's cost of child welfare measures, alone and pooled (pure numpy).

The model, per kind of measure (institution, specialised foster home, MST/FFT …):
- children already in the measure at the start of the horizon (carried over) stay for a remaining
  time drawn from the kind's duration distribution;
- new placements per year are Poisson or negative binomial (a gamma–Poisson mixture: the yearly
  intensity is gamma with mean `new_per_year` and shape `dispersion`, so the variance is
  λ + λ²/k and Poisson is the limit k → ∞);
- each new placement starts at a uniform time in its year ("spread") or on 1 January ("start"), and
  its duration is drawn per placement;
- only the months that fall inside the horizon (one year, or 3–5 years) are paid, at the kind's
  monthly rate (a co-payment, or the municipality's own monthly cost for ordinary foster homes).

Everything is drawn in bulk per kind: the counts of all runs at once, then one array with every
placement's start and duration, summed back to its run with `np.bincount`. No Python loop runs per
draw, so 100 000 simulated years take well under a second. `expected_cost` is the same model's
mean in closed form (with a quadrature over the start time for spread placements), which the tests
compare with the simulation.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

POISSON, NEGATIVE_BINOMIAL = "poisson", "negbin"
LOGNORMAL, GAMMA, EMPIRICAL, FIXED = "lognormal", "gamma", "empirical", "fixed"
SPREAD, START = "spread", "start"
# Runs are drawn in chunks of this size: the progress bar moves per chunk and memory stays bounded.
# The chunk size is part of the random stream, so it is fixed (a seed gives the same result always).
CHUNK = 25_000
_GRID = 128  # midpoints over the start time within a year for the analytic mean


@dataclass(frozen=True)
class Duration:
    """How long a placement lasts, in months."""

    distribution: str = LOGNORMAL
    mean_months: float = 12.0
    sd_months: float = 0.0
    values: tuple[float, ...] = ()  # empirical: months
    weights: tuple[float, ...] = ()  # empirical: probabilities (normalised here)

    def __post_init__(self) -> None:
        if self.distribution not in (LOGNORMAL, GAMMA, EMPIRICAL, FIXED):
            raise ValueError(f"unknown duration distribution {self.distribution!r}")
        if self.distribution == EMPIRICAL:
            if not self.values or len(self.values) != len(self.weights) or min(self.weights) < 0:
                raise ValueError("an empirical duration needs values and as many non-negative weights")
        elif self.mean_months <= 0 or self.sd_months < 0:
            raise ValueError("a duration needs a positive mean and a non-negative standard deviation")

    @property
    def degenerate(self) -> bool:
        return self.distribution == FIXED or (self.distribution in (LOGNORMAL, GAMMA) and self.sd_months == 0)

    @property
    def mean(self) -> float:
        if self.distribution == EMPIRICAL:
            w = np.asarray(self.weights, dtype=float)
            return float(np.dot(np.asarray(self.values, dtype=float), w / w.sum()))
        return float(self.mean_months)

    def draw(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        if self.distribution == EMPIRICAL:
            w = np.asarray(self.weights, dtype=float)
            return rng.choice(np.asarray(self.values, dtype=float), size=size, p=w / w.sum())
        if self.degenerate:
            return np.full(size, float(self.mean_months))
        if self.distribution == LOGNORMAL:
            sigma2 = math.log1p((self.sd_months / self.mean_months) ** 2)
            mu = math.log(self.mean_months) - sigma2 / 2
            # exp(μ + σZ) in place: about twice as fast as Generator.lognormal, the same distribution.
            z = rng.standard_normal(size)
            z *= math.sqrt(sigma2)
            z += mu
            return np.exp(z, out=z)
        shape = (self.mean_months / self.sd_months) ** 2
        draws = rng.standard_gamma(shape, size)
        draws *= self.sd_months**2 / self.mean_months
        return draws

    def expected_capped(self, caps: NDArray[np.float64]) -> NDArray[np.float64]:
        """E[min(D, c)] for each cap c (0 for c ≤ 0), in closed form."""
        caps = np.asarray(caps, dtype=float)
        positive = np.maximum(caps, 0.0)
        if self.distribution == EMPIRICAL:
            w = np.asarray(self.weights, dtype=float)
            v = np.asarray(self.values, dtype=float)
            return np.minimum(v[None, :], positive[:, None]) @ (w / w.sum())
        if self.degenerate:
            return np.minimum(positive, float(self.mean_months))
        m, sd = float(self.mean_months), float(self.sd_months)
        out = np.zeros_like(positive)
        for i, c in enumerate(positive):
            if c <= 0:
                continue
            if self.distribution == LOGNORMAL:
                sigma2 = math.log1p((sd / m) ** 2)
                sigma, mu = math.sqrt(sigma2), math.log(m) - sigma2 / 2
                z = (math.log(c) - mu) / sigma
                out[i] = m * _normal_cdf(z - sigma) + c * (1 - _normal_cdf(z))
            else:
                shape, scale = (m / sd) ** 2, sd**2 / m
                x = c / scale
                out[i] = m * _lower_gamma_regularised(shape + 1, x) + c * (1 - _lower_gamma_regularised(shape, x))
        return out

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"distribution": self.distribution, "mean_months": round(self.mean, 4)}
        if self.distribution in (LOGNORMAL, GAMMA):
            data["sd_months"] = self.sd_months
        if self.distribution == EMPIRICAL:
            data["values"], data["weights"] = list(self.values), list(self.weights)
        return data


@dataclass(frozen=True)
class KindInput:
    """One kind of measure in one municipality's model."""

    code: str
    monthly_rate: float
    new_per_year: float
    duration: Duration
    dispersion: float | None = None  # negative binomial shape k; None is Poisson
    carried: int = 0
    carried_duration: Duration | None = None  # remaining months of those carried over

    def __post_init__(self) -> None:
        if self.new_per_year < 0 or self.carried < 0 or self.monthly_rate < 0:
            raise ValueError("counts and rates cannot be negative")
        if self.dispersion is not None and self.dispersion <= 0:
            raise ValueError("the dispersion of a negative binomial must be positive")

    @property
    def count_distribution(self) -> str:
        return POISSON if self.dispersion is None else NEGATIVE_BINOMIAL

    @property
    def remaining(self) -> Duration:
        return self.carried_duration or self.duration

    @property
    def count_variance(self) -> float:
        lam = self.new_per_year
        return lam if self.dispersion is None else lam + lam * lam / self.dispersion

    def as_dict(self) -> dict[str, Any]:
        count: dict[str, Any] = {"distribution": self.count_distribution, "mean": self.new_per_year}
        if self.dispersion is not None:
            count["dispersion"] = self.dispersion
        return {
            "kind": self.code,
            "monthly_rate": self.monthly_rate,
            "carried_over": self.carried,
            "new_placements": count,
            "duration": self.duration.as_dict(),
            "mean_duration_months": round(self.duration.mean, 4),
        }


@dataclass(frozen=True)
class ModelInput:
    kinds: tuple[KindInput, ...]
    years: int = 1
    timing: str = SPREAD
    budget: float | None = None  # for the whole horizon

    def __post_init__(self) -> None:
        if not 1 <= self.years <= 5:
            raise ValueError("the horizon is one to five years")
        if self.timing not in (SPREAD, START):
            raise ValueError(f"unknown timing {self.timing!r}")

    @property
    def months(self) -> float:
        return 12.0 * self.years

    def as_dict(self) -> dict[str, Any]:
        return {
            "years": self.years,
            "timing": self.timing,
            "budget": self.budget,
            "kinds": [k.as_dict() for k in self.kinds],
        }


def _normal_cdf(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2))


def _lower_gamma_regularised(a: float, x: float) -> float:
    """P(a, x), by its series below a + 1 and its continued fraction above (Numerical Recipes 6.2)."""
    if x <= 0:
        return 0.0
    log_prefix = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        n = a
        for _ in range(10_000):
            n += 1
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return min(1.0, total * math.exp(log_prefix))
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return max(0.0, 1.0 - math.exp(log_prefix) * h)


def _start_offsets(timing: str) -> NDArray[np.float64]:
    """Start times within a year (months) for the analytic mean: midpoints, or 1 January."""
    if timing == START:
        return np.zeros(1)
    return (np.arange(_GRID, dtype=np.float64) + 0.5) * (12.0 / _GRID)


@functools.lru_cache(maxsize=4096)
def _expected_remaining(duration: Duration, horizon: float) -> float:
    """E[min(R, H)]. Memoised (a pure function of frozen values): the municipalities of a county
    mostly share the national durations, and each call is a Python loop over the start grid."""
    return float(duration.expected_capped(np.array([horizon]))[0])


@functools.lru_cache(maxsize=4096)
def _expected_per_placement(duration: Duration, horizon: float, years: int, timing: str) -> float:
    """Σ_years E[min(D, H − start)] averaged over the start times, for one new placement a year."""
    offsets = _start_offsets(timing)
    caps = np.concatenate([horizon - 12.0 * year - offsets for year in range(years)])
    return float(duration.expected_capped(caps).sum()) / len(offsets)


def expected_kind_months(kind: KindInput, model: ModelInput) -> tuple[float, float]:
    """(months paid for those carried over, months paid for the new placements), expected."""
    carried = kind.carried * _expected_remaining(kind.remaining, model.months)
    per_placement = _expected_per_placement(kind.duration, model.months, model.years, model.timing)
    return carried, kind.new_per_year * per_placement


def expected_cost(model: ModelInput) -> float:
    """The exact mean of the simulated cost: Σ rate × (carried × E[min(R, H)] + λ × Σ_years E[min(D, H − start)])."""
    return float(sum(kind.monthly_rate * sum(expected_kind_months(kind, model)) for kind in model.kinds))


def expected_by_kind(model: ModelInput) -> dict[str, float]:
    return {kind.code: kind.monthly_rate * sum(expected_kind_months(kind, model)) for kind in model.kinds}


def _draw_counts(kind: KindInput, rng: np.random.Generator, shape: tuple[int, ...]) -> NDArray[np.int64]:
    if kind.new_per_year == 0:
        return np.zeros(shape, dtype=np.int64)
    if kind.dispersion is None:
        return rng.poisson(kind.new_per_year, shape)
    intensity = rng.gamma(kind.dispersion, kind.new_per_year / kind.dispersion, shape)
    return rng.poisson(intensity)


def _segment_sums(values: NDArray[np.float64], per_run: NDArray[np.int64]) -> NDArray[np.float64]:
    """Sums of consecutive segments of `values` of lengths `per_run` (zero-length segments give 0)."""
    if len(values) == 0:
        return np.zeros(len(per_run))
    starts = np.concatenate(([0], np.cumsum(per_run)[:-1]))
    summed = np.add.reduceat(values, np.minimum(starts, len(values) - 1))
    return np.where(per_run > 0, summed, 0.0)


# Acklam's rational approximation of the inverse normal CDF (relative error below 1.2e-9).
_A = (
    -3.969683028665376e01,
    2.209460984245205e02,
    -2.759285104469687e02,
    1.383577518672690e02,
    -3.066479806614716e01,
    2.506628277459239e00,
)
_B = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01, -1.328068155288572e01)
_C = (
    -7.784894002430293e-03,
    -3.223964580411365e-01,
    -2.400758277161838e00,
    -2.549732539343734e00,
    4.374664141464968e00,
    2.938163982698783e00,
)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)


def _polyval(coefficients: tuple[float, ...], x: NDArray[np.float64]) -> NDArray[np.float64]:
    result = np.full_like(x, coefficients[0])
    for c in coefficients[1:]:
        result = result * x + c
    return result


def normal_quantile(p: NDArray[np.float64]) -> NDArray[np.float64]:
    """Φ⁻¹(p) elementwise, for 0 < p < 1."""
    p = np.clip(np.asarray(p, dtype=float), 1e-300, 1 - 1e-16)
    out = np.empty_like(p)
    low, high = p < 0.02425, p > 1 - 0.02425
    mid = ~(low | high)
    q = p[mid] - 0.5
    r = q * q
    out[mid] = q * _polyval(_A, r) / (_polyval(_B, r) * r + 1)
    for mask, sign, tail in ((low, 1.0, p[low]), (high, -1.0, 1 - p[high])):
        t = np.sqrt(-2 * np.log(tail))
        out[mask] = sign * _polyval(_C, t) / (_polyval(_D, t) * t + 1)
    return out


def _carried_months(
    duration: Duration, carried: int, horizon: float, rng: np.random.Generator, runs: int
) -> NDArray[np.float64]:
    """Months paid inside the horizon for `carried` children already in the measure, per run.

    Only min(R, H) matters, so for a lognormal remaining time the children who stay the whole
    horizon are counted (binomial with P(R ≥ H)) and only those who leave get a draw, from the
    normal truncated below z_H by inversion: exact in distribution and far fewer draws, since
    most children in foster homes stay the year."""
    if duration.distribution != LOGNORMAL or duration.degenerate:
        remaining = duration.draw(rng, runs * carried)
        np.minimum(remaining, horizon, out=remaining)
        return remaining.reshape(runs, carried).sum(axis=1)
    sigma2 = math.log1p((duration.sd_months / duration.mean_months) ** 2)
    sigma, mu = math.sqrt(sigma2), math.log(duration.mean_months) - sigma2 / 2
    leave = _normal_cdf((math.log(horizon) - mu) / sigma)  # P(R < H)
    leavers = rng.binomial(carried, leave, runs)
    z = normal_quantile(rng.random(int(leavers.sum())) * leave)
    z *= sigma
    z += mu
    left_after = np.exp(z, out=z)
    return (carried - leavers) * horizon + _segment_sums(left_after, leavers)


def _simulate_kind(kind: KindInput, model: ModelInput, rng: np.random.Generator, runs: int) -> NDArray[np.float64]:
    """Months paid per run for one kind (carried over plus new), shape (runs,)."""
    months = np.zeros(runs)
    if kind.carried:
        months += _carried_months(kind.remaining, kind.carried, model.months, rng, runs)
    counts = _draw_counts(kind, rng, (runs, model.years))  # one count per run and year
    total = int(counts.sum())
    if total:
        per_run = counts.sum(axis=1)
        # Placements are laid out run by run (and year by year inside a run), so each run's
        # placements are one contiguous segment that np.add.reduceat sums in one pass.
        if model.years == 1:
            horizon_left = np.full(total, model.months)
        else:
            year_of = np.repeat(np.tile(np.arange(model.years), runs), counts.ravel())
            horizon_left = model.months - 12.0 * year_of
        if model.timing == SPREAD:
            horizon_left = horizon_left - 12.0 * rng.random(total)
        paid = np.minimum(kind.duration.draw(rng, total), horizon_left)
        months += _segment_sums(paid, per_run)
    return months


def simulate_costs(
    model: ModelInput, runs: int, rng: np.random.Generator, by_kind: bool = False
) -> NDArray[np.float64]:
    """Cost per run (shape (runs,)), or per kind and run (shape (kinds, runs)) when `by_kind`."""
    costs = np.empty((len(model.kinds), runs))
    for row, kind in enumerate(model.kinds):
        costs[row] = kind.monthly_rate * _simulate_kind(kind, model, rng, runs)
    return costs if by_kind else costs.sum(axis=0)


@dataclass
class Summary:
    """Mean, quantiles, expected shortfall and the chance of exceeding the budget, in kroner."""

    mean: float
    sd: float
    p50: float
    p90: float
    p99: float
    es99: float
    expected_cost: float
    prob_over_budget: float | None = None
    budget: float | None = None
    histogram: dict[str, list[float]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mean": self.mean,
            "sd": self.sd,
            "p50": self.p50,
            "p90": self.p90,
            "p99": self.p99,
            "es99": self.es99,
            "expected_cost": self.expected_cost,
            "budget": self.budget,
            "prob_over_budget": self.prob_over_budget,
            "p99_over_mean": self.p99 / self.mean - 1 if self.mean else None,
            "es99_over_mean": self.es99 / self.mean - 1 if self.mean else None,
            "histogram": self.histogram,
        }


def expected_shortfall(values: NDArray[np.float64], level: float = 0.99) -> float:
    """The mean of the worst (1 − level) share of the outcomes (at least one).

    Taking exactly the k = ⌈n(1 − level)⌉ largest values keeps it subadditive on the same draws:
    the k largest of X + Y never sum to more than the k largest of X plus the k largest of Y."""
    n = len(values)
    k = max(1, math.ceil(n * (1 - level) - 1e-9))
    return float(np.partition(values, n - k)[n - k :].mean())


def histogram(values: NDArray[np.float64], bins: int = 30) -> dict[str, list[float]]:
    low, high = float(values.min()), float(values.max())
    if high <= low:
        high = low + 1.0
    counts, edges = np.histogram(values, bins=bins, range=(low, high))
    return {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}


def summarise(values: NDArray[np.float64], expected: float, budget: float | None = None, bins: int = 30) -> Summary:
    p50, p90, p99 = (float(q) for q in np.quantile(values, [0.5, 0.9, 0.99], method="inverted_cdf"))
    return Summary(
        mean=float(values.mean()),
        sd=float(values.std(ddof=1)) if len(values) > 1 else 0.0,
        p50=p50,
        p90=p90,
        p99=p99,
        es99=expected_shortfall(values),
        expected_cost=expected,
        prob_over_budget=float((values > budget).mean()) if budget is not None else None,
        budget=budget,
        histogram=histogram(values, bins),
    )


Progress = Callable[[int], None]


def _chunks(runs: int) -> list[int]:
    if runs < 1:
        raise ValueError("at least one run")
    full, rest = divmod(runs, CHUNK)
    return [CHUNK] * full + ([rest] if rest else [])


@dataclass
class Result:
    model: ModelInput
    runs: int
    seed: int
    summary: Summary
    mean_by_kind: dict[str, float]
    expected_by_kind: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "seed": self.seed,
            "inputs": self.model.as_dict(),
            **self.summary.as_dict(),
            "by_kind": {
                code: {"mean": self.mean_by_kind[code], "expected_cost": self.expected_by_kind[code]}
                for code in self.mean_by_kind
            },
        }


def simulate(model: ModelInput, runs: int = 20_000, seed: int = 1, progress: Progress | None = None) -> Result:
    """Simulate `runs` horizons of one municipality; the same seed gives the same result."""
    rng = np.random.default_rng(seed)
    parts = []
    for size in _chunks(runs):
        parts.append(simulate_costs(model, size, rng, by_kind=True))
        if progress:
            progress(size)
    by_kind = np.concatenate(parts, axis=1) if parts else np.zeros((len(model.kinds), 0))
    totals = by_kind.sum(axis=0)
    expected = expected_by_kind(model)
    return Result(
        model=model,
        runs=runs,
        seed=seed,
        summary=summarise(totals, float(sum(expected.values())), model.budget),
        mean_by_kind={kind.code: float(by_kind[i].mean()) for i, kind in enumerate(model.kinds)},
        expected_by_kind=expected,
    )


# Pooling ---------------------------------------------------------------------------------------

CHILDREN, POPULATION, EQUAL, USAGE = "children", "population", "equal", "usage"
KEYS = (CHILDREN, POPULATION, EQUAL, USAGE)


@dataclass(frozen=True)
class Member:
    key: Any  # the municipality's id
    model: ModelInput
    children: float = 0.0
    population: float = 0.0


@dataclass
class MemberResult:
    key: Any
    share: float
    standalone: Summary
    pooled_share: Summary

    def as_dict(self) -> dict[str, Any]:
        return {
            "share": self.share,
            "standalone": self.standalone.as_dict(),
            "pooled": self.pooled_share.as_dict(),
            "p99_reduction": _relative(self.standalone.p99, self.pooled_share.p99, self.standalone.mean),
            "es99_reduction": _relative(self.standalone.es99, self.pooled_share.es99, self.standalone.mean),
        }


def _relative(standalone: float, pooled: float, mean: float) -> float | None:
    """How much of the member's mean the pool takes off its tail (P99 or ES99), e.g. 0.4 = 40 %."""
    return (standalone - pooled) / mean if mean else None


@dataclass
class PoolResult:
    key: str
    runs: int
    seed: int
    members: list[MemberResult]
    total: Summary

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "runs": self.runs,
            "seed": self.seed,
            "members": {str(m.key): m.as_dict() for m in self.members},
            "total": self.total.as_dict(),
        }


def shares(members: Sequence[Member], key: str) -> NDArray[np.float64]:
    """Each member's share of the pooled cost under the key (they sum to 1)."""
    if key not in KEYS:
        raise ValueError(f"unknown key {key!r}")
    if key == EQUAL:
        weights = np.ones(len(members))
    elif key == USAGE:  # expected use: a key on realised use would hand each member its own cost back
        weights = np.array([expected_cost(m.model) for m in members])
    else:
        weights = np.array([m.children if key == CHILDREN else m.population for m in members], dtype=float)
    if weights.sum() <= 0:
        weights = np.ones(len(members))
    return weights / weights.sum()


def pool(
    members: Sequence[Member], key: str = CHILDREN, runs: int = 20_000, seed: int = 1, progress: Progress | None = None
) -> PoolResult:
    """Simulate the members jointly (each run is one common year for all), pool the cost and split it."""
    if not members:
        raise ValueError("a pool needs members")
    years = {m.model.years for m in members}
    if len(years) != 1:
        raise ValueError("the members of a pool share one horizon")
    weight = shares(members, key)
    rng = np.random.default_rng(seed)
    parts = []
    for size in _chunks(runs):
        parts.append(np.stack([simulate_costs(m.model, size, rng) for m in members]))
        if progress:
            progress(size)
    costs = np.concatenate(parts, axis=1)  # (members, runs)
    total = costs.sum(axis=0)
    expected = [expected_cost(m.model) for m in members]
    total_expected = float(sum(expected))
    budgets = [m.model.budget for m in members]
    total_budget = float(sum(b for b in budgets if b is not None)) if all(b is not None for b in budgets) else None
    results = [
        MemberResult(
            key=m.key,
            share=float(weight[i]),
            standalone=summarise(costs[i], expected[i], m.model.budget),
            pooled_share=summarise(weight[i] * total, float(weight[i]) * total_expected, m.model.budget),
        )
        for i, m in enumerate(members)
    ]
    return PoolResult(key, runs, seed, results, summarise(total, total_expected, total_budget))


# Scenarios -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioChange:
    """A preset applied to a model: seed 001's named risks as numbers an administrator can edit."""

    institution_factor: float = 1.0  # new institution placements × this
    placement_factor: float = 1.0  # every kind's new placements × this (a staffing shortfall)
    bought_share: float = 0.0  # share of new ordinary foster homes bought from Bufetat
    bought_monthly_rate: float = 0.0  # their monthly price


INSTITUTION_KINDS = ("institution", "institution_em")
ORDINARY_FOSTER = "ordinary_foster"


def apply_scenario(model: ModelInput, change: ScenarioChange) -> ModelInput:
    kinds: list[KindInput] = []
    for kind in model.kinds:
        factor = change.placement_factor * (change.institution_factor if kind.code in INSTITUTION_KINDS else 1.0)
        new = kind.new_per_year * factor
        if kind.code == ORDINARY_FOSTER and change.bought_share > 0:
            bought = replace(
                kind,
                code=f"{ORDINARY_FOSTER}_bought",
                new_per_year=new * change.bought_share,
                monthly_rate=change.bought_monthly_rate,
                carried=0,
            )
            kinds.append(replace(kind, new_per_year=new * (1 - change.bought_share)))
            kinds.append(bought)
        else:
            kinds.append(replace(kind, new_per_year=new))
    return replace(model, kinds=tuple(kinds))
