"""Coverage per level: with and without offers, lapsed or missing certification, a neighbour's offer
under an agreement; the batch loader stays at a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest

from fagloft.knowledge.queries import coverage_for
from fagloft.knowledge.tests import factories as f
from fagloft.organizations.tests.factories import build_tree, make_municipality, make_service

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 1)


@pytest.fixture
def tree():
    tree = build_tree()
    f.only_recommended(
        ("Foreldreveiledning", "universal", ("3.5",)),
        ("Atferdsbehandling", "indicated", ("3.2",)),
    )
    return tree


def test_without_offers_every_level_is_missing(tree):
    coverage = coverage_for([tree.municipality_a.pk], TODAY)[tree.municipality_a.pk]
    assert {level.status for level in coverage.levels.values()} == {"missing"}
    assert coverage.gaps == 3
    assert [m.name for m in coverage.levels["indicated"].missing] == ["Atferdsbehandling"]
    assert coverage.available == 0 and coverage.recommended == 2


def test_an_own_offer_covers_its_levels_in_every_municipality_the_service_covers(tree):
    icdp = f.make_intervention("ICDP", levels=("universal", "selected"), codes=("3.5",))
    f.make_offer(tree.service_ab, icdp, capacity=20, waiting_weeks=2)
    figures = coverage_for([tree.municipality_a.pk, tree.municipality_b.pk, tree.municipality_c.pk], TODAY)
    for municipality in (tree.municipality_a, tree.municipality_b):
        levels = figures[municipality.pk].levels
        assert levels["universal"].covered and levels["selected"].covered and not levels["indicated"].covered
        assert levels["universal"].missing == [] and levels["universal"].status == "covered"
    assert figures[tree.municipality_c.pk].gaps == 3  # another service's municipality


def test_an_offer_that_needs_certification_counts_only_with_current_certified_staff(tree):
    pmto = f.make_intervention(
        "PMTO", certification_required=True, certifier="NUBU", certification_method="pmto", certification_valid_years=2
    )
    current = f.make_employee(tree.service_ab, "Kari")
    f.certify(current, "pmto", 2024)
    offer = f.make_offer(tree.service_ab, pmto, staff=[current])
    level = coverage_for([tree.municipality_a.pk], TODAY)[tree.municipality_a.pk].levels["indicated"]
    assert level.covered and level.missing == [] and level.flagged == []

    # The certification lapses: 2024 + 2 years is before 2027.
    lapsed = coverage_for([tree.municipality_a.pk], datetime.date(2027, 1, 15))[tree.municipality_a.pk]
    assert not lapsed.levels["indicated"].covered
    assert [m.name for m in lapsed.levels["indicated"].missing] == ["Atferdsbehandling"]
    assert "gyldig sertifisering" in lapsed.levels["indicated"].flagged[0].problems[0]

    # The certified person leaves: flagged again, even with a current certification.
    current.ended_on = datetime.date(2025, 3, 1)
    current.save()
    gone = coverage_for([tree.municipality_a.pk], TODAY)[tree.municipality_a.pk].levels["indicated"]
    assert not gone.covered and gone.flagged[0].offer.id == offer.pk


def test_a_certification_in_another_method_does_not_count(tree):
    pmto = f.make_intervention("PMTO", certification_required=True, certifier="NUBU", certification_method="pmto")
    person = f.make_employee(tree.service_ab)
    f.certify(person, "icdp", 2024)
    f.make_offer(tree.service_ab, pmto, staff=[person])
    assert not coverage_for([tree.municipality_a.pk], TODAY)[tree.municipality_a.pk].levels["indicated"].covered


def test_a_neighbours_offer_counts_only_under_a_valid_agreement_for_its_parties(tree):
    pmto = f.make_intervention("PMTO")
    agreement = f.make_agreement([tree.municipality_a], valid_from=datetime.date(2024, 1, 1))
    f.make_offer(tree.service_ab, pmto, delivery="neighbour", agreement=agreement, provider_name="Naboby")
    figures = coverage_for([tree.municipality_a.pk, tree.municipality_b.pk], TODAY)
    assert figures[tree.municipality_a.pk].levels["indicated"].covered
    # Bergvik is served by the same service but is not a party to the agreement.
    assert not figures[tree.municipality_b.pk].levels["indicated"].covered
    assert figures[tree.municipality_a.pk].levels["indicated"].flagged  # flagged: not all are parties

    agreement.valid_to = datetime.date(2025, 1, 1)
    agreement.save()
    expired = coverage_for([tree.municipality_a.pk], TODAY)[tree.municipality_a.pk].levels["indicated"]
    assert not expired.covered
    assert "Samarbeidsavtalen" in expired.flagged[0].problems[0]


def test_a_bufetat_offer_counts_and_long_waiting_is_capacity_short(tree):
    mst = f.make_intervention("MST", codes=("3.1",), provider_type="state")
    f.make_offer(tree.service_ab, mst, delivery="bufetat", waiting_weeks=12)
    level = coverage_for([tree.municipality_a.pk], TODAY)[tree.municipality_a.pk].levels["indicated"]
    assert level.covered
    assert level.capacity_short and level.status == "partial"
    # MST (3.1) is not in the measure's category (3.2): the recommended measure is still missing.
    assert [m.name for m in level.missing] == ["Atferdsbehandling"]


def test_loading_coverage_takes_the_same_number_of_queries_for_many_municipalities(tree, django_assert_max_num_queries):
    pmto = f.make_intervention("PMTO")
    f.make_offer(tree.service_ab, pmto)
    for n in range(30):
        m = make_municipality(tree.county_x, f"95{n:02d}", f"Kommune {n}")
        service = make_service(m, [m], f"Tjeneste {n}")
        f.make_offer(service, pmto, staff=[f.make_employee(service)])
    with django_assert_max_num_queries(16):
        figures = coverage_for(None, TODAY)
    assert len(figures) >= 33
