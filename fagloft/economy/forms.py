"""Forms of the app, built on fagloft.lib.forms (bounds come from the model columns)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagloft.economy.models import CoPaymentRate, CostModel, CostModelLine, MeasureKind, Scenario
from fagloft.economy.simulation import KEYS
from fagloft.lib.forms import KitForm, KitModelForm, VersionedModelForm
from fagloft.organizations.models import Municipality

KEY_LABELS = {
    "children": _("Barn 0–17 år"),
    "population": _("Innbyggere"),
    "equal": _("Likt per kommune"),
    "usage": _("Forventet bruk"),
}


class CostModelForm(VersionedModelForm):
    class Meta:
        model = CostModel
        fields = ["budget", "ordinary_foster_monthly_cost", "years", "timing", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class CostModelLineForm(KitModelForm):
    class Meta:
        model = CostModelLine
        fields = [
            "carried_over",
            "new_per_year",
            "count_distribution",
            "dispersion",
            "duration_distribution",
            "mean_months",
            "sd_months",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("count_distribution") == "negbin" and not data.get("dispersion"):
            self.add_error("dispersion", _("Negativ binomisk fordeling trenger en spredningsparameter."))
        return data


class RateForm(VersionedModelForm):
    class Meta:
        model = CoPaymentRate
        fields = ["monthly_rate", "existing_placement_rate", "confirmed", "source", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class NewRateForm(KitModelForm):
    class Meta:
        model = CoPaymentRate
        fields = ["kind", "year", "monthly_rate", "existing_placement_rate", "confirmed", "source", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(kind.value, kind.label) for kind in MeasureKind if kind != MeasureKind.ORDINARY_FOSTER]


class ScenarioForm(VersionedModelForm):
    class Meta:
        model = Scenario
        fields = [
            "name",
            "description",
            "institution_factor",
            "placement_factor",
            "bought_share",
            "bought_monthly_rate",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SimulationForm(KitForm):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    runs = forms.IntegerField(label=_("Antall simulerte år"), min_value=1000, max_value=1_000_000, initial=20_000)
    seed = forms.IntegerField(label=_("Startverdi (seed)"), min_value=0, max_value=2**31 - 1, initial=1)
    years = forms.IntegerField(label=_("Antall år i hver simulering"), min_value=1, max_value=5, initial=1)
    scenario = forms.ModelChoiceField(
        label=_("Scenario"), queryset=Scenario.objects.all(), required=False, empty_label=_("Grunnmodellen")
    )


class PoolForm(KitForm):
    agreement = forms.ChoiceField(label=_("Samarbeidsavtale"), required=False)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Eller velg kommuner"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    key = forms.ChoiceField(label=_("Fordelingsnøkkel"), choices=[(k, KEY_LABELS[k]) for k in KEYS])
    runs = forms.IntegerField(label=_("Antall simulerte år"), min_value=1000, max_value=50_000, initial=20_000)
    seed = forms.IntegerField(label=_("Startverdi (seed)"), min_value=0, max_value=2**31 - 1, initial=1)

    def __init__(self, *args: Any, municipalities: Any, agreements: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipalities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = municipalities
        agreement = self.fields["agreement"]
        assert isinstance(agreement, forms.ChoiceField)
        agreement.choices = [("", _("Ingen (velg kommuner under)")), *agreements]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("agreement") and len(data.get("municipalities") or []) < 2:
            raise forms.ValidationError(_("Velg en samarbeidsavtale eller minst to kommuner."))
        return data
