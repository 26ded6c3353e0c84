"""The shared kit: formatting per language, refusals on forms, locking, dates, derived audit scope."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import timezone, translation

from fagloft.audit.concurrency import ConcurrentEditError, save_checked
from fagloft.lib import formatting
from fagloft.lib.forms import ConfirmForm, KitForm, VersionedFormMixin
from fagloft.lib.models import derive_audit_scope
from fagloft.lib.refusals import Refused

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "money", "number", "percent"),
    [
        ("nb", f"1{NBSP}000{NBSP}000{NBSP}kr", "28,9", f"28,9{NBSP}%"),
        ("nn", f"1{NBSP}000{NBSP}000{NBSP}kr", "28,9", f"28,9{NBSP}%"),
        ("en", "NOK 1,000,000", "28.9", "28.9%"),
    ],
)
def test_one_formatting_layer_per_language(language, money, number, percent):
    with translation.override(language):
        assert formatting.money(1_000_000) == money
        assert formatting.number(Decimal("28.94"), 1) == number
        assert formatting.number(Decimal("0.25"), 1) == number.replace("28", "0").replace("9", "3")
        assert formatting.percent(Decimal("28.9")) == percent
        assert formatting.money(None) == ""


def test_dates_short_and_long_in_every_language():
    day = datetime.date(2027, 3, 1)
    with translation.override("nb"):
        assert formatting.date(day) == "01.03.2027"
        assert formatting.date(day, "long") == "1. mars 2027"
    with translation.override("en"):
        assert formatting.date(datetime.date(2027, 5, 1), "long") == "1 May 2027"
    moment = timezone.make_aware(datetime.datetime(2025, 4, 15, 10, 0))
    with translation.override("nb"):
        assert formatting.datetime_(moment) == f"15.04.2025 kl.{NBSP}10.00"


def test_negative_numbers_use_a_real_minus_sign():
    assert formatting.number(-1500) == f"\u22121{NBSP}500"


class _Form(KitForm):
    amount = forms.IntegerField()
    starts = forms.DateField()


def test_a_refusal_lands_on_its_field_and_keeps_the_input():
    form = _Form({"amount": "500000", "starts": "2027-01-01"})
    assert form.is_valid()
    form.refuse(Refused("Beløpet er større enn søkt beløp.", field="amount"))
    assert form.errors["amount"] == ["Beløpet er større enn søkt beløp."]
    assert form["amount"].value() == "500000"


def test_a_refusal_without_a_known_field_goes_to_the_summary():
    form = _Form({"amount": "1", "starts": "2027-01-01"})
    assert form.is_valid()
    form.refuse(Refused("Fristen er ute.", field="nonexistent"))
    assert form.non_field_errors() == ["Fristen er ute."]
    assert str(Refused("Fristen er ute.")) == "Fristen er ute."


def test_dates_outside_1900_to_2100_are_refused():
    assert not _Form({"amount": "1", "starts": "0001-01-01"}).is_valid()
    assert not _Form({"amount": "1", "starts": "2999-01-01"}).is_valid()
    assert _Form({"amount": "1", "starts": "2027-06-30"}).is_valid()


def test_the_confirmation_needs_the_tick():
    assert not ConfirmForm({}).is_valid()
    assert ConfirmForm({"confirm": "on"}).is_valid()


def test_the_version_field_is_named_version():
    class F(VersionedFormMixin, KitForm):
        pass

    assert "version" in F().fields


@pytest.mark.django_db
def test_save_checked_moves_version_and_updated_at_and_refuses_a_stale_version():
    from fagloft.networks.models import Network
    from fagloft.organizations.tests.factories import build_tree

    tree = build_tree()
    network = Network.objects.create(county=tree.county_x, name="Nettverk")
    loaded = Network.objects.get(pk=network.pk)
    before = loaded.updated_at
    loaded.name = "Nytt navn"
    save_checked(loaded, loaded.version, ["name"])
    stored = Network.objects.get(pk=network.pk)
    assert (stored.name, stored.version) == ("Nytt navn", 2)
    assert stored.updated_at > before
    stale = Network.objects.get(pk=network.pk)
    stale.name = "Overskrevet"
    with pytest.raises(ConcurrentEditError) as caught:
        save_checked(stale, 1, ["name"])
    assert caught.value.field == "version"
    assert Network.objects.get(pk=network.pk).name == "Nytt navn"
    with pytest.raises(ConcurrentEditError):
        save_checked(stale, "ikke et tall", ["name"])


@pytest.mark.django_db
def test_the_audit_scope_is_derived_from_scope_paths():
    from fagloft.competence.models import Employee
    from fagloft.organizations.tests.factories import build_tree

    tree = build_tree()
    # The employee's paths all start at its service, so its scope is the service's.
    employee = Employee(service=tree.service_ab, first_name="Kari", last_name="Nordmann")
    assert derive_audit_scope(employee) == tree.service_ab.audit_scope()
    assert derive_audit_scope(employee)["service_id"] == tree.service_ab.pk
