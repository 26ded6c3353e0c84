"""Choices when starting and writing an application: the county, single choices preselected, people
told apart, a typed name that is not in the register, and what the municipal leadership sees."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from fagloft.competence.tests.factories import make_employee
from fagloft.grants.forms import BudgetLineForm, StartApplicationForm
from fagloft.grants.models import Application, Call
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.organizations.models import County, Municipality
from fagloft.organizations.tests.factories import login

NOW = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)


def _budget(application: Application, **line: str) -> dict:
    data = {
        "version": application.version,
        "title": application.title,
        "co_financing": "0",
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "30",
        "budget-0-category": "substitutes",
        "budget-0-amount": "40000",
    }
    data.update({f"budget-0-{k}": v for k, v in line.items()})
    return data


@pytest.mark.django_db
def test_a_national_call_offers_the_counties_of_the_applicants_units_and_preselects_the_only_one(client, tree):
    call = make_call(None, "Nasjonale midler")
    login(client, tree.users["municipal_leader_a"])
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"/tilskudd/utlysninger/{call.pk}/sok/")
    form = page.context["form"]
    assert list(form.fields["county"].queryset) == [tree.county_x]
    assert form["county"].value() == tree.county_x.pk
    assert form["lead_municipality"].value() == tree.municipality_a.pk


@pytest.mark.django_db
def test_a_county_outside_the_applicants_scope_is_an_error_at_the_field(client, tree):
    call = make_call(None, "Nasjonale midler")
    login(client, tree.users["municipal_leader_a"])
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            f"/tilskudd/utlysninger/{call.pk}/sok/",
            {"title": "Feil fylke", "lead_municipality": tree.municipality_a.pk, "county": tree.county_y.pk},
        )
    assert response.status_code == 200
    assert "county" in response.context["form"].errors
    assert not Application.objects.filter(title="Feil fylke").exists()
    with time_machine.travel(NOW, tick=False):
        client.post(
            f"/tilskudd/utlysninger/{call.pk}/sok/",
            {"title": "Riktig fylke", "lead_municipality": tree.municipality_a.pk, "county": tree.county_x.pk},
        )
    assert Application.objects.get(title="Riktig fylke").county == tree.county_x


@pytest.mark.django_db
def test_a_county_the_lead_municipality_is_not_in_is_refused(tree):
    # Both counties offered (as for units in two counties): the county must still be the lead's.
    form = StartApplicationForm(
        {"title": "X", "lead_municipality": tree.municipality_a.pk, "county": tree.county_y.pk},
        municipalities=Municipality.objects.all(),
        networks=_no_networks(),
        counties=County.objects.all(),
    )
    assert not form.is_valid() and "county" in form.errors


def _no_networks():
    from fagloft.networks.models import Network

    return Network.objects.none()


@pytest.mark.django_db
def test_with_several_choices_nothing_is_preselected(tree):
    form = StartApplicationForm(
        municipalities=Municipality.objects.filter(county=tree.county_x),
        networks=_no_networks(),
        counties=County.objects.all(),
    )
    assert form["lead_municipality"].value() is None and form["county"].value() is None


@pytest.mark.django_db
def test_two_employees_with_the_same_name_can_be_told_apart_and_a_typed_name_must_be_picked(tree):
    first = make_employee(tree.service_ab, "Kari", "Nordmann", email="kari.n@alvik.no")
    second = make_employee(tree.service_ab, "Kari", "Nordmann", email="kari.nordmann2@alvik.no")
    staff = tree.service_ab.employees.all()
    labels = [label for _value, label in BudgetLineForm(staff=staff).fields["employee"].choices][1:]
    assert len(set(labels)) == 2 and any("kari.n@alvik.no" in label for label in labels)
    form = BudgetLineForm({"category": "substitutes", "amount": "1000", "student": "Kari Nordmann"}, staff=staff)
    assert not form.is_valid() and "employee" in form.errors
    picked = BudgetLineForm(
        {"category": "substitutes", "amount": "1000", "student": "", "employee": second.pk}, staff=staff
    )
    assert picked.is_valid() and picked.cleaned_data["employee"] == second and first != second


@pytest.mark.django_db
def test_a_typed_name_that_matches_one_person_is_linked_and_one_that_does_not_gets_a_hint(tree):
    kari = make_employee(tree.service_ab, "Kari", "Nordmann")
    staff = tree.service_ab.employees.all()
    exact = BudgetLineForm({"category": "substitutes", "amount": "1000", "student": "kari  nordmann"}, staff=staff)
    assert exact.is_valid() and exact.cleaned_data["employee"] == kari and not exact.register_hint
    typo = BudgetLineForm({"category": "substitutes", "amount": "1000", "student": "Kari Nordman"}, staff=staff)
    assert typo.is_valid() and typo.cleaned_data.get("employee") is None
    assert "finnes ikke i kompetanseregisteret" in typo.register_hint and "Velg den ansatte" in typo.register_hint


@pytest.mark.django_db
def test_the_leader_is_offered_the_register_and_the_municipal_leader_is_told_to_type_or_ask(client, tree):
    with time_machine.travel(NOW, tick=False):
        call = make_call(None, "Videreutdanning", kind=Call.Kind.FURTHER_EDUCATION, max_per_student=100_000)
        application = make_application(call, tree.municipality_a, amount=0)
        make_employee(tree.service_ab, "Kari", "Nordmann")
        login(client, tree.users["leader_ab"])
        leader_page = client.get(f"/tilskudd/soknader/{application.pk}/endre/").content.decode()
        client.logout()
        login(client, tree.users["municipal_leader_a"])
        page = client.get(f"/tilskudd/soknader/{application.pk}/endre/")
        body = page.content.decode()
        saved = client.post(
            f"/tilskudd/soknader/{application.pk}/endre/", _budget(application, student="Kari Nordmann")
        )
    assert 'name="budget-0-employee"' in leader_page and "Nordmann" in leader_page
    assert page.status_code == 200
    assert 'name="budget-0-employee"' not in body and "Nordmann" not in body
    assert "Du ser ikke tjenestens kompetanseregister" in body and "lederen for barneverntjenesten" in body
    # They can still write the name, and it is checked against the register like any other line.
    assert saved.status_code == 302
    line = application.budget_lines.get()
    assert line.student == "Kari Nordmann" and line.employee_id is None
