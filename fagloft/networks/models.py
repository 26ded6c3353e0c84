"""Learning networks (læringsnettverk) and what happens in them (`docs/domain.md`, "Learning networks").

A network belongs to a county and has member municipalities, a county advisor who runs it, a
steering group (styringsgruppe), partner competence environments (kompetansemiljøer), contact
persons who consent to share their details, an overall plan for competence and quality
(overordnet plan) with its adoptions, gatherings (fellessamlinger), an idea bank, development
projects (utviklingsprosjekter) and professional groups across municipal borders.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib.models import Scoped
from fagloft.organizations.models import County, Municipality, TimeStamped


def network_scope(prefix: str = "") -> dict[str, str]:
    """SCOPE_PATHS for a model reached through `prefix` (e.g. "network__") from a network."""
    return {
        "county": f"{prefix}county",
        "municipality": f"{prefix}members__municipality",
        "service": f"{prefix}members__municipality__service_coverages__service",
    }


class CompetenceEnvironment(TimeStamped):
    """A competence environment (RKBU, RBUP, NUBU, RVTS, a university) that partners with networks.

    Users with the role competence environment act for it when they are linked to it (`people`);
    what they may see follows that link, never a matching organisation name.
    """

    class Kind(models.TextChoices):
        RKBU = "rkbu", _("RKBU")
        RBUP = "rbup", _("RBUP")
        NUBU = "nubu", _("NUBU")
        RVTS = "rvts", _("RVTS")
        UNIVERSITY = "university", _("Universitet eller høgskole")
        BUFETAT = "bufetat", _("Bufetat")
        OTHER = "other", _("Annet")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("personer"), blank=True, related_name="competence_environments"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        verbose_name = _("kompetansemiljø")
        verbose_name_plural = _("kompetansemiljøer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_education_or_research(self) -> bool:
        return self.kind != self.Kind.BUFETAT


class Network(Scoped, TimeStamped, Versioned):
    class Strand(models.TextChoices):
        DEVELOPMENT = "development", _("Selvinitierte utviklingsprosjekter")
        FOSTER_CARE = "foster_care", _("Fosterhjem")

    county = models.ForeignKey(County, verbose_name=_("fylke"), on_delete=models.PROTECT, related_name="networks")
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    strand = models.CharField(_("spor"), max_length=20, choices=Strand.choices, default=Strand.DEVELOPMENT)
    county_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rådgiver hos Statsforvalteren"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advised_networks",
    )
    partners = models.ManyToManyField(
        CompetenceEnvironment, verbose_name=_("kompetansemiljøer"), blank=True, related_name="networks"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = network_scope()

    class Meta:
        verbose_name = _("læringsnettverk")
        verbose_name_plural = _("læringsnettverk")
        ordering = ["county__number", "name"]

    def __str__(self) -> str:
        return self.name


class NetworkMember(Scoped, TimeStamped):
    """A member municipality of a network (the service that serves it takes part on its behalf)."""

    network = models.ForeignKey(Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="network_memberships"
    )
    joined_on = models.DateField(_("med fra"), null=True, blank=True)

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("medlemskommune")
        verbose_name_plural = _("medlemskommuner")
        ordering = ["municipality__number"]
        constraints = [models.UniqueConstraint(fields=["network", "municipality"], name="unique_network_member")]

    def __str__(self) -> str:
        return f"{self.municipality.name} i {self.network}"

    def audit_scope(self) -> dict[str, int | None]:
        # Derived, the municipality would be empty (a network spans several); this row concerns
        # one municipality, so the trail files it there too.
        return {**super().audit_scope(), "municipality_id": self.municipality_id}


class NetworkRole(Scoped, TimeStamped):
    """A person's role in one network: coordinator, or steering group member and whom they represent."""

    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordinator")
        STEERING = "steering", _("Medlem av styringsgruppen")

    class Represents(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommune")
        COUNTY = "county", _("Statsforvalteren")
        ENVIRONMENT = "environment", _("Kompetansemiljø")
        OTHER = "other", _("Annet (for eksempel KS)")

    network = models.ForeignKey(Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_roles",
    )
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("rolle"), max_length=20, choices=Kind.choices, default=Kind.STEERING)
    represents = models.CharField(
        _("representerer"), max_length=20, choices=Represents.choices, default=Represents.MUNICIPALITY
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    environment = models.ForeignKey(
        CompetenceEnvironment,
        verbose_name=_("kompetansemiljø"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("rolle i nettverket")
        verbose_name_plural = _("roller i nettverket")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def represents_label(self) -> str:
        detail = self.municipality or self.environment
        return f"{self.get_represents_display()}: {detail}" if detail else str(self.get_represents_display())


class ContactPerson(Scoped, TimeStamped):
    """A member's contact person. Details are shared with other members only with explicit consent."""

    network = models.ForeignKey(Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="contacts")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_contacts",
    )
    name = models.CharField(_("navn"), max_length=200)
    role_title = models.CharField(_("rolle"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    share_email = models.BooleanField(_("samtykker til deling av e-post"), default=False)
    share_phone = models.BooleanField(_("samtykker til deling av telefon"), default=False)
    consent_given_at = models.DateTimeField(_("samtykke gitt"), null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("samtykke trukket"), null=True, blank=True)
    consent_recorded_by = models.CharField(_("samtykke registrert av"), max_length=200, blank=True)

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> dict[str, int | None]:
        # Derived, the municipality would be empty (a network spans several); this row concerns
        # one municipality, so the trail files it there too.
        return {**super().audit_scope(), "municipality_id": self.municipality_id}


class OverallPlan(Scoped, TimeStamped, Versioned):
    """One revision of the network's overall plan for competence and quality development.

    Every revision is its own row, so adoptions stay tied to the exact text that was adopted.
    """

    network = models.ForeignKey(Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="plans")
    revision = models.PositiveIntegerField(_("revisjon"), default=1)
    title = models.CharField(_("tittel"), max_length=200)
    period = models.CharField(_("planperiode"), max_length=40, blank=True)
    goals = models.TextField(_("mål"), blank=True)
    priorities = models.TextField(_("prioriteringer"), blank=True)
    measures = models.TextField(_("tiltak"), blank=True)

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("overordnet plan")
        verbose_name_plural = _("overordnede planer")
        ordering = ["network", "-revision"]
        constraints = [models.UniqueConstraint(fields=["network", "revision"], name="unique_plan_revision")]

    def __str__(self) -> str:
        return f"{self.title} (revisjon {self.revision})"


class PlanAdoption(Scoped, TimeStamped):
    """That a plan revision was adopted: by the network (municipality empty) or by one municipality."""

    plan = models.ForeignKey(OverallPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="adoptions")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_adoptions",
    )
    adopted_on = models.DateField(_("vedtaksdato"))
    body = models.CharField(_("vedtaksorgan"), max_length=200)
    case_reference = models.CharField(_("saksnummer"), max_length=100, blank=True)
    document = models.FileField(_("dokument"), upload_to="networks/adoptions/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    SCOPE_PATHS = network_scope("plan__network__")

    class Meta:
        verbose_name = _("vedtak av plan")
        verbose_name_plural = _("vedtak av plan")
        ordering = ["adopted_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "municipality"], name="unique_plan_adoption"),
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(municipality__isnull=True), name="unique_network_plan_adoption"
            ),
        ]

    def __str__(self) -> str:
        who = self.municipality.name if self.municipality else _("nettverket")
        return f"{self.plan}: {who} {self.adopted_on}"

    def audit_scope(self) -> dict[str, int | None]:
        # Derived, the municipality would be empty (a network spans several); this row concerns
        # one municipality, so the trail files it there too.
        return {**super().audit_scope(), "municipality_id": self.municipality_id}


class Gathering(Scoped, TimeStamped, Versioned):
    """A gathering (fellessamling) of the network."""

    network = models.ForeignKey(
        Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="gatherings"
    )
    title = models.CharField(_("tittel"), max_length=200)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=300, blank=True)
    video_link = models.URLField(_("videolenke"), blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    minutes = models.TextField(_("referat"), blank=True)
    reminder_sent_at = models.DateTimeField(_("påminnelse sendt"), null=True, blank=True)

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("samling")
        verbose_name_plural = _("samlinger")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(Scoped, TimeStamped):
    gathering = models.ForeignKey(
        Gathering, verbose_name=_("samling"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)
    title = models.CharField(_("tema"), max_length=300)
    presenter = models.CharField(_("innleder"), max_length=200, blank=True)
    project = models.ForeignKey(
        "DevelopmentProject",
        verbose_name=_("prosjekt som presenteres"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presentations",
    )

    SCOPE_PATHS = network_scope("gathering__network__")

    class Meta:
        verbose_name = _("punkt på programmet")
        verbose_name_plural = _("program")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Participation(Scoped, TimeStamped):
    """Invitation, registration and attendance of one user at one gathering."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invitert")
        REGISTERED = "registered", _("Påmeldt")
        DECLINED = "declined", _("Avmeldt")

    gathering = models.ForeignKey(
        Gathering, verbose_name=_("samling"), on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        on_delete=models.CASCADE,
        related_name="gathering_participations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    attended = models.BooleanField(_("deltok"), default=False)

    SCOPE_PATHS = network_scope("gathering__network__")

    class Meta:
        verbose_name = _("deltakelse")
        verbose_name_plural = _("deltakelser")
        ordering = ["user__last_name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["gathering", "user"], name="unique_participation")]

    def __str__(self) -> str:
        return f"{self.user} – {self.gathering}"


class GatheringDocument(Scoped, TimeStamped):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentasjon")
        MINUTES = "minutes", _("Referat")
        OTHER = "other", _("Annet dokument")

    gathering = models.ForeignKey(
        Gathering, verbose_name=_("samling"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("tittel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PRESENTATION)
    file = models.FileField(_("fil"), upload_to="networks/gatherings/")

    SCOPE_PATHS = network_scope("gathering__network__")

    class Meta:
        verbose_name = _("dokument fra samling")
        verbose_name_plural = _("dokumenter fra samlinger")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class CalendarToken(TimeStamped):
    """A person's secret token for calendar feeds, so calendar apps can fetch them without logging in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(_("nøkkel"), max_length=64, unique=True, default=secrets.token_urlsafe)

    class Meta:
        verbose_name = _("kalendernøkkel")
        verbose_name_plural = _("kalendernøkler")

    def __str__(self) -> str:
        return f"{self.user}"


class DevelopmentProject(Scoped, TimeStamped, Versioned):
    """A development project (utviklingsprosjekt) across municipalities in the network."""

    class Status(models.TextChoices):
        # In this order only: a project moves forward as its grant is decided, paid and reported
        # (`services.advance_project_status`), never back.
        PLANNED = "planned", _("Planlagt")
        GRANTED = "granted", _("Innvilget")
        RUNNING = "running", _("Pågår")
        REPORTED = "reported", _("Rapportert")
        EVALUATED = "evaluated", _("Evaluert")

    network = models.ForeignKey(Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    lead_municipality = models.ForeignKey(
        Municipality, verbose_name=_("ansvarlig kommune"), on_delete=models.PROTECT, related_name="led_projects"
    )
    participants = models.ManyToManyField(
        Municipality, verbose_name=_("deltakende kommuner"), blank=True, related_name="development_projects"
    )
    partner = models.ForeignKey(
        CompetenceEnvironment,
        verbose_name=_("kompetansemiljø"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    goals = models.TextField(_("mål"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("slutt"), null=True, blank=True)
    final_report = models.TextField(_("sluttrapport"), blank=True)
    evaluation = models.TextField(_("evaluering"), blank=True)
    overall_plan = models.ForeignKey(
        OverallPlan,
        verbose_name=_("overordnet plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("Revisjonen av nettverkets plan prosjektet hører under."),
    )
    # The participating municipalities' needs the project answers (the call's criterion
    # «forankring i risiko- og tilstandsvurderinger»); the assessment page shows the reverse side
    # through `networks/links.py`.
    needs = models.ManyToManyField(
        "assessments.Need", verbose_name=_("behov prosjektet svarer på"), blank=True, related_name="+"
    )

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("utviklingsprosjekt")
        verbose_name_plural = _("utviklingsprosjekter")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict[str, int | None]:
        # Derived, the municipality would be empty (a network spans several); a project is led by
        # one municipality, so the trail files it there too.
        return {**super().audit_scope(), "municipality_id": self.lead_municipality_id}


STATUS_ORDER: tuple[str, ...] = tuple(DevelopmentProject.Status.values)


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status)


class OutcomeMeasure(Scoped, TimeStamped):
    """What a project aims to move (resultatmål): an indicator from `statistics`, or a measure of
    its own, from a baseline to a target by a year. The values since are read from statistics
    (`queries.outcome_values`), never typed in twice."""

    class Area(models.TextChoices):
        LEAD = "lead", _("Ansvarlig kommune")
        PARTICIPANTS = "participants", _("Deltakende kommuner samlet")

    project = models.ForeignKey(
        DevelopmentProject, verbose_name=_("prosjekt"), on_delete=models.CASCADE, related_name="outcomes"
    )
    indicator = models.ForeignKey(
        "statistics.Indicator",
        verbose_name=_("indikator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    own_measure = models.CharField(
        _("eget mål"), max_length=300, blank=True, help_text=_("Brukes når ingen indikator passer.")
    )
    area = models.CharField(_("målt for"), max_length=20, choices=Area.choices, default=Area.LEAD)
    unit = models.CharField(_("enhet"), max_length=40, blank=True)
    baseline = models.DecimalField(_("utgangspunkt"), max_digits=16, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("år for utgangspunkt"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    target = models.DecimalField(_("mål"), max_digits=16, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("målår"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    SCOPE_PATHS = network_scope("project__network__")

    class Meta:
        verbose_name = _("resultatmål")
        verbose_name_plural = _("resultatmål")
        ordering = ["project", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicator__isnull=False) | ~models.Q(own_measure=""),
                name="outcome_has_indicator_or_own_measure",
            ),
        ]

    def __str__(self) -> str:
        return self.own_measure or str(self.indicator)

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator_id and self.indicator else self.own_measure


class PlanPriority(Scoped, TimeStamped):
    """One priority of an overall plan revision, tied to the members' needs it answers."""

    plan = models.ForeignKey(
        OverallPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="priority_items"
    )
    title = models.CharField(_("prioritering"), max_length=300)
    description = models.TextField(_("beskrivelse"), max_length=4000, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    needs = models.ManyToManyField(
        "assessments.Need", verbose_name=_("behov prioriteringen svarer på"), blank=True, related_name="+"
    )

    SCOPE_PATHS = network_scope("plan__network__")

    class Meta:
        verbose_name = _("prioritering i planen")
        verbose_name_plural = _("prioriteringer i planen")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Milestone(Scoped, TimeStamped):
    project = models.ForeignKey(
        DevelopmentProject, verbose_name=_("prosjekt"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milepæl"), max_length=200)
    due_on = models.DateField(_("frist"))
    done_on = models.DateField(_("nådd"), null=True, blank=True)

    SCOPE_PATHS = network_scope("project__network__")

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæler")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.title


class StatusReport(Scoped, TimeStamped):
    project = models.ForeignKey(
        DevelopmentProject, verbose_name=_("prosjekt"), on_delete=models.CASCADE, related_name="status_reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrevet av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gathering = models.ForeignKey(
        Gathering,
        verbose_name=_("presentert på samling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="status_reports",
    )
    text = models.TextField(_("status"))

    SCOPE_PATHS = network_scope("project__network__")

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.project} {self.created_at:%Y-%m-%d}"


class Idea(Scoped, TimeStamped):
    """A topic or project idea in the network's idea bank."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått")
        PRIORITISED = "prioritised", _("Prioritert av styringsgruppen")
        SET_ASIDE = "set_aside", _("Lagt til side")
        PROJECT = "project", _("Blitt utviklingsprosjekt")

    network = models.ForeignKey(Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("foreslått av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    priority = models.PositiveSmallIntegerField(_("prioritet"), null=True, blank=True)
    project = models.OneToOneField(
        DevelopmentProject,
        verbose_name=_("prosjekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea",
    )

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("idé")
        verbose_name_plural = _("idébank")
        ordering = ["priority", "-created_at"]

    def __str__(self) -> str:
        return self.title


class IdeaSupport(TimeStamped):
    idea = models.ForeignKey(Idea, verbose_name=_("idé"), on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("støtte til idé")
        verbose_name_plural = _("støtte til ideer")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="unique_idea_support")]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class IdeaComment(TimeStamped):
    idea = models.ForeignKey(Idea, verbose_name=_("idé"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrevet av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("kommentar"))

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:40]


class ProfessionalGroup(Scoped, TimeStamped):
    """A professional group across municipal borders (kollegaveiledning, drøftingsteam)."""

    class Kind(models.TextChoices):
        PEER_SUPERVISION = "peer_supervision", _("Kollegaveiledning")
        CASE_SUPPORT = "case_support", _("Drøftingsteam for saker")
        TOPIC = "topic", _("Faggruppe")

    network = models.ForeignKey(
        Network, verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="professional_groups"
    )
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PEER_SUPERVISION)
    description = models.TextField(_("beskrivelse"), blank=True)

    SCOPE_PATHS = network_scope("network__")

    class Meta:
        verbose_name = _("faggruppe")
        verbose_name_plural = _("faggrupper")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GroupMember(TimeStamped):
    group = models.ForeignKey(
        ProfessionalGroup, verbose_name=_("faggruppe"), on_delete=models.CASCADE, related_name="group_members"
    )
    name = models.CharField(_("navn"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("medlem av faggruppe")
        verbose_name_plural = _("medlemmer av faggruppe")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GroupMeeting(TimeStamped):
    group = models.ForeignKey(
        ProfessionalGroup, verbose_name=_("faggruppe"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("dato"))
    place = models.CharField(_("sted"), max_length=200, blank=True)
    notes = models.TextField(_("notater"), blank=True)

    class Meta:
        verbose_name = _("møte i faggruppe")
        verbose_name_plural = _("møter i faggrupper")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on}"
