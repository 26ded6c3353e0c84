"""Small helpers for the markup the organising pages write in Python."""

from __future__ import annotations

from collections.abc import Callable

from fagloft.lib.urls import url_maker


def municipality_urls() -> Callable[[str], str]:
    """`url(number)`: the municipality page's URL, reversed once per page rather than once per
    municipality (a county page links each municipality from its map and its table)."""
    return url_maker("organizations:municipality-detail")
