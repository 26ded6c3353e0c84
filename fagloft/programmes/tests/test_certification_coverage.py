"""Certification coverage (TIBIR/PMTO): sites, certified staff per service from the competence
register, renewals expiring within N months, the coverage per 1 000 children, for the nation, a
county and a service, with the five-person rule for aggregates of persons."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fagloft.competence.models import Certification
from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.tests.factories import build_tree, login, make_population
from fagloft.programmes import coverage
from fagloft.programmes.models import CertificationSite
from fagloft.programmes.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    tree = build_tree()
    offer = f.offer("tibir-pmto")
    offer.coverage_per_1000_children = Decimal("1.00")
    offer.renewal_years = 2
    offer.save()
    today = timezone.localdate()
    for municipality in (tree.municipality_a, tree.municipality_b):
        make_population(municipality, today.year, children=2000)
    CertificationSite.objects.create(offer=offer, municipality=tree.municipality_a, since_year=2015)
    people = [make_employee(tree.service_ab, f"Pmto{i}", "Terapeut") for i in range(6)]
    for person in people[:5]:
        Certification.objects.create(employee=person, method="pmto", year=today.year)
    # Certified two years ago: renewal due at the end of this year (within twelve months).
    Certification.objects.create(employee=people[5], method="pmto", year=today.year - 2)
    # Certified long ago: expired, not counted.
    Certification.objects.create(employee=make_employee(tree.service_ab), method="pmto", year=today.year - 10)
    # Left the service: not counted.
    gone = make_employee(tree.service_ab, ended_on=today - datetime.timedelta(days=30))
    Certification.objects.create(employee=gone, method="pmto", year=today.year)
    # Two in county Y: under five, hidden in aggregates.
    for _ in range(2):
        Certification.objects.create(employee=make_employee(tree.service_c), method="pmto", year=today.year)
    return tree, offer, people


def _for(items, offer):
    return next(item for item in items if item.offer.pk == offer.pk)


def test_county_rows_per_service_with_needed_coverage(setup):
    tree, offer, _people = setup
    item = _for(coverage.for_county(tree.county_x, 12), offer)
    row = next(r for r in item.rows if r.url_kwargs == {"service_id": tree.service_ab.pk})
    assert row.certified == 6 and row.runs is True
    assert row.children == 4000 and row.needed == Decimal("4.0") and row.covered is True
    assert row.expiring is None  # one person: under five, hidden
    assert [s.municipality for s in item.sites] == [tree.municipality_a]


def test_the_nation_hides_counties_under_five(setup):
    tree, offer, _people = setup
    item = _for(coverage.national([tree.county_x, tree.county_y], 6), offer)
    by_county = {r.url_kwargs["county_number"]: r for r in item.rows}
    assert by_county[tree.county_x.number].certified == 6
    assert by_county[tree.county_y.number].certified is None
    assert item.total.certified == 8


def test_the_service_page_names_people_for_its_leader_only(client, setup):
    tree, offer, people = setup
    item = _for(coverage.for_service(tree.service_ab, 12, with_names=True), offer)
    due = {p.employee.pk: p for p in item.people}
    assert due[people[5].pk].expiring is True and due[people[0].pk].expiring is False
    assert len([p for p in item.people if p.expired]) == 1
    login(client, tree.users["leader_ab"])
    body = client.get(f"/programmer/sertifisering/tjenester/{tree.service_ab.pk}/?maaneder=12").content.decode()
    assert "Terapeut" in body
    login(client, tree.users["advisor_x"])
    body = client.get(f"/programmer/sertifisering/tjenester/{tree.service_ab.pk}/").content.decode()
    assert "Terapeut" not in body
    assert client.get(f"/programmer/sertifisering/fylker/{tree.county_x.number}/").status_code == 200
    assert client.get(f"/programmer/sertifisering/fylker/{tree.county_y.number}/").status_code in (403, 404)
    login(client, tree.users["competence_env"])
    assert client.get("/programmer/sertifisering/").status_code == 403


def test_the_pages_are_reachable_from_the_index_and_the_service_page(client, setup):
    tree, _offer, _people = setup
    login(client, tree.users["leader_ab"])
    assert "/programmer/sertifisering/" in client.get("/programmer/").content.decode()
    service_page = client.get(f"/programmer/tjenester/{tree.service_ab.pk}/").content.decode()
    assert f"/programmer/sertifisering/tjenester/{tree.service_ab.pk}/" in service_page
    assert client.get("/programmer/sertifisering/?maaneder=abc").status_code == 200


def test_add_months_keeps_the_end_of_the_month():
    assert coverage.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert coverage.add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
