"""The relationship rules of networks (who prioritises, who changes consent) and the use cases
that enforce them before writing, plus the scope each network-owned row is audited under."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from fagloft.accounts.access import can, permitted_actions
from fagloft.accounts.roles import Role
from fagloft.audit.models import AuditEvent
from fagloft.networks import services
from fagloft.networks.models import (
    CompetenceEnvironment,
    Idea,
    NetworkMember,
    NetworkRole,
    Participation,
    ProfessionalGroup,
)
from fagloft.networks.permissions import _NETWORK_PATHS, PRIORITISE_IDEAS, network_id_of
from fagloft.networks.tests.factories import (
    adopt,
    make_contact,
    make_gathering,
    make_idea,
    make_network,
    make_plan,
    make_project,
)
from fagloft.organizations.tests.factories import login, make_municipality, make_service, make_user


@pytest.fixture
def network(tree):
    return make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")


@pytest.fixture
def other_leader(tree, network):
    """A service leader in the same county whose municipality is also a member of the network,
    so roles and scope allow PRIORITISE_IDEAS and only the steering-group rule can say no."""
    dalvik = make_municipality(tree.county_x, "9103", "Dalvik")
    NetworkMember.objects.create(network=network, municipality=dalvik)
    return make_user("leader_d", Role.SERVICE_LEADER, make_service(dalvik, [dalvik], "Dalvik barneverntjeneste"))


def test_a_steering_group_member_prioritises(tree, network):
    idea = make_idea(network)
    leader = tree.users["leader_ab"]
    assert not can(leader, PRIORITISE_IDEAS, idea)
    NetworkRole.objects.create(network=network, user=leader, name="Leder AB")
    assert can(leader, PRIORITISE_IDEAS, idea)
    services.prioritise_idea(leader, idea, status=Idea.Status.PRIORITISED, priority=2)
    idea.refresh_from_db()
    assert (idea.status, idea.priority) == (Idea.Status.PRIORITISED, 2)


def test_another_service_leader_in_the_county_does_not_prioritise(tree, network, other_leader):
    idea = make_idea(network)
    NetworkRole.objects.create(network=network, user=tree.users["leader_ab"], name="Leder AB")
    assert can(other_leader, PRIORITISE_IDEAS)  # the role allows it in general …
    assert not can(other_leader, PRIORITISE_IDEAS, idea)  # … but they are not in the steering group
    assert not permitted_actions(other_leader, idea).prioritise_ideas
    with pytest.raises(PermissionDenied):
        services.prioritise_idea(other_leader, idea, status=Idea.Status.PRIORITISED, priority=1)


def test_the_coordinator_of_another_network_does_not_prioritise(tree, network):
    idea = make_idea(network)
    coordinator = tree.users["coordinator_x"]
    assert can(coordinator, PRIORITISE_IDEAS, idea)  # runs every network in the county while not named
    elsewhere = make_network(tree.county_x, [tree.municipality_a], "Annet nettverk")
    NetworkRole.objects.create(network=elsewhere, user=coordinator, name="K", kind=NetworkRole.Kind.COORDINATOR)
    assert not can(coordinator, PRIORITISE_IDEAS, idea)
    assert can(coordinator, PRIORITISE_IDEAS, make_idea(elsewhere))


def test_those_who_run_the_network_prioritise_without_a_seat_in_the_steering_group(tree, network):
    idea = make_idea(network)
    assert can(tree.users["advisor_x"], PRIORITISE_IDEAS, idea)
    assert not can(tree.users["advisor_y"], PRIORITISE_IDEAS, idea)
    NetworkRole.objects.create(
        network=network, user=tree.users["coordinator_x"], name="K", kind=NetworkRole.Kind.COORDINATOR
    )
    assert can(tree.users["coordinator_x"], PRIORITISE_IDEAS, idea)


def test_the_prioritise_page_refuses_a_leader_outside_the_steering_group(client, tree, network, other_leader):
    idea = make_idea(network)
    login(client, other_leader)
    response = client.post(f"/nettverk/ideer/{idea.pk}/prioriter/", {"status": "prioritised", "priority": 1})
    assert response.status_code == 403
    assert client.get(f"/nettverk/ideer/{idea.pk}/prosjekt/").status_code == 403
    assert "prioriter/" not in client.get(f"/nettverk/ideer/{idea.pk}/").content.decode()


def test_a_use_case_refuses_an_outsider_before_writing_anything(tree, network):
    idea = make_idea(network)
    gathering = make_gathering(network)
    outsider = tree.users["leader_c"]  # county Y
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.propose_idea(outsider, network, title="Utenfra", description="…")
    with pytest.raises(PermissionDenied):
        services.register_for_gathering(outsider, gathering, attending=True)
    with pytest.raises(PermissionDenied):
        services.idea_to_project(outsider, idea, lead_municipality=tree.municipality_a)
    with pytest.raises(PermissionDenied):
        services.create_professional_group(tree.users["employee_ab"], network, name="Uten styringsgruppe")
    assert list(Idea.objects.values_list("title", flat=True)) == [idea.title]
    assert not Participation.objects.exists() and not ProfessionalGroup.objects.exists()
    idea.refresh_from_db()
    assert idea.project_id is None and idea.status == Idea.Status.PROPOSED
    assert AuditEvent.objects.count() == events


def test_a_steering_member_turns_an_idea_into_a_project_without_running_the_network(tree, network):
    leader = tree.users["leader_ab"]
    NetworkRole.objects.create(network=network, user=leader, name="Leder AB")
    project = services.idea_to_project(
        leader, make_idea(network, "Felles opplæring"), lead_municipality=tree.municipality_a
    )
    assert project.title == "Felles opplæring" and project.network == network
    with pytest.raises(PermissionDenied):  # creating a project directly is for who runs the network
        services.create_project(leader, network, title="Direkte", lead_municipality=tree.municipality_a)


def test_a_municipal_leader_cannot_record_the_networks_own_adoption_through_the_use_case(tree, network):
    plan = make_plan(network)
    with pytest.raises(PermissionDenied):
        services.record_adoption(
            tree.users["municipal_leader_a"],
            plan,
            municipality=None,
            adopted_on=datetime.date(2026, 3, 1),
            body="Styringsgruppen",
        )
    with pytest.raises(PermissionDenied):
        services.record_adoption(
            tree.users["municipal_leader_a"],
            plan,
            municipality=tree.municipality_b,
            adopted_on=datetime.date(2026, 3, 1),
            body="Kommunestyret",
        )
    services.record_adoption(
        tree.users["municipal_leader_a"],
        plan,
        municipality=tree.municipality_a,
        adopted_on=datetime.date(2026, 3, 1),
        body="Kommunestyret",
    )
    assert plan.adoptions.get().municipality == tree.municipality_a


def test_only_the_person_or_who_runs_the_network_changes_consent(client, tree, network):
    anne = make_contact(network, tree.municipality_a, "Anne", email="anne@alvik.no", share_email=True)
    with pytest.raises(PermissionDenied):
        services.withdraw_consent(tree.users["employee_ab"], anne)
    login(client, tree.users["employee_ab"])
    assert client.post(f"/nettverk/kontakter/{anne.pk}/samtykke/", {"withdraw": "1"}).status_code == 403
    anne.user = tree.users["employee_ab"]
    anne.save()
    assert client.post(f"/nettverk/kontakter/{anne.pk}/samtykke/", {"withdraw": "1"}).status_code == 302
    anne.refresh_from_db()
    assert anne.consent_withdrawn_at is not None
    services.give_consent(tree.users["advisor_x"], anne, share_email=True, share_phone=False)


def test_the_network_paths_are_derived_from_scope_paths_and_lead_to_the_network(tree, network):
    assert _NETWORK_PATHS["network"] == "" and _NETWORK_PATHS["planadoption"] == "plan__network__"
    for model in apps.get_app_config("networks").get_models():
        if hasattr(model, "SCOPE_PATHS"):
            assert model._meta.model_name in _NETWORK_PATHS
    gathering = make_gathering(network)
    plan = make_plan(network)
    adopt(plan, [None])
    project = make_project(network, tree.municipality_a)
    samples = [
        network,
        gathering,
        plan,
        plan.adoptions.get(),
        project,
        make_idea(network),
        gathering.agenda_items.create(title="Punkt"),
        project.milestones.create(title="M", due_on="2027-01-01"),
    ]
    assert {network_id_of(obj) for obj in samples} == {network.pk}
    assert network_id_of(tree.municipality_a) is None


def test_the_derived_audit_scope_files_rows_where_the_old_methods_did(tree, network):
    """Before `Scoped`, each model wrote its audit scope by hand; the derived ones give the same ids."""
    gathering = make_gathering(network)
    plan = make_plan(network)
    adopt(plan, [tree.municipality_b])
    project = make_project(network, tree.municipality_a)
    contact = make_contact(network, tree.municipality_b, "Bodil")
    participation = Participation.objects.create(gathering=gathering, user=tree.users["employee_ab"])
    county = tree.county_x.pk
    expected = [
        (network, county, None),
        (gathering, county, None),
        (participation, county, None),
        (plan, county, None),
        (make_idea(network), county, None),
        (network.members.get(municipality=tree.municipality_a), county, tree.municipality_a.pk),
        (contact, county, tree.municipality_b.pk),
        (plan.adoptions.get(), county, tree.municipality_b.pk),
        (project, county, tree.municipality_a.pk),
    ]
    for obj, county_id, municipality_id in expected:
        scope = obj.audit_scope()
        assert (scope.get("county_id"), scope.get("municipality_id"), scope.get("service_id")) == (
            county_id,
            municipality_id,
            None,
        ), obj


def test_the_migration_links_people_whose_organisation_name_matches(tree):
    migration = importlib.import_module("fagloft.networks.migrations.0002_competenceenvironment_people")
    rkbu = CompetenceEnvironment.objects.create(name="RKBU Nord")
    hvl = CompetenceEnvironment.objects.create(name="Høgskulen på Vestlandet")
    upper = make_user("hvl_person", Role.COMPETENCE_ENVIRONMENT, organisation_name="HØGSKULEN PÅ VESTLANDET")
    make_user("other_org", Role.COMPETENCE_ENVIRONMENT, organisation_name="RKBU Nord og Sør")
    migration.link_people_by_organisation_name(apps, None)
    assert list(rkbu.people.all()) == [tree.users["competence_env"]]  # organisation_name "RKBU Nord"
    assert list(hvl.people.all()) == [upper]
