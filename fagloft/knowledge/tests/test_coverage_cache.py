"""The cached coverage of all municipalities (maps, API list) follows every change of the data
behind it at once: offers, their staff, certifications, agreements, the recommended list, level
owners; and the cached map page stays at a flat number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from fagloft.knowledge import coverage_cache
from fagloft.knowledge.models import LevelOwner, Offer, RecommendedMeasure
from fagloft.knowledge.tests import factories as f
from fagloft.organizations.tests.factories import build_tree, login, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    cache.clear()
    tree = build_tree()
    f.only_recommended(("Atferdsbehandling", "indicated", ("3.2",)))
    return tree


def _status(tree, level: str = "indicated") -> str:
    return coverage_cache.payloads([tree.municipality_a.pk])[tree.municipality_a.pk]["levels"][level]["status"]


def test_a_new_or_removed_offer_shows_at_once(tree):
    assert _status(tree) == "missing"
    offer = f.make_offer(tree.service_ab, f.make_intervention("PMTO"), "bufetat")
    assert _status(tree) == "covered"
    offer.waiting_weeks = 10
    offer.save()
    assert _status(tree) == "partial"  # long waiting time
    Offer.objects.filter(pk=offer.pk).delete()
    assert _status(tree) == "missing"


def test_a_lapsed_certification_or_a_removed_certified_employee_shows_at_once(tree):
    pmto = f.make_intervention(
        "PMTO", certification_required=True, certifier="NUBU", certification_method="pmto", certification_valid_years=2
    )
    kari = f.make_employee(tree.service_ab, "Kari")
    certification = f.certify(kari, "pmto", datetime.date.today().year)
    offer = f.make_offer(tree.service_ab, pmto, staff=[kari])
    assert _status(tree) == "covered"
    # An edit straight in the table (no audit event, no change timestamp) is still seen.
    type(certification).objects.filter(pk=certification.pk).update(year=2000)
    assert _status(tree) == "missing"
    type(certification).objects.filter(pk=certification.pk).update(year=datetime.date.today().year)
    assert _status(tree) == "covered"
    offer.staff.clear()
    assert _status(tree) == "missing"


def test_an_agreement_that_ends_or_loses_a_party_shows_at_once(tree):
    agreement = f.make_agreement([tree.municipality_a, tree.municipality_b])
    f.make_offer(tree.service_ab, f.make_intervention("MST"), "neighbour", agreement=agreement, provider_name="Nabo")
    assert _status(tree) == "covered"
    agreement.parties.remove(tree.municipality_a)
    assert _status(tree) == "missing"
    agreement.parties.add(tree.municipality_a)
    assert _status(tree) == "covered"
    agreement.valid_to = datetime.date(2020, 1, 1)
    agreement.save()
    assert _status(tree) == "missing"


def test_a_change_of_the_recommended_list_or_of_a_level_owner_shows_at_once(tree):
    f.make_offer(tree.service_ab, f.make_intervention("PMTO"), "bufetat")
    assert _status(tree) == "covered"
    extra = f.make_recommended("Multisystemisk terapi", "indicated", ("9.9",))
    assert _status(tree) == "partial"  # a recommended measure without an offer
    RecommendedMeasure.objects.filter(pk=extra.pk).update(is_active=False)
    assert _status(tree) == "covered"
    LevelOwner.objects.create(municipality=tree.municipality_a, level="indicated", role_title="Barnevernleder")
    owner = coverage_cache.payloads([tree.municipality_a.pk])[tree.municipality_a.pk]["levels"]["indicated"]["owner"]
    assert owner == "Barnevernleder"


def test_a_municipality_outside_todays_structure_is_computed_directly(tree):
    old = make_municipality(tree.county_x, "9199", "Gamlevik", valid_to=datetime.date(2019, 12, 31))
    figures = coverage_cache.summaries([tree.municipality_a.pk, old.pk])
    assert figures[old.pk].gaps == 3 and figures[old.pk].status == "missing"


def test_the_national_map_follows_a_new_offer_and_keeps_queries_flat(client, tree, django_assert_max_num_queries):
    for n in range(20):
        make_municipality(tree.county_x, f"93{n:02d}", f"Ekstravik {n}")
    login(client, tree.users["national"])
    page = client.get("/kunnskap/dekning/").content.decode()
    assert "Alvik (9101)" in page and "Ekstravik 19" in page
    assert "tilbud på alle nivåer</td>" not in page
    with django_assert_max_num_queries(12):
        client.get("/kunnskap/dekning/")
    f.make_offer(tree.service_ab, f.make_intervention("PMTO", levels=("universal", "selected", "indicated")), "bufetat")
    with django_assert_max_num_queries(25):
        page = client.get("/kunnskap/dekning/").content.decode()
    # Alvik and Bergvik (the shared service) now have an offer on every level.
    assert page.count("<td>tilbud på alle nivåer</td>") == 2


def test_the_api_list_follows_a_new_offer(client, tree):
    login(client, tree.users["advisor_x"])

    def indicated() -> dict[str, str]:
        return {
            row["municipality"]: row["levels"]["indicated"]["status"] for row in client.get("/api/v1/coverage/").json()
        }

    assert indicated() == {"9101": "missing", "9102": "missing"}  # county Y stays out
    assert indicated() == {"9101": "missing", "9102": "missing"}  # from the cache
    f.make_offer(tree.service_ab, f.make_intervention("PMTO"), "bufetat")
    assert indicated() == {"9101": "covered", "9102": "covered"}


def test_one_municipalitys_cached_coverage_follows_a_new_or_removed_offer(tree):
    def one_status() -> str:
        return coverage_cache.one(tree.municipality_a.pk).levels["indicated"].status

    assert one_status() == "missing"
    offer = f.make_offer(tree.service_ab, f.make_intervention("PMTO"), "bufetat")
    assert one_status() == "covered"
    Offer.objects.filter(pk=offer.pk).delete()
    assert one_status() == "missing"
