"""Turnover, tenure, vacancy and capacity arithmetic, and the figures published to statistics."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine

from fagloft.competence import capacity, publishing, queries
from fagloft.competence.tests.factories import make_employee, make_vacancy
from fagloft.organizations.tests.factories import build_tree
from fagloft.statistics.models import IndicatorValue

D = datetime.date


@dataclass
class Period:
    started_on: datetime.date
    ended_on: datetime.date | None = None
    fte_percent: Decimal = Decimal(100)


@dataclass
class Opening:
    vacant_from: datetime.date
    filled_on: datetime.date | None = None
    fte_percent: Decimal = Decimal(100)


def test_turnover_is_leavers_over_the_average_headcount():
    periods = [
        Period(D(2020, 1, 1)),
        Period(D(2020, 1, 1)),
        Period(D(2020, 1, 1), D(2024, 5, 31)),
        Period(D(2024, 6, 1)),
    ]
    # 1 Jan: 3 employed; 31 Dec: 3 employed; one left -> 1 / 3 = 33.3 %
    assert capacity.turnover(periods, 2024) == Decimal("33.3")
    assert capacity.turnover(periods, 2023) == Decimal("0.0")


def test_turnover_counts_someone_leaving_on_new_years_eve_as_a_leaver_that_year():
    periods = [Period(D(2020, 1, 1), D(2024, 12, 31)), Period(D(2020, 1, 1))]
    assert capacity.leavers(periods, 2024) == 1
    assert capacity.turnover(periods, 2024) == Decimal("50.0")  # 1 / ((2 + 2) / 2)


def test_turnover_is_unknown_without_staff():
    assert capacity.turnover([], 2024) is None


def test_fte_sums_the_positions_of_those_employed_that_day():
    periods = [
        Period(D(2020, 1, 1), fte_percent=Decimal(50)),
        Period(D(2020, 1, 1)),
        Period(D(2021, 1, 1), D(2022, 1, 1)),
    ]
    assert capacity.fte(periods, D(2024, 1, 1)) == Decimal("1.5")


def test_tenure_counts_completed_years():
    periods = [Period(D(2024, 3, 2)), Period(D(2023, 3, 1)), Period(D(2014, 3, 1)), Period(D(2020, 3, 1))]
    buckets = {b["label"]: b["count"] for b in capacity.tenure_distribution(periods, D(2025, 3, 1))}
    assert buckets == {"<1": 1, "1–2": 1, "3–4": 0, "5–9": 1, "10+": 1}


def test_vacancies_open_and_how_long_they_stand_empty():
    openings = [
        Opening(D(2024, 1, 1), D(2024, 3, 1)),
        Opening(D(2024, 5, 1), fte_percent=Decimal(50)),
        Opening(D(2024, 6, 1), D(2024, 6, 11)),
    ]
    summary = capacity.vacancy_summary(openings, D(2024, 7, 1))
    assert summary.open_count == 1 and summary.open_fte == Decimal("0.5")
    assert summary.longest_open_days == 61
    assert summary.average_days_to_fill == Decimal("35.0")  # (60 + 10) / 2


def test_a_vacancy_filled_today_is_no_longer_open():
    assert capacity.open_on([Opening(D(2024, 1, 1), D(2024, 2, 1))], D(2024, 2, 1)) == []


def test_fte_per_thousand_children_and_the_small_service_flag():
    assert capacity.per_thousand_children(Decimal("4.5"), 1500) == Decimal("3.00")
    assert capacity.per_thousand_children(Decimal(4), None) is None
    assert capacity.is_small_service(Decimal("4.5"), Decimal(5))
    assert not capacity.is_small_service(Decimal(5), Decimal(5))


@pytest.mark.django_db
@time_machine.travel(D(2021, 6, 1))
def test_service_figures_and_published_indicator_values():
    tree = build_tree()
    make_employee(tree.service_ab, started_on=D(2019, 1, 1))
    make_employee(tree.service_ab, started_on=D(2019, 1, 1), fte_percent=Decimal(50))
    make_employee(tree.service_ab, started_on=D(2019, 1, 1), ended_on=D(2021, 3, 1))
    make_vacancy(tree.service_ab, D(2021, 3, 1))
    figures = queries.figures_for([tree.service_ab.pk])[tree.service_ab.pk]
    assert figures.headcount == 2 and figures.fte == Decimal("1.5") and figures.small
    assert figures.vacancies is not None and figures.vacancies.open_count == 1
    # Children: 2000 in each of Alvik and Bergvik in 2021.
    assert queries.children_served(tree.service_ab, 2021) == 4000
    publishing.publish_all(None, D(2021, 6, 1))
    value = IndicatorValue.objects.get(
        indicator__code="competence-fte-per-1000-children", service=tree.service_ab, year=2021
    )
    assert value.value == Decimal("0.38")  # 1.5 FTE per 4000 children, two decimals
    national = IndicatorValue.objects.get(indicator__code="competence-fte", is_national=True, year=2021)
    assert national.value == Decimal("1.5")
    assert IndicatorValue.objects.get(indicator__code="competence-turnover", service=tree.service_ab).value == Decimal(
        "40.0"
    )  # one left; (3 + 2) / 2 = 2.5 -> 40 %


@pytest.mark.django_db
def test_the_leader_registers_a_vacancy_and_marks_it_filled(client):
    from fagloft.competence.models import Vacancy
    from fagloft.organizations.tests.factories import login

    tree = build_tree()
    login(client, tree.users["leader_ab"])
    client.post(
        f"/kompetanse/tjenester/{tree.service_ab.pk}/ledige-stillinger/",
        {"position": "case_worker", "fte_percent": "100", "vacant_from": "2026-01-15"},
    )
    vacancy = Vacancy.objects.get(service=tree.service_ab)
    assert (
        client.post(f"/kompetanse/ledige-stillinger/{vacancy.pk}/besatt/", {"filled_on": "2026-01-01"}).status_code
        == 302
    )
    vacancy.refresh_from_db()
    assert vacancy.filled_on is None  # before it became vacant: refused
    client.post(f"/kompetanse/ledige-stillinger/{vacancy.pk}/besatt/", {"filled_on": "2026-03-15"})
    vacancy.refresh_from_db()
    assert vacancy.filled_on == D(2026, 3, 15)
    client.logout()
    login(client, tree.users["leader_c"])
    assert (
        client.post(f"/kompetanse/ledige-stillinger/{vacancy.pk}/besatt/", {"filled_on": "2026-04-01"}).status_code
        == 404
    )


def test_turnover_of_several_services_pools_leavers_and_headcounts():
    small = [Period(D(2020, 1, 1), D(2024, 6, 1)), Period(D(2020, 1, 1))]  # 1 left of 2 -> 66.7 %
    large = [Period(D(2020, 1, 1)) for _ in range(8)]  # nobody left of 8
    pooled = capacity.turnover_from([capacity.turnover_parts(small, 2024), capacity.turnover_parts(large, 2024)])
    assert pooled == Decimal("10.5")  # 1 / (1.5 + 8)


def _children_served_one_by_one(service, year: int) -> int | None:
    """The former `queries.children_served`, municipality by municipality: the reference."""
    from fagloft.organizations.queries import children_0_17

    total, found = 0, False
    for coverage in service.coverages.valid_on(datetime.date(year, 1, 1)).select_related("municipality"):
        value = None
        for candidate in (year, year - 1, year - 2):
            value = children_0_17(coverage.municipality, candidate)
            if value is not None:
                break
        if value is not None:
            total, found = total + value, True
    return total if found else None


@pytest.mark.django_db
def test_children_served_in_bulk_answers_as_one_by_one(django_assert_max_num_queries):
    from fagloft.organizations.tests.factories import make_municipality, make_population, make_service

    tree = build_tree()
    # A renumbered municipality without figures of its own takes its single predecessor's; an older
    # year is used when the year has none; a service with no figures at all has None.
    old = make_municipality(tree.county_x, "9103", "Gamlevik")
    new = make_municipality(tree.county_x, "9104", "Nyvik")
    old.successors.add(new)
    make_population(old, 2021, children=700)
    make_population(tree.municipality_a, 2019, children=900)
    renumbered = make_service(new, [new, tree.municipality_a], "Nyvik barneverntjeneste")
    empty = make_service(make_municipality(tree.county_x, "9105", "Tomvik"), None, "Tomvik barneverntjeneste")
    services = [tree.service_ab, tree.service_c, renumbered, empty]
    for year in (2019, 2021, 2022, 2023, 2024):
        one_by_one = {s.pk: _children_served_one_by_one(s, year) for s in services}
        with django_assert_max_num_queries(3 + 3 * 5):  # the fallback, per year, only for the renumbered one
            assert queries.children_served_many(services, year) == one_by_one
    assert queries.children_served_many(services, 2022)[renumbered.pk] == 700 + 2000
    assert queries.children_served_many(services, 2021)[empty.pk] is None
    assert queries.children_served(renumbered, 2022) == 700 + 2000


@pytest.mark.django_db
def test_children_served_counts_a_municipality_once_however_many_coverage_rows_cover_it():
    from fagloft.organizations.models import District, ServiceCoverage

    tree = build_tree()
    # Alvik and Bergvik have 2000 children each in 2021. Alvik is covered by two overlapping rows
    # and Bergvik by two of its districts: still 2000 each, not twice that.
    ServiceCoverage.objects.create(service=tree.service_ab, municipality=tree.municipality_a, valid_from=D(2019, 1, 1))
    for number in ("01", "02"):
        district = District.objects.create(municipality=tree.municipality_b, number=number, name=f"Bydel {number}")
        ServiceCoverage.objects.create(
            service=tree.service_ab, municipality=tree.municipality_b, district=district, valid_from=D(2020, 1, 1)
        )
    assert queries.children_served(tree.service_ab, 2021) == 4000
    assert queries.children_served_many([tree.service_ab, tree.service_c], 2021)[tree.service_ab.pk] == 4000
