"""The organisation tree: nation > county > municipality > service.

Counties and municipalities keep their official numbers and validity periods, so past structures
can be shown as they were (Finnmark 20 until 2019, Troms og Finnmark 54 in 2020–2023, Finnmark 56
from 2024). A municipality's county can change while its number stays, and a number can change
while the municipality stays (Alta was 2012 until 2019, 5403 in 2020–2023 and 5601 from 2024), so
county affiliation is kept as periods of its own and renumbering as successor links.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib import formatting
from fagloft.lib.models import Scoped, TimeStamped, Validity, ValidityQuerySet
from fagloft.lib.models import today as _today

__all__ = ["Scoped", "TimeStamped", "Validity", "ValidityQuerySet"]


class County(Scoped, TimeStamped, Validity):
    number = models.CharField(_("fylkesnummer"), max_length=2, unique=True)
    name = models.CharField(_("navn"), max_length=200)

    objects = ValidityQuerySet.as_manager()

    # How the access rules reach a county from each kind of membership (see accounts/access.py).
    SCOPE_PATHS = {
        "county": "pk",
        "municipality": "municipality_periods__municipality",
        "service": "municipality_periods__municipality__service_coverages__service",
    }

    class Meta:
        verbose_name = _("fylke")
        verbose_name_plural = _("fylker")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    def municipalities_on(self, day: datetime.date | None = None) -> models.QuerySet[Municipality]:
        day = day or _today()
        periods = CountyMembershipPeriod.objects.filter(county=self).valid_on(day)
        return Municipality.objects.filter(pk__in=periods.values("municipality"))


class Municipality(Scoped, TimeStamped, Validity):
    number = models.CharField(_("kommunenummer"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    # The county it belongs to now (or last belonged to, for a municipality that has ended).
    # The full history is in CountyMembershipPeriod.
    county = models.ForeignKey(County, verbose_name=_("fylke"), on_delete=models.PROTECT, related_name="municipalities")
    successors = models.ManyToManyField(
        "self", verbose_name=_("etterfølgere"), symmetrical=False, related_name="predecessors", blank=True
    )
    # KOSTRA municipality group (kommunegruppe), the peer group used for comparisons.
    kostra_group = models.CharField(_("KOSTRA-gruppe"), max_length=40, blank=True)

    objects = ValidityQuerySet.as_manager()

    SCOPE_PATHS = {
        "county": "county_periods__county",
        "municipality": "pk",
        "service": "service_coverages__service",
    }

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    def audit_scope(self) -> dict[str, int | None]:
        # Kept by hand: access reaches the county through the membership periods (a municipality
        # may have belonged to several), which the derived scope cannot follow. The trail files a
        # change under the county the municipality belongs to now, `county`.
        return {"county_id": self.county_id, "municipality_id": self.pk}


class CountyMembershipPeriod(Validity):
    """Which county a municipality belonged to, and when."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="county_periods"
    )
    county = models.ForeignKey(
        County, verbose_name=_("fylke"), on_delete=models.PROTECT, related_name="municipality_periods"
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("fylkestilhørighet")
        verbose_name_plural = _("fylkestilhørigheter")
        ordering = ["municipality__number", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "county"], name="unique_municipality_county_period")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} i {self.county}"


class Border(models.Model):
    """A county's or municipality's border as GeoJSON geometry (WGS84), and the year of the map."""

    county = models.OneToOneField(County, null=True, blank=True, on_delete=models.CASCADE, related_name="border")
    municipality = models.OneToOneField(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="border"
    )
    year = models.PositiveSmallIntegerField(_("kartår"))
    geometry = models.JSONField(_("geometri"))
    # Bounding box (west, south, east, north), kept so maps can be framed without reading geometry.
    bbox = models.JSONField(_("avgrensning"))
    source = models.CharField(_("kilde"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("grense")
        verbose_name_plural = _("grenser")
        constraints = [
            models.CheckConstraint(
                condition=Q(county__isnull=False, municipality__isnull=True)
                | Q(county__isnull=True, municipality__isnull=False),
                name="border_belongs_to_one_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.county or self.municipality} ({self.year})"


class Population(models.Model):
    """Residents on 1 January of `year`, by single year of age 0–17 and in total (SSB table 07459)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    total = models.PositiveIntegerField(_("innbyggere i alt"))
    children = models.PositiveIntegerField(_("barn 0–17 år"))
    # Single years of age 0..17, in order.
    by_age = models.JSONField(_("etter alder"), default=list)
    source = models.CharField(_("kilde"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("importert"), auto_now=True)

    class Meta:
        verbose_name = _("befolkning")
        verbose_name_plural = _("befolkning")
        ordering = ["municipality__number", "year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="unique_population_year")]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.total}"

    @property
    def child_share(self) -> float | None:
        """Children 0–17 as a percentage of all residents (None without residents)."""
        return self.children * 100 / self.total if self.total else None


class Service(Scoped, Versioned, TimeStamped):
    """A municipal child welfare service (barneverntjeneste); it may serve several municipalities."""

    name = models.CharField(_("navn"), max_length=200)
    host_municipality = models.ForeignKey(
        Municipality, verbose_name=_("vertskommune"), on_delete=models.PROTECT, related_name="hosted_services"
    )
    leader_name = models.CharField(_("leder"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    # Not fields: `served` is set only on the services that queries.services_of returns;
    # `known_leader` and `leader_from_role` by queries.attach_leaders.
    served: list[Municipality]
    known_leader: str
    leader_from_role: bool

    SCOPE_PATHS = {
        "county": "coverages__municipality__county_periods__county",
        "municipality": "coverages__municipality",
        "service": "pk",
    }

    class Meta:
        verbose_name = _("barneverntjeneste")
        verbose_name_plural = _("barneverntjenester")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> dict[str, int | None]:
        # Kept by hand: a service may cover several municipalities (SCOPE_PATHS fan out through
        # `coverages`, so the derived scope would have no county or municipality). The trail files it
        # under its host municipality, the one unit it always has.
        return {
            "county_id": self.host_municipality.county_id,
            "municipality_id": self.host_municipality_id,
            "service_id": self.pk,
        }


class District(Validity):
    """A city district (bydel) of a municipality: in Oslo each has its own child welfare service.

    SSB's region code is the municipality number and the two-digit district number (030102 is
    Grünerløkka), and a KOSTRA 15F file names each client's district (`Individ/@Bydelsnummer`).
    The reference list is `reference/districts.py`; the tree import and a data migration create it.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="districts"
    )
    number = models.CharField(
        _("bydelsnummer"),
        max_length=2,
        validators=[RegexValidator(r"^\d{2}$", _("Bydelsnummeret er to sifre, som 01."))],
    )
    name = models.CharField(_("navn"), max_length=200)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("bydel")
        verbose_name_plural = _("bydeler")
        ordering = ["municipality__number", "number"]
        constraints = [models.UniqueConstraint(fields=["municipality", "number"], name="unique_district_number")]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    @property
    def region(self) -> str:
        """SSB's six-digit region code: municipality number and district number (030102)."""
        return f"{self.municipality.number}{self.number}"


class ServiceCoverage(Validity):
    """That a service serves a municipality, and since when (vertskommunesamarbeid when several).

    With `district` set the service serves only that city district of the municipality (Oslo's
    districts each have their own service); without it, the whole municipality.
    """

    service = models.ForeignKey(Service, verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="coverages")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="service_coverages"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("bydel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coverages",
        help_text=_("Tom: hele kommunen."),
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("dekningsområde")
        verbose_name_plural = _("dekningsområder")
        ordering = ["service__name", "municipality__number", "district__number"]
        constraints = [
            # Two constraints because NULL is never equal to NULL: one for whole municipalities,
            # one for districts (a service may cover several districts from the same day).
            models.UniqueConstraint(
                fields=["service", "municipality", "valid_from"],
                condition=Q(district__isnull=True),
                name="unique_service_coverage",
            ),
            models.UniqueConstraint(
                fields=["service", "municipality", "district", "valid_from"],
                condition=Q(district__isnull=False),
                name="unique_service_district_coverage",
            ),
        ]

    def __str__(self) -> str:
        if self.district is not None:
            return f"{self.service} → {self.municipality}, {self.district.name}"
        return f"{self.service} → {self.municipality}"

    def clean(self) -> None:
        super().clean()
        district = self.district if self.district_id else None
        if district is not None and self.municipality_id and district.municipality_id != self.municipality_id:
            raise ValidationError(
                {
                    "district": _("Bydelen %(district)s hører ikke til %(municipality)s.")
                    % {"district": district.name, "municipality": self.municipality.name}
                }
            )

    def audit_scope(self) -> dict[str, int | None]:
        return {
            "county_id": self.municipality.county_id,
            "municipality_id": self.municipality_id,
            "service_id": self.service_id,
        }


def agreement_upload_path(instance: CooperationAgreement, filename: str) -> str:
    return f"agreements/{timezone.now():%Y}/{filename}"


class CooperationAgreement(Scoped, Versioned, TimeStamped, Validity):
    """A cooperation agreement between municipalities (kommuneloven § 20-2 and others)."""

    class Kind(models.TextChoices):
        HOST_SERVICE = "host_service", _("Vertskommunesamarbeid om barneverntjeneste")
        OUT_OF_HOURS = "out_of_hours", _("Felles barnevernvakt")
        FOSTER_CARE = "foster_care", _("Fosterhjemsarbeid")
        SHARED_MEASURES = "shared_measures", _("Felles tiltak")
        OTHER = "other", _("Annet")

    title = models.CharField(_("tittel"), max_length=300)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    parties = models.ManyToManyField(Municipality, verbose_name=_("parter"), related_name="agreements")
    host = models.ForeignKey(
        Municipality,
        verbose_name=_("vertskommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_agreements",
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    document = models.FileField(_("dokument"), upload_to=agreement_upload_path, blank=True)
    # A draft host-municipality agreement (from an organising proposal) until every party's council
    # has adopted it; agreements recorded by hand are in force.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[("draft", _("Utkast til vedtak")), ("in_force", _("Vedtatt"))],
        default="in_force",
    )
    tasks_delegated = models.TextField(_("oppgaver som delegeres"), max_length=5000, blank=True)
    cost_sharing_key = models.CharField(
        _("fordelingsnøkkel for kostnader"),
        max_length=20,
        blank=True,
        choices=[
            ("children", _("Etter antall barn 0–17 år")),
            ("inhabitants", _("Etter innbyggertall")),
            ("equal", _("Likt per kommune")),
            ("other", _("Annen fordeling")),
        ],
    )
    governance = models.TextField(_("styring og samarbeidsorgan"), max_length=5000, blank=True)
    notice_months = models.PositiveSmallIntegerField(
        _("oppsigelsestid (måneder)"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )

    SCOPE_PATHS = {
        "county": "parties__county_periods__county",
        "municipality": "parties",
        "service": "parties__service_coverages__service",
    }

    class Meta:
        verbose_name = _("samarbeidsavtale")
        verbose_name_plural = _("samarbeidsavtaler")
        ordering = ["-valid_from", "title"]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict[str, int | None]:
        # Kept by hand: the parties are many (SCOPE_PATHS fan out through `parties`, so the derived
        # scope would be empty). The trail files an agreement under its host municipality.
        host = self.host
        return {"county_id": host.county_id if host else None, "municipality_id": self.host_id}


def council_document_path(instance: CouncilHandling, filename: str) -> str:
    return f"council/{instance.year}/{filename}"


class CouncilHandling(Scoped, TimeStamped):
    """That the municipal council (or another body) handled the tilstandsrapport or the plan for
    preventive work (barnevernsloven § 15-3 fifth paragraph; the preventive plan since 2022).

    Lives in the tree, below assessments, so the assessment's leadership question can read it.
    """

    class Kind(models.TextChoices):
        STATUS_REPORT = "status_report", _("Tilstandsrapport")
        PREVENTIVE_PLAN = "preventive_plan", _("Plan for det forebyggende arbeidet")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="council_handlings"
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    date = models.DateField(_("behandlet dato"))
    body = models.CharField(_("organ"), max_length=200, default="Kommunestyret")
    case_number = models.CharField(_("saksnummer"), max_length=60, blank=True)
    decision = models.TextField(_("vedtak"), max_length=20000, blank=True)
    document = models.FileField(_("dokument"), upload_to=council_document_path, max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("registrert av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    SCOPE_PATHS = {
        "county": "municipality__county_periods__county",
        "municipality": "municipality",
        "service": "municipality__service_coverages__service",
    }

    class Meta:
        verbose_name = _("politisk behandling")
        verbose_name_plural = _("politiske behandlinger")
        ordering = ["-year", "-date"]

    def __str__(self) -> str:
        when = formatting.date(self.date)
        return f"{self.get_kind_display()} {self.year}: {self.municipality.name} ({self.body} {when})"

    def audit_scope(self) -> dict[str, int | None]:
        return {"county_id": self.municipality.county_id, "municipality_id": self.municipality_id}


class AgreementAdoption(Scoped, TimeStamped):
    """That one party's council adopted a cooperation agreement (kommuneloven § 20-4), as plan
    adoptions are recorded: one row per party, with date, body and case number."""

    agreement = models.ForeignKey(
        CooperationAgreement, verbose_name=_("avtale"), on_delete=models.CASCADE, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="agreement_adoptions"
    )
    adopted_on = models.DateField(_("vedtaksdato"))
    body = models.CharField(_("organ"), max_length=200, default="Kommunestyret")
    case_number = models.CharField(_("saksnummer"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("registrert av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    SCOPE_PATHS = {
        "county": "municipality__county_periods__county",
        "municipality": "municipality",
        "service": "municipality__service_coverages__service",
    }

    class Meta:
        verbose_name = _("vedtak av samarbeidsavtale")
        verbose_name_plural = _("vedtak av samarbeidsavtaler")
        ordering = ["adopted_on"]
        constraints = [models.UniqueConstraint(fields=["agreement", "municipality"], name="unique_agreement_adoption")]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.municipality.name} {formatting.date(self.adopted_on)}"

    def audit_scope(self) -> dict[str, int | None]:
        return {"county_id": self.municipality.county_id, "municipality_id": self.municipality_id}
