"""Likelihood × consequence banded low / moderate / high by the configurable bands."""

from __future__ import annotations

import pytest

from fagloft.assessments.models import RiskBand, Theme, ThemeEntry
from fagloft.assessments.queries import band_for, risk_bands


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("likelihood", "consequence", "level"),
    [
        (1, 1, "low"),
        (2, 2, "low"),
        (1, 5, "moderate"),
        (3, 4, "moderate"),
        (3, 5, "high"),
        (5, 5, "high"),
    ],
)
def test_the_default_bands_sort_the_product(likelihood, consequence, level):
    entry = ThemeEntry(theme=Theme.objects.first(), likelihood=likelihood, consequence=consequence)
    assert entry.score == likelihood * consequence
    assert band_for(entry.score, risk_bands()) == level


@pytest.mark.django_db
def test_an_unscored_theme_has_no_band():
    assert ThemeEntry(likelihood=3).score is None
    assert band_for(None, risk_bands()) is None


@pytest.mark.django_db
def test_changing_a_band_changes_the_level():
    RiskBand.objects.filter(level="low").update(max_score=6)
    assert band_for(6, risk_bands()) == "low"
    assert band_for(7, risk_bands()) == "moderate"


@pytest.mark.django_db
def test_the_template_themes_are_loaded_as_data():
    codes = set(Theme.objects.values_list("code", flat=True))
    assert {
        "capacity",
        "competence",
        "case_flow",
        "internal_control",
        "participation",
        "measures",
        "foster_care",
        "cooperation",
        "leadership",
        "economy",
        "supervision",
    } <= codes
