"""The MILP against brute force on small instances, each rule on and off, and the Norwegian reasons."""

from __future__ import annotations

import random

import pytest

from fagloft.organising import model

NUMBERS = ["9001", "9002", "9003", "9004", "9005", "9006"]


def instance(seed: int, n: int = 6, counties: tuple[str, ...] = ("90",), groups: list[list[int]] | None = None):
    rng = random.Random(seed)
    units = [
        model.Unit(
            i,
            NUMBERS[i],
            f"Kommune {i}",
            counties[i % len(counties)],
            rng.randint(100, 3000),
            round(rng.uniform(0.5, 7.0), 1),
            False,
            rng.uniform(20.0, 30.0),
            rng.uniform(68.5, 70.5),
        )
        for i in range(n)
    ]
    return model.Instance(units, model.distance_matrix(units), groups or [])


def assert_matches_brute_force(inst: model.Instance, rules: model.Rules) -> model.Result:
    best = model.brute_force(inst, rules)
    assert best is not None, "the case must be feasible"
    result = model.solve(inst, rules)
    assert result.optimal
    assert model.feasible(inst, rules, result.host_of())
    assert result.objective == pytest.approx(best[0], rel=1e-6, abs=1e-6)
    assert model.objective_of(inst, rules, result.host_of()) == pytest.approx(result.objective, rel=1e-6)
    assert result.bound == pytest.approx(result.objective, rel=1e-4)
    return result


@pytest.mark.parametrize("seed", range(5))
def test_default_rules_match_brute_force(seed):
    assert_matches_brute_force(instance(seed), model.Rules(min_fte=5, max_km=300))


BASE = {"min_fte": 5.0, "max_km": None}
# (name, the rule switched on, the same rules with it off)
RULES = [
    ("min_children", {"measure": model.MEASURE_CHILDREN, "min_children": 2500, "max_km": None}, BASE),
    ("max_km", {"min_fte": 2.0, "max_km": 120.0}, {"min_fte": 2.0, "max_km": None}),
    ("keep_cooperations", {**BASE, "keep_cooperations": True}, BASE),
    ("fixed_hosts", {**BASE, "fixed_hosts": frozenset({"9003"})}, BASE),
    ("alone", {**BASE, "alone": frozenset({"9001"})}, BASE),
    ("max_members", {"min_fte": 3.0, "max_km": None, "max_members": 2}, {"min_fte": 3.0, "max_km": None}),
    (
        "cost_per_service",
        {"min_fte": 0.0, "max_km": None, "cost_per_service": 500_000.0},
        {"min_fte": 0.0, "max_km": None},
    ),
]
RESTRICTIONS = {"max_km", "keep_cooperations", "fixed_hosts", "alone", "max_members"}


@pytest.mark.parametrize(("name", "on", "off"), RULES, ids=[r[0] for r in RULES])
def test_each_rule_on_and_off_matches_brute_force(name, on, off):
    inst = instance(11, groups=[[0, 4], [2, 5]])
    with_rule = assert_matches_brute_force(inst, model.Rules(**on))
    without = assert_matches_brute_force(inst, model.Rules(**off))
    if name in RESTRICTIONS:
        # Switching a restriction off never makes the best answer worse.
        assert without.objective <= with_rule.objective + 1e-6


def test_rules_do_what_they_say():
    inst = instance(11, groups=[[0, 4], [2, 5]])
    kept = model.solve(inst, model.Rules(min_fte=5, max_km=None, keep_cooperations=True)).host_of()
    assert kept[0] == kept[4] and kept[2] == kept[5]
    fixed = model.solve(inst, model.Rules(min_fte=5, max_km=None, fixed_hosts=frozenset({"9003"}))).host_of()
    assert fixed[2] == 2
    alone = model.solve(inst, model.Rules(min_fte=5, max_km=None, alone=frozenset({"9001"}))).host_of()
    assert alone[0] == 0 and [i for i, h in alone.items() if h == 0] == [0]
    capped = model.solve(inst, model.Rules(min_fte=3, max_km=None, max_members=2))
    assert all(len(s.members) <= 2 for s in capped.services)
    cheap = model.solve(inst, model.Rules(min_fte=0, max_km=None, cost_per_service=0))
    assert len(cheap.services) == len(inst.units)  # nothing pulls them together
    dear = model.solve(inst, model.Rules(min_fte=0, max_km=None, cost_per_service=10**9))
    assert len(dear.services) == 1


def test_within_county_keeps_services_inside_each_county():
    inst = instance(4, counties=("90", "91"))
    rules = model.Rules(min_fte=3, max_km=None, within_county=True)
    result = assert_matches_brute_force(inst, rules)
    for service in result.services:
        assert len({inst.units[m].county for m in service.members}) == 1
    across = assert_matches_brute_force(inst, model.Rules(min_fte=3, max_km=None, within_county=False))
    assert across.objective <= result.objective + 1e-6


def test_distance_overrides_replace_the_estimate():
    units = [model.Unit(0, "1", "A", "90", 10, 1, False, 20, 70), model.Unit(1, "2", "B", "90", 10, 1, False, 21, 70)]
    estimate = model.distance_matrix(units, detour=1.3)[0][1]
    assert estimate == pytest.approx(model.great_circle_km(20, 70, 21, 70) * 1.3, abs=0.1)
    assert model.distance_matrix(units, overrides={("2", "1"): 99.0})[0][1] == 99.0


def test_a_municipality_that_cannot_reach_the_minimum_is_named_in_norwegian():
    units = [
        model.Unit(0, "5601", "Alta", "56", 4000, 20, False, 23.3, 69.9),
        model.Unit(1, "5614", "Loppa", "56", 100, 0.6, True, 22.0, 70.2),
        model.Unit(2, "5636", "Nesseby", "56", 150, 0.9, True, 28.9, 70.1),
    ]
    inst = model.Instance(units, model.distance_matrix(units))
    with pytest.raises(model.Infeasible) as caught:
        model.solve(inst, model.Rules(min_fte=5, max_km=100))
    reasons = caught.value.reasons
    assert [r.municipality for r in reasons] == ["5636"]
    assert reasons[0].rule == "minimum"
    assert "Nesseby kan ikke nå minstekravet på 5 årsverk" in reasons[0].message
    assert "100 km" in reasons[0].message
    # With a longer reach it becomes feasible.
    assert model.solve(inst, model.Rules(min_fte=5, max_km=400)).optimal


def test_conflicting_rules_are_explained():
    inst = instance(11, groups=[[0, 4]])
    with pytest.raises(model.Infeasible) as caught:
        model.solve(inst, model.Rules(min_fte=5, max_km=None, alone=frozenset({"9001"}), keep_cooperations=True))
    assert any(
        r.rule == "alone" and r.municipality == "9001" and "skal stå alene" in r.message for r in caught.value.reasons
    )
    with pytest.raises(model.Infeasible) as caught:
        model.solve(
            inst, model.Rules(min_fte=5, max_km=None, fixed_hosts=frozenset({"9001", "9005"}), keep_cooperations=True)
        )
    assert any(r.rule == "fixed_host" for r in caught.value.reasons)
    with pytest.raises(model.Infeasible) as caught:
        model.solve(inst, model.Rules(min_fte=1000, max_km=None, fixed_hosts=frozenset({"9002"})))
    assert {r.rule for r in caught.value.reasons} >= {"fixed_host", "minimum"}


def test_the_solver_finding_infeasibility_names_the_rule_to_drop():
    # Each pair can reach the minimum alone, so no single check fails; two members per service
    # with three municipalities in one cooperation cannot hold.
    units = [model.Unit(i, str(9000 + i), f"K{i}", "90", 500, 3, False, 20 + i * 0.1, 70) for i in range(4)]
    inst = model.Instance(units, model.distance_matrix(units), [[0, 1], [1, 2]])
    with pytest.raises(model.Infeasible) as caught:
        model.solve(inst, model.Rules(min_fte=5, max_km=None, keep_cooperations=True, max_members=2))
    messages = " ".join(r.message for r in caught.value.reasons)
    assert "uten regelen" in messages


def test_json_holds_inputs_services_and_solver_figures():
    inst = instance(2)
    rules = model.Rules(min_fte=5, max_km=None)
    payload = model.to_json(inst, rules, model.solve(inst, rules))
    assert payload["distance_km"]["numbers"] == [u.number for u in inst.units]
    assert len(payload["distance_km"]["matrix"]) == len(inst.units)
    assert {"number", "children_0_17", "fte", "fte_estimated"} <= set(payload["municipalities"][0])
    assert sorted(m for s in payload["services"] for m in s["members"]) == sorted(u.number for u in inst.units)
    assert {"objective", "bound", "gap", "optimal", "seconds"} <= set(payload)


def test_county_by_county_merges_results():
    inst = instance(5, counties=("90", "91"))
    merged, parts = model.solve_by_county(inst, model.Rules(min_fte=3, max_km=None))
    assert [c for c, _ in parts] == ["90", "91"]
    results = [p for _, p in parts if isinstance(p, model.Result)]
    assert len(results) == 2
    assert merged.objective == pytest.approx(sum(p.objective for p in results))
    assert sorted(m for s in merged.services for m in s.members) == list(range(len(inst.units)))


def test_reasons_are_stored_as_templates_and_read_in_the_readers_language():
    from django.utils import translation

    reason = model.Reason(
        "minimum",
        "9001",
        "%(name)s kan ikke nå minstekravet på %(measure)s: ingen mulig vertskommune innenfor "
        "%(km)s har nok i rekkevidde (høyst %(best)s).",
        {
            "name": "Nesseby",
            "best": "3",
            "measure_template": "%(amount)s årsverk",
            "amount": "5",
            "km_template": "%(km)s km",
            "km": "100",
        },
    )
    with translation.override("nb"):
        assert (
            reason.message
            == "Nesseby kan ikke nå minstekravet på 5 årsverk: ingen mulig vertskommune innenfor 100 km har nok "
            "i rekkevidde (høyst 3)."
        )
    with translation.override("en"):
        english = reason.message
    assert "Nesseby" in english and "5" in english and english != reason.template
