"""The intervention bank (tiltaksbank), who offers what, coverage owners, the resource library, the
technology catalogue and the casework deadlines (see README.md).

Norwegian words: tiltak (Intervention), tilbud (Offer), tiltakspyramiden (the measures pyramid:
universelle, selekterte, indikerte tiltak), tiltakskategori (MeasureCategory, SSB's codes),
anbefalte hjelpetiltak (RecommendedMeasure, Bufdir's list), ressursbibliotek (LibraryItem),
teknologikatalog (Technology, TechnologyTrial), saksbehandlingsfrister (CaseDeadline).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib.models import Scoped, TimeStamped

SERVICE_SCOPE = {
    "service": "service",
    "municipality": "service__coverages__municipality",
    "county": "service__coverages__municipality__county_periods__county",
}


def _through(prefix: str, scope: dict[str, str]) -> dict[str, str]:
    return {level: f"{prefix}__{path}" for level, path in scope.items()}


NETWORK_SCOPE = {
    "county": "network__county",
    "municipality": "network__members__municipality",
    "service": "network__members__municipality__service_coverages__service",
}
MUNICIPALITY_SCOPE = {
    "municipality": "municipality",
    "county": "municipality__county_periods__county",
    "service": "municipality__service_coverages__service",
}


class Level(models.TextChoices):
    """The levels of the measures pyramid (tiltakspyramiden)."""

    UNIVERSAL = "universal", _("Universelt")
    SELECTED = "selected", _("Selektert")
    INDICATED = "indicated", _("Indikert")


class MeasureCategory(models.Model):
    """SSB's measure category (tiltakskategori) of the KOSTRA 15F file and the BVR: the code list of
    `Tiltak/Kategori/@Kode` in Individ.xsd, so the bank and the 15F figures use the same codes."""

    code = models.CharField(_("kode"), max_length=5, unique=True)
    name = models.CharField(_("navn"), max_length=300)
    group = models.CharField(_("hovedgruppe"), max_length=100)
    needs_precision = models.BooleanField(_("krever presisering"), default=False)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("tiltakskategori")
        verbose_name_plural = _("tiltakskategorier")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EvidenceScale(models.TextChoices):
    # Ungsinn's current classification (articles from November 2015): levels 0–5.
    UNGSINN_2015 = "ungsinn_2015", _("Ungsinn, nivå 0–5 (fra 2015)")
    # The older four-level scale used before November 2015 (1 potensielt … 4 dokumentert virksomt).
    UNGSINN_OLD = "ungsinn_old", _("Ungsinn, eldre skala 1–4 (før 2015)")
    UNKNOWN = "unknown", _("Ikke vurdert / ukjent")


class ProviderType(models.TextChoices):
    """Who provides the intervention after the 2022 reform (barnevernsreformen)."""

    STATE = "state", _("Staten (Bufetat)")
    MUNICIPAL = "municipal", _("Kommunen")
    BOTH = "both", _("Både stat og kommune")
    OTHER = "other", _("Andre (privat, ideell, helse)")


class Intervention(TimeStamped, Versioned):
    """One intervention in the national bank, curated by Bufdir; everyone signed in reads it."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnavn"), max_length=40, blank=True)
    description = models.TextField(_("beskrivelse"), max_length=4000, blank=True)
    age_from = models.PositiveSmallIntegerField(
        _("alder fra"), null=True, blank=True, validators=[MaxValueValidator(25)]
    )
    age_to = models.PositiveSmallIntegerField(_("alder til"), null=True, blank=True, validators=[MaxValueValidator(25)])
    problem = models.CharField(_("målgruppe (problem)"), max_length=300, blank=True)
    universal = models.BooleanField(_("universelt nivå"), default=False)
    selected = models.BooleanField(_("selektert nivå"), default=False)
    indicated = models.BooleanField(_("indikert nivå"), default=False)
    categories = models.ManyToManyField(
        MeasureCategory, verbose_name=_("tiltakskategorier (SSB)"), blank=True, related_name="interventions"
    )
    evidence_scale = models.CharField(
        _("evidensskala"), max_length=20, choices=EvidenceScale.choices, default=EvidenceScale.UNKNOWN
    )
    evidence_level = models.PositiveSmallIntegerField(
        _("evidensnivå"), null=True, blank=True, validators=[MaxValueValidator(5)]
    )
    evidence_url = models.URLField(_("lenke til vurderingen"), max_length=500, blank=True)
    evidence_reviewed_on = models.DateField(_("vurdert dato"), null=True, blank=True)
    certification_required = models.BooleanField(_("krever sertifisering"), default=False)
    certifier = models.CharField(_("sertifiseres av"), max_length=200, blank=True)
    # The method code of competence's Certification (pmto, icdp, mst …) that qualifies staff.
    certification_method = models.CharField(_("sertifiseringsmetode i kompetanseregisteret"), max_length=30, blank=True)
    certification_valid_years = models.PositiveSmallIntegerField(
        _("sertifisering gyldig (år)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Tomt betyr at bortfall ikke er kjent; da regnes sertifiseringen som gyldig."),
    )
    provider_type = models.CharField(
        _("tilbyder etter 2022"), max_length=20, choices=ProviderType.choices, default=ProviderType.MUNICIPAL
    )
    source_url = models.URLField(_("kilde"), max_length=500, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_from__isnull=True) | Q(age_to__isnull=True) | Q(age_from__lte=models.F("age_to")),
                name="intervention_age_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def levels(self) -> list[str]:
        return [level for level in Level.values if getattr(self, level)]

    def level_labels(self) -> list[str]:
        return [str(Level(level).label) for level in self.levels]


class RecommendedMeasure(Versioned):
    """Bufdir's list of support measures every municipality should have access to (the national
    plan for support measures); reference data the administrator keeps. A measure is covered by an
    offer of one of its interventions, or of any intervention in one of its categories."""

    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), max_length=2000, blank=True)
    level = models.CharField(_("nivå i tiltakspyramiden"), max_length=20, choices=Level.choices)
    interventions = models.ManyToManyField(
        Intervention, verbose_name=_("tiltak som dekker det"), blank=True, related_name="recommendations"
    )
    categories = models.ManyToManyField(
        MeasureCategory, verbose_name=_("kategorier som dekker det"), blank=True, related_name="recommendations"
    )
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("anbefalt hjelpetiltak")
        verbose_name_plural = _("anbefalte hjelpetiltak")
        ordering = ["level", "position", "name"]

    def __str__(self) -> str:
        return self.name


class Offer(Scoped, TimeStamped, Versioned):
    """That a service offers an intervention, or has access to it, and through whom."""

    class Delivery(models.TextChoices):
        OWN = "own", _("Egne ansatte")
        NEIGHBOUR = "neighbour", _("Nabokommune etter samarbeidsavtale")
        BUFETAT = "bufetat", _("Bufetat")
        PRIVATE = "private", _("Privat eller ideell leverandør")

    class CapacityUnit(models.TextChoices):
        PLACES = "places", _("plasser per år")
        HOURS = "hours", _("timer per år")
        FAMILIES = "families", _("familier per år")

    service = models.ForeignKey(
        "organizations.Service", verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="knowledge_offers"
    )
    intervention = models.ForeignKey(
        Intervention, verbose_name=_("tiltak"), on_delete=models.PROTECT, related_name="offers"
    )
    delivery = models.CharField(_("levert av"), max_length=20, choices=Delivery.choices, default=Delivery.OWN)
    agreement = models.ForeignKey(
        "organizations.CooperationAgreement",
        verbose_name=_("samarbeidsavtale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_offers",
    )
    provider_name = models.CharField(_("leverandør"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("kapasitet"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    capacity_unit = models.CharField(
        _("enhet for kapasitet"), max_length=20, choices=CapacityUnit.choices, default=CapacityUnit.PLACES
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("ventetid (uker)"), null=True, blank=True, validators=[MaxValueValidator(260)]
    )
    staff = models.ManyToManyField(
        "competence.Employee", verbose_name=_("sertifiserte ansatte"), blank=True, related_name="knowledge_offers"
    )
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["intervention__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service", "intervention", "delivery"], name="unique_offer_per_delivery")
        ]

    def __str__(self) -> str:
        return f"{self.intervention} – {self.service}"


class LevelOwner(Scoped, TimeStamped, Versioned):
    """Who in the municipality owns one level of the pyramid (seed 004: separate roles for
    universal, selected and indicated measures)."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="knowledge_level_owners",
    )
    level = models.CharField(_("nivå"), max_length=20, choices=Level.choices)
    role_title = models.CharField(_("rolle"), max_length=200)
    person = models.CharField(_("navn"), max_length=200, blank=True)
    unit = models.CharField(_("enhet (skole, helse, barnevern …)"), max_length=200, blank=True)

    SCOPE_PATHS = MUNICIPALITY_SCOPE

    class Meta:
        verbose_name = _("eier av nivå")
        verbose_name_plural = _("eiere av nivåer")
        ordering = ["municipality__number", "level"]
        constraints = [models.UniqueConstraint(fields=["municipality", "level"], name="unique_level_owner")]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_level_display()} – {self.role_title}"


# Resource library ---------------------------------------------------------------------------


class LibraryCoordinator(Scoped, TimeStamped):
    """The role record: who coordinates (approves what is published in) a network's library."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("nettverk"), on_delete=models.CASCADE, related_name="library_coordinators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        on_delete=models.CASCADE,
        related_name="library_coordinations",
    )

    SCOPE_PATHS = NETWORK_SCOPE

    class Meta:
        verbose_name = _("bibliotekkoordinator")
        verbose_name_plural = _("bibliotekkoordinatorer")
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="unique_library_coordinator")]

    def __str__(self) -> str:
        return f"{self.user} ({self.network})"


class LibraryItem(Scoped, TimeStamped, Versioned):
    """A template or guide in a network's library, or in the national one (no network)."""

    class Kind(models.TextChoices):
        INVESTIGATION = "investigation", _("Undersøkelsesmal")
        CHILD_CONVERSATION = "child_conversation", _("Dokumentasjon av barnesamtaler")
        ROUTINE = "routine", _("Rutine eller retningslinje")
        INTERNAL_CONTROL = "internal_control", _("Internkontroll og styringssystem")
        GUIDE = "guide", _("Veileder")
        OTHER = "other", _("Annet")

    class Licence(models.TextChoices):
        CC_BY = "cc_by", _("CC BY 4.0")
        CC_BY_SA = "cc_by_sa", _("CC BY-SA 4.0")
        NLOD = "nlod", _("Norsk lisens for offentlige data (NLOD)")
        INTERNAL = "internal", _("Kun til bruk i barneverntjenester")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Venter på godkjenning")
        PUBLISHED = "published", _("Publisert")
        WITHDRAWN = "withdrawn", _("Trukket tilbake")

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("nettverk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="library_items",
        help_text=_("Tomt betyr det nasjonale biblioteket."),
    )
    title = models.CharField(_("tittel"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.GUIDE)
    description = models.TextField(_("beskrivelse"), max_length=2000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eier"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="library_items",
    )
    owner_name = models.CharField(_("eier (navn eller enhet)"), max_length=200)
    licence = models.CharField(_("lisens"), max_length=20, choices=Licence.choices, default=Licence.CC_BY)
    last_reviewed_on = models.DateField(_("sist gjennomgått"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The version readers get; a newer version waits for approval while this one stays published.
    published_version = models.ForeignKey(
        "LibraryVersion",
        verbose_name=_("publisert versjon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    downloads = models.PositiveIntegerField(_("nedlastinger"), default=0)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = NETWORK_SCOPE

    class Meta:
        verbose_name = _("mal eller veileder")
        verbose_name_plural = _("maler og veiledere")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


def library_upload_path(instance: LibraryVersion, filename: str) -> str:
    # The stored name never comes from the user: the original is kept in `file_name`.
    return f"knowledge/library/{datetime.date.today():%Y}/{instance.sha256[:16]}{_suffix(filename)}"


def _suffix(name: str) -> str:
    return name[name.rfind(".") :].lower() if "." in name else ""


class LibraryVersion(Scoped, TimeStamped):
    class State(models.TextChoices):
        PENDING = "pending", _("Venter på godkjenning")
        APPROVED = "approved", _("Godkjent")
        REJECTED = "rejected", _("Avvist")

    item = models.ForeignKey(LibraryItem, verbose_name=_("mal"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versjon"))
    file = models.FileField(_("fil"), upload_to=library_upload_path, max_length=200)
    file_name = models.CharField(_("filnavn"), max_length=200)
    size = models.PositiveIntegerField(_("størrelse (byte)"))
    sha256 = models.CharField(_("sjekksum"), max_length=64)
    note = models.CharField(_("hva er endret"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lastet opp av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkjent av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("godkjent"), null=True, blank=True)

    SCOPE_PATHS = _through("item", NETWORK_SCOPE)

    class Meta:
        verbose_name = _("versjon")
        verbose_name_plural = _("versjoner")
        ordering = ["item", "-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="unique_library_version")]

    def __str__(self) -> str:
        return f"{self.item} v{self.number}"


# Technology ---------------------------------------------------------------------------------


class Technology(TimeStamped, Versioned):
    """A technical solution in the national catalogue (seed 000, delmål 5)."""

    class Purpose(models.TextChoices):
        VIDEO = "video", _("Videomøter med familier")
        CONVERSATION = "conversation", _("Digitale samtaleverktøy")
        SELF_SERVICE = "self_service", _("Selvbetjening og skjema")
        CASE_SYSTEM = "case_system", _("Moduler i fagsystemet")
        LEARNING = "learning", _("Digital læring og veiledning")
        OTHER = "other", _("Annet")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    purpose = models.CharField(_("formål"), max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    description = models.TextField(_("hva den er til"), max_length=4000, blank=True)
    supplier = models.CharField(_("leverandør"), max_length=200, blank=True)
    cost_per_year = models.DecimalField(
        _("kostnad per år (kr)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost_note = models.CharField(_("om kostnaden"), max_length=300, blank=True)
    url = models.URLField(_("lenke"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        verbose_name = _("teknologi")
        verbose_name_plural = _("teknologier")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TechnologyTrial(Scoped, TimeStamped, Versioned):
    """A service's trial of a technology, and its evaluation."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        ONGOING = "ongoing", _("Pågår")
        IN_USE = "in_use", _("Tatt i bruk")
        STOPPED = "stopped", _("Avsluttet uten videre bruk")

    class Result(models.TextChoices):
        PENDING = "pending", _("Ikke evaluert ennå")
        RECOMMENDED = "recommended", _("Anbefales")
        MIXED = "mixed", _("Blandet erfaring")
        NOT_RECOMMENDED = "not_recommended", _("Anbefales ikke")

    technology = models.ForeignKey(
        Technology, verbose_name=_("teknologi"), on_delete=models.CASCADE, related_name="trials"
    )
    service = models.ForeignKey(
        "organizations.Service", verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="technology_trials"
    )
    goal = models.CharField(_("mål for utprøvingen"), max_length=500)
    started_on = models.DateField(_("startet"))
    ended_on = models.DateField(_("avsluttet"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONGOING)
    result = models.CharField(_("resultat"), max_length=20, choices=Result.choices, default=Result.PENDING)
    evaluation = models.TextField(_("evaluering"), max_length=4000, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = SERVICE_SCOPE

    class Meta:
        verbose_name = _("utprøving")
        verbose_name_plural = _("utprøvinger")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="trial_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.technology} – {self.service}"


# Casework deadlines -------------------------------------------------------------------------


class CaseDeadline(Versioned):
    """One phase of a case and its legal deadline under barnevernsloven 2021, as data with its
    source, so a change in the law is an edit. `indicator_codes` name the statistics indicators that
    measure compliance (first one is the main figure)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    phase = models.CharField(_("fase"), max_length=100)
    section = models.CharField(_("paragraf"), max_length=40)
    title = models.CharField(_("frist"), max_length=200)
    rule = models.TextField(_("regel"), max_length=2000)
    limit_days = models.PositiveSmallIntegerField(_("frist (dager)"), null=True, blank=True)
    limit_months = models.PositiveSmallIntegerField(_("frist (måneder)"), null=True, blank=True)
    special_limit_months = models.PositiveSmallIntegerField(
        _("frist i særlige tilfeller (måneder)"), null=True, blank=True
    )
    ssb_rule = models.CharField(_("SSBs kontroll"), max_length=300, blank=True)
    source_title = models.CharField(_("kilde"), max_length=300)
    source_url = models.URLField(_("lenke til kilde"), max_length=500)
    guidance_url = models.URLField(_("lenke til Bufdirs kvalitetssystem (BFK)"), max_length=500, blank=True)
    indicator_codes = models.JSONField(_("indikatorer"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("saksbehandlingsfrist")
        verbose_name_plural = _("saksbehandlingsfrister")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.section} {self.title}"


# Links into the chain -----------------------------------------------------------------------


class MeasureUse(Scoped, TimeStamped):
    """An intervention used by a measure of a service's competence plan."""

    intervention = models.ForeignKey(
        Intervention, verbose_name=_("tiltak"), on_delete=models.CASCADE, related_name="measure_uses"
    )
    plan_measure = models.ForeignKey(
        "competence.PlanMeasure",
        verbose_name=_("tiltak i kompetanseplan"),
        on_delete=models.CASCADE,
        related_name="knowledge_uses",
    )

    SCOPE_PATHS = _through("plan_measure__plan", SERVICE_SCOPE)

    class Meta:
        verbose_name = _("bruk i kompetanseplan")
        verbose_name_plural = _("bruk i kompetanseplaner")
        constraints = [models.UniqueConstraint(fields=["intervention", "plan_measure"], name="unique_measure_use")]

    def __str__(self) -> str:
        return f"{self.intervention} → {self.plan_measure}"


class ProjectUse(Scoped, TimeStamped):
    """An intervention or a library template used by a network's development project."""

    project = models.ForeignKey(
        "networks.DevelopmentProject",
        verbose_name=_("utviklingsprosjekt"),
        on_delete=models.CASCADE,
        related_name="knowledge_uses",
    )
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("tiltak"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="project_uses",
    )
    library_item = models.ForeignKey(
        LibraryItem, verbose_name=_("mal"), null=True, blank=True, on_delete=models.CASCADE, related_name="project_uses"
    )

    SCOPE_PATHS = _through("project", NETWORK_SCOPE)

    class Meta:
        verbose_name = _("bruk i prosjekt")
        verbose_name_plural = _("bruk i prosjekter")
        constraints = [
            models.CheckConstraint(
                condition=Q(intervention__isnull=False, library_item__isnull=True)
                | Q(intervention__isnull=True, library_item__isnull=False),
                name="project_use_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.intervention or self.library_item} → {self.project}"


class GapNeed(Scoped, TimeStamped):
    """A coverage gap (a recommended measure missing on a level in a municipality) that became a
    need in the service's assessment."""

    need = models.ForeignKey(
        "assessments.Need", verbose_name=_("behov"), on_delete=models.CASCADE, related_name="knowledge_gaps"
    )
    municipality = models.ForeignKey(
        "organizations.Municipality", verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(_("nivå"), max_length=20, choices=Level.choices)
    recommended = models.ForeignKey(
        RecommendedMeasure,
        verbose_name=_("anbefalt hjelpetiltak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gap_needs",
    )

    SCOPE_PATHS = MUNICIPALITY_SCOPE

    class Meta:
        verbose_name = _("dekningsgap som behov")
        verbose_name_plural = _("dekningsgap som behov")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_level_display()}"
