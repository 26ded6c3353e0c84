"""Forms for calls, applications, assessments and decisions. They clean; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagloft.grants.eligibility import RULES
from fagloft.grants.models import BudgetLine, Call, Criterion, Decision, GrantReport
from fagloft.networks.models import CompetenceEnvironment, Network
from fagloft.organizations.models import Municipality

DATE = forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d")


class DesignsystemetMixin:
    """Adds the Designsystemet input class to every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            field.widget.attrs.setdefault("class", "ds-input")


class VersionField(forms.IntegerField):
    """The hidden version a form was loaded with (optimistic locking, fagloft.audit.concurrency)."""

    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, required=False)


class CallForm(DesignsystemetMixin, forms.ModelForm):
    version = VersionField()
    eligibility_rules = forms.MultipleChoiceField(
        label=_("Vilkår som sjekkes"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(code, label) for code, (label, _rule) in RULES.items()],
        help_text=_("Ingen avkrysning gir standardvilkårene for typen tilskudd."))

    class Meta:
        model = Call
        fields = ["county", "kind", "title", "text", "budget", "opens_on", "deadline", "spending_deadline",
                  "reporting_duties", "eligibility_rules", "max_per_student", "status"]
        widgets = {"opens_on": DATE, "deadline": DATE, "spending_deadline": DATE,
                   "text": forms.Textarea(attrs={"rows": 6}), "reporting_duties": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"county": _("La stå tom for en nasjonal utlysning fra Bufdir.")}

    def __init__(self, *args: Any, counties: Any, national_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties
        self.fields["county"].required = not national_allowed
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, deadline, spend = data.get("opens_on"), data.get("deadline"), data.get("spending_deadline")
        if opens and deadline and deadline < opens:
            self.add_error("deadline", _("Søknadsfristen kan ikke være før utlysningen åpner."))
        if deadline and spend and spend < deadline:
            self.add_error("spending_deadline", _("Fristen for å bruke midlene kan ikke være før søknadsfristen."))
        return data


class CriterionForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "automatic"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class StartApplicationForm(DesignsystemetMixin, forms.Form):
    title = forms.CharField(label=_("Prosjektnavn"), max_length=200)
    lead_municipality = forms.ModelChoiceField(label=_("Ansvarlig kommune (søker)"), queryset=Municipality.objects.none())
    network = forms.ModelChoiceField(label=_("Søkende læringsnettverk"), queryset=Network.objects.none(),
                                     required=False)

    def __init__(self, *args: Any, municipalities: Any, networks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_municipality"].queryset = municipalities
        self.fields["network"].queryset = networks


class ApplicationForm(DesignsystemetMixin, forms.Form):
    version = VersionField()
    title = forms.CharField(label=_("Prosjektnavn"), max_length=200)
    network = forms.ModelChoiceField(label=_("Søkende læringsnettverk"), queryset=Network.objects.none(),
                                     required=False)
    participants = forms.ModelMultipleChoiceField(
        label=_("Deltakende kommuner"), queryset=Municipality.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Ansvarlig kommune er alltid med."))
    partner = forms.ModelChoiceField(label=_("Kompetansemiljø"), queryset=CompetenceEnvironment.objects.all(),
                                     required=False)
    description = forms.CharField(label=_("Beskrivelse av prosjektet"), widget=forms.Textarea(attrs={"rows": 5}),
                                  required=False)
    goals = forms.CharField(label=_("Mål"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    co_financing = forms.DecimalField(label=_("Egenfinansiering (kr)"), min_value=0, decimal_places=0, initial=0)
    co_financing_note = forms.CharField(label=_("Egenfinansiering, forklaring"), max_length=300, required=False)
    contact_email = forms.EmailField(label=_("E-post til kontaktperson"), required=False)

    def __init__(self, *args: Any, municipalities: Any, networks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = municipalities
        self.fields["network"].queryset = networks


class BudgetLineForm(DesignsystemetMixin, forms.Form):
    category = forms.ChoiceField(label=_("Kategori"), choices=[("", "–"), *BudgetLine.Category.choices],
                                 required=False)
    description = forms.CharField(label=_("Beskrivelse"), max_length=300, required=False)
    amount = forms.DecimalField(label=_("Beløp (kr)"), min_value=0, decimal_places=0, required=False)
    student = forms.CharField(label=_("Ansatt i videreutdanning"), max_length=200, required=False)
    employee = forms.ModelChoiceField(
        label=_("Ansatt i kompetanseregisteret"), queryset=None, required=False,
        help_text=_("Velg den ansatte fra tjenestens kompetanseregister, eller skriv navnet over."))

    def __init__(self, *args: Any, staff: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only offered to those who may see the applicant service's staff (competence.view_staff).
        if staff is None:
            del self.fields["employee"]
        else:
            self.fields["employee"].queryset = staff

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("amount") and not data.get("category"):
            self.add_error("category", _("Velg kategori for beløpet."))
        if data.get("employee") and not (data.get("student") or "").strip():
            data["student"] = str(data["employee"])
        return data


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=3, max_num=30)


def budget_initial(application: Any) -> list[dict[str, Any]]:
    return [{"category": l.category, "description": l.description, "amount": l.amount, "student": l.student,
             "employee": l.employee_id} for l in application.budget_lines.all()]


def budget_rows(formset: Any) -> list[tuple[str, str, Any, str, int | None]]:
    """(category, description, amount, student, employee id or None) for each line with an amount."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {}) or {}
        if data.get("amount") and data.get("category"):
            employee = data.get("employee")
            rows.append((data["category"], data.get("description", ""), data["amount"], data.get("student", ""),
                         employee.pk if employee else None))
    return rows


class AssessmentForm(DesignsystemetMixin, forms.Form):
    version = VersionField()
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} (vekt {criterion.weight})", coerce=int,
                choices=[(str(n), str(n)) for n in range(6)], help_text=criterion.description,
                widget=forms.Select(attrs={"class": "ds-input"}))

    def scores(self) -> dict[int, int]:
        return {int(name[6:]): value for name, value in self.cleaned_data.items() if name.startswith("score_")}


class DecisionForm(DesignsystemetMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Decision
        fields = ["outcome", "amount", "conditions", "reasons", "decided_on"]
        widgets = {"decided_on": DATE, "conditions": forms.Textarea(attrs={"rows": 3}),
                   "reasons": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == Decision.Outcome.REFUSED and not (data.get("reasons") or "").strip():
            self.add_error("reasons", _("Et avslag må begrunnes."))
        if data.get("outcome") == Decision.Outcome.GRANTED and not data.get("amount"):
            self.add_error("amount", _("Oppgi innvilget beløp."))
        return data


class PaymentForm(DesignsystemetMixin, forms.Form):
    amount = forms.DecimalField(label=_("Beløp (kr)"), min_value=1, decimal_places=0)
    paid_on = forms.DateField(label=_("Utbetalt"), widget=DATE)
    reference = forms.CharField(label=_("Referanse"), max_length=100, required=False)


class ReportForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = GrantReport
        fields = ["kind", "text", "spent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
