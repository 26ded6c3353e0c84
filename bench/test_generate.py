"""The benchmark's data generator and page list stay in step with the models and the pages."""

from __future__ import annotations

import pytest

from bench.bench_pages import count_queries, logged_in_client, page_urls
from bench.generate import BENCH_ROLES, Size, generate
from fagloft.accounts.models import Membership, User
from fagloft.organizations.models import Border, Municipality, Population, ServiceCoverage

SMALL = Size(municipalities=20, counties=3, years=2, users=40, host_services=2, vertices=12)


@pytest.mark.django_db
def test_the_generator_builds_the_requested_tree_with_borders_population_and_users():
    summary = generate(SMALL, show_progress=False)
    assert (summary.counties, summary.municipalities) == (3, 20)
    assert Municipality.objects.count() == 20
    assert Border.objects.filter(municipality__isnull=False).count() == 20
    assert Population.objects.count() == 20 * 2
    assert all(len(p.by_age) == 18 and sum(p.by_age) == p.children for p in Population.objects.all())
    assert User.objects.count() == 40
    assert set(Membership.objects.values_list("role", flat=True)) == set(BENCH_ROLES)
    # Each host-municipality service took over its neighbours in 2022, so their own service ended then.
    assert ServiceCoverage.objects.filter(valid_to__isnull=False).count() == 2 * 3


@pytest.mark.django_db
def test_the_benchmark_pages_answer_the_county_advisor_and_the_service_leader():
    summary = generate(SMALL, show_progress=False)
    urls = page_urls(summary)
    advisor = logged_in_client(summary.bench_users["county_advisor"])
    leader = logged_in_client(summary.bench_users["service_leader"])
    for page in ("front", "county_list", "county", "municipality", "service", "search"):
        assert count_queries(advisor, urls[page], repeat=1)[0] == 200, page
    assert count_queries(leader, urls["service"], repeat=1)[0] == 200


@pytest.mark.django_db
def test_query_counts_are_measured_even_when_timing_requests_follow():
    summary = generate(SMALL, show_progress=False)
    advisor = logged_in_client(summary.bench_users["county_advisor"])
    status, queries, wall_ms, cpu_ms = count_queries(advisor, page_urls(summary)["county"], repeat=2)
    assert status == 200
    assert queries >= 3  # session, user, the county at least
    assert wall_ms > 0 and cpu_ms >= 0
