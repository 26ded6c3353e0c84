"""The municipality and service pages are hubs (issue 10, item 10): one step to the unit's statistics,
KOSTRA check and grants, as the role allows, with the same number of queries however big the tree."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.grants.models import Application, BudgetLine, Call
from fagloft.grants.tests.factories import make_application, make_call, make_decision
from fagloft.kostra.models import ValidationRun
from fagloft.organizations.models import CountyMembershipPeriod, Municipality, Service, ServiceCoverage
from fagloft.organizations.tests.factories import login
from fagloft.statistics.models import Indicator, IndicatorValue


def _hub_hrefs(html: str) -> list[str]:
    match = re.search(r'<nav class="fl-hub".*?</nav>', html, re.S)
    assert match, "the page has no hub"
    return re.findall(r'href="([^"]+)"', match.group(0))


def _hub(client, user, url: str) -> list[str]:
    login(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return _hub_hrefs(response.content.decode())


MUNICIPALITY_ROLES = {
    # role: (statistics, kostra, grants)
    "admin": (True, True, True),
    "national": (True, False, True),
    "advisor_x": (True, False, True),
    "coordinator_x": (True, False, True),
    "leader_ab": (True, True, True),
    "employee_ab": (True, False, True),
    "municipal_leader_a": (True, False, True),
}


@pytest.mark.parametrize("role", sorted(MUNICIPALITY_ROLES))
def test_the_municipality_page_leads_to_what_the_role_may_read(client, tree, role):
    stats, kostra, grants = MUNICIPALITY_ROLES[role]
    hrefs = _hub(client, tree.users[role], f"/kommuner/{tree.municipality_a.number}/")
    assert ("/statistikk/kommuner/9101/" in hrefs) is stats
    assert ("/kostra/" in hrefs) is kostra
    assert ("/tilskudd/kommuner/9101/" in hrefs) is grants


@pytest.mark.parametrize("role", ["admin", "national", "advisor_x", "leader_ab", "employee_ab"])
def test_the_service_page_leads_to_what_the_role_may_read(client, tree, role):
    hrefs = _hub(client, tree.users[role], f"/tjenester/{tree.service_ab.pk}/")
    assert f"/statistikk/tjenester/{tree.service_ab.pk}/" in hrefs
    assert f"/tilskudd/tjenester/{tree.service_ab.pk}/" in hrefs
    # KOSTRA files are checked by the service leader (and the admin) only.
    assert ("/kostra/" in hrefs) is (role in ("admin", "leader_ab"))


def test_the_hub_cards_say_what_is_behind_them(client, tree):
    call = make_call(tree.county_x, "Stimuleringsmidler Nordfylket")
    granted = make_application(call, tree.municipality_a, "Barnas stemme", status=Application.Status.SUBMITTED)
    make_decision(granted, amount=150_000)
    make_application(call, tree.municipality_b, "Bare Bergvik")
    indicator = Indicator.objects.first()
    assert indicator is not None
    IndicatorValue.objects.create(
        indicator=indicator, year=2024, municipality=tree.municipality_a, value=1, source=IndicatorValue.Source.SSB
    )
    ValidationRun.objects.create(
        service=tree.service_ab, uploaded_by=tree.users["leader_ab"], file_name="alvik-2024.xml", year=2024
    )
    login(client, tree.users["leader_ab"])
    body = client.get(f"/kommuner/{tree.municipality_a.number}/").content.decode()
    found = re.search(r'<nav class="fl-hub".*?</nav>', body, re.S)
    assert found
    hub = found.group(0)
    assert "Indikatorer med tall til og med 2024" in hub
    assert "1 søknader, 1 innvilget (150\u00a0000\u00a0kr)." in hub  # Bergvik's own application is not Alvik's
    assert "Siste kontroll: alvik-2024.xml" in hub
    # The grants card leads to the municipality's applications, with the decision.
    page = client.get(f"/tilskudd/kommuner/{tree.municipality_a.number}/").content.decode()
    assert "Barnas stemme" in page and "150\u00a0000\u00a0kr" in page and "Bare Bergvik" not in page


def test_the_grants_card_of_another_county_is_not_offered(client, tree):
    login(client, tree.users["advisor_x"])
    assert client.get(f"/tilskudd/kommuner/{tree.municipality_c.number}/").status_code == 404
    assert client.get(f"/kommuner/{tree.municipality_c.number}/").status_code == 404


def _grow(tree, count: int) -> None:
    """`count` more municipalities in county X, each with its own service, an application with a
    decision and indicator values: national data for the hub's readers."""
    first = Municipality.objects.count()
    municipalities = Municipality.objects.bulk_create(
        [Municipality(number=f"{9150 + first + i}", name=f"Kommune {i}", county=tree.county_x) for i in range(count)]
    )
    CountyMembershipPeriod.objects.bulk_create(
        [CountyMembershipPeriod(municipality=m, county=tree.county_x) for m in municipalities]
    )
    services = Service.objects.bulk_create(
        [Service(name=f"Tjeneste {m.number}", host_municipality=m) for m in municipalities]
    )
    ServiceCoverage.objects.bulk_create(
        [
            ServiceCoverage(service=s, municipality=m, valid_from=datetime.date(2020, 1, 1))
            for s, m in zip(services, municipalities, strict=True)
        ]
    )
    call = Call.objects.filter(county=tree.county_x).first() or make_call(tree.county_x, "Ramme")
    indicator = Indicator.objects.first()
    for municipality in municipalities:
        application = make_application(
            call, municipality, participants=[tree.municipality_a], status=Application.Status.SUBMITTED
        )
        make_decision(application, amount=1000)
        BudgetLine.objects.create(application=application, category="travel", amount=10)
        if indicator is not None:
            IndicatorValue.objects.create(
                indicator=indicator, year=2024, municipality=municipality, value=2, source=IndicatorValue.Source.SSB
            )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["national", "advisor_x", "leader_ab"])
def test_the_hub_pages_ask_as_many_queries_for_a_big_tree_as_for_a_small_one(
    client, tree, role, django_assert_max_num_queries
):
    login(client, tree.users[role])
    pages = [f"/kommuner/{tree.municipality_a.number}/", f"/tjenester/{tree.service_ab.pk}/"]
    _grow(tree, 3)
    small = {url: _count(client, url) for url in pages}
    _grow(tree, 40)
    for url in pages:
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200
