"""Forms: they clean input and name the field in Norwegian; the services decide the rules."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagloft.assessments.models import (
    AgreedAction,
    Assessment,
    DialogueMeeting,
    FollowUpMeasure,
    GuidanceEngagement,
    GuidanceSession,
    Need,
    RiskSuggestionRule,
    SignalRule,
    Theme,
    ThemeEntry,
)
from fagloft.assessments.services import parameter_errors
from fagloft.lib.forms import DATE, KitForm, KitModelForm, VersionedFormMixin, VersionedModelForm
from fagloft.organizations.models import Service

SCORE_CHOICES = [("", _("Ikke vurdert"))] + [(str(n), str(n)) for n in range(1, 6)]


class NewAssessmentForm(KitForm):
    service: forms.ModelChoiceField[Service] = forms.ModelChoiceField(label=_("Tjeneste"), queryset=None)
    year = forms.IntegerField(label=_("År"), min_value=2015, max_value=2100)
    due_date = forms.DateField(label=_("Frist for innsending"), required=False, widget=DATE)

    def __init__(self, *args: Any, services: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class AssessmentForm(VersionedModelForm):
    class Meta:
        model = Assessment
        fields = ["conclusion", "risk_level", "risk_level_reason", "leadership_commitment", "due_date"]
        widgets = {"due_date": DATE, "risk_level_reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "risk_level_reason": _("Påkrevd når du velger et annet risikonivå enn det temaene gir som forslag."),
        }

    def __init__(self, *args: Any, suggestion: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if suggestion is not None and suggestion.level:
            self.fields["risk_level"].help_text = _("Forslag fra temaene: {level}. {reason}").format(
                level=suggestion.label, reason=suggestion.reason
            )
            if not self.is_bound and not self.instance.risk_level:
                self.initial["risk_level"] = suggestion.level


class NeedForm(KitForm):
    """One row of the needs list. The row's own fields carry its errors."""

    need_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    theme: forms.ModelChoiceField[Theme] = forms.ModelChoiceField(
        label=_("Tema"), queryset=Theme.objects.none(), required=False, empty_label=_("Uten tema")
    )
    kind = forms.ChoiceField(label=_("Type behov"), choices=[("", "–"), *Need.Kind.choices], required=False)
    description = forms.CharField(
        label=_("Behov"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        described = bool((data.get("description") or "").strip())
        if data.get("DELETE"):
            return data
        if described and not data.get("kind"):
            self.add_error("kind", _("Velg hva slags behov det er."))
        if not described and (data.get("kind") or data.get("theme")) and not data.get("need_id"):
            self.add_error("description", _("Skriv hva tjenesten trenger, eller la hele raden stå tom."))
        if not described and data.get("need_id"):
            self.add_error("description", _("Skriv hva tjenesten trenger, eller kryss av for å fjerne behovet."))
        return data


class BaseNeedFormSet(forms.BaseFormSet):
    """The needs plus one empty row; «Legg til behov» saves and gives another empty row."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form in self.forms:
            if "DELETE" in form.fields:
                form.fields["DELETE"].label = _("Fjern")


NeedFormSet = forms.formset_factory(
    NeedForm, formset=BaseNeedFormSet, extra=1, can_delete=True, max_num=20, validate_max=True, absolute_max=40
)


class ListVersionForm(VersionedFormMixin, KitForm):
    """The assessment's version, which guards the whole list of needs."""


class RiskRuleForm(VersionedModelForm):
    class Meta:
        model = RiskSuggestionRule
        fields = ["method", "min_high_themes", "min_moderate_themes"]


class ThemeEntryForm(VersionedModelForm):
    likelihood = forms.TypedChoiceField(
        label=_("Sannsynlighet (1–5)"), choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False
    )
    consequence = forms.TypedChoiceField(
        label=_("Konsekvens (1–5)"), choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False
    )

    class Meta:
        model = ThemeEntry
        fields = ["status_today", "own_judgement", "likelihood", "consequence"]

    def __init__(self, *args: Any, prefill: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An empty «status i dag» starts from the service's own figures (with source and date).
        if prefill and not self.is_bound and not self.instance.status_today:
            self.initial["status_today"] = prefill
        answers = list(self.instance.answers or [])
        for number, question in enumerate(self.instance.theme.question_texts):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
                initial=answers[number] if number < len(answers) else "",
            )

    def changed_values(self) -> dict[str, Any]:
        values = super().changed_values()
        values["answers"] = [self.cleaned_data[f"answer_{n}"] for n in range(len(self.instance.theme.questions))]
        return values


class MeasureForm(KitModelForm):
    class Meta:
        model = FollowUpMeasure
        fields = ["theme", "description", "owner", "deadline", "status"]
        widgets = {"deadline": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True)


class EditMeasureForm(VersionedModelForm):
    class Meta(MeasureForm.Meta):
        pass


class CommentForm(KitForm):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class TransitionForm(VersionedFormMixin, KitForm):
    """One workflow step: the version the user saw (so a step on a changed assessment is refused)."""


class ReviewForm(TransitionForm):
    """The municipal leadership's step: forward to the county governor or send back, with a comment."""

    comment = forms.CharField(
        label=_("Kommentar fra kommuneledelsen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Valgfri når du sender til Statsforvalteren. Påkrevd når du sender "
            "vurderingen tilbake: skriv hva tjenesten må endre."
        ),
    )


class MeetingForm(KitModelForm):
    class Meta:
        model = DialogueMeeting
        fields = ["service", "municipality", "assessment", "starts_at", "place", "participants", "agenda"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(
        self, *args: Any, services: Any = None, municipalities: Any = None, assessments: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["municipality"].queryset = municipalities
        self.fields["assessment"].queryset = assessments
        self.fields["assessment"].required = False


class MinutesForm(VersionedModelForm):
    class Meta:
        model = DialogueMeeting
        fields = ["starts_at", "place", "participants", "agenda", "minutes"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }


class ActionForm(KitModelForm):
    class Meta:
        model = AgreedAction
        fields = ["description", "owner", "owner_email", "deadline"]
        widgets = {"deadline": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class GuidanceProposalForm(KitForm):
    service: forms.ModelChoiceField[Service] = forms.ModelChoiceField(label=_("Tjeneste"), queryset=None)
    reason = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args: Any, services: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class EngagementForm(VersionedModelForm):
    class Meta:
        model = GuidanceEngagement
        fields = ["period_start", "period_end", "committed_time", "committed_people", "outcome"]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "committed_people": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
        }


class GuidanceStepForm(VersionedFormMixin, KitForm):
    """One step of a guidance engagement, with the reason a decline or a refusal needs."""

    note = forms.CharField(
        label=_("Begrunnelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Påkrevd når dere takker nei eller avslår."),
    )


class GuidanceRequestForm(VersionedFormMixin, KitForm):
    """The municipality asks for a guidance team from a need in its assessment."""

    reason = forms.CharField(
        label=_("Hva ønsker dere hjelp til?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tomt betyr at behovet fra vurderingen brukes som begrunnelse."),
    )


class SessionForm(KitModelForm):
    class Meta:
        model = GuidanceSession
        fields = ["date", "topic", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class RuleForm(VersionedModelForm):
    parameters = forms.CharField(
        label=_("Parametere (JSON)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            'Terskel: {"op": ">", "value": 10}. Trend: {"years": 3, "direction": "up", "min_slope": 1}. '
            'Avvik: {"peer": "county", "direction": "above", "pct": 20}. Sårbarhet: {"min_factors": 2, '
            '"factors": [{"indicator": "KODE", "op": "<", "value": 5, "label": "Få årsverk"}]}.'
        ),
    )

    class Meta:
        model = SignalRule
        fields = ["name", "kind", "indicator_code", "parameters", "severity", "theme", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = bool(self.instance.pk)
        if not self.is_bound:
            self.initial["parameters"] = json.dumps(self.instance.parameters or {}, ensure_ascii=False)

    def clean_parameters(self) -> Any:
        try:
            return json.loads(self.cleaned_data["parameters"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("Parameterne er ikke gyldig JSON: {error}").format(error=error.msg)
            ) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "parameters" in data and data.get("kind"):
            for message in parameter_errors(data["kind"], data.get("indicator_code", ""), data["parameters"]):
                self.add_error("parameters", message)
        return data
