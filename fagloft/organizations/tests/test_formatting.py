"""The tree's pages format numbers, percentages, dates and periods through the one formatting layer,
in the reader's language: «12 345» and «19,0 %» in Norwegian, «12,345» and «19.0%» in English, and a
period with an unknown start reads «til 2019», never «?–2019»."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from fagloft.organizations.models import CooperationAgreement, County, Population
from fagloft.organizations.tests.factories import login, make_municipality

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def pages(client, tree):
    Population.objects.filter(municipality=tree.municipality_a).update(total=12345, children=2345)
    County.objects.create(number="20", name="Finnmark", valid_to=datetime.date(2019, 12, 31))
    ended = make_municipality(tree.county_x, "9150", "Gamlevik", valid_from=datetime.date(2020, 1, 1))
    ended.valid_to = datetime.date(2023, 12, 31)
    ended.save()
    agreement = CooperationAgreement.objects.create(
        title="Felles barnevernvakt", kind="out_of_hours", valid_from=datetime.date(2024, 3, 1)
    )
    agreement.parties.set([tree.municipality_a, tree.municipality_b])
    login(client, tree.users["national"])

    def get(language: str) -> dict[str, str]:
        client.cookies["fagloft_language"] = language
        return {
            name: client.get(url).content.decode()
            for name, url in {
                "municipality": reverse("organizations:municipality-detail", args=["9101"]),
                "ended": reverse("organizations:municipality-detail", args=["9150"]),
                "counties": reverse("organizations:county-list"),
                "county": reverse("organizations:county-detail", args=["91"]),
            }.items()
        }

    return get


def test_the_pages_in_bokmal(pages):
    page = pages("nb")
    assert f"12{NBSP}345 innbyggere, 2{NBSP}345 barn 0–17 år" in page["municipality"]
    assert f'<td class="fl-number">12{NBSP}345</td>' in page["municipality"]
    assert f"19,0{NBSP}%" in page["municipality"]
    assert "fra 01.03.2024" in page["municipality"]
    assert "Kommunen opphørte 31. desember 2023." in page["ended"]
    assert "Finnmark (20)</a>,\n          til 2019" in page["counties"] and "?–" not in page["counties"]
    assert f'<td class="fl-number">12{NBSP}345</td>' in page["county"]


def test_the_pages_in_english(pages):
    page = pages("en")
    assert "12,345 residents, 2,345 children aged 0–17" in page["municipality"]
    assert '<td class="fl-number">12,345</td>' in page["municipality"] and "19.0%" in page["municipality"]
    assert "from 01/03/2024" in page["municipality"]
    assert "31 December 2023" in page["ended"]
    assert "until 2019" in page["counties"] and "?–" not in page["counties"]
    assert '<td class="fl-number">12,345</td>' in page["county"]
