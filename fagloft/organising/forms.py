"""The proposal form (the rules, each with its default shown), the agreement and adoption forms, and
the distance correction form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import DATE, KitForm
from fagloft.organising import model
from fagloft.organizations.models import Municipality


class ProposalForm(KitForm):
    title = forms.CharField(label=_("Navn på forslaget"), max_length=200)
    measure = forms.ChoiceField(
        label=_("Minstekrav målt i"),
        choices=[(model.MEASURE_FTE, _("Årsverk")), (model.MEASURE_CHILDREN, _("Barn 0–17 år"))],
        initial=model.MEASURE_FTE,
        widget=forms.RadioSelect,
    )
    min_fte = forms.DecimalField(
        label=_("Minst antall årsverk per tjeneste"),
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=1,
        initial=Decimal(str(model.DEFAULT_MIN_FTE)),
        help_text=_("Standard 5. Loven har ingen minstestørrelse; grensen er et valg."),
    )
    min_children = forms.IntegerField(
        label=_("Minst antall barn 0–17 år per tjeneste"),
        min_value=0,
        max_value=1_000_000,
        initial=1000,
        help_text=_("Brukes bare når minstekravet måles i barn."),
    )
    max_km = forms.DecimalField(
        label=_("Lengste avstand fra vertskommunen (km)"),
        min_value=Decimal(1),
        max_value=Decimal(3000),
        max_digits=6,
        decimal_places=1,
        initial=Decimal(str(model.DEFAULT_MAX_KM)),
        help_text=_("Standard 250 km, målt i luftlinje ganger omveisfaktoren."),
    )
    detour = forms.DecimalField(
        label=_("Omveisfaktor"),
        min_value=Decimal(1),
        max_value=Decimal(3),
        max_digits=3,
        decimal_places=2,
        initial=Decimal(str(model.DEFAULT_DETOUR)),
        help_text=_("Standard 1,3: veien er i snitt 30 % lengre enn luftlinjen."),
    )
    keep_cooperations = forms.BooleanField(label=_("Dagens samarbeid holdes sammen"), required=False)
    within_county = forms.BooleanField(label=_("Tjenestene holdes innenfor fylket"), required=False, initial=True)
    max_members = forms.IntegerField(
        label=_("Høyst antall kommuner per tjeneste"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Tomt: ingen grense."),
    )
    cost_per_service = forms.IntegerField(
        label=_("Kostnad per tjeneste (i målfunksjonen)"),
        min_value=0,
        max_value=100_000_000,
        initial=0,
        help_text=_("Standard 0. Gjør færre tjenester bedre, i samme enhet som barn × km."),
    )
    fixed_hosts = forms.ModelMultipleChoiceField(
        label=_("Faste vertskommuner"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alone = forms.ModelMultipleChoiceField(
        label=_("Kommuner som står alene"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_limit = forms.IntegerField(
        label=_("Tidsgrense for beregningen (sekunder)"), min_value=1, max_value=120, initial=20
    )

    def __init__(self, *args: Any, municipalities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["fixed_hosts"].queryset = municipalities
            self.fields["alone"].queryset = municipalities

    def rules(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "measure": data["measure"],
            "min_fte": float(data["min_fte"]),
            "min_children": int(data["min_children"]),
            "max_km": float(data["max_km"]),
            "detour": float(data["detour"]),
            "keep_cooperations": bool(data["keep_cooperations"]),
            "within_county": bool(data["within_county"]),
            "max_members": data["max_members"],
            "cost_per_service": float(data["cost_per_service"]),
            "fixed_hosts": sorted(m.number for m in data["fixed_hosts"]),
            "alone": sorted(m.number for m in data["alone"]),
            "time_limit": float(data["time_limit"]),
        }


COST_KEYS = [
    ("children", _("Etter antall barn 0–17 år")),
    ("inhabitants", _("Etter innbyggertall")),
    ("equal", _("Likt per kommune")),
    ("other", _("Annen fordeling")),
]


class AgreementForm(KitForm):
    title = forms.CharField(label=_("Tittel"), max_length=300)
    tasks_delegated = forms.CharField(label=_("Oppgaver som delegeres"), max_length=5000, widget=forms.Textarea)
    cost_sharing_key = forms.ChoiceField(label=_("Fordelingsnøkkel for kostnader"), choices=COST_KEYS)
    governance = forms.CharField(label=_("Styring og samarbeidsorgan"), max_length=5000, widget=forms.Textarea)
    notice_months = forms.IntegerField(label=_("Oppsigelsestid (måneder)"), min_value=0, max_value=60, initial=12)


class AdoptionForm(KitForm):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    adopted_on = forms.DateField(label=_("Vedtaksdato"), widget=DATE)
    body = forms.CharField(label=_("Organ"), max_length=200, initial="Kommunestyret")
    case_number = forms.CharField(label=_("Saksnummer"), max_length=60, required=False)

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            self.fields["municipality"].queryset = parties


class DistanceForm(KitForm):
    first = forms.ModelChoiceField(label=_("Fra kommune"), queryset=Municipality.objects.none())
    second = forms.ModelChoiceField(label=_("Til kommune"), queryset=Municipality.objects.none())
    km = forms.DecimalField(
        label=_("Avstand (km)"), min_value=Decimal(0), max_value=Decimal(5000), max_digits=6, decimal_places=1
    )
    note = forms.CharField(label=_("Merknad"), max_length=300, required=False, help_text=_("For eksempel ferje."))

    def __init__(self, *args: Any, municipalities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["first"].queryset = municipalities
            self.fields["second"].queryset = municipalities
