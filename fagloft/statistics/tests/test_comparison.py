from __future__ import annotations

from decimal import Decimal

from fagloft.organizations.tests.factories import make_municipality
from fagloft.statistics import queries
from fagloft.statistics.tests.factories import fill_tree, indicator, make_value


def _values(points):
    return {p.year: p.value for p in points}


def test_a_municipality_is_compared_with_its_county_the_nation_and_its_peer_group(tree):
    deadline = fill_tree(tree)
    (result,) = queries.comparison(tree.municipality_a, [deadline])
    assert _values(result.municipality) == {2022: Decimal(70), 2023: Decimal(80)}
    assert _values(result.county) == {2022: Decimal(70), 2023: Decimal("79.4118")}  # 81 / 102, county X only
    # The nation's stored 2023 figure wins over the computed one; 2022 is computed (100 / 200).
    assert _values(result.nation) == {2022: Decimal(50), 2023: Decimal(75)}
    # The peer group is KOSTRA group 13 across county borders, without Alvik itself: Utenforvik.
    assert _values(result.peers) == {2022: Decimal(30), 2023: Decimal(40)}
    assert result.peer_count == 1


def test_a_municipality_is_not_its_own_peer(tree):
    deadline = fill_tree(tree)
    from fagloft.organizations.models import Municipality

    Municipality.objects.filter(pk=tree.municipality_c.pk).update(kostra_group="99")
    (result,) = queries.comparison(tree.municipality_a, [deadline])
    # Alone in its group: no peer series at all, rather than a "group" that is Alvik itself.
    assert result.peers == [] and result.peer_count == 0


def test_a_municipality_without_a_kostra_group_has_no_peer_series(tree):
    deadline = fill_tree(tree)
    (result,) = queries.comparison(tree.municipality_b, [deadline])
    assert result.peers == []


def test_the_comparison_runs_a_fixed_number_of_queries(tree, django_assert_max_num_queries):
    fill_tree(tree)
    indicators = queries.active_indicators("municipality")
    with django_assert_max_num_queries(7):
        queries.comparison(tree.municipality_a, indicators)


def test_the_latest_value_prefers_ssb_over_the_services_own_file(tree):
    deadline = indicator()
    make_value(deadline, 2023, 60, municipality=tree.municipality_a, source="kostra_15f")
    make_value(deadline, 2023, 65, municipality=tree.municipality_a, source="ssb")
    make_value(deadline, 2024, 70, municipality=tree.municipality_a, source="kostra_15f")
    latest = queries.latest_value(deadline, f"m:{tree.municipality_a.pk}")
    assert latest is not None
    assert (latest.year, latest.value, latest.source) == (2024, 70, "kostra_15f")
    make_value(deadline, 2024, 72, municipality=tree.municipality_a, source="ssb")
    latest = queries.latest_value(deadline, f"m:{tree.municipality_a.pk}")
    assert latest is not None
    assert latest.value == 72


def test_the_county_table_sorts_by_value_with_missing_values_last(tree):
    deadline = fill_tree(tree)
    make_municipality(tree.county_x, "9103", "Dalvik")  # no values
    table = queries.county_table(tree.users["advisor_x"], tree.county_x, deadline, "value", descending=True)
    assert [r.municipality.name for r in table.rows] == ["Alvik", "Bergvik", "Dalvik"]
    assert table.rows[0].change == Decimal(10)
    table = queries.county_table(tree.users["advisor_x"], tree.county_x, deadline, "value")
    assert [r.municipality.name for r in table.rows] == ["Bergvik", "Alvik", "Dalvik"]
    table = queries.county_table(tree.users["advisor_x"], tree.county_x, deadline, "name", descending=True)
    assert [r.municipality.name for r in table.rows] == ["Dalvik", "Bergvik", "Alvik"]


def test_the_county_table_shows_only_municipalities_the_user_may_see(tree):
    deadline = fill_tree(tree)
    table = queries.county_table(tree.users["municipal_leader_a"], tree.county_x, deadline)
    assert [r.municipality.name for r in table.rows] == ["Alvik"]


def test_visible_values_follow_the_tree_and_include_the_nation(tree):
    deadline = fill_tree(tree)
    make_value(deadline, 2023, 1, service=tree.service_ab)
    make_value(deadline, 2023, 2, service=tree.service_c)
    make_value(deadline, 2023, 3, county=tree.county_x)
    make_value(deadline, 2023, 4, county=tree.county_y)

    def units(name):
        return {v.unit_key for v in queries.visible_values(tree.users[name])}

    a, b, c = (f"m:{m.pk}" for m in (tree.municipality_a, tree.municipality_b, tree.municipality_c))
    x, y = f"c:{tree.county_x.pk}", f"c:{tree.county_y.pk}"
    s_ab, s_c = f"s:{tree.service_ab.pk}", f"s:{tree.service_c.pk}"
    assert units("leader_ab") == {a, b, x, s_ab, "n"}
    assert units("municipal_leader_a") == {a, x, s_ab, "n"}
    assert units("advisor_x") == {a, b, x, s_ab, "n"}
    assert units("national") == {a, b, c, x, y, s_ab, s_c, "n"}
    assert units("competence_env") == set()
    assert units("no_role") == set()


def test_the_national_sum_is_skipped_when_ssbs_national_figures_cover_the_municipalitys_years(
    tree, django_assert_num_queries
):
    deadline = fill_tree(tree)
    make_value(deadline, 2022, 51, is_national=True)
    make_value(deadline, 2022, 71, county=tree.county_x)
    make_value(deadline, 2023, 81, county=tree.county_x)
    with django_assert_num_queries(5):  # own, county stored, nation stored, the peer group's size and sum
        (result,) = queries.comparison(tree.municipality_a, [deadline])
    assert _values(result.nation) == {2022: Decimal(51), 2023: Decimal(75)}
