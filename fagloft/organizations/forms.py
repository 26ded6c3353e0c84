"""Forms for the organisation pages. They clean input and name the field in Norwegian; the rules
that need the acting user live in `services.py`."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import DATE, KitForm, KitModelForm, VersionedFormMixin
from fagloft.organizations.models import CooperationAgreement, District, Municipality, ServiceCoverage

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_TYPES = {".pdf": "PDF", ".docx": "Word (DOCX)", ".odt": "OpenDocument (ODT)"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class ShownMunicipalities:
    """The municipalities a form offers, read once when first drawn and with only what a choice
    shows (id, name, number). A form offers all 357 in a list or a checkbox group, often twice
    (the parties and the host of an agreement): each field reading its queryset in full, with
    every date column converted, cost more than drawing the choices. Cleaning still looks the
    submitted values up in the field's queryset, so what a form accepts and what it hands on are
    unchanged."""

    def __init__(self, queryset: QuerySet[Municipality]) -> None:
        self.queryset = queryset.only("pk", "name", "number")
        self._rows: list[Municipality] | None = None

    def rows(self) -> list[Municipality]:
        if self._rows is None:
            self._rows = list(self.queryset)
        return self._rows


class _ShownChoiceIterator(ModelChoiceIterator):
    """The choices from the field's `shown` list when it has one, else from its queryset."""

    def _shown(self) -> ShownMunicipalities | None:
        return getattr(self.field, "shown", None)

    def __iter__(self) -> Iterator[Any]:
        shown = self._shown()
        if shown is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in shown.rows():
            yield self.choice(obj)

    def __len__(self) -> int:
        shown = self._shown()
        if shown is None:
            return super().__len__()
        return len(shown.rows()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        shown = self._shown()
        if shown is None:
            return super().__bool__()
        return self.field.empty_label is not None or bool(shown.rows())


class MunicipalityChoiceField(forms.ModelChoiceField):
    iterator = _ShownChoiceIterator
    shown: ShownMunicipalities | None = None

    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.number})"


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: District) -> str:
        return f"{obj.municipality.name}: {obj.name} ({obj.number})"


class MunicipalityMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _ShownChoiceIterator
    shown: ShownMunicipalities | None = None

    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.number})"


class ServiceContactForm(VersionedFormMixin, KitForm):
    leader_name = forms.CharField(
        label=_("Leder"), max_length=200, required=False, help_text=_("Navnet på barnevernlederen.")
    )
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        error_messages={"invalid": _("E-post: skriv en gyldig e-postadresse, som navn@kommune.no.")},
    )
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = phone.replace(" ", "").replace("+", "").replace("-", "")
        if phone and not digits.isdigit():
            raise forms.ValidationError(_("Telefon: bruk bare siffer, mellomrom og eventuelt + foran landskoden."))
        return phone


class AddCoverageForm(VersionedFormMixin, KitForm):
    municipality = MunicipalityChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.none(),
        empty_label=_("Velg kommune"),
        error_messages={"required": _("Kommune: velg kommunen tjenesten skal dekke.")},
    )
    valid_from = forms.DateField(
        label=_("Fra dato"),
        widget=DATE,
        error_messages={
            "required": _("Fra dato: oppgi datoen dekningen starter."),
            "invalid": _("Fra dato: skriv datoen som dd.mm.åååå."),
        },
    )

    district = DistrictChoiceField(
        label=_("Bydel"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Hele kommunen"),
        help_text=_("Bare når tjenesten dekker én bydel, som bydelene i Oslo."),
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        cast(MunicipalityChoiceField, self.fields["municipality"]).shown = ShownMunicipalities(municipalities)
        self.fields["district"].queryset = (
            District.objects.valid_on().filter(municipality__in=municipalities).select_related("municipality")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        municipality, district = data.get("municipality"), data.get("district")
        if municipality is not None and district is not None and district.municipality_id != municipality.pk:
            self.add_error(
                "district",
                _("Bydel: %(district)s hører ikke til %(municipality)s. Velg en bydel i kommunen, eller hele kommunen.")
                % {"district": district.name, "municipality": municipality.name},
            )
        return data


class EndCoverageForm(VersionedFormMixin, KitForm):
    coverage = forms.ModelChoiceField(queryset=ServiceCoverage.objects.none(), widget=forms.HiddenInput)
    valid_to = forms.DateField(
        label=_("Siste dag"),
        widget=DATE,
        error_messages={
            "required": _("Siste dag: oppgi siste dag tjenesten dekker kommunen."),
            "invalid": _("Siste dag: skriv datoen som dd.mm.åååå."),
        },
    )

    def __init__(self, *args: Any, coverages: QuerySet[ServiceCoverage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coverage"].queryset = coverages


def check_document(upload: Any) -> None:
    """Refuse anything but a PDF, DOCX or ODT file of at most 20 MB, judged by its content too."""
    name = (upload.name or "").lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in DOCUMENT_TYPES:
        raise forms.ValidationError(
            _("Dokument: «%(name)s» har en filtype vi ikke tar imot. Last opp PDF, DOCX eller ODT."),
            params={"name": upload.name},
        )
    if upload.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(
            _("Dokument: filen er %(size)s MB. Største tillatte størrelse er 20 MB."),
            params={"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
        )
    if not _content_matches(upload, suffix):
        raise forms.ValidationError(
            _("Dokument: innholdet i «%(name)s» er ikke en gyldig %(kind)s-fil."),
            params={"name": upload.name, "kind": DOCUMENT_TYPES[suffix]},
        )


def _content_matches(upload: Any, suffix: str) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if suffix == ".docx":
                return "[Content_Types].xml" in names and "word/document.xml" in names
            return "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


class AgreementForm(VersionedFormMixin, KitModelForm):
    parties = MunicipalityMultipleChoiceField(
        label=_("Parter"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
        error_messages={"required": _("Parter: velg minst én kommune som part i avtalen.")},
    )
    host = MunicipalityChoiceField(
        label=_("Vertskommune"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Ingen vertskommune"),
        help_text=_("Kommunen som utfører oppgaven for de andre, hvis det er en."),
    )
    notice_months = forms.IntegerField(
        label=_("Oppsigelsestid (måneder)"),
        required=False,
        min_value=0,
        max_value=60,
        error_messages={
            "invalid": _("Oppsigelsestid: skriv et helt antall måneder."),
            "min_value": _("Oppsigelsestid: kan ikke være mindre enn 0 måneder."),
            "max_value": _("Oppsigelsestid: kan være høyst 60 måneder."),
        },
    )

    class Meta:
        model = CooperationAgreement
        fields = [
            "title",
            "kind",
            "status",
            "parties",
            "host",
            "valid_from",
            "valid_to",
            "description",
            "tasks_delegated",
            "cost_sharing_key",
            "governance",
            "notice_months",
            "document",
        ]
        labels = {
            "status": _("Status"),
            "tasks_delegated": _("Oppgaver som delegeres"),
            "cost_sharing_key": _("Fordelingsnøkkel for kostnader"),
            "governance": _("Styring og samarbeidsorgan"),
            "title": _("Tittel"),
            "kind": _("Type avtale"),
            "valid_from": _("Gyldig fra"),
            "valid_to": _("Gyldig til"),
            "description": _("Beskrivelse"),
            "document": _("Dokument"),
        }
        help_texts = {
            "document": _("PDF, DOCX eller ODT, høyst 20 MB."),
            "status": _("Et utkast blir vedtatt når alle partenes kommunestyrer har vedtatt det."),
            "tasks_delegated": _("Hvilke oppgaver og hvilken myndighet vertskommunen får (kommuneloven § 20-4)."),
            "governance": _("Hvordan samarbeidet styres, for eksempel en felles folkevalgt nemnd."),
        }
        widgets = {
            "tasks_delegated": forms.Textarea(attrs={"rows": 4}),
            "governance": forms.Textarea(attrs={"rows": 3}),
            "valid_from": DATE,
            "valid_to": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
        }
        error_messages = {
            "title": {"required": _("Tittel: gi avtalen en tittel.")},
            "kind": {"required": _("Type avtale: velg hva avtalen gjelder.")},
            "valid_from": {"invalid": _("Gyldig fra: skriv datoen som dd.mm.åååå.")},
            "valid_to": {"invalid": _("Gyldig til: skriv datoen som dd.mm.åååå.")},
            "tasks_delegated": {"max_length": _("Oppgaver som delegeres: høyst %(limit_value)d tegn.")},
            "governance": {"max_length": _("Styring og samarbeidsorgan: høyst %(limit_value)d tegn.")},
        }

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = municipalities
        self.fields["host"].queryset = municipalities
        # Both fields draw the same list: read it once.
        shown = ShownMunicipalities(municipalities)
        cast(MunicipalityMultipleChoiceField, self.fields["parties"]).shown = shown
        cast(MunicipalityChoiceField, self.fields["host"]).shown = shown
        self.fields["kind"].choices = [("", _("Velg type avtale")), *CooperationAgreement.Kind.choices]
        keys: list[Any] = list(CooperationAgreement._meta.get_field("cost_sharing_key").choices or [])
        self.fields["cost_sharing_key"].choices = [("", _("Ikke avtalt")), *keys]

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_document(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Gyldig til: sluttdatoen kan ikke være før startdatoen."))
        host, parties = data.get("host"), data.get("parties")
        if host and parties is not None and host not in parties:
            self.add_error("host", _("Vertskommune: vertskommunen må være en av partene."))
        stored = self.instance.status if self.instance.pk else None
        if stored == "in_force" and data.get("status") == "draft":
            self.add_error("status", _("Status: en vedtatt avtale kan ikke settes tilbake til utkast."))
        return data


class SearchForm(KitForm):
    q = forms.CharField(label=_("Kommunenavn eller kommunenummer"), max_length=100, required=False)
