"""Staff and competence of a child welfare service.

Norwegian words: ansatt (Employee), stilling (position), stillingsprosent (FTE in per cent),
utdanning (Education), videreutdanning (FurtherEducation, studiepoeng = ECTS), metodesertifisering
(Certification), ledig stilling (Vacancy), kompetansekrav (RequirementRule), kompetanserammeverk
(FrameworkArea, ScaleLevel), kartlegging (MappingRound, MappingAnswer), kompetanseplan
(CompetencePlan, PlanMeasure).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib import formatting
from fagloft.lib.models import Scoped
from fagloft.organizations.models import Service, TimeStamped

SERVICE_SCOPE = {
    "service": "service",
    "municipality": "service__coverages__municipality",
    "county": "service__coverages__municipality__county_periods__county",
}


def _through(prefix: str) -> dict[str, str]:
    return {level: f"{prefix}__{path}" for level, path in SERVICE_SCOPE.items()}


def ects_text(ects: Decimal | float | int | None) -> str:
    """«30 sp», «7,5 sp»: whole credits without decimals, half credits with one."""
    if ects is None:
        return ""
    value = Decimal(str(ects))
    return f"{formatting.number(value, 0 if value == value.to_integral_value() else 1)}\u00a0sp"


class Position(models.TextChoices):
    CASE_WORKER = "case_worker", _("Saksbehandler")
    LEADER = "leader", _("Leder")
    DEPUTY_LEADER = "deputy_leader", _("Nestleder")
    OTHER = "other", _("Annen stilling")


LEADER_POSITIONS = (Position.LEADER, Position.DEPUTY_LEADER)


class Employee(Scoped, TimeStamped, Versioned):
    """One employment period of a person in a service (ansettelsesforhold)."""

    service = models.ForeignKey(Service, verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="employees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employments",
    )
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("etternavn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    position = models.CharField(_("stilling"), max_length=20, choices=Position.choices, default=Position.CASE_WORKER)
    fte_percent = models.DecimalField(
        _("stillingsprosent"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(100),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    started_on = models.DateField(_("ansatt fra"))
    ended_on = models.DateField(_("sluttet"), null=True, blank=True)
    does_core_tasks = models.BooleanField(
        _("utfører kjerneoppgaver"),
        default=True,
        help_text=_(
            "Vurderer meldinger, gjør undersøkelser, treffer vedtak om hjelpetiltak, forbereder saker for "
            "barneverns- og helsenemnda eller følger opp tiltak."
        ),
    )
    prior_experience_years = models.DecimalField(
        _("tidligere barnevernserfaring (år)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text=_("Dokumentert arbeidserfaring fra barnevern før denne ansettelsen."),
    )
    leadership_training = models.CharField(_("lederutdanning"), max_length=300, blank=True)
    languages = models.CharField(
        _("språk"), max_length=300, blank=True, help_text=_("For eksempel nordsamisk, arabisk, polsk.")
    )
    sami_competence = models.BooleanField(_("samisk språk- og kulturkompetanse"), default=False)
    culture_competence = models.CharField(_("kulturkompetanse"), max_length=300, blank=True)
    exemption_until = models.DateField(
        _("dispensasjon fra kompetansekravene til"),
        null=True,
        blank=True,
        help_text=_("Unntak der kvalifisert personell ikke kan skaffes (kontroller hjemmel)."),
    )
    is_demo = models.BooleanField(_("demodata"), default=False)
    anonymised_at = models.DateTimeField(_("anonymisert"), null=True, blank=True)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("ansatt")
        verbose_name_plural = _("ansatte")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [models.Index(fields=["service", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def name(self) -> str:
        return str(self)

    def is_active_on(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    @property
    def is_leader(self) -> bool:
        return self.position in LEADER_POSITIONS


class EducationLevel(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    OTHER = "other", _("Annet nivå")


class EducationField(models.TextChoices):
    CHILD_WELFARE = "child_welfare", _("Barnevern")
    SOCIAL_WORK = "social_work", _("Sosialt arbeid (sosionom)")
    SOCIAL_EDUCATION = "social_education", _("Vernepleie")
    OTHER_RELEVANT = "other_relevant", _("Annen relevant utdanning")
    OTHER = "other", _("Annen utdanning")


RELEVANT_FIELDS = (
    EducationField.CHILD_WELFARE,
    EducationField.SOCIAL_WORK,
    EducationField.SOCIAL_EDUCATION,
    EducationField.OTHER_RELEVANT,
)


class Status(models.TextChoices):
    COMPLETED = "completed", _("Fullført")
    ONGOING = "ongoing", _("Pågår")


class Education(Scoped, models.Model):
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="educations")
    level = models.CharField(_("nivå"), max_length=20, choices=EducationLevel.choices)
    field = models.CharField(_("fagfelt"), max_length=20, choices=EducationField.choices)
    year = models.PositiveSmallIntegerField(_("år fullført eller ventet fullført"))
    institution = models.CharField(_("lærested"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COMPLETED)

    SCOPE_PATHS = _through("employee")

    class Meta:
        verbose_name = _("utdanning")
        verbose_name_plural = _("utdanninger")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.get_field_display()} ({self.year})"


class Programme(models.TextChoices):
    RELATIONAL = "relational", _("Relasjonskompetanse og samarbeid med barn og familier")
    BEST_INTERESTS = "best_interests", _("Vurdering av barnets beste")
    LAW = "law", _("Juss i barnevernfaglig arbeid")
    LEADERSHIP = "leadership", _("Barnevernsledelse")
    SUPERVISION = "supervision", _("Veiledning")
    MINORITY = "minority", _("Barnevern i et minoritetsperspektiv")
    OTHER_RELEVANT = "other_relevant", _("Annen relevant videreutdanning")
    OTHER = "other", _("Annen videreutdanning")


NATIONAL_PROGRAMMES = (
    Programme.RELATIONAL,
    Programme.BEST_INTERESTS,
    Programme.LAW,
    Programme.LEADERSHIP,
    Programme.SUPERVISION,
    Programme.MINORITY,
)
RELEVANT_PROGRAMMES = (*NATIONAL_PROGRAMMES, Programme.OTHER_RELEVANT)


class FurtherEducation(Scoped, models.Model):
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="further_educations")
    programme = models.CharField(_("studium"), max_length=20, choices=Programme.choices)
    title = models.CharField(_("navn på studiet"), max_length=200, blank=True)
    ects = models.DecimalField(
        _("studiepoeng"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(300)]
    )
    year = models.PositiveSmallIntegerField(_("år fullført eller ventet fullført"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COMPLETED)
    institution = models.CharField(_("lærested"), max_length=200, blank=True)

    SCOPE_PATHS = _through("employee")

    class Meta:
        verbose_name = _("videreutdanning")
        verbose_name_plural = _("videreutdanninger")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.title or self.get_programme_display()} ({ects_text(self.ects)}, {self.year})"


class Method(models.TextChoices):
    PMTO = "pmto", "PMTO"
    ICDP = "icdp", "ICDP"
    MST = "mst", "MST"
    FFT = "fft", "FFT"
    SIGNS_OF_SAFETY = "signs_of_safety", "Signs of Safety"
    CIRCLE_OF_SECURITY = "circle_of_security", "Circle of Security"
    DIALOGUE_TOOLS = "dialogue_tools", _("Dialogverktøy (DCM)")
    OTHER = "other", _("Annen metode")


class Certification(Scoped, models.Model):
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="certifications")
    method = models.CharField(_("metode"), max_length=30, choices=Method.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    note = models.CharField(_("merknad"), max_length=200, blank=True)

    SCOPE_PATHS = _through("employee")

    class Meta:
        verbose_name = _("metodesertifisering")
        verbose_name_plural = _("metodesertifiseringer")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} ({self.year})"


class Vacancy(Scoped, TimeStamped):
    """A position that stands empty (ledig stilling), from when until it was filled."""

    service = models.ForeignKey(Service, verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="vacancies")
    position = models.CharField(_("stilling"), max_length=20, choices=Position.choices, default=Position.CASE_WORKER)
    fte_percent = models.DecimalField(
        _("stillingsprosent"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(100),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    vacant_from = models.DateField(_("ledig fra"))
    filled_on = models.DateField(_("besatt"), null=True, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("ledig stilling")
        verbose_name_plural = _("ledige stillinger")
        ordering = ["-vacant_from", "pk"]

    def __str__(self) -> str:
        share, day = formatting.percent(self.fte_percent, 0), formatting.date(self.vacant_from)
        return f"{self.get_position_display()} {share} ({day})"


class RequirementRule(models.Model):
    """The competence requirements' dates and thresholds as data (lovvedtak 174 (2020–2021)).

    Only one row is in force at a time (the one with the latest `decided_on`); an admin corrects the
    figures if the law changes, and the rules in `requirements.py` read them from here.
    """

    name = models.CharField(_("navn"), max_length=200)
    decided_on = models.DateField(_("vedtatt"))
    applies_from = models.DateField(_("kravene gjelder fra"))
    documented_by = models.DateField(_("erfaring og videreutdanning dokumentert innen"))
    min_experience_years = models.DecimalField(_("minste erfaring (år)"), max_digits=4, decimal_places=1)
    min_further_ects = models.DecimalField(
        _("minste relevante videreutdanning (studiepoeng)"), max_digits=5, decimal_places=1
    )
    source_url = models.URLField(_("kilde"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("kompetansekrav")
        verbose_name_plural = _("kompetansekrav")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return self.name


class CompetenceSettings(models.Model):
    """Settings the admin sets in the application (one row)."""

    retention_days = models.PositiveIntegerField(
        _("oppbevaringstid etter sluttdato (dager)"),
        default=730,
        help_text=_("Etter så mange dager blir opplysninger om ansatte som har sluttet, anonymisert."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minste gruppe som vises"),
        default=5,
        validators=[MinValueValidator(2)],
        help_text=_("Resultater for færre personer enn dette vises ikke, av hensyn til personvernet."),
    )
    small_service_fte = models.DecimalField(
        _("grense for liten tjeneste (årsverk)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(5),
    )
    strategy_start_year = models.PositiveSmallIntegerField(_("strategiperioden fra år"), default=2018)
    strategy_end_year = models.PositiveSmallIntegerField(_("strategiperioden til år"), default=2024)
    further_education_target = models.DecimalField(
        _("mål for andel med videreutdanning"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.333"),
    )

    class Meta:
        verbose_name = _("innstillinger for kompetanse")
        verbose_name_plural = _("innstillinger for kompetanse")

    def __str__(self) -> str:
        return str(_("Innstillinger for kompetanse"))

    @classmethod
    def current(cls) -> CompetenceSettings:
        row = cls.objects.order_by("pk").first()
        return row if row is not None else cls.objects.create()


class _Translated(models.Model):
    name_nb = models.CharField(_("navn (bokmål)"), max_length=200)
    name_nn = models.CharField(_("navn (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("navn (engelsk)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nb")[:2]
        return {"nn": self.name_nn, "en": self.name_en}.get(language) or self.name_nb


class FrameworkArea(_Translated):
    """An area of the national competence framework (kompetanseområde)."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    sort_order = models.PositiveIntegerField(_("rekkefølge"), default=100)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("kompetanseområde")
        verbose_name_plural = _("kompetanseområder")
        ordering = ["sort_order", "code"]


class ScaleLevel(_Translated):
    """One step of the 1–4 rating scale, with its descriptor."""

    value = models.PositiveSmallIntegerField(
        _("verdi"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    descriptor = models.TextField(_("beskrivelse"))

    class Meta:
        verbose_name = _("skalatrinn")
        verbose_name_plural = _("skalatrinn")
        ordering = ["value"]


class MappingRound(Scoped, TimeStamped, Versioned):
    """A mapping round (kartlegging) the leader opens for the service's staff."""

    class State(models.TextChoices):
        OPEN = "open", _("Åpen")
        CLOSED = "closed", _("Avsluttet")

    service = models.ForeignKey(
        Service, verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="mapping_rounds"
    )
    title = models.CharField(_("tittel"), max_length=200)
    opened_on = models.DateField(_("åpnet"))
    closes_on = models.DateField(_("svarfrist"), null=True, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    areas = models.ManyToManyField(FrameworkArea, verbose_name=_("kompetanseområder"), related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("kartlegging")
        verbose_name_plural = _("kartlegginger")
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class MappingAnswer(Scoped, models.Model):
    """One employee's rating of one area in a round: their own, and the leader's."""

    round = models.ForeignKey(MappingRound, on_delete=models.CASCADE, related_name="answers")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="mapping_answers")
    area = models.ForeignKey(FrameworkArea, on_delete=models.PROTECT, related_name="+")
    self_rating = models.PositiveSmallIntegerField(
        _("egen vurdering"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    leader_rating = models.PositiveSmallIntegerField(
        _("leders vurdering"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    comment = models.CharField(_("kommentar"), max_length=500, blank=True)

    SCOPE_PATHS = _through("round")

    class Meta:
        verbose_name = _("svar i kartlegging")
        verbose_name_plural = _("svar i kartlegging")
        constraints = [models.UniqueConstraint(fields=["round", "employee", "area"], name="unique_mapping_answer")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.employee_id}/{self.area_id}"


class CompetencePlan(Scoped, TimeStamped, Versioned):
    """The service's competence plan (kompetanseplan)."""

    service = models.ForeignKey(
        Service, verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="competence_plans"
    )
    title = models.CharField(_("tittel"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("fra år"))
    end_year = models.PositiveSmallIntegerField(_("til år"))
    summary = models.TextField(_("sammendrag"), blank=True)
    # The revision of the network's overall plan this plan follows; the overall plan page shows
    # the reverse side through `competence/links.py` (networks sits below competence).
    network_plan = models.ForeignKey(
        "networks.OverallPlan",
        verbose_name=_("nettverkets overordnede plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Revisjonen av læringsnettverkets plan som kompetanseplanen bygger på."),
    )
    # The risk and status assessment whose needs the plan answers (the latest when made from needs).
    assessment = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("risiko- og tilstandsvurdering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("kompetanseplan")
        verbose_name_plural = _("kompetanseplaner")
        ordering = ["-start_year", "-pk"]

    def __str__(self) -> str:
        return self.title


class MeasureKind(models.TextChoices):
    COURSE = "course", _("Kurs")
    FURTHER_EDUCATION = "further_education", _("Videreutdanning")
    SERVICE_SUPPORT = "service_support", _("Tjenestestøtteprogrammet")
    NETWORK_ACTIVITY = "network_activity", _("Aktivitet i læringsnettverket")
    RECRUITMENT = "recruitment", _("Rekruttering")
    SUPERVISION = "supervision", _("Veiledning")


class MeasureOrigin(models.TextChoices):
    """Where a plan measure came from, so the plan shows why each measure is there."""

    NEED = "need", _("Behov i risiko- og tilstandsvurderingen")
    FOLLOW_UP = "follow_up", _("Oppfølgingstiltak i risiko- og tilstandsvurderingen")
    MAPPING_GAP = "mapping_gap", _("Kartlegging av kompetanse")
    REQUIREMENT = "requirement", _("Kompetansekravet 2031")
    VACANCY = "vacancy", _("Ledige stillinger")
    OWN = "own", _("Lagt inn i planen")


class PlanMeasure(Scoped, TimeStamped, Versioned):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Gjennomført")
        CANCELLED = "cancelled", _("Avlyst")

    origin = models.CharField(_("kommer fra"), max_length=20, choices=MeasureOrigin.choices, default=MeasureOrigin.OWN)
    # The assessment need (or follow-up measure) the measure answers; the assessment page shows
    # the reverse side through `competence/links.py`.
    need = models.ForeignKey(
        "assessments.Need",
        verbose_name=_("behov"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up = models.ForeignKey(
        "assessments.FollowUpMeasure",
        verbose_name=_("oppfølgingstiltak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    plan = models.ForeignKey(CompetencePlan, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("type tiltak"), max_length=30, choices=MeasureKind.choices)
    description = models.CharField(_("beskrivelse"), max_length=500)
    area = models.ForeignKey(
        FrameworkArea,
        verbose_name=_("kompetanseområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gap = models.CharField(_("behov tiltaket dekker"), max_length=300, blank=True)
    owner = models.CharField(_("ansvarlig"), max_length=200)
    cost = models.DecimalField(
        _("kostnad (kr)"), max_digits=12, decimal_places=0, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    due_on = models.DateField(_("gjennomføres innen"), null=True, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PLANNED)

    SCOPE_PATHS = _through("plan")

    class Meta:
        verbose_name = _("tiltak i kompetanseplan")
        verbose_name_plural = _("tiltak i kompetanseplan")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description
