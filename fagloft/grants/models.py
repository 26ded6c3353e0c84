"""Calls for grants (utlysninger), applications, assessment, decisions and follow-up.

Two kinds of call (seed 002 ch. 3 and 4, DOMAIN.md): stimulus funds (stimuleringsmidler) for
development projects in learning networks, and grants to employers for further education
(videreutdanning: substitutes, travel and literature, up to an amount per student).
"""

from __future__ import annotations

import datetime
import decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib.models import Scoped
from fagloft.networks.models import CompetenceEnvironment, DevelopmentProject, Network
from fagloft.organizations.models import County, Municipality, TimeStamped

OSLO = ZoneInfo("Europe/Oslo")


class Call(Scoped, TimeStamped, Versioned):
    class Kind(models.TextChoices):
        DEVELOPMENT = "development", _("Stimuleringsmidler til utviklingsprosjekter")
        FURTHER_EDUCATION = "further_education", _("Tilskudd til videreutdanning")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publisert")

    # Empty county: a national call from Bufdir.
    county = models.ForeignKey(
        County, verbose_name=_("fylke"), null=True, blank=True, on_delete=models.PROTECT, related_name="calls"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.DEVELOPMENT)
    title = models.CharField(_("tittel"), max_length=200)
    text = models.TextField(_("utlysningstekst"))
    budget = models.DecimalField(_("ramme (kr)"), max_digits=12, decimal_places=0)
    opens_on = models.DateField(_("åpner"))
    deadline = models.DateField(
        _("søknadsfrist"), help_text=_("Fristen går ut ved slutten av dagen, kl. 23.59 norsk tid.")
    )
    spending_deadline = models.DateField(_("midlene må brukes innen"))
    reporting_duties = models.TextField(_("rapporteringsplikt"), blank=True)
    eligibility_rules = models.JSONField(_("vilkår"), default=list, blank=True)
    # Further education: the most an employer may get per student (DOMAIN.md: NOK 100,000; data, not code).
    max_per_student = models.DecimalField(
        _("maks per student (kr)"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    # Further education: the cost kinds the call covers (BudgetLine.Category values; empty = the
    # kind's default, `allowed_categories`). Rules of the call, so data, not code.
    cost_kinds = models.JSONField(_("utgifter det kan søkes om"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opprettet av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = {
        "county": "county",
        "municipality": "county__municipality_periods__municipality",
        "service": "county__municipality_periods__municipality__service_coverages__service",
    }

    class Meta:
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysninger")
        ordering = ["-deadline", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def closes_at(self) -> datetime.datetime:
        """The first instant after the deadline: midnight in Oslo at the start of the next day."""
        next_day = self.deadline + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time(0, 0), tzinfo=OSLO)

    @property
    def opens_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.opens_on, datetime.time(0, 0), tzinfo=OSLO)

    def is_open_at(self, moment: datetime.datetime) -> bool:
        return self.status == self.Status.PUBLISHED and self.opens_at <= moment < self.closes_at

    def allowed_categories(self) -> list[str]:
        """The budget categories an application to this call may use (`cost_kinds`, or the default
        for the kind: further education covers substitutes, travel and stay, and literature)."""
        valid = set(BudgetLine.Category.values)
        chosen = [kind for kind in self.cost_kinds or [] if kind in valid]
        if chosen:
            return chosen
        if self.kind == self.Kind.FURTHER_EDUCATION:
            return list(FURTHER_EDUCATION_COSTS)
        return list(BudgetLine.Category.values)


class Criterion(Scoped, TimeStamped):
    """An assessment criterion with its weight. `automatic` criteria are scored from the data."""

    class Automatic(models.TextChoices):
        NONE = "", _("Vurderes av saksbehandler")
        SEVERAL_MUNICIPALITIES = "several_municipalities", _("Flere kommuner deltar (beregnes)")

    call = models.ForeignKey(Call, verbose_name=_("utlysning"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kriterium"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    weight = models.PositiveSmallIntegerField(_("vekt"), default=1)
    automatic = models.CharField(_("beregning"), max_length=40, choices=Automatic.choices, default="", blank=True)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)

    SCOPE_PATHS = {key: f"call__{path}" for key, path in Call.SCOPE_PATHS.items()}

    class Meta:
        verbose_name = _("vurderingskriterium")
        verbose_name_plural = _("vurderingskriterier")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class Application(Scoped, TimeStamped, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Sendt inn")
        GRANTED = "granted", _("Innvilget")
        REFUSED = "refused", _("Avslått")

    call = models.ForeignKey(Call, verbose_name=_("utlysning"), on_delete=models.PROTECT, related_name="applications")
    # The county whose advisor assesses it (the call's, or the applicant's for national calls).
    county = models.ForeignKey(County, verbose_name=_("fylke"), on_delete=models.PROTECT, related_name="+")
    network = models.ForeignKey(
        Network,
        verbose_name=_("søkende nettverk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    lead_municipality = models.ForeignKey(
        Municipality, verbose_name=_("ansvarlig kommune"), on_delete=models.PROTECT, related_name="led_applications"
    )
    participants = models.ManyToManyField(
        Municipality, verbose_name=_("deltakende kommuner"), blank=True, related_name="grant_applications"
    )
    partner = models.ForeignKey(
        CompetenceEnvironment,
        verbose_name=_("kompetansemiljø"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # The development project the funds are for (stimulus funds). No reverse accessor: networks
    # sits below grants, and the project page shows its applications through grants' links.
    project = models.ForeignKey(
        DevelopmentProject,
        verbose_name=_("utviklingsprosjekt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("prosjektnavn"), max_length=200)
    description = models.TextField(_("beskrivelse av prosjektet"), blank=True)
    goals = models.TextField(_("mål"), blank=True)
    co_financing = models.DecimalField(_("egenfinansiering (kr)"), max_digits=12, decimal_places=0, default=0)
    co_financing_note = models.CharField(_("egenfinansiering, forklaring"), max_length=300, blank=True)
    contact_email = models.EmailField(_("e-post til kontaktperson"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opprettet av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    # An application is the applicant's: the lead municipality and participants see it, and the
    # county that assesses it. Nothing here reaches another applicant's assessment.
    SCOPE_PATHS = {
        "county": "county",
        "municipality": "participants",
        "service": "participants__service_coverages__service",
    }

    class Meta:
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict[str, int | None]:
        # Kept by hand: the municipality path runs through the participants (many-to-many), so the
        # derived scope would have no municipality. The trail files an application under its lead
        # municipality, the one municipality it always has.
        return {"county_id": self.county_id, "municipality_id": self.lead_municipality_id}

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class BudgetLine(Scoped, TimeStamped):
    class Category(models.TextChoices):
        PROJECT_MANAGEMENT = "project_management", _("Prosjektledelse")
        EXTERNAL_COMPETENCE = "external_competence", _("Ekstern kompetanse (kompetansemiljø)")
        SUBSTITUTES = "substitutes", _("Vikarutgifter")
        TRAVEL = "travel", _("Reise og opphold")
        LITERATURE = "literature", _("Litteratur")
        OTHER = "other", _("Annet")

    application = models.ForeignKey(
        Application, verbose_name=_("søknad"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)
    amount = models.DecimalField(_("beløp (kr)"), max_digits=12, decimal_places=0)
    # Further education: which student the line is for (employee's name as given by the employer).
    student = models.CharField(_("student"), max_length=200, blank=True)
    # ...and, when the employer picked them, their record in the service's competence register.
    employee = models.ForeignKey(
        "competence.Employee",
        verbose_name=_("ansatt i kompetanseregisteret"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    SCOPE_PATHS = {key: f"application__{path}" for key, path in Application.SCOPE_PATHS.items()}

    class Meta:
        verbose_name = _("budsjettlinje")
        verbose_name_plural = _("budsjett")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount}"


class Assessment(Scoped, TimeStamped, Versioned):
    """One assessor's scores and comment on one application. Never shown to applicants."""

    application = models.ForeignKey(
        Application, verbose_name=_("søknad"), on_delete=models.CASCADE, related_name="assessments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saksbehandler"),
        on_delete=models.PROTECT,
        related_name="grant_assessments",
    )
    comment = models.TextField(_("kommentar"), blank=True)

    SCOPE_PATHS = {"county": "application__county"}

    class Meta:
        verbose_name = _("vurdering av søknad")
        verbose_name_plural = _("vurderinger av søknader")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["application", "assessor"], name="unique_assessor")]

    def __str__(self) -> str:
        return f"{self.application} – {self.assessor}"


class Score(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("vurdering"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("kriterium"), on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("poeng (0–5)"))

    class Meta:
        verbose_name = _("poeng")
        verbose_name_plural = _("poeng")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="unique_score")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Decision(Scoped, TimeStamped, Versioned):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Innvilget")
        REFUSED = "refused", _("Avslått")

    application = models.OneToOneField(
        Application, verbose_name=_("søknad"), on_delete=models.CASCADE, related_name="decision"
    )
    case_number = models.CharField(
        _("saksnummer"),
        max_length=50,
        blank=True,
        help_text=_("Saksnummeret i arkivet, for eksempel 2026/1234. Står i vedtaksbrevet."),
    )
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    amount = models.DecimalField(_("innvilget beløp (kr)"), max_digits=12, decimal_places=0, default=0)
    conditions = models.TextField(_("vilkår for tilskuddet"), blank=True)
    reasons = models.TextField(_("begrunnelse"), blank=True)
    decided_on = models.DateField(_("vedtaksdato"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vedtatt av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    spending_reminder_sent_on = models.DateField(_("påminnelse om frist sendt"), null=True, blank=True)

    SCOPE_PATHS = {key: f"application__{path}" for key, path in Application.SCOPE_PATHS.items()}

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"


class Payment(TimeStamped):
    decision = models.ForeignKey(Decision, verbose_name=_("vedtak"), on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("beløp (kr)"), max_digits=12, decimal_places=0)
    paid_on = models.DateField(_("utbetalt"))
    reference = models.CharField(_("referanse"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("utbetaling")
        verbose_name_plural = _("utbetalinger")
        ordering = ["paid_on"]

    def __str__(self) -> str:
        return f"{self.amount} {self.paid_on}"


class GrantReport(Scoped, TimeStamped):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Framdriftsrapport")
        FINAL = "final", _("Sluttrapport")

    application = models.ForeignKey(
        Application, verbose_name=_("søknad"), on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("hva er gjort"))
    spent = models.DecimalField(_("brukt (kr)"), max_digits=12, decimal_places=0)
    # The project's outcome measures as they stood when the report was sent: each measure's
    # baseline, target and the values read from statistics since (see `queries.outcome_rows`).
    outcomes = models.JSONField(_("resultatmål"), default=list, blank=True)
    outcome_comment = models.TextField(_("kommentar til resultatene"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sendt av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    SCOPE_PATHS = {key: f"application__{path}" for key, path in Application.SCOPE_PATHS.items()}

    class Meta:
        verbose_name = _("rapport om tilskudd")
        verbose_name_plural = _("rapporter om tilskudd")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.application}"


class EmployerGrantLine(Scoped, TimeStamped):
    """Further education: the employer's grant for one admitted student, an enrolment in programmes
    (substitutes, travel and stay, literature). The ceiling per student and year is data
    (`programmes.GrantCeiling`), checked by `employer_grants.save_line`. No reverse accessor on the
    enrolment: programmes sits below grants and shows the line through grants' links."""

    application = models.ForeignKey(
        Application, verbose_name=_("søknad"), on_delete=models.CASCADE, related_name="employer_grant_lines"
    )
    enrolment = models.ForeignKey(
        "programmes.Enrolment", verbose_name=_("student"), on_delete=models.PROTECT, related_name="+"
    )
    substitutes = models.DecimalField(
        _("vikarutgifter (kr)"), max_digits=9, decimal_places=0, default=0, validators=[MinValueValidator(0)]
    )
    travel = models.DecimalField(
        _("reise og opphold (kr)"), max_digits=9, decimal_places=0, default=0, validators=[MinValueValidator(0)]
    )
    literature = models.DecimalField(
        _("litteratur (kr)"), max_digits=9, decimal_places=0, default=0, validators=[MinValueValidator(0)]
    )

    SCOPE_PATHS = {key: f"application__{path}" for key, path in Application.SCOPE_PATHS.items()}

    class Meta:
        verbose_name = _("tilskudd til arbeidsgiver for student")
        verbose_name_plural = _("tilskudd til arbeidsgiver for studenter")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "enrolment"], name="grants_one_line_per_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.total}"

    @property
    def total(self) -> decimal.Decimal:
        zero = decimal.Decimal(0)
        return (self.substitutes or zero) + (self.travel or zero) + (self.literature or zero)


# What a further-education grant covers (DOMAIN.md "Further education"): substitutes, travel and
# stay, and literature.
FURTHER_EDUCATION_COSTS = (
    BudgetLine.Category.SUBSTITUTES,
    BudgetLine.Category.TRAVEL,
    BudgetLine.Category.LITERATURE,
)


def total(amounts: list[decimal.Decimal]) -> decimal.Decimal:
    return sum(amounts, decimal.Decimal(0))
