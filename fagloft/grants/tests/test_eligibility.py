"""Each eligibility rule with a passing and a failing case (DOMAIN.md: stimulus funds, further education)."""

from __future__ import annotations

import decimal

import pytest

from fagloft.grants import eligibility
from fagloft.grants.eligibility import Candidate
from fagloft.grants.models import Call
from fagloft.grants.tests.factories import make_call
from fagloft.networks.models import CompetenceEnvironment, Network
from fagloft.networks.tests.factories import (
    adopt,
    make_environment,
    make_network,
    make_plan,
)

D = decimal.Decimal


@pytest.fixture
def world(tree):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])
    call = make_call(tree.county_x)
    return tree, network, call


def candidate(call: Call, network: Network | None, lead, participants=(), partner=None, lines=()) -> Candidate:
    return Candidate(
        call=call,
        network=network,
        lead_municipality=lead,
        participants=list(participants),
        partner=partner,
        budget_lines=list(lines),
    )


def test_plan_adopted_by_network_passes_when_the_network_adopted_its_plan(world):
    tree, network, call = world
    adopt(make_plan(network), [None])
    result = eligibility.plan_adopted_by_network(candidate(call, network, tree.municipality_a))
    assert result.passed and network.name in result.reason


def test_plan_adopted_by_network_fails_without_the_networks_adoption(world):
    tree, network, call = world
    adopt(make_plan(network), [tree.municipality_a])  # only a municipality, not the network
    result = eligibility.plan_adopted_by_network(candidate(call, network, tree.municipality_a))
    assert not result.passed
    assert "har ikke registrert vedtak" in result.reason


def test_plan_adopted_by_network_fails_without_a_network(world):
    tree, _network, call = world
    assert not eligibility.plan_adopted_by_network(candidate(call, None, tree.municipality_a)).passed


def test_plan_adopted_by_participants_passes_when_every_participant_adopted(world):
    tree, network, call = world
    adopt(make_plan(network), [None, tree.municipality_a, tree.municipality_b])
    result = eligibility.plan_adopted_by_participants(
        candidate(call, network, tree.municipality_a, [tree.municipality_b])
    )
    assert result.passed


def test_plan_adopted_by_participants_names_the_municipality_that_has_not_adopted(world):
    tree, network, call = world
    adopt(make_plan(network), [None, tree.municipality_a])
    result = eligibility.plan_adopted_by_participants(
        candidate(call, network, tree.municipality_a, [tree.municipality_b])
    )
    assert not result.passed
    assert "Bergvik" in result.reason and "Alvik" not in result.reason


def test_adoption_of_an_older_revision_does_not_count_for_the_newest_adopted_plan(world):
    tree, network, call = world
    adopt(make_plan(network, revision=1), [None, tree.municipality_a, tree.municipality_b])
    adopt(make_plan(network, revision=2), [None, tree.municipality_a])
    result = eligibility.plan_adopted_by_participants(
        candidate(call, network, tree.municipality_a, [tree.municipality_b])
    )
    assert not result.passed and "Bergvik" in result.reason


def test_competence_environment_partner_passes_with_an_rkbu(world):
    tree, network, call = world
    partner = make_environment("RKBU Nord", CompetenceEnvironment.Kind.RKBU)
    assert eligibility.competence_environment_partner(
        candidate(call, network, tree.municipality_a, partner=partner)
    ).passed


def test_competence_environment_partner_fails_without_a_partner(world):
    tree, network, call = world
    result = eligibility.competence_environment_partner(candidate(call, network, tree.municipality_a))
    assert not result.passed and "kompetansemiljø" in result.reason


def test_bufetat_counts_as_partner_only_in_foster_care_networks(world):
    tree, network, call = world
    bufetat = make_environment("Bufetat region nord", CompetenceEnvironment.Kind.BUFETAT)
    assert not eligibility.competence_environment_partner(
        candidate(call, network, tree.municipality_a, partner=bufetat)
    ).passed
    network.strand = Network.Strand.FOSTER_CARE
    assert eligibility.competence_environment_partner(
        candidate(call, network, tree.municipality_a, partner=bufetat)
    ).passed


def test_budget_present_passes_with_an_amount_and_fails_with_none(world):
    tree, network, call = world
    assert eligibility.budget_present(
        candidate(call, network, tree.municipality_a, lines=[("travel", D(1000), "")])
    ).passed
    assert not eligibility.budget_present(candidate(call, network, tree.municipality_a)).passed


def test_within_call_budget_fails_when_asking_for_more_than_the_whole_call(world):
    tree, network, call = world
    ok = candidate(call, network, tree.municipality_a, lines=[("other", call.budget, "")])
    too_much = candidate(call, network, tree.municipality_a, lines=[("other", call.budget + 1, "")])
    assert eligibility.within_call_budget(ok).passed
    assert not eligibility.within_call_budget(too_much).passed


def test_max_per_student_sums_each_students_lines_against_the_limit(tree):
    call = make_call(tree.county_x, kind=Call.Kind.FURTHER_EDUCATION, max_per_student=100_000)
    fine = candidate(
        call, None, tree.municipality_a, lines=[("substitutes", D(80_000), "Kari"), ("travel", D(20_000), "Kari")]
    )
    over = candidate(
        call, None, tree.municipality_a, lines=[("substitutes", D(80_000), "Kari"), ("travel", D(20_001), "Kari")]
    )
    assert eligibility.max_per_student(fine).passed
    result = eligibility.max_per_student(over)
    assert not result.passed and "Kari" in result.reason


def test_students_named_fails_for_a_line_without_an_employee(tree):
    call = make_call(tree.county_x, kind=Call.Kind.FURTHER_EDUCATION)
    assert eligibility.students_named(
        candidate(call, None, tree.municipality_a, lines=[("travel", D(5000), "Ola")])
    ).passed
    assert not eligibility.students_named(
        candidate(call, None, tree.municipality_a, lines=[("travel", D(5000), " ")])
    ).passed


def test_a_call_uses_its_chosen_rules_or_the_defaults_for_its_kind(tree):
    call = make_call(tree.county_x)
    assert eligibility.rules_for(call) == eligibility.DEFAULT_RULES[Call.Kind.DEVELOPMENT]
    call.eligibility_rules = ["budget_present"]
    assert eligibility.rules_for(call) == ["budget_present"]


def test_several_municipalities_score_prioritises_projects_with_more_municipalities():
    assert (
        eligibility.several_municipalities_score(1)
        < eligibility.several_municipalities_score(2)
        < eligibility.several_municipalities_score(3)
    )
