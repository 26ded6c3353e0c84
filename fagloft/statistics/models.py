"""Indicators and their values per unit and period (styringsinformasjon).

Values come from SSB statistics-bank exports, are derived from a service's KOSTRA 15F file, are
computed by other apps (competence publishes FTE, turnover and vacancies), or are entered by hand.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from fagloft.lib.models import Scoped
from fagloft.organizations.models import County, Municipality, Service


class Indicator(models.Model):
    class Better(models.TextChoices):
        HIGHER = "higher", _("Høyere er bedre")
        LOWER = "lower", _("Lavere er bedre")
        NEUTRAL = "neutral", _("Verken høyere eller lavere er bedre")

    class Aggregation(models.TextChoices):
        # How county, national and peer-group values follow from municipality values.
        RATIO = "ratio", _("Sum av tellere delt på sum av nevnere")
        PER_CHILDREN = "per_children", _("Sum av tellere per barn 0–17 år")
        SUM = "sum", _("Sum")
        NONE = "none", _("Kan ikke summeres")

    class Source(models.TextChoices):
        SSB = "ssb", _("SSB-tabell")
        KOSTRA_15F = "kostra_15f", _("Utledet fra KOSTRA 15F-fil")
        OWN = "own", _("Egen registrering")
        COMPUTED = "computed", _("Beregnet fra andre deler av Fagløft")

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name_nb = models.CharField(_("navn (bokmål)"), max_length=300)
    name_nn = models.CharField(_("navn (nynorsk)"), max_length=300, blank=True)
    name_en = models.CharField(_("navn (engelsk)"), max_length=300, blank=True)
    definition = models.TextField(_("definisjon"), blank=True)
    numerator = models.CharField(_("teller"), max_length=300, blank=True)
    denominator = models.CharField(_("nevner"), max_length=300, blank=True)
    unit = models.CharField(
        _("enhet"), max_length=40, help_text=_("For eksempel prosent, antall, kroner, per 1000 barn")
    )
    decimals = models.PositiveSmallIntegerField(_("desimaler"), default=1)
    better = models.CharField(_("retning"), max_length=10, choices=Better.choices, default=Better.NEUTRAL)
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    ssb_table = models.CharField(_("SSB-tabell"), max_length=20, blank=True)
    # Levels the indicator exists for: any of "service", "municipality", "county", "nation".
    levels = models.JSONField(_("nivåer"), default=list)
    aggregation = models.CharField(_("summering"), max_length=20, choices=Aggregation.choices, default=Aggregation.NONE)
    # The value is numerator / denominator × scale (100 for per cent, 1000 for per 1,000 children).
    scale = models.DecimalField(_("skala"), max_digits=10, decimal_places=2, default=1)
    # Where the figure is published or how it is derived (SSB table, KOSTRA 15F rule, own registration).
    source_note = models.CharField(_("kildebeskrivelse"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("rekkefølge"), default=100)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["sort_order", "code"]
        # Lists of values in the indicators' order walk the indicators by this index (see the API).
        indexes = [models.Index(fields=["sort_order", "code"], name="indicator_order_idx")]

    def __str__(self) -> str:
        return self.name

    LEVELS = ("service", "municipality", "county", "nation")

    @property
    def is_kostra_derived(self) -> bool:
        return self.source == self.Source.KOSTRA_15F

    @property
    def name(self) -> str:
        language = (get_language() or "nb")[:2]
        return {"nn": self.name_nn, "en": self.name_en}.get(language) or self.name_nb

    # Definition, numerator, denominator and unit are stored in bokmål (seeded from catalogue.py,
    # editable in the admin) and shown through the app's message catalogue: a seeded text has its
    # nynorsk and English there (`catalogue_messages.py` marks them); a text an administrator has
    # rewritten has no entry and is shown in bokmål as written. No columns to keep in step.
    @property
    def definition_text(self) -> str:
        return gettext(self.definition) if self.definition else ""

    @property
    def numerator_text(self) -> str:
        return gettext(self.numerator) if self.numerator else ""

    @property
    def denominator_text(self) -> str:
        return gettext(self.denominator) if self.denominator else ""

    @property
    def unit_text(self) -> str:
        return gettext(self.unit) if self.unit else ""


class IndicatorValue(Scoped, models.Model):
    """One figure for one unit (exactly one of service, municipality, county, or the nation) and period."""

    class Source(models.TextChoices):
        SSB = "ssb", _("SSB")
        KOSTRA_15F = "kostra_15f", _("Egen KOSTRA 15F-fil")
        MANUAL = "manual", _("Registrert for hånd")
        COMPUTED = "computed", _("Beregnet i Fagløft")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    # 0 for the whole year, 1 or 2 for a half year (some monitor indicators are per half year).
    half = models.PositiveSmallIntegerField(_("halvår"), default=0)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    county = models.ForeignKey(County, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    is_national = models.BooleanField(_("hele landet"), default=False)
    # "s:<id>", "m:<id>", "c:<id>" or "n": the unit in one non-null column, so uniqueness holds on
    # SQLite and PostgreSQL alike (NULLs in the unit columns would otherwise never collide).
    unit_key = models.CharField(_("enhetsnøkkel"), max_length=24, editable=False)
    value = models.DecimalField(_("verdi"), max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("teller"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("nevner"), max_digits=16, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    source_detail = models.CharField(_("kildedetaljer"), max_length=300, blank=True)
    is_preliminary = models.BooleanField(_("foreløpig"), default=False)
    recorded_at = models.DateTimeField(_("registrert"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    SCOPE_PATHS = {
        # A value belongs to a service, a municipality or a county; national values are public
        # to every role that reads statistics (the permission's global rule handles them).
        "service": "service",
        "municipality": "municipality",
        "county": "county",
    }

    class Meta:
        verbose_name = _("indikatorverdi")
        verbose_name_plural = _("indikatorverdier")
        ordering = ["indicator", "year", "half"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service__isnull=False, municipality__isnull=True, county__isnull=True, is_national=False)
                    | Q(service__isnull=True, municipality__isnull=False, county__isnull=True, is_national=False)
                    | Q(service__isnull=True, municipality__isnull=True, county__isnull=False, is_national=False)
                    | Q(service__isnull=True, municipality__isnull=True, county__isnull=True, is_national=True)
                ),
                name="indicator_value_has_one_unit",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "half", "unit_key", "source"],
                name="unique_indicator_value",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "municipality", "year"]),
            models.Index(fields=["indicator", "service", "year"]),
            models.Index(fields=["indicator", "county", "year"]),
            models.Index(fields=["unit_key", "indicator", "year"]),
            # The statistics pages' cache version reads the newest change (`page_cache.data_version`).
            models.Index(fields=["recorded_at"], name="indicator_value_recorded_idx"),
        ]

    def __str__(self) -> str:
        unit = self.service or self.municipality or self.county or _("Hele landet")
        return f"{self.indicator.code} {unit} {self.year}: {self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.unit_key = self.key_for(self.service_id, self.municipality_id, self.county_id, self.is_national)
        super().save(*args, **kwargs)

    @staticmethod
    def key_for(
        service_id: int | None = None,
        municipality_id: int | None = None,
        county_id: int | None = None,
        is_national: bool = False,
    ) -> str:
        if service_id:
            return f"s:{service_id}"
        if municipality_id:
            return f"m:{municipality_id}"
        if county_id:
            return f"c:{county_id}"
        return "n" if is_national else ""

    @property
    def period_label(self) -> str:
        return f"{self.year}" if not self.half else f"{self.year} {self.half}. {_('halvår')}"
