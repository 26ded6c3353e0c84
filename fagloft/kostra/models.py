"""Validation runs of uploaded KOSTRA 15F files (kontrollkjøringer).

Privacy: the uploaded file (identity numbers, case details) is never stored: it lives in a temp
file only while it is validated. A run keeps the report: findings with the client's journal
number (never the identity number), counts and the derived figures. The findings are visible
only to the user who uploaded the file and are deleted after `KOSTRA_REPORT_RETENTION_DAYS`
(default 7) by `fagloft kostra purge` (`kostra_purge`). The figures are kept only when the
service leader stores them as indicator values (statistics app).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.lib.models import Scoped
from fagloft.organizations.models import Service


def retention_days() -> int:
    return int(getattr(settings, "KOSTRA_REPORT_RETENTION_DAYS", 7))


class ValidationRun(Scoped, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Kontrolleres")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    service = models.ForeignKey(
        Service, verbose_name=_("barneverntjeneste"), on_delete=models.CASCADE, related_name="kostra_runs"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lastet opp av"), on_delete=models.CASCADE, related_name="kostra_runs"
    )
    file_name = models.CharField(_("filnavn"), max_length=200)
    file_size = models.PositiveBigIntegerField(_("filstørrelse"), default=0)
    year = models.PositiveSmallIntegerField(_("rapporteringsår"), null=True, blank=True)
    municipality_number = models.CharField(_("kommunenummer"), max_length=6, blank=True)
    # The city districts (bydeler) the file's clients belong to: two-digit numbers, from the
    # client's Bydelsnummer or else its Bydelsnavn matched to the tree's districts; "" stands for
    # clients with neither. Names that match no district are kept apart. Storing checks them
    # against the service's coverage (`services.not_covered`).
    district_numbers = models.JSONField(_("bydelsnumre i filen"), default=list, blank=True)
    unmatched_district_names = models.JSONField(_("ukjente bydelsnavn i filen"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("fremdrift (prosent)"), default=0)
    readable = models.BooleanField(_("kunne leses"), default=True)
    valid_xml = models.BooleanField(_("gyldig XML"), default=False)
    error_message = models.CharField(_("feilmelding"), max_length=500, blank=True)
    # Findings: [{"rule", "severity", "record" (journal number), "message"}]; never identity numbers.
    findings = models.JSONField(_("funn"), default=list, blank=True)
    summary = models.JSONField(_("sammendrag"), default=dict, blank=True)
    indicators = models.JSONField(_("nøkkeltall"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lastet opp"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    stored_at = models.DateTimeField(_("nøkkeltall lagret"), null=True, blank=True)
    stored_year = models.PositiveSmallIntegerField(_("lagret for år"), null=True, blank=True)

    SCOPE_PATHS = {
        "service": "service",
        "municipality": "service__coverages__municipality",
        "county": "service__coverages__municipality__county_periods__county",
    }

    class Meta:
        verbose_name = _("kontrollkjøring av KOSTRA 15F-fil")
        verbose_name_plural = _("kontrollkjøringer av KOSTRA 15F-filer")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.service})"

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=retention_days())

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def error_count(self) -> int:
        return int(self.summary.get("errors", 0))

    @property
    def warning_count(self) -> int:
        return int(self.summary.get("warnings", 0))

    @classmethod
    def expired(cls, now: datetime.datetime | None = None) -> models.QuerySet[ValidationRun]:
        now = now or timezone.now()
        return cls.objects.filter(created_at__lt=now - datetime.timedelta(days=retention_days()))
