from __future__ import annotations

import pytest

from fagloft.organizations import demo as organizations_demo
from fagloft.statistics import demo, queries
from fagloft.statistics.models import IndicatorValue


@pytest.fixture
def ctx(db):
    return organizations_demo.build_context(None, log=lambda message: None)


def test_the_demo_gives_ten_years_for_the_municipalities_the_county_and_the_nation(ctx):
    demo.build(ctx)
    values = IndicatorValue.objects.filter(indicator__code="kostra-undersokelser-innen-frist")
    years = set(values.values_list("year", flat=True))
    assert years == set(range(ctx.year - 9, ctx.year + 1))
    assert values.filter(municipality__in=ctx.municipalities).count() == 10 * len(ctx.municipalities)
    assert values.filter(county=ctx.county).count() == 10
    assert values.filter(is_national=True).count() == 10
    assert set(IndicatorValue.objects.values_list("source_detail", flat=True)) == {"demodata"}


def test_demo_values_are_plausible(ctx):
    demo.build(ctx)
    shares = IndicatorValue.objects.filter(indicator__unit="prosent").values_list("value", flat=True)
    assert all(v is not None and 0 <= v <= 100 for v in shares)
    per_fte = IndicatorValue.objects.filter(indicator__code="kostra-barn-per-arsverk", is_national=True)
    assert all(v.value is not None and 5 < v.value < 30 for v in per_fte)


def test_the_demo_municipality_page_has_comparisons(ctx):
    demo.build(ctx)
    comparisons = [c for c in queries.comparison(ctx.municipalities[0]) if c.periods]
    assert len(comparisons) > 20
    assert all(c.county and c.nation for c in comparisons)
