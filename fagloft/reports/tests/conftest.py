import pytest

from fagloft.organizations.tests.factories import build_tree
from fagloft.reports.tests.factories import fill


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def filled(tree):
    data = fill(tree)
    return tree, data
