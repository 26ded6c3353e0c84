"""Offers, study places, applications, cohorts, sessions, attendance and completion (see README.md).

Norwegian words: tilbud (Offer), studieplasser (StudyPlaceYear, StudyPlaceAllocation), søknadsperiode
(ApplicationWindow), tilskudd til arbeidsgiver (GrantCeiling), søknad/opptak/venteliste (Enrolment),
Tjenestestøtteprogrammet (a Cohort of kind SERVICE_SUPPORT with CohortService rows), samling
(Session), oppmøte (Attendance), TIBIR/PMTO (Offer of kind CERTIFICATION, CertificationSite),
basisopplæring for nyansatte (Cohort of kind BASIC_TRAINING), lederutvikling (LEADERSHIP).

The catalogue, the study places and the windows are national data (no place in the tree); every
person-level row (Enrolment, Attendance) sits in the service that employs the person.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.competence.models import Method, Programme
from fagloft.lib.models import Scoped
from fagloft.organizations.models import TimeStamped

SERVICE_SCOPE = {
    "service": "service",
    "municipality": "service__coverages__municipality",
    "county": "service__coverages__municipality__county_periods__county",
}
COUNTY_SCOPE = {
    "county": "county",
    "municipality": "county__municipality_periods__municipality",
    "service": "county__municipality_periods__municipality__service_coverages__service",
}


def _through(prefix: str, scope: dict[str, str]) -> dict[str, str]:
    return {level: f"{prefix}__{path}" for level, path in scope.items()}


class OfferKind(models.TextChoices):
    FURTHER_EDUCATION = "further_education", _("Videreutdanning med studiepoeng")
    PRACTICE_TRAINING = "practice_training", _("Praksisnært opplæringsprogram")
    CERTIFICATION = "certification", _("Sertifiseringsprogram")
    LEADERSHIP = "leadership", _("Lederutvikling")
    BASIC_TRAINING = "basic_training", _("Basisopplæring for nyansatte")


class Level(models.TextChoices):
    MASTER = "master", _("Masternivå")
    BACHELOR = "bachelor", _("Bachelornivå")
    NONE = "none", _("Uten studiepoeng")


class Delivery(models.TextChoices):
    ON_SITE = "on_site", _("Stedbasert")
    ONLINE = "online", _("Nettbasert")
    BLENDED = "blended", _("Samlingsbasert med nettstøtte")


class RequirementRoute(models.TextChoices):
    """Which route of the 2031 requirements (`competence.requirements`) the offer counts for."""

    BACHELOR = "bachelor", _("Teller som relevant videreutdanning (bachelor + erfaring + 30 studiepoeng)")
    MASTER = "master", _("Kan inngå i en relevant mastergrad")
    NONE = "none", _("Teller ikke for kompetansekravene")


class Offer(TimeStamped, Versioned):
    """One offer in the national catalogue, published by Bufdir or a competence environment."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    kind = models.CharField(_("type tilbud"), max_length=20, choices=OfferKind.choices)
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), max_length=4000, blank=True)
    topic = models.ForeignKey(
        "competence.FrameworkArea",
        verbose_name=_("kompetanseområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    register_programme = models.CharField(
        _("studium i kompetanseregisteret"), max_length=20, choices=Programme.choices, blank=True
    )
    method = models.CharField(_("metode som sertifiseres"), max_length=30, choices=Method.choices, blank=True)
    provider = models.ForeignKey(
        "networks.CompetenceEnvironment",
        verbose_name=_("tilbyder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_offers",
    )
    provider_name = models.CharField(
        _("tilbyder (navn)"), max_length=200, blank=True, help_text=_("Når tilbyderen ikke er registrert.")
    )
    level = models.CharField(_("nivå"), max_length=10, choices=Level.choices, default=Level.NONE)
    ects = models.DecimalField(
        _("studiepoeng"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    length = models.CharField(_("varighet"), max_length=100, blank=True)
    delivery = models.CharField(_("gjennomføring"), max_length=10, choices=Delivery.choices, default=Delivery.BLENDED)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    starts_on = models.DateField(_("oppstart"), null=True, blank=True)
    ends_on = models.DateField(_("avslutning"), null=True, blank=True)
    places = models.PositiveIntegerField(_("plasser"), null=True, blank=True, validators=[MaxValueValidator(100_000)])
    cost = models.DecimalField(
        _("pris for deltaker (kr)"),
        max_digits=10,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    target_group = models.CharField(_("målgruppe"), max_length=300, blank=True)
    requirement_route = models.CharField(
        _("teller for kompetansekravene"),
        max_length=10,
        choices=RequirementRoute.choices,
        default=RequirementRoute.NONE,
    )
    coverage_per_1000_children = models.DecimalField(
        _("behov: sertifiserte per 1000 barn"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    renewal_years = models.PositiveSmallIntegerField(
        _("resertifisering etter (år)"), null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    is_published = models.BooleanField(_("publisert"), default=True)
    source_url = models.URLField(_("kilde"), max_length=400, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def provider_label(self) -> str:
        return self.provider.name if self.provider_id and self.provider else self.provider_name


class StudyPlaceYear(Versioned):
    """The national number of free study places in further education for a year (data with a source).
    Bufdir sets it on `/programmer/studieplasser/` (optimistic locking: `version`)."""

    year = models.PositiveSmallIntegerField(
        _("år"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    places = models.PositiveIntegerField(_("studieplasser"), validators=[MaxValueValidator(100_000)])
    approximate = models.BooleanField(_("omtrentlig tall"), default=False)
    source_url = models.URLField(_("kilde"), max_length=400, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("studieplasser per år")
        verbose_name_plural = _("studieplasser per år")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.places}"


class StudyPlaceAllocation(TimeStamped, Versioned):
    """The places one institution offers in one programme in one year's intake (a class).

    `admitted` is kept by the admission use case with a conditional update, and the database
    refuses more admitted than places, so concurrent admissions never over-fill a class."""

    year = models.PositiveSmallIntegerField(
        _("opptaksår"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    offer = models.ForeignKey(Offer, verbose_name=_("tilbud"), on_delete=models.PROTECT, related_name="allocations")
    provider = models.ForeignKey(
        "networks.CompetenceEnvironment",
        verbose_name=_("lærested"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="study_places",
    )
    institution = models.CharField(_("lærested (navn)"), max_length=200)
    places = models.PositiveIntegerField(_("plasser"), validators=[MaxValueValidator(10_000)])
    admitted = models.PositiveIntegerField(_("tatt opp"), default=0)
    starts_on = models.DateField(_("oppstart"))
    ends_on = models.DateField(_("avslutning"))
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        verbose_name = _("studieplasser hos lærested")
        verbose_name_plural = _("studieplasser hos lærested")
        ordering = ["-year", "offer__title", "institution"]
        constraints = [
            models.UniqueConstraint(fields=["year", "offer", "institution"], name="programmes_unique_allocation"),
            models.CheckConstraint(condition=Q(admitted__lte=F("places")), name="programmes_admitted_within_places"),
        ]

    def __str__(self) -> str:
        return f"{self.offer.title}, {self.institution} ({self.year})"

    @property
    def free(self) -> int:
        return max(self.places - self.admitted, 0)


class ApplicationWindow(Versioned):
    """When employees may apply for a year's intake: from `opens_at` to the end of the minute of
    `closes_at` (stored as instants; pages enter and show them in Norwegian time, Europe/Oslo, so
    «15.04. kl. 23.59» means until 23:59:59 that evening, summer time included)."""

    year = models.PositiveSmallIntegerField(
        _("opptaksår"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    opens_at = models.DateTimeField(_("søknadsperioden åpner"))
    closes_at = models.DateTimeField(_("søknadsfrist"), help_text=_("Siste minutt det kan søkes, norsk tid."))
    confirmed = models.BooleanField(_("bekreftet"), default=True)
    source_url = models.URLField(_("kilde"), max_length=400, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("søknadsperiode")
        verbose_name_plural = _("søknadsperioder")
        ordering = ["-year"]
        constraints = [models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="programmes_window_order")]

    def __str__(self) -> str:
        return f"{self.year}: {self.opens_at:%Y-%m-%d %H:%M}–{self.closes_at:%Y-%m-%d %H:%M}"


class GrantCeiling(Versioned):
    """The highest employer grant (substitute, travel, stay, literature) per student per year."""

    year = models.PositiveSmallIntegerField(
        _("år"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("høyeste tilskudd per student (kr)"),
        max_digits=9,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    confirmed = models.BooleanField(_("bekreftet"), default=False)
    source_url = models.URLField(_("kilde"), max_length=400, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tak for tilskudd til arbeidsgiver")
        verbose_name_plural = _("tak for tilskudd til arbeidsgiver")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Cohort(Scoped, TimeStamped, Versioned):
    """A group that meets in sessions: a Tjenestestøtteprogrammet round in a county, basic training
    for new staff across a network, a leadership development cohort, or a certification course."""

    class Kind(models.TextChoices):
        SERVICE_SUPPORT = "service_support", _("Tjenestestøtteprogrammet")
        BASIC_TRAINING = "basic_training", _("Basisopplæring for nyansatte")
        LEADERSHIP = "leadership", _("Lederutvikling")
        CERTIFICATION = "certification", _("Sertifiseringsopplæring")
        TRAINING = "training", _("Annet opplæringsprogram")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Under planlegging")
        RUNNING = "running", _("Pågår")
        COMPLETED = "completed", _("Avsluttet")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    offer = models.ForeignKey(Offer, verbose_name=_("tilbud"), on_delete=models.PROTECT, related_name="cohorts")
    county = models.ForeignKey(
        "organizations.County", verbose_name=_("fylke"), on_delete=models.PROTECT, related_name="programme_cohorts"
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("læringsnettverk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_cohorts",
    )
    responsible_municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("ansvarlig kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provider = models.ForeignKey(
        "networks.CompetenceEnvironment",
        verbose_name=_("tilbyder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_cohorts",
    )
    title = models.CharField(_("tittel"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    starts_on = models.DateField(_("oppstart"), null=True, blank=True)
    ends_on = models.DateField(_("avslutning"), null=True, blank=True)
    planned_staff_days = models.PositiveSmallIntegerField(
        _("samlingsdager for alle ansatte"), default=0, validators=[MaxValueValidator(50)]
    )
    planned_leader_days = models.PositiveSmallIntegerField(
        _("samlingsdager for ledere"), default=0, validators=[MaxValueValidator(50)]
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("oppmøte for å fullføre (prosent)"), default=80, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNING)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = COUNTY_SCOPE

    class Meta:
        verbose_name = _("programrunde")
        verbose_name_plural = _("programrunder")
        ordering = ["-year", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class CohortService(Scoped, TimeStamped, Versioned):
    """A service in a cohort: for Tjenestestøtteprogrammet, chosen by Bufdir and the county, and
    committed by the leader on behalf of every employee (the commitment is checked against the staff
    register)."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Kandidat")
        CHOSEN = "chosen", _("Valgt ut")
        COMMITTED = "committed", _("Forpliktet")
        COMPLETED = "completed", _("Fullført")
        WITHDRAWN = "withdrawn", _("Trukket")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("programrunde"), on_delete=models.CASCADE, related_name="services"
    )
    service = models.ForeignKey(
        "organizations.Service", verbose_name=_("tjeneste"), on_delete=models.PROTECT, related_name="programme_rounds"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CHOSEN)
    reasons = models.JSONField(_("begrunnelse for utvalget"), default=list, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commitment_signed_on = models.DateField(_("forpliktelse signert"), null=True, blank=True)
    commitment_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_on = models.DateField(_("fullført"), null=True, blank=True)
    plan_measure = models.ForeignKey(
        "competence.PlanMeasure",
        verbose_name=_("tiltak i kompetanseplanen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_rounds",
    )
    need = models.ForeignKey(
        "assessments.Need",
        verbose_name=_("behov i risiko- og tilstandsvurderingen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_rounds",
    )

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("tjeneste i programrunde")
        verbose_name_plural = _("tjenester i programrunde")
        ordering = ["cohort", "service__name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "service"], name="programmes_unique_cohort_service")]

    def __str__(self) -> str:
        return f"{self.service} – {self.cohort}"


class Session(Scoped, TimeStamped):
    """A gathering day or session of a cohort."""

    class Audience(models.TextChoices):
        ALL_STAFF = "all_staff", _("Alle ansatte")
        LEADERS = "leaders", _("Ledere")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("programrunde"), on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("dato"))
    title = models.CharField(_("tema"), max_length=200)
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices, default=Audience.ALL_STAFF)
    place = models.CharField(_("sted"), max_length=200, blank=True)

    SCOPE_PATHS = _through("cohort", COUNTY_SCOPE)

    class Meta:
        verbose_name = _("samling")
        verbose_name_plural = _("samlinger")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", _("Søkt")
    CONFIRMED = "confirmed", _("Bekreftet av arbeidsgiver")
    ADMITTED = "admitted", _("Tatt opp")
    WAITLISTED = "waitlisted", _("På venteliste")
    REJECTED = "rejected", _("Ikke tatt opp")
    WITHDRAWN = "withdrawn", _("Trukket")
    ENROLLED = "enrolled", _("Påmeldt")
    COMPLETED = "completed", _("Fullført")
    NOT_COMPLETED = "not_completed", _("Ikke fullført")


# States in which a person holds (or held) a place.
HOLDS_PLACE = (EnrolmentStatus.ADMITTED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)
OPEN_APPLICATION = (EnrolmentStatus.APPLIED, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED)


class Enrolment(Scoped, TimeStamped, Versioned):
    """One person in one offer: a further-education application (through admission to completion), or
    a place in a cohort (Tjenestestøtteprogrammet, basic training, leadership, certification)."""

    class Priority(models.IntegerChoices):
        REQUIREMENT = 1, _("Trenger studiet for å oppfylle kompetansekravene i 2031")
        OTHER = 2, _("Øvrige søkere")

    employee = models.ForeignKey(
        "competence.Employee", verbose_name=_("ansatt"), on_delete=models.CASCADE, related_name="programme_enrolments"
    )
    service = models.ForeignKey(
        "organizations.Service",
        verbose_name=_("tjeneste"),
        on_delete=models.CASCADE,
        related_name="programme_enrolments",
    )
    offer = models.ForeignKey(Offer, verbose_name=_("tilbud"), on_delete=models.PROTECT, related_name="enrolments")
    allocation = models.ForeignKey(
        StudyPlaceAllocation,
        verbose_name=_("studieplasser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("programrunde"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    status = models.CharField(_("status"), max_length=15, choices=EnrolmentStatus.choices)
    priority = models.PositiveSmallIntegerField(_("prioritet"), choices=Priority.choices, default=Priority.OTHER)
    priority_reason = models.CharField(_("grunn for prioritet"), max_length=300, blank=True)
    motivation = models.TextField(_("begrunnelse"), max_length=2000, blank=True)
    applied_at = models.DateTimeField(_("søkt"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer_confirmed_on = models.DateField(_("bekreftet av arbeidsgiver"), null=True, blank=True)
    employer_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("opptak avgjort"), null=True, blank=True)
    waitlist_position = models.PositiveIntegerField(_("plass på ventelisten"), null=True, blank=True)
    ects_passed = models.DecimalField(
        _("beståtte studiepoeng"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    completed_on = models.DateField(_("fullført"), null=True, blank=True)
    certified_on = models.DateField(_("sertifisert"), null=True, blank=True)
    renewal_due_on = models.DateField(_("resertifisering innen"), null=True, blank=True)
    register_item = models.ForeignKey(
        "competence.FurtherEducation",
        verbose_name=_("videreutdanning i kompetanseregisteret"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan_measure = models.ForeignKey(
        "competence.PlanMeasure",
        verbose_name=_("tiltak i kompetanseplanen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_enrolments",
    )
    need = models.ForeignKey(
        "assessments.Need",
        verbose_name=_("behov i risiko- og tilstandsvurderingen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_enrolments",
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("søknad eller påmelding")
        verbose_name_plural = _("søknader og påmeldinger")
        ordering = ["-year", "priority", "applied_at", "pk"]
        indexes = [
            models.Index(fields=["year", "status"]),
            models.Index(fields=["service", "year"]),
            models.Index(fields=["allocation", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "allocation"],
                condition=Q(allocation__isnull=False),
                name="programmes_one_application_per_class",
            ),
            models.UniqueConstraint(
                fields=["employee", "cohort"], condition=Q(cohort__isnull=False), name="programmes_one_place_per_cohort"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.offer}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPLICATION


class Attendance(Scoped, TimeStamped):
    """Whether one enrolled person attended one session."""

    session = models.ForeignKey(Session, verbose_name=_("samling"), on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("påmelding"), on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("til stede"), default=False)

    SCOPE_PATHS = _through("enrolment", SERVICE_SCOPE)

    class Meta:
        verbose_name = _("oppmøte")
        verbose_name_plural = _("oppmøte")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="programmes_one_attendance")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}@{self.session_id}: {self.present}"


class CertificationSite(Scoped, TimeStamped):
    """A municipality that runs a certification programme (TIBIR with PMTO and the like)."""

    offer = models.ForeignKey(Offer, verbose_name=_("program"), on_delete=models.PROTECT, related_name="sites")
    municipality = models.ForeignKey(
        "organizations.Municipality", verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="+"
    )
    since_year = models.PositiveSmallIntegerField(
        _("fra år"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    until_year = models.PositiveSmallIntegerField(
        _("til år"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = {
        "municipality": "municipality",
        "county": "municipality__county_periods__county",
        "service": "municipality__service_coverages__service",
    }

    class Meta:
        verbose_name = _("kommune med program")
        verbose_name_plural = _("kommuner med program")
        ordering = ["offer", "municipality__number"]
        constraints = [models.UniqueConstraint(fields=["offer", "municipality"], name="programmes_unique_site")]

    def __str__(self) -> str:
        return f"{self.offer} i {self.municipality}"

    def runs_in(self, year: int) -> bool:
        return self.since_year <= year and (self.until_year is None or year <= self.until_year)


def course_end_year(starts_on: datetime.date | None, ends_on: datetime.date | None, year: int) -> int:
    """The year a course is expected to end (two semesters from autumn end in the next spring)."""
    if ends_on is not None:
        return ends_on.year
    return (starts_on.year if starts_on else year) + 1


ZERO = Decimal(0)
