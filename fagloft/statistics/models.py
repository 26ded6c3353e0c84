"""Indicators and their values per unit and period (styringsinformasjon).

Values come from SSB statistics-bank exports, are derived from a service's KOSTRA 15F file, are
computed by other apps (competence publishes FTE, turnover and vacancies), or are entered by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fagloft.organizations.models import County, Municipality, Service


class Indicator(models.Model):
    class Better(models.TextChoices):
        HIGHER = "higher", _("Høyere er bedre")
        LOWER = "lower", _("Lavere er bedre")
        NEUTRAL = "neutral", _("Verken høyere eller lavere er bedre")

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
    unit = models.CharField(_("enhet"), max_length=40, help_text=_("For eksempel prosent, antall, kroner, per 1000 barn"))
    decimals = models.PositiveSmallIntegerField(_("desimaler"), default=1)
    better = models.CharField(_("retning"), max_length=10, choices=Better.choices, default=Better.NEUTRAL)
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    ssb_table = models.CharField(_("SSB-tabell"), max_length=20, blank=True)
    # Levels the indicator exists for: any of "service", "municipality", "county", "nation".
    levels = models.JSONField(_("nivåer"), default=list)
    sort_order = models.PositiveIntegerField(_("rekkefølge"), default=100)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nb")[:2]
        return {"nn": self.name_nn, "en": self.name_en}.get(language) or self.name_nb


class IndicatorValue(models.Model):
    """One figure for one unit (exactly one of service, municipality, county, or the nation) and period."""

    class Source(models.TextChoices):
        SSB = "ssb", _("SSB")
        KOSTRA_15F = "kostra_15f", _("Egen KOSTRA 15F-fil")
        MANUAL = "manual", _("Registrert for hånd")
        COMPUTED = "computed", _("Beregnet i Fagløft")

    indicator = models.ForeignKey(Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE,
                                  related_name="values")
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    # 0 for the whole year, 1 or 2 for a half year (some monitor indicators are per half year).
    half = models.PositiveSmallIntegerField(_("halvår"), default=0)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    county = models.ForeignKey(County, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    is_national = models.BooleanField(_("hele landet"), default=False)
    value = models.DecimalField(_("verdi"), max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("teller"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("nevner"), max_digits=16, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    source_detail = models.CharField(_("kildedetaljer"), max_length=300, blank=True)
    is_preliminary = models.BooleanField(_("foreløpig"), default=False)
    recorded_at = models.DateTimeField(_("registrert"), auto_now=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

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
                fields=["indicator", "year", "half", "service", "municipality", "county", "is_national", "source"],
                name="unique_indicator_value", nulls_distinct=False,
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "municipality", "year"]),
            models.Index(fields=["indicator", "service", "year"]),
            models.Index(fields=["indicator", "county", "year"]),
        ]

    def __str__(self) -> str:
        unit = self.service or self.municipality or self.county or _("Hele landet")
        return f"{self.indicator.code} {unit} {self.year}: {self.value}"
