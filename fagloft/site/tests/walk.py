"""The site app in the permission walk: no URL parameters; the audit trail for its readers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.organizations.tests.factories import Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    return {}


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    return [("admin", reverse("site:audit-log")), ("advisor_x", reverse("site:audit-log"))]
