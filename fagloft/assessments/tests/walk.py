"""URL kwargs for the permission walk (see fagloft/accounts/tests/test_permission_walk.py)."""

from __future__ import annotations

from typing import Any

from fagloft.assessments.tests.factories import make_walk_objects
from fagloft.organizations.tests.factories import Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside, outside = make_walk_objects(tree)
    return {name: (inside[name], outside[name]) for name in inside}
