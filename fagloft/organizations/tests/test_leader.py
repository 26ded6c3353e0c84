"""A service's leader is known when the name is registered or somebody holds the service-leader role
for it today; the front page, the county page and the service page agree on it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from fagloft.accounts.models import Membership
from fagloft.accounts.roles import Role
from fagloft.organizations import queries
from fagloft.organizations.attention import items_for
from fagloft.organizations.models import Service
from fagloft.organizations.tests.factories import login, make_municipality, make_service

pytestmark = pytest.mark.django_db


def _details(user) -> str:
    return " ".join(str(item.detail) for item in items_for(user))


def test_a_service_leader_is_not_told_the_leader_is_missing_when_they_are_the_leader(tree):
    # service_ab has no leader name, but leader_ab holds the service-leader role for it.
    assert tree.service_ab.leader_name == ""
    details = _details(tree.users["leader_ab"])
    assert "Mangler: e-post, telefon, adresse." in details and "leder" not in details.split("Mangler:")[1]


def test_an_ended_or_deactivated_leader_or_an_employee_is_no_known_leader(tree):
    services = Service.objects.filter(pk=tree.service_ab.pk)
    assert not queries.without_leader(services).exists()
    tree.users["leader_ab"].is_active = False
    tree.users["leader_ab"].save()
    assert queries.without_leader(services).exists()  # the employee's role does not count either
    tree.users["leader_ab"].is_active = True
    tree.users["leader_ab"].save()
    Membership.objects.filter(service=tree.service_ab, role=Role.SERVICE_LEADER).update(
        valid_to=datetime.date(2020, 12, 31)
    )
    assert queries.without_leader(services).exists()
    assert queries.attach_leaders([tree.service_ab])[0].known_leader == ""


def test_the_county_counts_only_services_whose_leader_is_not_known(tree):
    make_service(make_municipality(tree.county_x, "9107", "Ledervik"))
    details = _details(tree.users["advisor_x"])
    assert "1 barneverntjeneste har ingen leder registrert." in details
    tree.service_ab.leader_name = ""
    tree.service_ab.save()
    Membership.objects.filter(service=tree.service_ab, role=Role.SERVICE_LEADER).delete()
    assert "2 barneverntjenester har ingen leder registrert." in _details(tree.users["advisor_x"])


def test_the_service_and_county_pages_show_the_leader_from_the_role(client, tree):
    leader = tree.users["leader_ab"]
    leader.first_name, leader.last_name = "Liv", "Leder"
    leader.save()
    login(client, tree.users["advisor_x"])
    page = client.get(reverse("organizations:service-detail", args=[tree.service_ab.pk])).content.decode()
    assert "Liv Leder" in page and "har rollen barnevernleder i Fagløft" in page
    county = client.get(reverse("organizations:county-detail", args=[tree.county_x.number])).content.decode()
    services = county.split('id="tjenester"')[1]
    row = services.split("Alvik og Bergvik barneverntjeneste</a></td>")[1].split("</td>")[0]
    assert "Liv Leder" in row and "Ikke registrert" not in row
    # A registered name comes first.
    tree.service_ab.leader_name = "Berit Barnevernleder"
    tree.service_ab.save()
    page = client.get(reverse("organizations:service-detail", args=[tree.service_ab.pk])).content.decode()
    assert "Berit Barnevernleder" in page and "har rollen barnevernleder" not in page
