"""The front page shows each role what needs its attention."""

from __future__ import annotations

from fagloft.organizations.models import Border
from fagloft.organizations.tests.factories import login, make_municipality, make_service


def test_a_user_with_nothing_waiting_is_told_so(client, tree):
    login(client, tree.users["no_role"])
    page = client.get("/").content.decode()
    assert "Ingenting venter på deg akkurat nå." in page
    assert "Du har ingen rolle i Fagløft ennå." in page


def test_anonymous_visitors_are_sent_to_the_login_page(client, tree):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/konto/logg-inn/")


def test_an_admin_is_told_that_borders_and_population_are_missing(client, tree):
    make_municipality(tree.county_x, "9105", "Uten befolkning")
    Border.objects.create(municipality=tree.municipality_a, year=2024, geometry={}, bbox=[0, 0, 1, 1])
    login(client, tree.users["admin"])
    page = client.get("/").content.decode()
    assert "Befolkningstall mangler" in page and "1 kommune mangler befolkningstall for 2021." in page
    assert "Kartgrenser mangler" in page and "3 kommuner har ingen kartgrense" in page


def test_a_service_leader_is_told_which_contact_details_are_missing(client, tree):
    tree.service_ab.leader_name = "Liv"
    tree.service_ab.email = "a@b.no"
    tree.service_ab.save()
    login(client, tree.users["leader_ab"])
    page = client.get("/").content.decode()
    assert "Kontaktopplysningene for Alvik og Bergvik barneverntjeneste er ufullstendige" in page
    assert "Mangler: telefon, adresse." in page
    assert f"/tjenester/{tree.service_ab.pk}/endre/" in page


def test_a_service_leader_with_complete_details_is_not_asked_about_them(client, tree):
    tree.service_ab.leader_name, tree.service_ab.email = "Liv", "a@b.no"
    tree.service_ab.phone, tree.service_ab.address = "1", "Torget"
    tree.service_ab.save()
    login(client, tree.users["leader_ab"])
    # Other apps may have things waiting; the contact details are no longer among them.
    assert "Kontaktopplysningene for" not in client.get("/").content.decode()


def test_a_county_advisor_is_told_about_services_without_a_leader_and_uncovered_municipalities(client, tree):
    make_municipality(tree.county_x, "9106", "Udekket")
    # Alvik og Bergvik has a leader (leader_ab holds the role); this one has none.
    make_service(make_municipality(tree.county_x, "9107", "Ledervik"))
    login(client, tree.users["advisor_x"])
    page = client.get("/").content.decode()
    assert "Tjenester uten registrert leder i Nordfylket" in page and "1 barneverntjeneste har ingen leder" in page
    assert "1 kommune har ingen barneverntjeneste registrert." in page
    assert "Utenfor" not in page


def test_the_organisation_checks_ask_the_same_few_queries_however_many_units(tree, django_assert_num_queries):
    from fagloft.organizations.attention import items_for

    user = tree.users["advisor_x"]
    items_for(user)  # memberships are loaded once per request and cached on the user
    with django_assert_num_queries(2):
        items_for(user)
    for number in range(10, 30):
        make_municipality(tree.county_x, f"91{number}", f"Ny {number}")
    with django_assert_num_queries(2):
        items_for(user)
