"""One formatting layer (issue 9, item 13) on the statistics pages: a value is written with the
language's thousands separator and decimal mark and the indicator's decimals, never Django's «1234.56»."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from fagloft.organizations.tests.factories import login
from fagloft.statistics.models import Indicator
from fagloft.statistics.tests.factories import make_indicator, make_value

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
CASES = [
    ("nb", f"1{NBSP}234,6", f"1{NBSP}100,0"),
    ("nn", f"1{NBSP}234,6", f"1{NBSP}100,0"),
    ("en", "1,234.6", "1,100.0"),
]


@pytest.fixture
def hours(tree):
    indicator = make_indicator(
        "test-timer",
        unit="antall",
        aggregation=Indicator.Aggregation.SUM,
        scale=Decimal(1),
        decimals=1,
    )
    make_value(indicator, 2023, Decimal("1100"), municipality=tree.municipality_a)
    make_value(indicator, 2024, Decimal("1234.56"), municipality=tree.municipality_a)
    return indicator


@pytest.mark.parametrize(("language", "latest", "earlier"), CASES)
def test_the_municipality_page_writes_values_in_the_language(client, tree, hours, language, latest, earlier):
    login(client, tree.users["advisor_x"])
    client.cookies["fagloft_language"] = language
    html = client.get(f"/statistikk/kommuner/{tree.municipality_a.number}/").content.decode()
    # The chart's data (a JSON script) stays machine-readable; Chart.js formats it in the page's language.
    text = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert latest in text and earlier in text
    assert "1234.56" not in text and "1234,56" not in text


@pytest.mark.parametrize(("language", "latest", "earlier"), CASES)
def test_the_county_table_writes_the_value_and_the_change_in_the_language(
    client, tree, hours, language, latest, earlier
):
    login(client, tree.users["advisor_x"])
    client.cookies["fagloft_language"] = language
    html = client.get(f"/statistikk/fylker/{tree.county_x.number}/?indicator={hours.code}").content.decode()
    assert f'<td class="fl-number">{latest}</td>' in html
    change = "134,6" if language != "en" else "134.6"  # 1234.56 − 1100 with one decimal
    assert f'<td class="fl-number">{change}</td>' in html
    assert "1234.56" not in html
