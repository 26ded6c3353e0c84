"""The catalogue on its own searchable page, the front page's place search, plain words for users,
key columns at desktop width, and the pages' offers asked through permitted_actions."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from fagloft.organizations.tests.factories import build_tree, login
from fagloft.statistics.tests.factories import fill_tree


@pytest.fixture
def tree(db):
    tree = build_tree()
    fill_tree(tree)
    return tree


def _page(client, tree, user, url):
    login(client, tree.users[user])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_front_page_no_longer_holds_the_catalogue_but_links_to_it(client, tree):
    html = _page(client, tree, "advisor_x", "/statistikk/")
    assert "/statistikk/indikatorer/" in html
    assert "Undersøkelser avsluttet innen fristen" not in html and "<table" not in html


def test_the_catalogue_page_searches_by_name_and_topic_on_the_server(client, tree):
    everything = _page(client, tree, "leader_ab", "/statistikk/indikatorer/")
    assert "Undersøkelser avsluttet innen fristen" in everything and "Netto driftsutgifter" in everything
    by_name = _page(client, tree, "leader_ab", "/statistikk/indikatorer/?q=driftsutgifter")
    assert "Netto driftsutgifter per barn i barnevernet" in by_name
    assert "Undersøkelser avsluttet innen fristen" not in by_name
    by_topic = _page(client, tree, "leader_ab", "/statistikk/indikatorer/?q=saksflyt")
    assert "Undersøkelser avsluttet innen fristen" in by_topic and "Netto driftsutgifter" not in by_topic
    assert "Ingen indikatorer passer" in _page(client, tree, "leader_ab", "/statistikk/indikatorer/?q=zzzz")


def test_users_see_names_and_plain_words_and_codes_only_labelled_for_experts(client, tree):
    html = _page(client, tree, "leader_ab", "/statistikk/indikatorer/")
    assert "må kontrolleres mot Statistikkbanken" not in html and "administrator kan rette" not in html
    # The code only inside a details element, labelled.
    for match in re.finditer(r"kostra-undersokelser-innen-frist", html):
        before = html[: match.start()]
        assert before.rfind("<details>") > before.rfind("</details>")
        assert before.rstrip().endswith("<code>") and "Kode" in before[-40:]


def test_the_front_page_leads_to_a_municipality_or_county_in_one_step(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.get("/statistikk/?q=alvik")
    assert response.status_code == 302 and response["Location"] == "/statistikk/kommuner/9101/"
    assert client.get("/statistikk/?q=9102")["Location"] == "/statistikk/kommuner/9102/"
    assert client.get("/statistikk/?q=nordfylket")["Location"] == "/statistikk/fylker/91/"
    several = client.get("/statistikk/?q=vik").content.decode()  # Alvik and Bergvik
    assert "/statistikk/kommuner/9101/" in several and "/statistikk/kommuner/9102/" in several
    outside = client.get("/statistikk/?q=utenfor").content.decode()
    assert outside.count("/statistikk/kommuner/92") == 0 and "Ingen kommune eller fylke" in outside
    html = client.get("/statistikk/").content.decode()
    assert 'list="place-list"' in html and '<option value="Alvik">' in html


def test_the_county_table_keeps_value_in_view_with_few_short_headers(client, tree):
    html = _page(client, tree, "advisor_x", "/statistikk/fylker/91/?indicator=kostra-undersokelser-innen-frist")
    table = html[html.index("fl-county-table") :]
    headers = re.findall(r'<th scope="col"[^>]*><a [^>]*>([^<]+)', table[: table.index("</thead>")])
    assert [h.strip() for h in headers] == ["Kommune", "Barn 0–17", "Periode", "Verdi", "Endring"]
    assert "fl-two-columns" not in html and html.index('id="table-heading"') < html.index('id="map-heading"')
    assert "Nr. 9101" in table  # the number moved under the name


def test_entry_units_are_named_in_plain_words(client, tree):
    import datetime

    tree.county_x.valid_to = datetime.date(2019, 12, 31)
    tree.county_x.save()
    from fagloft.statistics.views.entry import unit_label

    assert unit_label(tree.county_x) == "Nordfylket (fylke, til 2019)"
    assert unit_label(tree.municipality_a) == "Alvik (kommune)"
    assert "?" not in unit_label(tree.county_x) and "(91)" not in unit_label(tree.county_x)


def test_the_offers_on_the_pages_come_from_permitted_actions(client, tree):
    from fagloft.accounts.access import permitted_actions

    # Other apps register their own actions on a county too (organising: `propose`); these are statistics'.
    permitted = permitted_actions(tree.users["advisor_x"], tree.county_x)
    assert {k: permitted[k] for k in ("export", "enter_area_values")} == {"export": True, "enter_area_values": True}
    assert permitted_actions(tree.users["employee_ab"], tree.county_x)["enter_area_values"] is False
    assert permitted_actions(tree.users["leader_ab"], tree.service_ab)["enter_own_values"] is True
    county = _page(client, tree, "advisor_x", "/statistikk/fylker/91/")
    assert "/statistikk/fylker/91/registrer/" in county and "/statistikk/fylker/91/eksport/" in county
    assert "/statistikk/fylker/91/registrer/" not in _page(client, tree, "employee_ab", "/statistikk/fylker/91/")


def test_definitions_and_units_follow_the_language_with_bokmal_as_fallback(tree):
    from fagloft.statistics.models import Indicator

    indicator = Indicator.objects.get(code="kostra-undersokelser-innen-frist")
    with translation.override("en"):
        assert indicator.unit_text == "per cent" and "investigations" in indicator.definition_text.lower()
    with translation.override("nn"):
        assert indicator.unit_text == "prosent" and "undersøkingane" in indicator.definition_text
    indicator.definition = "Egen tekst skrevet av administrator."
    with translation.override("en"):
        assert indicator.definition_text == "Egen tekst skrevet av administrator."


def test_every_seeded_catalogue_text_is_marked_for_translation():
    from fagloft.statistics.catalogue import CATALOGUE
    from fagloft.statistics.catalogue_messages import MESSAGES

    texts = {i[k] for i in CATALOGUE for k in ("definition", "numerator", "denominator", "unit") if i[k]}
    assert texts <= set(MESSAGES)


def test_the_service_page_names_the_source_in_words(client, tree):
    from fagloft.statistics.tests.factories import indicator, make_value

    own = indicator("egen-klager")
    make_value(own, 2023, 3, service=tree.service_ab, source="manual", source_detail="")
    html = _page(client, tree, "leader_ab", f"/statistikk/tjenester/{tree.service_ab.pk}/")
    assert "Registrert for hånd" in html and ">manual<" not in html


def test_a_reader_of_a_few_municipalities_gets_them_as_links_at_once(client, tree):
    html = _page(client, tree, "municipal_leader_a", "/statistikk/")
    assert '<a class="ds-link" href="/statistikk/kommuner/9101/">Alvik</a>' in html
    assert "/statistikk/kommuner/9102/" not in html
