"""Forms of the app, built on fagloft.lib.forms."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import DATE, KitForm, VersionedModelForm
from fagloft.programmes.models import (
    ApplicationWindow,
    Cohort,
    GrantCeiling,
    Offer,
    OfferKind,
    Session,
    StudyPlaceAllocation,
    StudyPlaceYear,
)
from fagloft.programmes.rules import OSLO
from fagloft.programmes.services import (
    ALLOCATION_FIELDS,
    CEILING_FIELDS,
    OFFER_FIELDS,
    WINDOW_FIELDS,
    YEAR_FIELDS,
    allocation_places_refusal,
    ceiling_refusal,
    window_refusal,
    year_places_refusal,
)


class ApplyForm(KitForm):
    employee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Søker"), queryset=None, empty_label=None)
    motivation = forms.CharField(
        label=_("Begrunnelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvorfor du søker, og hvordan studiet henger sammen med tjenestens kompetanseplan."),
    )
    plan_measure: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Tiltak i kompetanseplanen"),
        queryset=None,
        required=False,
    )
    need: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Behov i risiko- og tilstandsvurderingen"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args: Any, employees: Any, measures: Any, needs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees
        self.fields["plan_measure"].queryset = measures
        self.fields["need"].queryset = needs


class VersionForm(KitForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2_000_000_000)


class ConfirmEmployerForm(VersionForm):
    confirmed_on = forms.DateField(label=_("Dato for arbeidsgivers bekreftelse"), widget=DATE)


class DecisionForm(KitForm):
    DECISIONS = [("admit", _("Ta opp")), ("waitlist", _("Sett på venteliste")), ("reject", _("Ikke ta opp"))]
    decision = forms.ChoiceField(label=_("Opptak"), choices=DECISIONS, widget=forms.RadioSelect)


class CompletionForm(KitForm):
    ects_passed = forms.DecimalField(
        label=_("Beståtte studiepoeng"), min_value=Decimal(0), max_value=Decimal(120), max_digits=5, decimal_places=1
    )
    completed_on = forms.DateField(label=_("Dato for resultat"), widget=DATE)


class RoundForm(KitForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    starts_on = forms.DateField(label=_("Oppstart"), widget=DATE, required=False)
    ends_on = forms.DateField(label=_("Avslutning"), widget=DATE, required=False)


class ChooseServiceForm(KitForm):
    service: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Tjeneste"), queryset=None)

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class CommitmentForm(VersionForm):
    signed_on = forms.DateField(label=_("Dato for signering"), widget=DATE)
    confirm = forms.BooleanField(
        label=_("Jeg forplikter tjenesten til at alle ansatte deltar i hele programmet"), required=True
    )


class SessionForm(KitForm):
    held_on = forms.DateField(label=_("Dato"), widget=DATE)
    title = forms.CharField(label=_("Tema"), max_length=200)
    audience = forms.ChoiceField(label=_("For"), choices=Session.Audience.choices)
    place = forms.CharField(label=_("Sted"), max_length=200, required=False)


class AttendanceForm(KitForm):
    present = forms.MultipleChoiceField(
        label=_("Til stede"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, enrolments: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(e.pk), str(e.employee)) for e in enrolments]


class EnrolForm(KitForm):
    employees: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Ansatte"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, employees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employees"].queryset = employees


class CohortForm(KitForm):
    kind = forms.ChoiceField(
        label=_("Type"), choices=[c for c in Cohort.Kind.choices if c[0] != Cohort.Kind.SERVICE_SUPPORT]
    )
    offer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Tilbud"), queryset=None)
    title = forms.CharField(label=_("Tittel"), max_length=200)
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    planned_staff_days = forms.IntegerField(label=_("Antall samlinger"), min_value=0, max_value=50, initial=10)

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers


class OfferForm(VersionedModelForm):
    """An offer in the catalogue; the bounds come from the model's columns and validators."""

    class Meta:
        model = Offer
        fields = OFFER_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_on": DATE,
            "ends_on": DATE,
        }

    source_url = forms.URLField(label=_("Kilde"), max_length=400, required=False, assume_scheme="https")

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["description"].max_length = 4000
        self.fields["description"].widget.attrs["maxlength"] = 4000
        # The model's bounds, also in the browser (the model validates them again on save).
        for name in ("ects", "places", "cost", "coverage_per_1000_children", "renewal_years"):
            field = self.fields[name]
            for validator in getattr(Offer._meta.get_field(name), "validators", ()):
                if isinstance(validator, MinValueValidator):
                    field.widget.attrs["min"] = validator.limit_value
                elif isinstance(validator, MaxValueValidator):
                    field.widget.attrs["max"] = validator.limit_value
        # Whole kroner; the column holds ten digits.
        self.fields["cost"].validators.append(MaxValueValidator(Decimal(9_999_999_999)))
        self.fields["cost"].widget.attrs["max"] = 9_999_999_999


# Bufdir's study places, windows and ceilings: the bounds of each column, also in the browser.

EARLIEST_WINDOW = datetime.datetime(2000, 1, 1, tzinfo=OSLO)
LATEST_WINDOW = datetime.datetime(2100, 12, 31, 23, 59, tzinfo=OSLO)
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local", "min": "2000-01-01T00:00", "max": "2100-12-31T23:59"}, format="%Y-%m-%dT%H:%M"
)


def _bound_in_browser(form: forms.BaseForm, model: Any) -> None:
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form-only field
            continue
        for validator in getattr(model_field, "validators", ()):
            if isinstance(validator, MinValueValidator):
                field.widget.attrs["min"] = validator.limit_value
            elif isinstance(validator, MaxValueValidator):
                field.widget.attrs["max"] = validator.limit_value


class StudyPlaceYearForm(VersionedModelForm):
    class Meta:
        model = StudyPlaceYear
        fields = YEAR_FIELDS

    source_url = forms.URLField(label=_("Kilde"), max_length=400, required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_in_browser(self, StudyPlaceYear)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        refusal = year_places_refusal(cleaned.get("year"), cleaned.get("places"))
        if refusal is not None:
            self.refuse(refusal)
        return cleaned


class AllocationForm(VersionedModelForm):
    class Meta:
        model = StudyPlaceAllocation
        fields = ALLOCATION_FIELDS
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(kind=OfferKind.FURTHER_EDUCATION).order_by("title")
        self.fields["provider"].queryset = self.fields["provider"].queryset.order_by("name")
        _bound_in_browser(self, StudyPlaceAllocation)

    def clean(self) -> dict[str, Any]:
        # At the field, before the model's check constraint would say it in the summary only.
        cleaned = super().clean()
        refusal = allocation_places_refusal(self.instance.admitted or 0, cleaned.get("places"))
        if refusal is not None:
            self.refuse(refusal)
        return cleaned

    def validate_unique(self) -> None:
        # The use case checks year × programme × institution and says so at the field.
        return None


class WindowForm(VersionedModelForm):
    """Opens and closes as Norwegian time (the project's TIME_ZONE is Europe/Oslo, so the browser's
    local date and time are read in Oslo time, summer time included)."""

    class Meta:
        model = ApplicationWindow
        fields = WINDOW_FIELDS

    opens_at = forms.DateTimeField(label=_("Søknadsperioden åpner (norsk tid)"), widget=DATETIME)
    closes_at = forms.DateTimeField(
        label=_("Søknadsfrist (norsk tid)"),
        widget=DATETIME,
        help_text=_("Siste minutt det kan søkes, for eksempel 15.04. kl. 23.59."),
    )
    source_url = forms.URLField(label=_("Kilde"), max_length=400, required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_in_browser(self, ApplicationWindow)
        for name in ("opens_at", "closes_at"):
            self.fields[name].validators += [
                MinValueValidator(EARLIEST_WINDOW, _("Tidspunktet kan ikke være før år 2000.")),
                MaxValueValidator(LATEST_WINDOW, _("Tidspunktet kan ikke være etter år 2100.")),
            ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        refusal = window_refusal(cleaned.get("opens_at"), cleaned.get("closes_at"))
        if refusal is not None:
            self.refuse(refusal)
        return cleaned


class GrantCeilingForm(VersionedModelForm):
    class Meta:
        model = GrantCeiling
        fields = CEILING_FIELDS

    source_url = forms.URLField(label=_("Kilde"), max_length=400, required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_in_browser(self, GrantCeiling)
        # Whole kroner; the column holds nine digits.
        self.fields["amount"].validators.append(MaxValueValidator(Decimal(999_999_999)))
        self.fields["amount"].widget.attrs["max"] = 999_999_999

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.has_error("year") or self.has_error("amount"):
            return cleaned  # the field's own message is enough
        # The instance still holds the stored year here (the form's values are set after clean).
        stored_year = self.instance.year if self.instance.pk else None
        refusal = ceiling_refusal(cleaned.get("year"), cleaned.get("amount"), stored_year)
        if refusal is not None:
            self.refuse(refusal)
        return cleaned
