"""Forms for networks. They clean input; the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.accounts.models import Membership, User
from fagloft.accounts.roles import Role
from fagloft.lib.forms import DATE, KitForm, KitModelForm, VersionedFormMixin, VersionedModelForm
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
    OutcomeMeasure,
    OverallPlan,
    PlanAdoption,
    ProfessionalGroup,
    status_rank,
)
from fagloft.organizations.models import County, CountyMembershipPeriod, Municipality, Service
from fagloft.organizations.queries import municipalities_in_county

# The kit has no date-and-time picker; gatherings need one (dates use the kit's bounded DATE).
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local", "min": "1900-01-01T00:00", "max": "2100-12-31T23:59"}, format="%Y-%m-%dT%H:%M"
)
# The version column is a PositiveIntegerField; a larger number cannot be compared with it in
# every database (SQLite raises OverflowError), so it is a field error before it gets there.
VERSION_MAX = 2_147_483_647
# The units where one possible choice is the answer (a coordinator with one county, a network
# with one member municipality): preselected so nobody has to pick the only option.
_UNIT_MODELS = (County, Municipality, Service)


def person_label(user: User) -> str:
    """A user in a picker: the name, and the username (unique) so two people with the same name
    can be told apart; the e-mail as well when there is one."""
    name = user.get_full_name().strip()
    extra = ", ".join(part for part in (user.get_username(), user.email) if part)
    return f"{name} ({extra})" if name else extra


def _bound_datetime(field: forms.DateTimeField) -> None:
    # A year outside 1900–2100 is a typo; year 1 cannot even be stored in UTC (OverflowError).
    earliest = timezone.make_aware(datetime.datetime(1900, 1, 1))
    latest = timezone.make_aware(datetime.datetime(2100, 12, 31, 23, 59))
    field.validators.append(MinValueValidator(earliest, _("Tidspunktet kan ikke være før 1900.")))
    field.validators.append(MaxValueValidator(latest, _("Tidspunktet kan ikke være etter 2100.")))


def _model_of(field: forms.ModelChoiceField) -> Any:
    queryset: Any = field.queryset
    return queryset.model if queryset is not None else None


class NetworksFormMixin:
    """What every networks form does on top of the kit: person pickers name the person so two
    with the same name differ, a unit choice with one option is preselected, and inputs the kit
    leaves open (date and time, the hidden version) are bounded to their columns."""

    fields: dict[str, Any]
    # Optional unit fields that are still preselected when there is one option (a contact person
    # or steering-group member normally belongs to a member municipality).
    preselect_optional: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and _model_of(field) is User:
                # Django's documented way to label choices is overriding this method; per field
                # instance it needs no subclass for every picker.
                field.label_from_instance = person_label  # type: ignore[method-assign,assignment]
            if isinstance(field, forms.DateTimeField):
                _bound_datetime(field)
            if name == "version" and isinstance(field, forms.IntegerField):
                field.max_value = VERSION_MAX
                field.validators.append(MaxValueValidator(VERSION_MAX))
        self.preselect_single_choices()

    def preselect_single_choices(self) -> None:
        """Preselect a required unit choice that has exactly one option and no value yet. Run
        again by a form that sets a queryset after __init__."""
        instance = getattr(self, "instance", None)
        initial: dict[str, Any] = getattr(self, "initial", {})
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if not field.required and name not in self.preselect_optional:
                continue
            if _model_of(field) not in _UNIT_MODELS or initial.get(name) or field.initial:
                continue
            if instance is not None and getattr(instance, f"{name}_id", None):
                continue
            queryset: Any = field.queryset
            options = list(queryset[:2])
            if len(options) == 1:
                field.initial = [options[0].pk] if isinstance(field, forms.ModelMultipleChoiceField) else options[0].pk


class NetworkForm(NetworksFormMixin, VersionedModelForm):
    """A network. Creating one also chooses its county among those the user manages
    (`counties`); the member municipalities and the county advisor must be of that county."""

    county = forms.ModelChoiceField(label=_("Fylke"), queryset=County.objects.none())
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Medlemskommuner"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Network
        fields = ["name", "description", "strand", "county_advisor", "partners"]
        widgets = {"partners": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "partners": _("Personene som er knyttet til et kompetansemiljø, ser nettverkene det er partner i.")
        }

    field_order = ["county", "name", "description", "strand", "county_advisor", "municipalities", "partners"]

    def __init__(self, *args: Any, municipalities: Any, advisors: Any, counties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The county of an existing network does not change here.
            del self.fields["county"]
        else:
            self.fields["county"].queryset = counties
            several = counties.count() > 1
            if several:
                # Municipalities of several counties in one list: say which county each is in.
                self.fields["municipalities"].label_from_instance = lambda m: (
                    f"{m.name} ({m.county.name})" if getattr(m, "county", None) else m.name
                )
        self.fields["municipalities"].queryset = municipalities
        self.fields["county_advisor"].queryset = advisors
        self.fields["partners"].queryset = CompetenceEnvironment.objects.all()
        self.fields["partners"].required = False
        if self.instance.pk:
            self.fields["municipalities"].initial = list(
                self.instance.members.values_list("municipality_id", flat=True)
            )
        self.preselect_single_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        county = data.get("county") if "county" in self.fields else self.instance.county
        if county is None:
            return data
        in_county = set(municipalities_of(county).values_list("pk", flat=True))
        outside = [m for m in data.get("municipalities") or [] if m.pk not in in_county]
        if outside:
            self.add_error(
                "municipalities",
                _("%(names)s ligger ikke i %(county)s.")
                % {"names": ", ".join(m.name for m in outside), "county": county.name},
            )
        advisor = data.get("county_advisor")
        if advisor is not None and not county_advisors(county).filter(pk=advisor.pk).exists():
            self.add_error(
                "county_advisor", _("Velg en rådgiver hos Statsforvalteren i %(county)s.") % {"county": county.name}
            )
        return data


class NetworkRoleForm(NetworksFormMixin, KitModelForm):
    preselect_optional = ("municipality",)

    class Meta:
        model = NetworkRole
        fields = ["name", "user", "kind", "represents", "municipality", "environment"]

    def __init__(self, *args: Any, municipalities: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["user"].queryset = users
        self.fields["user"].required = False
        self.preselect_single_choices()


class ContactForm(NetworksFormMixin, KitModelForm):
    preselect_optional = ("municipality",)
    consent = forms.BooleanField(
        label=_("Personen har selv samtykket til at de avkryssede opplysningene deles med de andre medlemmene"),
        required=False,
    )

    class Meta:
        model = ContactPerson
        fields = ["municipality", "name", "role_title", "email", "phone", "share_email", "share_phone"]

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.preselect_single_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("share_email") or data.get("share_phone")) and not data.get("consent"):
            self.add_error("consent", _("Kryss av for samtykke før opplysninger kan deles."))
        return data


class ConsentForm(NetworksFormMixin, KitForm):
    share_email = forms.BooleanField(label=_("Del e-postadressen med de andre medlemmene"), required=False)
    share_phone = forms.BooleanField(label=_("Del telefonnummeret med de andre medlemmene"), required=False)


class PlanForm(NetworksFormMixin, VersionedModelForm):
    class Meta:
        model = OverallPlan
        fields = ["title", "period", "goals", "priorities", "measures"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in ("goals", "priorities", "measures")}


class AdoptionForm(NetworksFormMixin, KitModelForm):
    class Meta:
        model = PlanAdoption
        fields = ["municipality", "adopted_on", "body", "case_reference", "document"]
        widgets = {"adopted_on": DATE}
        help_texts = {"municipality": _("La stå tom for nettverkets eget vedtak (styringsgruppen).")}

    def __init__(self, *args: Any, municipalities: Any, network_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].required = not network_allowed
        self.preselect_single_choices()


class GatheringForm(NetworksFormMixin, VersionedModelForm):
    class Meta:
        model = Gathering
        fields = ["title", "starts_at", "ends_at", "place", "video_link", "description"]
        # Links without a scheme are taken to be https (and Django 6 will do the same).
        formfield_callback = staticmethod(
            lambda field, **kwargs: (
                field.formfield(assume_scheme="https", **kwargs)
                if isinstance(field, models.URLField)
                else field.formfield(**kwargs)
            )
        )
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Slutt må være etter start."))
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", _("Oppgi sted eller videolenke."))
        return data


class AgendaItemForm(NetworksFormMixin, KitModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "project"]

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class DocumentForm(NetworksFormMixin, KitModelForm):
    class Meta:
        model = GatheringDocument
        fields = ["title", "kind", "file"]


class MinutesForm(NetworksFormMixin, VersionedFormMixin, KitForm):
    minutes = forms.CharField(label=_("Referat"), widget=forms.Textarea(attrs={"rows": 8}), required=False)


class IdeaForm(NetworksFormMixin, KitModelForm):
    class Meta:
        model = Idea
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CommentForm(NetworksFormMixin, KitForm):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class PrioritiseForm(NetworksFormMixin, KitForm):
    status = forms.ChoiceField(label=_("Status"), choices=Idea.Status.choices[:3])
    priority = forms.IntegerField(label=_("Prioritet (1 er høyest)"), min_value=1, max_value=99, required=False)


class ProjectForm(NetworksFormMixin, KitModelForm):
    class Meta:
        model = DevelopmentProject
        fields = [
            "title",
            "description",
            "lead_municipality",
            "participants",
            "partner",
            "goals",
            "overall_plan",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "participants": forms.CheckboxSelectMultiple,
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, municipalities: Any, plans: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_municipality"].queryset = municipalities
        self.fields["participants"].queryset = municipalities
        self.fields["participants"].required = False
        plan_field: Any = self.fields["overall_plan"]
        plan_field.queryset = plans if plans is not None else OverallPlan.objects.none()
        self.preselect_single_choices()


class IdeaToProjectForm(NetworksFormMixin, KitForm):
    lead_municipality = forms.ModelChoiceField(label=_("Ansvarlig kommune"), queryset=Municipality.objects.none())
    participants = forms.ModelMultipleChoiceField(
        label=_("Deltakende kommuner"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner = forms.ModelChoiceField(
        label=_("Kompetansemiljø"), queryset=CompetenceEnvironment.objects.all(), required=False
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_municipality"].queryset = municipalities
        self.fields["participants"].queryset = municipalities
        self.preselect_single_choices()


class MilestoneForm(NetworksFormMixin, KitForm):
    title = forms.CharField(label=_("Milepæl"), max_length=200)
    due_on = forms.DateField(label=_("Frist"), widget=DATE)


class StatusReportForm(NetworksFormMixin, KitForm):
    text = forms.CharField(label=_("Status"), widget=forms.Textarea(attrs={"rows": 4}))
    gathering = forms.ModelChoiceField(
        label=_("Presentert på samling"), queryset=Gathering.objects.none(), required=False
    )

    def __init__(self, *args: Any, gatherings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gathering"].queryset = gatherings


class FinalReportForm(NetworksFormMixin, VersionedModelForm):
    class Meta:
        model = DevelopmentProject
        fields = ["status", "final_report", "evaluation"]
        widgets = {"final_report": forms.Textarea(attrs={"rows": 5}), "evaluation": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"status": _("Status følger søknad, vedtak, utbetaling og rapport, og går bare fremover.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the current status and those after it: a project never moves back.
        current = status_rank(self.instance.status) if self.instance and self.instance.pk else 0
        field: Any = self.fields["status"]
        field.choices = [(v, label) for v, label in DevelopmentProject.Status.choices if status_rank(v) >= current]


def need_label(need: Any) -> str:
    """A need in a picker: whose it is, from which year, its kind and theme, and the text."""
    theme = f", {need.theme.name}" if need.theme_id and need.theme else ""
    text = need.description if len(need.description) <= 160 else need.description[:157] + "…"
    return f"{need.assessment.service.name} {need.assessment.year} ({need.get_kind_display()}{theme}): {text}"


def _need_field(label: Any) -> forms.ModelMultipleChoiceField:
    from fagloft.assessments.models import Need

    field = forms.ModelMultipleChoiceField(
        label=label, queryset=Need.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    field.label_from_instance = need_label  # type: ignore[method-assign,assignment]
    return field


def _needs_queryset(needs: Any) -> Any:
    from fagloft.assessments.models import Need

    return Need.objects.filter(pk__in=[n.pk for n in needs]).select_related("theme", "assessment__service")


class PriorityForm(NetworksFormMixin, KitForm):
    title = forms.CharField(label=_("Prioritering"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, needs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"] = _need_field(_("Behov prioriteringen svarer på"))
        self.fields["needs"].queryset = _needs_queryset(needs)


class ProjectNeedsForm(NetworksFormMixin, KitForm):
    def __init__(self, *args: Any, needs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"] = _need_field(_("Behov prosjektet svarer på"))
        self.fields["needs"].queryset = _needs_queryset(needs)
        self.fields["needs"].help_text = _(
            "Behovene fra de deltakende kommunenes siste risiko- og tilstandsvurderinger."
        )


class OutcomeForm(NetworksFormMixin, KitModelForm):
    BOUND = 999_999_999

    class Meta:
        model = OutcomeMeasure
        fields = ["indicator", "own_measure", "area", "unit", "baseline", "baseline_year", "target", "target_year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator: Any = self.fields["indicator"]
        # The active catalogue (`statistics.queries.active_indicators()` without a level) as a
        # condition of the choices' own query: reading the list first cost a query on every page.
        indicator.queryset = indicator.queryset.filter(is_active=True)
        for name in ("baseline", "target"):
            field: Any = self.fields[name]
            field.min_value, field.max_value = -self.BOUND, self.BOUND
            field.validators += [MinValueValidator(-self.BOUND), MaxValueValidator(self.BOUND)]
        for name in ("baseline_year", "target_year"):
            field = self.fields[name]
            field.min_value, field.max_value = 2000, 2100
            field.widget.attrs.update({"min": 2000, "max": 2100})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("indicator") and not data.get("own_measure"):
            self.add_error("indicator", _("Velg en indikator eller skriv et eget mål."))
        if data.get("baseline_year") and data.get("target_year") and data["target_year"] < data["baseline_year"]:
            self.add_error("target_year", _("Målåret kan ikke være før året for utgangspunktet."))
        return data


class ProfessionalGroupForm(NetworksFormMixin, KitModelForm):
    class Meta:
        model = ProfessionalGroup
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupMemberForm(NetworksFormMixin, KitForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.preselect_single_choices()


class GroupMeetingForm(NetworksFormMixin, KitModelForm):
    class Meta:
        model = GroupMeeting
        fields = ["held_on", "place", "notes"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


def county_advisors(county: Any) -> Any:
    """The county advisors of `county` (or of any of several counties): users holding the role at the county (the county
    governor's staff), with a membership valid today. Municipal staff are not candidates."""
    counties = [county] if isinstance(county, County) else list(county)
    memberships = Membership.objects.valid_on(timezone.localdate()).filter(
        role=Role.COUNTY_ADVISOR, county__in=counties
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user")).order_by(
        "last_name", "first_name", "username"
    )


def municipalities_of(counties: Any) -> Any:
    """Municipalities in one county, or in any of several (a create form offering a county choice),
    as the structure is today."""
    if isinstance(counties, County):
        return municipalities_in_county(counties)
    periods = CountyMembershipPeriod.objects.valid_on(timezone.localdate()).filter(county__in=counties)
    return (
        Municipality.objects.filter(pk__in=periods.values("municipality")).select_related("county").order_by("number")
    )


def users_in_county(county: Any) -> Any:
    """Users with a membership in the county or any unit inside it (candidates for network roles)."""
    return (
        User.objects.filter(
            Q(memberships__county=county)
            | Q(memberships__municipality__county=county)
            | Q(memberships__service__host_municipality__county=county)
        )
        .distinct()
        .order_by("last_name", "username")
    )
