"""The tilstandsrapport: the yearly report on the state of the child welfare service to the council
(barnevernsloven § 15-3 fifth paragraph).

A report belongs to a service and covers one or more of its municipalities (`municipalities`, which
is what access follows): Bufdir lets a shared service write one report per municipality, one for
the whole service, or a shared part plus one part per municipality (`Report.Form`). Its seven
sections are editable texts with their history; the figures beside them are computed from the
other apps and, once frozen, stored in `figures` so the document no longer changes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagloft.audit.concurrency import Versioned
from fagloft.lib.models import Scoped, TimeStamped
from fagloft.organizations.models import County, Municipality, Service

REPORT_SCOPE = {
    "service": "service",
    "municipality": "municipalities",
    "county": "municipalities__county_periods__county",
}


def _service_scope(service: Service) -> dict[str, int | None]:
    host = service.host_municipality
    return {"county_id": host.county_id, "municipality_id": host.pk, "service_id": service.pk}


class SectionKey(models.TextChoices):
    """Bufdir's seven sections, in the template's order."""

    SUMMARY = "summary", _("Sammendrag")
    ABOUT = "about", _("Om barnevernet")
    SERVICE = "service", _("Tjenesten og organiseringen")
    THEMES = "themes", _("Tema og indikatorer")
    COOPERATION = "cooperation", _("Samarbeid med andre sektorer")
    CHALLENGES = "challenges", _("Utfordringer")
    PRIORITIES = "priorities", _("Prioriteringer og tiltak")


class AboutText(Scoped, TimeStamped, Versioned):
    """The «about child welfare» standard text: written once per service, reused every year."""

    service = models.OneToOneField(
        Service, verbose_name=_("tjeneste"), on_delete=models.CASCADE, related_name="report_about_text"
    )
    text = models.TextField(_("tekst"), max_length=20000)

    SCOPE_PATHS = {
        "service": "service",
        "municipality": "service__coverages__municipality",
        "county": "service__coverages__municipality__county_periods__county",
    }

    class Meta:
        verbose_name = _("standardtekst om barnevernet")
        verbose_name_plural = _("standardtekster om barnevernet")

    def __str__(self) -> str:
        return str(self.service)

    def audit_scope(self) -> dict[str, int | None]:
        return _service_scope(self.service)


class Report(Scoped, TimeStamped, Versioned):
    class Form(models.TextChoices):
        MUNICIPALITY = "municipality", _("Én rapport per kommune")
        SERVICE = "service", _("Én rapport for hele tjenesten")
        SHARED = "shared", _("Felles del for tjenesten")
        PART = "part", _("Kommunens egen del")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        READY = "ready", _("Klar for kommunestyret")
        HANDLED = "handled", _("Behandlet")

    service = models.ForeignKey(Service, verbose_name=_("tjeneste"), on_delete=models.PROTECT, related_name="reports")
    # The municipality the report (or part) is for; empty for a whole-service report or a shared part.
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_reports",
    )
    # Every municipality the report covers: what access follows (one for a municipality's report).
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("kommuner"), related_name="+")
    shared_part = models.ForeignKey(
        "self",
        verbose_name=_("felles del"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices, default=Form.MUNICIPALITY)
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("tittel"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The figures frozen on `figures_date`: every figure with its source and date, as JSON.
    figures_date = models.DateField(_("tallene per"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("tallene låst"), null=True, blank=True)
    figures = models.JSONField(_("låste tall"), default=dict, blank=True)
    ready_at = models.DateTimeField(_("klar for kommunestyret"), null=True, blank=True)
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    SCOPE_PATHS = REPORT_SCOPE

    class Meta:
        verbose_name = _("tilstandsrapport")
        verbose_name_plural = _("tilstandsrapporter")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict[str, int | None]:
        scope = _service_scope(self.service)
        if self.municipality is not None:
            scope.update(municipality_id=self.municipality.pk, county_id=self.municipality.county_id)
        return scope

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def is_locked(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def subject(self) -> Municipality | Service:
        """The unit the figures are about: the municipality, or the whole service."""
        return self.municipality if self.municipality is not None else self.service


class Section(Scoped, TimeStamped, Versioned):
    """One section's text. `key` is one of SectionKey, or `themes.<theme>` for a theme's analysis."""

    report = models.ForeignKey(Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("del"), max_length=40)
    text = models.TextField(_("tekst"), max_length=40000, blank=True)
    # False until somebody saves it: the draft then follows the figures when they are frozen anew.
    edited = models.BooleanField(_("redigert"), default=False)

    SCOPE_PATHS = {k: f"report__{v}" for k, v in REPORT_SCOPE.items()}

    class Meta:
        verbose_name = _("del av rapporten")
        verbose_name_plural = _("deler av rapporten")
        ordering = ["report", "key"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="unique_report_section")]

    def __str__(self) -> str:
        return f"{self.report}: {self.key}"

    def audit_scope(self) -> dict[str, int | None]:
        return self.report.audit_scope()


class SectionVersion(Scoped, models.Model):
    """A saved state of a section's text (the history the editor shows and diffs)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versjon"))
    text = models.TextField(_("tekst"), max_length=40000, blank=True)
    saved_at = models.DateTimeField(_("lagret"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_by_name = models.CharField(_("lagret av"), max_length=200, blank=True)

    SCOPE_PATHS = {k: f"section__report__{v}" for k, v in REPORT_SCOPE.items()}

    class Meta:
        verbose_name = _("versjon av en del")
        verbose_name_plural = _("versjoner av deler")
        ordering = ["section", "-number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="unique_section_version")]

    def __str__(self) -> str:
        return f"{self.section} v{self.number}"

    def audit_scope(self) -> dict[str, int | None]:
        return self.section.report.audit_scope()


class Comment(Scoped, models.Model):
    """A comment from the municipal leadership (or the service) on the report or one section."""

    report = models.ForeignKey(Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(_("del"), max_length=40, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(_("navn"), max_length=200)
    text = models.TextField(_("kommentar"), max_length=4000)
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    SCOPE_PATHS = {k: f"report__{v}" for k, v in REPORT_SCOPE.items()}

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"

    def audit_scope(self) -> dict[str, int | None]:
        return self.report.audit_scope()


class Batch(Scoped, TimeStamped):
    """Drafts generated for every municipality of a county (or the nation), one task each."""

    county = models.ForeignKey(
        County, verbose_name=_("fylke"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    total = models.PositiveIntegerField(_("antall"), default=0)
    done = models.PositiveIntegerField(_("ferdige"), default=0)
    failed = models.PositiveIntegerField(_("feilet"), default=0)
    errors = models.JSONField(_("feil"), default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # A national batch (no county) is visible to global roles only.
    SCOPE_PATHS = {
        "service": "county__municipalities__service_coverages__service",
        "municipality": "county__municipalities",
        "county": "county",
    }

    class Meta:
        verbose_name = _("generering av utkast")
        verbose_name_plural = _("genereringer av utkast")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.county or _('Hele landet')} {self.year}"

    @property
    def finished(self) -> bool:
        return self.done + self.failed >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * (self.done + self.failed) / self.total))

    def audit_scope(self) -> dict[str, int | None]:
        return {"county_id": self.county_id}


def section_label(key: str) -> Any:
    return dict(SectionKey.choices).get(key, key)
