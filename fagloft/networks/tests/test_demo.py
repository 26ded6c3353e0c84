"""The networks demo: the RKBU person is linked to RKBU Nord and so sees the demo network."""

from __future__ import annotations

import pytest

from fagloft.networks import demo as networks_demo
from fagloft.networks import queries
from fagloft.networks.models import CompetenceEnvironment, Network
from fagloft.networks.permissions import VIEW_NETWORK
from fagloft.organizations import demo as organizations_demo


@pytest.mark.django_db
def test_the_demo_links_the_rkbu_person_to_rkbu_nord_and_builds_through_the_use_cases():
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    networks_demo.build(ctx)
    person = ctx.users["rkbu.nord"]
    rkbu = CompetenceEnvironment.objects.get(name="RKBU Nord")
    assert list(rkbu.people.all()) == [person]
    network = Network.objects.get(is_demo=True)
    assert list(queries.networks_for(person, VIEW_NETWORK)) == [network]
    # The coordinator prioritised an idea and made it a project through the use cases.
    assert network.projects.get().idea.status == "project"
