"""Forms: they clean input and name the field in Norwegian; services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.competence.models import (
    Certification,
    CompetencePlan,
    CompetenceSettings,
    Education,
    Employee,
    FrameworkArea,
    FurtherEducation,
    PlanMeasure,
    ScaleLevel,
    Status,
    Vacancy,
)
from fagloft.lib.forms import DATE, KitForm, KitModelForm, VersionedModelForm

# Years a course, certification or plan can sensibly have; the columns take up to 32767.
EARLIEST_YEAR, LATEST_YEAR = 1950, 2100


def _bound_year(form: forms.BaseForm, *names: str, low: int = EARLIEST_YEAR, high: int = LATEST_YEAR) -> None:
    for name in names:
        field: Any = form.fields[name]
        field.min_value, field.max_value = low, high
        field.validators += [MinValueValidator(low), MaxValueValidator(high)]
        field.widget.attrs.update({"min": low, "max": high})


class EmployeeForm(VersionedModelForm):
    class Meta:
        model = Employee
        fields = [
            "first_name",
            "last_name",
            "email",
            "position",
            "fte_percent",
            "started_on",
            "ended_on",
            "does_core_tasks",
            "prior_experience_years",
            "leadership_training",
            "languages",
            "sami_competence",
            "culture_competence",
            "exemption_until",
        ]
        widgets = {"started_on": DATE, "ended_on": DATE, "exemption_until": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("ended_on") and data.get("started_on") and data["ended_on"] < data["started_on"]:
            self.add_error("ended_on", _("Sluttdatoen kan ikke være før ansettelsesdatoen."))
        return data


class OwnProfileForm(EmployeeForm):
    """What an employee may change about themselves (not position, FTE or dates: that is HR's)."""

    class Meta(EmployeeForm.Meta):
        fields = ["email", "leadership_training", "languages", "sami_competence", "culture_competence"]


def _year_not_in_future(form: forms.ModelForm) -> None:
    data = form.cleaned_data
    if data.get("status") == Status.COMPLETED and data.get("year") and data["year"] > timezone.localdate().year:
        form.add_error("year", _("Et fullført studium kan ikke ha et år fram i tid. Velg «Pågår»."))


class EducationForm(KitModelForm):
    class Meta:
        model = Education
        fields = ["level", "field", "status", "year", "institution"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_year(self, "year")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _year_not_in_future(self)
        return data


class FurtherEducationForm(KitModelForm):
    class Meta:
        model = FurtherEducation
        fields = ["programme", "title", "ects", "status", "year", "institution"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_year(self, "year")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _year_not_in_future(self)
        return data


class CertificationForm(KitModelForm):
    class Meta:
        model = Certification
        fields = ["method", "year", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_year(self, "year")


ITEM_FORMS = {"utdanning": EducationForm, "videreutdanning": FurtherEducationForm, "sertifisering": CertificationForm}


class VacancyForm(KitModelForm):
    class Meta:
        model = Vacancy
        fields = ["position", "fte_percent", "vacant_from"]
        widgets = {"vacant_from": DATE}


class FillVacancyForm(KitForm):
    filled_on = forms.DateField(label=_("Besatt dato"), widget=DATE)


class UploadForm(KitForm):
    file = forms.FileField(label=_("Fil (Excel .xlsx eller CSV)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Fila må være et Excel-ark (.xlsx) eller en CSV-fil."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Fila er større enn 10 MB."))
        return upload


class OpenRoundForm(KitForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    closes_on = forms.DateField(label=_("Svarfrist"), required=False, widget=DATE)
    areas = forms.ModelMultipleChoiceField(
        label=_("Kompetanseområder"),
        queryset=FrameworkArea.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_closes_on(self) -> datetime.date | None:
        day = self.cleaned_data.get("closes_on")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Svarfristen kan ikke være passert."))
        return day


class RatingForm(KitForm):
    """One rating (1–4) per area, with a comment for the employee's own rating."""

    def __init__(
        self, *args: Any, areas: list[FrameworkArea], initial_ratings: dict[int, Any], with_comment: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(level.value), f"{level.value} – {level.name}") for level in ScaleLevel.objects.all()]
        self.areas = areas
        for area in areas:
            rating, comment = initial_ratings.get(area.pk, (None, ""))
            self.fields[f"area_{area.pk}"] = forms.TypedChoiceField(
                label=area.name,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                initial=str(rating) if rating else None,
            )
            if with_comment:
                self.fields[f"comment_{area.pk}"] = forms.CharField(
                    label=_("Kommentar til «%(area)s»") % {"area": area.name},
                    required=False,
                    max_length=500,
                    initial=comment,
                    widget=forms.TextInput(attrs={"class": "ds-input"}),
                )

    def unanswered(self) -> list[FrameworkArea]:
        """The areas left without a rating, in the order they were asked."""
        return [area for area in self.areas if not self.cleaned_data.get(f"area_{area.pk}")]

    def ratings(self) -> dict[int, tuple[int | None, str]]:
        return {
            area.pk: (self.cleaned_data.get(f"area_{area.pk}") or None, self.cleaned_data.get(f"comment_{area.pk}", ""))
            for area in self.areas
        }

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "area": a,
                "field": self[f"area_{a.pk}"],
                "comment": self[f"comment_{a.pk}"] if f"comment_{a.pk}" in self.fields else None,
            }
            for a in self.areas
        ]


class PlanForm(VersionedModelForm):
    class Meta:
        model = CompetencePlan
        fields = ["title", "start_year", "end_year", "summary", "network_plan"]
        # The field is as wide as its column anyway; Django's 40 columns would be its smallest width
        # and make the plan page scroll sideways on a phone (390 px).
        widgets = {"summary": forms.Textarea(attrs={"rows": 6, "cols": 20})}

    def __init__(self, *args: Any, network_plans: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_year(self, "start_year", "end_year", low=2000)
        # Only revisions of the plans of networks the service's municipalities are members of.
        field: Any = self.fields["network_plan"]
        field.queryset = network_plans if network_plans is not None else field.queryset.none()
        field.label_from_instance = lambda plan: f"{plan.network}: {plan}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start_year") and data.get("end_year") and data["end_year"] < data["start_year"]:
            self.add_error("end_year", _("Sluttåret kan ikke være før startåret."))
        return data


class MeasureForm(VersionedModelForm):
    # The column holds 12 digits; a cost of a billion kroner for one measure is a typo.
    MAX_COST = 999_999_999

    class Meta:
        model = PlanMeasure
        fields = ["kind", "description", "area", "owner", "cost", "due_on", "state"]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cost = self.fields["cost"]
        cost.max_value = self.MAX_COST
        cost.validators.append(MaxValueValidator(self.MAX_COST))


class GapsForm(KitForm):
    gaps = forms.MultipleChoiceField(label=_("Behov"), widget=forms.CheckboxSelectMultiple)
    owner = forms.CharField(label=_("Ansvarlig"), max_length=200)
    due_on = forms.DateField(label=_("Gjennomføres innen"), required=False, widget=DATE)

    def __init__(self, *args: Any, gaps: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gap_objects = {g.key: g for g in gaps}
        self.fields["gaps"].choices = [(g.key, g.text) for g in gaps]

    def chosen(self) -> list[Any]:
        return [self.gap_objects[key] for key in self.cleaned_data["gaps"]]


class SettingsForm(KitModelForm):
    # Bounds that fit the columns and make sense: at least 30 days' and at most ten years' retention,
    # groups of 2–100, a small service of up to 100 FTE, strategy years 2000–2100, a target share 0–1.
    BOUNDS = {
        "retention_days": (30, 3650),
        "min_group_size": (2, 100),
        "small_service_fte": (0, 100),
        "strategy_start_year": (2000, 2100),
        "strategy_end_year": (2000, 2100),
        "further_education_target": (0, 1),
    }

    class Meta:
        model = CompetenceSettings
        fields = [
            "retention_days",
            "min_group_size",
            "small_service_fte",
            "strategy_start_year",
            "strategy_end_year",
            "further_education_target",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (low, high) in self.BOUNDS.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update({"min": low, "max": high})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("strategy_start_year"), data.get("strategy_end_year")
        if start and end and end < start:
            self.add_error("strategy_end_year", _("Sluttåret kan ikke være før startåret."))
        return data
