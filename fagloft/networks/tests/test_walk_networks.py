"""The permission walk over this app's pages and API, through the shared helper
(`fagloft/tests/walk.py`); the project-wide walk covers them too, this runs only this app's URLs."""

from __future__ import annotations

import pytest
from django.test import Client

from fagloft.organizations.tests.factories import Tree, add_ended_coverage, build_tree
from fagloft.tests import walk

PREFIXES = ("/nettverk/", "/api/v1/networks", "/api/v1/gatherings")
APP = "fagloft.networks"


@pytest.fixture
def tree(db) -> Tree:
    return add_ended_coverage(build_tree())


@pytest.mark.django_db
@pytest.mark.parametrize("label", walk.ROLE_LABELS)
def test_walk_the_networks_urls_as_every_role(tree, label):
    client = Client(raise_request_exception=False)
    samples = walk.collect_samples(tree)
    insiders = walk.collect_insiders(tree, samples)[APP]
    if label == walk.ENDED_COVERAGE_LEADER:
        outcome = walk.walk_with_ended_coverage(client, tree, samples, insiders, prefixes=PREFIXES)
    else:
        outcome = walk.walk_as(client, tree, label, samples, insiders, prefixes=PREFIXES)
    assert outcome.statuses, "the prefixes matched no route"
    assert outcome.failures == [], "\n".join(outcome.failures)
