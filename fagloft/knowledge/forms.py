"""Forms of the app, built on fagloft.lib.forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagloft.knowledge.models import (
    CaseDeadline,
    Intervention,
    Level,
    LibraryItem,
    Offer,
    RecommendedMeasure,
    Technology,
    TechnologyTrial,
)
from fagloft.lib.forms import DATE, KitForm, KitModelForm, VersionedModelForm

EVIDENCE_FILTERS = [
    ("", _("Alle")),
    ("4+", _("Nivå 4 eller 5 (Ungsinn)")),
    ("3+", _("Nivå 3 eller høyere (Ungsinn)")),
    ("old", _("Vurdert på eldre skala")),
    ("unknown", _("Ikke vurdert")),
]


class BankFilterForm(KitForm):
    q = forms.CharField(label=_("Søk"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("Nivå"), required=False, choices=[("", _("Alle nivåer")), *Level.choices])
    category = forms.ChoiceField(label=_("Tiltakskategori (SSB)"), required=False)
    evidence = forms.ChoiceField(label=_("Evidens"), required=False, choices=EVIDENCE_FILTERS)

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Alle kategorier")), *categories]


class InterventionForm(VersionedModelForm):
    class Meta:
        model = Intervention
        fields = [
            "name",
            "short_name",
            "description",
            "problem",
            "age_from",
            "age_to",
            "universal",
            "selected",
            "indicated",
            "categories",
            "evidence_scale",
            "evidence_level",
            "evidence_url",
            "evidence_reviewed_on",
            "certification_required",
            "certifier",
            "certification_method",
            "certification_valid_years",
            "provider_type",
            "source_url",
            "is_active",
        ]
        widgets = {"evidence_reviewed_on": DATE, "categories": forms.CheckboxSelectMultiple}

    def values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "categories"}
        return data


class OfferForm(VersionedModelForm):
    class Meta:
        model = Offer
        fields = [
            "intervention",
            "delivery",
            "agreement",
            "provider_name",
            "capacity",
            "capacity_unit",
            "waiting_weeks",
            "staff",
            "note",
        ]
        widgets = {"staff": forms.CheckboxSelectMultiple}
        help_texts = {
            "agreement": _("Bare for tilbud fra en nabokommune."),
            "staff": _("Ansatte i tjenesten som leverer tiltaket. Sertifiseringer leses fra kompetanseregisteret."),
            "waiting_weeks": _("Vanlig ventetid fra vedtak til oppstart."),
        }

    def __init__(self, *args: Any, agreements: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = Intervention.objects.filter(is_active=True).order_by("name")
        self.fields["agreement"].queryset = agreements
        self.fields["staff"].queryset = staff
        self.fields["staff"].required = False

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "staff"}


class LevelOwnerForm(KitForm):
    level = forms.ChoiceField(label=_("Nivå"), choices=Level.choices)
    role_title = forms.CharField(label=_("Rolle"), max_length=200)
    person = forms.CharField(label=_("Navn"), max_length=200, required=False)
    unit = forms.CharField(label=_("Enhet (skole, helse, barnevern …)"), max_length=200, required=False)


class LibraryItemForm(KitModelForm):
    class Meta:
        model = LibraryItem
        fields = ["title", "kind", "description", "owner_name", "licence", "last_reviewed_on"]
        widgets = {"last_reviewed_on": DATE}


class LibraryTargetForm(KitForm):
    library = forms.ChoiceField(label=_("Bibliotek"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["library"].choices = choices


class VersionForm(KitForm):
    file = forms.FileField(label=_("Fil (PDF, DOCX, XLSX, ODT eller ODS, høyst 20 MB)"))
    note = forms.CharField(label=_("Hva er endret"), max_length=500, required=False)


class LibrarySearchForm(KitForm):
    q = forms.CharField(label=_("Søk i biblioteket"), required=False, max_length=100)


class TechnologyForm(KitModelForm):
    class Meta:
        model = Technology
        fields = ["name", "purpose", "description", "supplier", "cost_per_year", "cost_note", "url"]


class TrialForm(VersionedModelForm):
    class Meta:
        model = TechnologyTrial
        fields = ["goal", "started_on", "ended_on", "status", "result", "evaluation"]
        widgets = {"started_on": DATE, "ended_on": DATE}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class TrialStartForm(KitForm):
    service: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Tjeneste"), queryset=None)

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class LinkForm(KitForm):
    target = forms.ChoiceField(label=_("Koble til"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = choices


class CoordinatorForm(KitForm):
    user: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Bruker"), queryset=None)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"


class RecommendedMeasureForm(VersionedModelForm):
    class Meta:
        model = RecommendedMeasure
        fields = ["name", "description", "level", "interventions", "categories", "source", "position", "is_active"]
        widgets = {"interventions": forms.CheckboxSelectMultiple, "categories": forms.CheckboxSelectMultiple}
        help_texts = {
            "interventions": _("Et tilbud av ett av disse tiltakene gjør hjelpetiltaket tilgjengelig."),
            "categories": _("Eller et tilbud av et tiltak i en av disse SSB-kategoriene."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interventions"].queryset = Intervention.objects.filter(is_active=True).order_by("name")

    def values(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in self.Meta.fields if n not in ("interventions", "categories")}


class DeadlineForm(VersionedModelForm):
    class Meta:
        model = CaseDeadline
        fields = [
            "phase",
            "section",
            "title",
            "rule",
            "limit_days",
            "limit_months",
            "special_limit_months",
            "ssb_rule",
            "source_title",
            "source_url",
            "guidance_url",
        ]

    def values(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in self.Meta.fields}
