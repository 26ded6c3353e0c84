"""Nothing the applicant writes is lost or hidden, and no value the database cannot hold is stored."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from fagloft.grants.api import ApplicationSerializer, CallSerializer
from fagloft.grants.forms import ApplicationForm, BudgetFormSet, CallForm, PaymentForm
from fagloft.grants.models import Application, BudgetLine, Call
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.networks.models import Network
from fagloft.networks.tests.factories import make_environment, make_network
from fagloft.organizations.models import County, Municipality
from fagloft.organizations.tests.factories import login

NOW = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)
OVERLONG = "99999999999999"  # 14 digits; the columns hold 12


@pytest.fixture
def draft(tree, client):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    call = make_call(tree.county_x, "Stimuleringsmidler 2026")
    application = make_application(call, tree.municipality_a, "Barnas stemme", network=network, amount=0)
    login(client, tree.users["leader_ab"])
    with time_machine.travel(NOW, tick=False):
        yield tree, network, application


def _form(application, network, **overrides) -> dict:
    data = {
        "version": application.version,
        "title": "Barnas stemme",
        "network": network.pk,
        "partner": "",
        "description": "Felles opplæring",
        "goals": "Bedre undersøkelser innen 2027",
        "co_financing": "50000",
        "co_financing_note": "Egen arbeidstid",
        "contact_email": "kari@alvik.kommune.no",
        "budget-TOTAL_FORMS": "3",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "30",
        "budget-0-category": "project_management",
        "budget-0-description": "20 % stilling",
        "budget-0-amount": "250000",
    }
    data.update(overrides)
    return data


def test_a_budget_line_without_an_amount_is_an_error_on_that_line_not_a_silent_loss(client, draft):
    _tree, network, application = draft
    response = client.post(
        f"/tilskudd/soknader/{application.pk}/endre/",
        _form(
            application, network, **{"budget-1-category": "external_competence", "budget-1-description": "RKBU Nord"}
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200  # the form again, not a redirect with «Utkastet er lagret»
    assert "Utkastet er lagret" not in body
    assert 'id="id_budget-1-amount-error"' in body and "Oppgi beløpet for budsjettlinjen" in body
    assert 'value="RKBU Nord"' in body  # the input is kept
    application.refresh_from_db()
    assert application.budget_lines.count() == 0 and application.goals == ""  # nothing half-saved


def test_an_amount_without_a_category_is_an_error_too(client, draft):
    _tree, network, application = draft
    body = client.post(
        f"/tilskudd/soknader/{application.pk}/endre/", _form(application, network, **{"budget-1-amount": "5000"})
    ).content.decode()
    assert 'id="id_budget-1-category-error"' in body
    assert not BudgetLine.objects.exists()


def test_an_overlong_co_financing_is_a_field_error_and_never_stored(client, draft):
    _tree, network, application = draft
    response = client.post(
        f"/tilskudd/soknader/{application.pk}/endre/", _form(application, network, co_financing=OVERLONG)
    )
    body = response.content.decode()
    assert 'id="id_co_financing-error"' in body
    assert "Beløpet kan ikke være større enn 999\u00a0999\u00a0999\u00a0999" in body
    application.refresh_from_db()
    assert application.co_financing == 0
    assert client.get("/tilskudd/").status_code == 200


@pytest.mark.parametrize(
    "form_class, data, field",
    [
        (PaymentForm, {"payment-amount": OVERLONG, "payment-paid_on": "2027-01-01"}, "amount"),
        (PaymentForm, {"payment-amount": "1000", "payment-paid_on": "99999-01-01"}, "paid_on"),
    ],
)
def test_payment_bounds(form_class, data, field):
    form = form_class(data)
    assert not form.is_valid() and field in form.errors


def test_budget_line_and_call_bounds(tree):
    formset = BudgetFormSet(
        {
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-category": "travel",
            "budget-0-amount": OVERLONG,
        },
        prefix="budget",
    )
    assert not formset.is_valid() and "amount" in formset.forms[0].errors
    call_form = CallForm(
        {
            "county": tree.county_x.pk,
            "kind": "development",
            "title": "T",
            "text": "x" * 10_001,
            "budget": OVERLONG,
            "opens_on": "2027-01-01",
            "deadline": "2027-06-30",
            "spending_deadline": "2028-12-31",
            "max_per_student": "99999999999",
        },
        counties=County.objects.all(),
        national_allowed=False,
    )
    assert not call_form.is_valid()
    assert {"budget", "text", "max_per_student"} <= set(call_form.errors)
    application_form = ApplicationForm(
        {"title": "T", "co_financing": "-1", "goals": "x" * 10_001},
        municipalities=Municipality.objects.all(),
        networks=Network.objects.none(),
    )
    assert not application_form.is_valid() and {"co_financing", "goals"} <= set(application_form.errors)


def test_the_api_serializers_bound_amounts_by_their_columns(tree):
    call = make_call(tree.county_x)
    application = make_application(call, tree.municipality_a)
    serializer = ApplicationSerializer(application, data={"co_financing": OVERLONG}, partial=True)
    assert not serializer.is_valid() and "co_financing" in serializer.errors
    assert ApplicationSerializer(application, data={"co_financing": "999999999999"}, partial=True).is_valid()
    call_serializer = CallSerializer(call, data={"budget": OVERLONG, "max_per_student": "-5"}, partial=True)
    assert not call_serializer.is_valid() and {"budget", "max_per_student"} <= set(call_serializer.errors)


def test_the_api_lists_a_large_but_valid_budget_without_failing(client, tree):
    call = make_call(tree.county_x)
    application = make_application(call, tree.municipality_a, amount=999_999_999_999)
    BudgetLine.objects.create(application=application, category="travel", amount=999_999_999_999)
    login(client, tree.users["leader_ab"])
    response = client.get("/api/v1/applications/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["results"][0]["requested"] == "1999999999998"
    assert client.get("/tilskudd/").status_code == 200


def test_everything_the_applicant_wrote_is_shown_after_submission(client, tree, draft):
    _tree, network, application = draft
    partner = make_environment("RKBU Nord")
    client.post(
        f"/tilskudd/soknader/{application.pk}/endre/",
        _form(application, network, partner=partner.pk, **{"budget-0-student": ""}),
    )
    Application.objects.filter(pk=application.pk).update(status=Application.Status.SUBMITTED)
    written = [
        "Felles opplæring",
        "Bedre undersøkelser innen 2027",
        "kari@alvik.kommune.no",
        "Egen arbeidstid",
        "20 % stilling",
        "RKBU Nord",
        "Nordnettverket",
        "50\u00a0000\u00a0kr",
        "250\u00a0000\u00a0kr",
    ]
    applicant_page = client.get(f"/tilskudd/soknader/{application.pk}/").content.decode()
    assert [text for text in written if text not in applicant_page] == []
    client.logout()
    login(client, tree.users["advisor_x"])
    assessor_page = client.get(f"/tilskudd/soknader/{application.pk}/vurdering/").content.decode()
    assert [text for text in written if text not in assessor_page] == []
    data = client.get(f"/api/v1/applications/{application.pk}/", HTTP_ACCEPT="application/json").json()
    assert data["goals"] == "Bedre undersøkelser innen 2027" and data["contact_email"] == "kari@alvik.kommune.no"
    assert data["description"] == "Felles opplæring" and data["co_financing_note"] == "Egen arbeidstid"
    assert data["budget_lines"] == [
        {"category": "project_management", "description": "20 % stilling", "amount": "250000", "student": ""}
    ]
    assert data["partner"] == "RKBU Nord" and data["network"] == "Nordnettverket"


def test_national_calls_render_amounts_in_norwegian_notation(client, tree):
    make_call(
        None, "Videreutdanning nasjonalt", kind=Call.Kind.FURTHER_EDUCATION, budget=1_000_000, max_per_student=100_000
    )
    login(client, tree.users["leader_ab"])
    assert "1\u00a0000\u00a0000\u00a0kr" in client.get("/tilskudd/").content.decode()


def test_the_api_refuses_an_overlong_co_financing_on_a_draft(client, draft):
    _tree, _network, application = draft
    url = f"/api/v1/applications/{application.pk}/"
    response = client.patch(
        url,
        {"version": application.version, "co_financing": OVERLONG},
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400 and "co_financing" in response.json()
    application.refresh_from_db()
    assert application.co_financing == 0
    response = client.patch(
        url,
        {"version": application.version, "co_financing": "75000", "goals": "Mål i API-et"},
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["goals"] == "Mål i API-et"
    application.refresh_from_db()
    assert application.co_financing == 75_000
    stale = client.patch(
        url,
        {"version": application.version - 1, "goals": "Gammel"},
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert stale.status_code == 409 and "version" in stale.json()


def test_the_api_lets_no_one_else_change_a_draft(client, tree):
    call = make_call(tree.county_x)
    application = make_application(call, tree.municipality_a)
    login(client, tree.users["advisor_x"])  # assesses, never writes applications
    response = client.patch(
        f"/api/v1/applications/{application.pk}/",
        {"version": 1, "goals": "x"},
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    client.logout()
    login(client, tree.users["leader_c"])
    response = client.patch(
        f"/api/v1/applications/{application.pk}/",
        {"version": 1, "goals": "x"},
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code in (403, 404)
    application.refresh_from_db()
    assert application.goals == ""
