"""The network forms (advisor picker, county choice, preselected single choices, bounded inputs),
the calendar copy button, gatherings on the front page as events, and a contact person's
request for access and erasure."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from fagloft.accounts.models import Membership
from fagloft.accounts.roles import Role
from fagloft.audit.models import AuditEvent
from fagloft.networks import attention, queries, services
from fagloft.networks.forms import ContactForm, NetworkForm, county_advisors, person_label
from fagloft.networks.models import ContactPerson, Network
from fagloft.networks.tests.factories import make_gathering, make_network
from fagloft.organizations.queries import municipalities_in_county
from fagloft.organizations.tests.factories import login, make_user


@pytest.fixture
def network(tree):
    return make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")


# ---- 1. the county advisor picker ------------------------------------------------------------


def test_the_advisor_picker_lists_only_county_advisors_of_the_networks_county(tree, network):
    ended = make_user("advisor_ended", Role.COUNTY_ADVISOR, tree.county_x)
    Membership.objects.filter(user=ended).update(valid_to=datetime.date(2020, 12, 31))
    form = NetworkForm(
        instance=network,
        municipalities=municipalities_in_county(tree.county_x),
        advisors=county_advisors(tree.county_x),
    )
    offered = {user.username for user in form.fields["county_advisor"].queryset}
    assert offered == {"advisor_x"}
    # Municipal staff, the other county's advisor and an ended membership are not candidates.
    assert not offered & {"employee_ab", "leader_ab", "municipal_leader_a", "advisor_y", "advisor_ended"}


def test_the_edit_page_offers_no_municipal_staff_as_advisor(client, tree, network):
    login(client, tree.users["coordinator_x"])
    body = client.get(f"/nettverk/{network.pk}/endre/").content.decode()
    assert "advisor_x" in body
    assert "employee_ab" not in body and "leader_ab" not in body


def test_an_advisor_outside_the_county_is_a_field_error(client, tree, network):
    login(client, tree.users["coordinator_x"])
    response = client.post(
        f"/nettverk/{network.pk}/endre/",
        {
            "name": "Nordnettverket",
            "strand": "development",
            "county_advisor": tree.users["employee_ab"].pk,
            "version": network.version,
        },
    )
    assert response.status_code == 200
    assert "county_advisor" in response.context["form"].errors
    network.refresh_from_db()
    assert network.county_advisor is None


def test_two_people_with_the_same_name_are_told_apart_in_the_pickers(client, tree, network):
    first = make_user("kari1", Role.COUNTY_ADVISOR, tree.county_x, last_name="Nord", email="kari1@sf.no")
    second = make_user("kari2", Role.COUNTY_ADVISOR, tree.county_x, last_name="Nord", email="kari2@sf.no")
    for user in (first, second):
        user.first_name = "Kari"
        user.save()
    assert person_label(first) != person_label(second)
    assert "kari1" in person_label(first) and "Kari Nord" in person_label(first)
    login(client, tree.users["coordinator_x"])
    for path in (f"/nettverk/{network.pk}/endre/", f"/nettverk/{network.pk}/styringsgruppe/ny/"):
        body = client.get(path).content.decode()
        assert "Kari Nord (kari1" in body and "Kari Nord (kari2" in body, path


# ---- 2. one possible choice is preselected; creating chooses a county --------------------------


def test_a_single_member_municipality_is_preselected_in_the_contact_form(tree):
    network = make_network(tree.county_x, [tree.municipality_a], "Ettnettverket")
    form = ContactForm(municipalities=_members(network))
    assert form.fields["municipality"].initial == tree.municipality_a.pk
    two = ContactForm(municipalities=_members(make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])))
    assert two.fields["municipality"].initial is None


def _members(network: Network):
    return queries.member_municipalities(network)


def test_creating_preselects_the_only_county_the_user_manages(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.get("/nettverk/ny/")
    form = response.context["form"]
    assert list(form.fields["county"].queryset) == [tree.county_x]
    assert form["county"].value() == tree.county_x.pk


def test_creating_in_a_county_outside_ones_scope_is_a_field_error(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post(
        "/nettverk/ny/", {"county": tree.county_y.pk, "name": "Snikenettverket", "strand": "development"}
    )
    assert response.status_code == 200
    assert "county" in response.context["form"].errors
    assert not Network.objects.filter(name="Snikenettverket").exists()


def test_creating_with_the_chosen_county(client, tree):
    login(client, tree.users["admin"])
    form = client.get("/nettverk/ny/").context["form"]
    assert {tree.county_x, tree.county_y} <= set(form.fields["county"].queryset)
    assert form["county"].value() is None  # several counties: the user chooses
    response = client.post(
        "/nettverk/ny/",
        {
            "county": tree.county_y.pk,
            "name": "Utenfornett",
            "strand": "development",
            "municipalities": [tree.municipality_c.pk],
            "county_advisor": tree.users["advisor_y"].pk,
        },
    )
    assert response.status_code == 302
    network = Network.objects.get(name="Utenfornett")
    assert network.county == tree.county_y and network.county_advisor == tree.users["advisor_y"]


def test_municipalities_of_another_county_than_the_chosen_are_a_field_error(client, tree):
    login(client, tree.users["admin"])
    response = client.post(
        "/nettverk/ny/",
        {
            "county": tree.county_y.pk,
            "name": "Blandet",
            "strand": "development",
            "municipalities": [tree.municipality_a.pk],
        },
    )
    assert response.status_code == 200
    assert "municipalities" in response.context["form"].errors


# ---- 3. the calendar address has a copy button -------------------------------------------------


def test_the_calendar_address_has_a_labelled_read_only_input_and_a_copy_button(client, tree):
    login(client, tree.users["coordinator_x"])
    body = client.get("/nettverk/kalender/").content.decode()
    assert '<label class="ds-label" for="person-feed">' in body
    assert 'id="person-feed" type="text" readonly' in body
    assert 'data-fl-copy="person-feed" data-fl-copied="Kopiert" hidden>Kopier lenken</button>' in body


# ---- 4. a gathering on the front page is an event ----------------------------------------------


def test_the_next_gathering_is_an_event_with_its_date_once(client, tree, network):
    gathering = make_gathering(network, "Vårsamling")
    [item] = attention.items_for(tree.users["coordinator_x"])
    assert item.kind == "event"
    assert item.due == timezone.localtime(gathering.starts_at).date()
    assert str(item.due.year) not in str(item.detail)
    login(client, tree.users["coordinator_x"])
    body = client.get("/").content.decode()
    assert "Kommer" in body and "Dato:" in body


# ---- 5. a contact person's request for erasure and for access ----------------------------------


@pytest.fixture
def anne(tree, network):
    contact = services.add_contact(
        tree.users["coordinator_x"],
        network,
        consent=True,
        municipality=tree.municipality_a,
        name="Anne Hansen",
        role_title="Barnevernleder",
        email="anne@alvik.no",
        phone="11111111",
        share_email=True,
        share_phone=True,
    )
    services.withdraw_consent(tree.users["coordinator_x"], contact)
    return contact


def test_erasure_asks_for_confirmation_first(client, tree, anne):
    login(client, tree.users["coordinator_x"])
    page = client.get(f"/nettverk/kontakter/{anne.pk}/slett/")
    assert page.status_code == 200 and "Bekreft før du fortsetter" in page.content.decode()
    client.post(f"/nettverk/kontakter/{anne.pk}/slett/", {"confirmed": "1"})  # not ticked
    assert ContactPerson.objects.filter(pk=anne.pk).exists()


def test_erasure_removes_the_person_and_scrubs_the_trail(client, tree, network, anne):
    login(client, tree.users["coordinator_x"])
    response = client.post(f"/nettverk/kontakter/{anne.pk}/slett/", {"confirmed": "1", "confirm": "on"})
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=anne.pk).exists()
    events = AuditEvent.objects.filter(object_type="networks.contactperson", object_id=str(anne.pk))
    dumped = json.dumps([[e.object_repr, e.changes, e.message] for e in events], ensure_ascii=False)
    for personal in ("Anne", "Hansen", "anne@alvik.no", "11111111", "Barnevernleder"):
        assert personal not in dumped
    erased = events.get(verb=AuditEvent.Verb.DELETE)
    assert erased.actor == tree.users["coordinator_x"] and erased.message == "slettet etter krav fra personen"
    assert erased.county_id == tree.county_x.pk
    # The earlier events still say that something happened, by whom.
    assert events.filter(verb=AuditEvent.Verb.CREATE, actor=tree.users["coordinator_x"]).exists()


@pytest.mark.parametrize("username", ["employee_ab", "leader_ab", "advisor_y", "competence_env"])
def test_erasure_and_export_are_for_those_who_run_the_network(client, tree, anne, username):
    login(client, tree.users[username])
    for path in (f"/nettverk/kontakter/{anne.pk}/slett/", f"/nettverk/kontakter/{anne.pk}/eksport/"):
        assert client.get(path).status_code in (403, 404), path
    assert client.post(f"/nettverk/kontakter/{anne.pk}/slett/", {"confirmed": "1", "confirm": "on"}).status_code in (
        403,
        404,
    )
    assert ContactPerson.objects.filter(pk=anne.pk).exists()


def test_the_admin_may_erase(tree, anne):
    services.erase_contact(tree.users["admin"], anne)
    assert not ContactPerson.objects.filter(pk=anne.pk).exists()


def test_the_export_holds_the_persons_data_is_not_cached_and_is_audited(client, tree, anne):
    login(client, tree.users["coordinator_x"])
    response = client.get(f"/nettverk/kontakter/{anne.pk}/eksport/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["kontaktperson"]["name"] == "Anne Hansen"
    assert data["kontaktperson"]["email"] == "anne@alvik.no" and data["kontaktperson"]["kommune"] == "Alvik"
    assert data["kontaktperson"]["consent_withdrawn_at"]
    assert [entry["handling"] for entry in data["endringslogg"]] == ["create", "update"]
    export = AuditEvent.objects.get(
        object_type="networks.contactperson", object_id=str(anne.pk), verb=AuditEvent.Verb.EXPORT
    )
    assert export.actor == tree.users["coordinator_x"]


# ---- 6. inputs bounded to their columns --------------------------------------------------------


def test_an_overlong_contact_name_is_a_field_error(client, tree, network):
    login(client, tree.users["coordinator_x"])
    response = client.post(f"/nettverk/{network.pk}/kontakter/", {"name": "A" * 201, "phone": "1" * 41})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "name" in errors and "phone" in errors
    assert not network.contacts.exists()


@pytest.mark.parametrize("value", ["0001-01-01T10:00", "2101-01-01T10:00"])
def test_a_gathering_time_outside_1900_to_2100_is_a_field_error(client, tree, network, value):
    login(client, tree.users["coordinator_x"])
    response = client.post(
        f"/nettverk/{network.pk}/samlinger/ny/",
        {"title": "Samling", "starts_at": value, "ends_at": "2100-12-31T12:00", "place": "Rådhuset"},
    )
    assert response.status_code == 200
    assert "starts_at" in response.context["form"].errors
    assert not network.gatherings.exists()


def test_a_version_beyond_the_column_is_a_field_error(client, tree, network):
    login(client, tree.users["coordinator_x"])
    response = client.post(
        f"/nettverk/{network.pk}/endre/", {"name": "Nytt navn", "strand": "development", "version": "9" * 25}
    )
    assert response.status_code == 200
    assert "version" in response.context["form"].errors
    network.refresh_from_db()
    assert network.name == "Nordnettverket"


def test_an_overlong_county_in_the_address_preselects_nothing(client, tree):
    login(client, tree.users["admin"])
    response = client.get("/nettverk/ny/?fylke=" + "9" * 40)
    assert response.status_code == 200
    assert response.context["form"]["county"].value() is None


def test_the_attendance_list_tells_two_people_with_the_same_name_apart(client, tree, network):
    from fagloft.networks.models import Participation

    gathering = make_gathering(network, "Høstsamling")
    for username in ("ola1", "ola2"):
        user = make_user(username, Role.EMPLOYEE, tree.service_ab, last_name="Nord")
        user.first_name = "Ola"
        user.save()
        Participation.objects.create(gathering=gathering, user=user, status=Participation.Status.REGISTERED)
    login(client, tree.users["coordinator_x"])
    body = client.get(f"/nettverk/samlinger/{gathering.pk}/").content.decode()
    assert "Ola Nord, ola1" in body and "Ola Nord, ola2" in body


def test_the_county_in_the_address_preselects_it(client, tree):
    login(client, tree.users["admin"])
    form = client.get(f"/nettverk/ny/?fylke={tree.county_y.pk}").context["form"]
    assert form["county"].value() == tree.county_y.pk


def test_the_contact_page_links_to_export_and_erasure_for_who_runs_the_network(client, tree, anne):
    login(client, tree.users["coordinator_x"])
    body = client.get(f"/nettverk/{anne.network_id}/kontakter/").content.decode()
    assert f"/nettverk/kontakter/{anne.pk}/slett/" in body and f"/nettverk/kontakter/{anne.pk}/eksport/" in body
    login(client, tree.users["employee_ab"])
    body = client.get(f"/nettverk/{anne.network_id}/kontakter/").content.decode()
    assert f"/nettverk/kontakter/{anne.pk}/slett/" not in body
