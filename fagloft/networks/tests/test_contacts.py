"""Contact persons: the shared list shows only what each person consented to; consent is audited."""

from __future__ import annotations

import pytest

from fagloft.audit.models import AuditEvent
from fagloft.networks import queries, services
from fagloft.networks.tests.factories import make_contact, make_network
from fagloft.organizations.tests.factories import login


@pytest.fixture
def network(tree):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    make_contact(
        network,
        tree.municipality_a,
        "Anne Delt",
        email="anne@alvik.no",
        phone="11111111",
        share_email=True,
        share_phone=True,
    )
    make_contact(
        network, tree.municipality_a, "Bjørn Bare E-post", email="bjorn@alvik.no", phone="22222222", share_email=True
    )
    make_contact(network, tree.municipality_b, "Cecilie Uten Samtykke", email="cecilie@bergvik.no", phone="33333333")
    return network


def test_the_shared_list_shows_only_consented_details(network):
    shared = {c.name: c for c in queries.shared_contacts(network)}
    assert (shared["Anne Delt"].email, shared["Anne Delt"].phone) == ("anne@alvik.no", "11111111")
    assert (shared["Bjørn Bare E-post"].email, shared["Bjørn Bare E-post"].phone) == ("bjorn@alvik.no", None)
    assert (shared["Cecilie Uten Samtykke"].email, shared["Cecilie Uten Samtykke"].phone) == (None, None)


def test_the_contact_page_never_prints_details_without_consent(client, tree, network):
    login(client, tree.users["employee_ab"])
    body = client.get(f"/nettverk/{network.pk}/kontakter/").content.decode()
    assert "anne@alvik.no" in body and "bjorn@alvik.no" in body
    assert "22222222" not in body and "cecilie@bergvik.no" not in body and "33333333" not in body
    assert "Cecilie Uten Samtykke" in body


def test_withdrawn_consent_hides_the_details_again_and_is_audited(tree, network):
    anne = network.contacts.get(name="Anne Delt")
    services.withdraw_consent(tree.users["coordinator_x"], anne)
    shared = {c.name: c for c in queries.shared_contacts(network)}
    assert shared["Anne Delt"].email is None and shared["Anne Delt"].phone is None
    event = AuditEvent.objects.filter(object_type="networks.contactperson", object_id=str(anne.pk)).latest("id")
    assert event.message == "samtykke til deling trukket"
    assert event.changes["share_email"] == [True, False]


def test_consent_given_later_is_timestamped_and_shares_only_the_chosen_detail(tree, network):
    cecilie = network.contacts.get(name="Cecilie Uten Samtykke")
    services.give_consent(tree.users["coordinator_x"], cecilie, share_email=False, share_phone=True)
    cecilie.refresh_from_db()
    assert cecilie.consent_given_at is not None and cecilie.consent_recorded_by == "coordinator_x"
    shared = {c.name: c for c in queries.shared_contacts(network)}
    assert (shared["Cecilie Uten Samtykke"].email, shared["Cecilie Uten Samtykke"].phone) == (None, "33333333")


def test_a_contact_added_without_the_consent_box_shares_nothing(tree, network):
    contact = services.add_contact(
        tree.users["coordinator_x"],
        network,
        consent=False,
        name="Dag",
        municipality=tree.municipality_b,
        email="dag@bergvik.no",
        share_email=True,
    )
    assert not contact.share_email and contact.consent_given_at is None


def test_the_form_refuses_sharing_without_the_consent_box(client, tree, network):
    login(client, tree.users["coordinator_x"])
    response = client.post(
        f"/nettverk/{network.pk}/kontakter/",
        {"municipality": tree.municipality_b.pk, "name": "Eva", "email": "eva@bergvik.no", "share_email": "on"},
    )
    assert response.status_code == 200
    assert "Kryss av for samtykke" in response.content.decode()
    assert not network.contacts.filter(name="Eva").exists()


def test_a_member_cannot_change_someone_elses_consent(client, tree, network):
    anne = network.contacts.get(name="Anne Delt")
    login(client, tree.users["employee_ab"])
    client.post(f"/nettverk/kontakter/{anne.pk}/samtykke/", {"withdraw": "1"})
    anne.refresh_from_db()
    assert anne.consent_withdrawn_at is None


def test_the_person_themself_can_withdraw_their_consent(client, tree, network):
    anne = network.contacts.get(name="Anne Delt")
    anne.user = tree.users["employee_ab"]
    anne.save()
    login(client, tree.users["employee_ab"])
    client.post(f"/nettverk/kontakter/{anne.pk}/samtykke/", {"withdraw": "1"})
    anne.refresh_from_db()
    assert anne.consent_withdrawn_at is not None and not anne.share_email


def test_reading_the_contact_list_writes_one_audit_row_with_the_number_of_people(client, tree, network):
    login(client, tree.users["employee_ab"])
    assert client.get(f"/nettverk/{network.pk}/kontakter/").status_code == 200
    (event,) = AuditEvent.objects.filter(verb=AuditEvent.Verb.VIEW, object_type="networks.network")
    assert event.actor == tree.users["employee_ab"]
    assert event.object_id == str(network.pk)
    assert event.changes == {"personer": [None, 3]}
    assert "kontaktlisten" in event.message
