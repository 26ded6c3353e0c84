"""The county, municipality and national pages: flat query counts, cached figures, fresh data."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.cache import cache

from fagloft.competence import services
from fagloft.competence.models import Programme, Status
from fagloft.competence.tests.factories import (
    give_education,
    give_further_education,
    make_employee,
)
from fagloft.organizations.tests.factories import (
    login,
    make_municipality,
    make_service,
)

D = datetime.date
_numbers = itertools.count(1)


def _grow(tree, services_count: int, employees_each: int) -> None:
    for _ in range(services_count):
        n = next(_numbers)
        municipality = make_municipality(tree.county_x, f"91{50 + n}", f"Vekstvik {n}")
        service = make_service(municipality)
        for _ in range(employees_each):
            employee = make_employee(service)
            give_education(employee)
            give_further_education(employee)


@pytest.mark.parametrize(
    "user, url",
    [
        ("advisor_x", "/kompetanse/fylker/91/"),
        ("national", "/kompetanse/landet/"),
        ("national", "/kompetanse/"),
    ],
)
def test_the_area_pages_keep_their_query_count_flat_as_services_and_staff_grow(
    client, tree, django_assert_max_num_queries, user, url
):
    login(client, tree.users[user])
    _grow(tree, 1, 2)
    assert client.get(url).status_code == 200
    cache.clear()  # measure the figures being computed, not read from the cache
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    _grow(tree, 6, 8)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_a_repeated_visit_reads_the_figures_from_the_cache(client, tree, django_assert_max_num_queries):
    login(client, tree.users["advisor_x"])
    _grow(tree, 3, 5)
    with django_assert_max_num_queries(100) as computed:
        client.get("/kompetanse/fylker/91/")
    with django_assert_max_num_queries(len(computed.captured_queries) - 5):
        client.get("/kompetanse/fylker/91/")


def _headcount(client, url: str) -> int:
    return client.get(url).context["headcount"]


@pytest.mark.parametrize("url", ["/kompetanse/fylker/91/", "/kompetanse/kommuner/9101/"])
def test_a_change_shows_on_the_area_page_at_once(client, tree, url):
    login(client, tree.users["advisor_x"])
    first = make_employee(tree.service_ab)
    assert _headcount(client, url) == 1
    new = services.create_employee(
        tree.users["leader_ab"],
        tree.service_ab,
        {"first_name": "Ny", "last_name": "Kollega", "started_on": D(2020, 1, 1)},
    )
    assert _headcount(client, url) == 2
    services.update_employee(tree.users["leader_ab"], new, {"ended_on": D(2021, 1, 1)}, new.version)
    assert _headcount(client, url) == 1
    first.delete()
    assert _headcount(client, url) == 0


def test_new_further_education_shows_on_the_national_page_at_once(client, tree):
    login(client, tree.users["national"])
    employee = make_employee(tree.service_ab)
    assert client.get("/kompetanse/landet/").context["progress"].with_further_education == 0
    services.add_item(
        tree.users["leader_ab"],
        employee,
        "videreutdanning",
        {"programme": Programme.BEST_INTERESTS, "ects": Decimal(30), "year": 2022, "status": Status.COMPLETED},
    )
    assert client.get("/kompetanse/landet/").context["progress"].with_further_education == 1


def test_a_settings_change_in_the_admin_shows_at_once(client, tree):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from fagloft.competence.models import CompetenceSettings

    login(client, tree.users["national"])
    for _ in range(3):
        give_education(make_employee(tree.service_ab))
    assert client.get("/kompetanse/landet/").context["requirement_share"] is None  # fewer than 5 people
    # What the admin's change form does: save the row (no audit event) and write its own log entry.
    row = CompetenceSettings.current()
    CompetenceSettings.objects.filter(pk=row.pk).update(min_group_size=2)
    LogEntry.objects.create(
        user=tree.users["admin"],
        content_type=ContentType.objects.get_for_model(row),
        object_id=str(row.pk),
        object_repr=str(row)[:200],
        action_flag=CHANGE,
        change_message="[]",
    )
    assert client.get("/kompetanse/landet/").context["requirement_share"] is not None
