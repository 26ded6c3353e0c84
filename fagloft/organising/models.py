"""Proposals for how a county's municipalities organise the service together, their services, and
the distances the admin corrects by hand (ferries, roads that go round a fjord)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagloft.lib.models import Scoped, TimeStamped

COUNTY_SCOPE = {
    "county": "county",
    "municipality": "county__municipality_periods__municipality",
    "service": "county__municipality_periods__municipality__service_coverages__service",
}


class Proposal(Scoped, TimeStamped):
    """One run of the optimiser for a county with one set of rules, and what it found."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Beregnes")
        DONE = "done", _("Ferdig")
        INFEASIBLE = "infeasible", _("Reglene kan ikke oppfylles")
        FAILED = "failed", _("Feilet")

    county = models.ForeignKey(
        "organizations.County", verbose_name=_("fylke"), on_delete=models.CASCADE, related_name="organising_proposals"
    )
    title = models.CharField(_("navn på forslaget"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år for tallene"))
    rules = models.JSONField(_("regler"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    job_id = models.CharField(_("jobb"), max_length=32, blank=True)
    # The inputs used (per municipality: number, children, FTE and whether estimated; the km matrix).
    inputs = models.JSONField(_("inndata"), default=dict, blank=True)
    objective = models.FloatField(_("målverdi"), null=True, blank=True)
    bound = models.FloatField(_("nedre grense"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    optimal = models.BooleanField(_("bevist optimal"), default=False)
    seconds = models.FloatField(_("sekunder"), null=True, blank=True)
    # Why the rules cannot be met: [{"rule", "municipality", "message"}].
    reasons = models.JSONField(_("begrunnelse"), default=list, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("laget av"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = COUNTY_SCOPE

    class Meta:
        verbose_name = _("organiseringsforslag")
        verbose_name_plural = _("organiseringsforslag")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict[str, int | None]:
        return {"county_id": self.county_id}

    @property
    def gap_percent(self) -> float | None:
        return None if self.gap is None else self.gap * 100

    @property
    def reason_texts(self) -> list[str]:
        """The stored reasons in the reader's language (older rows hold only the bokmål message)."""
        from django.utils.translation import gettext

        from fagloft.lib.messages import render_nested

        return [
            render_nested(r["template"], r.get("params") or {}, gettext) if r.get("template") else r.get("message", "")
            for r in self.reasons
        ]

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.INFEASIBLE, self.Status.FAILED)


class ProposedService(models.Model):
    """A service in a proposal: its host, its members and what they add up to."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("forslag"), on_delete=models.CASCADE, related_name="services")
    host = models.ForeignKey(
        "organizations.Municipality", verbose_name=_("vertskommune"), on_delete=models.CASCADE, related_name="+"
    )
    members = models.ManyToManyField("organizations.Municipality", verbose_name=_("kommuner"), related_name="+")
    fte = models.DecimalField(_("årsverk"), max_digits=8, decimal_places=2, default=Decimal(0))
    fte_estimated = models.BooleanField(_("årsverk anslått"), default=False)
    children = models.PositiveIntegerField(_("barn 0–17 år"), default=0)
    longest_km = models.DecimalField(_("lengste avstand (km)"), max_digits=7, decimal_places=1, default=Decimal(0))
    # Effect and cost risk, worked out when the proposal is made (see queries.service_effect).
    effect = models.JSONField(_("virkning"), default=dict, blank=True)
    agreement = models.ForeignKey(
        "organizations.CooperationAgreement",
        verbose_name=_("avtaleutkast"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organising_services",
    )

    class Meta:
        verbose_name = _("foreslått tjeneste")
        verbose_name_plural = _("foreslåtte tjenester")
        ordering = ["proposal", "host__name"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.host.name}"


class DistanceOverride(Scoped, TimeStamped):
    """The real travel distance between two municipalities where the estimate is wrong (ferry, fjord)."""

    first = models.ForeignKey(
        "organizations.Municipality", verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        "organizations.Municipality", verbose_name=_("til kommune"), on_delete=models.CASCADE, related_name="+"
    )
    km = models.DecimalField(
        _("avstand (km)"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("5000"))],
    )
    note = models.CharField(_("merknad"), max_length=300, blank=True, help_text=_("For eksempel ferje eller vei."))

    SCOPE_PATHS = {
        "county": "first__county_periods__county",
        "municipality": "first",
        "service": "first__service_coverages__service",
    }

    class Meta:
        verbose_name = _("avstand satt for hånd")
        verbose_name_plural = _("avstander satt for hånd")
        ordering = ["first__number", "second__number"]
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="unique_distance_override")]

    def __str__(self) -> str:
        return f"{self.first.name} – {self.second.name}: {self.km} km"

    def audit_scope(self) -> dict[str, int | None]:
        return {"county_id": self.first.county_id, "municipality_id": self.first_id}
