"""Forms of the tilstandsrapport, built on fagloft.lib.forms."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import DATE, KitForm, VersionedFormMixin
from fagloft.organizations.models import County, Municipality, Service
from fagloft.reports.models import Report

MAX_TEXT = 40000


def _years() -> list[tuple[int, str]]:
    this = timezone.localdate().year
    return [(y, str(y)) for y in range(this, this - 6, -1)]


class VersionedForm(VersionedFormMixin, KitForm):
    pass


class NewReportForm(KitForm):
    service = forms.ModelChoiceField(label=_("Barneverntjeneste"), queryset=Service.objects.none())
    year = forms.TypedChoiceField(label=_("År rapporten gjelder"), coerce=int, choices=())
    form = forms.ChoiceField(
        label=_("Form"),
        choices=Report.Form.choices[:3],
        initial=Report.Form.MUNICIPALITY,
        help_text=_(
            "Bufdir tillater én rapport per kommune, én for hele tjenesten, eller en felles del med én del per kommune."
        ),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Bare for én rapport per kommune, når tjenesten dekker flere kommuner."),
    )

    def __init__(self, *args: Any, services: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["municipality"].queryset = municipalities
        self.fields["year"].choices = _years()
        self.fields["year"].initial = timezone.localdate().year - 1


class SectionForm(VersionedForm):
    text = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 10}), required=False, max_length=MAX_TEXT
    )


class AboutForm(VersionedForm):
    text = forms.CharField(
        label=_("Standardtekst om barnevernet"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000
    )


class FreezeForm(VersionedForm):
    day = forms.DateField(label=_("Lås tallene slik de var"), widget=DATE)

    def clean_day(self) -> datetime.date:
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Velg i dag eller en dato før."))
        return day


class CommentForm(KitForm):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    section_key = forms.ChoiceField(label=_("Gjelder"), required=False, choices=())

    def __init__(self, *args: Any, sections: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [("", _("Hele rapporten")), *(sections or [])]


class HandlingForm(KitForm):
    date = forms.DateField(label=_("Behandlet dato"), widget=DATE)
    body = forms.CharField(label=_("Organ"), max_length=200, initial=_("Kommunestyret"))
    case_number = forms.CharField(label=_("Saksnummer"), max_length=60, required=False)
    decision = forms.CharField(
        label=_("Vedtak"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20000
    )
    document = forms.FileField(label=_("Dokument (saksframlegg eller protokoll)"), required=False)

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document and document.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("Filen er større enn 20 MB."))
        return document


class VersionedHandlingForm(VersionedFormMixin, HandlingForm):
    pass


class PreventivePlanForm(HandlingForm):
    year = forms.TypedChoiceField(label=_("År"), coerce=int, choices=())

    field_order = ["year", "date", "body", "case_number", "decision", "document"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years()


class BatchForm(KitForm):
    county = forms.ModelChoiceField(
        label=_("Fylke"), queryset=County.objects.none(), required=False, empty_label=_("Hele landet")
    )
    year = forms.TypedChoiceField(label=_("År"), coerce=int, choices=())

    def __init__(self, *args: Any, counties: Any, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["county"]
        field.queryset = counties
        field.required = not national
        if not national:
            field.empty_label = None
        self.fields["year"].choices = _years()
        self.fields["year"].initial = timezone.localdate().year - 1


class YearForm(KitForm):
    year = forms.TypedChoiceField(label=_("År"), coerce=int, choices=(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years()
