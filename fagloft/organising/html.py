"""Small helpers for the markup the organising pages write in Python."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# Digits only, as every municipality number: such a number is written into the URL unchanged.
_SAMPLE = "0000"


def municipality_urls() -> Callable[[str], str]:
    """`url(number)`: the municipality page's URL, as `reverse("organizations:municipality-detail")`
    gives it. Reversed once per page rather than once per municipality (a county page links each
    municipality from its map and its table, twice ~50 reversals)."""
    sample = reverse("organizations:municipality-detail", args=[_SAMPLE])
    head, _sep, tail = sample.rpartition(_SAMPLE)

    def url(number: str) -> str:
        if number.isdigit() and number.isascii():
            return f"{head}{number}{tail}"
        return reverse("organizations:municipality-detail", args=[number])

    return url
