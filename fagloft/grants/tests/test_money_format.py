"""Amounts are shown grouped in thousands, as Norwegians write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from fagloft.grants.templatetags.grants_format import kroner


@pytest.mark.parametrize("value, shown", [(1000000, "1\xa0000\xa0000"), (Decimal("250000.00"), "250\xa0000"),
                                          (950, "950"), (None, "")])
def test_amounts_are_grouped_in_thousands_in_bokmal(value, shown):
    with translation.override("nb"):
        assert kroner(value) == shown


def test_english_uses_commas():
    with translation.override("en"):
        assert kroner(1250000) == "1,250,000"
