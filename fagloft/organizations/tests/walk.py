"""URL kwargs for the permission walk: (inside county X, outside in county Y) for each name.

Every app with URL parameters has a `tests/walk.py` like this; the walk test collects them.
"""

from __future__ import annotations

from typing import Any

from fagloft.organizations.tests.factories import Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    return {
        "county_number": (tree.county_x.number, tree.county_y.number),
        "municipality_number": (tree.municipality_a.number, tree.municipality_c.number),
        "number": (tree.municipality_a.number, tree.municipality_c.number),
        "service_id": (tree.service_ab.pk, tree.service_c.pk),
    }
