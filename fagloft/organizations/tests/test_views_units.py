"""County, municipality and service pages."""

from __future__ import annotations

import datetime
from typing import Any

import time_machine

from fagloft.organizations.models import Border, County, CountyMembershipPeriod, Municipality
from fagloft.organizations.tests.factories import login, make_county, make_municipality, make_population

SQUARE: dict[str, Any] = {
    "type": "Polygon",
    "coordinates": [[[20.0, 69.0], [21.0, 69.0], [21.0, 70.0], [20.0, 70.0], [20.0, 69.0]]],
}


def _border(municipality: Municipality, shift: float = 0.0) -> Border:
    ring = [[x + shift, y] for x, y in SQUARE["coordinates"][0]]
    return Border.objects.create(
        municipality=municipality,
        year=2024,
        geometry={"type": "Polygon", "coordinates": [ring]},
        bbox=[20 + shift, 69, 21 + shift, 70],
    )


def test_the_county_page_draws_each_municipality_as_a_link_named_with_its_children(client, tree):
    _border(tree.municipality_a)
    _border(tree.municipality_b, 1.0)
    login(client, tree.users["advisor_x"])
    page = client.get("/fylker/91/").content.decode()
    assert '<svg class="fl-map"' in page
    assert 'href="/kommuner/9101/" aria-label="Alvik: 2\u00a0000 barn"' in page
    assert 'href="/kommuner/9102/" aria-label="Bergvik: 2\u00a0000 barn"' in page
    assert "Barn 0–17 år" in page  # the legend, in text


def test_the_county_page_lists_services_and_flags_a_missing_leader(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.get("/fylker/91/").content.decode()
    assert "Alvik og Bergvik barneverntjeneste" in page
    assert "Ikke registrert" in page


def test_a_county_without_borders_says_so_instead_of_an_empty_map(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.get("/fylker/91/").content.decode()
    assert "Kartgrenser er ikke importert ennå." in page


@time_machine.travel(datetime.date(2025, 3, 1))
def test_an_ended_county_shows_its_municipalities_as_they_were(client, tree):
    former = make_county(
        "54", "Troms og Finnmark", valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2023, 12, 31)
    )
    old = make_municipality(former, "5403", "Alta før 2024", valid_from=datetime.date(2020, 1, 1))
    old.valid_to = datetime.date(2023, 12, 31)
    old.save()
    CountyMembershipPeriod.objects.filter(municipality=old).update(valid_to=datetime.date(2023, 12, 31))
    moved = make_municipality(tree.county_x, "9103", "Flyttvik")
    CountyMembershipPeriod.objects.create(
        municipality=moved, county=former, valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2023, 12, 31)
    )
    login(client, tree.users["admin"])
    page = client.get("/fylker/54/").content.decode()
    assert "Fylket opphørte 31. desember 2023" in page
    assert "Alta før 2024" in page and "Flyttvik" in page
    assert "Alvik" not in page


def test_the_municipality_page_shows_population_services_history_and_agreements(client, tree):
    make_population(tree.municipality_a, 2022, total=10100, children=1990)
    successor = make_municipality(tree.county_x, "9110", "Nyvik")
    tree.municipality_a.successors.add(successor)
    login(client, tree.users["advisor_x"])
    page = client.get("/kommuner/9101/").content.decode()
    assert "10\u00a0100" in page and "1\u00a0990" in page
    assert "Alvik og Bergvik barneverntjeneste" in page and "fra 1. januar 2020" in page
    assert "Nordfylket (91)" in page
    assert "Nyvik (9110)" in page
    assert "Ingen samarbeidsavtaler er registrert." in page


def test_the_service_page_shows_whom_it_serves_and_the_leader(client, tree):
    tree.service_ab.leader_name = "Liv Leder"
    tree.service_ab.save()
    login(client, tree.users["employee_ab"])
    page = client.get(f"/tjenester/{tree.service_ab.pk}/").content.decode()
    assert "Bergvik" in page and "1. januar 2020" in page and "Liv Leder" in page
    assert "Brukere med rolle i tjenesten" not in page  # an employee does not see the memberships
    assert "Endre leder, kontakt og dekning" not in page


def test_a_service_leader_sees_who_holds_roles_and_the_edit_link(client, tree):
    login(client, tree.users["leader_ab"])
    page = client.get(f"/tjenester/{tree.service_ab.pk}/").content.decode()
    assert "Brukere med rolle i tjenesten" in page and "employee_ab" in page
    assert f"/tjenester/{tree.service_ab.pk}/endre/" in page


def test_a_county_advisor_gets_404_for_another_county(client, tree):
    login(client, tree.users["advisor_x"])
    assert client.get("/fylker/92/").status_code == 404
    assert client.get("/kommuner/9201/").status_code == 404
    assert client.get(f"/tjenester/{tree.service_c.pk}/").status_code == 404


def test_the_404_page_is_in_norwegian(client, tree, settings):
    settings.DEBUG = False
    login(client, tree.users["advisor_x"])
    response = client.get("/kommuner/9201/")
    assert "Vi fant ikke siden" in response.content.decode()


def test_the_county_list_separates_former_counties(client, tree):
    County.objects.create(
        number="54",
        name="Troms og Finnmark",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2023, 12, 31),
    )
    login(client, tree.users["national"])
    page = client.get("/fylker/").content.decode()
    assert "Tidligere fylker" in page and "2020–2023" in page


def test_the_403_page_explains_in_norwegian(client, tree, settings):
    settings.DEBUG = False
    login(client, tree.users["employee_ab"])
    response = client.get(f"/tjenester/{tree.service_ab.pk}/endre/")
    assert response.status_code == 403
    assert "Du har ikke tilgang til denne siden" in response.content.decode()


def test_every_page_has_a_skip_link_and_breadcrumbs(client, tree):
    login(client, tree.users["advisor_x"])
    for path in ("/fylker/91/", "/kommuner/9101/", f"/tjenester/{tree.service_ab.pk}/", "/sok/", "/endringslogg/"):
        page = client.get(path).content.decode()
        assert 'class="ds-skip-link" href="#innhold"' in page, path
        assert 'aria-label="Du er her"' in page, path
