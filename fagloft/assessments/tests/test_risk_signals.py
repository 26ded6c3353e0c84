"""Signals from indicator values, with the arithmetic worked out by hand in each test."""

from __future__ import annotations

import pytest

from fagloft.assessments.models import SignalRule
from fagloft.assessments.risk_signals import compute_signals, least_squares_slope, rules_for
from fagloft.assessments.tests.factories import add_values, make_rule
from fagloft.organizations.tests.factories import make_municipality

Kind = SignalRule.Kind


def _only(service, year=2024):
    [signal] = compute_signals(service, year)
    return signal


def test_a_threshold_fires_when_the_value_passes_the_limit(tree):
    add_values("deadline_breach", {2023: 12.5, 2024: 30.0}, municipality=tree.municipality_a)
    make_rule(Kind.THRESHOLD, "deadline_breach", {"op": ">", "value": 25})
    signal = _only(tree.service_ab)
    assert signal.fired and signal.value == 30.0 and signal.year == 2024 and signal.reference == 25


def test_a_threshold_uses_the_latest_year_not_after_the_assessment_year(tree):
    add_values("deadline_breach", {2023: 12.5, 2024: 30.0}, municipality=tree.municipality_a)
    make_rule(Kind.THRESHOLD, "deadline_breach", {"op": ">", "value": 25})
    signal = _only(tree.service_ab, year=2023)
    assert not signal.fired and signal.value == 12.5 and signal.year == 2023


def test_the_service_figure_wins_over_the_host_municipality_and_ssb_over_manual(tree):
    add_values("plans", {2024: 80}, municipality=tree.municipality_a)
    add_values("plans", {2024: 55}, service=tree.service_ab, source="manual")
    add_values("plans", {2024: 60}, service=tree.service_ab, source="ssb")
    make_rule(Kind.THRESHOLD, "plans", {"op": "<", "value": 70})
    signal = _only(tree.service_ab)
    assert signal.value == 60 and signal.fired


def test_a_rule_without_figures_says_so_and_does_not_fire(tree):
    make_rule(Kind.THRESHOLD, "never_recorded", {"op": ">", "value": 1})
    signal = _only(tree.service_ab)
    assert not signal.fired and not signal.has_data


def test_the_trend_is_the_least_squares_slope_over_the_window():
    # Points (2022, 10), (2023, 14), (2024, 15): mean x 2023, mean y 13;
    # slope = ((-1)(-3) + 0 + (1)(2)) / (1 + 0 + 1) = 5 / 2 = 2.5 per year.
    assert least_squares_slope({2022: 10, 2023: 14, 2024: 15}) == pytest.approx(2.5)
    assert least_squares_slope({2024: 15}) is None


def test_a_rising_trend_fires_only_above_the_minimum_slope(tree):
    add_values("per_fte", {2020: 1.0, 2022: 10, 2023: 14, 2024: 15}, municipality=tree.municipality_a)
    make_rule(Kind.TREND, "per_fte", {"years": 3, "direction": "up", "min_slope": 2.5})
    signal = _only(tree.service_ab)
    assert signal.fired and signal.value == pytest.approx(2.5)  # 2020 lies outside the 3-year window
    SignalRule.objects.update(parameters={"years": 3, "direction": "up", "min_slope": 2.6})
    assert not _only(tree.service_ab).fired


def test_a_falling_trend_fires_when_the_slope_is_negative_enough(tree):
    add_values("plans", {2023: 90, 2024: 84}, municipality=tree.municipality_a)
    make_rule(Kind.TREND, "plans", {"years": 2, "direction": "down", "min_slope": 5})
    signal = _only(tree.service_ab)
    assert signal.fired and signal.value == pytest.approx(-6)


def test_peer_deviation_compares_with_the_mean_of_the_other_municipalities_in_the_county(tree):
    # Own 30; peers in county X: Bergvik 20 and a third municipality 10 -> mean 15; (30 - 15) / 15 = +100 %.
    third = make_municipality(tree.county_x, "9103", "Tredjevik")
    add_values("measures_per_1000", {2024: 30}, municipality=tree.municipality_a)
    add_values("measures_per_1000", {2024: 20}, municipality=tree.municipality_b)
    add_values("measures_per_1000", {2024: 10}, municipality=third)
    add_values("measures_per_1000", {2024: 500}, municipality=tree.municipality_c)  # county Y: not a peer
    make_rule(Kind.PEER, "measures_per_1000", {"peer": "county", "direction": "above", "pct": 100})
    signal = _only(tree.service_ab)
    assert signal.reference == pytest.approx(15) and signal.fired
    SignalRule.objects.update(parameters={"peer": "county", "direction": "above", "pct": 101})
    assert not _only(tree.service_ab).fired


def test_peer_deviation_prefers_the_county_figure_and_can_look_below(tree):
    add_values("plans", {2024: 60}, municipality=tree.municipality_a)
    add_values("plans", {2024: 80}, county=tree.county_x)
    make_rule(Kind.PEER, "plans", {"peer": "county", "direction": "below", "pct": 25})
    signal = _only(tree.service_ab)  # (60 - 80) / 80 = -25 %
    assert signal.reference == 80 and signal.fired


def test_peer_deviation_against_the_kostra_group_and_the_nation(tree):
    for municipality, group in ((tree.municipality_a, "K1"), (tree.municipality_c, "K1"), (tree.municipality_b, "K2")):
        municipality.kostra_group = group
        municipality.save()
    add_values("spend", {2024: 110}, municipality=tree.municipality_a)
    add_values("spend", {2024: 100}, municipality=tree.municipality_c)
    add_values("spend", {2024: 400}, municipality=tree.municipality_b)
    add_values("spend", {2024: 200}, national=True)
    group_rule = make_rule(Kind.PEER, "spend", {"peer": "kostra_group", "direction": "either", "pct": 10})
    nation_rule = make_rule(Kind.PEER, "spend", {"peer": "nation", "direction": "either", "pct": 10})
    signals = {s.rule_id: s for s in compute_signals(tree.service_ab, 2024)}
    assert signals[group_rule.pk].reference == 100 and signals[group_rule.pk].fired  # +10 %
    assert signals[nation_rule.pk].reference == 200 and signals[nation_rule.pk].fired  # -45 %


def _vulnerability_rule(minimum: int = 2) -> SignalRule:
    return make_rule(
        Kind.VULNERABILITY,
        "",
        {
            "min_factors": minimum,
            "factors": [
                {"indicator": "fte_total", "op": "<", "value": 5, "label": "Få årsverk"},
                {"indicator": "one_person_functions", "op": ">=", "value": 1, "label": "Enpersonsfunksjoner"},
                {"indicator": "turnover_pct", "op": ">", "value": 20, "label": "Høy turnover"},
                {"indicator": "vacancies", "op": ">", "value": 0, "label": "Ledige stillinger"},
            ],
        },
    )


def test_the_vulnerability_signal_fires_when_enough_factors_hold(tree):
    add_values("fte_total", {2024: 3.5}, service=tree.service_ab, source="computed")
    add_values("turnover_pct", {2024: 33.3}, service=tree.service_ab, source="computed")
    add_values("vacancies", {2024: 0}, service=tree.service_ab, source="computed")
    _vulnerability_rule(minimum=2)
    signal = _only(tree.service_ab)
    assert signal.fired and signal.value == 2 and "Få årsverk" in signal.message and "Høy turnover" in signal.message


def test_the_vulnerability_signal_stays_quiet_below_the_minimum(tree):
    add_values("fte_total", {2024: 12}, service=tree.service_ab, source="computed")
    add_values("turnover_pct", {2024: 33.3}, service=tree.service_ab, source="computed")
    _vulnerability_rule(minimum=2)
    signal = _only(tree.service_ab)
    assert not signal.fired and signal.value == 1


def test_the_vulnerability_signal_counts_staffing_figures_from_the_following_year(tree):
    # An assessment of 2024 is written early in 2025, when the competence app publishes 2025 figures.
    add_values("fte_total", {2025: 3.0}, service=tree.service_ab, source="computed")
    add_values("vacancies", {2025: 1}, service=tree.service_ab, source="computed")
    add_values("turnover_pct", {2026: 50}, service=tree.service_ab, source="computed")  # too late: not counted
    _vulnerability_rule(minimum=3)
    signal = _only(tree.service_ab, year=2024)
    assert signal.value == 2 and not signal.fired
    SignalRule.objects.update(parameters={**SignalRule.objects.get().parameters, "year_offset": 2})
    assert _only(tree.service_ab, year=2024).fired


def test_a_county_rule_applies_only_in_its_own_county(tree):
    national = make_rule(Kind.THRESHOLD, "x", {"op": ">", "value": 1})
    own = make_rule(Kind.THRESHOLD, "x", {"op": ">", "value": 1}, county=tree.county_x)
    other = make_rule(Kind.THRESHOLD, "x", {"op": ">", "value": 1}, county=tree.county_y)
    ids = {r.pk for r in rules_for(tree.service_ab)}
    assert national.pk in ids and own.pk in ids and other.pk not in ids


def test_signals_take_a_fixed_number_of_queries(tree, django_assert_max_num_queries):
    for code in ("a", "b", "c", "d"):
        add_values(code, {2022: 1, 2023: 2, 2024: 3}, municipality=tree.municipality_a)
        make_rule(Kind.THRESHOLD, code, {"op": ">", "value": 1})
        make_rule(Kind.TREND, code, {"direction": "up", "min_slope": 0})
    with django_assert_max_num_queries(4):
        assert len(compute_signals(tree.service_ab, 2024)) == 8
