"""Wrong decisions are refused at the field, and irreversible steps are confirmed first."""

from __future__ import annotations

import datetime
import decimal

import pytest

from fagloft.audit.models import AuditEvent
from fagloft.grants import services
from fagloft.grants.models import Application, Call, Decision, Payment
from fagloft.grants.tests.factories import make_application, make_call, make_decision
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import login

D = decimal.Decimal


@pytest.fixture
def call_with_two(tree):
    call = make_call(tree.county_x, budget=500_000)
    first = make_application(
        call, tree.municipality_a, "Alvik-prosjektet", amount=450_000, status=Application.Status.SUBMITTED
    )
    second = make_application(
        call, tree.municipality_b, "Bergvik-prosjektet", amount=300_000, status=Application.Status.SUBMITTED
    )
    return call, first, second


def _decide(client, application, amount, **extra):
    data = {"outcome": "granted", "amount": str(amount), "decided_on": "2026-12-01", "conditions": "", "reasons": ""}
    data.update(extra)
    return client.post(f"/tilskudd/soknader/{application.pk}/vedtak/", data)


def test_a_grant_larger_than_the_amount_applied_for_is_refused_at_the_field(client, tree, call_with_two):
    _call, first, _second = call_with_two
    with pytest.raises(Refused, match="større enn søkt beløp") as refused:
        services.decide(tree.users["advisor_x"], first, expected_version=None, outcome="granted", amount=D(450_001))
    assert refused.value.field == "amount"
    login(client, tree.users["advisor_x"])
    response = _decide(client, first, 460_000, confirmed="1", confirm="on")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_amount-error"' in body and "større enn søkt beløp (450\u00a0000\u00a0kr)" in body
    assert 'value="460000"' in body  # the input is kept
    assert not Decision.objects.exists()


def test_a_grant_larger_than_what_is_left_of_the_budget_is_refused(client, tree, call_with_two):
    _call, first, second = call_with_two
    services.decide(tree.users["advisor_x"], first, expected_version=None, outcome="granted", amount=D(400_000))
    with pytest.raises(Refused, match="igjen av utlysningens ramme") as refused:
        services.decide(tree.users["advisor_x"], second, expected_version=None, outcome="granted", amount=D(100_001))
    assert refused.value.field == "amount"
    services.decide(tree.users["advisor_x"], second, expected_version=None, outcome="granted", amount=D(100_000))
    # Re-deciding the first does not count its own earlier grant against itself.
    decision = Decision.objects.get(application=first)
    services.decide(
        tree.users["advisor_x"], first, expected_version=decision.version, outcome="granted", amount=D(400_000)
    )
    login(client, tree.users["advisor_x"])
    body = client.get(f"/tilskudd/soknader/{second.pk}/vedtak/").content.decode()
    assert "Igjen av utlysningens ramme: 100\u00a0000\u00a0kr av 500\u00a0000\u00a0kr" in body


def test_payments_above_the_granted_amount_are_refused_at_the_amount_field(client, tree, call_with_two):
    _call, first, _second = call_with_two
    decision = make_decision(first, amount=100_000)
    services.add_payment(tree.users["advisor_x"], decision, amount=D(60_000), paid_on=datetime.date(2027, 1, 10))
    login(client, tree.users["advisor_x"])
    response = client.post(
        f"/tilskudd/soknader/{first.pk}/utbetalinger/",
        {"payment-amount": "40001", "payment-paid_on": "2027-06-01", "payment-reference": "Andre rate"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_payment-amount-error"' in body and "høyst 40\u00a0000\u00a0kr kan utbetales nå" in body
    assert 'value="40001"' in body and 'value="Andre rate"' in body
    assert Payment.objects.count() == 1


def test_a_decision_below_what_is_already_paid_is_refused(tree, call_with_two):
    _call, first, _second = call_with_two
    decision = services.decide(
        tree.users["advisor_x"], first, expected_version=None, outcome="granted", amount=D(200_000)
    )
    services.add_payment(tree.users["advisor_x"], decision, amount=D(150_000), paid_on=datetime.date(2027, 1, 10))
    with pytest.raises(Refused, match="allerede utbetalt"):
        services.decide(
            tree.users["advisor_x"], first, expected_version=decision.version, outcome="granted", amount=D(100_000)
        )


def test_the_decision_is_confirmed_before_it_is_made(client, tree, call_with_two):
    _call, first, _second = call_with_two
    login(client, tree.users["advisor_x"])
    first_step = _decide(client, first, 450_000, conditions="Sluttrapport innen 1. mars")
    body = first_step.content.decode()
    assert "Vedtaksbrevet lages med innvilget beløp 450\u00a0000\u00a0kr" in body
    assert 'name="confirmed" value="1"' in body and 'value="Sluttrapport innen 1. mars"' in body
    assert not Decision.objects.exists()  # nothing is decided by the first step
    unticked = _decide(client, first, 450_000, conditions="Sluttrapport innen 1. mars", confirmed="1")
    assert "Kryss av for å bekrefte" in unticked.content.decode() and not Decision.objects.exists()
    done = _decide(client, first, 450_000, conditions="Sluttrapport innen 1. mars", confirmed="1", confirm="on")
    assert done.status_code == 302
    decision = Decision.objects.get()
    assert decision.amount == 450_000 and decision.conditions == "Sluttrapport innen 1. mars"


def test_publishing_a_call_is_a_confirmed_audited_step(client, tree):
    login(client, tree.users["advisor_x"])
    client.post(
        "/tilskudd/utlysninger/ny/",
        {
            "county": tree.county_x.pk,
            "kind": "development",
            "title": "Stimuleringsmidler 2027",
            "text": "Tekst",
            "budget": "3750000",
            "opens_on": "2027-01-01",
            "deadline": "2027-06-30",
            "spending_deadline": "2028-12-31",
        },
    )
    call = Call.objects.get(title="Stimuleringsmidler 2027")
    assert call.status == Call.Status.DRAFT
    page = client.get(f"/tilskudd/utlysninger/{call.pk}/publiser/").content.decode()
    assert "synlig for alle kommuner og tjenester i Nordfylket" in page and "3\u00a0750\u00a0000\u00a0kr" in page
    client.post(f"/tilskudd/utlysninger/{call.pk}/publiser/", {"confirmed": "1", "version": call.version})
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT  # not ticked
    client.post(
        f"/tilskudd/utlysninger/{call.pk}/publiser/", {"confirmed": "1", "confirm": "on", "version": call.version}
    )
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED
    assert AuditEvent.objects.filter(object_type="grants.call", verb=AuditEvent.Verb.TRANSITION).exists()
