"""Who pays for what, co-payment rates by year, a municipality's cost model and its simulations.

Reference data (the responsibility matrix, the rates, national fallbacks and scenario presets) is
loaded by a data migration from seeds 001/004 and `../shared/DOMAIN.md`/`DOMAIN-2.md`, each row
with its source. A cost model and its simulation runs belong to one municipality.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib.models import Scoped
from fagloft.organizations.models import Municipality, TimeStamped

MUNICIPALITY_SCOPE = {
    "municipality": "municipality",
    "county": "municipality__county_periods__county",
    "service": "municipality__service_coverages__service",
}
MAX_KRONER = 10**11  # 12 digits: more than any municipal budget
MAX_MONTHLY = 10**7


class Regime(models.TextChoices):
    BEFORE = "before", _("Før barnevernsreformen (til og med 2021)")
    TRIAL = "trial", _("Forsøket (2016–2021)")
    REFORM = "reform", _("Barnevernsreformen (fra 2022)")


class Party(models.TextChoices):
    STATE = "state", _("Staten (Bufetat)")
    MUNICIPALITY = "municipality", _("Kommunen")
    SHARED = "shared", _("Delt mellom stat og kommune")
    STATE_WITH_COPAYMENT = "state_copayment", _("Staten, med kommunal egenandel")
    NOT_STATED = "not_stated", _("Ikke oppgitt i kilden")


class MeasureKind(models.TextChoices):
    INSTITUTION = "institution", _("Institusjon")
    INSTITUTION_EM = "institution_em", _("Institusjon for enslige mindreårige fra omsorgssenter/mottak")
    SFFB_RESIDENTIAL = "sffb_residential", _("Senter for foreldre og barn, døgn")
    SFFB_HOME = "sffb_home", _("Senter for foreldre og barn, hjemmebasert")
    SPECIALISED_FOSTER = "specialised_foster", _("Beredskapshjem og spesialiserte fosterhjem")
    MST_FFT = "mst_fft", _("MST og FFT")
    PMTO = "pmto", _("PMTO og De utrolige årene")
    ORDINARY_FOSTER = "ordinary_foster", _("Ordinære fosterhjem (kommunal kostnad)")


# Kinds with a state co-payment rate; ordinary foster homes are the municipality's own cost.
RATED_KINDS = [k for k in MeasureKind if k != MeasureKind.ORDINARY_FOSTER]


class ResponsibilityTask(models.Model):
    """A row of seed 004's task table. The seed lost the first column, so names are reconstructed."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("rekkefølge"))
    name = models.CharField(_("oppgave"), max_length=120)
    name_reconstructed = models.BooleanField(_("navnet er rekonstruert"), default=True)
    note = models.TextField(_("merknad"), blank=True)

    class Meta:
        verbose_name = _("oppgave")
        verbose_name_plural = _("oppgaver")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Responsibility(models.Model):
    task = models.ForeignKey(
        ResponsibilityTask, verbose_name=_("oppgave"), on_delete=models.CASCADE, related_name="cells"
    )
    regime = models.CharField(_("ordning"), max_length=10, choices=Regime.choices)
    responsible = models.CharField(_("ansvarlig"), max_length=20, choices=Party.choices)
    payer = models.CharField(_("betaler"), max_length=20, choices=Party.choices)
    source_text = models.TextField(_("kildetekst"), blank=True)
    source = models.CharField(_("kilde"), max_length=300)

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["task__order", "regime"]
        constraints = [models.UniqueConstraint(fields=["task", "regime"], name="economy_one_cell_per_regime")]

    def __str__(self) -> str:
        return f"{self.task} – {self.get_regime_display()}"


class CoPaymentRate(TimeStamped, Versioned):
    """The municipal co-payment (egenandel) per child per month for a state measure in a year."""

    kind = models.CharField(_("tiltak"), max_length=20, choices=MeasureKind.choices)
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    monthly_rate = models.PositiveIntegerField(
        _("sats per barn per måned (kr)"), validators=[MaxValueValidator(MAX_MONTHLY)]
    )
    # 2022: placements made before the reform keep a lower rate (37 100 for specialised foster homes).
    existing_placement_rate = models.PositiveIntegerField(
        _("sats for plasseringer fra før reformen (kr)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_MONTHLY)],
    )
    confirmed = models.BooleanField(_("bekreftet mot kilden"), default=False)
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    note = models.TextField(_("merknad"), blank=True)

    class Meta:
        verbose_name = _("egenandelssats")
        verbose_name_plural = _("egenandelssatser")
        ordering = ["kind", "year"]
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="economy_one_rate_per_kind_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class NationalRate(models.Model):
    """The fallback when a municipality has no figures of its own: national rates per 1 000 children
    0–17 and typical durations. Derived or assumed figures say so in `source`."""

    kind = models.CharField(_("tiltak"), max_length=20, choices=MeasureKind.choices, unique=True)
    stock_per_1000 = models.DecimalField(
        _("barn i tiltaket ved årets start per 1 000 barn"), max_digits=7, decimal_places=3
    )
    new_per_1000 = models.DecimalField(_("nye tiltak per år per 1 000 barn"), max_digits=7, decimal_places=3)
    mean_months = models.DecimalField(_("gjennomsnittlig varighet (måneder)"), max_digits=6, decimal_places=2)
    sd_months = models.DecimalField(_("standardavvik varighet (måneder)"), max_digits=6, decimal_places=2)
    dispersion = models.DecimalField(_("spredningsparameter"), max_digits=7, decimal_places=3, null=True, blank=True)
    is_assumption = models.BooleanField(_("antakelse"), default=True)
    source = models.TextField(_("kilde"))

    class Meta:
        verbose_name = _("nasjonal rate")
        verbose_name_plural = _("nasjonale rater")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Scenario(TimeStamped, Versioned):
    """A named preset from seed 001's risks, editable by an administrator."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)
    source_text = models.TextField(_("kildetekst"), blank=True)
    institution_factor = models.DecimalField(
        _("faktor for nye institusjonsplasseringer"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
    )
    placement_factor = models.DecimalField(
        _("faktor for alle nye plasseringer"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
    )
    bought_share = models.DecimalField(
        _("andel fosterhjem kjøpt fra Bufetat"),
        max_digits=4,
        decimal_places=3,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    bought_monthly_rate = models.PositiveIntegerField(
        _("pris per måned for kjøpte fosterhjem (kr)"), default=0, validators=[MaxValueValidator(MAX_MONTHLY)]
    )

    class Meta:
        verbose_name = _("risikoscenario")
        verbose_name_plural = _("risikoscenarioer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CountDistribution(models.TextChoices):
    POISSON = "poisson", _("Poisson")
    NEGATIVE_BINOMIAL = "negbin", _("Negativ binomisk (overspredning)")


class DurationDistribution(models.TextChoices):
    LOGNORMAL = "lognormal", _("Lognormal")
    GAMMA = "gamma", _("Gamma")
    FIXED = "fixed", _("Fast varighet")


class InputSource(models.TextChoices):
    KOSTRA = "kostra", _("Kommunens KOSTRA-tall")
    NATIONAL = "national", _("Nasjonal rate skalert til kommunens barnetall")
    ENTERED = "entered", _("Registrert av kommunen")


class CostModel(Scoped, TimeStamped, Versioned):
    """A municipality's inputs for one year: its budget, its own foster-home cost and one line per kind."""

    class Timing(models.TextChoices):
        SPREAD = "spread", _("Jevnt fordelt gjennom året")
        START = "start", _("Alle fra 1. januar (forsiktig anslag)")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="economy_cost_models"
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    budget = models.DecimalField(
        _("budsjett for tiltakene (kr)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    ordinary_foster_monthly_cost = models.PositiveIntegerField(
        _("kostnad per ordinært fosterhjem per måned (kr)"),
        default=0,
        validators=[MaxValueValidator(MAX_MONTHLY)],
    )
    years = models.PositiveSmallIntegerField(
        _("antall år i simuleringen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    timing = models.CharField(
        _("når plasseringene starter"), max_length=10, choices=Timing.choices, default=Timing.SPREAD
    )
    note = models.TextField(_("merknad"), blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = MUNICIPALITY_SCOPE

    class Meta:
        verbose_name = _("kostnadsmodell")
        verbose_name_plural = _("kostnadsmodeller")
        ordering = ["municipality__number", "-year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="economy_one_model_per_year")]

    def __str__(self) -> str:
        return f"{self.municipality.name} {self.year}"


class CostModelLine(models.Model):
    """The inputs for one kind of measure in a cost model."""

    cost_model = models.ForeignKey(
        CostModel, verbose_name=_("kostnadsmodell"), on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("tiltak"), max_length=20, choices=MeasureKind.choices)
    carried_over = models.PositiveSmallIntegerField(
        _("barn i tiltaket ved årets start"), default=0, validators=[MaxValueValidator(5000)]
    )
    carried_source = models.CharField(
        _("kilde for barn ved årets start"), max_length=20, choices=InputSource.choices, default=InputSource.ENTERED
    )
    carried_source_detail = models.CharField(_("kildedetaljer"), max_length=300, blank=True)
    new_per_year = models.DecimalField(
        _("nye tiltak per år (forventet)"),
        max_digits=8,
        decimal_places=3,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(10000)],
    )
    new_source = models.CharField(
        _("kilde for nye tiltak"), max_length=20, choices=InputSource.choices, default=InputSource.ENTERED
    )
    new_source_detail = models.CharField(_("kildedetaljer for nye tiltak"), max_length=300, blank=True)
    count_distribution = models.CharField(
        _("fordeling av antall"),
        max_length=10,
        choices=CountDistribution.choices,
        default=CountDistribution.NEGATIVE_BINOMIAL,
    )
    dispersion = models.DecimalField(
        _("spredningsparameter (k)"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(10000)],
        help_text=_("Lavere k gir mer overspredning; variansen er λ + λ²/k."),
    )
    duration_distribution = models.CharField(
        _("fordeling av varighet"),
        max_length=10,
        choices=DurationDistribution.choices,
        default=DurationDistribution.LOGNORMAL,
    )
    mean_months = models.DecimalField(
        _("gjennomsnittlig varighet (måneder)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0.1), MaxValueValidator(240)],
    )
    sd_months = models.DecimalField(
        _("standardavvik varighet (måneder)"),
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(240)],
    )

    class Meta:
        verbose_name = _("linje i kostnadsmodellen")
        verbose_name_plural = _("linjer i kostnadsmodellen")
        ordering = ["cost_model", "kind"]
        constraints = [models.UniqueConstraint(fields=["cost_model", "kind"], name="economy_one_line_per_kind")]

    def __str__(self) -> str:
        return f"{self.cost_model} – {self.get_kind_display()}"


class SimulationRun(Scoped, models.Model):
    """A stored simulation: its inputs and results as JSON, so a later year can compare with it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Kjører")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="economy_simulations"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    years = models.PositiveSmallIntegerField(_("antall år"), default=1)
    runs = models.PositiveIntegerField(_("antall simuleringer"))
    seed = models.PositiveIntegerField(_("startverdi (seed)"))
    scenario = models.ForeignKey(Scenario, verbose_name=_("scenario"), null=True, blank=True, on_delete=models.SET_NULL)
    scenario_name = models.CharField(_("scenarionavn"), max_length=120, blank=True)
    cost_model_version = models.PositiveIntegerField(_("versjon av kostnadsmodellen"), null=True, blank=True)
    inputs = models.JSONField(_("inndata"), default=dict)
    results = models.JSONField(_("resultater"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done_runs = models.PositiveIntegerField(_("ferdige simuleringer"), default=0)
    message = models.CharField(_("melding"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kjørt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("kjørt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = MUNICIPALITY_SCOPE

    class Meta:
        verbose_name = _("simulering")
        verbose_name_plural = _("simuleringer")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return (
            f"{self.municipality.name} {self.year} ({self.created_at:%Y-%m-%d})"
            if self.created_at
            else str(self.municipality)
        )

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done_runs / self.runs)) if self.runs else 0
