"""Competence's published indicators read in nynorsk and English (issue 9, item 14): names,
definitions, numerators, denominators and units, and the plan measures made from gaps."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from fagloft.competence.publishing import INDICATOR_CODES
from fagloft.statistics.models import Indicator

pytestmark = pytest.mark.django_db

TEXTS = ("definition", "numerator", "denominator", "unit")


def _seeded():
    return list(Indicator.objects.filter(code__in=INDICATOR_CODES))


def test_every_seeded_text_is_marked_for_translation():
    marked = set(importlib.import_module("fagloft.competence.indicator_messages").MESSAGES)
    for indicator in _seeded():
        for name in TEXTS:
            text = getattr(indicator, name)
            assert not text or text in marked, (indicator.code, name, text)


@pytest.mark.parametrize("language", ["nn", "en"])
def test_competence_indicators_have_names_and_texts_in_the_language(language):
    indicators = _seeded()
    assert len(indicators) == len(INDICATOR_CODES)
    catalogue = trans_real.translation(language)._catalog  # type: ignore[attr-defined]
    for indicator in indicators:
        assert getattr(indicator, f"name_{language}"), indicator.code
        for name in TEXTS:
            text = getattr(indicator, name)
            if text:
                assert catalogue.get(text), (language, indicator.code, name, text)
    with translation.override("en"):
        fte = next(i for i in indicators if i.code == "competence-fte")
        assert fte.definition_text.startswith("Sum of") and fte.unit_text == "FTE"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "2 ledige stillinger (1,5 årsverk)"), ("en", "2 vacant positions (1.5 FTE)")],
)
def test_measure_texts_made_from_gaps_follow_the_language_and_its_number_format(tree, language, expected):
    from fagloft.competence import queries
    from fagloft.competence.tests.factories import make_vacancy

    make_vacancy(tree.service_ab, datetime.date(2025, 1, 1), fte_percent=100)
    make_vacancy(tree.service_ab, datetime.date(2025, 1, 1), fte_percent=50)
    with translation.override(language):
        texts = [gap.text for gap in queries.gaps_for(tree.service_ab)]
    assert expected in texts
