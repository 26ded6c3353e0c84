"""The simulation against closed forms (issue 13, «Correctness»)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from fagloft.economy import simulation as sim

RUNS = 100_000


def _kind(**kwargs):
    defaults = {
        "code": "institution",
        "monthly_rate": 170_000.0,
        "new_per_year": 2.0,
        "duration": sim.Duration(sim.LOGNORMAL, 14.0, 10.0),
    }
    return sim.KindInput(**{**defaults, **kwargs})


def _mixed(years: int = 1, timing: str = sim.SPREAD) -> sim.ModelInput:
    return sim.ModelInput(
        (
            _kind(dispersion=1.5, carried=3),
            _kind(
                code="specialised_foster",
                monthly_rate=85_000.0,
                new_per_year=3.0,
                duration=sim.Duration(sim.GAMMA, 18.0, 12.0),
                dispersion=3.0,
                carried=4,
            ),
            _kind(code="mst_fft", monthly_rate=15_000.0, new_per_year=4.0, duration=sim.Duration(sim.FIXED, 5.0)),
            _kind(
                code="sffb_home",
                monthly_rate=11_000.0,
                new_per_year=1.0,
                duration=sim.Duration(sim.EMPIRICAL, values=(2.0, 6.0, 14.0), weights=(1.0, 2.0, 1.0)),
            ),
        ),
        years=years,
        timing=timing,
    )


@pytest.mark.parametrize(("years", "timing"), [(1, sim.SPREAD), (1, sim.START), (3, sim.SPREAD), (5, sim.START)])
def test_the_mean_is_within_sampling_error_of_the_expected_cost(years, timing):
    model = _mixed(years, timing)
    result = sim.simulate(model, runs=RUNS, seed=11)
    standard_error = result.summary.sd / math.sqrt(RUNS)
    assert abs(result.summary.mean - sim.expected_cost(model)) < 4 * standard_error
    for code, mean in result.mean_by_kind.items():
        assert mean == pytest.approx(result.expected_by_kind[code], rel=0.03)


def test_expected_cost_is_placements_times_months_times_rate_without_truncation():
    # Short fixed durations starting on 1 January never cross the year's end: Σ λ × months × rate + carried.
    model = sim.ModelInput(
        (
            _kind(new_per_year=1.5, duration=sim.Duration(sim.FIXED, 4.0), carried=2),
            _kind(code="mst_fft", monthly_rate=15_000.0, new_per_year=3.0, duration=sim.Duration(sim.FIXED, 5.0)),
        ),
        timing=sim.START,
    )
    assert sim.expected_cost(model) == pytest.approx(1.5 * 4 * 170_000 + 2 * 4 * 170_000 + 3 * 5 * 15_000)


@pytest.mark.parametrize("distribution", [sim.LOGNORMAL, sim.GAMMA])
def test_capped_means_match_numerical_integration(distribution):
    duration = sim.Duration(distribution, 14.0, 11.0)
    if distribution == sim.LOGNORMAL:
        sigma = math.sqrt(math.log1p((11 / 14) ** 2))
        frozen = stats.lognorm(sigma, scale=math.exp(math.log(14) - sigma**2 / 2))
    else:
        frozen = stats.gamma((14 / 11) ** 2, scale=11**2 / 14)
    caps = np.array([0.5, 3.0, 12.0, 40.0, 200.0])
    exact = [frozen.expect(lambda x, c=c: min(x, c), lb=0, ub=np.inf) for c in caps]
    assert duration.expected_capped(caps) == pytest.approx(exact, rel=1e-6)
    assert duration.draw(np.random.default_rng(2), 200_000).mean() == pytest.approx(14.0, rel=0.01)


def test_the_poisson_case_has_the_poisson_variance():
    # One month per placement, paid in full: the cost is rate × N, so Var = rate² λ.
    model = sim.ModelInput(
        (_kind(new_per_year=3.0, monthly_rate=1.0, duration=sim.Duration(sim.FIXED, 1.0)),), timing=sim.START
    )
    result = sim.simulate(model, runs=RUNS, seed=5)
    variance = result.summary.sd**2
    # The sample variance of a Poisson(3) has standard error ≈ sqrt((μ4 − σ⁴)/n) = sqrt((3 + 2·9)/n).
    assert abs(variance - 3.0) < 4 * math.sqrt(21 / RUNS)


def test_the_negative_binomial_has_its_overdispersed_variance():
    model = sim.ModelInput(
        (_kind(new_per_year=3.0, monthly_rate=1.0, dispersion=2.0, duration=sim.Duration(sim.FIXED, 1.0)),),
        timing=sim.START,
    )
    result = sim.simulate(model, runs=RUNS, seed=6)
    assert result.summary.sd**2 == pytest.approx(3 + 9 / 2, rel=0.04)
    assert result.summary.mean == pytest.approx(3.0, rel=0.02)


def _compound_pmf(count_pmf: np.ndarray, severity: dict[int, float], size: int) -> np.ndarray:
    """The exact distribution of a sum of N i.i.d. discrete severities (convolution powers)."""
    single = np.zeros(size)
    for value, p in severity.items():
        single[value] += p
    total = np.zeros(size)
    power = np.zeros(size)
    power[0] = 1.0
    for p in count_pmf:
        total += p * power
        power = np.convolve(power, single)[:size]
    return total


@pytest.mark.parametrize("dispersion", [None, 0.8])
def test_single_kind_percentiles_match_the_exact_compound_distribution(dispersion):
    lam = 0.6
    severity = {2: 0.5, 6: 0.3, 12: 0.2}  # months; starting 1 January nothing is cut off
    duration = sim.Duration(sim.EMPIRICAL, values=tuple(float(v) for v in severity), weights=tuple(severity.values()))
    model = sim.ModelInput(
        (_kind(new_per_year=lam, monthly_rate=1000.0, duration=duration, dispersion=dispersion),), timing=sim.START
    )
    counts = np.arange(60)
    if dispersion is None:
        count_pmf = stats.poisson.pmf(counts, lam)
    else:
        count_pmf = stats.nbinom.pmf(counts, dispersion, dispersion / (dispersion + lam))
    pmf = _compound_pmf(count_pmf, severity, 400)
    cdf = np.cumsum(pmf)
    result = sim.simulate(model, runs=200_000, seed=9)
    for q, simulated in ((0.5, result.summary.p50), (0.9, result.summary.p90), (0.99, result.summary.p99)):
        exact_months = int(np.searchsorted(cdf, q - 1e-12))
        # A simulated quantile may land one support point off only where the CDF sits right at q.
        band = {int(np.searchsorted(cdf, q - 0.003)), exact_months, int(np.searchsorted(cdf, q + 0.003))}
        assert round(simulated / 1000) in band, (q, simulated, exact_months)
    tail = np.arange(len(pmf))
    k = 0.01
    # ES99 of a discrete distribution: the mean of the worst 1 %, counting a split atom.
    worst = np.zeros_like(pmf)
    remaining = k
    for value in tail[::-1]:
        take = min(pmf[value], remaining)
        worst[value] = take
        remaining -= take
        if remaining <= 0:
            break
    exact_es = float((worst * tail).sum() / k) * 1000
    assert result.summary.es99 == pytest.approx(exact_es, rel=0.03)


def test_same_seed_same_result_and_another_seed_another():
    model = _mixed()
    first = sim.simulate(model, runs=30_000, seed=4)
    again = sim.simulate(model, runs=30_000, seed=4)
    other = sim.simulate(model, runs=30_000, seed=5)
    assert first.as_dict() == again.as_dict()
    assert first.summary.p99 != other.summary.p99


def _member(key, scale, children):
    base = _mixed()
    kinds = tuple(
        sim.KindInput(
            k.code, k.monthly_rate, k.new_per_year * scale, k.duration, k.dispersion, round(k.carried * scale)
        )
        for k in base.kinds
    )
    return sim.Member(key, sim.ModelInput(kinds, budget=None), children=children, population=children * 5)


@pytest.mark.parametrize("key", sim.KEYS)
def test_pooled_expected_shortfall_never_exceeds_the_sum_of_standalone(key):
    members = [
        _member(i, scale, children)
        for i, (scale, children) in enumerate([(0.2, 400), (0.5, 1100), (1.0, 2600), (0.1, 150)])
    ]
    result = sim.pool(members, key=key, runs=50_000, seed=8)
    assert result.total.es99 <= sum(m.standalone.es99 for m in result.members) + 1e-6
    assert sum(m.pooled_share.es99 for m in result.members) == pytest.approx(result.total.es99)
    assert sum(m.share for m in result.members) == pytest.approx(1.0)
    assert result.total.mean == pytest.approx(sum(m.standalone.mean for m in result.members))
    if key == sim.USAGE:
        # Split by expected use, every member's tail shrinks relative to its mean.
        for member in result.members:
            assert member.pooled_share.es99 < member.standalone.es99


def test_pool_uses_the_same_draws_as_the_members_alone_would_see_together():
    members = [_member(1, 0.3, 500), _member(2, 0.6, 900)]
    result = sim.pool(members, key=sim.EQUAL, runs=20_000, seed=3)
    again = sim.pool(members, key=sim.CHILDREN, runs=20_000, seed=3)
    # The key only splits: the total and each standalone are the same draws.
    assert result.total.as_dict() == again.total.as_dict()
    assert result.members[0].standalone.as_dict() == again.members[0].standalone.as_dict()


def test_scenarios_change_the_inputs_as_named():
    model = sim.ModelInput(
        (_kind(new_per_year=2.0), _kind(code="ordinary_foster", monthly_rate=30_000.0, new_per_year=4.0, carried=10))
    )
    changed = sim.apply_scenario(
        model, sim.ScenarioChange(institution_factor=2.0, bought_share=0.5, bought_monthly_rate=85_000.0)
    )
    by_code = {k.code: k for k in changed.kinds}
    assert by_code["institution"].new_per_year == 4.0
    assert by_code["ordinary_foster"].new_per_year == 2.0 and by_code["ordinary_foster"].carried == 10
    assert (
        by_code["ordinary_foster_bought"].new_per_year == 2.0
        and by_code["ordinary_foster_bought"].monthly_rate == 85_000
    )
    assert sim.expected_cost(changed) > sim.expected_cost(model)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        sim.ModelInput((), years=6)
    with pytest.raises(ValueError):
        _kind(dispersion=0.0)
    with pytest.raises(ValueError):
        sim.Duration(sim.LOGNORMAL, -1.0)


def test_the_normal_quantile_matches_scipy():
    p = np.array([1e-12, 1e-6, 0.001, 0.02, 0.3, 0.5, 0.8, 0.98, 0.999999])
    assert sim.normal_quantile(p) == pytest.approx(stats.norm.ppf(p), rel=1e-8, abs=1e-8)


def test_carried_children_by_thinning_have_the_brute_force_distribution():
    duration = sim.Duration(sim.LOGNORMAL, 30.0, 25.0)
    rng = np.random.default_rng(4)
    thinned = sim._carried_months(duration, 7, 12.0, rng, 200_000)
    brute = np.minimum(duration.draw(np.random.default_rng(5), 200_000 * 7), 12.0).reshape(200_000, 7).sum(axis=1)
    assert thinned.mean() == pytest.approx(7 * float(duration.expected_capped(np.array([12.0]))[0]), rel=0.002)
    for q in (0.01, 0.1, 0.5, 0.9):
        assert np.quantile(thinned, q) == pytest.approx(np.quantile(brute, q), rel=0.01)
    assert stats.ks_2samp(thinned[:50_000], brute[:50_000]).pvalue > 0.001
