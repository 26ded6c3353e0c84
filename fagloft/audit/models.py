"""The audit trail: who changed what, when. Written in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Verb(models.TextChoices):
        CREATE = "create", _("opprettet")
        UPDATE = "update", _("endret")
        DELETE = "delete", _("slettet")
        IMPORT = "import", _("importert")
        TRANSITION = "transition", _("endret status")
        LOGIN = "login", _("logget inn")
        LOGIN_FAILED = "login_failed", _("mislykket innlogging")
        LOGOUT = "logout", _("logget ut")
        ENROL = "enrol", _("satte opp andre faktor")
        VIEW = "view", _("så personopplysninger")
        EXPORT = "export", _("eksporterte")

    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the trail still names the person after the account is removed.
    actor_name = models.CharField(_("navn på utførende"), max_length=200, blank=True)
    verb = models.CharField(_("handling"), max_length=20, choices=Verb.choices)
    # A dotted label such as "organizations.service" or "assessments.assessment".
    object_type = models.CharField(_("objekttype"), max_length=100, db_index=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("objekt"), max_length=300)
    changes = models.JSONField(_("endringer"), default=dict, blank=True)
    message = models.CharField(_("melding"), max_length=500, blank=True)
    # The units the change concerns, so a county can read the trail for its own units. Plain
    # integers rather than foreign keys: audit sits below organizations and must outlive what it logs.
    county_id = models.BigIntegerField(_("fylke"), null=True, blank=True, db_index=True)
    municipality_id = models.BigIntegerField(_("kommune"), null=True, blank=True, db_index=True)
    service_id = models.BigIntegerField(_("tjeneste"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("endringslogg-hendelse")
        verbose_name_plural = _("endringslogg")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_verb_display()} {self.object_repr}"
