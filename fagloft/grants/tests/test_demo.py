"""The demo builds a Finnmark network and calls on a fresh database, and is safe to run twice."""

from __future__ import annotations

import pytest

from fagloft.grants import demo as grants_demo
from fagloft.grants.models import Application, Call, Decision
from fagloft.networks import demo as networks_demo
from fagloft.networks import queries
from fagloft.networks.models import ContactPerson, Gathering, Idea, Network
from fagloft.organizations import demo as organizations_demo


@pytest.mark.django_db
def test_the_demo_builds_networks_and_grants_once():
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    for _ in range(2):
        networks_demo.build(ctx)
        grants_demo.build(ctx)
    network = Network.objects.get(is_demo=True)
    status = queries.adoption_status(network)
    assert status.adopted_by_network and len(status.missing) == 1
    assert ContactPerson.objects.filter(consent_given_at__isnull=False).exists()
    assert ContactPerson.objects.filter(consent_given_at__isnull=True).exists()
    assert Gathering.objects.count() == 1 and Idea.objects.count() == 3
    assert Call.objects.filter(is_demo=True).count() == 2
    assert Application.objects.filter(status=Application.Status.DRAFT).count() == 1
    assert Decision.objects.get().amount == 400_000
