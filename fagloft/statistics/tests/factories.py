"""Builders for indicator values in tests (the catalogue itself comes from the data migration)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fagloft.statistics.models import Indicator, IndicatorValue


def ensure_catalogue() -> None:
    """The data migration seeds the catalogue, but a transactional test (browser tests) flushes it."""
    from fagloft.statistics.catalogue import seed

    if not Indicator.objects.filter(code="kostra-undersokelser-innen-frist").exists():
        seed(Indicator)


def indicator(code: str = "kostra-undersokelser-innen-frist") -> Indicator:
    ensure_catalogue()
    return Indicator.objects.get(code=code)


def make_indicator(code: str = "test-andel", **extra: Any) -> Indicator:
    fields = {
        "name_nb": f"Testindikator {code}",
        "unit": "prosent",
        "source": Indicator.Source.SSB,
        "aggregation": Indicator.Aggregation.RATIO,
        "scale": Decimal(100),
        "levels": ["service", "municipality", "county", "nation"],
        **extra,
    }
    return Indicator.objects.create(code=code, **fields)


def make_value(
    ind: Indicator,
    year: int,
    value: Any,
    *,
    source: str = IndicatorValue.Source.SSB,
    numerator: Any = None,
    denominator: Any = None,
    half: int = 0,
    **unit: Any,
) -> IndicatorValue:
    """`unit`: one of municipality=, county=, service= (objects) or is_national=True."""
    return IndicatorValue.objects.create(
        indicator=ind,
        year=year,
        half=half,
        value=None if value is None else Decimal(str(value)),
        numerator=None if numerator is None else Decimal(str(numerator)),
        denominator=None if denominator is None else Decimal(str(denominator)),
        source=source,
        **unit,
    )


def square_border(municipality: Any, west: float, south: float, size: float = 0.5) -> Any:
    """A square border, enough for the county map to draw the municipality."""
    from fagloft.organizations.models import Border

    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return Border.objects.create(
        municipality=municipality,
        year=2024,
        geometry={"type": "Polygon", "coordinates": [ring]},
        bbox=[west, south, west + size, south + size],
        source="test",
    )


def fill_tree(tree: Any) -> Indicator:
    """Deadline values for 2022–2023 in the tree, borders, and a KOSTRA group shared across counties."""
    from fagloft.organizations.models import Municipality

    deadline = indicator("kostra-undersokelser-innen-frist")
    figures = {
        tree.municipality_a: [(2022, 70, 100), (2023, 80, 100)],
        tree.municipality_b: [(2023, 1, 2)],
        tree.municipality_c: [(2022, 30, 100), (2023, 40, 100)],
    }
    for municipality, rows in figures.items():
        for year, numerator, denominator in rows:
            make_value(
                deadline,
                year,
                Decimal(numerator) / denominator * 100,
                numerator=numerator,
                denominator=denominator,
                municipality=municipality,
            )
    make_value(deadline, 2023, 75, is_national=True)
    Municipality.objects.filter(pk__in=[tree.municipality_a.pk, tree.municipality_c.pk]).update(kostra_group="13")
    tree.municipality_a.refresh_from_db()
    for offset, municipality in enumerate((tree.municipality_a, tree.municipality_b, tree.municipality_c)):
        square_border(municipality, 20 + offset, 69)
    return deadline
