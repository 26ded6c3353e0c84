"""The yearly risk and status assessment (risiko- og tilstandsvurdering), its signals, dialogue
meetings (dialogmøter) and guidance teams (veiledningsteam).

Themes, risk bands and signal rules are data, not constants: the county and Bufdir adjust them
without a release (`docs/domain.md`: bands configurable; rules configurable by county and Bufdir).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib import formatting
from fagloft.lib.models import Scoped
from fagloft.organizations.models import County, Municipality, Service, TimeStamped

SERVICE_SCOPE = {
    "county": "service__coverages__municipality__county_periods__county",
    "municipality": "service__coverages__municipality",
    "service": "service",
}


def _scoped(prefix: str) -> dict[str, str]:
    return {level: f"{prefix}__{path}" for level, path in SERVICE_SCOPE.items()}


def _service_audit_scope(service: Service) -> dict[str, int | None]:
    # A service may cover several municipalities; its audit rows belong to the host municipality.
    # The derived scope (fagloft.lib.models.Scoped) only asks the service when Service is itself
    # Scoped; until it is, the fan-out path would leave county and municipality out.
    host = service.host_municipality
    return {"county_id": host.county_id, "municipality_id": host.pk, "service_id": service.pk}


class RiskLevel(models.TextChoices):
    LOW = "low", _("Lav")
    MODERATE = "moderate", _("Moderat")
    HIGH = "high", _("Høy")


class Theme(models.Model):
    """A theme of the template (`docs/domain.md`), with the questions the service answers."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name_nb = models.CharField(_("navn (bokmål)"), max_length=200)
    name_nn = models.CharField(_("navn (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("navn (engelsk)"), max_length=200, blank=True)
    # The template's qualitative questions (bokmål), answered one by one. The bokmål list is the
    # key: answers are stored by position, and the nynorsk/English lists follow the same order (an
    # empty or missing text falls back to bokmål).
    questions = models.JSONField(_("spørsmål"), default=list, blank=True)
    questions_nn = models.JSONField(_("spørsmål (nynorsk)"), default=list, blank=True)
    questions_en = models.JSONField(_("spørsmål (engelsk)"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=100)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nb")[:2]
        return {"nn": self.name_nn, "en": self.name_en}.get(language) or self.name_nb

    @property
    def question_texts(self) -> list[str]:
        """The questions in the user's language, in the order (and number) of the bokmål `questions`."""
        language = (get_language() or "nb")[:2]
        translated = list({"nn": self.questions_nn, "en": self.questions_en}.get(language) or [])
        return [
            (translated[n] if n < len(translated) and translated[n] else question)
            for n, question in enumerate(self.questions or [])
        ]


class RiskBand(models.Model):
    """Likelihood × consequence products up to `max_score` fall in `level` (lowest band first)."""

    level = models.CharField(_("risikonivå"), max_length=10, choices=RiskLevel.choices, unique=True)
    max_score = models.PositiveSmallIntegerField(
        _("høyeste produkt"), validators=[MinValueValidator(1), MaxValueValidator(25)]
    )

    class Meta:
        verbose_name = _("risikobånd")
        verbose_name_plural = _("risikobånd")
        ordering = ["max_score"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ≤ {self.max_score}"


class RiskSuggestionRule(Versioned, TimeStamped):
    """How the overall risk level is suggested from the theme scores: one national row, edited by
    Bufdir or the administrator (`services.update_risk_rule`)."""

    class Method(models.TextChoices):
        HIGHEST = "highest", _("Høyeste risikobånd blant temaene")
        COUNT = "count", _("Antall temaer i hvert bånd")

    method = models.CharField(_("regel"), max_length=10, choices=Method.choices, default=Method.HIGHEST)
    # For the counting rule: high when at least this many themes are high, moderate when at least
    # `min_moderate_themes` are moderate or high, else low.
    min_high_themes = models.PositiveSmallIntegerField(
        _("minste antall temaer med høy risiko"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    min_moderate_themes = models.PositiveSmallIntegerField(
        _("minste antall temaer med moderat eller høy risiko"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )

    class Meta:
        verbose_name = _("regel for foreslått risikonivå")
        verbose_name_plural = _("regler for foreslått risikonivå")

    def __str__(self) -> str:
        return str(self.get_method_display())


class ThemeIndicator(models.Model):
    """An indicator whose latest figure prefills «status i dag» in a theme (data, not code: the
    administrator adds a row when the statistics catalogue gets a new figure)."""

    theme = models.ForeignKey(Theme, verbose_name=_("tema"), on_delete=models.CASCADE, related_name="indicators")
    indicator_code = models.CharField(_("indikatorkode"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=100)

    class Meta:
        verbose_name = _("indikator i tema")
        verbose_name_plural = _("indikatorer i tema")
        ordering = ["theme__sort_order", "sort_order", "indicator_code"]
        constraints = [models.UniqueConstraint(fields=["theme", "indicator_code"], name="unique_theme_indicator")]

    def __str__(self) -> str:
        return f"{self.theme}: {self.indicator_code}"


class Assessment(Scoped, Versioned, TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Sendt til kommuneledelsen")
        FORWARDED = "forwarded", _("Sendt til Statsforvalteren")
        DISCUSSED = "discussed", _("Drøftet i dialogmøte")
        FINAL = "final", _("Endelig")

    service = models.ForeignKey(
        Service, verbose_name=_("tjeneste"), on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    # The version number the users see (1, 2 …); `version` from Versioned is the edit counter.
    revision = models.PositiveSmallIntegerField(_("versjon"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("forrige versjon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_revision",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    conclusion = models.TextField(_("konklusjon"), blank=True)
    risk_level = models.CharField(_("samlet risikonivå"), max_length=10, choices=RiskLevel.choices, blank=True)
    # The level the theme scores suggested when the assessment was submitted (`suggestions.py`);
    # while a draft, the suggestion is computed live.
    suggested_risk_level = models.CharField(
        _("foreslått risikonivå"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    # Required when the service chooses another level than the suggested one; the county reads it.
    risk_level_reason = models.TextField(_("begrunnelse for valgt risikonivå"), max_length=2000, blank=True)
    leadership_commitment = models.TextField(_("hva kommuneledelsen forplikter seg til"), blank=True)
    signals_snapshot = models.JSONField(_("signaler ved innsending"), default=list, blank=True)
    due_date = models.DateField(_("frist for innsending"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("sendt til Statsforvalteren"), null=True, blank=True)
    # When the municipal leadership last sent it back to the service; cleared when resubmitted.
    returned_at = models.DateTimeField(_("sendt tilbake til tjenesten"), null=True, blank=True)
    discussed_at = models.DateTimeField(_("drøftet"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("endelig"), null=True, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("risiko- og tilstandsvurdering")
        verbose_name_plural = _("risiko- og tilstandsvurderinger")
        ordering = ["-year", "service__name", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["service", "year", "revision"], name="unique_assessment_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.year} v{self.revision}"

    def audit_scope(self) -> dict[str, int | None]:  # see _service_audit_scope
        return _service_audit_scope(self.service)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.FINAL


class ThemeEntry(Scoped, Versioned):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="entries")
    theme = models.ForeignKey(Theme, verbose_name=_("tema"), on_delete=models.PROTECT, related_name="+")
    status_today = models.TextField(_("status i dag"), blank=True)
    own_judgement = models.TextField(_("tjenestens egen vurdering"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("sannsynlighet"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    consequence = models.PositiveSmallIntegerField(
        _("konsekvens"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # Answers to the theme's questions, in the same order as Theme.questions.
    answers = models.JSONField(_("svar"), default=list, blank=True)

    SCOPE_PATHS = _scoped("assessment")

    class Meta:
        verbose_name = _("tema i vurderingen")
        verbose_name_plural = _("temaer i vurderingen")
        ordering = ["theme__sort_order", "theme__code"]
        constraints = [models.UniqueConstraint(fields=["assessment", "theme"], name="unique_theme_entry")]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.theme}"

    @property
    def score(self) -> int | None:
        if self.likelihood is None or self.consequence is None:
            return None
        return self.likelihood * self.consequence


class Need(Scoped, TimeStamped):
    """One thing the service needs, from the assessment's conclusion. The start of the chain:
    competence plan measures, network plan priorities, projects, programmes and guidance
    engagements point at needs with a foreign key (the link lives in the higher app)."""

    class Kind(models.TextChoices):
        COMPETENCE = "competence", _("Kompetanse")
        CAPACITY = "capacity", _("Kapasitet")
        GUIDANCE_TEAM = "guidance_team", _("Veiledningsteam")
        SERVICE_SUPPORT = "service_support", _("Tjenestestøtteprogrammet")
        NEIGHBOURS = "neighbours", _("Samarbeid med nabokommuner")
        PROJECT = "project", _("Utviklingsprosjekt")
        OTHER = "other", _("Annet")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="need_items")
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("type behov"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("behov"), max_length=2000)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    SCOPE_PATHS = _scoped("assessment")

    class Meta:
        verbose_name = _("behov")
        verbose_name_plural = _("behov")
        ordering = ["assessment", "position", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def audit_scope(self) -> dict[str, int | None]:
        return _service_audit_scope(self.assessment.service)


class FollowUpMeasure(Scoped, Versioned, TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        IN_PROGRESS = "in_progress", _("Pågår")
        DONE = "done", _("Fullført")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="measures")
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(_("tiltak"))
    owner = models.CharField(_("ansvarlig"), max_length=200)
    deadline = models.DateField(_("frist"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)

    SCOPE_PATHS = _scoped("assessment")

    class Meta:
        verbose_name = _("oppfølgingstiltak")
        verbose_name_plural = _("oppfølgingstiltak")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class Comment(Scoped, models.Model):
    """A comment by the municipal leadership (or the county) on an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(_("navn"), max_length=200)
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    SCOPE_PATHS = _scoped("assessment")

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class SignalRule(Scoped, Versioned, TimeStamped):
    """A rule that turns indicator values into a signal. County rules apply in their county;
    rules without a county are Bufdir's national rules and apply everywhere."""

    class Kind(models.TextChoices):
        THRESHOLD = "threshold", _("Terskelverdi")
        TREND = "trend", _("Utvikling over år")
        PEER = "peer", _("Avvik fra sammenlignbare")
        VULNERABILITY = "vulnerability", _("Sårbarhet i små tjenester")

    class Severity(models.TextChoices):
        INFO = "info", _("Til orientering")
        WARNING = "warning", _("Bør følges opp")
        DANGER = "danger", _("Alvorlig")

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    # Empty for vulnerability rules, whose factors name their own indicators.
    indicator_code = models.CharField(_("indikatorkode"), max_length=60, blank=True)
    parameters = models.JSONField(_("parametere"), default=dict, blank=True)
    severity = models.CharField(_("alvorlighet"), max_length=10, choices=Severity.choices, default=Severity.WARNING)
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="rules"
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("fylke"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Tomt betyr nasjonal regel fra Bufdir."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    SCOPE_PATHS = {
        "county": "county",
        "municipality": "county__municipality_periods__municipality",
        "service": "county__municipality_periods__municipality__service_coverages__service",
    }

    class Meta:
        verbose_name = _("signalregel")
        verbose_name_plural = _("signalregler")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class DialogueMeeting(Scoped, Versioned, TimeStamped):
    county = models.ForeignKey(County, verbose_name=_("fylke"), on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("tjeneste"), on_delete=models.PROTECT, related_name="dialogue_meetings"
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("vurdering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("tidspunkt"))
    place = models.CharField(_("sted"), max_length=200)
    participants = models.TextField(_("deltakere"), blank=True)
    agenda = models.TextField(_("dagsorden"))
    minutes = models.TextField(_("referat"), blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = {"county": "county", "municipality": "municipality", "service": "service"}

    class Meta:
        verbose_name = _("dialogmøte")
        verbose_name_plural = _("dialogmøter")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.municipality.name} {formatting.date(self.starts_at)}"


class AgreedAction(Scoped, models.Model):
    meeting = models.ForeignKey(DialogueMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("avtalt oppfølging"))
    owner = models.CharField(_("ansvarlig"), max_length=200)
    owner_email = models.EmailField(_("e-post til ansvarlig"), blank=True)
    deadline = models.DateField(_("frist"))
    is_done = models.BooleanField(_("utført"), default=False)
    # Set when the reminder went out, so a daily run never sends it twice.
    reminded_at = models.DateTimeField(_("påminnelse sendt"), null=True, blank=True)

    SCOPE_PATHS = {level: f"meeting__{path}" for level, path in DialogueMeeting.SCOPE_PATHS.items()}

    class Meta:
        verbose_name = _("avtalt oppfølging")
        verbose_name_plural = _("avtalt oppfølging")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class GuidanceEngagement(Scoped, Versioned, TimeStamped):
    """A guidance team's work with a service, from nomination or request to outcome."""

    class Origin(models.TextChoices):
        NOMINATED = "nominated", _("Foreslått av Statsforvalteren")
        REQUESTED = "requested", _("Ønsket av kommunen")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Ønsket av kommunen")
        OFFERED = "offered", _("Tilbudt kommunen")
        ACCEPTED = "accepted", _("Takket ja")
        DECLINED = "declined", _("Takket nei eller avslått")
        RUNNING = "running", _("Pågår")
        ENDED = "ended", _("Avsluttet")

    service = models.ForeignKey(
        Service, verbose_name=_("tjeneste"), on_delete=models.PROTECT, related_name="guidance_engagements"
    )
    origin = models.CharField(_("initiativ"), max_length=12, choices=Origin.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OFFERED)
    # The assessment need (kind guidance_team) the municipality asked from, when it did.
    need = models.ForeignKey(
        Need,
        verbose_name=_("behov"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_engagements",
    )
    reason = models.TextField(_("begrunnelse"), max_length=5000)
    # The answer to the last step (the municipality's reason for declining, the county's for turning
    # a request down).
    answer_note = models.TextField(_("svar"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    period_start = models.DateField(_("periode fra"), null=True, blank=True)
    period_end = models.DateField(_("periode til"), null=True, blank=True)
    committed_time = models.CharField(_("tid kommunen setter av"), max_length=300, blank=True)
    committed_people = models.TextField(_("personer kommunen setter av"), blank=True)
    outcome = models.TextField(_("resultat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("veiledningsteam-oppdrag")
        verbose_name_plural = _("veiledningsteam-oppdrag")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_origin_display()}"

    def audit_scope(self) -> dict[str, int | None]:  # see _service_audit_scope
        return _service_audit_scope(self.service)


class GuidanceSession(Scoped, models.Model):
    engagement = models.ForeignKey(GuidanceEngagement, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("dato"))
    topic = models.CharField(_("tema"), max_length=300)
    notes = models.TextField(_("notater"), blank=True)

    SCOPE_PATHS = _scoped("engagement")

    class Meta:
        verbose_name = _("veiledningsmøte")
        verbose_name_plural = _("veiledningsmøter")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.topic}"
