"""The terms of a cooperation agreement (status, delegated tasks, cost sharing, governance, notice)
and its adoptions: edited on the agreement form through `update_agreement`, shown on the page."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.audit.models import AuditEvent
from fagloft.lib.refusals import Refused
from fagloft.organizations import services
from fagloft.organizations.forms import AgreementForm
from fagloft.organizations.models import CooperationAgreement, Municipality
from fagloft.organizations.tests.factories import login


def _draft(tree) -> CooperationAgreement:
    return services.create_agreement_draft(
        tree.users["admin"],
        parties=[tree.municipality_a, tree.municipality_b],
        title="Vertskommuneavtale barnevern",
        host=tree.municipality_a,
    )


def _terms(tree, **extra):
    values = {
        "parties": [tree.municipality_a, tree.municipality_b],
        "title": "Vertskommuneavtale barnevern",
        "kind": "host_service",
        "host": tree.municipality_a,
        "status": "draft",
        "tasks_delegated": "Alle oppgaver etter barnevernsloven.",
        "cost_sharing_key": "children",
        "governance": "Felles samarbeidsutvalg.",
        "notice_months": 12,
    }
    values.update(extra)
    return values


def _form_data(tree, agreement, **extra):
    data = {
        "version": agreement.version,
        "title": agreement.title,
        "kind": "host_service",
        "status": agreement.status,
        "parties": [tree.municipality_a.pk, tree.municipality_b.pk],
        "host": tree.municipality_a.pk,
        "valid_from": "",
        "valid_to": "",
        "description": "",
        "tasks_delegated": "Undersøkelser og tiltak.",
        "cost_sharing_key": "inhabitants",
        "governance": "Årlig eiermøte.",
        "notice_months": "6",
    }
    data.update(extra)
    return data


def _form(tree, agreement, **extra):
    return AgreementForm(
        _form_data(tree, agreement, **extra),
        instance=agreement,
        municipalities=Municipality.objects.filter(pk__in=[tree.municipality_a.pk, tree.municipality_b.pk]),
    )


# The form


def test_the_form_takes_the_terms(tree):
    form = _form(tree, _draft(tree))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["notice_months"] == 6
    assert form.cleaned_data["cost_sharing_key"] == "inhabitants"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("notice_months", "61", "høyst 60 måneder"),
        ("notice_months", "-1", "mindre enn 0 måneder"),
        ("notice_months", "tre", "helt antall måneder"),
        ("tasks_delegated", "x" * 5001, "høyst 5000 tegn"),
        ("governance", "x" * 5001, "høyst 5000 tegn"),
        ("cost_sharing_key", "lottery", "Select a valid choice"),
    ],
)
def test_the_form_bounds_the_terms(tree, field, value, message):
    form = _form(tree, _draft(tree), **{field: value})
    assert not form.is_valid()
    assert field in form.errors
    if message != "Select a valid choice":
        assert message in str(form.errors[field])


def test_the_form_does_not_take_an_agreement_in_force_back_to_draft(tree):
    agreement = _draft(tree)
    CooperationAgreement.objects.filter(pk=agreement.pk).update(status="in_force")
    agreement.refresh_from_db()
    form = _form(tree, agreement, status="draft")
    assert not form.is_valid()
    assert "kan ikke settes tilbake til utkast" in str(form.errors["status"])


# The use case


def test_the_terms_are_saved_versioned_and_audited(tree):
    agreement = _draft(tree)
    version = agreement.version
    services.update_agreement(
        tree.users["advisor_x"], agreement, expected_version=version, **_terms(tree, notice_months=24)
    )
    stored = CooperationAgreement.objects.get(pk=agreement.pk)
    assert stored.version == version + 1
    assert (stored.tasks_delegated, stored.cost_sharing_key, stored.governance, stored.notice_months) == (
        "Alle oppgaver etter barnevernsloven.",
        "children",
        "Felles samarbeidsutvalg.",
        24,
    )
    event = AuditEvent.objects.filter(
        object_type="organizations.cooperationagreement", verb="update", object_id=str(agreement.pk)
    ).latest("pk")
    assert event.changes["notice_months"] == [None, 24]
    assert event.changes["cost_sharing_key"] == ["", "children"]
    assert "status" not in event.changes  # unchanged fields are not in the diff


def test_an_employee_may_not_change_the_terms(tree):
    agreement = _draft(tree)
    with pytest.raises(PermissionDenied):
        services.update_agreement(
            tree.users["employee_ab"], agreement, expected_version=agreement.version, **_terms(tree)
        )
    assert CooperationAgreement.objects.get(pk=agreement.pk).notice_months is None


def test_an_advisor_of_another_county_may_not_change_the_terms(tree):
    agreement = _draft(tree)
    with pytest.raises(PermissionDenied):
        services.update_agreement(
            tree.users["advisor_y"], agreement, expected_version=agreement.version, **_terms(tree)
        )


@pytest.mark.parametrize(
    ("field", "value"),
    [("notice_months", 61), ("notice_months", -1), ("tasks_delegated", "x" * 5001), ("governance", "x" * 5001)],
)
def test_the_use_case_bounds_the_terms(tree, field, value):
    agreement = _draft(tree)
    with pytest.raises(Refused) as refusal:
        services.update_agreement(
            tree.users["admin"], agreement, expected_version=agreement.version, **_terms(tree, **{field: value})
        )
    assert refusal.value.field == field
    stored = CooperationAgreement.objects.get(pk=agreement.pk)
    assert stored.version == agreement.version and stored.notice_months is None


def test_an_agreement_in_force_does_not_go_back_to_draft(tree):
    agreement = _draft(tree)
    for party in (tree.municipality_a, tree.municipality_b):
        services.record_agreement_adoption(
            tree.users["admin"], party, agreement=agreement, adopted_on=datetime.date(2026, 3, 1)
        )
    agreement.refresh_from_db()
    assert agreement.status == "in_force"
    with pytest.raises(Refused) as refusal:
        services.update_agreement(
            tree.users["admin"], agreement, expected_version=agreement.version, **_terms(tree, status="draft")
        )
    assert refusal.value.field == "status"
    assert CooperationAgreement.objects.get(pk=agreement.pk).status == "in_force"


def test_a_draft_may_be_put_in_force_by_hand_and_it_is_audited(tree):
    agreement = _draft(tree)
    services.update_agreement(
        tree.users["admin"], agreement, expected_version=agreement.version, **_terms(tree, status="in_force")
    )
    assert CooperationAgreement.objects.get(pk=agreement.pk).status == "in_force"
    event = AuditEvent.objects.filter(object_type="organizations.cooperationagreement", verb="update").latest("pk")
    assert event.changes["status"] == ["draft", "in_force"]


# The pages


def test_the_edit_page_saves_the_terms(client, tree):
    agreement = _draft(tree)
    login(client, tree.users["advisor_x"])
    page = client.get(f"/avtaler/{agreement.pk}/endre/").content.decode()
    assert 'name="notice_months"' in page and 'name="tasks_delegated"' in page and 'name="status"' in page
    response = client.post(f"/avtaler/{agreement.pk}/endre/", _form_data(tree, agreement))
    assert response.status_code == 302
    stored = CooperationAgreement.objects.get(pk=agreement.pk)
    assert (stored.notice_months, stored.cost_sharing_key, stored.governance) == (6, "inhabitants", "Årlig eiermøte.")


def test_the_edit_page_refuses_notice_over_60_months(client, tree):
    agreement = _draft(tree)
    login(client, tree.users["advisor_x"])
    response = client.post(f"/avtaler/{agreement.pk}/endre/", _form_data(tree, agreement, notice_months="120"))
    assert response.status_code == 400
    assert "Oppsigelsestid: kan være høyst 60 måneder." in response.content.decode()
    assert CooperationAgreement.objects.get(pk=agreement.pk).notice_months is None


def test_the_detail_page_shows_the_terms_the_status_and_which_councils_have_adopted(client, tree):
    agreement = _draft(tree)
    services.update_agreement(
        tree.users["admin"], agreement, expected_version=agreement.version, **_terms(tree, notice_months=12)
    )
    services.record_agreement_adoption(
        tree.users["admin"],
        tree.municipality_b,
        agreement=agreement,
        adopted_on=datetime.date(2026, 3, 5),
        case_number="26/117",
    )
    login(client, tree.users["leader_ab"])
    page = client.get(f"/avtaler/{agreement.pk}/").content.decode()
    assert '<span class="ds-tag" data-color="warning">Utkast til vedtak</span>' in page
    assert "Alle oppgaver etter barnevernsloven." in page and "Felles samarbeidsutvalg." in page
    assert "Etter antall barn 0–17 år" in page and "12 måneder" in page
    assert "1 av 2 parter har vedtatt avtalen." in page
    assert "05.03.2026" in page and "26/117" in page
    rows = page.split("<caption>", 1)[1]
    alvik = rows.split("Alvik", 1)[1].split("</tr>", 1)[0]
    bergvik = rows.split("Bergvik", 1)[1].split("</tr>", 1)[0]
    assert "Mangler vedtak" in alvik and "Mangler vedtak" not in bergvik


def test_an_agreement_in_force_shows_its_status_and_hides_an_empty_adoption_table(client, tree):
    agreement = services.create_agreement(
        tree.users["admin"], parties=[tree.municipality_a], title="Felles vakt", kind="out_of_hours"
    )
    login(client, tree.users["leader_ab"])
    page = client.get(f"/avtaler/{agreement.pk}/").content.decode()
    assert '<span class="ds-tag" data-color="success">Vedtatt</span>' in page
    assert "Mangler vedtak" not in page and "Ikke avtalt" in page
