"""Forms for calls, applications, assessments and decisions. They clean; services decide.

Every amount is bounded by its column (whole kroner, `max_digits` of the model field), so an
overlong number is an error at the field and never a stored row that breaks the pages later.
"""

from __future__ import annotations

import decimal
from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from fagloft.grants.eligibility import RULES
from fagloft.grants.models import Application, BudgetLine, Call, Criterion, Decision, GrantReport, Payment
from fagloft.lib.formatting import money
from fagloft.lib.forms import DATE, KitForm, KitModelForm, VersionedFormMixin, VersionedModelForm
from fagloft.networks.models import CompetenceEnvironment, DevelopmentProject, Network
from fagloft.organizations.models import County, Municipality

# Long free text: generous, but bounded, so a pasted document does not end up in one field.
LONG_TEXT = 10_000
MAX_WEIGHT = 10


def largest(model: type[models.Model], field: str) -> decimal.Decimal:
    """The largest whole-kroner amount the column holds (e.g. 999 999 999 999 for max_digits=12)."""
    column = model._meta.get_field(field)
    assert isinstance(column, models.DecimalField)
    return decimal.Decimal(10) ** (column.max_digits - column.decimal_places) - 1


def _with_amount(text: Any, amount: decimal.Decimal) -> str:
    # Formatted when the message is shown, so the amount follows the user's language.
    return str(text) % {"limit": money(amount)}


_with_amount_lazy = lazy(_with_amount, str)


def _money_messages(limit: decimal.Decimal, minimum: int) -> dict[str, Any]:
    too_long = _with_amount_lazy(_("Beløpet har for mange sifre: det kan være høyst %(limit)s."), limit)
    return {
        "max_value": _with_amount_lazy(_("Beløpet kan ikke være større enn %(limit)s."), limit),
        "min_value": (
            _("Beløpet kan ikke være negativt.")
            if minimum == 0
            else _with_amount_lazy(_("Beløpet må være minst %(limit)s."), decimal.Decimal(minimum))
        ),
        "max_digits": too_long,
        "max_whole_digits": too_long,
        "max_decimal_places": _("Oppgi hele kroner, uten øre."),
        "invalid": _("Oppgi beløpet som et tall i hele kroner, for eksempel 250000."),
    }


def limit_text(form: forms.BaseForm, limit: int, *names: str) -> None:
    """Bound free-text fields whose column has no length (TextField)."""
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.CharField)
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)


def money_field(
    model: type[models.Model], field: str, *, label: Any, minimum: int = 0, **kwargs: Any
) -> forms.DecimalField:
    """A whole-kroner field bounded by the model column it is stored in."""
    # The upper bound is the column's (max_digits); one clear message rather than two for the same fault.
    limit = largest(model, field)
    money_field = forms.DecimalField(
        label=label,
        min_value=minimum,
        max_value=limit,
        decimal_places=0,
        error_messages=_money_messages(limit, minimum),
        **kwargs,
    )
    # Browsers size a number input to its `max` (12 digits is wider than a phone's column); the bound
    # is checked on the server with a clear message instead.
    money_field.widget.attrs.pop("max", None)
    return money_field


def preselect_single(form: forms.BaseForm, *names: str) -> None:
    """Preselect a required unit choice (county, municipality, network) when there is exactly one to
    choose, on an unbound form without a value of its own."""
    if form.is_bound:
        return
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        if not field.required or form.initial.get(name):
            continue
        only = list(field.queryset[:2]) if field.queryset is not None else []
        if len(only) == 1:
            field.initial = only[0].pk


class StaffChoiceField(forms.ModelChoiceField):
    """A person picker in which two people with the same name can be told apart."""

    def label_from_instance(self, obj: Any) -> str:
        details = [str(obj.get_position_display())]
        if obj.email:
            details.append(obj.email)
        label = f"{obj.name} ({', '.join(details)})"
        if getattr(obj, "needs_2031", False):
            label += " – " + str(_("trenger videreutdanning for kompetansekravet 2031"))
        return label


PROJECT_HELP = _(
    "Prosjektet i læringsnettverket som midlene skal brukes til. Finnes det ikke ennå, gjør nettverket "
    "en idé om til et prosjekt først."
)


class ProjectChoiceField(forms.ModelChoiceField):
    """A network's development project, named with its network, so two projects of the same title differ."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.network.name})"


def wrong_network(project: Any, network: Any) -> str:
    return str(
        _("Prosjektet «%(project)s» hører til %(owner)s, ikke %(network)s. Velg et prosjekt i det søkende nettverket.")
    ) % {"project": project.title, "owner": project.network.name, "network": network.name}


class CallForm(VersionedModelForm):
    eligibility_rules = forms.MultipleChoiceField(
        label=_("Vilkår som sjekkes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, label) for code, (label, _rule) in RULES.items()],
        help_text=_("Ingen avkrysning gir standardvilkårene for typen tilskudd."),
    )
    budget = money_field(Call, "budget", label=_("Ramme (kr)"), minimum=1)
    max_per_student = money_field(
        Call,
        "max_per_student",
        label=_("Maks per student (kr)"),
        minimum=1,
        required=False,
        help_text=_("Taket gjelder summen av budsjettlinjene for hver student. Tomt: ikke noe tak."),
    )
    cost_kinds = forms.MultipleChoiceField(
        label=_("Utgifter det kan søkes om"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=BudgetLine.Category.choices,
        help_text=_(
            "Ingen avkrysning gir standard for typen: videreutdanning dekker vikarutgifter, reise og opphold "
            "og litteratur; stimuleringsmidler alle kategorier."
        ),
    )

    class Meta:
        model = Call
        fields = [
            "county",
            "kind",
            "title",
            "text",
            "budget",
            "opens_on",
            "deadline",
            "spending_deadline",
            "reporting_duties",
            "eligibility_rules",
            "max_per_student",
            "cost_kinds",
        ]
        widgets = {
            "opens_on": DATE,
            "deadline": DATE,
            "spending_deadline": DATE,
            "text": forms.Textarea(attrs={"rows": 6}),
            "reporting_duties": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"county": _("La stå tom for en nasjonal utlysning fra Bufdir.")}

    def __init__(self, *args: Any, counties: Any, national_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties
        self.fields["county"].required = not national_allowed
        limit_text(self, LONG_TEXT, "text", "reporting_duties")
        if self.instance.pk is None:
            preselect_single(self, "county")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, deadline, spend = data.get("opens_on"), data.get("deadline"), data.get("spending_deadline")
        if opens and deadline and deadline < opens:
            self.add_error("deadline", _("Søknadsfristen kan ikke være før utlysningen åpner."))
        if deadline and spend and spend < deadline:
            self.add_error("spending_deadline", _("Fristen for å bruke midlene kan ikke være før søknadsfristen."))
        return data

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "county")}


class CriterionForm(KitModelForm):
    weight = forms.IntegerField(
        label=_("Vekt"),
        min_value=1,
        max_value=MAX_WEIGHT,
        initial=1,
        error_messages={
            "min_value": _("Vekten må være minst 1."),
            "max_value": _("Vekten kan være høyst %(limit)s.") % {"limit": MAX_WEIGHT},
        },
    )

    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "automatic"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self, 2000, "description")


class StartApplicationForm(KitForm):
    title = forms.CharField(label=_("Prosjektnavn"), max_length=200)
    lead_municipality = forms.ModelChoiceField(
        label=_("Ansvarlig kommune (søker)"), queryset=Municipality.objects.none()
    )
    network = forms.ModelChoiceField(
        label=_("Søkende læringsnettverk"), queryset=Network.objects.none(), required=False
    )
    county = forms.ModelChoiceField(
        label=_("Fylke"),
        queryset=County.objects.none(),
        required=False,
        help_text=_(
            "Fylket søknaden hører til: Statsforvalteren der vurderer den. Tomt: fylket til ansvarlig kommune."
        ),
    )
    project = ProjectChoiceField(
        label=_("Utviklingsprosjekt"),
        queryset=DevelopmentProject.objects.none(),
        required=False,
        help_text=PROJECT_HELP,
    )

    def __init__(
        self, *args: Any, municipalities: Any, networks: Any, counties: Any, projects: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_municipality"].queryset = municipalities
        self.fields["network"].queryset = networks
        if projects is None:
            del self.fields["project"]
        else:
            self.fields["project"].queryset = projects
        # Only the counties the applicant's own units belong to: any other is "not one of the
        # choices", an error at the field.
        self.fields["county"].queryset = counties
        preselect_single(self, "lead_municipality")
        if not self.is_bound and len(counties[:2]) == 1:
            self.fields["county"].initial = counties[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        county, lead = data.get("county"), data.get("lead_municipality")
        project, network = data.get("project"), data.get("network")
        if project and network and project.network_id != network.pk:
            self.add_error("project", wrong_network(project, network))
        elif project and not network:
            data["network"] = project.network
        if county and lead and lead.county_id != county.pk:
            self.add_error(
                "county",
                _("%(municipality)s hører ikke til %(county)s.") % {"municipality": lead.name, "county": county.name},
            )
        return data


class ApplicationForm(VersionedFormMixin, KitForm):
    title = forms.CharField(label=_("Prosjektnavn"), max_length=200)
    network = forms.ModelChoiceField(
        label=_("Søkende læringsnettverk"), queryset=Network.objects.none(), required=False
    )
    project = ProjectChoiceField(
        label=_("Utviklingsprosjekt"),
        queryset=DevelopmentProject.objects.none(),
        required=False,
        help_text=PROJECT_HELP,
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Deltakende kommuner"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ansvarlig kommune er alltid med."),
    )
    partner = forms.ModelChoiceField(
        label=_("Kompetansemiljø"), queryset=CompetenceEnvironment.objects.all(), required=False
    )
    description = forms.CharField(
        label=_("Beskrivelse av prosjektet"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    goals = forms.CharField(
        label=_("Mål"), max_length=LONG_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    co_financing = money_field(Application, "co_financing", label=_("Egenfinansiering (kr)"), initial=0)
    co_financing_note = forms.CharField(label=_("Egenfinansiering, forklaring"), max_length=300, required=False)
    contact_email = forms.EmailField(label=_("E-post til kontaktperson"), max_length=254, required=False)

    def __init__(self, *args: Any, municipalities: Any, networks: Any, projects: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = municipalities
        self.fields["network"].queryset = networks
        if projects is None:
            del self.fields["project"]
        else:
            self.fields["project"].queryset = projects

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        project, network = data.get("project"), data.get("network")
        if project and network and project.network_id != network.pk:
            self.add_error("project", wrong_network(project, network))
        elif project and not network:
            data["network"] = project.network
        return data


class BudgetLineForm(KitForm):
    category = forms.ChoiceField(label=_("Kategori"), choices=[("", "–"), *BudgetLine.Category.choices], required=False)
    description = forms.CharField(label=_("Beskrivelse"), max_length=300, required=False)
    amount = money_field(BudgetLine, "amount", label=_("Beløp (kr)"), required=False)
    student = forms.CharField(label=_("Ansatt i videreutdanning"), max_length=200, required=False)
    employee: forms.ModelChoiceField = StaffChoiceField(
        label=_("Ansatt i kompetanseregisteret"),
        queryset=None,
        required=False,
        help_text=_("Velg den ansatte fra tjenestens kompetanseregister, eller skriv navnet over."),
    )

    def __init__(
        self,
        *args: Any,
        staff: Any = None,
        staff_choices: list[Any] | None = None,
        register_hidden: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.register_hint = ""
        # Only offered to those who may see the applicant service's staff (competence.view_staff).
        if staff is None:
            del self.fields["employee"]
        else:
            field = self.fields["employee"]
            field.queryset = staff
            if staff_choices is not None:
                # Read once for the formset (`BaseBudgetFormSet`): each line's picker would otherwise
                # query the whole staff list again as it is drawn. Values are still checked against
                # the queryset.
                field.choices = staff_choices
        if register_hidden:
            # The municipal leadership sees aggregates, not the service's staff register: they write
            # the name, and the register check is made against it (or the service leader applies).
            self.fields["student"].help_text = _(
                "Du ser ikke tjenestens kompetanseregister. Skriv navnet nøyaktig slik det står i "
                "registeret, eller be lederen for barneverntjenesten fylle ut linjene for videreutdanning."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("employee") and not (data.get("student") or "").strip():
            data["student"] = data["employee"].name
        self._match_register(data)
        begun = any(str(data.get(name) or "").strip() for name in ("category", "description", "student"))
        # A line the applicant began is either complete or an error on that line; it is never
        # dropped silently on save (a line left wholly empty is simply not a line).
        if data.get("amount") is None and begun and not self.has_error("amount"):
            self.add_error("amount", _("Oppgi beløpet for budsjettlinjen, eller tøm linjen."))
        if data.get("amount") is not None and not data.get("category"):
            self.add_error("category", _("Velg kategori for beløpet."))
        return data

    def _match_register(self, data: dict[str, Any]) -> None:
        """A typed name, with the register offered and no one picked: link it when exactly one person
        has that name; two with that name is an error at the picker; no one a hint to pick from it."""
        typed = " ".join((data.get("student") or "").split())
        if "employee" not in self.fields or data.get("employee") or not typed or self.has_error("employee"):
            return
        same = [e for e in self.fields["employee"].queryset if " ".join(e.name.split()).casefold() == typed.casefold()]
        if len(same) == 1:
            data["employee"] = same[0]
        elif same:
            self.add_error(
                "employee",
                _("Flere ansatte heter «%(name)s». Velg riktig person fra kompetanseregisteret.") % {"name": typed},
            )
        else:
            # A hint, not an error: the line is kept (and the register check reports it), so a draft
            # can be saved before the person is registered.
            self.register_hint = _(
                "«%(name)s» finnes ikke i kompetanseregisteret med akkurat dette navnet. "
                "Velg den ansatte fra registeret, så kan vilkåret sjekkes."
            ) % {"name": typed}

    def is_line(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return data.get("amount") is not None and bool(data.get("category"))


class BaseBudgetFormSet(forms.BaseFormSet):
    """Budget lines, checked against the call's rules (cost kinds, ceiling per student) line by line."""

    def __init__(self, *args: Any, call: Call | None = None, **kwargs: Any) -> None:
        self.call = call
        form_kwargs = kwargs.get("form_kwargs") or {}
        if form_kwargs.get("staff") is not None:
            # The staff picker's options, read once for every line (and the empty form).
            picker = BudgetLineForm.base_fields["employee"]
            # The labels need only the person, not the competence rows the staff list prefetches;
            # iterating (not `list(choices)`) spares the count that the iterator's length asks for.
            staff = form_kwargs["staff"].prefetch_related(None)
            options = StaffChoiceField(queryset=staff, required=False, label=picker.label)
            kwargs["form_kwargs"] = {**form_kwargs, "staff_choices": [*iter(options.iterator(options))]}
        super().__init__(*args, **kwargs)
        if call is not None:
            allowed = call.allowed_categories()
            for form in self.forms:
                # Offer only what the call covers; a stored line of another kind still shows (and is
                # refused with the call's rule, by name).
                current = form.initial.get("category")
                shown = [
                    ("", "–"),
                    *((c, label) for c, label in BudgetLine.Category.choices if c in allowed or c == current),
                ]
                form.fields["category"].widget.choices = shown

    def clean(self) -> None:
        super().clean()
        if self.call is None or any(form.errors for form in self.forms):
            return
        from fagloft.grants.services import budget_line_refusals

        lines = [form for form in self.forms if form.is_line()]
        rows = self.rows()
        for index, (field, message) in budget_line_refusals(self.call, rows).items():
            lines[index].add_error(field, message)

    def rows(self) -> list[tuple[str, str, Any, str, int | None]]:
        """(category, description, amount, student, employee id or None) for each complete line."""
        rows = []
        for form in self.forms:
            if form.is_line():
                data = form.cleaned_data
                employee = data.get("employee")
                rows.append(
                    (
                        data["category"],
                        data.get("description", ""),
                        data["amount"],
                        data.get("student", ""),
                        employee.pk if employee else None,
                    )
                )
        return rows


BudgetFormSet = cast(
    type[BaseBudgetFormSet],
    forms.formset_factory(BudgetLineForm, formset=BaseBudgetFormSet, extra=3, max_num=30, validate_max=True),
)


def budget_initial(application: Any) -> list[dict[str, Any]]:
    return [
        {
            "category": line.category,
            "description": line.description,
            "amount": line.amount,
            "student": line.student,
            "employee": line.employee_id,
        }
        for line in application.budget_lines.all()
    ]


class AssessmentForm(VersionedFormMixin, KitForm):
    comment = forms.CharField(
        label=_("Kommentar"), max_length=LONG_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (vekt %(weight)s)") % {"name": criterion.name, "weight": criterion.weight},
                coerce=int,
                choices=[(str(n), str(n)) for n in range(6)],
                help_text=criterion.description,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )

    def scores(self) -> dict[int, int]:
        return {int(name[6:]): value for name, value in self.cleaned_data.items() if name.startswith("score_")}


class DecisionForm(VersionedModelForm):
    amount = money_field(Decision, "amount", label=_("Innvilget beløp (kr)"), required=False)

    class Meta:
        model = Decision
        fields = ["case_number", "outcome", "amount", "conditions", "reasons", "decided_on"]
        widgets = {
            "decided_on": DATE,
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self, LONG_TEXT, "conditions", "reasons")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == Decision.Outcome.REFUSED and not (data.get("reasons") or "").strip():
            self.add_error("reasons", _("Et avslag må begrunnes."))
        if data.get("outcome") == Decision.Outcome.GRANTED and not data.get("amount"):
            self.add_error("amount", _("Oppgi innvilget beløp."))
        if data.get("amount") is None:
            data["amount"] = decimal.Decimal(0)
        return data

    def values(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data[k] for k in ("case_number", "outcome", "amount", "conditions", "reasons", "decided_on")
        }


class PaymentForm(KitForm):
    amount = money_field(Payment, "amount", label=_("Beløp (kr)"), minimum=1)
    paid_on = forms.DateField(label=_("Utbetalt"), widget=DATE)
    reference = forms.CharField(label=_("Referanse"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "payment")
        super().__init__(*args, **kwargs)


class ReportForm(KitModelForm):
    spent = money_field(GrantReport, "spent", label=_("Brukt (kr)"))

    class Meta:
        model = GrantReport
        fields = ["kind", "text", "spent", "outcome_comment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "outcome_comment": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"kind": _("En sluttrapport avslutter prosjektet: det får status «Rapportert».")}

    def __init__(self, *args: Any, with_outcomes: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self, LONG_TEXT, "text", "outcome_comment")
        if not with_outcomes:
            del self.fields["outcome_comment"]


class EmployerGrantLineForm(KitForm):
    """One admitted student's employer grant: substitutes, travel and stay, literature (whole kroner,
    bounded by the columns)."""

    enrolment: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Student"), queryset=None)
    substitutes = forms.DecimalField(
        label=_("Vikarutgifter (kr)"), min_value=0, max_value=999_999_999, max_digits=9, decimal_places=0, initial=0
    )
    travel = forms.DecimalField(
        label=_("Reise og opphold (kr)"), min_value=0, max_value=999_999_999, max_digits=9, decimal_places=0, initial=0
    )
    literature = forms.DecimalField(
        label=_("Litteratur (kr)"), min_value=0, max_value=999_999_999, max_digits=9, decimal_places=0, initial=0
    )

    def __init__(self, *args: Any, enrolments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments
        self.fields["enrolment"].label_from_instance = lambda e: (
            _("%(name)s – %(offer)s (%(year)s)")
            % {
                "name": e.employee,
                "offer": e.offer.title,
                "year": e.year,
            }
        )
