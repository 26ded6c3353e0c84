"""The organising problem as plain Python: the instance, the rules, the MILP and its result.

No Django here, so the benchmark, the command and the tests can build an instance by hand and solve it.

Every municipality is served by exactly one service; a service has one host among its members. With
`x[i, j]` = municipality i is served by host j and `y[j]` = j hosts a service:

    minimise   Σ children_i · d_ij · x_ij  +  cost · Σ y_j
    subject to Σ_j x_ij = 1                       (each municipality in one service)
               x_ij ≤ y_j,  x_jj = y_j            (only an open host serves; the host is a member)
               Σ_i w_i · x_ij ≥ minimum · y_j     (w = FTE, or children 0–17 if chosen)
               Σ_i x_ij ≤ K · y_j                 (optional: at most K members)
               x_kj = x_aj for k, a in one of today's cooperations (optional: they stay together)
               y_j = 1 for fixed hosts; x_ii = 1 and x_ki = 0 (k ≠ i) for those kept alone

The distance rule (and "stay inside a county") are applied by leaving the pairs out. Municipalities
kept alone are exempt from the minimum: keeping one alone is the user's explicit choice.

HiGHS (highspy) solves it: an exact branch-and-cut MILP solver that proves optimality or reports its
dual bound and the gap, under a time limit, with a small wheel and no licence server.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext_noop

from fagloft.lib.messages import render_nested

EARTH_RADIUS_KM = 6371.0088
DEFAULT_DETOUR = 1.3
DEFAULT_MIN_FTE = 5.0
DEFAULT_MAX_KM = 250.0
# Children 0–17 per FTE nationally is about 1 000 / 5.8: some 6 500 employees in the municipal
# services (DESIGN.md, scale) for about 1.12 million children 0–17 (SSB 07459, 2024). Used only when
# no national figure is published in statistics (`competence-fte-per-1000-children`, unit "n").
DEFAULT_FTE_PER_1000_CHILDREN = 5.8
# HiGHS's own default relative gap: below it a result counts as proven optimal.
OPTIMAL_GAP = 1e-4

MEASURE_FTE = "fte"
MEASURE_CHILDREN = "children"


# ---------------------------------------------------------------------------------------------
# The instance


@dataclass(frozen=True)
class Unit:
    """A municipality as the model sees it."""

    id: int
    number: str
    name: str
    county: str
    children: int
    fte: float
    fte_estimated: bool
    lon: float = 0.0
    lat: float = 0.0


@dataclass
class Instance:
    units: list[Unit]
    # km between units by index; symmetric, zero on the diagonal.
    distance: list[list[float]]
    # Today's host cooperations (several municipalities served by one service), as unit indices.
    cooperations: list[list[int]] = field(default_factory=list)

    def index_of(self, number: str) -> int:
        for i, unit in enumerate(self.units):
            if unit.number == number:
                return i
        raise KeyError(number)

    def subset(self, indices: Sequence[int]) -> Instance:
        """The instance restricted to `indices` (for solving county by county)."""
        position = {old: new for new, old in enumerate(indices)}
        groups = [[position[i] for i in group if i in position] for group in self.cooperations]
        return Instance(
            [self.units[i] for i in indices],
            [[self.distance[i][j] for j in indices] for i in indices],
            [g for g in groups if len(g) > 1],
        )


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_matrix(
    units: Sequence[Unit], detour: float = DEFAULT_DETOUR, overrides: Mapping[tuple[str, str], float] | None = None
) -> list[list[float]]:
    """Great-circle km × detour; an override (by municipality numbers, either order) is the real
    road or ferry distance and replaces the estimate as given."""
    overrides = overrides or {}
    n = len(units)
    matrix = [[0.0] * n for _ in range(n)]
    for i, j in itertools.combinations(range(n), 2):
        a, b = units[i], units[j]
        km = overrides.get((a.number, b.number), overrides.get((b.number, a.number)))
        if km is None:
            km = great_circle_km(a.lon, a.lat, b.lon, b.lat) * detour
        matrix[i][j] = matrix[j][i] = round(float(km), 1)
    return matrix


def representative_point(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """A point guaranteed inside the polygon (a centroid may fall in the sea or a neighbour)."""
    from shapely.geometry import shape

    point = shape(geometry).representative_point()
    return (point.x, point.y)


def estimated_fte(children: int, fte_per_1000_children: float = DEFAULT_FTE_PER_1000_CHILDREN) -> float:
    return round(children * fte_per_1000_children / 1000, 2)


# ---------------------------------------------------------------------------------------------
# The rules


@dataclass(frozen=True)
class Rules:
    measure: str = MEASURE_FTE
    min_fte: float = DEFAULT_MIN_FTE
    min_children: int = 0
    max_km: float | None = DEFAULT_MAX_KM
    keep_cooperations: bool = False
    fixed_hosts: frozenset[str] = frozenset()
    alone: frozenset[str] = frozenset()
    max_members: int | None = None
    within_county: bool = True
    cost_per_service: float = 0.0
    time_limit: float = 30.0
    mip_rel_gap: float = OPTIMAL_GAP

    @property
    def minimum(self) -> float:
        return float(self.min_children) if self.measure == MEASURE_CHILDREN else float(self.min_fte)

    def weight(self, unit: Unit) -> float:
        return float(unit.children) if self.measure == MEASURE_CHILDREN else float(unit.fte)

    def as_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "min_fte": self.min_fte,
            "min_children": self.min_children,
            "max_km": self.max_km,
            "keep_cooperations": self.keep_cooperations,
            "fixed_hosts": sorted(self.fixed_hosts),
            "alone": sorted(self.alone),
            "max_members": self.max_members,
            "within_county": self.within_county,
            "cost_per_service": self.cost_per_service,
            "time_limit": self.time_limit,
            "mip_rel_gap": self.mip_rel_gap,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rules:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("fixed_hosts", "alone"):
            if name in values:
                values[name] = frozenset(values[name] or ())
        return cls(**values)


# ---------------------------------------------------------------------------------------------
# Results and refusals


@dataclass(frozen=True, eq=True)
class Reason:
    """Why the rules cannot be met: the rule (a code), the municipality (number, or "") and the
    message as a translatable template with parameters (stored so it reads in any language)."""

    rule: str
    municipality: str
    template: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def message(self) -> str:
        from django.utils.translation import gettext

        return render_nested(self.template, self.params, gettext)


class Infeasible(Exception):
    def __init__(self, reasons: list[Reason]) -> None:
        super().__init__("; ".join(r.message for r in reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class ServicePlan:
    host: int
    members: tuple[int, ...]


@dataclass
class Result:
    services: list[ServicePlan]
    objective: float
    bound: float
    gap: float
    optimal: bool
    seconds: float
    status: str = ""

    def host_of(self) -> dict[int, int]:
        return {member: s.host for s in self.services for member in s.members}


# ---------------------------------------------------------------------------------------------
# Checks that explain infeasibility before the solver runs


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def _words(rules: Rules) -> dict[str, Any]:
    """The minimum and the distance rule as nested templates (see fagloft.lib.messages)."""
    measure = (
        gettext_noop("%(amount)s barn 0–17 år")
        if rules.measure == MEASURE_CHILDREN
        else gettext_noop("%(amount)s årsverk")
    )
    km = gettext_noop("%(km)s km") if rules.max_km is not None else gettext_noop("ubegrenset avstand")
    return {"measure_template": measure, "amount": _fmt(rules.minimum), "km_template": km, "km": _fmt(rules.max_km)}


def allowed(instance: Instance, rules: Rules, i: int, j: int) -> bool:
    """Whether host j may serve municipality i at all (distance, county, kept alone)."""
    units = instance.units
    if i == j:
        return True
    if units[i].number in rules.alone or units[j].number in rules.alone:
        return False
    if rules.within_county and units[i].county != units[j].county:
        return False
    return rules.max_km is None or instance.distance[i][j] <= rules.max_km + 1e-9


def _reach(instance: Instance, rules: Rules, j: int) -> float:
    """The most a service hosted by j could gather (the K largest in reach, when K is set)."""
    weights = sorted(
        (rules.weight(instance.units[i]) for i in range(len(instance.units)) if allowed(instance, rules, i, j)),
        reverse=True,
    )
    if rules.max_members is not None:
        weights = weights[: rules.max_members]
    return sum(weights)


def _can_host(instance: Instance, rules: Rules, j: int) -> bool:
    if instance.units[j].number in rules.alone:
        return True
    return _reach(instance, rules, j) >= rules.minimum - 1e-9


def check(instance: Instance, rules: Rules) -> list[Reason]:
    """Every reason found that the rules cannot be met, in Norwegian, naming the municipality."""
    reasons: list[Reason] = []
    units = instance.units
    numbers = {u.number for u in units}
    names = {u.number: u.name for u in units}
    for number in sorted((rules.fixed_hosts | rules.alone) - numbers):
        reasons.append(
            Reason(
                "unknown",
                number,
                gettext_noop("Kommunenummer %(number)s er ikke med i området som foreslås."),
                {"number": number},
            )
        )
    if rules.max_members is not None and rules.max_members < 1:
        reasons.append(Reason("max_members", "", gettext_noop("Største antall kommuner per tjeneste må være minst 1.")))
    if rules.minimum < 0:
        reasons.append(Reason("minimum", "", gettext_noop("Minstekravet kan ikke være negativt.")))
    if reasons:
        return reasons
    for number in sorted(rules.fixed_hosts & rules.alone):
        reasons.append(
            Reason(
                "alone",
                number,
                gettext_noop("%(name)s er både satt som fast vertskommune og som alene; velg én av reglene."),
                {"name": names[number]},
            )
        )
    hosts = [j for j in range(len(units)) if _can_host(instance, rules, j)]
    for j, unit in enumerate(units):
        if unit.number in rules.fixed_hosts and j not in hosts:
            reasons.append(
                Reason(
                    "fixed_host",
                    unit.number,
                    gettext_noop(
                        "%(name)s er satt som fast vertskommune, men når ikke minstekravet på %(measure)s med "
                        "kommunene innenfor %(km)s (høyst %(best)s)."
                    ),
                    {"name": unit.name, "best": _fmt(_reach(instance, rules, j)), **_words(rules)},
                )
            )
    for i, unit in enumerate(units):
        if unit.number in rules.alone:
            continue
        candidates = [j for j in hosts if allowed(instance, rules, i, j)]
        if not candidates:
            best = max(_reach(instance, rules, j) for j in range(len(units)) if allowed(instance, rules, i, j))
            reasons.append(
                Reason(
                    "minimum",
                    unit.number,
                    gettext_noop(
                        "%(name)s kan ikke nå minstekravet på %(measure)s: ingen mulig vertskommune innenfor "
                        "%(km)s har nok i rekkevidde (høyst %(best)s)."
                    ),
                    {"name": unit.name, "best": _fmt(best), **_words(rules)},
                )
            )
    if rules.keep_cooperations:
        for group in instance.cooperations:
            members = [units[i] for i in group]
            listed = ", ".join(u.name for u in members)
            if rules.max_members is not None and len(group) > rules.max_members:
                reasons.append(
                    Reason(
                        "max_members",
                        members[0].number,
                        gettext_noop(
                            "%(listed)s samarbeider i dag og skal holdes sammen, men det er flere enn "
                            "%(max)s kommuner per tjeneste."
                        ),
                        {"listed": listed, "max": rules.max_members},
                    )
                )
            kept_alone = [u for u in members if u.number in rules.alone]
            for u in kept_alone:
                reasons.append(
                    Reason(
                        "alone",
                        u.number,
                        gettext_noop(
                            "%(name)s skal stå alene, men samarbeider i dag med andre (%(listed)s) "
                            "og skal holdes sammen."
                        ),
                        {"name": u.name, "listed": listed},
                    )
                )
            fixed = [u for u in members if u.number in rules.fixed_hosts]
            if len(fixed) > 1:
                reasons.append(
                    Reason(
                        "fixed_host",
                        fixed[1].number,
                        gettext_noop(
                            "%(names)s er begge faste vertskommuner, men samarbeider i dag og skal holdes sammen i "
                            "én tjeneste med én vertskommune."
                        ),
                        {"names": " / ".join(u.name for u in fixed)},
                    )
                )
            if not kept_alone and not any(all(allowed(instance, rules, i, j) for i in group) for j in hosts):
                reasons.append(
                    Reason(
                        "keep_cooperations",
                        members[0].number,
                        gettext_noop(
                            "%(listed)s samarbeider i dag og skal holdes sammen, men ingen mulig vertskommune "
                            "ligger innenfor %(km)s fra alle og når minstekravet."
                        ),
                        {"listed": listed, **_words(rules)},
                    )
                )
    return reasons


# ---------------------------------------------------------------------------------------------
# The MILP


def solve(instance: Instance, rules: Rules, *, explain: bool = True) -> Result:
    """Solve exactly (up to `rules.mip_rel_gap`, within `rules.time_limit` seconds).

    Raises `Infeasible` with Norwegian reasons when the rules cannot be met. When the checks find
    nothing but the solver proves infeasibility, each optional rule is dropped in turn to name the
    one that makes it impossible.
    """
    started = time.perf_counter()
    if not instance.units:
        return Result([], 0.0, 0.0, 0.0, True, 0.0, "empty")
    reasons = check(instance, rules)
    if reasons:
        raise Infeasible(reasons)
    result = _solve_milp(instance, rules)
    if result is None:
        raise Infeasible(_diagnose(instance, rules) if explain else [_generic()])
    result.seconds = time.perf_counter() - started
    return result


def _generic() -> Reason:
    return Reason("combination", "", gettext_noop("Reglene kan ikke oppfylles samtidig for kommunene i området."))


RELAXATIONS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("keep_cooperations", gettext_noop("dagens samarbeid holdes sammen"), {"keep_cooperations": False}),
    ("max_members", gettext_noop("høyst K kommuner per tjeneste"), {"max_members": None}),
    ("fixed_hosts", gettext_noop("faste vertskommuner"), {"fixed_hosts": frozenset()}),
    ("alone", gettext_noop("kommuner som står alene"), {"alone": frozenset()}),
    ("max_km", gettext_noop("lengste avstand"), {"max_km": None}),
)


def _diagnose(instance: Instance, rules: Rules) -> list[Reason]:
    quick = replace(rules, time_limit=min(rules.time_limit, 5.0))
    found = []
    for code, words, change in RELAXATIONS:
        relaxed = replace(quick, **change)
        if relaxed == quick or check(instance, relaxed):
            continue
        if _solve_milp(instance, relaxed) is not None:
            found.append(
                Reason(
                    code,
                    "",
                    gettext_noop("Reglene kan ikke oppfylles samtidig; uten regelen «%(rule)s» finnes en løsning."),
                    {"rule_template": words},
                )
            )
    return found or [_generic()]


_BANNER_SHOWN = False


def _highs() -> Any:
    """A solver; the first in a process prints HiGHS's banner on stdout from C, which would spoil
    the command's JSON, so that one is made with stdout pointed at /dev/null."""
    global _BANNER_SHOWN
    import highspy

    if _BANNER_SHOWN:
        return highspy.Highs()
    import ctypes
    import os
    import sys

    sys.stdout.flush()
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    try:
        solver = highspy.Highs()
        try:
            ctypes.CDLL(None).fflush(None)
        except (OSError, AttributeError):  # no C library to flush on this platform
            pass
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
        _BANNER_SHOWN = True
    return solver


def _solve_milp(instance: Instance, rules: Rules) -> Result | None:
    import highspy
    import numpy as np

    units = instance.units
    n = len(units)
    hosts = [j for j in range(n) if _can_host(instance, rules, j)]
    pairs = [(i, j) for j in hosts for i in range(n) if allowed(instance, rules, i, j)]
    x_index = {pair: k for k, pair in enumerate(pairs)}
    y_index = {j: len(pairs) + k for k, j in enumerate(hosts)}
    n_cols = len(pairs) + len(hosts)

    cost = np.zeros(n_cols)
    lower = np.zeros(n_cols)
    upper = np.ones(n_cols)
    for (i, j), k in x_index.items():
        cost[k] = units[i].children * instance.distance[i][j]
    for j, k in y_index.items():
        cost[k] = rules.cost_per_service
        if units[j].number in rules.fixed_hosts or units[j].number in rules.alone:
            lower[k] = 1.0
    for j in hosts:
        if units[j].number in rules.alone:
            lower[x_index[(j, j)]] = 1.0

    rows: list[tuple[float, float, list[int], list[float]]] = []
    inf = highspy.kHighsInf
    for i in range(n):
        cols = [x_index[(i, j)] for j in hosts if (i, j) in x_index]
        if not cols:
            return None
        rows.append((1.0, 1.0, cols, [1.0] * len(cols)))
    for (i, j), k in x_index.items():
        if i == j:
            rows.append((0.0, 0.0, [k, y_index[j]], [1.0, -1.0]))
        else:
            rows.append((-inf, 0.0, [k, y_index[j]], [1.0, -1.0]))
    for j in hosts:
        members = [(i, x_index[(i, j)]) for i in range(n) if (i, j) in x_index]
        if units[j].number not in rules.alone and rules.minimum > 0:
            cols = [k for _, k in members] + [y_index[j]]
            vals = [rules.weight(units[i]) for i, _ in members] + [-rules.minimum]
            rows.append((0.0, inf, cols, vals))
        if rules.max_members is not None and len(members) > rules.max_members:
            cols = [k for _, k in members] + [y_index[j]]
            rows.append((-inf, 0.0, cols, [1.0] * len(members) + [-float(rules.max_members)]))
    if rules.keep_cooperations:
        for group in instance.cooperations:
            anchor = group[0]
            for other in group[1:]:
                for j in hosts:
                    a, b = x_index.get((anchor, j)), x_index.get((other, j))
                    if a is not None and b is not None:
                        rows.append((0.0, 0.0, [b, a], [1.0, -1.0]))
                    elif a is not None:
                        upper[a] = 0.0
                    elif b is not None:
                        upper[b] = 0.0

    h = _highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(rules.time_limit))
    h.setOptionValue("mip_rel_gap", float(rules.mip_rel_gap))
    h.setOptionValue("threads", 1)
    h.addCols(n_cols, cost, lower, upper, 0, np.array([], dtype=np.int32), np.array([], dtype=np.int32), np.array([]))
    starts: list[int] = []
    index: list[int] = []
    value: list[float] = []
    row_lower: list[float] = []
    row_upper: list[float] = []
    for lo, hi, cols, vals in rows:
        starts.append(len(index))
        index.extend(cols)
        value.extend(vals)
        row_lower.append(lo)
        row_upper.append(hi)
    h.addRows(
        len(rows),
        np.array(row_lower),
        np.array(row_upper),
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(value),
    )
    h.changeColsIntegrality(
        n_cols, np.arange(n_cols, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n_cols)
    )
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    if info.primal_solution_status != 2:  # no feasible solution found (time limit or otherwise)
        if status == highspy.HighsModelStatus.kTimeLimit:
            raise Infeasible(
                [
                    Reason(
                        "time_limit",
                        "",
                        gettext_noop("Løseren fant ingen løsning innen tidsgrensen; prøv en lengre tidsgrense."),
                    )
                ]
            )
        return None
    values = h.getSolution().col_value
    services = []
    for j in hosts:
        if values[y_index[j]] > 0.5:
            served = tuple(sorted(i for i in range(n) if (i, j) in x_index and values[x_index[(i, j)]] > 0.5))
            services.append(ServicePlan(j, served))
    objective = float(info.objective_function_value)
    bound = float(info.mip_dual_bound)
    if not math.isfinite(bound):
        bound = objective
    bound = min(bound, objective)
    gap = (objective - bound) / abs(objective) if abs(objective) > 1e-9 else 0.0
    # Proven optimal: the solver finished and the bound meets the objective (HiGHS's default gap).
    optimal = status == highspy.HighsModelStatus.kOptimal and gap <= OPTIMAL_GAP + 1e-12
    return Result(services, objective, bound, gap, optimal, 0.0, h.modelStatusToString(status))


def objective_of(instance: Instance, rules: Rules, host_of: Mapping[int, int]) -> float:
    """The objective of an assignment (member -> host), for checks and brute force."""
    travel = sum(instance.units[i].children * instance.distance[i][j] for i, j in host_of.items())
    return travel + rules.cost_per_service * len(set(host_of.values()))


def feasible(instance: Instance, rules: Rules, host_of: Mapping[int, int]) -> bool:
    """Whether an assignment meets every rule (an independent check of the MILP's answer)."""
    units = instance.units
    n = len(units)
    if sorted(host_of) != list(range(n)):
        return False
    hosts = set(host_of.values())
    if any(host_of[j] != j for j in hosts):
        return False
    for i, j in host_of.items():
        if not allowed(instance, rules, i, j):
            return False
    for j in hosts:
        members = [i for i, h in host_of.items() if h == j]
        if units[j].number in rules.alone:
            if members != [j]:
                return False
            continue
        if sum(rules.weight(units[i]) for i in members) < rules.minimum - 1e-9:
            return False
        if rules.max_members is not None and len(members) > rules.max_members:
            return False
    for i, unit in enumerate(units):
        if unit.number in rules.fixed_hosts and host_of[i] != i:
            return False
        if unit.number in rules.alone and host_of[i] != i:
            return False
    if rules.keep_cooperations:
        for group in instance.cooperations:
            if len({host_of[i] for i in group}) > 1:
                return False
    return True


def brute_force(instance: Instance, rules: Rules) -> tuple[float, dict[int, int]] | None:
    """The best assignment by trying every one (n^n): only for tests on a handful of municipalities."""
    n = len(instance.units)
    best: tuple[float, dict[int, int]] | None = None
    for choice in itertools.product(range(n), repeat=n):
        host_of = dict(enumerate(choice))
        if not feasible(instance, rules, host_of):
            continue
        value = objective_of(instance, rules, host_of)
        if best is None or value < best[0] - 1e-9:
            best = (value, host_of)
    return best


def by_county(instance: Instance) -> list[tuple[str, list[int]]]:
    groups: dict[str, list[int]] = {}
    for i, unit in enumerate(instance.units):
        groups.setdefault(unit.county, []).append(i)
    return sorted(groups.items())


def solve_by_county(
    instance: Instance, rules: Rules, progress: Iterable[Any] | None = None
) -> tuple[Result, list[tuple[str, Result | Infeasible]]]:
    """Each county on its own (services stay inside a county), merged into one result.

    Returns the merged result (of the counties that could be solved) and per county its result or its
    refusal; `progress`, if given, is advanced once per county (a reporter with `advance()`).
    """
    started = time.perf_counter()
    parts: list[tuple[str, Result | Infeasible]] = []
    services: list[ServicePlan] = []
    objective = bound = 0.0
    optimal = True
    for county, indices in by_county(instance):
        try:
            part = solve(instance.subset(indices), rules)
        except Infeasible as refusal:
            parts.append((county, refusal))
            optimal = False
        else:
            parts.append((county, part))
            services.extend(ServicePlan(indices[s.host], tuple(indices[m] for m in s.members)) for s in part.services)
            objective += part.objective
            bound += part.bound
            optimal = optimal and part.optimal
        if progress is not None:
            progress.advance(1)  # type: ignore[attr-defined]
    gap = (objective - bound) / abs(objective) if abs(objective) > 1e-9 else 0.0
    merged = Result(services, objective, bound, gap, optimal, time.perf_counter() - started, "by_county")
    return merged, parts


def to_json(instance: Instance, rules: Rules, result: Result | None, refusal: Infeasible | None = None) -> dict:
    """The command's JSON: inputs used, services, objective, bound, gap, optimal, seconds."""
    units = instance.units
    payload: dict[str, Any] = {
        "rules": rules.as_dict(),
        "municipalities": [
            {
                "number": u.number,
                "name": u.name,
                "county": u.county,
                "children_0_17": u.children,
                "fte": u.fte,
                "fte_estimated": u.fte_estimated,
            }
            for u in units
        ],
        "distance_km": {
            "numbers": [u.number for u in units],
            "matrix": instance.distance,
        },
    }
    if result is not None:
        payload.update(
            {
                "services": [
                    {
                        "host": units[s.host].number,
                        "members": [units[m].number for m in s.members],
                        "fte": round(sum(units[m].fte for m in s.members), 2),
                        "children_0_17": sum(units[m].children for m in s.members),
                        "longest_km": max(instance.distance[s.host][m] for m in s.members),
                    }
                    for s in result.services
                ],
                "objective": round(result.objective, 3),
                "bound": round(result.bound, 3),
                "gap": round(result.gap, 6),
                "optimal": result.optimal,
                "seconds": round(result.seconds, 3),
            }
        )
    if refusal is not None:
        payload["infeasible"] = [
            {
                "rule": r.rule,
                "municipality": r.municipality,
                "message": r.message,
                "template": r.template,
                "params": r.params,
            }
            for r in refusal.reasons
        ]
    return payload
