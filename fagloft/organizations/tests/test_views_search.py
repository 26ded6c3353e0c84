"""Searching for a municipality by name or number."""

from __future__ import annotations

from fagloft.organizations.tests.factories import login


def test_it_finds_a_municipality_by_part_of_its_name(client, tree):
    login(client, tree.users["national"])
    page = client.get("/sok/", {"q": "berg"}).content.decode()
    assert "Bergvik (9102)" in page and "Alvik" not in page.split("treff for")[1]


def test_it_finds_municipalities_by_the_start_of_their_number(client, tree):
    login(client, tree.users["national"])
    page = client.get("/sok/", {"q": "92"}).content.decode()
    assert "Utenforvik (9201)" in page and "Alvik (9101)" not in page


def test_it_only_finds_what_the_user_may_see(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.get("/sok/", {"q": "vik"}).content.decode()
    assert "Alvik" in page and "Bergvik" in page and "Utenfor" not in page


def test_an_htmx_request_gets_only_the_results_fragment(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.get("/sok/", {"q": "alv"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Alvik (9101)" in body
    assert "<html" not in body


def test_no_match_gets_a_helpful_message(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.get("/sok/", {"q": "Oslo"}).content.decode()
    assert "0 treff for «Oslo»" in page
    assert "Prøv en del av navnet" in page
