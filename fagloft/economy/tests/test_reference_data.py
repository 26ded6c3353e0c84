"""The rate tables and the matrix against the figures of issue 13 / DOMAIN.md, and the centre rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fagloft.economy.models import CoPaymentRate, Responsibility, ResponsibilityTask
from fagloft.economy.rules import parent_child_centre_cost, parent_child_centre_units
from fagloft.lib.refusals import Refused

FIGURES = {
    "institution": (66_900, 68_740, 170_000),
    "institution_em": (33_450, 34_370, 85_000),
    "sffb_residential": (66_900, 68_740, 71_000),
    "sffb_home": (24_200, 24_870, 11_000),
    "specialised_foster": (31_500, 32_370, 85_000),
    "mst_fft": (15_750, 16_185, 15_000),
    "pmto": (0, 0, 0),
}


@pytest.mark.django_db
def test_the_rate_table_holds_the_figures_confirmed_with_their_source():
    for kind, amounts in FIGURES.items():
        for year, amount in zip((2016, 2017, 2022), amounts, strict=True):
            rate = CoPaymentRate.objects.get(kind=kind, year=year)
            assert rate.monthly_rate == amount, (kind, year)
            assert rate.confirmed and rate.source.startswith("https://www.regjeringen.no/")
    assert CoPaymentRate.objects.get(kind="specialised_foster", year=2022).existing_placement_rate == 37_100
    assert not CoPaymentRate.objects.filter(kind="ordinary_foster").exists()
    assert not CoPaymentRate.objects.get(kind="institution", year=2026).confirmed


@pytest.mark.django_db
def test_the_matrix_has_three_regimes_with_the_seed_text():
    assert ResponsibilityTask.objects.count() == 11
    cell = Responsibility.objects.get(task__code="foster-financing", regime="reform")
    assert cell.source_text == "Kommunalt ansvar. Refusjonsordningen avvikles." and cell.payer == "municipality"
    trial = Responsibility.objects.get(task__code="institution-financing", regime="trial")
    assert "50 prosent av kostpris" in trial.source_text
    assert Responsibility.objects.filter(task__code="specialised-emergency").count() == 1


@pytest.mark.parametrize(
    ("parents", "children", "units"), [(1, 1, "1"), (2, 1, "1.5"), (1, 2, "1.5"), (2, 3, "2.5"), (1, 4, "2.5")]
)
def test_centres_for_parents_and_children_charge_by_the_rule(parents, children, units):
    assert parent_child_centre_units(parents, children) == Decimal(units)
    assert parent_child_centre_cost(71_000, parents, children) == 71_000 * Decimal(units)


@pytest.mark.parametrize(("parents", "children"), [(0, 1), (3, 1), (1, 0)])
def test_impossible_stays_are_refused(parents, children):
    with pytest.raises(Refused):
        parent_child_centre_units(parents, children)
