"""Forms for networks. They clean input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fagloft.accounts.models import User
from fagloft.networks.models import (
    AgendaItem,
    CompetenceEnvironment,
    ContactPerson,
    DevelopmentProject,
    Gathering,
    GatheringDocument,
    GroupMeeting,
    Idea,
    Network,
    NetworkRole,
    OverallPlan,
    PlanAdoption,
    ProfessionalGroup,
)
from fagloft.organizations.models import Municipality

DATE = forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "ds-input"}, format="%Y-%m-%dT%H:%M")


class DesignsystemetMixin:
    """Adds Designsystemet classes to every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            field.widget.attrs.setdefault("class", "ds-input")


class VersionField(forms.IntegerField):
    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, required=False)


class NetworkForm(DesignsystemetMixin, forms.ModelForm):
    version = VersionField()
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Medlemskommuner"), queryset=Municipality.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Network
        fields = ["name", "description", "strand", "county_advisor", "partners"]
        widgets = {"partners": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipalities: Any, advisors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities
        self.fields["county_advisor"].queryset = advisors
        self.fields["partners"].queryset = CompetenceEnvironment.objects.all()
        self.fields["partners"].required = False
        if self.instance.pk:
            self.fields["municipalities"].initial = list(
                self.instance.members.values_list("municipality_id", flat=True))
            self.fields["version"].initial = self.instance.version


class NetworkRoleForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = NetworkRole
        fields = ["name", "user", "kind", "represents", "municipality", "environment"]

    def __init__(self, *args: Any, municipalities: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["user"].queryset = users
        self.fields["user"].required = False


class ContactForm(DesignsystemetMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("Personen har selv samtykket til at de avkryssede opplysningene deles med de andre medlemmene"),
        required=False)

    class Meta:
        model = ContactPerson
        fields = ["municipality", "name", "role_title", "email", "phone", "share_email", "share_phone"]

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("share_email") or data.get("share_phone")) and not data.get("consent"):
            self.add_error("consent", _("Kryss av for samtykke før opplysninger kan deles."))
        return data


class ConsentForm(forms.Form):
    share_email = forms.BooleanField(label=_("Del e-postadressen med de andre medlemmene"), required=False)
    share_phone = forms.BooleanField(label=_("Del telefonnummeret med de andre medlemmene"), required=False)


class PlanForm(DesignsystemetMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = OverallPlan
        fields = ["title", "period", "goals", "priorities", "measures"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in ("goals", "priorities", "measures")}


class AdoptionForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = PlanAdoption
        fields = ["municipality", "adopted_on", "body", "case_reference", "document"]
        widgets = {"adopted_on": DATE}
        help_texts = {"municipality": _("La stå tom for nettverkets eget vedtak (styringsgruppen).")}

    def __init__(self, *args: Any, municipalities: Any, network_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].required = not network_allowed


class GatheringForm(DesignsystemetMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Gathering
        fields = ["title", "starts_at", "ends_at", "place", "video_link", "description"]
        # Links without a scheme are taken to be https (and Django 6 will do the same).
        formfield_callback = staticmethod(
            lambda field, **kwargs: field.formfield(assume_scheme="https", **kwargs)
            if isinstance(field, models.URLField) else field.formfield(**kwargs))
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Slutt må være etter start."))
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", _("Oppgi sted eller videolenke."))
        return data


class AgendaItemForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "project"]

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class DocumentForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = GatheringDocument
        fields = ["title", "kind", "file"]


class MinutesForm(DesignsystemetMixin, forms.Form):
    version = VersionField()
    minutes = forms.CharField(label=_("Referat"), widget=forms.Textarea(attrs={"rows": 8}), required=False)


class IdeaForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = Idea
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CommentForm(DesignsystemetMixin, forms.Form):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class PrioritiseForm(DesignsystemetMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Idea.Status.choices[:3])
    priority = forms.IntegerField(label=_("Prioritet (1 er høyest)"), min_value=1, max_value=99, required=False)


class ProjectForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = DevelopmentProject
        fields = ["title", "description", "lead_municipality", "participants", "partner", "goals", "status",
                  "starts_on", "ends_on"]
        widgets = {"participants": forms.CheckboxSelectMultiple, "starts_on": DATE, "ends_on": DATE,
                   "description": forms.Textarea(attrs={"rows": 3}), "goals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_municipality"].queryset = municipalities
        self.fields["participants"].queryset = municipalities
        self.fields["participants"].required = False


class IdeaToProjectForm(DesignsystemetMixin, forms.Form):
    lead_municipality = forms.ModelChoiceField(label=_("Ansvarlig kommune"), queryset=Municipality.objects.none())
    participants = forms.ModelMultipleChoiceField(label=_("Deltakende kommuner"), queryset=Municipality.objects.none(),
                                                  required=False, widget=forms.CheckboxSelectMultiple)
    partner = forms.ModelChoiceField(label=_("Kompetansemiljø"), queryset=CompetenceEnvironment.objects.all(),
                                     required=False)

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_municipality"].queryset = municipalities
        self.fields["participants"].queryset = municipalities


class MilestoneForm(DesignsystemetMixin, forms.Form):
    title = forms.CharField(label=_("Milepæl"), max_length=200)
    due_on = forms.DateField(label=_("Frist"), widget=DATE)


class StatusReportForm(DesignsystemetMixin, forms.Form):
    text = forms.CharField(label=_("Status"), widget=forms.Textarea(attrs={"rows": 4}))
    gathering = forms.ModelChoiceField(label=_("Presentert på samling"), queryset=Gathering.objects.none(),
                                       required=False)

    def __init__(self, *args: Any, gatherings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gathering"].queryset = gatherings


class FinalReportForm(DesignsystemetMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = DevelopmentProject
        fields = ["status", "final_report", "evaluation"]
        widgets = {"final_report": forms.Textarea(attrs={"rows": 5}), "evaluation": forms.Textarea(attrs={"rows": 5})}


class ProfessionalGroupForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = ProfessionalGroup
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupMemberForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class GroupMeetingForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = GroupMeeting
        fields = ["held_on", "place", "notes"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


def users_in_county(county: Any) -> Any:
    """Users with a membership in the county or any unit inside it (candidates for network roles)."""
    return User.objects.filter(
        Q(memberships__county=county) | Q(memberships__municipality__county=county)
        | Q(memberships__service__host_municipality__county=county)
    ).distinct().order_by("last_name", "username")
