from __future__ import annotations

import pytest

from fagloft.organizations.tests.factories import Tree, build_tree


@pytest.fixture
def tree(db) -> Tree:
    return build_tree()
