from __future__ import annotations

import json

import pytest

from fagloft.organizations.tests.factories import build_tree, login
from fagloft.statistics.tests.factories import fill_tree

READERS = ["admin", "national", "advisor_x", "coordinator_x", "leader_ab", "employee_ab", "municipal_leader_a"]


@pytest.fixture
def tree(db):
    tree = build_tree()
    fill_tree(tree)
    return tree


def _get(client, tree, user, url):
    client.logout()
    if user:
        login(client, tree.users[user])
    return client.get(url)


@pytest.mark.parametrize("user", READERS)
def test_every_reader_of_the_municipality_sees_its_statistics(client, tree, user):
    response = _get(client, tree, user, "/statistikk/kommuner/9101/")
    assert response.status_code == 200
    assert "Undersøkelser avsluttet innen fristen" in response.content.decode()


@pytest.mark.parametrize("user", ["advisor_x", "leader_ab", "employee_ab", "municipal_leader_a", "coordinator_x"])
def test_a_municipality_in_another_county_is_not_found(client, tree, user):
    assert _get(client, tree, user, "/statistikk/kommuner/9201/").status_code == 404


def test_a_municipal_leader_sees_only_the_own_municipality(client, tree):
    assert _get(client, tree, "municipal_leader_a", "/statistikk/kommuner/9102/").status_code == 404


@pytest.mark.parametrize("user", ["competence_env", "no_role"])
def test_users_without_a_reading_role_are_refused(client, tree, user):
    assert _get(client, tree, user, "/statistikk/kommuner/9101/").status_code == 403
    assert _get(client, tree, user, "/statistikk/fylker/91/").status_code == 403


def test_anonymous_users_are_sent_to_the_login(client, tree):
    response = _get(client, tree, None, "/statistikk/kommuner/9101/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_the_municipality_page_gives_chart_data_and_a_table_for_each_indicator(client, tree):
    response = _get(client, tree, "leader_ab", "/statistikk/kommuner/9101/")
    html = response.content.decode()
    chart = json.loads(
        html.split('id="chart-kostra-undersokelser-innen-frist" type="application/json">')[1].split("</script>")[0]
    )
    assert chart["labels"] == ["2022", "2023"]
    by_label = {d["label"]: d["data"] for d in chart["datasets"]}
    assert by_label["Alvik"] == [70.0, 80.0]
    assert by_label["Hele landet"] == [50.0, 75.0]
    # The peer group without the municipality itself: only Utenforvik.
    assert by_label["KOSTRA-gruppe 13 (1 annen kommune)"] == [30.0, 40.0]
    assert "<caption>Undersøkelser avsluttet innen fristen (prosent)</caption>" in html
    assert "vendor/chartjs/chart.umd.js" in html
    assert "Utenfor" not in html  # the peer group is an aggregate; no names from county Y


def test_the_chart_library_is_served_from_our_own_static_files():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/chartjs/chart.umd.js")
    assert finders.find("statistics/charts.js")


def test_the_county_page_colours_the_map_and_sorts_the_table(client, tree):
    response = _get(
        client,
        tree,
        "advisor_x",
        "/statistikk/fylker/91/?indicator=kostra-undersokelser-innen-frist&sort=value&dir=desc",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(">Alvik</a>") < html.index(">Bergvik</a>")
    assert 'aria-sort="descending"' in html
    assert 'aria-label="Alvik: 80' in html and 'style="fill: #' in html
    assert "Utenfor" not in html
    ascending = _get(
        client, tree, "advisor_x", "/statistikk/fylker/91/?indicator=kostra-undersokelser-innen-frist&sort=value"
    ).content.decode()
    assert ascending.index(">Bergvik</a>") < ascending.index(">Alvik</a>")


def test_the_county_page_answers_htmx_with_the_results_only(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.get("/statistikk/fylker/91/?indicator=kostra-barn-per-arsverk", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Barn med undersøkelse eller tiltak per årsverk" in html


def test_an_unknown_sort_column_falls_back_to_the_number(client, tree):
    response = _get(client, tree, "advisor_x", "/statistikk/fylker/91/?sort=drop+table&indicator=nope")
    assert response.status_code == 200


def test_a_county_advisor_cannot_open_another_county(client, tree):
    assert _get(client, tree, "advisor_x", "/statistikk/fylker/92/").status_code == 404


def test_the_index_lists_the_catalogue_and_the_users_areas(client, tree):
    html = _get(client, tree, "advisor_x", "/statistikk/").content.decode()
    assert "Indikatorkatalogen" in html and "/statistikk/fylker/91/" in html and "Utenfor" not in html


def test_the_service_page_shows_the_services_own_figures(client, tree):
    assert _get(client, tree, "leader_ab", f"/statistikk/tjenester/{tree.service_ab.pk}/").status_code == 200
    assert _get(client, tree, "leader_ab", f"/statistikk/tjenester/{tree.service_c.pk}/").status_code == 404


def test_the_menu_offers_statistics_to_readers(client, tree):
    html = _get(client, tree, "leader_ab", "/").content.decode()
    assert 'href="/statistikk/"' in html
