from __future__ import annotations

from decimal import Decimal

import pytest

from fagloft.organizations.models import Municipality
from fagloft.organizations.tests.factories import build_tree, make_municipality
from fagloft.statistics.aggregation import aggregate, combine
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.services import NewValue, record_values, store_aggregates
from fagloft.statistics.tests.factories import indicator, make_value


def test_a_rate_is_summed_numerators_over_summed_denominators_not_an_average_of_rates():
    ratio = Indicator(aggregation="ratio", scale=Decimal(100))
    result = combine(ratio, Decimal(160 + 1), Decimal(200 + 2), None, 2)
    assert result.value == Decimal("79.7030")  # the mean of 80 % and 50 % would be 65 %


def test_a_zero_denominator_gives_no_value():
    ratio = Indicator(aggregation="ratio", scale=Decimal(100))
    assert combine(ratio, Decimal(3), Decimal(0), None, 1).value is None


def test_a_count_is_summed():
    count = Indicator(aggregation="sum", scale=Decimal(1))
    assert combine(count, None, None, Decimal(42), 3).value == Decimal(42)


@pytest.mark.django_db
def test_the_county_figure_is_computed_from_its_municipalities_only():
    tree = build_tree()
    deadline = indicator("kostra-undersokelser-innen-frist")
    make_value(deadline, 2023, 80, numerator=160, denominator=200, municipality=tree.municipality_a)
    make_value(deadline, 2023, 50, numerator=1, denominator=2, municipality=tree.municipality_b)
    make_value(deadline, 2023, 10, numerator=10, denominator=100, municipality=tree.municipality_c)  # county Y
    in_x = Municipality.objects.filter(county=tree.county_x)
    result = aggregate([deadline], in_x)[(deadline.pk, 2023, 0)]
    assert result.value == Decimal("79.7030")
    assert (result.numerator, result.denominator, result.municipalities) == (161, 202, 2)
    national = aggregate([deadline], None)[(deadline.pk, 2023, 0)]
    assert national.value == Decimal("56.6225")  # 171 / 302


@pytest.mark.django_db
def test_municipalities_without_numerator_and_denominator_are_left_out_of_a_rate():
    tree = build_tree()
    deadline = indicator("kostra-undersokelser-innen-frist")
    make_value(deadline, 2023, 80, numerator=80, denominator=100, municipality=tree.municipality_a)
    make_value(deadline, 2023, 10, municipality=tree.municipality_b)  # a value alone cannot be weighted
    result = aggregate([deadline], None)[(deadline.pk, 2023, 0)]
    assert result.value == Decimal(80) and result.municipalities == 1


@pytest.mark.django_db
def test_per_children_values_get_the_population_as_denominator_when_recorded():
    tree = build_tree()  # every municipality has 2,000 children in 2021
    per_1000 = indicator("kostra-barn-med-tiltak-per-1000")
    record_values(
        None,
        [
            NewValue(per_1000.code, 2021, 30, municipality_id=tree.municipality_a.pk),
            NewValue(per_1000.code, 2021, 40, municipality_id=tree.municipality_b.pk),
        ],
        "ssb",
    )
    stored = IndicatorValue.objects.get(municipality=tree.municipality_a)
    assert (stored.numerator, stored.denominator) == (60, 2000)
    result = aggregate([per_1000], Municipality.objects.filter(county=tree.county_x))[(per_1000.pk, 2021, 0)]
    assert result.value == Decimal(35)


@pytest.mark.django_db
def test_per_children_values_follow_a_renumbered_municipality_to_its_predecessor():
    tree = build_tree()
    successor = make_municipality(tree.county_x, "9111", "Nyvik")
    successor.predecessors.add(tree.municipality_a)
    per_1000 = indicator("kostra-barn-med-tiltak-per-1000")
    record_values(None, [NewValue(per_1000.code, 2021, 30, municipality_id=successor.pk)], "ssb")
    assert IndicatorValue.objects.get(municipality=successor).denominator == 2000


@pytest.mark.django_db
def test_the_preferred_source_wins_when_municipalities_report_from_several():
    tree = build_tree()
    deadline = indicator("kostra-undersokelser-innen-frist")
    make_value(deadline, 2023, 50, numerator=50, denominator=100, municipality=tree.municipality_a, source="kostra_15f")
    make_value(deadline, 2023, 90, numerator=90, denominator=100, municipality=tree.municipality_a, source="ssb")
    assert aggregate([deadline], None)[(deadline.pk, 2023, 0)].value == Decimal(90)


@pytest.mark.django_db
def test_stored_aggregates_are_written_for_the_county_and_the_nation():
    tree = build_tree()
    deadline = indicator("kostra-undersokelser-innen-frist")
    make_value(deadline, 2023, 80, numerator=80, denominator=100, municipality=tree.municipality_a)
    make_value(deadline, 2023, 60, numerator=60, denominator=100, municipality=tree.municipality_c)
    store_aggregates(None, [deadline], [tree.county_x, tree.county_y])
    computed = IndicatorValue.objects.filter(source="computed")
    assert computed.get(county=tree.county_x).value == 80
    assert computed.get(county=tree.county_y).value == 60
    assert computed.get(is_national=True).value == 70


@pytest.mark.django_db
def test_storing_aggregates_leaves_one_audit_event_per_run():
    from fagloft.audit.models import AuditEvent

    tree = build_tree()
    deadline = indicator("kostra-undersokelser-innen-frist")
    make_value(deadline, 2023, 80, numerator=80, denominator=100, municipality=tree.municipality_a)
    make_value(deadline, 2022, 60, numerator=60, denominator=100, municipality=tree.municipality_a)
    before = AuditEvent.objects.count()
    # A generator of counties, as a caller may pass: read once, still named in the event.
    assert store_aggregates(None, [deadline], (c for c in [tree.county_x, tree.county_y])) == 4
    [event] = AuditEvent.objects.order_by("pk")[before:]
    assert event.verb == AuditEvent.Verb.IMPORT and event.actor is None and event.actor_name == "system"
    assert event.object_type == "statistics.indicator" and event.object_id == str(deadline.pk)
    assert event.changes == {
        "antall": [None, 4],
        "år": [None, [2022, 2023]],
        "indikatorer": [None, ["kostra-undersokelser-innen-frist"]],
        "fylker": [None, [tree.county_x.number]],
        "hele landet": [None, True],
    }
    assert "4 indikatorverdier (computed)" in event.message
    # Nothing to compute: nothing written, no event.
    store_aggregates(None, [indicator("kostra-tiltaksplan-andel")], [tree.county_y])
    assert AuditEvent.objects.count() == before + 1
