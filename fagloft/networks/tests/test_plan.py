"""The overall plan: revisions, adoptions by the network and by each municipality, concurrent edits."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.lib.refusals import Refused
from fagloft.networks import queries, services
from fagloft.networks.models import PlanAdoption
from fagloft.networks.tests.factories import adopt, make_network, make_plan
from fagloft.organizations.tests.factories import login


@pytest.fixture
def network(tree):
    return make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")


def test_adoption_status_lists_each_member_municipality(tree, network):
    plan = make_plan(network)
    adopt(plan, [None, tree.municipality_a])
    status = queries.adoption_status(network)
    assert status.adopted_by_network
    assert [(m, row is not None) for m, row in status.rows] == [
        (tree.municipality_a, True),
        (tree.municipality_b, False),
    ]
    assert status.missing == [tree.municipality_b]


def test_an_adopted_revision_cannot_be_edited_but_a_new_revision_can(tree, network):
    plan = make_plan(network)
    adopt(plan, [None])
    with pytest.raises(Refused):
        services.save_plan(
            tree.users["coordinator_x"], network, plan=plan, expected_version=plan.version, title="Ny tittel"
        )
    revision = services.new_plan_revision(tree.users["coordinator_x"], network)
    assert revision.revision == 2 and revision.goals == plan.goals
    assert not queries.adoption_status(network).adopted_by_network  # the new revision must be adopted anew


def test_two_people_editing_the_plan_at_once_do_not_overwrite_each_other(tree, network):
    plan = make_plan(network)
    version = plan.version
    services.save_plan(tree.users["coordinator_x"], network, plan=plan, expected_version=version, goals="Mål A")
    with pytest.raises(ConcurrentEditError):
        services.save_plan(tree.users["advisor_x"], network, plan=plan, expected_version=version, goals="Mål B")
    plan.refresh_from_db()
    assert plan.goals == "Mål A"


def test_a_stale_plan_edit_is_refused_on_the_page_and_keeps_what_the_user_wrote(client, tree, network):
    plan = make_plan(network)
    loaded = plan.version
    services.save_plan(tree.users["advisor_x"], network, plan=plan, expected_version=loaded, goals="Mål A")
    login(client, tree.users["coordinator_x"])
    response = client.post(
        f"/nettverk/{network.pk}/plan/endre/",
        {"version": loaded, "title": plan.title, "goals": "Mine nye mål", "priorities": "", "measures": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Noen andre har lagret endringer" in body
    assert "Mine nye mål" in body
    plan.refresh_from_db()
    assert plan.goals == "Mål A"


def test_a_new_revision_without_a_plan_is_refused_with_the_reason(client, tree, network):
    make_plan(network)
    login(client, tree.users["coordinator_x"])
    client.post(f"/nettverk/{network.pk}/plan/ny-revisjon/")
    assert network.plans.count() == 2
    network.plans.all().delete()
    response = client.post(f"/nettverk/{network.pk}/plan/ny-revisjon/", follow=True)
    assert "Nettverket har ingen plan ennå." in response.content.decode()
    assert not network.plans.exists()


def test_a_municipal_leader_records_their_own_municipalitys_adoption_with_a_document(client, tree, network):
    plan = make_plan(network)
    login(client, tree.users["municipal_leader_a"])
    response = client.post(
        f"/nettverk/planer/{plan.pk}/vedtak/",
        {
            "municipality": tree.municipality_a.pk,
            "adopted_on": "2026-04-20",
            "body": "Kommunestyret",
            "case_reference": "26/77",
            "document": SimpleUploadedFile("vedtak.pdf", b"%PDF-1.4 test"),
        },
    )
    assert response.status_code == 302
    adoption = PlanAdoption.objects.get(plan=plan, municipality=tree.municipality_a)
    assert adoption.adopted_on == datetime.date(2026, 4, 20) and (adoption.document.name or "").endswith(".pdf")


def test_a_municipal_leader_cannot_record_another_municipalitys_adoption(client, tree, network):
    plan = make_plan(network)
    login(client, tree.users["municipal_leader_a"])
    response = client.post(
        f"/nettverk/planer/{plan.pk}/vedtak/",
        {"municipality": tree.municipality_b.pk, "adopted_on": "2026-04-20", "body": "Kommunestyret"},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not PlanAdoption.objects.exists()


def test_an_adoption_cannot_be_recorded_twice(tree, network):
    plan = make_plan(network)
    services.record_adoption(
        tree.users["advisor_x"], plan, municipality=None, adopted_on=datetime.date(2026, 1, 5), body="Styringsgruppen"
    )
    with pytest.raises(Refused):
        services.record_adoption(
            tree.users["advisor_x"],
            plan,
            municipality=None,
            adopted_on=datetime.date(2026, 1, 6),
            body="Styringsgruppen",
        )


def test_the_network_page_shows_the_adoption_status_in_words(client, tree, network):
    adopt(make_plan(network), [None, tree.municipality_a])
    login(client, tree.users["leader_ab"])
    body = client.get(f"/nettverk/{network.pk}/").content.decode()
    assert "Vedtatt i nettverket" in body and "Ikke vedtatt" in body


def test_a_plan_no_one_has_adopted_does_not_count_as_adopted_by_the_network(tree):
    from fagloft.networks import queries
    from fagloft.networks.tests.factories import adopt, make_network, make_plan

    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Uvedtatt nettverk")
    plan = make_plan(network)
    assert queries.plan_adopted_by(network, [tree.municipality_a]) == (False, [tree.municipality_a])
    adopt(plan, [tree.municipality_a])  # a council adopted it, the network not yet
    assert queries.plan_adopted_by(network, [tree.municipality_a])[0] is False
    adopt(plan, [None])
    assert queries.plan_adopted_by(network, [tree.municipality_a, tree.municipality_b]) == (True, [tree.municipality_b])
